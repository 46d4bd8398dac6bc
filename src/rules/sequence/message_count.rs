//! `sequence/message-count`: more proactive (non-critical) messages to one order than the
//! profile's `max-proactive-messages` (2 unless a configuration's `settings:` changes it).
//! Every message of a sequence goes to the same order, so the messages beyond the limit, in
//! send order, are each reported on their id.
//!
//! A message is critical, and not counted, as the verdicts judge it: its `purpose` declares a
//! critical one, or its words ask about one (customization, delivery scheduling, an address
//! problem), and no rule classified it as a non-critical type (a review request, a shipping
//! confirmation…).

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::rules::support::{disqualifies_critical, send_order};
use crate::rules::{Context, Mark, Rule, RuleMeta, Scope};
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

/// "1st", "2nd", "3rd", "4th", "11th", "21st"…
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl Rule for MessageCount {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Counts the proactive messages of a sequence: every message except the critical ones. A message is critical when its `purpose` declares a critical one (`customization`, `delivery-scheduling`, `address-issue`) or its words ask about one, and no rule classified it as a non-critical type (`unsolicited/*`, `type/*`, `review/*`, a repeat review request, a review outside the window). That is the same judgement as the report's verdict table.

The messages are put in send order (trigger, then delay, then file order). Up to the profile's `max-proactive-messages` (2 in every built-in profile) pass; each later one is reported on its id, saying how many the sequence sends. The limit is set in the configuration:

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
        let critical_intent = message.declared_critical() || ctx.critical_evidence(index).is_some();
        (not_critical || !critical_intent).then(|| Mark {
            field: Field::Id,
            span: message.id.span.clone(),
        })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let limit =
            usize::try_from(ctx.profile.settings.max_proactive_messages).unwrap_or(usize::MAX);
        let messages = &ctx.sequence.messages;
        let mut proactive: Vec<(usize, &Mark)> = ctx
            .marks
            .iter()
            .enumerate()
            .filter_map(|(i, mark)| Some((i, mark.as_ref()?)))
            .collect();
        if proactive.len() <= limit {
            return;
        }
        proactive.sort_by_key(|&(i, _)| send_order(messages, i));
        let total = proactive.len();
        let risk = match limit {
            0 => "no proactive message is allowed".to_string(),
            n => format!("more than {n} raise the risk of buyer complaints"),
        };
        for (n, (index, mark)) in proactive.into_iter().enumerate().skip(limit) {
            out.push(Finding {
                rule: ID.to_string(),
                message_index: index,
                field: mark.field,
                span: mark.span.clone(),
                message: format!(
                    "the {} of {total} proactive messages to the same order; {risk} (setting `max-proactive-messages`)",
                    ordinal(n + 1)
                ),
                matched: None,
                help: None,
                fix: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_english() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
