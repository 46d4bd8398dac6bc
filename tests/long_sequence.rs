//! A sequence long enough that its messages are linted in several chunks (see
//! `lint::lint_sequence`): every message must get what it gets alone, and the sequence rule
//! must still see across chunks.

use sellerlint::lint::{lint_source, FileReport, Settings};
use sellerlint::profile::Profile;
use sellerlint::rules::registry::Registry;
use sellerlint::source::SourceFile;
use std::collections::{BTreeSet, HashMap};

const REPEAT: &str = "sequence/repeat-review-request";
const MESSAGE_COUNT: &str = "sequence/message-count";

/// Bodies of several kinds: a review request, a critical question, a link, a shipping notice,
/// an HTML tracking pixel, and plain thanks.
const KINDS: [(&str, &str); 6] = [
    ("text", "Could you leave a review of your kettle? {{review_link}}"),
    (
        "text",
        "Which colour would you like for the monogram on your cutting board: navy or gold?",
    ),
    (
        "text",
        "Visit https://www.example-shop.com/care for care instructions.",
    ),
    (
        "text",
        "Good news: your order {{order_id}} has shipped and is on its way!",
    ),
    (
        "html",
        "<p>Hello {{buyer_name}},</p><img src=\"https://track.example.net/p.gif?o={{order_id}}\" width=\"1\" height=\"1\">",
    ),
    ("text", "Thank you for your order {{order_id}}."),
];

/// A long paragraph that some messages carry, so that chunks end on their text size too.
fn filler() -> String {
    "We reviewed the packing list for order {{order_id}} and everything looks correct. ".repeat(40)
}

fn message_yaml(id: &str, kind: usize, long: bool) -> String {
    let (format, text) = KINDS[kind];
    let mut body = text.to_string();
    if long {
        body.push(' ');
        body.push_str(&filler());
    }
    format!(
        "  - id: {id}\n    trigger: delivered\n    delay: 5d\n    format: {format}\n    body: |\n      {body}\n"
    )
}

fn sequence_yaml(messages: &[String]) -> String {
    format!(
        "sequence: Long\nmarketplace: amazon.com\nmessages:\n{}",
        messages.concat()
    )
}

/// A sequence file linted with the built-in rules and the default profile.
fn lint(text: String) -> FileReport {
    lint_with_limit(text, None)
}

/// [`lint`] with the profile's `max-proactive-messages` set to `limit`, when given.
fn lint_with_limit(text: String, limit: Option<u64>) -> FileReport {
    let mut profile = Profile::named("amazon").expect("the amazon profile");
    if let Some(limit) = limit {
        profile.settings.max_proactive_messages = limit;
    }
    let settings = Settings::new(profile);
    let report = lint_source(
        SourceFile::new("long.yaml".to_string(), text),
        Registry::builtin(),
        &settings,
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

/// Rule ids reported on each message id.
fn rules_by_message(text: String) -> HashMap<String, BTreeSet<String>> {
    let report = lint(text);
    let mut out: HashMap<String, BTreeSet<String>> = HashMap::new();
    for d in report.diagnostics {
        out.entry(d.message_id.to_string())
            .or_default()
            .insert(d.rule.to_string());
    }
    out
}

#[test]
fn every_message_of_a_long_sequence_gets_what_it_gets_alone() {
    let count = 700;
    let shape = |i: usize| (i * 7 % KINDS.len(), i % 5 == 0);
    let messages: Vec<String> = (0..count)
        .map(|i| {
            let (kind, long) = shape(i);
            message_yaml(&format!("m{i}"), kind, long)
        })
        .collect();
    // Longer than a chunk both by message count and by text size.
    assert!(sequence_yaml(&messages).len() > 512 << 10);
    let found = rules_by_message(sequence_yaml(&messages));

    let mut alone: HashMap<(usize, bool), BTreeSet<String>> = HashMap::new();
    // Whether a message alone counts as proactive: with a limit of 0, `sequence/message-count`
    // reports every proactive message.
    let mut proactive_alone: HashMap<(usize, bool), bool> = HashMap::new();
    let (mut requests, mut counted, mut proactive) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..count {
        let id = format!("m{i}");
        let expected = alone.entry(shape(i)).or_insert_with(|| {
            let (kind, long) = shape(i);
            let one = sequence_yaml(&[message_yaml("m", kind, long)]);
            rules_by_message(one).remove("m").unwrap_or_default()
        });
        let mut got = found.get(&id).cloned().unwrap_or_default();
        if got.remove(REPEAT) {
            requests.push(i);
        }
        if got.remove(MESSAGE_COUNT) {
            counted.push(i);
        }
        assert_eq!(&got, expected, "message {id}");
        let is_proactive = *proactive_alone.entry(shape(i)).or_insert_with(|| {
            let (kind, long) = shape(i);
            let one = sequence_yaml(&[message_yaml("m", kind, long)]);
            lint_with_limit(one, Some(0))
                .diagnostics
                .iter()
                .any(|d| &*d.rule == MESSAGE_COUNT)
        });
        if is_proactive {
            proactive.push(i);
        }
    }
    // The sequence is reported once, on the third proactive message (no triggers: file order
    // is send order), counting every proactive message wherever its chunk; critical messages
    // are not counted.
    assert!(proactive.len() > 10 && proactive.len() < count);
    assert_eq!(counted, [proactive[2]]);
    let said = lint(sequence_yaml(&messages))
        .diagnostics
        .iter()
        .find(|d| &*d.rule == MESSAGE_COUNT)
        .map(|d| d.message.to_string())
        .unwrap_or_default();
    assert!(
        said.starts_with(&format!("{} proactive messages", proactive.len())),
        "{said}"
    );
    assert!(
        said.ends_with(&format!(" and {} more", proactive.len() - 2 - 5)),
        "{said}"
    );
    // Every review request after the first is a repeat, wherever its chunk.
    let asks: Vec<usize> = (0..count).filter(|&i| shape(i).0 == 0).collect();
    assert!(asks.len() > 10);
    assert_eq!(requests, asks[1..].to_vec());
}

#[test]
fn a_repeat_names_the_first_request_from_another_chunk() {
    let mut messages: Vec<String> = vec![message_yaml("first-ask", 0, false)];
    messages.extend((0..400).map(|i| message_yaml(&format!("m{i}"), 1, i % 3 == 0)));
    messages.push(message_yaml("late-ask", 0, false));
    let report = lint(sequence_yaml(&messages));
    let repeats: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| &*d.rule == REPEAT)
        .collect();
    assert_eq!(repeats.len(), 1, "{repeats:#?}");
    assert_eq!(&*repeats[0].message_id, "late-ask");
    assert!(
        repeats[0].message.contains("`first-ask`"),
        "{}",
        repeats[0].message
    );
}
