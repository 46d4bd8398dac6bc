//! Verdict unit tests on constructed diagnostics, so that they hold whatever the detection
//! rules find.

use super::*;
use crate::diagnostic::{Applicability, Field};
use crate::parse::parse_file;
use crate::source::SourceFile;

/// One parsed message with the given extra YAML keys (purpose, trigger, delay...).
fn message(keys: &str, body: &str) -> Message {
    let mut yaml = String::from("sequence: Test\nmessages:\n  - id: m1\n");
    for line in keys.lines() {
        yaml.push_str(&format!("    {line}\n"));
    }
    yaml.push_str("    body: |\n");
    for line in body.lines() {
        yaml.push_str(&format!("      {line}\n"));
    }
    let source = SourceFile::new("t.yaml", yaml);
    let mut sequences = parse_file(&source).unwrap_or_else(|e| panic!("{e:?}"));
    sequences.remove(0).messages.remove(0)
}

fn diag(rule: &str, severity: Severity) -> Diagnostic {
    Diagnostic {
        file: "t.yaml".into(),
        rule: rule.into(),
        severity,
        message: "constructed".into(),
        message_id: "m1".into(),
        sequence: "Test".into(),
        field: Field::Body,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 2,
        fix: "fix it".into(),
        applicability: Applicability::Manual,
        matched: None,
        edits: Box::default(),
        span: 0..1,
        order: (0, 0),
        url: None,
    }
}

fn judge(m: &Message, diagnostics: &[Diagnostic]) -> MessageVerdict {
    let refs: Vec<&Diagnostic> = diagnostics.iter().collect();
    classify(0, m, critical_intent(m, content_evidence(m)), &refs)
}

const NEUTRAL: &str = "Hi {{buyer_name}},\nThank you for your order.\nGrain & Ember";

#[test]
fn declared_critical_without_problems_is_critical_and_reaches_everyone() {
    let m = message("purpose: customization\ntrigger: order-placed", NEUTRAL);
    let v = judge(&m, &[]);
    assert_eq!(v.verdict, Verdict::Critical);
    assert_eq!(v.category, "critical");
    assert!(v.reaches_opted_out);
    assert_eq!(
        v.critical_intent,
        Some(CriticalIntent {
            purpose: CriticalPurpose::Customization,
            declared: true
        })
    );
    assert_eq!(v.category_label(), "critical: customization question");
    assert_eq!(v.problems(), 0);
}

#[test]
fn declared_purpose_spellings_count() {
    for p in ["Delivery_Scheduling", "customisation", "address issue"] {
        let m = message(&format!("purpose: {p}"), NEUTRAL);
        assert_eq!(judge(&m, &[]).verdict, Verdict::Critical, "{p}");
    }
    let m = message("purpose: review-request", NEUTRAL);
    assert_eq!(judge(&m, &[]).verdict, Verdict::Permitted);
}

#[test]
fn critical_with_a_warning_outside_type_rules_stays_critical() {
    let m = message("purpose: address-issue", NEUTRAL);
    let v = judge(&m, &[diag("style/spelling-grammar", Severity::Warning)]);
    assert_eq!(v.verdict, Verdict::Critical);
    assert_eq!(v.category, "critical");
    assert!(v.reaches_opted_out);
    assert_eq!((v.errors, v.warnings, v.infos), (0, 1, 0));
}

#[test]
fn customization_with_a_review_request_ps_is_no_longer_critical() {
    let m = message("purpose: customization", NEUTRAL);
    let v = judge(
        &m,
        &[
            diag("review/amazon-already-asks", Severity::Info),
            diag("unsolicited/feedback-request", Severity::Warning),
        ],
    );
    assert_eq!(v.verdict, Verdict::Permitted);
    assert_eq!(v.category, "unsolicited/feedback-request");
    assert!(!v.reaches_opted_out);
    assert!(v.lost_critical_status());
    assert_eq!(
        v.category_label(),
        "unsolicited/feedback-request (critical in intent: customization question)"
    );
}

#[test]
fn critical_with_an_external_link_is_not_permitted_but_critical_in_intent() {
    let m = message("purpose: customization", NEUTRAL);
    let v = judge(&m, &[diag("content/external-link", Severity::Error)]);
    assert_eq!(v.verdict, Verdict::NotPermitted);
    assert_eq!(v.category, "content/external-link");
    assert!(v.category_label().contains("critical in intent"));
    // Still a critical message: Amazon delivers it to everyone, link included.
    assert!(v.reaches_opted_out);
}

