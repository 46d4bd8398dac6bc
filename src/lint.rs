//! The lint pipeline for one file, or a batch of files linted together: parse → text views →
//! rules (phrase rules, then structural rules) → diagnostics with the severities of the active
//! profile and settings. Knows nothing of output formats.

use crate::body_store::Bodies;
use crate::diagnostic::{
    position, positions, Applicability, Diagnostic, Finding, PlacedEdit, Severity, Texts,
};
use crate::model::{Message, Sequence};
use crate::parse::{parse_file_lean, parse_file_with, FileError, DEFAULT_MARKETPLACE};
use crate::profile::Profile;
use crate::rules::registry::{selector_covers, Registry};
use crate::rules::{Context, Mark, MessageView, Rule, Scope};
use crate::source::SourceFile;
use crate::verdict::{content_evidence_of, judge_file, CriticalPurpose};
use arcstr::ArcStr;

/// Which rules run and how severe they are.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: Profile,
    /// `(selector, level)` pairs; for each rule the most specific matching selector wins
    /// (an exact id beats `review/`, which beats `all`). `None` = off.
    pub levels: Vec<(String, Option<Severity>)>,
    /// Marketplace of sequences that do not name one (`None`: amazon.com).
    pub default_marketplace: Option<String>,
    /// Suppressions must give a reason (`meta/allow-without-reason`).
    pub require_reason: bool,
    /// Rule options switched on (`rule-options`): rule id → option names.
    pub rule_options: crate::rules::RuleOptions,
}

impl Settings {
    pub fn new(profile: Profile) -> Settings {
        Settings {
            profile,
            levels: Vec::new(),
            default_marketplace: None,
            require_reason: false,
            rule_options: crate::rules::RuleOptions::new(),
        }
    }

    /// Severity of a rule: profile first, then the most specific setting.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        let mut best: Option<(usize, Option<Severity>)> = None;
        for (selector, level) in &self.levels {
            if selector_covers(selector, rule) {
                let specificity = if selector == "all" {
                    0
                } else {
                    selector.trim_end_matches('/').len() + 1
                };
                // Later settings of equal specificity override earlier ones.
                if best.is_none_or(|(s, _)| specificity >= s) {
                    best = Some((specificity, *level));
                }
            }
        }
        match best {
            Some((_, level)) => level,
            None => self.profile.severity(rule, default),
        }
    }
}

/// What linting one file produced.
#[derive(Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub sequences: Vec<Sequence>,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: Vec<FileError>,
    /// Diagnostics hidden by suppressions (`# sellerlint: allow`, `allow:`).
    pub suppressed: usize,
    /// The verdict on every message, judged right after linting (see [`crate::verdict`]), so
    /// that reports need not keep the message text to show them.
    pub verdicts: Vec<crate::verdict::SequenceVerdicts>,
    /// How many sequences and messages the file holds (kept when a run drops the model).
    pub sequence_count: usize,
    pub message_count: usize,
}

impl FileReport {
    /// The report of a file with nothing in it (yet).
    fn empty(source: SourceFile) -> FileReport {
        FileReport {
            source,
            sequences: Vec::new(),
            diagnostics: Vec::new(),
            errors: Vec::new(),
            suppressed: 0,
            verdicts: Vec::new(),
            sequence_count: 0,
            message_count: 0,
        }
    }

    /// Drops what only reports that quote the file need: its text and its model (sequences).
    /// Diagnostics, errors, verdicts and counts stay, which is all the machine formats read.
    pub fn shed_model(&mut self) {
        self.sequences = Vec::new();
        self.source = SourceFile::new(std::mem::take(&mut self.source.name), String::new());
    }
}

/// Languages whose phrases run on a sequence: its own, and English, which sellers mix into
/// every marketplace (signatures, product names, copied boilerplate).
pub fn phrase_languages(sequence: &Sequence) -> Vec<String> {
    let mut langs = vec![sequence.language.value.clone()];
    if sequence.language.value != "en" {
        langs.push("en".to_string());
    }
    langs.push(crate::rules::phrase::ANY_LANGUAGE.to_string());
    langs
}

