//! Phrase rules: rules written as data (`rules/*.yaml`, and the folders of a config's
//! `rule-packs`). One file is one rule: its documentation, its patterns per language, the
//! exceptions that keep it from firing on innocent sentences, and examples that must and must
//! not fire. A rule whose examples fail does not load.
//!
//! Nothing is compiled before a text needs it: a language's patterns are read at its first use
//! (a run over German files never reads the Japanese ones), and each pattern is compiled only
//! when a text has the literals it cannot match without (see [`super::literal_gate`] and
//! [`super::lazy_regex`]); its matches are the union of every pattern's. Literal phrase lists
//! go through `aho-corasick`, patterns through the `regex` crate's engine (linear time: no
//! backtracking engine, whatever a rule pack writes).
//!
//! A pattern is a string (a case-insensitive regex) or an object with exactly one of
//! `regex`, `phrase` (a literal, whole words outside Japanese and Chinese) or `near: [a, b]`
//! (both regexes in one sentence, at most `within` characters apart, default 60). An object
//! may add guards that keep a cue from firing alone:
//!
//! - `requires`: a regex that must also match somewhere in the same field (a "5 stars" only
//!   counts in a field that talks about reviews);
//! - `unless_before` / `unless_after`: regexes tried on the 40 characters just before / after
//!   the match (anchor them with `$` / `^`); a hit is dropped when one matches (a number
//!   right after "order" is an order id, not a phone number);
//! - `focus`: a regex; the diagnostic covers its first match inside the hit instead of the
//!   whole hit (a cue word found the phone number, the number is what is reported).
//!
//! `exceptions` (per language, regexes) drop a hit when they match its sentence (or the whole
//! field with `exception_scope: field`). Sentences end at `.`, `!`, `?`, `;`, the CJK stops
//! and at line breaks that start a new block, see [`sentence_around`]; other line breaks read as
//! spaces, so a pattern written with spaces also matches a hard-wrapped template.
//!
//! `options` name behaviours a seller may switch on in the configuration (`rule-options`),
//! all off by default. An option has a `description` (shown by `sellerlint explain` and the
//! rule docs), its own `exceptions` per language (applied, like `exceptions`, only while the
//! option is on) and optional `examples: {fire, pass}` that must hold with the option on; each
//! of its `pass` examples must also fire with the option off, so the examples show what the
//! option changes. The rule's top-level examples are checked with every option off.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::rules::lazy_regex::{case_insensitive, CompiledRegex, LazyRegex, LazyRegexes};
use crate::rules::literal_gate::{phrase_regex, GateSet, Present};
use crate::rules::{Context, Rule, RuleMeta, RuleOption};
use crate::text::{sentence_around, TextView};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::OnceLock;

/// Pseudo-language whose patterns apply to every message (placeholders, URLs, symbols).
pub const ANY_LANGUAGE: &str = "any";

/// One pattern as written in a rule file.
#[derive(Debug, Clone)]
pub enum PatternSpec {
    /// A regular expression (case-insensitive).
    Regex(String),
    Object(PatternObject),
}

/// A string is a regex, a map a [`PatternObject`]. Written out rather than
/// `#[serde(untagged)]`, which buffers every pattern and tries each form in turn (a ninth of
/// loading the built-in rules at start-up), and whose error named neither form's problem
/// ("data did not match any variant"); now a rule pack hears of the unknown key or the
/// number where a regex belongs.
impl<'de> Deserialize<'de> for PatternSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Spec;
        impl<'de> serde::de::Visitor<'de> for Spec {
            type Value = PatternSpec;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a regex, or a map with `regex`, `phrase` or `near`")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PatternSpec, E> {
                Ok(PatternSpec::Regex(v.to_string()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<PatternSpec, E> {
                Ok(PatternSpec::Regex(v))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<PatternSpec, A::Error> {
                PatternObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(PatternSpec::Object)
            }
        }
        deserializer.deserialize_any(Spec)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternObject {
    /// A regular expression (case-insensitive).
    #[serde(default)]
    pub regex: Option<String>,
    /// A literal phrase (case-insensitive; whole words outside Japanese and Chinese).
    #[serde(default)]
    pub phrase: Option<String>,
    /// Two regexes that must both occur in one sentence, at most `within` characters apart.
    #[serde(default)]
    pub near: Option<[String; 2]>,
    #[serde(default)]
    pub within: Option<usize>,
    /// A regex that must also match somewhere in the same field.
    #[serde(default)]
    pub requires: Option<String>,
    /// A regex tried on the text just before the hit; the hit is dropped when it matches.
    #[serde(default)]
    pub unless_before: Option<String>,
    /// A regex tried on the text just after the hit; the hit is dropped when it matches.
    #[serde(default)]
    pub unless_after: Option<String>,
    /// A regex; the reported range is its first match inside the hit.
    #[serde(default)]
    pub focus: Option<String>,
}

impl PatternObject {
    fn has_guards(&self) -> bool {
        self.requires.is_some()
            || self.unless_before.is_some()
            || self.unless_after.is_some()
            || self.focus.is_some()
    }
}

/// How many characters around a hit `unless_before` / `unless_after` look at.
const GUARD_WINDOW: usize = 40;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub fire: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub pass: BTreeMap<String, Vec<String>>,
}

/// An option of a rule as written: off unless the configuration's `rule-options` names it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    /// What switching it on changes (for `sellerlint explain` and the rule docs).
    pub description: String,
    /// Exceptions per language, applied only while the option is on.
    #[serde(default)]
    pub exceptions: BTreeMap<String, Vec<String>>,
    /// Examples checked with the option on.
    #[serde(default)]
    pub examples: Examples,
}

/// A rule's examples: parsed with the rule, or for a built-in rule from their own JSON on
/// first need. They are a third of the built-in rules' JSON, and only `verify`, the docs and
/// the tests read them: a run never does.
struct RuleExamples {
    parsed: OnceLock<Examples>,
    /// The JSON build.rs split off the rule's (`None`: the examples are parsed already).
    json: Option<&'static str>,
}

impl RuleExamples {
    fn parsed(examples: Examples) -> RuleExamples {
        RuleExamples {
            parsed: OnceLock::from(examples),
            json: None,
        }
    }

    fn get(&self) -> &Examples {
        self.parsed.get_or_init(|| {
            // The JSON is build.rs's; a unit test checks that it parses to the YAML's examples.
            self.json
                .and_then(|json| serde_json::from_str(json).ok())
                .unwrap_or_default()
        })
    }
}

impl std::fmt::Debug for RuleExamples {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// No option switched on.
static NO_OPTIONS: BTreeSet<String> = BTreeSet::new();

/// Which matches become diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Report {
    /// The first match in each field (one diagnostic per field: the message is the problem).
    #[default]
    First,
    /// Every match (each occurrence is its own problem, e.g. each email address).
    All,
}

/// Where exceptions are looked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExceptionScope {
    /// The sentence holding the match.
    #[default]
    Sentence,
    /// The whole field.
    Field,
}