#[test]
fn critical_with_marketing_is_not_permitted_and_no_longer_reaches_everyone() {
    let m = message("purpose: delivery-scheduling", NEUTRAL);
    let v = judge(
        &m,
        &[
            diag("content/external-link", Severity::Error),
            diag("type/marketing", Severity::Error),
        ],
    );
    assert_eq!(v.verdict, Verdict::NotPermitted);
    // Among errors, the one that says what kind of message it is decides.
    assert_eq!(v.category, "type/marketing");
    assert!(!v.reaches_opted_out);
}

#[test]
fn mislabeled_critical_purpose_is_disqualified() {
    let m = message("purpose: customization", NEUTRAL);
    let v = judge(
        &m,
        &[diag("critical/not-critical-content", Severity::Error)],
    );
    assert_eq!(v.verdict, Verdict::NotPermitted);
    assert!(!v.reaches_opted_out);
}

#[test]
fn important_tag_on_a_critical_message_keeps_it_critical_in_kind() {
    let m = message("purpose: address-issue", NEUTRAL);
    let v = judge(&m, &[diag("critical/important-tag", Severity::Error)]);
    assert_eq!(v.verdict, Verdict::NotPermitted);
    assert_eq!(v.category, "critical/important-tag");
    assert!(v.reaches_opted_out);
}

#[test]
fn review_rules_alone_also_take_critical_status_away() {
    // Even with `unsolicited/feedback-request` switched off, a gated review ask is a review
    // request.
    let m = message("purpose: customization", NEUTRAL);
    let v = judge(&m, &[diag("review/gating", Severity::Error)]);
    assert!(!v.reaches_opted_out);
    let v = judge(&m, &[diag("timing/review-window", Severity::Warning)]);
    assert_eq!(v.verdict, Verdict::Permitted);
}

#[test]
fn plain_message_without_problems_is_permitted_with_no_problem() {
    let m = message("trigger: delivered\ndelay: 7d", NEUTRAL);
    let v = judge(&m, &[]);
    assert_eq!(v.verdict, Verdict::Permitted);
    assert_eq!(v.category, "no-problem");
    assert_eq!(v.category_label(), "no problem found");
    assert!(!v.reaches_opted_out);
    assert!(v.critical_intent.is_none());
    assert!(!v.lost_critical_status());
}

#[test]
fn warnings_and_infos_keep_a_message_permitted_and_the_warning_decides() {
    let m = message("", NEUTRAL);
    let v = judge(
        &m,
        &[
            diag("review/amazon-already-asks", Severity::Info),
            diag("style/accessibility", Severity::Warning),
        ],
    );
    assert_eq!(v.verdict, Verdict::Permitted);
    assert_eq!(v.category, "style/accessibility");
    let v = judge(&m, &[diag("review/amazon-already-asks", Severity::Info)]);
    assert_eq!(v.category, "review/amazon-already-asks");
}

#[test]
fn errors_make_any_message_not_permitted_first_in_source_order_decides() {
    let m = message("", NEUTRAL);
    let v = judge(
        &m,
        &[
            diag("content/phone-number", Severity::Error),
            diag("style/emoji", Severity::Error),
            diag("unsolicited/feedback-request", Severity::Warning),
        ],
    );
    assert_eq!(v.verdict, Verdict::NotPermitted);
    assert_eq!(v.category, "content/phone-number");
    assert_eq!(v.problems(), 3);
}

#[test]
fn content_evidence_makes_an_undeclared_message_critical() {
    let m = message(
        "purpose: review-request",
        "Hi,\nThe ZIP code is missing from your address.\nCould you reply with the corrected ZIP?",
    );
    let v = judge(&m, &[]);
    assert_eq!(v.verdict, Verdict::Critical);
    assert_eq!(
        v.critical_intent,
        Some(CriticalIntent {
            purpose: CriticalPurpose::AddressIssue,
            declared: false
        })
    );
    // ...but not when a rule says it is an unsolicited type.
    let v = judge(
        &m,
        &[diag("unsolicited/order-confirmation", Severity::Error)],
    );
    assert_eq!(v.verdict, Verdict::NotPermitted);
    assert!(!v.reaches_opted_out);
}

#[test]
fn declared_purpose_wins_over_content() {
    let m = message(
        "purpose: customization",
        "Please reply with your suite number?",
    );
    let intent = critical_intent(&m, content_evidence(&m));
    assert_eq!(
        intent.map(|i| (i.purpose, i.declared)),
        Some((CriticalPurpose::Customization, true))
    );
}

