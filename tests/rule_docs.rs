//! Rule documentation: the committed pages in `docs/rules/` match what the rules say about
//! themselves, and every rule follows the documentation conventions (Clippy's
//! `lint_message_convention` test, for our metadata).

use sellerlint::rules::registry::Registry;
use std::path::Path;
use std::process::Command;

const DOCS: &str = "docs/rules";

#[test]
fn committed_rule_docs_are_up_to_date() {
    let mut stale = Vec::new();
    for (rel, content) in sellerlint::docs::doc_pages(Registry::builtin()) {
        let current = std::fs::read_to_string(Path::new(DOCS).join(&rel)).unwrap_or_default();
        if current != content {
            stale.push(rel);
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is out of date for {stale:?}; run `cargo run -- docs --out docs/rules`"
    );
}

#[test]
fn docs_check_mode_reports_stale_pages_with_exit_1() {
    let dir = std::env::temp_dir().join(format!("sellerlint-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bin = env!("CARGO_BIN_EXE_sellerlint");
    let check = |dir: &Path| {
        Command::new(bin)
            .args(["docs", "--check", "--out"])
            .arg(dir)
            .status()
            .expect("runs")
            .code()
    };
    assert_eq!(check(&dir), Some(1), "an empty folder is stale");
    let written = Command::new(bin)
        .args(["docs", "--out"])
        .arg(&dir)
        .status()
        .expect("runs");
    assert!(written.success());
    assert_eq!(check(&dir), Some(0));
    assert!(dir.join("README.md").exists());
    assert!(dir.join("type/thank-you-only.md").exists());
    // A page for a rule that no longer exists is stale too.
    std::fs::write(dir.join("type/gone.md"), "old").expect("write");
    assert_eq!(check(&dir), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_rule_is_documented_by_convention() {
    let phrase_rules: Vec<String> = Registry::builtin_phrase_files()
        .into_iter()
        .filter_map(|(_, r)| r.ok())
        .map(|r| sellerlint::rules::Rule::meta(&r).id.to_string())
        .collect();
    for rule in &Registry::builtin().rules {
        let m = rule.meta();
        let id = &m.id;
        let first = m.summary.chars().next().unwrap_or('X');
        assert!(
            !first.is_uppercase(),
            "{id}: the summary starts lowercase: {:?}",
            m.summary
        );
        assert!(
            !m.summary.trim_end().ends_with('.'),
            "{id}: the summary has no trailing period"
        );
        assert!(!m.summary.contains('\n'), "{id}: the summary is one line");
        for (what, text) in [
            ("why", &m.why),
            ("fix", &m.fix),
            ("example_bad", &m.example_bad),
            ("example_good", &m.example_good),
        ] {
            assert!(!text.trim().is_empty(), "{id}: `{what}` is empty");
        }
        assert!(
            m.source.starts_with("http://") || m.source.starts_with("https://"),
            "{id}: `source` is a link: {:?}",
            m.source
        );
        assert_ne!(m.example_bad, m.example_good, "{id}: the examples differ");
        // A structural rule explains how it decides.
        if !phrase_rules.contains(&m.id.to_string()) {
            assert!(
                rule.details().is_some_and(|d| d.len() > 40),
                "{id}: `details()` says how the rule decides"
            );
        }
    }
}

#[test]
fn explain_prints_the_page_and_unknown_rules_suggest_one() {
    let bin = env!("CARGO_BIN_EXE_sellerlint");
    let out = Command::new(bin)
        .args(["explain", "timing/review-window"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "# timing/review-window",
        "## Why it matters",
        "Source: <https://",
        "## Example",
        "## How to fix it",
        "`amazon-2020` error",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
    let out = Command::new(bin)
        .args(["explain", "timing/review-windw"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `timing/review-window`"));
}

#[test]
fn rules_lists_severity_per_profile_as_text_and_json() {
    let bin = env!("CARGO_BIN_EXE_sellerlint");
    let out = Command::new(bin).arg("rules").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("timing/proactive-30-days "))
        .unwrap_or_default();
    let columns: Vec<&str> = line.split_whitespace().collect();
    // id, amazon, amazon-2017, amazon-2020, fix, summary…
    assert_eq!(
        &columns[..5],
        ["timing/proactive-30-days", "error", "off", "error", "-"]
    );

    let out = Command::new(bin)
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rule = json["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "type/thank-you-only")
        .cloned()
        .unwrap_or_default();
    assert_eq!(rule["severity_by_profile"]["amazon-2017"], "info");
    assert_eq!(rule["category"], "type");
    assert_eq!(rule["docs"], "type/thank-you-only.md");
}
