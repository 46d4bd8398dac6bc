//! The JSON report on real files: the `messages` verdicts, and the whole report validated
//! against the hand-written schema in schema/report.schema.json.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn sellerlint(args: &[&str], stdin: Option<&str>) -> (Value, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sellerlint runs");
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin.unwrap_or("").as_bytes())
            .expect("stdin written");
    }
    let out = child.wait_with_output().expect("sellerlint ends");
    let json = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    (json, out.status.code().unwrap_or(-1))
}

fn schema_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema readable"))
            .expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid(report: &Value) {
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{report:#}");
}

#[test]
fn examples_report_matches_the_schema_and_has_a_verdict_per_message() {
    let (report, code) = sellerlint(&["check", "--format", "json", "examples/"], None);
    assert_eq!(code, 1, "the examples include rule errors");
    assert_valid(&report);
    let messages = report["messages"].as_array().expect("messages array");
    assert_eq!(
        messages.len() as u64,
        report["summary"]["messages"].as_u64().unwrap_or(0)
    );
    let find = |id: &str| {
        messages
            .iter()
            .find(|m| m["message_id"] == id)
            .unwrap_or_else(|| panic!("message {id}"))
    };
    let engraving = find("engraving-text");
    assert_eq!(engraving["verdict"], "critical");
    assert_eq!(engraving["category"], "critical");
    assert_eq!(engraving["reaches_opted_out"], true);
    assert_eq!(engraving["critical_intent"]["purpose"], "customization");
    assert_eq!(engraving["critical_intent"]["declared"], true);
    assert_eq!(engraving["send_day_after_delivery"], Value::Null);
    assert_eq!(engraving["file"], "examples/engraved-board.yaml");
    assert_eq!(engraving["sequence"], "Engraved cutting board");

    let review = find("ask-review");
    assert_eq!(review["trigger"], "delivered");
    assert_eq!(review["delay_hours"], 168);
    assert_eq!(review["send_day_after_delivery"], 7);
    assert_eq!(review["reaches_opted_out"], false);

    // Each message's count agrees with the diagnostics listed for it.
    for m in messages {
        let listed = report["diagnostics"]
            .as_array()
            .map(|ds| {
                ds.iter()
                    .filter(|d| {
                        d["file"] == m["file"]
                            && d["sequence"] == m["sequence"]
                            && d["message_id"] == m["message_id"]
                    })
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(m["diagnostic_count"].as_u64(), Some(listed as u64), "{m}");
        if m["verdict"] == "not-permitted" {
            assert!(m["errors"].as_u64() > Some(0), "{m}");
        }
    }
    let v = &report["verdicts"];
    let total = ["critical", "permitted", "not_permitted"]
        .iter()
        .map(|k| v[k].as_u64().unwrap_or(0))
        .sum::<u64>();
    assert_eq!(total, messages.len() as u64);
}

#[test]
fn a_shipping_notice_is_not_permitted_and_says_why() {
    let yaml = "sequence: S\nmessages:\n  - id: shipped\n    trigger: shipped\n    purpose: delivery-scheduling\n    body: Good news, your order has shipped. Which delivery day would you like?\n";
    let (report, code) = sellerlint(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "s.yaml",
            "-",
        ],
        Some(yaml),
    );
    assert_eq!(code, 1);
    assert_valid(&report);
    let m = &report["messages"][0];
    assert_eq!(m["verdict"], "not-permitted");
    assert_eq!(m["category"], "unsolicited/order-confirmation");
    assert_eq!(m["critical_intent"]["purpose"], "delivery-scheduling");
    assert_eq!(m["reaches_opted_out"], false);
    assert_eq!(m["trigger"], "shipped");
    assert_eq!(m["send_day_after_delivery"], Value::Null);
}

#[test]
fn unparsable_input_still_matches_the_schema() {
    let (report, code) = sellerlint(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "bad.yaml",
            "-",
        ],
        Some("sequence: [unclosed\n"),
    );
    assert_eq!(code, 2);
    assert_valid(&report);
    assert_eq!(report["messages"], serde_json::json!([]));
    assert!(!report["errors"].as_array().is_some_and(|e| e.is_empty()));
}

#[test]
fn the_schema_rejects_a_broken_report() {
    let (mut report, _) = sellerlint(&["check", "--format", "json", "examples/"], None);
    report["messages"][0]["verdict"] = Value::from("maybe");
    assert!(!schema_validator().is_valid(&report));
}
