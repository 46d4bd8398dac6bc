//! `--format html` end to end: a snapshot of the report of examples/, the page being
//! self-contained (no link leaves it but the rules' policy sources), hostile seller text shown
//! as text, and `-o` writing the page to a file.

use sellerlint::rules::registry::Registry;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn sellerlint(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sellerlint runs");
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin.unwrap_or("").as_bytes())
            .expect("stdin written");
    }
    child.wait_with_output().expect("sellerlint ends")
}

fn html_of(args: &[&str], stdin: Option<&str>) -> String {
    let out = sellerlint(args, stdin);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn examples_html() -> String {
    html_of(&["check", "--format", "html", "examples/"], None)
}

/// Every tag the report itself writes. Seller text can never add one.
const OUR_TAGS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
    "code", "main", "section", "ul", "ol", "li", "span", "dl", "dt", "dd", "nav", "a", "table",
    "caption", "thead", "tbody", "tr", "th", "td", "article", "div", "mark", "strong", "br",
    "footer",
];

fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        out.push(name.to_ascii_lowercase());
    }
    out
}

/// Values of `name="..."` attributes.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = html[start..].find('"').map_or(html.len(), |e| start + e);
            // Attribute values are HTML-escaped; compare them as the browser reads them.
            html[start..end]
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

fn assert_only_our_markup(html: &str) {
    for tag in tags(html) {
        assert!(
            tag == "!doctype" || OUR_TAGS.contains(&tag.as_str()),
            "unexpected tag <{tag}> in the report"
        );
    }
    assert_eq!(
        html.matches("<mark").count(),
        html.matches("</mark>").count()
    );
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("</style>").count(), 1);
}

/// Every in-page reference (aria-describedby, aria-labelledby, `#` links) points at an id,
/// and ids are unique.
fn assert_references_resolve(html: &str) {
    let all_ids = attribute_values(html, "id");
    let ids: BTreeSet<String> = all_ids.iter().cloned().collect();
    assert_eq!(ids.len(), all_ids.len(), "ids are unique");
    let described = attribute_values(html, "aria-describedby");
    let labelled = attribute_values(html, "aria-labelledby");
    let links = attribute_values(html, "href");
    let references = described
        .iter()
        .chain(&labelled)
        .flat_map(|v| v.split_whitespace())
        .chain(links.iter().filter_map(|h| h.strip_prefix('#')));
    for reference in references {
        assert!(ids.contains(reference), "nothing has id {reference}");
    }
}