/// Runs every rule on one sequence and returns the raw findings, in rule order.
pub fn check_sequence(
    source: &SourceFile,
    sequence: &Sequence,
    registry: &Registry,
    settings: &Settings,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    lint_sequence(source, sequence, registry, settings, &mut |found| {
        findings.extend(found)
    });
    // In rule order; each rule's findings stay in the order it found them (message by
    // message).
    let position: std::collections::HashMap<&str, usize> = registry
        .rules
        .iter()
        .enumerate()
        .map(|(at, r)| (r.meta().id.as_ref(), at))
        .collect();
    findings.sort_by_cached_key(|f| position.get(f.rule.as_str()).copied());
    findings
}

/// Runs every rule on one sequence, handing the findings to `emit` as they are made (a few
/// messages' at a time, then the sequence rules'), and returns what each message's words
/// show about a critical purpose (for its verdict), read from the same text views the rules
/// read. See [`SequenceLint`].
fn lint_sequence(
    source: &SourceFile,
    sequence: &Sequence,
    registry: &Registry,
    settings: &Settings,
    emit: &mut dyn FnMut(Vec<Finding>),
) -> Vec<Option<CriticalPurpose>> {
    let rules = RuleLists::of(registry);
    let mut lint = SequenceLint::new(sequence, &rules);
    let mut start = 0;
    while start < sequence.messages.len() {
        let (end, _) = chunk_end(&sequence.messages, start, |_, m| m.body.value.len());
        let part = Part {
            source,
            sequence,
            range: start..end,
            languages: &lint.languages,
        };
        for linted in lint_parts(&[part], &rules, settings) {
            emit(lint.absorb(linted));
        }
        start = end;
    }
    lint.finish(source, sequence, &rules, settings, emit)
}

/// A registry's rules split by [`Scope`], in registry order.
struct RuleLists<'r> {
    message_rules: Vec<&'r dyn Rule>,
    sequence_rules: Vec<&'r dyn Rule>,
}

impl<'r> RuleLists<'r> {
    fn of(registry: &'r Registry) -> RuleLists<'r> {
        // Every rule runs, even one switched off: later rules build on what earlier ones found
        // (a review request is a review request whether or not its rule is reported).
        let (message_rules, sequence_rules) = registry
            .rules
            .iter()
            .map(|r| r.as_ref())
            .partition(|r| r.scope() == Scope::Message);
        RuleLists {
            message_rules,
            sequence_rules,
        }
    }
}

/// What the linting of one sequence keeps between its chunks of messages.
///
/// Message rules run on a few messages at a time (see [`chunk_end`]), on views built for
/// those messages alone and dropped before the next ones; sequence rules run afterwards (see
/// [`Scope`]). Findings are not kept: held whole until the sequence's end, they raised a big
/// sequence's peak memory (by 12 MiB on the 50 MiB benchmark file). Between chunks the caller
/// may drop what the rules no longer read of the messages already linted (see
/// [`lint_source_dropping_text`]).
struct SequenceLint {
    languages: Vec<String>,
    /// What each sequence rule marked on each message linted so far.
    marks: Vec<Vec<Option<Mark>>>,
    /// What each message linted so far shows about a critical purpose.
    evidence: Vec<Option<CriticalPurpose>>,
}

impl SequenceLint {
    fn new(sequence: &Sequence, rules: &RuleLists<'_>) -> SequenceLint {
        let count = sequence.messages.len();
        SequenceLint {
            languages: phrase_languages(sequence),
            marks: vec![Vec::with_capacity(count); rules.sequence_rules.len()],
            evidence: Vec::with_capacity(count),
        }
    }

    /// Keeps the marks and evidence of the next chunk of messages; returns its findings.
    fn absorb(&mut self, linted: LintedPart) -> Vec<Finding> {
        for (marks, new) in self.marks.iter_mut().zip(linted.marks) {
            marks.extend(new);
        }
        self.evidence.extend(linted.evidence);
        linted.findings
    }

