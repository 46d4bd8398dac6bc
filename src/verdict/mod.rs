//! Per-message verdicts for sellers: for every message of a sequence, is it *critical* (Amazon
//! delivers it even to buyers who opted out of seller messages), *permitted* (allowed, but not
//! delivered to buyers who opted out) or *not permitted* (it breaks a rule at error level), which
//! rule or reason decided it, and whether it reaches opted-out buyers.
//!
//! Verdicts are computed after linting, from the sequence model and the diagnostics of a file;
//! rules know nothing of them. The human, JSON and HTML reports all show the same verdicts.
//!
//! How a message is judged:
//! - It is *critical in intent* when its `purpose` is one of the critical purposes
//!   (customization, delivery scheduling, address issue) or when its content evidently asks the
//!   buyer about one of them ([`evidence`]).
//! - A diagnostic that classifies the message as a non-critical type (an `unsolicited/*` or
//!   `type/*` rule, any review or feedback request, or `critical/not-critical-content`) takes
//!   critical status away: a customization question with a review-request P.S. is a review
//!   request, and Amazon does not deliver it to buyers who opted out.
//! - Any error-level diagnostic makes the message *not permitted*, critical in intent or not;
//!   the category still says when it was critical in intent (an artwork question with an
//!   external upload link is critical, but the link is not allowed).
//! - Otherwise it is *critical* when critical in intent, else *permitted*.

pub mod evidence;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::model::{normalize_purpose, Message, Sequence, Trigger};
use crate::text::TextView;
use std::fmt;

/// What a seller may do with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Allowed and delivered to every buyer, including those who opted out.
    Critical,
    /// Allowed, but not delivered to buyers who opted out of seller messages.
    Permitted,
    /// Breaks at least one rule at error level: change it or do not send it.
    NotPermitted,
}

impl Verdict {
    /// The machine name (`not-permitted`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Critical => "critical",
            Verdict::Permitted => "permitted",
            Verdict::NotPermitted => "not-permitted",
        }
    }

    /// The words a seller reads (`not permitted`).
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Critical => "critical",
            Verdict::Permitted => "permitted",
            Verdict::NotPermitted => "not permitted",
        }
    }

    /// One plain sentence saying what the verdict means for the seller.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::Critical => {
                "Allowed, and delivered to every buyer, including buyers who opted out of seller messages."
            }
            Verdict::Permitted => {
                "Allowed, but Amazon does not deliver it to buyers who opted out of seller messages."
            }
            Verdict::NotPermitted => {
                "Breaks Amazon's rules: change it as suggested, or do not send it."
            }
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The three reasons for which Amazon still delivers a message to buyers who opted out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CriticalPurpose {
    Customization,
    DeliveryScheduling,
    AddressIssue,
}

impl CriticalPurpose {
    /// The `purpose:` value that declares it.
    pub fn as_str(self) -> &'static str {
        match self {
            CriticalPurpose::Customization => "customization",
            CriticalPurpose::DeliveryScheduling => "delivery-scheduling",
            CriticalPurpose::AddressIssue => "address-issue",
        }
    }

    /// In plain words.
    pub fn label(self) -> &'static str {
        match self {
            CriticalPurpose::Customization => "customization question",
            CriticalPurpose::DeliveryScheduling => "delivery scheduling",
            CriticalPurpose::AddressIssue => "address problem",
        }
    }

    /// The critical purpose a `purpose:` value names, if any (`Delivery_Scheduling` and
    /// `customisation` count).
    pub fn from_declared(purpose: &str) -> Option<CriticalPurpose> {
        match normalize_purpose(purpose).as_str() {
            "customization" => Some(CriticalPurpose::Customization),
            "delivery-scheduling" => Some(CriticalPurpose::DeliveryScheduling),
            "address-issue" => Some(CriticalPurpose::AddressIssue),
            _ => None,
        }
    }
}

/// Why a message is critical in intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct CriticalIntent {
    pub purpose: CriticalPurpose,
    /// True when the seller declared it with `purpose:`; false when the content shows it.
    pub declared: bool,
}

/// The category of a verdict that was decided by no diagnostic.
pub const CATEGORY_CRITICAL: &str = "critical";
pub const CATEGORY_NO_PROBLEM: &str = "no-problem";

