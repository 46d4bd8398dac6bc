//! Reports written as the files are linted, and runs that drop each file's text and model
//! once it is linted (machine formats on stdout), say exactly what the same report says when
//! it is rendered from a run that kept everything (`-o FILE`, where the terminal shows the
//! human report too and nothing is dropped).

use std::path::PathBuf;
use std::process::Command;

/// Files with problems, a clean one, an unparsable one, a missing path and stdin-free
/// directories: every part of a report (diagnostics, errors of both kinds, verdicts).
const INPUTS: [&str; 5] = [
    "examples",
    "tests/fixtures/cli",
    "no-such-file.yaml",
    "tests/fixtures/structural/critical.yaml",
    "examples/non-compliant-welcome-series.yaml",
];

/// `sellerlint check ARGS` from the project root, without colour or GitHub Actions output.
fn check(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap_or_else(|e| panic!("sellerlint did not run: {e}"))
}

/// `check ARGS INPUTS`: its exit status and stdout.
fn run(args: &[&str]) -> (Option<i32>, Vec<u8>) {
    let out = check(&[args, &INPUTS[..]].concat());
    (out.status.code(), out.stdout)
}

fn report_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sellerlint-streaming-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

#[test]
fn machine_formats_on_stdout_match_the_report_of_a_run_that_kept_everything() {
    for format in ["json", "json-lines", "sarif", "concise", "github", "junit"] {
        for threads in ["1", "2"] {
            let (code, stdout) = run(&["--format", format, "--threads", threads]);
            let file = report_file(&format!("{format}-{threads}.out"));
            let path = file.display().to_string();
            let (kept_code, _) = run(&["--format", format, "--threads", threads, "-o", &path]);
            let kept = std::fs::read(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(code, Some(2), "{format}: a missing file exits 2");
            assert_eq!(code, kept_code, "{format} -j {threads}");
            assert!(!stdout.is_empty(), "{format}");
            assert!(
                stdout == kept,
                "{format} -j {threads}: stdout differs from the -o report\n--- stdout\n{}\n--- -o\n{}",
                String::from_utf8_lossy(&stdout),
                String::from_utf8_lossy(&kept)
            );
        }
    }
}

#[test]
fn streamed_reports_exit_status_follows_the_whole_run() {
    // The exit status of a streamed report is decided after the last file, like any other.
    let cases: [(&[&str], i32); 4] = [
        (&["tests/fixtures/cli/clean.yaml"], 0),
        (
            &[
                "tests/fixtures/cli/clean.yaml",
                "examples/non-compliant-welcome-series.yaml",
            ],
            1,
        ),
        (
            &["--exit-zero", "examples/non-compliant-welcome-series.yaml"],
            0,
        ),
        (&["no-such-file.yaml", "examples"], 2),
    ];
    for format in ["json", "concise", "json-lines", "github", "sarif"] {
        for (args, expected) in cases {
            let out = check(&[&["--format", format][..], args].concat());
            assert_eq!(out.status.code(), Some(expected), "{format} {args:?}");
            if format == "sarif" {
                // The log says the same status, written after the last result.
                let log: serde_json::Value =
                    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"));
                let invocation = &log["runs"][0]["invocations"][0];
                assert_eq!(invocation["exitCode"], expected, "{args:?}");
                assert_eq!(invocation["executionSuccessful"], expected != 2, "{args:?}");
            }
        }
    }
}

#[test]
fn a_streamed_sarif_log_says_what_the_kept_one_says_whatever_decides_the_exit_status() {
    // The exit code in the log follows `--exit-zero` and `--max-warnings`, known only once the
    // last file is linted when the log is written as the files come.
    let flag_sets: [&[&str]; 4] = [
        &[],
        &["--exit-zero"],
        &["--max-warnings", "0"],
        &["--max-warnings", "100000"],
    ];
    let inputs: [&[&str]; 2] = [&["examples"], &["tests/fixtures/cli/warning-only.yaml"]];
    let mut statuses = std::collections::BTreeSet::new();
    for (flags, inputs) in flag_sets.iter().flat_map(|f| inputs.map(|i| (*f, i))) {
        let args = [&["--format", "sarif"][..], flags, inputs].concat();
        let streamed = check(&args);
        statuses.insert(streamed.status.code());
        let file = report_file(&format!("sarif{}{}.out", flags.join(""), inputs.len()));
        let path = file.display().to_string();
        let kept_run = check(&[&args[..], &["-o", &path]].concat());
        let kept = std::fs::read(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(streamed.status.code(), kept_run.status.code(), "{flags:?}");
        assert!(
            streamed.stdout == kept,
            "{flags:?}: stdout differs from the -o log\n--- stdout\n{}\n--- -o\n{}",
            String::from_utf8_lossy(&streamed.stdout),
            String::from_utf8_lossy(&kept)
        );
    }
    assert_eq!(
        statuses.len(),
        2,
        "both 0 and 1 are exercised: {statuses:?}"
    );
}

#[test]
fn a_quiet_streamed_concise_report_has_no_summary_line() {
    let loud = check(&[
        "--format",
        "concise",
        "examples/non-compliant-welcome-series.yaml",
    ]);
    let quiet = check(&[
        "--format",
        "concise",
        "--quiet",
        "examples/non-compliant-welcome-series.yaml",
    ]);
    let (loud, quiet) = (
        String::from_utf8_lossy(&loud.stdout),
        String::from_utf8_lossy(&quiet.stdout),
    );
    assert!(
        loud.lines().last().is_some_and(|l| l.starts_with("Found ")),
        "{loud}"
    );
    assert!(!quiet.contains("Found "), "{quiet}");
    assert!(
        !quiet.is_empty() && loud.starts_with(quiet.as_ref()),
        "{quiet}"
    );
}

#[test]
fn the_human_report_is_the_same_when_message_text_is_dropped() {
    // Alone, the human report is written as the files are linted and lets the run drop each
    // file once rendered; next to an HTML report (`-o`), which shows the text, nothing is
    // dropped and the report is rendered from the whole run. Quiet and in colour too.
    let flag_sets: [&[&str]; 3] = [&[], &["--quiet"], &["--color", "always"]];
    for flags in flag_sets {
        let human = [&["--format", "human", "--threads", "2"][..], flags].concat();
        let (code, dropped) = run(&human);
        let file = report_file("report.html");
        let path = file.display().to_string();
        let html = [
            &["--format", "html", "--threads", "2", "-o", &path][..],
            flags,
        ]
        .concat();
        let (kept_code, kept) = run(&html);
        assert_eq!(code, kept_code, "{flags:?}");
        assert_eq!(
            String::from_utf8_lossy(&dropped).contains("Verdict"),
            flags != ["--quiet"],
            "{flags:?}: {}",
            String::from_utf8_lossy(&dropped)
        );
        assert!(
            dropped == kept,
            "{flags:?}\n--- human alone\n{}\n--- human next to -o html\n{}",
            String::from_utf8_lossy(&dropped),
            String::from_utf8_lossy(&kept)
        );
    }
}