    /// Runs the sequence rules, once every message has been linted; returns the evidence of
    /// every message.
    fn finish(
        self,
        source: &SourceFile,
        sequence: &Sequence,
        rules: &RuleLists<'_>,
        settings: &Settings,
        emit: &mut dyn FnMut(Vec<Finding>),
    ) -> Vec<Option<CriticalPurpose>> {
        for (rule, marks) in rules.sequence_rules.iter().zip(&self.marks) {
            let mut out = Vec::new();
            let ctx = Context {
                marks,
                ..chunk_context(source, sequence, &[], settings, &self.languages, 0)
            };
            rule.check(&ctx, &mut out);
            emit(out);
        }
        self.evidence
    }
}

/// Some consecutive messages of one sequence, linted together with other parts.
struct Part<'a> {
    source: &'a SourceFile,
    sequence: &'a Sequence,
    /// The messages, by index in the sequence.
    range: std::ops::Range<usize>,
    languages: &'a [String],
}

impl Part<'_> {
    /// What a message rule sees of this part, whose views are `views`.
    fn context<'c>(&'c self, views: &'c [MessageView<'c>], settings: &'c Settings) -> Context<'c> {
        chunk_context(
            self.source,
            self.sequence,
            views,
            settings,
            self.languages,
            self.range.start,
        )
    }
}

/// What the message rules found in one [`Part`], and what the sequence rules noted of it.
struct LintedPart {
    findings: Vec<Finding>,
    /// By sequence rule, then message of the part.
    marks: Vec<Vec<Option<Mark>>>,
    evidence: Vec<Option<CriticalPurpose>>,
}

/// Runs the message rules over `parts`, rule by rule: each rule runs over every part before
/// the next rule starts, so its automata stay warm in the CPU caches across the messages of
/// many small files, as across the messages of one big sequence (a run over 1,000 small files
/// took 36% less time when their messages were in a few long sequences). Each part is its own
/// sequence's context: a rule sees only that part's views and earlier findings.
fn lint_parts(parts: &[Part<'_>], rules: &RuleLists<'_>, settings: &Settings) -> Vec<LintedPart> {
    let views: Vec<Vec<MessageView<'_>>> = parts
        .iter()
        .map(|part| {
            let messages = part.sequence.messages.get(part.range.clone());
            messages
                .unwrap_or_default()
                .iter()
                .map(MessageView::new)
                .collect()
        })
        .collect();
    // Each part's findings, and their positions by message (offset by the part's start).
    let mut found: Vec<(Vec<Finding>, Vec<Vec<usize>>)> = views
        .iter()
        .map(|views| (Vec::new(), vec![Vec::new(); views.len()]))
        .collect();
    for rule in &rules.message_rules {
        for ((part, views), (mine, mine_on)) in parts.iter().zip(&views).zip(&mut found) {
            let mut out = Vec::new();
            let ctx = Context {
                earlier: mine,
                earlier_on: mine_on,
                ..part.context(views, settings)
            };
            rule.check(&ctx, &mut out);
            record(mine, mine_on, part.range.start, out);
        }
    }
    parts
        .iter()
        .zip(&views)
        .zip(found)
        .map(|((part, views), (mine, mine_on))| {
            let evidence: Vec<Option<CriticalPurpose>> = views
                .iter()
                .map(|v| content_evidence_of(v.subject.as_ref(), &v.body))
                .collect();
            let ctx = Context {
                earlier: &mine,
                earlier_on: &mine_on,
                critical_evidence: &evidence,
                ..part.context(views, settings)
            };
            let marks = rules
                .sequence_rules
                .iter()
                .map(|rule| {
                    part.range
                        .clone()
                        .map(|index| rule.mark(&ctx, index))
                        .collect()
                })
                .collect();
            LintedPart {
                findings: mine,
                marks,
                evidence,
            }
        })
        .collect()
}

/// Messages whose views are built at once: up to [`CHUNK_TEXT`] bytes of text or
/// [`CHUNK_MESSAGES`] messages. A few rather than one, because each rule then runs over several
/// messages in a row with its automata warm in the CPU caches (one message at a time made a
/// sequence of 70,928 messages up to a third slower); a few rather than all, because views take
/// several times the memory of their text. A chunk may hold the messages of several short
/// sequences, of several files (see [`lint_sources`]).
const CHUNK_TEXT: usize = 256 << 10;
const CHUNK_MESSAGES: usize = 256;

/// The end of the chunk of messages starting at `start` (see [`CHUNK_TEXT`]), and the bytes of
/// text it holds; `body_len` gives the length of a message's body from its index and message
/// (a body left out of the model is not in the message).
fn chunk_end(
    messages: &[Message],
    start: usize,
    body_len: impl Fn(usize, &Message) -> usize,
) -> (usize, usize) {
    let mut text = 0;
    let mut end = start;
    while end < messages.len()
        && end - start < CHUNK_MESSAGES
        && (end == start || text < CHUNK_TEXT)
    {
        let m = &messages[end];
        text += body_len(end, m) + m.subject.as_ref().map_or(0, |s| s.value.len());
        end += 1;
    }
    (end, text)
}

/// What a message rule sees of the messages from `first` on, whose views are `views`; the
/// caller fills in the findings of the rules before it.
fn chunk_context<'a>(
    source: &'a SourceFile,
    sequence: &'a Sequence,
    views: &'a [MessageView<'a>],
    settings: &'a Settings,
    languages: &'a [String],
    first: usize,
) -> Context<'a> {
    Context {
        source,
        sequence,
        messages: views,
        profile: &settings.profile,
        languages,
        earlier: &[],
        earlier_on: &[],
        options: &settings.rule_options,
        first_message: first,
        marks: &[],
        critical_evidence: &[],
    }
}

