//! Before/after tests of every built-in rule that fixes itself (Clippy's `.fixed` files):
//! `tests/fixtures/builtin-fixes/NAME.yaml` fixed with `check --fix --unsafe-fixes` must equal
//! `NAME.fixed` byte for byte (comments, quoting, CRLF kept), and a second `--fix` is a no-op.

use std::path::{Path, PathBuf};
use std::process::Command;

const CASES: [(&str, &str); 6] = [
    ("positive-only", "review/positive-only"),
    ("important-tag", "critical/important-tag"),
    ("emoji-crlf", "style/emoji"),
    ("insecure-link", "content/insecure-link"),
    ("tracking-pixel", "content/tracking-pixel"),
    ("line-breaks", "style/line-breaks"),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/builtin-fixes")
}

fn fix(path: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "json",
        ])
        .arg(path)
        .env("NO_COLOR", "1")
        .output()
        .expect("run sellerlint")
}

fn rules_in(report: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(report).expect("a JSON report");
    v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn each_fixable_rule_fixes_its_file_exactly_and_once() {
    let dir = std::env::temp_dir().join(format!("sellerlint-builtin-fixes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, rule) in CASES {
        let before = std::fs::read(fixtures().join(format!("{name}.yaml"))).expect("fixture");
        let expected = std::fs::read(fixtures().join(format!("{name}.fixed"))).expect("fixed");
        assert_ne!(before, expected, "{name}: the fixture must need a fix");
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, &before).expect("copy fixture");

        let first = fix(&path);
        let after = std::fs::read(&path).expect("fixed file");
        assert_eq!(
            String::from_utf8_lossy(&after),
            String::from_utf8_lossy(&expected),
            "{name}"
        );
        assert_eq!(
            after, expected,
            "{name}: byte for byte (line endings included)"
        );
        assert!(
            !rules_in(&first.stdout).iter().any(|r| r == rule),
            "{name}: `{rule}` still reported after --fix: {}",
            String::from_utf8_lossy(&first.stdout)
        );

        fix(&path);
        assert_eq!(
            std::fs::read(&path).expect("file"),
            expected,
            "{name}: a second --fix changed it"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_fixable_builtin_rule_has_a_before_after_case() {
    let registry = sellerlint::rules::registry::Registry::builtin();
    for rule in &registry.rules {
        let meta = rule.meta();
        if meta.fixable == sellerlint::diagnostic::Applicability::Manual
            || meta.id.starts_with("meta/")
        {
            continue;
        }
        assert!(
            CASES.iter().any(|(_, id)| *id == meta.id),
            "`{}` can fix itself but has no before/after case in tests/fixtures/builtin-fixes",
            meta.id
        );
    }
}
