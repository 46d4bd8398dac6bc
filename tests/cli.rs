//! End-to-end tests of the command line on real files: exit statuses, exact positions of
//! matches inside every scalar style, errors that name file:line:column, and the JSON report.

use std::path::Path;
use std::process::{Command, Output};

fn sellerlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .output()
        .expect("run sellerlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = sellerlint(&all);
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

/// (message_id, line, column, end_line, end_column) of every order-confirmation diagnostic.
fn confirmation_positions(report: &serde_json::Value) -> Vec<(String, u64, u64, u64, u64)> {
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "unsolicited/order-confirmation")
        .map(|d| {
            (
                d["message_id"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["end_line"].as_u64().unwrap_or(0),
                d["end_column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn positions_point_at_the_words_in_every_scalar_style() {
    let report = json(&["tests/fixtures/cli/positions.yaml"]);
    let found = confirmation_positions(&report);
    let at = |id: &str| {
        found
            .iter()
            .find(|f| f.0 == id)
            .cloned()
            .unwrap_or_else(|| panic!("no order-confirmation on `{id}`: {found:?}"))
    };
    // literal block: "order {{order_id}} has been shipped" on line 10.
    assert_eq!(at("literal"), ("literal".into(), 10, 23, 10, 58));
    // folded block: the match spans a folded line break, from line 16 to line 17.
    assert_eq!(at("folded"), ("folded".into(), 16, 12, 17, 14));
    // double-quoted subject: the match runs over escapes (`\"`).
    assert_eq!(
        at("double-quoted"),
        ("double-quoted".into(), 20, 15, 20, 65)
    );
    // single-quoted subject: the match runs over a doubled quote (`''`).
    assert_eq!(
        at("single-quoted"),
        ("single-quoted".into(), 24, 15, 24, 67)
    );
    // plain scalar.
    assert_eq!(at("plain"), ("plain".into(), 28, 14, 28, 44));
}

#[test]
fn every_reported_span_slices_the_source_to_the_matched_words() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli/positions.yaml");
    let source = std::fs::read_to_string(path).expect("fixture");
    let lines: Vec<&str> = source.lines().collect();
    let report = json(&["tests/fixtures/cli/positions.yaml"]);
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        let (l, c, el, ec) = (
            d["line"].as_u64().unwrap_or(0) as usize,
            d["column"].as_u64().unwrap_or(0) as usize,
            d["end_line"].as_u64().unwrap_or(0) as usize,
            d["end_column"].as_u64().unwrap_or(0) as usize,
        );
        let Some(matched) = d["matched"].as_str() else {
            continue;
        };
        if l == el {
            // The source is the words as written: escapes (`\"`, `''`) stay escaped there, so
            // compare the first and last words.
            let text: String = lines[l - 1].chars().skip(c - 1).take(ec - c).collect();
            let first = matched.split_whitespace().next().unwrap_or("");
            let last = matched.split_whitespace().last().unwrap_or("");
            assert!(
                text.starts_with(first) && text.ends_with(last),
                "{text:?} / {d}"
            );
        } else {
            let first: String = lines[l - 1].chars().skip(c - 1).collect();
            assert!(
                matched.starts_with(first.trim_end()),
                "{first:?} / {matched:?}"
            );
        }
    }
}

#[test]
fn exit_status_is_1_for_errors_0_for_clean_files_and_2_for_unparsable_ones() {
    assert_eq!(
        sellerlint(&["check", "tests/fixtures/cli/clean.yaml"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        sellerlint(&["check", "tests/fixtures/cli/positions.yaml"])
            .status
            .code(),
        Some(1)
    );
    let out = sellerlint(&[
        "check",
        "tests/fixtures/cli/misspelt-field.yaml",
        "tests/fixtures/cli/positions.yaml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    // The broken file is reported with its position and a suggestion...
    assert!(
        text.contains("tests/fixtures/cli/misspelt-field.yaml:4:5: error: unknown field `bdy`"),
        "{text}"
    );
    assert!(text.contains("did you mean `body`?"), "{text}");
    // ...and the other file is still linted.
    assert!(
        text.contains("positions.yaml:10:23: error[unsolicited/order-confirmation]"),
        "{text}"
    );
}

#[test]
fn human_output_has_a_frame_a_caret_a_help_line_and_a_summary() {
    let out = sellerlint(&[
        "check",
        "--color",
        "never",
        "tests/fixtures/cli/positions.yaml",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("10 |       Good news: your order {{order_id}} has been shipped today."),
        "{text}"
    );
    assert!(
        text.contains("^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ message `literal`"),
        "{text}"
    );
    assert!(text.contains("= help: "), "{text}");
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.contains("problems (") && l.ends_with("in 1 file.")),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes with --color never"
    );
}

#[test]
fn color_always_colours_and_no_color_does_not() {
    let out = sellerlint(&[
        "check",
        "--color",
        "always",
        "tests/fixtures/cli/positions.yaml",
    ]);
    assert!(stdout(&out).contains('\u{1b}'));
    // Piped output in `auto` mode has no colour (the test harness pipes stdout).
    let out = sellerlint(&["check", "tests/fixtures/cli/positions.yaml"]);
    assert!(!stdout(&out).contains('\u{1b}'));
}

#[test]
fn max_warnings_turns_too_many_warnings_into_exit_1() {
    let file = "tests/fixtures/cli/warning-only.yaml";
    let report = json(&[file]);
    let warnings = report["summary"]["warnings"].as_u64().unwrap_or(0);
    let errors = report["summary"]["errors"].as_u64().unwrap_or(0);
    assert!(warnings >= 1 && errors == 0, "{report}");
    assert_eq!(sellerlint(&["check", file]).status.code(), Some(0));
    assert_eq!(
        sellerlint(&["check", "--max-warnings", "0", file])
            .status
            .code(),
        Some(1)
    );
    let n = warnings.to_string();
    assert_eq!(
        sellerlint(&["check", "--max-warnings", &n, file])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn max_file_size_takes_bytes_or_a_unit() {
    let file = "examples/engraved-board.yaml";
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    assert!(size > 1024 && size < 1 << 20, "{size}");
    // Refused below its size, in the unit it was given.
    let refused = sellerlint(&["check", "--max-file-size", "1KiB", file]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stdout(&refused).contains(&format!(
            "{file}: error: the file is {size} bytes, more than the limit of 1024 bytes (1 KiB); \
             raise it with --max-file-size if it is meant to be this large"
        )),
        "{}",
        stdout(&refused)
    );
    // Read at or above it, whichever way the limit is written.
    for limit in ["1MiB", "1 MiB", "2kb", &size.to_string()] {
        let out = sellerlint(&["check", "--format", "json", "--max-file-size", limit, file]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
        assert_eq!(report["summary"]["files_failed"], 0, "{limit}: {report}");
        assert_eq!(report["summary"]["messages"], 3, "{limit}: {report}");
    }
    // A limit that is no size is a usage error that says how to write one.
    let wrong = sellerlint(&["check", "--max-file-size", "64 furlongs", file]);
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        err.contains("'64 furlongs'") && err.contains("64MiB"),
        "{err}"
    );
}

#[test]
fn the_json_report_has_the_documented_fields() {
    let report = json(&["tests/fixtures/cli/positions.yaml"]);
    assert_eq!(report["version"], 1);
    let d = &report["diagnostics"][0];
    for key in [
        "file",
        "rule",
        "severity",
        "message",
        "message_id",
        "field",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
    ] {
        assert!(!d[key].is_null(), "missing `{key}` in {d}");
    }
    assert!(report["errors"].as_array().is_some_and(|e| e.is_empty()));
}

#[test]
fn profile_2017_makes_review_requests_errors() {
    let file = "tests/fixtures/cli/warning-only.yaml";
    let report = json(&["--profile", "amazon-2017", file]);
    let sev: Vec<&str> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "unsolicited/feedback-request")
        .filter_map(|d| d["severity"].as_str())
        .collect();
    assert!(
        !sev.is_empty() && sev.iter().all(|s| *s == "error"),
        "{report}"
    );
    let out = sellerlint(&["check", "--profile", "amazon-2071", file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `amazon-2017`?"));
}