/// Appends a rule's findings, indexing them by message (see [`Context::earlier_on`]); `first`
/// is the index of the message `earlier_on[0]` is about.
fn record(
    findings: &mut Vec<Finding>,
    earlier_on: &mut [Vec<usize>],
    first: usize,
    new: Vec<Finding>,
) {
    let start = findings.len();
    findings.extend(new);
    for (at, f) in findings.iter().enumerate().skip(start) {
        if let Some(on) = f
            .message_index
            .checked_sub(first)
            .and_then(|i| earlier_on.get_mut(i))
        {
            on.push(at);
        }
    }
}

/// Lints one file's text.
pub fn lint_source(source: SourceFile, registry: &Registry, settings: &Settings) -> FileReport {
    lint_one(source, registry, settings, false)
}

/// [`lint_source`] for a run whose reports do not quote the messages (see
/// [`crate::run::RunOptions::shed_text`]): each message's subject and body text, and the maps
/// of their positions, are dropped as soon as its rules have run, keeping only where the
/// fields are. Held to the end, they were a third of a big file's peak memory, beside the
/// diagnostics that grow meanwhile. The report is the same; its sequences' text fields are
/// empty ([`crate::model::TextField::drop_text`]).
pub fn lint_source_dropping_text(
    source: SourceFile,
    registry: &Registry,
    settings: &Settings,
) -> FileReport {
    lint_one(source, registry, settings, true)
}

fn lint_one(
    source: SourceFile,
    registry: &Registry,
    settings: &Settings,
    drop_text: bool,
) -> FileReport {
    let name = source.name.clone();
    lint_sources(vec![source], registry, settings, drop_text)
        .pop()
        .unwrap_or_else(|| FileReport::empty(SourceFile::new(name, String::new())))
}

/// A file of [`lint_sources`], parsed, while its sequences are linted.
struct OpenFile {
    source: SourceFile,
    sequences: Vec<Sequence>,
    /// By sequence: the bodies left out of the model, restored a chunk at a time.
    bodies: Vec<Option<Bodies>>,
    /// By sequence: the names its diagnostics carry.
    names: Vec<Names>,
    diagnostics: Vec<Diagnostic>,
    /// By sequence, as each is finished.
    evidence: Vec<Vec<Option<CriticalPurpose>>>,
}

