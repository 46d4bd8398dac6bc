//! `--threads`: the report is the same, in input order, whatever the number of threads; and
//! formats that drop message text early report exactly what they report with it kept.

use std::process::Command;

fn check(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .args(args)
        .env("NO_COLOR", "1")
        .output();
    match out {
        Ok(o) => (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        ),
        Err(e) => panic!("sellerlint did not run: {e}"),
    }
}

/// Several files, some with problems, one missing: enough for threads to finish out of order.
const INPUTS: [&str; 4] = [
    "examples",
    "tests/fixtures/cli",
    "no-such-file.yaml",
    "examples/non-compliant-welcome-series.yaml",
];

#[test]
fn output_is_the_same_on_one_thread_and_many() {
    for format in ["json", "concise", "human"] {
        let mut one = vec!["--format", format, "--threads", "1"];
        one.extend(INPUTS);
        let mut many = vec!["--format", format, "-j", "4"];
        many.extend(INPUTS);
        let (code_one, out_one) = check(&one);
        let (code_many, out_many) = check(&many);
        assert_eq!(code_one, Some(2), "a missing file exits 2");
        assert_eq!(code_one, code_many, "{format}");
        assert_eq!(out_one, out_many, "{format}");
        assert!(
            out_one.contains("non-compliant-welcome-series.yaml"),
            "{out_one}"
        );
    }
}

#[test]
fn files_are_reported_in_input_order() {
    let (_, out) = check(&[
        "--format",
        "concise",
        "-j",
        "4",
        "examples",
        "tests/fixtures/cli",
    ]);
    // Rule diagnostics (file errors are listed first, apart).
    let files: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("]"))
        .filter_map(|l| l.split(':').next())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    let mut deduped = files.clone();
    deduped.dedup();
    let mut sorted = deduped.clone();
    sorted.sort();
    assert!(deduped.len() > 1, "{out}");
    assert_eq!(deduped, sorted, "each file once, in walk order: {out}");
}