fn policy_sources() -> BTreeSet<String> {
    Registry::builtin()
        .rules
        .iter()
        .map(|r| r.meta().source.to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn examples_report_snapshot() {
    let html = examples_html();
    // One tag per line, so that snapshot diffs are readable; the version is not content.
    let normalized = html
        .replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
        .replace("><", ">\n<");
    insta::assert_snapshot!("examples_report", normalized);
}

#[test]
fn only_policy_links_leave_the_page() {
    let html = examples_html();
    let sources = policy_sources();
    let hrefs = attribute_values(&html, "href");
    assert!(!hrefs.is_empty());
    let mut external = 0;
    for href in &hrefs {
        if href.starts_with('#') {
            continue;
        }
        assert!(
            sources.contains(href),
            "link to {href} is not a rule's policy source"
        );
        external += 1;
    }
    assert!(external > 0, "the examples' problems link their policy");
    for attr in [
        "src",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
    ] {
        assert!(
            attribute_values(&html, attr).is_empty(),
            "{attr}= in the report"
        );
    }
    let lower = html.to_ascii_lowercase();
    for fetcher in [
        "url(",
        "@import",
        "<link",
        "<script",
        "<img",
        "<iframe",
        "@font-face",
    ] {
        assert!(!lower.contains(fetcher), "{fetcher} in the report");
    }
    assert_only_our_markup(&html);
}

#[test]
fn report_is_a_complete_accessible_document() {
    let html = examples_html();
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<h1>"));
    assert!(html.contains("<th scope=\"col\">Verdict</th>"));
    assert!(html.contains("@media print"));
    // A mark is never colour alone: each highlight ends in a text label naming its rule
    // (two problems on the same words share one mark and have a label each).
    let marks = html.matches("<mark").count();
    assert!(marks > 0);
    let labels = html.matches("<span class=\"tag ").count();
    assert!(labels >= 1, "{labels} labels for {marks} marks");
    // Every highlight names its rule in text and points at its note.
    for (at, _) in html.match_indices("<mark") {
        let tag = &html[at..html[at..].find('>').map_or(html.len(), |e| at + e)];
        assert!(
            tag.contains(" title=\"") && tag.contains(" aria-describedby=\""),
            "{tag}"
        );
    }
    assert!(html.contains(
        "Why it matters: </strong>Amazon sends order, shipping and delivery confirmations itself, with tracking."
    ));
    assert!(html.contains("not permitted"));
    assert!(html.ends_with("</html>\n"));
    assert_references_resolve(&html);
}

const HOSTILE: &str = r#"sequence: "<script>alert('seq')</script>"
messages:
  - id: "\"><img src=x onerror=alert(1)>"
    trigger: shipped
    subject: "</mark><b>bold</b> & more"
    body: |
      <script>alert(1)</script>
      "><img src=x onerror=alert(2)>
      Your order has shipped. </mark></div></body> & &amp; &lt;
  - id: html-body
    format: html
    body: |
      <p>Hi <a href="javascript:alert(3)">click</a></p>
      <style>body{display:none}</style><img src="https://tracker.example/p.gif">
      <p>Your order has shipped</p>
"#;

#[test]
fn hostile_seller_text_is_shown_as_text() {
    let html = html_of(
        &[
            "check",
            "--format",
            "html",
            "--stdin-filename",
            "<script>alert('file')</script>.yaml",
            "-",
        ],
        Some(HOSTILE),
    );
    assert_only_our_markup(&html);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"));
    assert!(!lower.contains("<img"));
    assert!(!lower.contains("javascript:alert(3)\""));
    assert!(!lower.contains("<b>"));
    assert!(!lower.contains("tracker.example/p.gif\""));
    // The seller's text is there, escaped.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;script&gt;alert('seq')&lt;/script&gt;"));
    assert!(html.contains("&lt;script&gt;alert('file')&lt;/script&gt;.yaml"));
    // The image tag is also marked (`style/accessibility`: it has no `alt`): escaped inside
    // the mark.
    assert!(html.contains("&quot;&gt;<mark"));
    assert!(html.contains(">&lt;img src=x onerror=alert(2)&gt;</mark>"));
    assert!(html.contains("&lt;/mark&gt;&lt;b&gt;bold&lt;/b&gt; &amp; more"));
    assert!(html.contains("&amp; &amp;amp; &amp;lt;"));
    assert!(html.contains("&lt;a href=&quot;javascript:alert(3)&quot;&gt;"));
    // Ids built from the seller's text never reach attributes unescaped either.
    for id in attribute_values(&html, "id") {
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{id}"
        );
    }
    // The shipping notice in the hostile body is still marked.
    assert!(html.contains("<mark"));
}

#[test]
fn hostile_text_next_to_a_mark_does_not_break_it() {
    let yaml = "sequence: S\nmessages:\n  - id: m\n    body: \"</mark>Order {{order_id}} has shipped</mark><mark>\"\n";
    let html = html_of(
        &[
            "check",
            "--format",
            "html",
            "--stdin-filename",
            "s.yaml",
            "-",
        ],
        Some(yaml),
    );
    assert_only_our_markup(&html);
    assert!(html.contains("&lt;/mark&gt;<mark"), "{html}");
    assert!(html.contains("&lt;/mark&gt;&lt;mark&gt;"));
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sellerlint-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let path = temp_path("report.html");
    let out = sellerlint(
        &[
            "check",
            "--format",
            "html",
            "-o",
            path.to_str().expect("UTF-8 path"),
            "examples/",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "the examples have errors");
    // The terminal still gets the human report.
    assert!(String::from_utf8_lossy(&out.stdout).contains("problems ("));
    let written = std::fs::read_to_string(&path).expect("report written");
    assert_eq!(written, examples_html());

    // Human output to a file has no colour codes, even when colour is forced.
    let text_path = temp_path("report.txt");
    let out = sellerlint(
        &[
            "check",
            "--color",
            "always",
            "--format",
            "human",
            "--output",
            text_path.to_str().expect("UTF-8 path"),
            "examples/",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&text_path).expect("report written");
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("Reaches opted-out buyers"));

    // An unwritable path is a usage error.
    let out = sellerlint(
        &["check", "-o", "/nonexistent-dir/report.html", "examples/"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}

#[test]
fn human_output_ends_each_sequence_with_its_verdict_table() {
    let out = sellerlint(&["check", "--color", "never", "examples/"], None);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for name in [
        "Engraved cutting board",
        "Chef knife welcome series",
        "Sofa delivery",
    ] {
        assert!(text.contains(&format!("Sequence \"{name}\"")), "{text}");
    }
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("ask-review"))
        .expect("row of ask-review");
    assert!(
        row.contains("delivered + 7d (day 7 after delivery)"),
        "{row}"
    );
    assert!(row.contains("permitted"), "{row}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn files_that_cannot_be_checked_are_listed() {
    let out = sellerlint(
        &[
            "check",
            "--format",
            "html",
            "--stdin-filename",
            "broken<1>.yaml",
            "-",
        ],
        Some("sequence: [unclosed\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    assert_only_our_markup(&html);
    assert!(html.contains("Files that could not be checked"));
    assert!(html.contains("<code>broken&lt;1&gt;.yaml:"), "{html}");
    assert!(html.contains("Checked 0 messages"));
}

#[test]
fn the_whole_corpus_renders_to_a_sound_page() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/cases");
    if !corpus.is_dir() {
        eprintln!("no corpus at {}: skipped", corpus.display());
        return;
    }
    let html = html_of(
        &[
            "check",
            "--format",
            "html",
            corpus.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    assert_only_our_markup(&html);
    assert_references_resolve(&html);
    let sources = policy_sources();
    for href in attribute_values(&html, "href") {
        assert!(href.starts_with('#') || sources.contains(&href), "{href}");
    }
    assert!(html.matches("<article").count() > 100);
}