/// Parses a file for [`lint_sources`]; a file that does not parse is already its report.
fn open_file(
    source: SourceFile,
    settings: &Settings,
    drop_text: bool,
) -> Result<OpenFile, FileReport> {
    let marketplace = settings
        .default_marketplace
        .as_deref()
        .unwrap_or(DEFAULT_MARKETPLACE);
    // A plain template (`.txt`, `.md`, `.html`) is one message; everything else is YAML.
    // Bodies are left out of the model when they are dropped once linted anyway (see
    // [`crate::body_store`]).
    let parsed: Result<Vec<(Sequence, Option<Bodies>)>, _> =
        if crate::template::is_template(&source.name) {
            crate::template::parse_template(&source)
                .map(|sequences| sequences.into_iter().map(|s| (s, None)).collect())
        } else if drop_text {
            parse_file_lean(&source, marketplace)
                .map(|sequences| sequences.into_iter().map(|(s, b)| (s, Some(b))).collect())
        } else {
            parse_file_with(&source, marketplace)
                .map(|sequences| sequences.into_iter().map(|s| (s, None)).collect())
        };
    let (sequences, bodies): (Vec<Sequence>, Vec<Option<Bodies>>) = match parsed {
        Ok(s) => s.into_iter().unzip(),
        Err(errors) => {
            let mut report = FileReport::empty(source);
            report.errors = errors;
            return Err(report);
        }
    };
    // One copy of each name for all the diagnostics that carry it (a big sequence has
    // hundreds of thousands).
    let file: ArcStr = ArcStr::from(source.name.as_str());
    let names = sequences
        .iter()
        .map(|sequence| Names {
            file: file.clone(),
            sequence: ArcStr::from(sequence.name.value.as_str()),
            message_ids: sequence
                .messages
                .iter()
                .map(|m| ArcStr::from(m.id.value.as_str()))
                .collect(),
        })
        .collect();
    Ok(OpenFile {
        evidence: Vec::with_capacity(sequences.len()),
        source,
        sequences,
        bodies,
        names,
        diagnostics: Vec::new(),
    })
}

/// Lints several files together, one report each, in order: the same reports as linting each
/// alone ([`lint_source`], or [`lint_source_dropping_text`] with `drop_text`), sooner. The
/// messages of their sequences are linted in chunks as one long sequence's are (up to 256
/// messages or 256 KiB of text), each rule over the whole chunk before the next, which keeps
/// its automata warm in the CPU caches: a chunk holds the messages of many short sequences,
/// and mail sequences are short. A sequence is cut into chunks where it would be cut alone,
/// and each rule sees only its own sequence's messages and findings, so a file's findings do
/// not depend on its neighbours.
pub fn lint_sources(
    sources: Vec<SourceFile>,
    registry: &Registry,
    settings: &Settings,
    drop_text: bool,
) -> Vec<FileReport> {
    let rules = RuleLists::of(registry);
    let mut files: Vec<Result<OpenFile, FileReport>> = sources
        .into_iter()
        .map(|source| open_file(source, settings, drop_text))
        .collect();
    // (file, sequence) of every sequence of the files that parsed, in order; the sequences'
    // linting (`lints`) and next message to lint (`next`) are by position here.
    let order: Vec<(usize, usize)> = files
        .iter()
        .enumerate()
        .filter_map(|(f, file)| file.as_ref().ok().map(|open| (f, open.sequences.len())))
        .flat_map(|(f, count)| (0..count).map(move |s| (f, s)))
        .collect();
    let mut lints: Vec<Option<SequenceLint>> = order
        .iter()
        .map(|&(f, s)| {
            let sequence = files[f].as_ref().ok()?.sequences.get(s)?;
            Some(SequenceLint::new(sequence, &rules))
        })
        .collect();
    let mut next = vec![0usize; order.len()];
    let mut texts = Texts::default();
    // The first sequence not yet finished.
    let mut first = 0;
    while first < order.len() {
        let parts = next_chunk(&files, &order, &next, first);
        restore_bodies(&mut files, &order, &parts);
        let linted = {
            let chunk: Vec<Part<'_>> = parts
                .iter()
                .filter_map(|(k, range)| {
                    let (f, s) = order[*k];
                    let open = files[f].as_ref().ok()?;
                    Some(Part {
                        source: &open.source,
                        sequence: open.sequences.get(s)?,
                        range: range.clone(),
                        languages: &lints[*k].as_ref()?.languages,
                    })
                })
                .collect();
            lint_parts(&chunk, &rules, settings)
        };
        for ((k, range), linted) in parts.iter().zip(linted) {
            let (f, s) = order[*k];
            let (Ok(open), Some(lint)) = (&mut files[f], &mut lints[*k]) else {
                continue;
            };
            let findings = lint.absorb(linted);
            open.emit(s, findings, &mut texts, registry, settings);
            if let (true, Some(sequence)) = (drop_text, open.sequences.get_mut(s)) {
                let chunk = sequence.messages.get_mut(range.clone()).unwrap_or_default();
                chunk.iter_mut().for_each(Message::drop_text);
            }
            if let Some(Some(bodies)) = open.bodies.get_mut(s) {
                bodies.free_before(range.end);
            }
            next[*k] = range.end;
        }
        // Sequences whose last message is linted run their sequence rules.
        while let Some(&(f, s)) = order.get(first) {
            let Ok(open) = &mut files[f] else {
                first += 1;
                continue;
            };
            let Some(sequence) = open.sequences.get(s) else {
                first += 1;
                continue;
            };
            if next[first] < sequence.messages.len() {
                break;
            }
            if let Some(lint) = lints[first].take() {
                // Each rule's findings become diagnostics as soon as it is done: gathered
                // first, a long sequence's (tens of thousands) were copied once more at the
                // peak of a big file's memory.
                let names = open.names.get(s);
                let diagnostics = &mut open.diagnostics;
                let evidence = lint.finish(&open.source, sequence, &rules, settings, &mut |f| {
                    if let Some(names) = names {
                        add_diagnostics(
                            diagnostics,
                            &open.source,
                            names,
                            s,
                            f,
                            &mut texts,
                            registry,
                            settings,
                        )
                    }
                });
                open.evidence.push(evidence);
            }
            first += 1;
        }
    }
    files
        .into_iter()
        .map(|file| match file {
            Ok(open) => open.report(registry, settings),
            Err(report) => report,
        })
        .collect()
}

