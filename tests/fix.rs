//! Before/after tests of the fixer on the fixtures of `tests/fixtures/fix/` (snapshots show
//! the diff, with `␍` for CR and `<BOM>` for a byte-order mark), and of its guarantees:
//! idempotence, abandoning a round that would change other values, atomic writes.

mod common;

use sellerlint::fix::command::{self, FixMode, FixRequest};
use sellerlint::fix::{fix_source, FileFix, FixOptions, FixStatus};
use sellerlint::output::Format;
use sellerlint::run::RunInputs;
use sellerlint::source::SourceFile;
use std::fmt::Write as _;
use std::path::PathBuf;

fn visible(s: &str) -> String {
    s.replace('\u{feff}', "<BOM>").replace('\r', "␍")
}

fn fix_text(name: &str, text: &str, unsafe_fixes: bool) -> FileFix {
    let options = FixOptions {
        unsafe_fixes,
        ..FixOptions::default()
    };
    fix_source(
        SourceFile::new(name, text.to_string()),
        &common::registry(),
        &common::settings(),
        &options,
    )
}

/// The fixture fixed, as a readable report: status, remaining problems, and the diff.
fn fixture(name: &str, unsafe_fixes: bool) -> String {
    let path = common::fixture_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let fix = fix_text(name, &text, unsafe_fixes);
    check_invariants(&fix, unsafe_fixes);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "status: {:?}, fixes applied: {}, rounds: {}",
        fix.status, fix.applied, fix.rounds
    );
    for d in &fix.report.diagnostics {
        let _ = writeln!(
            out,
            "remaining: {}:{} {} ({:?}, {} edits)",
            d.line,
            d.column,
            d.rule,
            d.applicability,
            d.edits.len()
        );
    }
    let diff = similar::TextDiff::from_lines(fix.original.as_str(), fix.fixed.as_str());
    out.push_str(&visible(&diff.unified_diff().context_radius(2).to_string()));
    out
}

/// What must hold for every fixed file: it parses, a second run changes nothing, and a file
/// that did not parse is untouched.
fn check_invariants(fix: &FileFix, unsafe_fixes: bool) {
    if !fix.report.errors.is_empty() {
        assert_eq!(fix.fixed, fix.original, "an unparsable file was changed");
        return;
    }
    let again = fix_text("again", &fix.fixed, unsafe_fixes);
    assert!(
        again.report.errors.is_empty(),
        "the fixed text does not parse"
    );
    assert_eq!(again.fixed, fix.fixed, "a second --fix changed the text");
    assert_eq!(again.applied, 0);
}

#[test]
fn subject_in_every_scalar_style() {
    insta::assert_snapshot!(fixture("subject-styles.yaml", false));
}

#[test]
fn literal_block_with_two_fixes_in_one_scalar() {
    insta::assert_snapshot!(fixture("literal-two-fixes.yaml", false));
}

#[test]
fn folded_block() {
    insta::assert_snapshot!(fixture("folded.yaml", false));
}

#[test]
fn html_bodies() {
    insta::assert_snapshot!(fixture("html.yaml", false));
}

#[test]
fn crlf_and_bom_are_kept() {
    let out = fixture("crlf-bom.yaml", false);
    insta::assert_snapshot!(out);
    let text = std::fs::read_to_string(common::fixture_dir().join("crlf-bom.yaml")).unwrap();
    let fix = fix_text("crlf-bom.yaml", &text, true);
    assert!(fix.fixed.starts_with('\u{feff}'));
    assert_eq!(
        fix.fixed.matches('\n').count(),
        fix.fixed.matches("\r\n").count()
    );
}

#[test]
fn unsafe_fixes_only_on_request() {
    insta::assert_snapshot!("unsubscribe_safe_only", fixture("unsubscribe.yaml", false));
    insta::assert_snapshot!("unsubscribe_with_unsafe", fixture("unsubscribe.yaml", true));
    insta::assert_snapshot!("crlf_bom_with_unsafe", fixture("crlf-bom.yaml", true));
}