/// A rule file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseRuleFile {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    /// The diagnostic message; `{match}` is replaced by the matched words.
    #[serde(default)]
    pub message: Option<String>,
    pub why: String,
    pub source: String,
    pub fix: String,
    #[serde(default)]
    pub example_bad: Option<String>,
    #[serde(default)]
    pub example_good: Option<String>,
    /// Fields to search: `subject`, `body` (default both).
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub report: Report,
    #[serde(default)]
    pub exception_scope: ExceptionScope,
    pub patterns: BTreeMap<String, Vec<PatternSpec>>,
    #[serde(default)]
    pub exceptions: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub examples: Examples,
    /// Options the configuration may switch on (see the module doc).
    #[serde(default)]
    pub options: BTreeMap<String, OptionSpec>,
    /// A mechanical fix of the match (see [`crate::fix::phrase_fix`]).
    #[serde(default)]
    pub autofix: Option<crate::fix::phrase_fix::AutofixSpec>,
}

/// The matchers of one language. Building them only reads the patterns; each regex compiles
/// at its first use on a text that opens its literal gate.
#[derive(Debug)]
struct Compiled {
    /// The literal gates of every regex below.
    gates: GateSet,
    /// The regex patterns, each searched alone.
    regexes: Vec<LazyRegex>,
    /// ASCII literal phrases.
    literals: Option<AhoCorasick>,
    /// Whether literal matches must start and end on word boundaries.
    word_bounded: bool,
    near: Vec<(LazyRegex, LazyRegex, usize)>,
    /// Patterns with guards, matched one by one.
    guarded: Vec<Guarded>,
    exceptions: Vec<LazyRegex>,
    /// Exceptions of each option (by option name) that has some in this language.
    option_exceptions: BTreeMap<String, Vec<LazyRegex>>,
}

impl Compiled {
    /// Compiles every regex now: loading a rule pack reports a broken pattern at once.
    fn compile_all(&self) -> Result<(), String> {
        let guarded = self.guarded.iter().flat_map(|g| {
            let matcher = match &g.matcher {
                Matcher::Regex(re) => vec![re],
                Matcher::Near(pair, _) => pair.iter().collect(),
            };
            matcher.into_iter().chain(
                [&g.requires, &g.unless_before, &g.unless_after, &g.focus]
                    .into_iter()
                    .flatten(),
            )
        });
        self.regexes
            .iter()
            .chain(self.near.iter().flat_map(|(a, b, _)| [a, b]))
            .chain(guarded)
            .chain(&self.exceptions)
            .chain(self.option_exceptions.values().flatten())
            .try_for_each(LazyRegex::check)
    }
}

/// A text with the literals each language's gates found in it.
struct Scanned<'a> {
    text: &'a str,
    compiled: &'a Compiled,
    present: Present<'a>,
}

impl Scanned<'_> {
    fn regex<'r>(&self, re: &'r LazyRegex) -> Option<CompiledRegex<'r>> {
        re.for_text(&self.compiled.gates, &self.present, self.text)
    }

    /// Does `re` match `piece` (a part of the scanned text)?
    fn matches(&self, re: &LazyRegex, piece: &str) -> bool {
        self.regex(re).is_some_and(|r| r.is_match(piece))
    }
}

/// What a guarded pattern matches with.
#[derive(Debug)]
enum Matcher {
    Regex(LazyRegex),
    /// Boxed: a [`LazyRegex`] is large, and most matchers are plain regexes.
    Near(Box<[LazyRegex; 2]>, usize),
}

/// A pattern with its guards (see the module doc).
#[derive(Debug)]
struct Guarded {
    matcher: Matcher,
    requires: Option<LazyRegex>,
    unless_before: Option<LazyRegex>,
    unless_after: Option<LazyRegex>,
    focus: Option<LazyRegex>,
}