/// The next chunk of a batch (see [`CHUNK_TEXT`]): the next chunk of each sequence from
/// `first` on, sequence after sequence, while they fit. A sequence that does not end in it
/// ends the chunk. Each is `(k, messages)`, `k` the sequence's position in `order`; `next`
/// holds the next message to lint of each.
fn next_chunk(
    files: &[Result<OpenFile, FileReport>],
    order: &[(usize, usize)],
    next: &[usize],
    first: usize,
) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut parts = Vec::new();
    let (mut text, mut count) = (0, 0);
    for (k, &(f, s)) in order.iter().enumerate().skip(first) {
        let Some(open) = files.get(f).and_then(|file| file.as_ref().ok()) else {
            continue;
        };
        let messages = open.sequences.get(s).map_or(&[][..], |q| &q.messages);
        let start = next.get(k).copied().unwrap_or(usize::MAX);
        if start >= messages.len() {
            continue;
        }
        let bodies = open.bodies.get(s).and_then(Option::as_ref);
        let (end, size) = chunk_end(messages, start, |index, m| match bodies {
            Some(bodies) => bodies.len(index),
            None => m.body.value.len(),
        });
        if !parts.is_empty() && (text + size > CHUNK_TEXT || count + (end - start) > CHUNK_MESSAGES)
        {
            break;
        }
        parts.push((k, start..end));
        (text, count) = (text + size, count + (end - start));
        if end < messages.len() {
            break;
        }
    }
    parts
}

/// Brings back, for the messages of `parts`, the bodies left out of the model.
fn restore_bodies(
    files: &mut [Result<OpenFile, FileReport>],
    order: &[(usize, usize)],
    parts: &[(usize, std::ops::Range<usize>)],
) {
    for (k, range) in parts {
        let Some(&(f, s)) = order.get(*k) else {
            continue;
        };
        let Some(Ok(open)) = files.get_mut(f) else {
            continue;
        };
        let (Some(Some(bodies)), Some(sequence)) = (open.bodies.get(s), open.sequences.get_mut(s))
        else {
            continue;
        };
        let chunk = sequence.messages.get_mut(range.clone()).unwrap_or_default();
        for (index, message) in (range.start..).zip(chunk.iter_mut()) {
            bodies.restore(index, &open.source.text, &mut message.body);
        }
    }
}

impl OpenFile {
    /// Adds the findings of sequence `s` as diagnostics.
    fn emit(
        &mut self,
        s: usize,
        findings: Vec<Finding>,
        texts: &mut Texts,
        registry: &Registry,
        settings: &Settings,
    ) {
        if let Some(names) = self.names.get(s) {
            add_diagnostics(
                &mut self.diagnostics,
                &self.source,
                names,
                s,
                findings,
                texts,
                registry,
                settings,
            );
        }
    }

