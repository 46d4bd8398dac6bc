//! `sequence/repeat-review-request`: a second (third, …) review or feedback request in one
//! sequence. Every message of a sequence goes to the same order, so the first request is
//! allowed and each later one is reported on itself, naming the first.
//!
//! "First" is by send time: trigger (order placed, shipped, delivered), then delay, then the
//! order in the file.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::support::{marked_in_send_order, review_request};
use crate::rules::{Context, Mark, Rule, RuleMeta, Scope};
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

    fn scope(&self) -> Scope {
        Scope::Sequence
    }

    fn mark(&self, ctx: &Context<'_>, index: usize) -> Option<Mark> {
        review_request(ctx, index).map(|(field, span)| Mark { field, span })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let messages = &ctx.sequence.messages;
        let requests = marked_in_send_order(ctx);
        let Some(&(first, _)) = requests.first() else {
            return;
        };
        let first_id = messages.get(first).map_or("", |m| m.id.value.as_str());
        for (n, (index, mark)) in requests.into_iter().enumerate().skip(1) {
            out.push(Finding {
                rule: ID.to_string(),
                message_index: index,
                field: mark.field,
                span: mark.span.clone(),
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