#[test]
fn send_day_after_delivery() {
    let cases = [
        (
            "trigger: delivered\ndelay: 7d",
            Some(7),
            "delivered + 7d (day 7 after delivery)",
        ),
        (
            "trigger: delivered\ndelay: 36h",
            Some(1),
            "delivered + 36h (day 1 after delivery)",
        ),
        (
            "trigger: delivered",
            Some(0),
            "delivered + 0d (day 0 after delivery)",
        ),
        ("trigger: shipped\ndelay: 2w", None, "shipped + 14d"),
        (
            "trigger: order-placed\ndelay: 0d",
            None,
            "order placed + 0d",
        ),
        ("delay: 3d", None, "no trigger, + 3d"),
        ("", None, "no trigger given"),
    ];
    for (keys, day, when) in cases {
        let v = judge(&message(keys, NEUTRAL), &[]);
        assert_eq!(v.send_day_after_delivery(), day, "{keys}");
        assert_eq!(v.when_label(), when, "{keys}");
    }
}

#[test]
fn sequence_verdicts_use_only_their_own_diagnostics() {
    let text = "sequence: A\nmessages:\n  - id: a1\n    body: Hi\n  - id: a2\n    body: Hi\n---\nsequence: B\nmessages:\n  - id: b1\n    purpose: customization\n    body: Hi\n";
    let source = SourceFile::new("t.yaml", text.to_string());
    let sequences = parse_file(&source).unwrap_or_else(|e| panic!("{e:?}"));
    let mut on_a2 = diag("type/marketing", Severity::Error);
    on_a2.order = (0, 1);
    let mut on_b1 = diag("unsolicited/feedback-request", Severity::Warning);
    on_b1.order = (1, 0);
    let diagnostics = vec![on_a2, on_b1];
    let judged = judge_file(&sequences, &diagnostics, &[]);
    let [a, b] = &judged[..] else {
        panic!("two sequences, {} verdicts", judged.len())
    };
    let verdicts: Vec<_> = a.messages.iter().map(|m| m.verdict).collect();
    assert_eq!(verdicts, [Verdict::Permitted, Verdict::NotPermitted]);
    assert_eq!(b.sequence, "B");
    assert_eq!(b.messages[0].verdict, Verdict::Permitted);
    assert!(b.messages[0].lost_critical_status());
}

#[test]
fn counts_add_up() {
    let m = message("purpose: customization", NEUTRAL);
    let mut c = VerdictCounts::default();
    c.add(&judge(&m, &[]));
    c.add(&judge(
        &m,
        &[diag("content/external-link", Severity::Error)],
    ));
    c.add(&judge(
        &m,
        &[diag("unsolicited/feedback-request", Severity::Warning)],
    ));
    assert_eq!(
        c,
        VerdictCounts {
            critical: 1,
            permitted: 1,
            not_permitted: 1,
            reaches_opted_out: 2
        }
    );
    assert_eq!(c.total(), 3);
}

/// The verdicts the linter judges while linting (from the rules' text views, diagnostics
/// grouped in one pass) are those of judging each message afterwards from its own text and
/// the file's diagnostics filtered for it, on every labeled corpus case and example.
#[test]
fn lint_time_verdicts_equal_verdicts_judged_afterwards() {
    use crate::lint::{lint_source, Settings};
    use crate::profile::Profile;
    use crate::rules::registry::Registry;
    let settings = Settings::new(Profile::named("amazon").unwrap_or_else(|e| panic!("{e}")));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in [root.join("../shared/corpus/cases"), root.join("examples")] {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        paths.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    paths.sort();
    let mut messages = 0;
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
    {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        let file = lint_source(
            SourceFile::new(path.display().to_string(), text),
            Registry::builtin(),
            &settings,
        );
        let afterwards: Vec<SequenceVerdicts> = file
            .sequences
            .iter()
            .enumerate()
            .map(|(si, sequence)| SequenceVerdicts {
                sequence_index: si,
                sequence: sequence.name.value.clone(),
                messages: sequence
                    .messages
                    .iter()
                    .enumerate()
                    .map(|(mi, m)| {
                        let own: Vec<&Diagnostic> = file
                            .diagnostics
                            .iter()
                            .filter(|d| d.place() == (si, mi))
                            .collect();
                        classify(mi, m, critical_intent(m, content_evidence(m)), &own)
                    })
                    .collect(),
            })
            .collect();
        assert_eq!(file.verdicts.len(), afterwards.len(), "{}", path.display());
        for (at_lint, after) in file.verdicts.iter().zip(&afterwards) {
            assert_eq!(at_lint.sequence_index, after.sequence_index);
            assert_eq!(at_lint.sequence, after.sequence);
            assert_eq!(at_lint.messages, after.messages, "{}", path.display());
            messages += at_lint.messages.len();
        }
        assert_eq!(file_verdicts(&file).len(), file.verdicts.len());
        assert_eq!(
            file.message_count,
            file.sequences
                .iter()
                .map(|s| s.messages.len())
                .sum::<usize>()
        );
    }
    assert!(messages > 100, "the corpus was read: {messages} messages");
}