#[test]
fn comments_quoting_and_key_order_are_kept() {
    insta::assert_snapshot!(fixture("comments-and-layout.yaml", false));
}

#[test]
fn a_file_that_does_not_parse_is_never_touched() {
    let text = std::fs::read_to_string(common::fixture_dir().join("parse-error.yaml")).unwrap();
    let fix = fix_text("parse-error.yaml", &text, true);
    assert!(!fix.report.errors.is_empty());
    assert_eq!(fix.fixed, text);
    assert_eq!(fix.status, FixStatus::Unchanged);
}

#[test]
fn a_round_that_changes_another_value_is_abandoned() {
    let text = std::fs::read_to_string(common::fixture_dir().join("subject-styles.yaml")).unwrap();
    let registry = common::registry_with(Box::new(common::Vandal));
    let fix = fix_source(
        SourceFile::new("x.yaml", text.clone()),
        &registry,
        &common::settings(),
        &FixOptions::default(),
    );
    assert_eq!(fix.fixed, text, "the file must be left as it was");
    match &fix.status {
        FixStatus::Abandoned(reason) => assert!(reason.contains("message"), "{reason}"),
        other => panic!("expected abandoned, got {other:?}"),
    }
    // What is reported is the original's problems, fixable ones included.
    assert!(fix
        .report
        .diagnostics
        .iter()
        .any(|d| &*d.rule == "test/important-tag"));
}

#[test]
fn fixes_that_never_settle_are_reported() {
    let text = "sequence: s\nmessages:\n  - id: a\n    body: |\n      Hello\n";
    let registry = common::registry_with(Box::new(common::Restless));
    let fix = fix_source(
        SourceFile::new("x.yaml", text.to_string()),
        &registry,
        &common::settings(),
        &FixOptions::default(),
    );
    assert_eq!(fix.status, FixStatus::NotConverged);
    assert_eq!(fix.rounds, sellerlint::fix::MAX_ROUNDS);
    assert!(fix.fixed.contains("Hello!!!!!!!!!!\n"), "{}", fix.fixed);
}

fn temp_copy(names: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = names
        .iter()
        .map(|n| {
            let to = dir.path().join(n);
            std::fs::copy(common::fixture_dir().join(n), &to).unwrap();
            to
        })
        .collect();
    (dir, paths)
}

fn request(mode: FixMode, unsafe_fixes: bool) -> FixRequest {
    FixRequest {
        mode,
        options: FixOptions {
            unsafe_fixes,
            ..FixOptions::default()
        },
        format: Format::Human,
        styled: false,
        max_warnings: None,
    }
}

fn inputs(paths: Vec<PathBuf>) -> RunInputs {
    RunInputs {
        paths,
        stdin_name: None,
        max_file_size: 1 << 20,
    }
}

