//! Snapshot tests of every output format on the bundled examples (`examples/`), run through
//! the built binary. The tool version is normalised so a release does not churn snapshots.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).

use std::path::Path;
use std::process::Command;

fn report(format: &str) -> (String, Option<i32>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            "examples",
        ])
        .current_dir(root)
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("run sellerlint");
    let text = String::from_utf8_lossy(&out.stdout).replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[VERSION]\"",
    );
    (text, out.status.code())
}

macro_rules! snapshot_test {
    ($name:ident, $format:literal) => {
        #[test]
        fn $name() {
            let (text, code) = report($format);
            assert_eq!(code, Some(1), "the examples include a failing sequence");
            insta::assert_snapshot!(text);
        }
    };
}

snapshot_test!(human, "human");
snapshot_test!(concise, "concise");
snapshot_test!(json, "json");
snapshot_test!(json_lines, "json-lines");
snapshot_test!(sarif, "sarif");
snapshot_test!(github, "github");
snapshot_test!(junit, "junit");

#[test]
fn machine_formats_parse() {
    let (json, _) = report("json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["summary"]["suppressed"], 2);
    let (lines, _) = report("json-lines");
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one object per line");
        assert!(v["kind"] == "diagnostic" || v["kind"] == "error");
    }
    let (sarif, _) = report("sarif");
    let v: serde_json::Value = serde_json::from_str(&sarif).expect("sarif");
    let run = &v["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(run["invocations"][0]["exitCode"], 1);
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][index]["id"],
            result["ruleId"]
        );
        assert_eq!(
            result["partialFingerprints"]["sellerlint/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
}

#[test]
fn fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let body = "sequence: S\nmessages:\n  - id: a\n    body: Your order has shipped!\n";
    let run = |text: &str| {
        std::fs::write(dir.path().join("s.yaml"), text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
            .args(["check", "--no-config", "--format", "sarif", "s.yaml"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let r = &v["runs"][0]["results"][0];
        (
            r["partialFingerprints"]["sellerlint/v1"].clone(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (a, line_a) = run(body);
    let (b, line_b) = run(&format!("# a comment\n# another\n{body}"));
    assert_ne!(line_a, line_b);
    assert_eq!(a, b);
    let (c, _) = run(&body.replace("id: a", "id: b"));
    assert_ne!(a, c);
}

#[test]
fn junit_is_well_formed_with_hostile_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.yaml"),
        "sequence: \"<Tom & Jerry's \\\"deal\\\">\"\nmessages:\n  - id: \"a<&>\\u0001\"\n    body: Your order has shipped!\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(["check", "--no-config", "--format", "junit", "s.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.contains("classname=\"s.yaml.&lt;Tom &amp; Jerry&apos;s &quot;deal&quot;&gt;\""),
        "{xml}"
    );
    assert!(xml.contains("name=\"a&lt;&amp;&gt;\""), "{xml}");
    assert!(!xml.contains('\u{1}'));
}
