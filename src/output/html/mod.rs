//! `--format html`: one self-contained page for sellers. Totals at the top; for each sequence
//! a timeline of its messages, every message's subject and body with the offending words
//! marked, each mark followed by the rule, why it matters and the fix, and the verdict table.
//!
//! Self-contained and safe to open: inline CSS, no scripts, fonts or images, and the only
//! links leaving the page are the rules' policy sources. Every piece of the seller's text is
//! escaped: the templates are `maud`'s, which escape each interpolated value by default, so
//! markup can only enter the page through an explicit `PreEscaped` (used for the stylesheet
//! constant and nothing else). A body holding `<script>` is shown as text. (Why `maud` rather
//! than an escaping function such as `html-escape`'s: with a function, every interpolation
//! must remember to call it; here forgetting is impossible, and the templates are compiled
//! into the binary, with no template files to load at run time.)

use crate::diagnostic::{Diagnostic, Field, Severity};
use crate::lint::FileReport;
use crate::model::{BodyFormat, Message, Sequence, Trigger};
use crate::parse::FileError;
use crate::rules::registry::Registry;
use crate::run::RunReport;
use crate::verdict::{format_delay, MessageVerdict, SequenceVerdicts, Verdict, VerdictCounts};
use maud::{html, Markup, PreEscaped, DOCTYPE};

mod marks;

use marks::{layout, FieldMarks};

const CSS: &str = include_str!("report.css");