/// The verdict on one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageVerdict {
    /// Index of the message in its sequence.
    pub message_index: usize,
    pub message_id: String,
    pub verdict: Verdict,
    /// What decided the verdict: the rule id of the deciding diagnostic, `critical`, or
    /// `no-problem`.
    pub category: String,
    /// Set when the message was meant as (or reads as) a critical message, even when a
    /// problem took that status away.
    pub critical_intent: Option<CriticalIntent>,
    /// True when Amazon delivers it to buyers who opted out of seller messages.
    pub reaches_opted_out: bool,
    pub trigger: Option<Trigger>,
    pub delay_hours: Option<u64>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl MessageVerdict {
    /// How many diagnostics the message has.
    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The day after delivery the message is sent (`delivered` + 7d = day 7); `None` when it is
    /// not sent on delivery or has no trigger.
    pub fn send_day_after_delivery(&self) -> Option<u64> {
        match self.trigger {
            Some(Trigger::Delivered) => Some(self.delay_hours.unwrap_or(0) / 24),
            _ => None,
        }
    }

    /// True when critical in intent but no longer critical or not permitted.
    pub fn lost_critical_status(&self) -> bool {
        self.critical_intent.is_some() && self.verdict != Verdict::Critical
    }

    /// The category in plain words, saying when a message was critical in intent:
    /// `content/external-link (critical in intent: customization question)`.
    pub fn category_label(&self) -> String {
        match (&self.critical_intent, self.category.as_str()) {
            (Some(intent), CATEGORY_CRITICAL) => format!("critical: {}", intent.purpose.label()),
            (_, CATEGORY_NO_PROBLEM) => "no problem found".to_string(),
            (Some(intent), rule) => {
                format!("{rule} (critical in intent: {})", intent.purpose.label())
            }
            (None, rule) => rule.to_string(),
        }
    }

    /// When it is sent, in plain words: `delivered + 7d (day 7 after delivery)`.
    pub fn when_label(&self) -> String {
        let delay = format_delay(self.delay_hours.unwrap_or(0));
        match self.trigger {
            Some(Trigger::Delivered) => format!(
                "delivered + {delay} (day {} after delivery)",
                self.delay_hours.unwrap_or(0) / 24
            ),
            Some(Trigger::Shipped) => format!("shipped + {delay}"),
            Some(Trigger::OrderPlaced) => format!("order placed + {delay}"),
            None if self.delay_hours.is_some() => format!("no trigger, + {delay}"),
            None => "no trigger given".to_string(),
        }
    }
}

/// `7d` for whole days, `36h` otherwise.
pub fn format_delay(hours: u64) -> String {
    if hours % 24 == 0 {
        format!("{}d", hours / 24)
    } else {
        format!("{hours}h")
    }
}

/// The verdicts on the messages of one sequence.
#[derive(Debug, Clone)]
pub struct SequenceVerdicts {
    /// Index of the sequence in its file.
    pub sequence_index: usize,
    pub sequence: String,
    pub messages: Vec<MessageVerdict>,
}

/// Totals over many verdicts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct VerdictCounts {
    pub critical: usize,
    pub permitted: usize,
    pub not_permitted: usize,
    pub reaches_opted_out: usize,
}

impl VerdictCounts {
    pub fn add(&mut self, v: &MessageVerdict) {
        match v.verdict {
            Verdict::Critical => self.critical += 1,
            Verdict::Permitted => self.permitted += 1,
            Verdict::NotPermitted => self.not_permitted += 1,
        }
        if v.reaches_opted_out {
            self.reaches_opted_out += 1;
        }
    }

    pub fn total(&self) -> usize {
        self.critical + self.permitted + self.not_permitted
    }
}

// Which rules classify a message as a non-critical type is the rules' knowledge, kept with
// them (`sequence/message-count` asks it too).
pub use crate::rules::support::disqualifies_critical;

/// The critical intent of a message: its declared purpose, else what its content shows.
pub fn critical_intent(
    message: &Message,
    content: Option<CriticalPurpose>,
) -> Option<CriticalIntent> {
    let declared = message
        .purpose
        .as_ref()
        .and_then(|p| CriticalPurpose::from_declared(&p.value));
    match (declared, content) {
        (Some(purpose), _) => Some(CriticalIntent {
            purpose,
            declared: true,
        }),
        (None, Some(purpose)) => Some(CriticalIntent {
            purpose,
            declared: false,
        }),
        (None, None) => None,
    }
}

/// Judges one message from its critical intent and its diagnostics (in source order).
pub fn classify(
    message_index: usize,
    message: &Message,
    intent: Option<CriticalIntent>,
    diagnostics: &[&Diagnostic],
) -> MessageVerdict {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let disqualified = diagnostics.iter().any(|d| disqualifies_critical(&d.rule));
    let critical = intent.is_some() && !disqualified;
    let verdict = if errors > 0 {
        Verdict::NotPermitted
    } else if critical {
        Verdict::Critical
    } else {
        Verdict::Permitted
    };
    let category = match verdict {
        Verdict::Critical => CATEGORY_CRITICAL.to_string(),
        _ => deciding_rule(diagnostics)
            .map(|d| d.rule.to_string())
            .unwrap_or_else(|| CATEGORY_NO_PROBLEM.to_string()),
    };
    MessageVerdict {
        message_index,
        message_id: message.id.value.clone(),
        verdict,
        category,
        critical_intent: intent,
        // Opt-out filtering is about the kind of message: a critical message that also breaks
        // a content rule is still delivered to everyone (which is why it must be fixed).
        reaches_opted_out: critical,
        trigger: message.trigger.as_ref().map(|t| t.value),
        delay_hours: message.delay_hours.as_ref().map(|d| d.value),
        errors,
        warnings,
        infos,
    }
}

