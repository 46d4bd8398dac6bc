//! Rules: the [`Rule`] trait every check implements, the metadata that documents each rule,
//! and the context a rule sees. Phrase rules are data (`rules/*.yaml`, see [`phrase`]);
//! structural rules are code, one file per rule under this folder, listed once in
//! [`registry`].

pub mod guard;
pub mod lazy_regex;
pub mod literal_gate;
pub mod phrase;
pub mod registry;

pub mod content;
pub mod critical;
pub mod meta;
pub mod review;
pub mod sequence;
pub mod style;
pub mod support;
pub mod timing;
pub mod r#type;

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::model::{Message, Sequence};
use crate::profile::Profile;
use crate::source::SourceFile;
use crate::text::TextView;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

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

/// What a rule sees: one sequence, its views, the profile, and the findings of the rules
/// that ran before it (structural rules build on what phrase rules found).
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub sequence: &'a Sequence,
    pub messages: &'a [MessageView<'a>],
    pub profile: &'a Profile,
    /// Languages whose phrases apply to this sequence (the sequence's language, plus English).
    pub languages: &'a [String],
    pub earlier: &'a [Finding],
    /// Options the configuration switched on (`rule-options`); empty by default.
    pub options: &'a RuleOptions,
    /// For each message index, the positions in `earlier` of its findings, in order: rules ask
    /// for one message's findings, and scanning `earlier` for each would be quadratic in the
    /// length of the sequence.
    pub earlier_on: &'a [Vec<usize>],
    /// The index in the sequence of `messages[0]`: rules that run per message (see
    /// [`Rule::runs_per_message`]) see one message at a time.
    pub first_message: usize,
}

impl Context<'_> {
    /// True when the configuration switched on option `name` of rule `rule`.
    pub fn option_on(&self, rule: &str, name: &str) -> bool {
        self.options.get(rule).is_some_and(|set| set.contains(name))
    }

    /// True when `rule` already fired on message `index`.
    pub fn fired(&self, index: usize, rule: &str) -> bool {
        self.findings_on(index).any(|f| f.rule == rule)
    }

    /// Findings of earlier rules on message `index`.
    pub fn findings_on(&self, index: usize) -> impl Iterator<Item = &Finding> {
        self.earlier_on
            .get(index)
            .into_iter()
            .flatten()
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
    /// A rule that reads one message at a time and no other rule's findings (the phrase
    /// rules). Such rules run first, message by message, so that the per-text work they share
    /// (the joined text and its index, see [`crate::text::TextView::searched`]) is built once
    /// per message and dropped before the next one: a sequence of 100,000 messages never holds
    /// them all.
    fn runs_per_message(&self) -> bool {
        false
    }
}