impl Guarded {
    fn find(&self, scanned: &Scanned<'_>) -> Vec<Range<usize>> {
        let text = scanned.text;
        if let Some(req) = &self.requires {
            if !scanned.matches(req, text) {
                return Vec::new();
            }
        }
        let raw: Vec<Range<usize>> = match &self.matcher {
            Matcher::Regex(re) => match scanned.regex(re) {
                Some(re) => re.find_iter(text).filter(|r| !r.is_empty()).collect(),
                None => Vec::new(),
            },
            Matcher::Near(pair, within) => match (scanned.regex(&pair[0]), scanned.regex(&pair[1]))
            {
                (Some(a), Some(b)) => find_near(text, a, b, *within),
                _ => Vec::new(),
            },
        };
        raw.into_iter()
            .filter(|r| {
                let before = window_before(text, r.start);
                let after = window_after(text, r.end);
                !self
                    .unless_before
                    .as_ref()
                    .is_some_and(|g| scanned.matches(g, before))
                    && !self
                        .unless_after
                        .as_ref()
                        .is_some_and(|g| scanned.matches(g, after))
            })
            .map(
                |r| match self.focus.as_ref().and_then(|f| scanned.regex(f)) {
                    Some(f) => f
                        .find(&text[r.clone()])
                        .filter(|m| !m.is_empty())
                        .map_or(r.clone(), |m| r.start + m.start..r.start + m.end),
                    None => r,
                },
            )
            .collect()
    }
}

/// Up to [`GUARD_WINDOW`] characters of `text` ending at byte `at`.
fn window_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .nth(GUARD_WINDOW - 1)
        .map_or(0, |(i, _)| i);
    &head[start..]
}

/// Up to [`GUARD_WINDOW`] characters of `text` starting at byte `at`.
fn window_after(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let end = tail
        .char_indices()
        .nth(GUARD_WINDOW)
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// A loaded phrase rule.
#[derive(Debug)]
pub struct PhraseRule {
    meta: RuleMeta,
    message: String,
    fields: Vec<Field>,
    report: Report,
    exception_scope: ExceptionScope,
    patterns: BTreeMap<String, Vec<PatternSpec>>,
    exceptions: BTreeMap<String, Vec<String>>,
    examples: RuleExamples,
    options: BTreeMap<String, OptionSpec>,
    /// The options as documentation lists them.
    option_docs: Vec<RuleOption>,
    compiled: BTreeMap<String, OnceLock<Result<Compiled, String>>>,
    autofix: Option<crate::fix::phrase_fix::PhraseFix>,
    /// Where the rule came from (for error messages).
    pub origin: String,
}

/// A rule file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLoadError {
    pub origin: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RuleLoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.origin, self.message),
            _ => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

/// 1-based line and column where a pattern is written in a rule file, trying the ways YAML
/// spells it (single-quoted with doubled quotes, double-quoted with escapes, plain after `- `
/// or a key), so that a short pattern is not found inside some other line.
fn locate_pattern(text: &str, pattern: &str) -> Option<(usize, usize)> {
    if pattern.is_empty() {
        return None;
    }
    let single = pattern.replace('\'', "''");
    let double = pattern.replace('\\', "\\\\").replace('"', "\\\"");
    let spellings = [
        (format!("'{single}'"), 1),
        (format!("\"{double}\""), 1),
        (format!("- {pattern}"), 2),
        (format!(": {pattern}"), 2),
        (format!("[{pattern}"), 1),
    ];
    let at = spellings
        .iter()
        .find_map(|(s, skip)| text.find(s.as_str()).map(|i| i + skip))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    Some((line, column))
}

/// Languages written without spaces between words, where `\b` means nothing.
fn unspaced(language: &str) -> bool {
    matches!(language, "ja" | "zh")
}

impl PhraseRule {
    /// Parses a rule file and checks it: id, fields, every pattern compiles, examples hold.
    pub fn load(origin: &str, text: &str) -> Result<PhraseRule, RuleLoadError> {
        let file: PhraseRuleFile = serde_saphyr::from_str(text).map_err(|e| {
            let loc = e.location();
            let msg = e.without_snippet().to_string();
            let msg = msg
                .strip_prefix("error: ")
                .map(|m| m.split_once(": ").map_or(m, |(_, rest)| rest))
                .unwrap_or(&msg)
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            RuleLoadError {
                origin: origin.to_string(),
                line: loc
                    .and_then(|l| usize::try_from(l.line()).ok())
                    .filter(|l| *l > 0),
                column: loc
                    .and_then(|l| usize::try_from(l.column()).ok())
                    .filter(|c| *c > 0),
                message: msg,
            }
        })?;
        let rule = PhraseRule::from_file(origin, file, true)?;
        rule.verify().map_err(|mut e| {
            // Point at the first pattern that does not compile on its own.
            if e.line.is_none() {
                let bad = rule
                    .patterns
                    .values()
                    .flatten()
                    .flat_map(|spec| match spec {
                        PatternSpec::Regex(r) => vec![r.as_str()],
                        PatternSpec::Object(o) => o
                            .regex
                            .iter()
                            .chain(o.near.iter().flatten())
                            .map(String::as_str)
                            .collect(),
                    })
                    .chain(rule.exceptions.values().flatten().map(String::as_str))
                    .find(|p| case_insensitive(p).is_err());
                if let Some((line, column)) = bad.and_then(|p| locate_pattern(text, p)) {
                    e.line = Some(line);
                    e.column = Some(column);
                }
            }
            e
        })?;
        Ok(rule)
    }