    /// The file's report, once every sequence is linted: suppressions applied, diagnostics in
    /// report order, verdicts judged.
    fn report(self, registry: &Registry, settings: &Settings) -> FileReport {
        let outcome = crate::suppress::apply(
            &self.source,
            &self.sequences,
            self.diagnostics,
            registry,
            settings,
        );
        let mut diagnostics = outcome.kept;
        sort_for_report(&mut diagnostics);
        let verdicts = judge_file(&self.sequences, &diagnostics, &self.evidence);
        FileReport {
            source: self.source,
            sequence_count: self.sequences.len(),
            message_count: self.sequences.iter().map(|s| s.messages.len()).sum(),
            sequences: self.sequences,
            diagnostics,
            errors: Vec::new(),
            suppressed: outcome.suppressed,
            verdicts,
        }
    }
}

/// Adds the findings of sequence `s` of a file, whose names are `names`, to its diagnostics.
#[allow(clippy::too_many_arguments)]
fn add_diagnostics(
    diagnostics: &mut Vec<Diagnostic>,
    source: &SourceFile,
    names: &Names,
    s: usize,
    findings: Vec<Finding>,
    texts: &mut Texts,
    registry: &Registry,
    settings: &Settings,
) {
    diagnostics.extend(
        findings.into_iter().filter_map(|finding| {
            to_diagnostic(source, names, texts, s, finding, registry, settings)
        }),
    );
}

/// Puts diagnostics in report order: by sequence and message, then position, then rule, ties
/// kept in the order found.
fn sort_for_report(diagnostics: &mut [Diagnostic]) {
    sort_stable_by_swaps(diagnostics, |a, b| {
        (a.order, a.line, a.column, &a.rule).cmp(&(b.order, b.line, b.column, &b.rule))
    });
}

/// A stable sort without the buffer of half the items that `sort_by` takes (a big file's
/// diagnostics were its peak memory): the items' positions are sorted, then applied by swaps,
/// following each cycle of the permutation.
fn sort_stable_by_swaps<T>(items: &mut [T], compare: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by(|&a, &b| compare(&items[a], &items[b]).then(a.cmp(&b)));
    // Position `at` takes what was at `order[at]`; a placed position's entry becomes `at`.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

/// The names a sequence's diagnostics carry, shared.
struct Names {
    file: ArcStr,
    sequence: ArcStr,
    /// By message index.
    message_ids: Vec<ArcStr>,
}

fn to_diagnostic(
    source: &SourceFile,
    names: &Names,
    texts: &mut Texts,
    seq_index: usize,
    f: Finding,
    registry: &Registry,
    settings: &Settings,
) -> Option<Diagnostic> {
    let (rule, advice) = registry.get_with_advice(&f.rule)?;
    let meta = rule.meta();
    let severity = settings.severity(&f.rule, meta.severity)?;
    let (start, end) = positions(source, &f.span);
    let message_id = names
        .message_ids
        .get(f.message_index)
        .cloned()
        .unwrap_or_else(|| ArcStr::from(""));
    let (applicability, edits) = match &f.fix {
        // A fix without edits is advice, whatever grade it claims.
        Some(fix) if !fix.edits.is_empty() && fix.applicability != Applicability::Manual => (
            fix.applicability,
            fix.edits
                .iter()
                .map(|e| PlacedEdit::new(source, e))
                .collect(),
        ),
        _ => (Applicability::Manual, Box::default()),
    };
    Some(Diagnostic {
        file: names.file.clone(),
        rule: advice.rule,
        severity,
        message: texts.get(f.message),
        message_id,
        sequence: names.sequence.clone(),
        field: f.field,
        line: position(start.line),
        column: position(start.column),
        end_line: position(end.line),
        end_column: position(end.column),
        fix: f.help.map_or(advice.fix, |help| texts.get(help)),
        applicability,
        matched: f.matched.map(|m| texts.get(m)),
        edits,
        span: f.span,
        order: (position(seq_index), position(f.message_index)),
        url: advice.url,
    })
}

#[cfg(test)]
mod tests {
    use super::sort_stable_by_swaps;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorting_by_swaps_is_the_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|&(key, _)| key);
            let mut got = items;
            sort_stable_by_swaps(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(got, expected);
        }
    }
}
