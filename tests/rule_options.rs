//! End-to-end tests of per-rule options (`rule-options` in `.sellerlint.yaml`): the built
//! binary on real files in scratch folders. The first option: `content/phone-number`'s
//! `allow-service-numbers`, off by default.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_sellerlint");

/// A proactive message with a warranty line's number (line 6) and the seller's own (line 7).
const WARRANTY: &str = "sequence: Care
messages:
  - id: warranty-info
    purpose: support
    body: |
      If the grinder stops working, call the Crema warranty line at 1-888-555-0142.
      Oak Hollow Furniture | (415) 555-0199
";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(p, text).unwrap();
}

fn sellerlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Lines of the `content/phone-number` diagnostics in the JSON report.
fn phone_lines(out: &Output) -> Vec<u64> {
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "content/phone-number")
        .map(|d| d["line"].as_u64().unwrap_or(0))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_warranty_number_fires_without_the_option() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "care.yaml", WARRANTY);
    let out = sellerlint(d.path(), &["check", "--format", "json", "care.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(phone_lines(&out), vec![6, 7]);
}

#[test]
fn the_option_keeps_the_warranty_number_and_reports_the_sellers() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".sellerlint.yaml",
        "rule-options:\n  content/phone-number: [allow-service-numbers]\n",
    );
    write(d.path(), "care.yaml", WARRANTY);
    let out = sellerlint(d.path(), &["check", "--format", "json", "care.yaml"]);
    assert_eq!(phone_lines(&out), vec![7], "{}", stderr(&out));
}

#[test]
fn a_per_file_entry_switches_the_option_for_its_files_only() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".sellerlint.yaml",
        "per-file:\n  'legacy/**':\n    rule-options:\n      content/phone-number: [allow-service-numbers]\n",
    );
    write(d.path(), "legacy/care.yaml", WARRANTY);
    write(d.path(), "new/care.yaml", WARRANTY);
    let legacy = sellerlint(d.path(), &["check", "--format", "json", "legacy/care.yaml"]);
    assert_eq!(phone_lines(&legacy), vec![7], "{}", stderr(&legacy));
    let new = sellerlint(d.path(), &["check", "--format", "json", "new/care.yaml"]);
    assert_eq!(phone_lines(&new), vec![6, 7], "{}", stderr(&new));
}

#[test]
fn an_unknown_option_is_a_config_error_listing_the_rules_options() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".sellerlint.yaml",
        "profile: amazon\nrule-options:\n  content/phone-number: [allow-service-number]\n",
    );
    write(d.path(), "care.yaml", WARRANTY);
    let out = sellerlint(d.path(), &["check", "care.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(".sellerlint.yaml:3:26")
            && err.contains("unknown option `allow-service-number` for `content/phone-number`")
            && err.contains("did you mean `allow-service-numbers`?")
            && err.contains("the options of `content/phone-number`: `allow-service-numbers`"),
        "{err}"
    );
}

#[test]
fn an_unknown_rule_is_a_config_error_with_did_you_mean() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".sellerlint.yaml",
        "rule-options:\n  content/phone-numbers:\n    - allow-service-numbers\n",
    );
    write(d.path(), "care.yaml", WARRANTY);
    let out = sellerlint(d.path(), &["check", "care.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(".sellerlint.yaml:2:3")
            && err.contains("unknown rule `content/phone-numbers` in `rule-options`")
            && err.contains("did you mean `content/phone-number`?"),
        "{err}"
    );
}

#[test]
fn a_misspelt_key_suggests_rule_options() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".sellerlint.yaml",
        "rule-option:\n  content/phone-number: [allow-service-numbers]\n",
    );
    write(d.path(), "care.yaml", WARRANTY);
    let out = sellerlint(d.path(), &["check", "care.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `rule-options`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_shows_the_enabled_options() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "care.yaml", WARRANTY);
    let out = sellerlint(d.path(), &["config", "care.yaml"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("rule options: none"), "{text}");
    write(
        d.path(),
        ".sellerlint.yaml",
        "rule-options: {content/phone-number: [allow-service-numbers]}\n",
    );
    let out = sellerlint(d.path(), &["config", "care.yaml"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("rule options:\n  content/phone-number: allow-service-numbers\n"),
        "{text}"
    );
}

#[test]
fn explain_lists_the_rules_options() {
    let d = tempfile::tempdir().unwrap();
    let out = sellerlint(d.path(), &["explain", "content/phone-number"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("## Options")
            && text.contains("- `allow-service-numbers`: Do not report the number of a carrier"),
        "{text}"
    );
    let out = sellerlint(d.path(), &["explain", "review/gating"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!text.contains("## Options"), "{text}");
}

#[test]
fn the_starter_config_mentions_rule_options_and_loads() {
    let d = tempfile::tempdir().unwrap();
    let out = sellerlint(d.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let config = fs::read_to_string(d.path().join(".sellerlint.yaml")).unwrap();
    assert!(config.contains("# rule-options:\n#   content/phone-number: [allow-service-numbers]"));
    // Uncommented, the example is a valid config.
    let enabled = config.replace(
        "# rule-options:\n#   content/phone-number",
        "rule-options:\n  content/phone-number",
    );
    write(d.path(), ".sellerlint.yaml", &enabled);
    write(d.path(), "care.yaml", WARRANTY);
    let out = sellerlint(d.path(), &["check", "--format", "json", "care.yaml"]);
    assert_eq!(phone_lines(&out), vec![7], "{}", stderr(&out));
}
