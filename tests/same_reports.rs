//! Every way a run lints a file reports exactly what `lint_source` reports on it alone: the same
//! diagnostics, errors, suppressions and verdicts.
//!
//! - `lint_source_dropping_text` (what runs use when no report quotes the messages: their texts
//!   wait out of the model in large blocks and are dropped once linted), on the examples, on
//!   every corpus case, and on a long sequence of every kind of scalar that is linted in many
//!   chunks from many blocks.
//! - `lint_sources` (what runs use for many files: the messages of several files linted
//!   together, rule by rule), on the same files and fixtures side by side, and with long
//!   sequences among short ones.

use sellerlint::lint::{
    lint_source, lint_source_dropping_text, lint_sources, FileReport, Settings,
};
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

/// Lints `files` together (texts kept, then dropped) and each alone; checks the reports agree
/// and come in order. Returns how many diagnostics there were.
fn same_together_and_alone(files: &[(String, String)]) -> usize {
    let settings = settings();
    let sources = || {
        files
            .iter()
            .map(|(name, text)| SourceFile::new(name.clone(), text.clone()))
            .collect::<Vec<_>>()
    };
    let mut diagnostics = 0;
    for drop_text in [false, true] {
        let together = lint_sources(sources(), Registry::builtin(), &settings, drop_text);
        assert_eq!(together.len(), files.len());
        for ((name, text), report) in files.iter().zip(&together) {
            let source = SourceFile::new(name.clone(), text.clone());
            let alone = if drop_text {
                lint_source_dropping_text(source, Registry::builtin(), &settings)
            } else {
                lint_source(source, Registry::builtin(), &settings)
            };
            assert_eq!(report.source.name, *name);
            assert_eq!(
                said(report),
                said(&alone),
                "{name} (texts dropped: {drop_text})"
            );
            diagnostics += alone.diagnostics.len();
        }
    }
    diagnostics
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn files_linted_together_report_what_each_reports_alone() {
    let mut paths = yaml_files_in(Path::new("examples"));
    paths.extend(yaml_files_in(Path::new("../shared/corpus/cases")));
    // Fixtures of every kind: broken YAML, invalid fields, templates, suppressions.
    files_under(Path::new("tests/fixtures"), &mut paths);
    let files: Vec<(String, String)> = paths
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            Some((path.display().to_string(), text))
        })
        .collect();
    assert!(files.len() > 100, "{}", files.len());
    // All at once (chunks of many files), and a few at a time as runs batch them.
    assert!(same_together_and_alone(&files) > 500);
    for batch in files.chunks(16) {
        same_together_and_alone(batch);
    }
}

#[test]
fn long_sequences_among_short_ones_report_what_each_reports_alone() {
    let short = |i: usize| {
        (
            format!("short-{i}.yaml"),
            format!(
                "sequence: Short {i}\nmarketplace: amazon.de\nmessages:\n{}",
                (i..i + 3).map(message).collect::<String>()
            ),
        )
    };
    let long = (
        "long.yaml".to_string(),
        format!(
            "sequence: Long\nmarketplace: amazon.com\nmessages:\n{}---\nsequence: After\nmarketplace: amazon.fr\nmessages:\n{}",
            (0..300).map(message).collect::<String>(),
            (0..5).map(message).collect::<String>(),
        ),
    );
    let mut files: Vec<(String, String)> = (0..40).map(short).collect();
    // The long one (several chunks, then a short second sequence) between short ones, and last.
    files.insert(20, long.clone());
    files.push(long);
    assert!(same_together_and_alone(&files) > 1000);
}
