//! `timing/proactive-30-days`: a message sent more than the profile's `proactive-max-days`
//! (30) after delivery.
//!
//! With the `delivered` trigger the delay says it. With `order-placed` or `shipped` the
//! delivery date is unknown, so the rule fires only when even a long transit
//! ([`TRANSIT_ALLOWANCE_DAYS`]) would leave the message outside the window: it reports what it
//! can know, never a guess.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::model::Trigger;
use crate::rules::support::{describe_hours, located_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct Proactive30Days;

const ID: &str = "timing/proactive-30-days";

/// Days an order may take from being placed to being delivered, for messages timed from the
/// order or the shipment. Generous on purpose (international and freight orders).
pub const TRANSIT_ALLOWANCE_DAYS: u64 = 30;

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("is sent more than 30 days after the order is complete"),
    why: Cow::Borrowed(
        "Since November 2020 Amazon allows proactive messages only within 30 days of order \
         completion (\"innerhalb von 30 Tagen nach Bestellungsabschluss\" in the German text). \
         A follow-up, tip or review request sent later is not allowed at all. The rule counts \
         from delivery; for messages timed from the order or the shipment it allows 30 days of \
         transit and fires only beyond that.",
    ),
    source: Cow::Borrowed("https://www.ecomengine.com/help/compliance-checklist"),
    fix: Cow::Borrowed("Send the message within 30 days of delivery, or drop it."),
    example_bad: Cow::Borrowed(
        "trigger: delivered\ndelay: 45d\nbody: \"How is your kettle doing?\"",
    ),
    example_good: Cow::Borrowed(
        "trigger: delivered\ndelay: 10d\nbody: \"How is your kettle doing?\"",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

impl Rule for Proactive30Days {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A message whose delay puts it more than the profile's `proactive-max-days` (30, unless a configuration's `settings:` changes it) after delivery: with `trigger: delivered`, a delay over 30 days (`31d`, `721h`, `5w`).

With `order-placed` or `shipped` the delivery date is unknown. The rule then fires only when the delay exceeds 30 days plus a transit allowance of 30 days, so that it reports what it can know and never a guess. A message without a trigger or delay is not judged.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let max = ctx.profile.settings.proactive_max_days;
        for (index, mv) in ctx.each_message() {
            let m = mv.message;
            let (Some(trigger), Some(delay)) = (&m.trigger, &m.delay_hours) else {
                continue;
            };
            let limit = match trigger.value {
                Trigger::Delivered => max,
                Trigger::OrderPlaced | Trigger::Shipped => max + TRANSIT_ALLOWANCE_DAYS,
            };
            if delay.value <= limit * 24 {
                continue;
            }
            let when = describe_hours(delay.value);
            let message = match trigger.value {
                Trigger::Delivered => format!(
                    "sent {when} after delivery; proactive messages must go out within {max} days"
                ),
                other => format!(
                    "sent {when} after the order was {}, which is more than {max} days after delivery even for a slow shipment",
                    if other == Trigger::Shipped { "shipped" } else { "placed" }
                ),
            };
            out.push(located_finding(ID, index, Field::Delay, delay, message));
        }
    }
}
