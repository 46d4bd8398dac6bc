//! `sequence/repeat-review-request`: a second (third, …) review or feedback request in one
//! sequence. Every message of a sequence goes to the same order, so the first request is
//! allowed and each later one is reported on itself, naming the first.
//!
//! "First" is by send time: trigger (order placed, shipped, delivered), then delay, then the
//! order in the file.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::model::Trigger;
use crate::rules::support::review_request;
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct RepeatReviewRequest;

const ID: &str = "sequence/repeat-review-request";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("asks for a review or feedback again in the same sequence"),
    why: Cow::Borrowed(
        "Amazon allows one request for a product review or seller feedback per order. Its \
         2019 and 2020 guidance names \"more than one request for a product review or seller \
         feedback\" and \"a repeat request (per order)\" among the messages sellers may not \
         send, and reminders are repeat requests.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed("Keep one review or feedback request per order and delete the reminders."),
    example_bad: Cow::Borrowed(
        "- id: ask-review\n  body: \"Would you review your kettle? {{review_link}}\"\n\
         - id: reminder\n  body: \"Just a reminder: we'd love your review! {{review_link}}\"",
    ),
    example_good: Cow::Borrowed(
        "- id: ask-review\n  body: \"Would you review your kettle? {{review_link}}\"",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

fn trigger_rank(t: Option<Trigger>) -> u8 {
    match t {
        Some(Trigger::OrderPlaced) | None => 0,
        Some(Trigger::Shipped) => 1,
        Some(Trigger::Delivered) => 2,
    }
}

impl Rule for RepeatReviewRequest {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Every message of a sequence goes to the same order. The review and feedback requests of a sequence (found by `unsolicited/feedback-request`, review-link placeholders, or links to Amazon's review and feedback pages) are put in send order (trigger, then delay, then file order); the first is allowed, and each later one is reported on its own message, naming the first. Seller-feedback and product-review requests count together, as Amazon's rule does.

On a message that declares a critical purpose and carries critical content, only a review link counts as a request (so \"please review the proof\" is never counted).",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut requests: Vec<(usize, crate::diagnostic::Field, std::ops::Range<usize>)> = ctx
            .messages
            .iter()
            .enumerate()
            .filter_map(|(i, _)| review_request(ctx, i).map(|(f, span)| (i, f, span)))
            .collect();
        requests.sort_by_key(|(i, _, _)| {
            let m = ctx.messages[*i].message;
            (
                trigger_rank(m.trigger.as_ref().map(|t| t.value)),
                m.delay_hours.as_ref().map_or(0, |d| d.value),
                *i,
            )
        });
        let Some((first, _, _)) = requests.first().cloned() else {
            return;
        };
        let first_id = &ctx.messages[first].message.id.value;
        for (n, (index, field, span)) in requests.into_iter().enumerate().skip(1) {
            out.push(Finding {
                rule: ID.to_string(),
                message_index: index,
                field,
                span,
                message: format!(
                    "review or feedback request number {} for the same order (the first is `{first_id}`)",
                    n + 1
                ),
                matched: None,
                help: None,
                fix: None,
            });
        }
    }
}
