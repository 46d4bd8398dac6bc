//! `sellerlint check --fix/--diff/--fix-only` run as a program on real files. The built-in
//! rules of this branch offer no mechanical fix yet, so these tests pin what must hold for
//! every file: nothing unfixable is ever rewritten, stdin round-trips byte for byte, exit
//! codes follow the contract. (Fixes themselves are tested in tests/fix.rs with test rules.)

use std::io::Write;
use std::process::{Command, Stdio};

const SHIPPED: &str = "\u{feff}sequence: s\r\nmessages:\r\n  - id: a   # comment\r\n    body: |\r\n      Good news: your order has shipped!   \r\n";

fn sellerlint(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn temp_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seq.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn diff_with_nothing_to_fix_prints_nothing_and_exits_0() {
    let (_d, path) = temp_file(SHIPPED);
    let (code, out, err) = sellerlint(&["check", "--diff", path.to_str().unwrap()], None);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("No fixes to apply."), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SHIPPED);
}

#[test]
fn fix_reports_what_remains_and_leaves_the_file_alone() {
    let (_d, path) = temp_file(SHIPPED);
    let (code, out, _) = sellerlint(
        &["check", "--fix", "--color", "never", path.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 1, "an error remains: {out}");
    assert!(out.contains("unsolicited/order-confirmation"), "{out}");
    assert!(out.contains("No fixes applied."), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SHIPPED);
}

#[test]
fn fix_only_exits_0() {
    let (_d, path) = temp_file(SHIPPED);
    let (code, out, _) = sellerlint(&["check", "--fix-only", path.to_str().unwrap()], None);
    assert_eq!(code, 0);
    assert_eq!(out, "No fixes applied.\n");
}

#[test]
fn fix_on_stdin_writes_the_text_to_stdout_byte_for_byte() {
    let (code, out, err) = sellerlint(&["check", "--fix", "-"], Some(SHIPPED));
    assert_eq!(out, SHIPPED);
    assert_eq!(code, 1);
    assert!(err.contains("order-confirmation"), "{err}");
}

#[test]
fn an_unparsable_file_is_never_touched() {
    let broken = "sequence: s\nmessages:\n  - id: a\n    subject: [Important] x\n    body: hi\n";
    let (_d, path) = temp_file(broken);
    let (code, _, _) = sellerlint(
        &["check", "--fix", "--unsafe-fixes", path.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn json_shows_applicability_and_edits() {
    let (_d, path) = temp_file(SHIPPED);
    let (_, out, _) = sellerlint(&["check", "--format", "json", path.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["applicability"], "manual");
    assert_eq!(d["edits"], serde_json::json!([]));
}
