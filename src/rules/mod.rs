//! Rules: the [`Rule`] trait every check implements, the metadata that documents each rule,
//! and the context a rule sees. Phrase rules are data (`rules/*.yaml`, see [`phrase`]);
//! structural rules are code, one file per rule under this folder, listed once in
//! [`registry`].

pub mod guard;
pub mod hir_codec;
pub mod lazy_regex;
pub mod literal_gate;
pub mod nfa_codec;
pub mod phrase;
pub mod prebuilt;
pub mod registry;
pub mod varint;

pub mod content;
pub mod critical;
pub mod meta;
pub mod review;
pub mod sequence;
pub mod style;
pub mod support;
#[cfg(test)]
pub(crate) mod testing;
pub mod timing;
pub mod r#type;

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::model::{Message, Sequence};
use crate::profile::Profile;
use crate::source::SourceFile;
use crate::text::TextView;
use crate::verdict::CriticalPurpose;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Options switched on per rule, by the configuration's `rule-options`: rule id → option names.
pub type RuleOptions = BTreeMap<String, BTreeSet<String>>;

/// An option a rule offers (see [`Rule::options`]), as its documentation lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleOption {
    /// Lowercase words joined by dashes, e.g. `allow-service-numbers`.
    pub name: String,
    /// What switching it on changes, in one or two sentences.
    pub description: String,
}

/// Everything the documentation, `sellerlint rules` and the reports say about a rule.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RuleMeta {
    /// `category/name`, a contract: configs, suppressions and other tools name it.
    pub id: Cow<'static, str>,
    /// Severity under the default `amazon` profile.
    pub severity: Severity,
    /// One lowercase line naming the bad pattern (Ruff's "allow ${rule}" test).
    pub summary: Cow<'static, str>,
    /// Why it matters: the policy in our own words.
    pub why: Cow<'static, str>,
    /// Where the policy says so.
    pub source: Cow<'static, str>,
    /// What to write or do instead.
    pub fix: Cow<'static, str>,
    /// A message that breaks the rule.
    pub example_bad: Cow<'static, str>,
    /// The same message, fixed.
    pub example_good: Cow<'static, str>,
    /// The best fix grade the rule can offer.
    pub fixable: Applicability,
    /// Languages the rule's phrases speak (empty: language-independent).
    pub languages: Vec<String>,
}

impl RuleMeta {
    pub fn category(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }
}

/// Per-message text views, built once per message and shared by all rules.
#[derive(Debug)]
pub struct MessageView<'a> {
    pub message: &'a Message,
    pub subject: Option<TextView>,
    pub body: TextView,
}

impl<'a> MessageView<'a> {
    /// The views of one message: its subject as plain text, its body in its declared format.
    pub fn new(message: &'a Message) -> MessageView<'a> {
        MessageView {
            message,
            subject: message
                .subject
                .as_ref()
                .map(|s| TextView::new(s, Some(crate::model::BodyFormat::Text))),
            body: TextView::new(&message.body, message.format.as_ref().map(|f| f.value)),
        }
    }
}

/// How much of a sequence a rule reads at once (see [`Rule::scope`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Message by message: for each message, its views and what the rules before it found on
    /// it, never another message's. Such rules are given a few messages at a time, so that a
    /// message's views (its visible text, HTML tokens and text index) are built once, shared by
    /// every rule, and dropped before the next messages': a sequence of 100,000 messages never
    /// holds them all.
    Message,
    /// The whole sequence, after every message rule ran on every message: the model of every
    /// message, and what this rule [marked](Rule::mark) on each message while its views and
    /// the message rules' findings on it existed. A sequence rule sees neither views
    /// ([`Context::messages`] is empty) nor findings: a big sequence keeps neither (its
    /// findings become diagnostics a few messages at a time), so what it needs of them, it
    /// marks.
    Sequence,
}

/// A place in one message that a sequence rule noted while the message's views existed, to
/// decide about once it has seen the whole sequence (see [`Rule::mark`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub field: Field,
    /// Bytes of the source file.
    pub span: Range<usize>,
}