    /// Parses a rule file and checks its structure, without compiling patterns or running the
    /// examples: for the built-in rules, whose examples `cargo test` runs, so that start-up
    /// stays fast (patterns compile when a text needs them).
    pub fn load_trusted(origin: &str, text: &str) -> Result<PhraseRule, RuleLoadError> {
        let file: PhraseRuleFile = serde_saphyr::from_str(text).map_err(|e| RuleLoadError {
            origin: origin.to_string(),
            line: None,
            column: None,
            message: e.without_snippet().to_string(),
        })?;
        PhraseRule::from_file(origin, file, false)
    }

    /// [`PhraseRule::load_trusted`] from the JSON form build.rs makes of a built-in rule file
    /// (it loads several times faster than YAML, which start-up time needs). build.rs splits
    /// the examples off into `examples_json`, parsed on first need; or now, when the rule has
    /// no `example_bad` or `example_good`, which then come from its examples.
    pub fn load_trusted_json(
        origin: &str,
        json: &str,
        examples_json: &'static str,
    ) -> Result<PhraseRule, RuleLoadError> {
        let err = |e: serde_json::Error| RuleLoadError {
            origin: origin.to_string(),
            line: None,
            column: None,
            message: e.to_string(),
        };
        let mut file: PhraseRuleFile = serde_json::from_str(json).map_err(err)?;
        if file.example_bad.is_some() && file.example_good.is_some() {
            let mut rule = PhraseRule::from_file(origin, file, false)?;
            rule.examples = RuleExamples {
                parsed: OnceLock::new(),
                json: Some(examples_json),
            };
            return Ok(rule);
        }
        file.examples = serde_json::from_str(examples_json).map_err(err)?;
        PhraseRule::from_file(origin, file, false)
    }