#[test]
fn fix_writes_files_and_reports_what_remains() {
    let (_dir, mut paths) = temp_copy(&[
        "subject-styles.yaml",
        "parse-error.yaml",
        "unsubscribe.yaml",
    ]);
    // Named twice: fixed once.
    paths.push(paths[0].clone());
    let before: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let out = command::run(
        &inputs(paths.clone()),
        &common::registry(),
        &common::settings(),
        &request(FixMode::Fix, false),
    );
    assert_eq!(out.exit, 2, "a file did not parse: {}", out.stdout);
    let fixed_line = "Fixed 5 problems in 2 files.";
    assert!(out.stdout.contains(fixed_line), "{}", out.stdout);
    let hint = "2 more fixes can be applied with `--unsafe-fixes`";
    assert!(out.stdout.contains(hint), "{}", out.stdout);
    // The unparsable file is byte for byte what it was; the unsafe fixes were not applied.
    assert_eq!(std::fs::read(&paths[1]).unwrap(), before[1]);
    let unsubscribe = std::fs::read_to_string(&paths[2]).unwrap();
    assert!(unsubscribe.contains("To unsubscribe, reply STOP."));
    assert!(unsubscribe.contains("from our review list"));
    let fixed = std::fs::read_to_string(&paths[0]).unwrap();
    assert!(fixed.contains("subject: Your order is on its way   # plain, tag inside"));
    assert!(fixed.contains("subject: 2024 [Important]"));
    // A second run has nothing left to do.
    let again = command::run(
        &inputs(vec![paths[0].clone()]),
        &common::registry(),
        &common::settings(),
        &request(FixMode::Fix, false),
    );
    assert!(
        again.stdout.contains("No fixes applied."),
        "{}",
        again.stdout
    );
    assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), fixed);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, paths) = temp_copy(&["folded.yaml", "html.yaml"]);
    for p in &paths {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = command::run(
        &inputs(paths.clone()),
        &common::registry(),
        &common::settings(),
        &request(FixMode::FixOnly, false),
    );
    assert_eq!(out.exit, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.starts_with("Fixed "), "{}", out.stdout);
    let html = std::fs::read_to_string(&paths[1]).unwrap();
    assert!(!html.contains("open.gif"));
    for p in &paths {
        let mode = std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn diff_writes_nothing_and_exits_1() {
    let (_dir, paths) = temp_copy(&["literal-two-fixes.yaml"]);
    let before = std::fs::read(&paths[0]).unwrap();
    let out = command::run(
        &inputs(paths.clone()),
        &common::registry(),
        &common::settings(),
        &request(FixMode::Diff, false),
    );
    assert_eq!(out.exit, 1);
    assert_eq!(std::fs::read(&paths[0]).unwrap(), before);
    assert!(
        out.stdout
            .contains("-        Please leave us a 5-star review, or a 5 star review\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("+        Please leave us a review, or a review\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("Would fix 2 problems in 1 file."),
        "{}",
        out.stderr
    );
    // Nothing to fix: exit 0 and no diff.
    let clean = _dir.path().join("clean.yaml");
    std::fs::write(
        &clean,
        "sequence: s\nmessages:\n  - id: a\n    body: Thanks.\n",
    )
    .unwrap();
    let out = command::run(
        &inputs(vec![clean]),
        &common::registry(),
        &common::settings(),
        &request(FixMode::Diff, false),
    );
    assert_eq!((out.exit, out.stdout.as_str()), (0, ""));
    assert!(out.stderr.contains("No fixes to apply."), "{}", out.stderr);
}

#[test]
fn a_failure_before_the_rename_leaves_the_original_intact() {
    let (dir, paths) = temp_copy(&["html.yaml"]);
    let before = std::fs::read(&paths[0]).unwrap();
    let err = sellerlint::fix::write::write_atomic_with(&paths[0], b"half-written", || {
        Err(std::io::Error::other("simulated crash"))
    });
    assert!(err.is_err());
    assert_eq!(std::fs::read(&paths[0]).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "the temporary file must not stay behind");
    // And the same path works when nothing fails.
    sellerlint::fix::write::write_atomic(&paths[0], b"sequence: new\n").unwrap();
    assert_eq!(std::fs::read(&paths[0]).unwrap(), b"sequence: new\n");
}

#[cfg(unix)]
#[test]
fn a_symlink_is_followed_not_replaced() {
    let (dir, paths) = temp_copy(&["folded.yaml"]);
    let link = dir.path().join("link.yaml");
    std::os::unix::fs::symlink(&paths[0], &link).unwrap();
    sellerlint::fix::write::write_atomic(&link, b"x: 1\n").unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(&paths[0]).unwrap(), b"x: 1\n");
}

#[test]
fn json_reports_applicability_and_edits() {
    let path = common::fixture_dir().join("subject-styles.yaml");
    let report = sellerlint::run::run(
        &inputs(vec![path]),
        &common::registry(),
        &common::settings(),
    );
    let json = sellerlint::output::render(Format::Json, &report, false);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let first = &diags[0];
    assert_eq!(first["applicability"], "safe");
    let edit = &first["edits"][0];
    // `    subject: Your order [Important] is on its way`: the tag and the space after it.
    assert_eq!(edit["line"], 6);
    assert_eq!(edit["column"], 25);
    assert_eq!(edit["end_line"], 6);
    assert_eq!(edit["end_column"], 37);
    assert_eq!(edit["replacement"], "");
    let manual = diags
        .iter()
        .find(|d| d["message_id"] == "needs-quoting")
        .unwrap();
    assert_eq!(manual["applicability"], "manual");
    assert_eq!(manual["edits"].as_array().unwrap().len(), 0);
}

#[test]
fn diff_marks_a_missing_final_newline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.yaml");
    let text = "sequence: s\nmessages:\n  - id: a\n    subject: '[Important] Hi'\n    body: x";
    std::fs::write(&path, text).unwrap();
    let out = command::run(
        &inputs(vec![path.clone()]),
        &common::registry(),
        &common::settings(),
        &request(FixMode::Diff, false),
    );
    assert_eq!(out.exit, 1);
    assert!(
        out.stdout.contains("+    subject: 'Hi'\n"),
        "{}",
        out.stdout
    );
    // Applying the fix keeps the file without a final newline.
    let fixed = command::run(
        &inputs(vec![path.clone()]),
        &common::registry(),
        &common::settings(),
        &request(FixMode::FixOnly, false),
    );
    assert_eq!(fixed.exit, 0);
    assert!(std::fs::read_to_string(&path).unwrap().ends_with("body: x"));
}

#[test]
fn fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr() {
    let text = "sequence: s\r\nmessages:\r\n  - id: a\r\n    subject: \"[Important] Hi\"  # c\r\n    body: |\r\n      Leave a 5-star review.\r\n      To unsubscribe, reply STOP.\r\n";
    let stdin = Some(Ok(SourceFile::new("<stdin>", text.to_string())));
    let out = command::run_with_stdin(
        &inputs(Vec::new()),
        stdin,
        &common::registry(),
        &common::settings(),
        &request(FixMode::Fix, false),
    );
    assert_eq!(
        out.stdout,
        "sequence: s\r\nmessages:\r\n  - id: a\r\n    subject: \"Hi\"  # c\r\n    body: |\r\n      Leave a review.\r\n      To unsubscribe, reply STOP.\r\n"
    );
    assert!(out.stderr.contains("test/opt-out"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Fixed 2 problems in 1 file."),
        "{}",
        out.stderr
    );
    assert_eq!(out.exit, 1, "the unsafe problem remains");
}

#[test]
fn an_abandoned_fix_is_reported_and_nothing_is_written() {
    let (_dir, paths) = temp_copy(&["subject-styles.yaml"]);
    let before = std::fs::read(&paths[0]).unwrap();
    let registry = common::registry_with(Box::new(common::Vandal));
    let out = command::run(
        &inputs(paths.clone()),
        &registry,
        &common::settings(),
        &request(FixMode::Fix, false),
    );
    assert!(
        out.stderr
            .contains("fixes not applied, the file is left as it was"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("No fixes applied."), "{}", out.stdout);
    assert_eq!(std::fs::read(&paths[0]).unwrap(), before);
}

#[test]
fn explain_says_when_a_rule_fixes_itself() {
    let registry = common::registry();
    let safe = sellerlint::docs::explain(&registry, "test/five-star").unwrap();
    assert!(safe.contains("Automatic fix: yes (safe"), "{safe}");
    let unsafe_ = sellerlint::docs::explain(&registry, "test/opt-out").unwrap();
    assert!(
        unsafe_.contains("Automatic fix: yes (unsafe") && unsafe_.contains("--unsafe-fixes"),
        "{unsafe_}"
    );
}