/// Renders the whole report as one HTML document.
pub fn render(report: &RunReport) -> String {
    let counts = report.counts();
    let files: Vec<(usize, &FileReport, &[SequenceVerdicts])> = report
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (i, f, f.verdicts.as_slice()))
        .collect();
    let mut totals = VerdictCounts::default();
    for (_, _, sequences) in &files {
        for m in sequences.iter().flat_map(|s| &s.messages) {
            totals.add(m);
        }
    }
    let errors: Vec<&FileError> = report.errors().collect();
    let title = if totals.not_permitted > 0 {
        format!(
            "sellerlint report: {} of {} messages not permitted",
            totals.not_permitted,
            totals.total()
        )
    } else {
        format!("sellerlint report: {} messages checked", totals.total())
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("sellerlint {}", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            "\n"
            body {
                header {
                    h1 { "Buyer-message check" }
                    p.lede {
                        "Checked " (plural(totals.total(), "message", "messages"))
                        " in " (plural(counts.sequences, "sequence", "sequences"))
                        " (" (plural(counts.files, "file", "files")) ") against Amazon's buyer-messaging rules, profile "
                        code { (report.profile) } "."
                    }
                }
                "\n"
                main {
                    (totals_section(&totals, &counts))
                    @if !errors.is_empty() {
                        (errors_section(&errors))
                    }
                    @if files.iter().any(|(_, _, s)| !s.is_empty()) {
                        nav aria-labelledby="nav-h" {
                            h2 #nav-h { "Sequences" }
                            ol {
                                @for (fi, file, sequences) in &files {
                                    @for s in sequences.iter() {
                                        li {
                                            a href=(format!("#{}", sequence_anchor(*fi, s.sequence_index))) { (s.sequence) }
                                            " " span.muted { "(" (file.source.name) ")" }
                                            " " (sequence_tally(s))
                                        }
                                    }
                                }
                            }
                        }
                        "\n"
                    }
                    @for (fi, file, sequences) in &files {
                        @for s in sequences.iter() {
                            @if let Some(sequence) = file.sequences.get(s.sequence_index) {
                                (sequence_section(*fi, file, sequence, s))
                            }
                        }
                    }
                }
                footer {
                    p {
                        "Made by sellerlint " (env!("CARGO_PKG_VERSION"))
                        ". This page was written on your computer from your files; nothing was sent anywhere. "
                        "Verdicts follow from the rules that found something: a message without problems may still need a human look."
                    }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn sequence_anchor(file: usize, sequence: usize) -> String {
    format!("f{file}-s{sequence}")
}

fn message_anchor(file: usize, sequence: usize, message: usize) -> String {
    format!("f{file}-s{sequence}-m{message}")
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Critical => "critical",
        Verdict::Permitted => "permitted",
        Verdict::NotPermitted => "not-permitted",
    }
}

/// A verdict as a badge: a symbol and the word, so that it does not depend on colour.
fn badge(v: Verdict) -> Markup {
    let symbol = match v {
        Verdict::Critical => "★",
        Verdict::Permitted => "✓",
        Verdict::NotPermitted => "✕",
    };
    html! {
        span.badge.(verdict_class(v)) {
            span aria-hidden="true" { (symbol) " " }
            (v.label())
        }
    }
}

fn severity_class(s: Severity) -> &'static str {
    s.as_str()
}

fn sequence_tally(s: &SequenceVerdicts) -> Markup {
    let mut c = VerdictCounts::default();
    for m in &s.messages {
        c.add(m);
    }
    html! {
        span.muted {
            "— " (plural(c.total(), "message", "messages"))
            @if c.not_permitted > 0 { ", " (c.not_permitted) " not permitted" }
        }
    }
}

fn totals_section(t: &VerdictCounts, counts: &crate::run::Counts) -> Markup {
    html! {
        section aria-labelledby="totals-h" {
            h2 #totals-h { "Totals" }
            ul.totals {
                li.not-permitted {
                    span.num { (t.not_permitted) }
                    " not permitted: change them or do not send them"
                }
                li.critical {
                    span.num { (t.critical) }
                    " critical: delivered to every buyer"
                }
                li.permitted {
                    span.num { (t.permitted) }
                    " permitted: not delivered to buyers who opted out"
                }
                li.reach {
                    span.num { (t.reaches_opted_out) " of " (t.total()) }
                    " messages reach buyers who opted out of seller messages"
                }
            }
            p {
                "Problems found: "
                (plural(counts.errors, "error", "errors")) " (not allowed), "
                (plural(counts.warnings, "warning", "warnings")) ", "
                (plural(counts.infos, "note", "notes")) "."
            }
            dl.legend {
                @for v in [Verdict::Critical, Verdict::Permitted, Verdict::NotPermitted] {
                    dt { (badge(v)) }
                    dd { (v.meaning()) }
                }
            }
        }
        "\n"
    }
}

fn errors_section(errors: &[&FileError]) -> Markup {
    html! {
        section.errors aria-labelledby="errors-h" {
            h2 #errors-h { "Files that could not be checked" }
            ul {
                @for e in errors {
                    li {
                        code {
                            (e.file)
                            @if let Some(line) = e.line { ":" (line) }
                            @if let Some(col) = e.column { ":" (col) }
                        }
                        ": " (e.message)
                        @if let Some(help) = &e.help { br; span.muted { "Help: " (help) } }
                    }
                }
            }
        }
        "\n"
    }
}

fn sequence_section(
    fi: usize,
    file: &FileReport,
    sequence: &Sequence,
    verdicts: &SequenceVerdicts,
) -> Markup {
    let si = verdicts.sequence_index;
    let anchor = sequence_anchor(fi, si);
    html! {
        section.sequence id=(anchor) aria-labelledby=(format!("{anchor}-h")) {
            h2 id=(format!("{anchor}-h")) { "Sequence: " (sequence.name.value) }
            p.meta {
                "File " code { (file.source.name) }
                " · marketplace " (sequence.marketplace.value)
                " · language " (sequence.language.value)
                " · " (plural(sequence.messages.len(), "message", "messages"))
            }
            "\n"
            h3 { "Timeline" }
            (timeline(fi, si, sequence, verdicts))
            "\n"
            h3 { "Messages" }
            @for v in &verdicts.messages {
                @if let Some(message) = sequence.messages.get(v.message_index) {
                    (message_article(fi, si, file, message, v))
                    "\n"
                }
            }
            h3 { "Verdicts" }
            (verdict_table(fi, si, verdicts))
            "\n"
        }
        "\n"
    }
}

/// The messages grouped by trigger, in the order they are sent.
fn timeline(fi: usize, si: usize, sequence: &Sequence, verdicts: &SequenceVerdicts) -> Markup {
    let phases: [(Option<Trigger>, &str, &str); 4] = [
        (
            Some(Trigger::OrderPlaced),
            "After the order is placed",
            "after the order",
        ),
        (
            Some(Trigger::Shipped),
            "After the order ships",
            "after shipping",
        ),
        (Some(Trigger::Delivered), "After delivery", "after delivery"),
        (None, "No trigger given", "after the upload"),
    ];
    let groups: Vec<(&str, &str, Vec<&MessageVerdict>)> = phases
        .iter()
        .map(|(trigger, title, after)| {
            let mut items: Vec<&MessageVerdict> = verdicts
                .messages
                .iter()
                .filter(|m| m.trigger == *trigger)
                .collect();
            items.sort_by_key(|m| m.delay_hours.unwrap_or(0));
            (*title, *after, items)
        })
        .filter(|(_, _, items)| !items.is_empty())
        .collect();
    html! {
        ol.timeline {
            @for (title, after, items) in &groups {
                li.phase {
                    h4 { (title) }
                    ol {
                        @for m in items {
                            li {
                                span.day { (day_label(m.delay_hours.unwrap_or(0), after)) }
                                a href=(format!("#{}", message_anchor(fi, si, m.message_index))) { (m.message_id) }
                                " " (badge(m.verdict))
                                @if let Some(subject) = sequence.messages.get(m.message_index).and_then(|x| x.subject.as_ref()) {
                                    br; span.muted { (subject.value) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `Day 7 after delivery`, `Day 1 (36h) after the order`.
fn day_label(hours: u64, after: &str) -> String {
    if hours % 24 == 0 {
        format!("Day {} {after}", hours / 24)
    } else {
        format!("Day {} ({}) {after}", hours / 24, format_delay(hours))
    }
}

fn verdict_table(fi: usize, si: usize, verdicts: &SequenceVerdicts) -> Markup {
    html! {
        table {
            caption { "What happens to each message of “" (verdicts.sequence) "”" }
            thead {
                tr {
                    th scope="col" { "Message" }
                    th scope="col" { "When it is sent" }
                    th scope="col" { "Verdict" }
                    th scope="col" { "Reaches buyers who opted out" }
                    th scope="col" { "Problems" }
                    th scope="col" { "Decided by" }
                }
            }
            tbody {
                @for m in &verdicts.messages {
                    tr {
                        th scope="row" {
                            a href=(format!("#{}", message_anchor(fi, si, m.message_index))) { (m.message_id) }
                        }
                        td { (m.when_label()) }
                        td { (badge(m.verdict)) }
                        td { @if m.reaches_opted_out { "yes" } @else { "no" } }
                        td.n { (m.problems()) }
                        td { (m.category_label()) }
                    }
                }
            }
        }
    }
}

/// One problem as shown next to its mark: number, severity, rule, message, why, fix, source.
fn note(id: &str, number: usize, d: &Diagnostic) -> Markup {
    let why = Registry::builtin()
        .get(&d.rule)
        .map(|r| first_sentence(&r.meta().why))
        .filter(|s| !s.is_empty());
    html! {
        div.note.(severity_class(d.severity)) id=(id) role="note" {
            p {
                strong { (number) ". " (d.severity.as_str()) } " · " code { (d.rule) } ": " (d.message)
            }
            @if let Some(why) = why {
                p { strong { "Why it matters: " } (why) }
            }
            p { strong { "What to do: " } (d.fix) }
            @if let Some(url) = d.url.as_deref().filter(|u| is_web_url(u)) {
                p { a href=(url) { "Amazon policy behind this rule" } }
            }
        }
    }
}

/// Only web pages become links: a rule's `source` comes from a rule file, and a
/// `javascript:` or `file:` address must not be one click away in the report.
fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_whitespace)
}

/// The first sentence of a rule's `why`, on one line.
pub fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let bytes = flat.as_bytes();
    for (i, c) in flat.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let next = bytes.get(i + 1);
            let after = flat[i + 1..].trim_start().chars().next();
            // End of text, or a stop followed by a space and a capital letter (not `e.g. the`).
            if next.is_none()
                || (next == Some(&b' ') && after.is_some_and(|a| a.is_uppercase() || a == '"'))
            {
                return flat[..=i].to_string();
            }
        }
    }
    flat
}

/// What a seller should know about a message that is, or was meant to be, critical but has
/// a problem.
fn critical_advice(v: &MessageVerdict) -> Option<&'static str> {
    v.critical_intent?;
    match (v.verdict, v.reaches_opted_out) {
        (Verdict::Critical, _) => None,
        (Verdict::Permitted, _) => Some(
            "Meant as a critical message, but part of it makes it a message Amazon does not deliver to buyers who opted out. Move that part out, and the rest stays critical.",
        ),
        (Verdict::NotPermitted, false) => Some(
            "Meant as a critical message, but part of it makes it another kind of message, and it breaks a rule. Keep only the critical question, and fix the problems below.",
        ),
        (Verdict::NotPermitted, true) => Some(
            "A critical message: it reaches every buyer, including those who opted out, so fix the problems below before you send it.",
        ),
    }
}

fn message_article(
    fi: usize,
    si: usize,
    file: &FileReport,
    message: &Message,
    v: &MessageVerdict,
) -> Markup {
    let anchor = message_anchor(fi, si, v.message_index);
    let own: Vec<&Diagnostic> = file
        .diagnostics
        .iter()
        .filter(|d| d.place() == (si, v.message_index))
        .collect();
    let note_id = |k: usize| format!("{anchor}-p{}", k + 1);
    // Which field text each diagnostic is marked in, if any.
    let subject = message
        .subject
        .as_ref()
        .map(|s| FieldMarks::new(s, &own, Field::Subject));
    let body_is_html = message.format.as_ref().map(|f| f.value) == Some(BodyFormat::Html)
        || (message.format.is_none() && crate::html::looks_like_html(&message.body.value));
    let body = FieldMarks::new(&message.body, &own, Field::Body);
    let shown: Vec<usize> = subject
        .iter()
        .chain(std::iter::once(&body))
        .flat_map(|f| {
            f.placed
                .iter()
                .map(|p| p.index)
                .chain(f.whole.iter().copied())
        })
        .collect();
    let others: Vec<usize> = (0..own.len()).filter(|k| !shown.contains(k)).collect();
    let purpose = message.purpose.as_ref().map(|p| p.value.as_str());
    html! {
        article.message id=(anchor) aria-labelledby=(format!("{anchor}-h")) {
            div.message-head {
                h4 id=(format!("{anchor}-h")) { "Message " code { (message.id.value) } }
                (badge(v.verdict))
            }
            dl.facts {
                dt { "Sent" } dd { (v.when_label()) }
                dt { "Purpose" } dd {
                    @match purpose {
                        Some(p) => { (p) }
                        None => { span.muted { "not given" } }
                    }
                    @if let Some(intent) = &v.critical_intent {
                        @if !intent.declared { " — reads as a critical " (intent.purpose.label()) }
                    }
                }
                dt { "Reaches buyers who opted out" } dd { @if v.reaches_opted_out { "yes" } @else { "no" } }
                dt { "Decided by" } dd { (v.category_label()) }
                @if !message.attachments.is_empty() {
                    dt { "Attachments" } dd {
                        @for (i, a) in message.attachments.iter().enumerate() {
                            @if i > 0 { ", " }
                            code { (a.value) }
                        }
                    }
                }
            }
            @if let Some(advice) = critical_advice(v) {
                p.advice { (advice) }
            }
            @if let Some(subject) = &subject {
                div.field-name { "Subject" }
                (field_text(subject, &own, &note_id))
            }
            div.field-name {
                "Body"
                @if body_is_html { span.muted { " (HTML, shown as its source text)" } }
            }
            (field_text(&body, &own, &note_id))
            @if !others.is_empty() {
                div.field-name { "Other problems with this message" }
                div.notes {
                    @for k in &others {
                        (note(&note_id(*k), k + 1, own[*k]))
                    }
                }
            }
        }
    }
}

/// A subject or body as text, with its marks, their labels, and the notes after the lines
/// where marks end (notes about the whole field come first).
fn field_text(
    marks: &FieldMarks<'_>,
    own: &[&Diagnostic],
    note_id: &dyn Fn(usize) -> String,
) -> Markup {
    let lines = layout(marks.value, &marks.placed);
    let last = lines.len().saturating_sub(1);
    html! {
        @if !marks.whole.is_empty() {
            div.notes {
                @for k in &marks.whole {
                    (note(&note_id(*k), k + 1, own[*k]))
                }
            }
        }
        div.text {
            @for (li, line) in lines.iter().enumerate() {
                @for piece in &line.pieces {
                    @if piece.marks.is_empty() {
                        (piece.text)
                    } @else {
                        @let severity = piece.marks.iter().map(|p| own[*p].severity).max().unwrap_or(Severity::Info);
                        @let described: Vec<String> = piece.marks.iter().map(|p| note_id(*p)).collect();
                        @let rules: Vec<&str> = piece.marks.iter().map(|p| &*own[*p].rule).collect();
                        mark.(severity_class(severity)) aria-describedby=(described.join(" ")) title=(rules.join(", ")) {
                            (piece.text)
                        }
                    }
                    @for k in &piece.ends {
                        span.tag.(severity_class(own[*k].severity)) {
                            span.sr-only { "problem " }
                            (k + 1) " · " (own[*k].rule)
                        }
                    }
                }
                @if line.notes.is_empty() {
                    @if li != last { "\n" }
                } @else {
                    @for k in &line.notes {
                        (note(&note_id(*k), k + 1, own[*k]))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `--name: #rrggbb` custom properties of the stylesheet.
    fn css_colour(name: &str) -> (f64, f64, f64) {
        let needle = format!("--{name}: #");
        let at = CSS
            .find(&needle)
            .unwrap_or_else(|| panic!("--{name} in the CSS"))
            + needle.len();
        let hex = &CSS[at..at + 6];
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            // sRGB to linear light (WCAG 2 relative luminance).
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        (channel(0), channel(2), channel(4))
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let lum = |(r, g, b): (f64, f64, f64)| 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let (x, y) = (lum(css_colour(a)), lum(css_colour(b)));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_colours_meet_wcag_aa_contrast() {
        let pairs = [
            ("ink", "paper"),
            ("ink", "panel"),
            ("muted", "paper"),
            ("muted", "panel"),
            ("critical-ink", "critical-bg"),
            ("permitted-ink", "permitted-bg"),
            ("bad-ink", "bad-bg"),
            ("ink", "error-mark"),
            ("ink", "warning-mark"),
            ("ink", "info-mark"),
            ("error-line", "paper"),
            ("warning-line", "paper"),
            ("info-line", "paper"),
            ("error-line", "panel"),
            ("warning-line", "panel"),
            ("info-line", "panel"),
        ];
        for (fg, bg) in pairs {
            let ratio = contrast(fg, bg);
            assert!(ratio >= 4.5, "--{fg} on --{bg}: {ratio:.2}");
        }
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(is_web_url(
            "https://sellercentral.amazon.com/gp/help/external/G1701"
        ));
        assert!(is_web_url("HTTP://example.com"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("https://a.example/ onmouseover=x"));
        assert!(!is_web_url(""));
    }

    #[test]
    fn first_sentences() {
        assert_eq!(
            first_sentence("Amazon sends\n confirmations itself. Since 2017, more."),
            "Amazon sends confirmations itself."
        );
        assert_eq!(
            first_sentence("Links, e.g. to your shop, leave Amazon. Next."),
            "Links, e.g. to your shop, leave Amazon."
        );
        assert_eq!(first_sentence("No stop at all"), "No stop at all");
    }
}