    /// The rule of a parsed file; `checked`: whether the syntax of its fix's patterns is
    /// checked (see [`crate::fix::phrase_fix::PhraseFix::compile`]).
    fn from_file(
        origin: &str,
        file: PhraseRuleFile,
        checked: bool,
    ) -> Result<PhraseRule, RuleLoadError> {
        let err = |message: String| RuleLoadError {
            origin: origin.to_string(),
            line: None,
            column: None,
            message,
        };
        let id_ok = file.id.split_once('/').is_some_and(|(c, n)| {
            let ok = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
            };
            ok(c) && ok(n)
        });
        if !id_ok {
            return Err(err(format!(
                "rule id `{}` must be `category/name` in lowercase letters, digits and dashes",
                file.id
            )));
        }
        let mut fields = Vec::new();
        for f in &file.fields {
            fields.push(match f.as_str() {
                "subject" => Field::Subject,
                "body" => Field::Body,
                other => {
                    return Err(err(format!(
                        "unknown field `{other}` in `fields`: use `subject` and/or `body`"
                    )))
                }
            });
        }
        if fields.is_empty() {
            fields = vec![Field::Subject, Field::Body];
        }
        if file.patterns.is_empty() {
            return Err(err("the rule has no `patterns`".into()));
        }
        for (name, option) in &file.options {
            let name_ok = !name.is_empty()
                && !name.starts_with('-')
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !name_ok {
                return Err(err(format!(
                    "option name `{name}` must be lowercase letters, digits and dashes"
                )));
            }
            if option.description.trim().is_empty() {
                return Err(err(format!("option `{name}` needs a `description`")));
            }
            if option.exceptions.values().all(Vec::is_empty) {
                return Err(err(format!(
                    "option `{name}` changes nothing: give it `exceptions`"
                )));
            }
            if let Some(lang) = option
                .exceptions
                .keys()
                .find(|l| !file.patterns.contains_key(*l))
            {
                return Err(err(format!(
                    "option `{name}` has exceptions for `{lang}`, which has no `patterns`"
                )));
            }
        }
        let compiled = file
            .patterns
            .keys()
            .map(|lang| (lang.clone(), OnceLock::new()))
            .collect();
        let mut languages: Vec<String> = file
            .patterns
            .keys()
            .filter(|l| l.as_str() != ANY_LANGUAGE)
            .cloned()
            .collect();
        languages.sort();
        let first_example = |m: &BTreeMap<String, Vec<String>>| {
            m.get("en")
                .or_else(|| m.values().next())
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default()
        };
        let autofix = file
            .autofix
            .as_ref()
            .map(|spec| crate::fix::phrase_fix::PhraseFix::compile(spec, checked))
            .transpose()
            .map_err(err)?;
        let meta = RuleMeta {
            id: Cow::Owned(file.id.clone()),
            severity: file.severity,
            summary: Cow::Owned(file.summary.clone()),
            why: Cow::Owned(file.why.trim().to_string()),
            source: Cow::Owned(file.source.clone()),
            fix: Cow::Owned(file.fix.trim().to_string()),
            example_bad: Cow::Owned(
                file.example_bad
                    .clone()
                    .unwrap_or_else(|| first_example(&file.examples.fire)),
            ),
            example_good: Cow::Owned(
                file.example_good
                    .clone()
                    .unwrap_or_else(|| first_example(&file.examples.pass)),
            ),
            fixable: autofix
                .as_ref()
                .map_or(Applicability::Manual, |a| a.applicability()),
            languages,
        };
        Ok(PhraseRule {
            message: file.message.clone().unwrap_or_else(|| file.summary.clone()),
            meta,
            fields,
            report: file.report,
            exception_scope: file.exception_scope,
            patterns: file.patterns,
            exceptions: file.exceptions,
            examples: RuleExamples::parsed(file.examples),
            option_docs: file
                .options
                .iter()
                .map(|(name, o)| RuleOption {
                    name: name.clone(),
                    description: o
                        .description
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                })
                .collect(),
            options: file.options,
            compiled,
            autofix,
            origin: origin.to_string(),
        })
    }

    /// Compiles every language and runs every example.
    pub fn verify(&self) -> Result<(), RuleLoadError> {
        let err = |message: String| RuleLoadError {
            origin: self.origin.clone(),
            line: None,
            column: None,
            message,
        };
        for lang in self.patterns.keys() {
            self.compiled_for(lang)
                .and_then(Compiled::compile_all)
                .map_err(|e| err(format!("patterns for `{lang}`: {e}")))?;
        }
        for (lang, examples) in &self.examples.get().fire {
            for example in examples {
                if self
                    .find_in_text(&TextView::plain(example), &self.languages_with(lang))
                    .is_empty()
                {
                    return Err(err(format!(
                        "example that must fire does not fire ({lang}): {example:?}"
                    )));
                }
            }
        }
        for (lang, examples) in &self.examples.get().pass {
            for example in examples {
                if let Some(m) = self
                    .find_in_text(&TextView::plain(example), &self.languages_with(lang))
                    .first()
                {
                    let hit = example.get(m.clone()).unwrap_or("");
                    return Err(err(format!(
                        "example that must not fire fires ({lang}) on {hit:?}: {example:?}"
                    )));
                }
            }
        }
        for (name, option) in &self.options {
            let on = BTreeSet::from([name.clone()]);
            for (lang, examples) in &option.examples.fire {
                for example in examples {
                    if self
                        .find_in_text_with(
                            &TextView::plain(example),
                            &self.languages_with(lang),
                            &on,
                        )
                        .is_empty()
                    {
                        return Err(err(format!(
                            "example that must fire with option `{name}` does not fire \
                             ({lang}): {example:?}"
                        )));
                    }
                }
            }
            for (lang, examples) in &option.examples.pass {
                for example in examples {
                    let view = TextView::plain(example);
                    let langs = self.languages_with(lang);
                    if let Some(m) = self.find_in_text_with(&view, &langs, &on).first() {
                        let hit = example.get(m.clone()).unwrap_or("");
                        return Err(err(format!(
                            "example that must not fire with option `{name}` fires ({lang}) \
                             on {hit:?}: {example:?}"
                        )));
                    }
                    if self.find_in_text(&view, &langs).is_empty() {
                        return Err(err(format!(
                            "example of option `{name}` does not fire with the option off \
                             either, so it shows nothing about the option ({lang}): \
                             {example:?}"
                        )));
                    }
                }
            }
        }
        if let Some(fix) = &self.autofix {
            fix.check().map_err(err)?;
            for (lang, examples) in &self.examples.get().fire {
                let langs = self.languages_with(lang);
                fix.check_examples(examples, |t| self.find_in_text(&TextView::plain(t), &langs))
                    .map_err(err)?;
            }
        }
        Ok(())
    }

    fn languages_with(&self, lang: &str) -> Vec<String> {
        vec![lang.to_string(), ANY_LANGUAGE.to_string()]
    }

    /// The examples, for tests and docs.
    pub fn examples(&self) -> &Examples {
        self.examples.get()
    }

    fn compiled_for(&self, lang: &str) -> Result<&Compiled, String> {
        let Some(cell) = self.compiled.get(lang) else {
            return Err(format!("no patterns for `{lang}`"));
        };
        cell.get_or_init(|| self.compile(lang))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn compile(&self, lang: &str) -> Result<Compiled, String> {
        let word_bounded = !unspaced(lang);
        let mut lazy = LazyRegexes::default();
        let mut regexes = Vec::new();
        let mut literals = Vec::new();
        let mut near = Vec::new();
        let mut guarded = Vec::new();
        for spec in self.patterns.get(lang).into_iter().flatten() {
            match spec {
                PatternSpec::Regex(r) => regexes.push(lazy.searched(r.clone(), "pattern")),
                PatternSpec::Object(o) => {
                    let kinds = usize::from(o.regex.is_some())
                        + usize::from(o.phrase.is_some())
                        + usize::from(o.near.is_some());
                    if kinds != 1 {
                        return Err(
                            "each pattern object needs exactly one of `regex`, `phrase`, `near`"
                                .into(),
                        );
                    }
                    if o.has_guards() {
                        let matcher = if let Some([a, b]) = &o.near {
                            Matcher::Near(
                                Box::new([
                                    lazy.searched(a.clone(), "in `near`"),
                                    lazy.searched(b.clone(), "in `near`"),
                                ]),
                                o.within.unwrap_or(60),
                            )
                        } else {
                            let r = match (&o.regex, &o.phrase) {
                                (Some(r), _) => r.clone(),
                                (_, Some(p)) => phrase_regex(p, word_bounded),
                                _ => String::new(),
                            };
                            Matcher::Regex(lazy.searched(r, "pattern"))
                        };
                        let mut tried = |role: &str, r: &Option<String>| {
                            r.as_ref().map(|r| lazy.tried(r.clone(), role))
                        };
                        guarded.push(Guarded {
                            matcher,
                            requires: tried("in `requires`", &o.requires),
                            unless_before: tried("in `unless_before`", &o.unless_before),
                            unless_after: tried("in `unless_after`", &o.unless_after),
                            focus: tried("in `focus`", &o.focus),
                        });
                        continue;
                    }
                    if let Some(r) = &o.regex {
                        regexes.push(lazy.searched(r.clone(), "pattern"));
                    }
                    if let Some(p) = &o.phrase {
                        if p.is_ascii() {
                            literals.push(p.clone());
                        } else {
                            regexes.push(lazy.searched(phrase_regex(p, word_bounded), "pattern"));
                        }
                    }
                    if let Some([a, b]) = &o.near {
                        near.push((
                            lazy.searched(a.clone(), "in `near`"),
                            lazy.searched(b.clone(), "in `near`"),
                            o.within.unwrap_or(60),
                        ));
                    }
                }
            }
        }
        let literals = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&literals)
                    .map_err(|e| format!("the phrase list cannot be built: {e}"))?,
            )
        };
        let mut tried_list = |list: Option<&Vec<String>>, role: &str| -> Vec<LazyRegex> {
            list.into_iter()
                .flatten()
                .map(|r| lazy.tried(r.clone(), role))
                .collect()
        };
        let exceptions = tried_list(self.exceptions.get(lang), "exception");
        let mut option_exceptions = BTreeMap::new();
        for (name, option) in &self.options {
            let role = format!("exception of option `{name}`");
            let list = tried_list(option.exceptions.get(lang), &role);
            if !list.is_empty() {
                option_exceptions.insert(name.clone(), list);
            }
        }
        Ok(Compiled {
            gates: lazy.seal(),
            regexes,
            literals,
            word_bounded,
            near,
            guarded,
            exceptions,
            option_exceptions,
        })
    }

    /// Byte ranges of the view text where the rule fires with every option off, in order,
    /// exceptions removed.
    pub fn find_in_text(&self, view: &TextView, languages: &[String]) -> Vec<Range<usize>> {
        self.find_in_text_with(view, languages, &NO_OPTIONS)
    }

    /// [`Self::find_in_text`] with the named options on (their exceptions apply too).
    pub fn find_in_text_with(
        &self,
        view: &TextView,
        languages: &[String],
        options: &BTreeSet<String>,
    ) -> Vec<Range<usize>> {
        // Hard-wrapped lines read as one line: "check out our\nother products" matches
        // "check out our other". Offsets are those of the view text.
        let (text, index) = view.searched();
        let scanned: Vec<Scanned<'_>> = languages
            .iter()
            .filter_map(|lang| self.compiled_for(lang).ok())
            .map(|compiled| Scanned {
                text,
                compiled,
                present: compiled.gates.scan(index),
            })
            .collect();
        let mut hits = Vec::new();
        for s in &scanned {
            let c = s.compiled;
            let mut raw = Vec::new();
            for re in c.regexes.iter().filter_map(|re| s.regex(re)) {
                raw.extend(re.find_iter(text).filter(|r| !r.is_empty()));
            }
            if let Some(ac) = &c.literals {
                raw.extend(
                    ac.find_iter(text)
                        .map(|m| m.range())
                        .filter(|r| !c.word_bounded || on_word_boundaries(text, r)),
                );
            }
            for (a, b, within) in &c.near {
                if let (Some(a), Some(b)) = (s.regex(a), s.regex(b)) {
                    raw.extend(find_near(text, a, b, *within));
                }
            }
            for g in &c.guarded {
                raw.extend(g.find(s));
            }
            for r in raw {
                let scope = match self.exception_scope {
                    ExceptionScope::Sentence => sentence_around(text, r.clone()),
                    ExceptionScope::Field => 0..text.len(),
                };
                if !excepted(&scanned, options, &text[scope]) {
                    hits.push(r);
                }
            }
        }
        hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        hits.dedup_by(|b, a| b.start < a.end); // drop overlaps, keep the earliest (longest)
        hits
    }

    fn finding(
        &self,
        index: usize,
        field: Field,
        text: &str,
        view_range: Range<usize>,
        span: Range<usize>,
    ) -> Finding {
        let matched = text.get(view_range).unwrap_or("").trim().to_string();
        // One line, at most 80 characters: the words of a hard-wrapped match read as a phrase.
        let flat = matched.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut shown: String = flat.chars().take(80).collect();
        if flat.chars().count() > 80 {
            shown.push('…');
        }
        Finding {
            rule: self.meta.id.to_string(),
            message_index: index,
            field,
            span,
            message: self.message.replace("{match}", &shown),
            matched: Some(matched),
            help: None,
            fix: None,
        }
    }
}

