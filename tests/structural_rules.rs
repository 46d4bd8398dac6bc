//! Structural rules end to end: the built binary on the fixture files under
//! `tests/fixtures/structural/`, positive and negative cases for every rule.
//!
//! Positions are asserted exactly where they do not depend on how a YAML scalar maps to the
//! source: values located by the YAML parser (trigger, delay, purpose, attachments) and plain
//! template files, whose body is the file itself, byte for byte.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const DIR: &str = "tests/fixtures/structural";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Diag {
    message_id: String,
    rule: String,
    field: String,
    start: (u64, u64),
    end: (u64, u64),
    message: String,
}

struct Run {
    code: i32,
    diags: Vec<Diag>,
    report: Value,
}

fn run(args: &[&str]) -> Run {
    run_in(Path::new("."), args)
}

/// [`run`] in the folder `dir` (where its configuration applies).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("the binary runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let diags = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| Diag {
            message_id: d["message_id"].as_str().unwrap_or("").to_string(),
            rule: d["rule"].as_str().unwrap_or("").to_string(),
            field: d["field"].as_str().unwrap_or("").to_string(),
            start: (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            ),
            end: (
                d["end_line"].as_u64().unwrap_or(0),
                d["end_column"].as_u64().unwrap_or(0),
            ),
            message: d["message"].as_str().unwrap_or("").to_string(),
        })
        .collect();
    Run {
        code: out.status.code().unwrap_or(-1),
        diags,
        report,
    }
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

impl Run {
    fn on(&self, message_id: &str, rule: &str) -> Vec<&Diag> {
        self.diags
            .iter()
            .filter(|d| d.message_id == message_id && d.rule == rule)
            .collect()
    }

    fn fires(&self, message_id: &str, rule: &str) -> bool {
        !self.on(message_id, rule).is_empty()
    }

    fn one(&self, message_id: &str, rule: &str) -> &Diag {
        let found = self.on(message_id, rule);
        assert_eq!(found.len(), 1, "{rule} on {message_id}: {:#?}", self.diags);
        found[0]
    }

    fn assert_only(&self, rule: &str, expected: &[&str]) {
        let mut got: Vec<&str> = self
            .diags
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.message_id.as_str())
            .collect();
        got.dedup();
        assert_eq!(got, expected, "messages with {rule}");
    }
}

#[test]
fn thank_you_only_in_three_languages_and_never_with_a_purpose() {
    let r = run(&[&fixture("thank-you.yaml")]);
    r.assert_only(
        "type/thank-you-only",
        &[
            "thanks-en",
            "help-only-under-thanks-subject",
            "danke",
            "arigato",
        ],
    );
    // Without a thank-you in the body, the subject's is the one reported.
    assert_eq!(
        r.one("help-only-under-thanks-subject", "type/thank-you-only")
            .field,
        "subject"
    );
}