/// The diagnostic that decides a verdict: the most severe; among equals, one that says what
/// kind of message it is (that is what decides delivery to opted-out buyers), then the first
/// in source order.
pub fn deciding_rule<'a>(diagnostics: &[&'a Diagnostic]) -> Option<&'a Diagnostic> {
    let mut best: Option<&'a Diagnostic> = None;
    for d in diagnostics {
        let better = match best {
            None => true,
            Some(b) => {
                (d.severity, disqualifies_critical(&d.rule))
                    > (b.severity, disqualifies_critical(&b.rule))
            }
        };
        if better {
            best = Some(d);
        }
    }
    best
}

/// Judges the messages of a sequence from their diagnostics (`own`: the sequence's, in
/// message order) and what `content` says each message's words show.
fn judge_sequence(
    sequence_index: usize,
    sequence: &Sequence,
    own: &[&Diagnostic],
    content: impl Fn(usize, &Message) -> Option<CriticalPurpose>,
) -> SequenceVerdicts {
    let messages = sequence
        .messages
        .iter()
        .enumerate()
        .map(|(i, message)| {
            let own = of_key(own, (sequence_index, i), Diagnostic::place);
            let intent = critical_intent(message, content(i, message));
            classify(i, message, intent, own)
        })
        .collect();
    SequenceVerdicts {
        sequence_index,
        sequence: sequence.name.value.clone(),
        messages,
    }
}

/// What the visible subject and body of a message show about a critical purpose.
pub fn content_evidence(message: &Message) -> Option<CriticalPurpose> {
    let subject = message
        .subject
        .as_ref()
        .map(|s| TextView::new(s, Some(crate::model::BodyFormat::Text)).text);
    let body = TextView::new(&message.body, message.format.as_ref().map(|f| f.value));
    evidence::critical_purpose(subject.as_deref(), &body.text)
}

/// [`content_evidence`] from text views already built (the subject's as plain text, the
/// body's in the message's format), as the linter builds them for the rules.
pub fn content_evidence_of(subject: Option<&TextView>, body: &TextView) -> Option<CriticalPurpose> {
    evidence::critical_purpose(subject.map(|s| s.text.as_str()), &body.text)
}

/// Judges every message of every sequence of a file from its model and final diagnostics.
/// `evidence[s][m]` is what message m of sequence s shows about a critical purpose (see
/// [`content_evidence_of`]); a message missing there is judged from its words again.
///
/// The linter calls this once per file, right after linting, while the text views are at
/// hand: a report then needs neither the message text nor the model to show verdicts.
pub fn judge_file(
    sequences: &[Sequence],
    diagnostics: &[Diagnostic],
    evidence: &[Vec<Option<CriticalPurpose>>],
) -> Vec<SequenceVerdicts> {
    // One list of references in (sequence, message) order, each message's diagnostics a run
    // of it in the order given: not a list per message, which for a sequence of tens of
    // thousands of messages took more memory than the verdicts themselves.
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    if !ordered.is_sorted_by_key(|d| d.order) {
        ordered.sort_by_key(|d| d.order);
    }
    sequences
        .iter()
        .enumerate()
        .map(|(si, sequence)| {
            let known = evidence.get(si);
            let own = of_key(&ordered, si, |d| d.place().0);
            judge_sequence(si, sequence, own, |mi, message| {
                match known.and_then(|k| k.get(mi)) {
                    Some(found) => *found,
                    None => content_evidence(message),
                }
            })
        })
        .collect()
}

/// The run of `sorted` (sorted by `key`) whose key is `wanted`.
fn of_key<'s, 'd, K: Ord>(
    sorted: &'s [&'d Diagnostic],
    wanted: K,
    key: impl Fn(&Diagnostic) -> K,
) -> &'s [&'d Diagnostic] {
    let start = sorted.partition_point(|d| key(d) < wanted);
    let len = sorted[start..].partition_point(|d| key(d) <= wanted);
    &sorted[start..start + len]
}

/// Judges every message of every sequence of a linted file, from its model (the linter
/// already did: see [`FileReport::verdicts`]; this is the same judgement made again from the
/// message text, which must still be there).
pub fn file_verdicts(file: &FileReport) -> Vec<SequenceVerdicts> {
    judge_file(&file.sequences, &file.diagnostics, &[])
}

#[cfg(test)]
mod tests;
