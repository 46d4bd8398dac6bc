//! `lint_source_dropping_text` (what runs use when no report quotes the messages: their texts
//! wait out of the model in large blocks and are dropped once linted) must report exactly what
//! `lint_source` reports: the same diagnostics, errors, suppressions and verdicts, on the
//! examples, on every corpus case, and on a long sequence of every kind of scalar that is
//! linted in many chunks from many blocks.

use sellerlint::lint::{lint_source, lint_source_dropping_text, FileReport, Settings};
use sellerlint::profile::Profile;
use sellerlint::rules::registry::Registry;
use sellerlint::source::SourceFile;
use std::path::Path;

fn settings() -> Settings {
    Settings::new(Profile::named("amazon").expect("the amazon profile"))
}

/// Everything a report says, as text that can be compared.
fn said(report: &FileReport) -> String {
    format!(
        "{}\n{:?}\n{}\n{:?}\n{} {}",
        serde_json::to_string_pretty(&report.diagnostics).expect("diagnostics serialize"),
        report.errors,
        report.suppressed,
        report.verdicts,
        report.sequence_count,
        report.message_count,
    )
}

/// Lints `text` both ways and checks they agree; returns how many diagnostics there were.
/// `must_parse`: the file is known to be a valid sequence file.
fn same_both_ways(name: &str, text: &str, must_parse: bool) -> usize {
    let settings = settings();
    let kept = lint_source(
        SourceFile::new(name, text.to_string()),
        Registry::builtin(),
        &settings,
    );
    let dropped = lint_source_dropping_text(
        SourceFile::new(name, text.to_string()),
        Registry::builtin(),
        &settings,
    );
    assert!(
        !must_parse || kept.errors.is_empty(),
        "{name}: {:?}",
        kept.errors
    );
    assert_eq!(said(&kept), said(&dropped), "{name}");
    // And the texts really are gone.
    for sequence in &dropped.sequences {
        for message in &sequence.messages {
            assert!(message.body.value.is_empty(), "{name}");
            assert!(message.subject.iter().all(|s| s.value.is_empty()), "{name}");
        }
    }
    kept.diagnostics.len()
}

fn yaml_files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn examples_and_corpus_cases_report_the_same_when_texts_are_dropped() {
    let mut files = yaml_files_in(Path::new("examples"));
    files.extend(yaml_files_in(Path::new("../shared/corpus/cases")));
    assert!(files.len() > 20, "the examples and the corpus are there");
    let mut diagnostics = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        diagnostics += same_both_ways(&path.display().to_string(), &text, false);
    }
    assert!(diagnostics > 0);
}

/// Message `i` of a long sequence: each scalar style for bodies and subjects, HTML, non-ASCII
/// text, suppressions, and bodies long enough that the sequence fills several blocks.
fn message(i: usize) -> String {
    let filler = "We checked every detail of order {{order_id}} before it left. ".repeat(i % 7 * 2);
    let (subject, body) = match i % 6 {
        0 => (
            "\"Your order {{order_id}} has shipped!\"".to_string(),
            format!("|\n      Could you leave a review? {{{{review_link}}}}\n      {filler}\n"),
        ),
        1 => (
            "'Bitte bestätigen Sie Ihre Lieferadresse'".to_string(),
            format!(">\n      Which colour would you like: navy or gold?\n      {filler}\n\n      Merci beaucoup — à bientôt.\n"),
        ),
        2 => (
            "Visit our shop".to_string(),
            format!("\"Visit https://www.example-shop.com/care for care.\\n{filler}\\tThanks \\u00e9\"\n"),
        ),
        3 => (
            "\"[Important] Delivery\"".to_string(),
            format!("|-\n      <p>Hello {{{{buyer_name}}}},</p>\n      <img src=\"https://track.example.net/p.gif?o={{{{order_id}}}}\" width=\"1\" height=\"1\">\n      <p>{filler}</p>\n    format: html\n"),
        ),
        4 => (
            "Thanks".to_string(),
            format!("Thank you for your order {{{{order_id}}}}. {filler}\n    # sellerlint: allow meta/order-id-missing -- tested\n"),
        ),
        _ => (
            "\"Get 20% off your next order\"".to_string(),
            format!("|+\n      Get 20% off your next order with code THANKS20 when you share your review.\n      {filler}\n\n"),
        ),
    };
    let trigger = ["order-placed", "shipped", "delivered"][i % 3];
    format!(
        "  - id: step-{i}\n    trigger: {trigger}\n    delay: {}d\n    subject: {subject}\n    body: {body}",
        i % 40
    )
}

#[test]
fn a_long_sequence_of_every_kind_reports_the_same_when_texts_are_dropped() {
    let messages: String = (0..4000).map(message).collect();
    let text = format!("sequence: Long\nmarketplace: amazon.com\nmessages:\n{messages}");
    // Many chunks, and the blocks of every size up to the largest (their sizes double from
    // 4 KiB to 1 MiB: about 2 MiB in all).
    assert!(text.len() > 2 << 20, "{}", text.len());
    assert!(same_both_ways("long.yaml", &text, true) > 1500);
    // Two documents, the second in another language.
    let two = format!(
        "{text}---\nsequence: Zweite\nmarketplace: amazon.de\nmessages:\n{}",
        (0..300).map(message).collect::<String>()
    );
    same_both_ways("two.yaml", &two, true);
}