/// Does an exception of a language in play match `scope`? An exception written for English
/// also protects an English sentence in a German sequence. With them, those of the options
/// that are on.
fn excepted(scanned: &[Scanned<'_>], options: &BTreeSet<String>, scope: &str) -> bool {
    scanned.iter().any(|s| {
        s.compiled
            .exceptions
            .iter()
            .chain(
                s.compiled
                    .option_exceptions
                    .iter()
                    .filter(|(name, _)| options.contains(*name))
                    .flat_map(|(_, list)| list),
            )
            .any(|ex| s.matches(ex, scope))
    })
}

/// Does a literal match start and end at word boundaries?
fn on_word_boundaries(text: &str, r: &Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    let first = text[r.start..].chars().next();
    let last = text[..r.end].chars().next_back();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !(is_word(before) && is_word(first) || is_word(after) && is_word(last))
}

/// Pairs of `a` and `b` matches in the same sentence with at most `within` chars between them.
fn find_near(
    text: &str,
    a: CompiledRegex<'_>,
    b: CompiledRegex<'_>,
    within: usize,
) -> Vec<Range<usize>> {
    let bs: Vec<Range<usize>> = b.find_iter(text).collect();
    if bs.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ra in a.find_iter(text) {
        let sentence = sentence_around(text, ra.clone());
        // `bs` is in text order: look only at the matches inside this sentence.
        let first = bs.partition_point(|rb| rb.start < sentence.start);
        let mut in_sentence = bs[first..].iter().take_while(|rb| rb.start < sentence.end);
        let close = in_sentence.find(|rb| {
            rb.end <= sentence.end && {
                let gap = if rb.start >= ra.end {
                    text[ra.end..rb.start].chars().count()
                } else if ra.start >= rb.end {
                    text[rb.end..ra.start].chars().count()
                } else {
                    0
                };
                gap <= within
            }
        });
        if let Some(rb) = close {
            out.push(ra.start.min(rb.start)..ra.end.max(rb.end));
        }
    }
    out
}

impl Rule for PhraseRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn options(&self) -> &[RuleOption] {
        &self.option_docs
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let options = ctx
            .options
            .get(self.meta.id.as_ref())
            .unwrap_or(&NO_OPTIONS);
        for (index, mv) in ctx.each_message() {
            for field in &self.fields {
                let (view, text_field) = match field {
                    Field::Subject => match (&mv.subject, &mv.message.subject) {
                        (Some(v), Some(f)) => (v, f),
                        _ => continue,
                    },
                    _ => (&mv.body, &mv.message.body),
                };
                let hits = self.find_in_text_with(view, ctx.languages, options);
                let take = if self.report == Report::First {
                    1
                } else {
                    usize::MAX
                };
                for r in hits.into_iter().take(take) {
                    let span = text_field.source_range(view.value_range(r.clone()));
                    let mut finding = self.finding(index, *field, &view.text, r.clone(), span);
                    if let Some(fix) = &self.autofix {
                        finding.fix = Some(fix.fix_for(&ctx.source.text, view, text_field, r));
                    }
                    out.push(finding);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = r#"
id: test/review-ask
severity: warning
summary: asks for a review
message: "asks for a review: `{match}`"
why: because
source: https://example.invalid
fix: do not
patterns:
  en:
    - '\b(leave|write)\b[^.!?\n]{0,30}\breview\b'
    - phrase: rate us
    - near: ['\bfeedback\b', '\bappreciate\b']
      within: 20
  ja:
    - phrase: レビュー
exceptions:
  en: ['\breview the proof\b']
examples:
  fire:
    en: ["Please leave us a review!", "Would you RATE US?", "We appreciate your feedback."]
    ja: ["レビューをお願いします"]
  pass:
    en: ["Please review the proof and leave a review of the layout... no wait: review the proof.", "separate us", "Feedback. We appreciate it."]
"#;

    /// A rule loads the same from the JSON build.rs makes (the examples split off) as from
    /// its YAML: with `example_bad` and `example_good` (examples parsed on first need) and
    /// without (taken from the examples).
    #[test]
    fn a_rule_loads_the_same_from_json_with_its_examples_split_off() {
        let with_examples_named = RULE.replace(
            "fix: do not\n",
            "fix: do not\nexample_bad: \"Leave a review\"\nexample_good: \"Thanks\"\n",
        );
        for yaml in [RULE.to_string(), with_examples_named] {
            let mut rule: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
            let examples = rule.as_object_mut().unwrap().remove("examples").unwrap();
            let examples: &'static str = Box::leak(examples.to_string().into_boxed_str());
            let from_json =
                PhraseRule::load_trusted_json("t.yaml", &rule.to_string(), examples).unwrap();
            let from_yaml = PhraseRule::load_trusted("t.yaml", &yaml).unwrap();
            assert!(!from_yaml.meta().example_bad.is_empty());
            assert_eq!(format!("{from_json:?}"), format!("{from_yaml:?}"));
        }
    }

    #[test]
    fn a_rule_loads_and_its_examples_hold() {
        let rule = PhraseRule::load("test.yaml", RULE);
        assert!(rule.is_ok(), "{:?}", rule.err());
    }

    #[test]
    fn a_failing_example_stops_the_rule_loading() {
        let bad = RULE.replace("\"separate us\"", "\"please rate us\"");
        let err = PhraseRule::load("test.yaml", &bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("must not fire fires"), "{err}");
    }

    #[test]
    fn a_bad_regex_names_the_rule_file() {
        let bad = RULE.replace(r"'\breview the proof\b'", "'(unclosed'");
        let err = PhraseRule::load("packs/x.yaml", &bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("packs/x.yaml") && err.contains("exception"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        let bad = format!("{RULE}\nseverty: error\n");
        let err = PhraseRule::load("x.yaml", &bad)
            .err()
            .unwrap_or_else(|| RuleLoadError {
                origin: String::new(),
                line: None,
                column: None,
                message: String::new(),
            });
        assert!(
            err.message.contains("severty") && err.line.is_some(),
            "{err:?}"
        );
    }

    const GUARDED: &str = r#"
id: test/guards
severity: error
summary: guards
why: because
source: https://example.invalid
fix: do not
patterns:
  en:
    - regex: '\b5 stars\b'
      requires: '\breview'
    - regex: '\bcall\b[^.!?]{0,20}\d[\d -]{6,}\d'
      focus: '\d[\d -]{6,}\d'
    - regex: '\b\d{3}-\d{3}-\d{4}\b'
      unless_before: '(?:order|ref)\W*$'
      unless_after: '^\s*(?:mm|kg)\b'
examples:
  fire:
    en: ["5 stars would be great. Leave a review!", "Call us on 555 123 4567.", "Reach us: 555-123-4567"]
  pass:
    en: ["Should the five stars be gold? Or 5 stars in silver?", "Order 555-123-4567 is ready", "It weighs 555-123-4567 kg"]
"#;

    #[test]
    fn guards_keep_cues_from_firing_alone() {
        let rule = PhraseRule::load("guards.yaml", GUARDED);
        assert!(rule.is_ok(), "{:?}", rule.err());
    }

    const WITH_OPTION: &str = r#"
id: test/phone
severity: error
summary: includes a phone number
why: because
source: https://example.invalid
fix: do not
patterns:
  en: ['\b\d{3}-\d{4}\b']
exceptions:
  en: ['\bfax\b']
options:
  allow-carrier:
    description: Do not report a carrier's number.
    exceptions:
      en: ['\bcarrier\b']
    examples:
      fire:
        en: ["Call us at 555-0199."]
      pass:
        en: ["Call the carrier at 555-0199."]
examples:
  fire:
    en: ["Call the carrier at 555-0199.", "Call us at 555-0199."]
  pass:
    en: ["Fax 555-0199."]
"#;

    fn hits(rule: &PhraseRule, text: &str, on: &[&str]) -> usize {
        let on: BTreeSet<String> = on.iter().map(|s| s.to_string()).collect();
        rule.find_in_text_with(&TextView::plain(text), &["en".to_string()], &on)
            .len()
    }

    #[test]
    fn an_option_adds_its_exceptions_only_when_on() {
        let rule = match PhraseRule::load("opt.yaml", WITH_OPTION) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        let carrier = "Call the carrier at 555-0199.";
        assert_eq!(hits(&rule, carrier, &[]), 1);
        assert_eq!(hits(&rule, carrier, &["allow-carrier"]), 0);
        assert_eq!(hits(&rule, carrier, &["another-option"]), 1);
        assert_eq!(hits(&rule, "Call us at 555-0199.", &["allow-carrier"]), 1);
        // The rule's own exceptions hold either way.
        assert_eq!(hits(&rule, "Fax 555-0199.", &["allow-carrier"]), 0);
        let docs = rule.options();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].name, "allow-carrier");
        assert_eq!(docs[0].description, "Do not report a carrier's number.");
    }

    fn load_error(text: &str) -> String {
        PhraseRule::load("opt.yaml", text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn option_examples_are_checked_with_the_option_on() {
        let bad = WITH_OPTION.replace(
            r#"fire:
        en: ["Call us at 555-0199."]"#,
            r#"fire:
        en: ["Call the carrier at 555-0199."]"#,
        );
        let err = load_error(&bad);
        assert!(
            err.contains("must fire with option `allow-carrier`"),
            "{err}"
        );
    }

    #[test]
    fn top_level_examples_are_checked_with_options_off() {
        let bad = WITH_OPTION.replace(
            r#"pass:
    en: ["Fax 555-0199."]"#,
            r#"pass:
    en: ["Fax 555-0199.", "Call the carrier at 555-0199."]"#,
        );
        let err = load_error(&bad);
        assert!(err.contains("must not fire fires"), "{err}");
    }

    #[test]
    fn an_option_pass_example_must_show_what_the_option_changes() {
        let bad = WITH_OPTION.replace(
            r#"pass:
        en: ["Call the carrier at 555-0199."]"#,
            r#"pass:
        en: ["Call the carrier tomorrow."]"#,
        );
        let err = load_error(&bad);
        assert!(err.contains("with the option off either"), "{err}");
    }

    #[test]
    fn options_are_checked_when_the_rule_loads() {
        let err = load_error(&WITH_OPTION.replace("allow-carrier:", "Allow_Carrier:"));
        assert!(err.contains("lowercase letters"), "{err}");
        let err = load_error(&WITH_OPTION.replace("en: ['\\bcarrier\\b']", "de: ['x']"));
        assert!(err.contains("has no `patterns`"), "{err}");
        let err = load_error(&WITH_OPTION.replace("en: ['\\bcarrier\\b']", "en: ['(x']"));
        assert!(err.contains("exception of option `allow-carrier`"), "{err}");
        let err =
            load_error(&WITH_OPTION.replace("    exceptions:\n      en: ['\\bcarrier\\b']\n", ""));
        assert!(err.contains("changes nothing"), "{err}");
        let err = load_error(&WITH_OPTION.replace("Do not report a carrier's number.", "''"));
        assert!(err.contains("needs a `description`"), "{err}");
    }

    #[test]
    fn focus_narrows_the_reported_range() {
        let Ok(rule) = PhraseRule::load("guards.yaml", GUARDED) else {
            panic!("rule does not load");
        };
        let text = "Please call us on 555 123 4567 today.";
        let hits = rule.find_in_text(&TextView::plain(text), &["en".to_string()]);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].clone()], "555 123 4567");
    }
}