/// What a rule sees: one sequence, its views, the profile, and the findings of the rules
/// that ran before it (structural rules build on what phrase rules found).
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub sequence: &'a Sequence,
    /// For a message rule, the views of the messages it checks (the first at index
    /// [`Context::first_message`]); for a sequence rule, none. Rules read them through
    /// [`Context::each_message`] and [`Context::message`], which know their indices.
    pub messages: &'a [MessageView<'a>],
    pub profile: &'a Profile,
    /// Languages whose phrases apply to this sequence (the sequence's language, plus English).
    pub languages: &'a [String],
    /// Findings of the rules that ran before: for a message rule, those on the messages it
    /// checks; for a sequence rule, those of every message rule and of the sequence rules
    /// before it.
    pub earlier: &'a [Finding],
    /// Options the configuration switched on (`rule-options`); empty by default.
    pub options: &'a RuleOptions,
    /// For each message, the positions in `earlier` of its findings, in order: rules ask for one
    /// message's findings, and scanning `earlier` for each would be quadratic in the length of
    /// the sequence. Indexed by message index minus [`Context::first_message`].
    pub earlier_on: &'a [Vec<usize>],
    /// The index in the sequence of `messages[0]`.
    pub first_message: usize,
    /// For a sequence rule, what it [marked](Rule::mark) on each message, by message index.
    pub marks: &'a [Option<Mark>],
    /// When a sequence rule marks: what the words of each message of [`Context::messages`]
    /// show about a critical purpose (see [`crate::verdict::evidence`]). The verdicts are
    /// judged from the same values, computed once per message. Empty otherwise.
    pub critical_evidence: &'a [Option<CriticalPurpose>],
}

impl<'a> Context<'a> {
    /// True when the configuration switched on option `name` of rule `rule`.
    pub fn option_on(&self, rule: &str, name: &str) -> bool {
        self.options.get(rule).is_some_and(|set| set.contains(name))
    }

    /// The views this rule checks, each with its message's index in the sequence.
    pub fn each_message(&self) -> impl Iterator<Item = (usize, &'a MessageView<'a>)> {
        let first = self.first_message;
        self.messages
            .iter()
            .enumerate()
            .map(move |(offset, view)| (first + offset, view))
    }

    /// The views of message `index`, when this rule checks it.
    pub fn message(&self, index: usize) -> Option<&'a MessageView<'a>> {
        self.messages.get(index.checked_sub(self.first_message)?)
    }

    /// True when `rule` already fired on message `index`.
    pub fn fired(&self, index: usize, rule: &str) -> bool {
        self.findings_on(index).any(|f| f.rule == rule)
    }

    /// The critical purpose the words of message `index` show (see
    /// [`Context::critical_evidence`]).
    pub fn critical_evidence(&self, index: usize) -> Option<CriticalPurpose> {
        index
            .checked_sub(self.first_message)
            .and_then(|i| self.critical_evidence.get(i))
            .copied()
            .flatten()
    }

    /// Findings of earlier rules on message `index`.
    pub fn findings_on(&self, index: usize) -> impl Iterator<Item = &Finding> {
        index
            .checked_sub(self.first_message)
            .and_then(|i| self.earlier_on.get(i))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&at| self.earlier.get(at))
    }
}

/// A check over one sequence.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>);
    /// How the rule decides (what counts, what is exempt), for `sellerlint explain` and the
    /// rule's documentation page; `None` when the summary says it all.
    fn details(&self) -> Option<&'static str> {
        None
    }
    /// The options the configuration may switch on for this rule (`rule-options`); all are
    /// off by default.
    fn options(&self) -> &[RuleOption] {
        &[]
    }
    /// How much of the sequence the rule reads at once: one message (the default), or the
    /// whole sequence.
    fn scope(&self) -> Scope {
        Scope::Message
    }
    /// For a sequence rule: the place in message `index` it will decide about, noted while the
    /// message's views exist (`ctx` is that message's, with every message rule's findings on
    /// it). Its [`Context::marks`] hold the results.
    fn mark(&self, _ctx: &Context<'_>, _index: usize) -> Option<Mark> {
        None
    }
}