#[test]
fn thank_you_only_is_info_in_the_2017_profile() {
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(["check", "--format", "json", "--profile", "amazon-2017"])
        .arg(fixture("thank-you.yaml"))
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let severities: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "type/thank-you-only")
        .map(|d| d["severity"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(severities, ["info"; 4]);
    // meta/* are off before 2020.
    assert!(report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .all(|d| d["rule"] != "meta/order-id-missing"));
}

#[test]
fn review_window_counts_hours_days_and_weeks() {
    let r = run(&[&fixture("review-timing.yaml")]);
    r.assert_only(
        "timing/review-window",
        &["day-4-in-hours", "five-weeks", "href-placeholder-early"],
    );
    // The delay value is pointed at: `delay: 96h` on line 6.
    let d = r.one("day-4-in-hours", "timing/review-window");
    assert_eq!(
        (d.field.as_str(), d.start, d.end),
        ("delay", (6, 12), (6, 15))
    );
    assert!(
        d.message.contains("4 days after delivery, before day 5"),
        "{}",
        d.message
    );
    let d = r.one("five-weeks", "timing/review-window");
    assert!(d.message.contains("35 days"), "{}", d.message);
}

#[test]
fn review_window_follows_the_profile() {
    // amazon-2020: the window opens on day 4, so 96h is in time.
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(["check", "--format", "json", "--profile", "amazon-2020"])
        .arg(fixture("review-timing.yaml"))
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "timing/review-window")
        .map(|d| d["message_id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["five-weeks", "href-placeholder-early"]);
}

#[test]
fn proactive_30_days_from_delivery_and_from_the_order() {
    let r = run(&[&fixture("review-timing.yaml")]);
    r.assert_only(
        "timing/proactive-30-days",
        &["five-weeks", "late-tips", "very-late-from-order"],
    );
    let d = r.one("late-tips", "timing/proactive-30-days");
    assert_eq!((d.start, d.end), ((57, 12), (57, 15)));
}

#[test]
fn review_before_delivery_points_at_the_trigger() {
    let r = run(&[&fixture("review-timing.yaml")]);
    r.assert_only("review/before-delivery", &["on-shipping"]);
    let d = r.one("on-shipping", "review/before-delivery");
    assert_eq!(
        (d.field.as_str(), d.start, d.end),
        ("trigger", (37, 14), (37, 21))
    );
}

#[test]
fn repeat_review_requests_are_reported_on_the_later_messages_by_send_time() {
    let r = run(&[&fixture("review-timing.yaml")]);
    // `reminder-2` comes first in the file but goes out after `first-ask`.
    r.assert_only(
        "sequence/repeat-review-request",
        &["day-30-in-hours", "reminder-2", "reminder-3"],
    );
    assert!(r
        .one("reminder-3", "sequence/repeat-review-request")
        .message
        .contains("number 3 for the same order (the first is `first-ask`)"));
    // A review link to Amazon's review page is a request; one per sequence is fine.
    assert!(!r.fires("day-5", "sequence/repeat-review-request"));
    assert!(!r.fires("day-5", "timing/review-window"));
}

#[test]
fn external_links_but_not_amazon_emails_or_files() {
    let r = run(&[&fixture("links.yaml")]);
    r.assert_only(
        "content/external-link",
        &[
            "bare-domain",
            "href-and-same-text",
            "tracking-placeholder",
            "insecure",
            "linked-logo",
        ],
    );
    // The link and the same address as its text count once.
    assert_eq!(r.on("href-and-same-text", "content/external-link").len(), 1);
    assert!(r
        .one("bare-domain", "content/external-link")
        .message
        .contains("`example-shop.com`"));
}

#[test]
fn insecure_links_and_images() {
    let r = run(&[&fixture("links.yaml")]);
    assert_eq!(r.on("insecure", "content/insecure-link").len(), 2);
    r.assert_only("content/insecure-link", &["insecure"]);
}

#[test]
fn tracking_pixels_and_linked_logos() {
    let r = run(&[&fixture("links.yaml")]);
    r.assert_only("content/tracking-pixel", &["pixel", "utm-image"]);
    r.assert_only(
        "content/logo-with-link",
        &["linked-logo", "logo-showing-url"],
    );
}

#[test]
fn attachments_by_file_name() {
    let r = run(&[&fixture("attachments.yaml")]);
    r.assert_only(
        "content/attachment-type",
        &["catalogue", "proof-without-purpose"],
    );
    // The offending file name of the list is pointed at, not the whole list.
    let d = r.one("catalogue", "content/attachment-type");
    assert_eq!(
        (d.field.as_str(), d.start, d.end),
        ("attachments", (9, 36), (9, 61))
    );
}

#[test]
fn important_tag_and_critical_purposes() {
    let r = run(&[&fixture("critical.yaml")]);
    r.assert_only(
        "critical/important-tag",
        &["tagged-question", "tagged-shipping", "tagged-jp"],
    );
    assert!(r
        .one("tagged-shipping", "critical/important-tag")
        .message
        .contains("`[Wichtig]`"));
    r.assert_only("critical/not-critical-content", &["shipped-as-critical"]);
    let d = r.one("shipped-as-critical", "critical/not-critical-content");
    assert_eq!(
        (d.field.as_str(), d.start, d.end),
        ("purpose", (23, 14), (23, 33))
    );
}

#[test]
fn important_tag_is_allowed_on_critical_messages_before_2025() {
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(["check", "--format", "json", "--profile", "amazon-2020"])
        .arg(fixture("critical.yaml"))
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "critical/important-tag")
        .map(|d| d["message_id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["tagged-shipping", "tagged-jp"]);
}

#[test]
fn language_of_the_marketplace_or_the_declared_one() {
    let r = run(&[&fixture("language.yaml")]);
    r.assert_only(
        "meta/language",
        &["english-on-de", "english-for-spanish-buyers"],
    );
    assert!(r
        .one("english-on-de", "meta/language")
        .message
        .contains("written in English, but buyers here read German"));
}

#[test]
fn order_id_placeholders_and_numbers_satisfy_the_rule() {
    let r = run(&[&fixture("attachments.yaml")]);
    r.assert_only(
        "meta/order-id-missing",
        &["catalogue", "proof", "proof-without-purpose"],
    );
}

// Plain template files: exact positions.

#[test]
fn a_text_template_is_one_message_with_exact_positions() {
    let r = run(&[&fixture("templates/thanks.txt")]);
    assert_eq!(r.code, 1);
    let d = r.one("thanks", "type/thank-you-only");
    assert_eq!((d.start, d.end), ((3, 1), (3, 10)));
    let d = r.one("thanks", "meta/order-id-missing");
    assert_eq!(
        (d.field.as_str(), d.start, d.end),
        ("body", (1, 1), (1, 10))
    );
    assert_eq!(r.report["summary"]["messages"], 1);
}

#[test]
fn a_subject_line_emoji_and_bare_domains_in_a_text_template() {
    let r = run(&[&fixture("templates/proof.txt")]);
    let emoji = r.on("proof", "style/emoji");
    assert_eq!(emoji.len(), 2, "{emoji:#?}");
    assert_eq!(
        (emoji[0].field.as_str(), emoji[0].start, emoji[0].end),
        ("subject", (1, 30), (1, 31))
    );
    assert_eq!((emoji[1].start, emoji[1].end), ((3, 34), (3, 35)));
    // ★ is a text symbol, not an emoji.
    assert!(emoji.iter().all(|d| !d.message.contains('★')));
    let d = r.one("proof", "content/external-link");
    assert_eq!((d.start, d.end), ((3, 11), (3, 33)));
    assert!(!r.fires("proof", "meta/order-id-missing"));
}

#[test]
fn an_html_template_points_at_the_attribute() {
    let r = run(&[&fixture("templates/colours.html")]);
    let d = r.one("colours", "content/insecure-link");
    assert_eq!((d.start, d.end), ((2, 59), (2, 90)));
    let d = r.one("colours", "content/external-link");
    assert_eq!((d.start, d.end), ((2, 59), (2, 90)));
    // A literal order id counts.
    assert!(!r.fires("colours", "meta/order-id-missing"));
}

#[test]
fn a_markdown_template_in_german_is_read_as_german() {
    let r = run(&[&fixture("templates/gravur.md")]);
    assert_eq!(r.code, 0, "{:#?}", r.diags);
    assert!(r.diags.is_empty(), "{:#?}", r.diags);
}

#[test]
fn a_bom_does_not_shift_columns() {
    // "shipped today" starts at the 23rd visible character of line 1, after the BOM.
    let r = run(&[&fixture("templates/bom.txt")]);
    let d = r.one("bom", "unsolicited/order-confirmation");
    assert_eq!((d.start, d.end), ((1, 23), (1, 36)));
    assert_eq!(r.report["summary"]["messages"], 1);
}

#[test]
fn directory_walks_still_pick_only_yaml() {
    // The folder holds only templates: a walk lints none of them, and a folder named on the
    // command line with nothing to lint is an error, not a silent pass.
    let r = run(&[&fixture("templates")]);
    assert_eq!(r.report["summary"]["messages"], 0);
    assert_eq!(r.report["errors"].as_array().map(Vec::len), Some(1));
    assert_eq!(r.code, 2);
}

#[test]
fn an_empty_template_is_an_error_with_exit_2() {
    let dir = std::env::temp_dir().join(format!("sellerlint-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("empty.txt");
    std::fs::write(&path, "\n  \n").expect("write");
    let r = run(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(r.code, 2);
    assert!(r.report["errors"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("empty"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_template_from_stdin_is_named_by_stdin_filename() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "welcome.txt",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(b"Thanks for your order! We're here to help.\n")
            .expect("write");
    }
    let out = child.wait_with_output().expect("wait");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or(""))
        .collect();
    assert!(rules.contains(&"type/thank-you-only"), "{rules:?}");
    assert_eq!(report["diagnostics"][0]["message_id"], "welcome");
}

#[test]
fn important_tag_in_a_template_subject_has_a_safe_fix() {
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(["check", "--format", "json"])
        .arg(fixture("templates/important.txt"))
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let d = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "critical/important-tag")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(10))
    );
    assert_eq!(d["end_column"].as_u64(), Some(22), "the tag and its space");
    assert_eq!(d["applicability"], "safe");
    assert_eq!(d["matched"], "[Important]");
}

#[test]
fn the_styling_rules_point_at_the_css_and_tags_of_an_html_template() {
    let r = run(&[&fixture("templates/styled.html")]);
    let at = |rule: &str| -> Vec<((u64, u64), (u64, u64))> {
        r.on("styled", rule)
            .iter()
            .map(|d| (d.start, d.end))
            .collect()
    };
    // In the <style> sheet, then in style attributes.
    assert_eq!(
        at("style/font-override"),
        [((1, 15), (1, 42)), ((3, 26), (3, 40))]
    );
    assert_eq!(at("style/image-width"), [((1, 63), (1, 67))]);
    assert_eq!(at("style/centered"), [((2, 1), (2, 9))]);
    assert_eq!(at("style/gif"), [((2, 32), (2, 66))]);
    assert_eq!(at("style/margins"), [((3, 21), (3, 24))]);
    assert_eq!(at("style/font-sizes"), [((4, 73), (4, 77))]);
    assert_eq!(
        r.one("styled", "style/font-sizes").message,
        "4 font sizes (<h1>, <h2>, 14px, 10px); at most 3"
    );
    assert_eq!(at("style/line-breaks"), [((5, 8), (5, 20))]);
    // A warning, pointing at the link's text.
    assert_eq!(at("style/accessibility"), [((6, 67), (6, 71))]);
    assert_eq!(r.code, 1);
}

#[test]
fn the_styling_rules_on_plain_and_compliant_messages() {
    let r = run(&[&fixture("styling.yaml")]);
    for rule in [
        "style/gif",
        "style/image-width",
        "style/margins",
        "style/font-sizes",
        "style/centered",
        "style/accessibility",
    ] {
        r.assert_only(rule, &[]);
    }
    r.assert_only("style/line-breaks", &["plain-gaps"]);
    assert_eq!(
        r.one("plain-gaps", "style/line-breaks").message,
        "4 line breaks in a row (3 blank lines); at most 2"
    );
    // A value written with entities is pointed at whole: its decoded offsets are not the file's.
    r.assert_only("style/font-override", &["entity-quoted"]);
    let d = r.one("entity-quoted", "style/font-override");
    assert_eq!((d.start, d.end), ((21, 17), (21, 51)));
    // A GIF tracking pixel is reported once, as a tracking pixel.
    assert!(r.fires("tracking-gif", "content/tracking-pixel"));
    assert!(
        r.diags.iter().all(|d| d.message_id != "clean-html"),
        "{:#?}",
        r.diags
    );
}

#[test]
fn the_styling_rules_are_off_in_the_2017_profile() {
    let r = run(&[
        "--profile",
        "amazon-2017",
        &fixture("templates/styled.html"),
        &fixture("styling.yaml"),
    ]);
    let styled: Vec<&Diag> = r
        .diags
        .iter()
        .filter(|d| d.rule.starts_with("style/"))
        .collect();
    assert!(styled.is_empty(), "{styled:#?}");
    // The same files do have styling problems under the current profile.
    assert!(!run(&[&fixture("templates/styled.html")]).diags.is_empty());
}

#[test]
fn message_count_reports_a_sequence_once_on_the_first_message_beyond_the_limit() {
    let r = run(&[&fixture("message-count.yaml")]);
    // Five proactive messages: the order-placed customization question that also asks for a
    // review goes out first, then the shipping note; `care-tips` is the first beyond the
    // limit, and the report names the three beyond it in send order. The two critical
    // messages (a declared customization, an address problem found by its words) are not
    // counted.
    r.assert_only("sequence/message-count", &["care-tips"]);
    let care = r.one("care-tips", "sequence/message-count");
    assert_eq!(care.field, "id");
    assert_eq!((care.start, care.end), ((32, 9), (32, 18)));
    assert_eq!(
        care.message,
        "5 proactive messages to the same order, and more than 2 raise the risk of buyer complaints (setting `max-proactive-messages`); beyond the limit: `care-tips`, `review-day-7` and `last-review`"
    );
    // Two proactive messages and three critical ones (declared, or a proof to approve), and a
    // sequence of two messages: within the limit.
    for quiet in [
        "monogram",
        "delivery-slot",
        "proof",
        "thanks",
        "review",
        "one",
        "two",
    ] {
        assert!(!r.fires(quiet, "sequence/message-count"), "{quiet}");
    }
    // Information only: the exit status follows the other rules' errors.
    assert_eq!(r.report["summary"]["infos"], 1, "{}", r.report["summary"]);
}

#[test]
fn message_count_follows_the_settings_of_the_configuration() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sequences = std::fs::read_to_string(fixture("message-count.yaml")).expect("the fixture");
    std::fs::create_dir(dir.path().join("strict")).expect("a folder");
    std::fs::write(dir.path().join("series.yaml"), &sequences).expect("write");
    std::fs::write(dir.path().join("strict/series.yaml"), &sequences).expect("write");
    std::fs::write(
        dir.path().join(".sellerlint.yaml"),
        "settings:\n  max-proactive-messages: 4\nper-file:\n  'strict/**':\n    settings: {max-proactive-messages: 0}\n",
    )
    .expect("write");
    let lint = |file: &str| -> Vec<String> {
        run_in(dir.path(), &["--select", "sequence/", file])
            .diags
            .into_iter()
            .filter(|d| d.rule == "sequence/message-count")
            .map(|d| format!("{}: {}", d.message_id, d.message))
            .collect()
    };
    assert_eq!(
        lint("series.yaml"),
        ["last-review: 5 proactive messages to the same order, and more than 4 raise the risk of buyer complaints (setting `max-proactive-messages`); beyond the limit: `last-review`"]
    );
    // With a limit of 0, every sequence with a proactive message, on its first one; the
    // critical messages are still not counted.
    assert_eq!(
        lint("strict/series.yaml"),
        [
            "engraving-and-review: 5 proactive messages to the same order, and no proactive message is allowed (setting `max-proactive-messages`); beyond the limit: `engraving-and-review`, `shipped-note`, `care-tips`, `review-day-7` and `last-review`",
            "thanks: 2 proactive messages to the same order, and no proactive message is allowed (setting `max-proactive-messages`); beyond the limit: `thanks` and `review`",
            "one: 2 proactive messages to the same order, and no proactive message is allowed (setting `max-proactive-messages`); beyond the limit: `one` and `two`",
        ]
    );
    // One proactive message with a limit of 0 reads in the singular.
    std::fs::write(
        dir.path().join("strict/one.yaml"),
        "sequence: One\nmessages:\n  - id: only\n    body: \"Order {{order_id}}: thanks for your order.\"\n",
    )
    .expect("write");
    assert_eq!(
        lint("strict/one.yaml"),
        ["only: 1 proactive message to the same order, and no proactive message is allowed (setting `max-proactive-messages`); beyond the limit: `only`"]
    );
    let shown = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .current_dir(dir.path())
        .args(["config", "strict/series.yaml"])
        .output()
        .expect("the binary runs");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("max-proactive-messages               0        (per-file `strict/**`)"),
        "{shown}"
    );
}
