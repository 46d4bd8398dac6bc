//! `sequence/message-count`: more proactive (non-critical) messages to one order than the
//! profile's `max-proactive-messages` (2 unless a configuration's `settings:` changes it).
//! Every message of a sequence goes to the same order. The sequence is reported once, on the
//! id of the first message beyond the limit in send order, naming the others beyond it: which
//! to drop is the seller's choice, and one finding per extra message would be noise (and, in
//! a generated sequence of 70,000 messages, some 25 MiB of findings held until the sequence
//! ends).
//!
//! A message is critical, and not counted, as the verdicts judge it: its `purpose` declares a
//! critical one, or its words ask about one (customization, delivery scheduling, an address
//! problem), and no rule classified it as a non-critical type (a review request, a shipping
//! confirmation…).

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::rules::support::{disqualifies_critical, marked_in_send_order};
use crate::rules::{Context, Mark, Rule, RuleMeta, Scope};
use crate::verdict::critical_intent;
use std::borrow::Cow;

pub struct MessageCount;

const ID: &str = "sequence/message-count";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Info,
    summary: Cow::Borrowed("goes beyond the limit of proactive messages per order"),
    why: Cow::Borrowed(
        "Amazon names no number, but every message a buyer did not ask for is a chance for a \
         complaint, and Amazon restricts a seller's proactive messages for an \"excessive \
         number of complaints\". Seller-tool vendors advise a few messages per order at most \
         (\"only send up to 4 emails per order\"). \
         The limit is the profile's `max-proactive-messages` (2); a configuration's \
         `settings:` can change it. Critical messages (customization, delivery scheduling, \
         an address problem) are not counted.",
    ),
    source: Cow::Borrowed(
        "https://ecomengine.com/help/amazon-restriction-proactive-emails",
    ),
    fix: Cow::Borrowed(
        "Drop or merge the least needed messages, or raise `max-proactive-messages` under \
         `settings:` in the configuration if your team decided on a higher limit.",
    ),
    example_bad: Cow::Borrowed(
        "- id: tips\n  trigger: delivered\n  delay: 2d\n  body: \"Three tips for your new kettle…\"\n\
         - id: descale\n  trigger: delivered\n  delay: 14d\n  body: \"Time to descale your kettle: here's how…\"\n\
         - id: review\n  trigger: delivered\n  delay: 7d\n  body: \"Would you review it? {{review_link}}\"",
    ),
    example_good: Cow::Borrowed(
        "- id: tips\n  trigger: delivered\n  delay: 2d\n  body: \"Three tips for your new kettle, and how to descale it…\"\n\
         - id: review\n  trigger: delivered\n  delay: 7d\n  body: \"Would you review it? {{review_link}}\"",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

impl Rule for MessageCount {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Counts the proactive messages of a sequence: every message except the critical ones. A message is critical when its `purpose` declares a critical one (`customization`, `delivery-scheduling`, `address-issue`) or its words ask about one, and no rule classified it as a non-critical type (`unsolicited/*`, `type/*`, `review/*`, a repeat review request, a review outside the window). That is the same judgement as the report's verdict table.

The messages are put in send order (trigger, then delay, then file order). Up to the profile's `max-proactive-messages` (2 in every built-in profile) pass. Beyond that the sequence is reported once, on the id of the first message past the limit, with how many proactive messages it sends and which go beyond the limit (the first five by name). The limit is set in the configuration:

```yaml
settings:
  max-proactive-messages: 3
```

`per-file:` entries take `settings:` too. `sellerlint config FILE` shows the limit that applies to a file and where it comes from.",
        )
    }

    fn scope(&self) -> Scope {
        Scope::Sequence
    }

    fn mark(&self, ctx: &Context<'_>, index: usize) -> Option<Mark> {
        let limit = ctx.profile.settings.max_proactive_messages;
        // Within the limit however the messages are judged: nothing to note.
        if (ctx.sequence.messages.len() as u64) <= limit {
            return None;
        }
        let message = ctx.sequence.messages.get(index)?;
        let not_critical = ctx
            .findings_on(index)
            .any(|f| disqualifies_critical(&f.rule));
        // Critical in intent exactly as the verdict table judges it.
        let critical = critical_intent(message, ctx.critical_evidence(index)).is_some();
        (not_critical || !critical).then(|| Mark {
            field: Field::Id,
            span: message.id.span.clone(),
        })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let limit =
            usize::try_from(ctx.profile.settings.max_proactive_messages).unwrap_or(usize::MAX);
        let messages = &ctx.sequence.messages;
        let proactive = marked_in_send_order(ctx);
        if proactive.len() <= limit {
            return;
        }
        let beyond = &proactive[limit..];
        let Some(&(first_beyond, mark)) = beyond.first() else {
            return;
        };
        out.push(Finding {
            rule: ID.to_string(),
            message_index: first_beyond,
            field: mark.field,
            span: mark.span.clone(),
            message: describe(proactive.len(), limit, beyond, messages),
            matched: None,
            help: None,
            fix: None,
        });
    }
}

/// Names shown of the messages beyond the limit; a longer list ends "and N more".
const NAMED: usize = 5;

/// The finding's words: how many proactive messages, the limit, and which messages go beyond
/// it (in send order).
fn describe(
    total: usize,
    limit: usize,
    beyond: &[(usize, &Mark)],
    messages: &[crate::model::Message],
) -> String {
    let risk = match limit {
        0 => "no proactive message is allowed".to_string(),
        n => format!("more than {n} raise the risk of buyer complaints"),
    };
    let names: Vec<&str> = beyond
        .iter()
        .take(NAMED)
        .filter_map(|&(i, _)| messages.get(i))
        .map(|m| m.id.value.as_str())
        .collect();
    let messages_word = if total == 1 { "message" } else { "messages" };
    format!(
        "{total} proactive {messages_word} to the same order, and {risk} (setting `max-proactive-messages`); beyond the limit: {}",
        name_list(&names, beyond.len().saturating_sub(names.len()))
    )
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`", "`a`, `b` and 3 more".
fn name_list(names: &[&str], more: usize) -> String {
    let mut items: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    if more > 0 {
        items.push(format!("{more} more"));
    }
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_a_list() {
        assert_eq!(name_list(&["a"], 0), "`a`");
        assert_eq!(name_list(&["a", "b"], 0), "`a` and `b`");
        assert_eq!(name_list(&["a", "b", "c"], 0), "`a`, `b` and `c`");
        assert_eq!(name_list(&["a", "b"], 3), "`a`, `b` and 3 more");
    }
}
