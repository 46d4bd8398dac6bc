//! `review/before-delivery`: a review or feedback request sent on the `order-placed` or
//! `shipped` trigger, before the buyer has the product.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::model::Trigger;
use crate::rules::support::{located_finding, review_request};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct BeforeDelivery;

const ID: &str = "review/before-delivery";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Warning,
    summary: Cow::Borrowed("asks for a review before the order is delivered"),
    why: Cow::Borrowed(
        "A buyer can only review a product they have received, and Amazon's own review \
         requests go out only for delivered orders. A request sent when the order is placed or \
         shipped asks for an opinion the buyer cannot have yet, which reads as asking for a \
         review regardless of the experience.",
    ),
    source: Cow::Borrowed("https://developer-docs.amazon.com/sp-api/docs/solicit-feedback-for-an-order"),
    fix: Cow::Borrowed("Trigger the review request on `delivered`, 5 to 30 days after delivery."),
    example_bad: Cow::Borrowed("trigger: shipped\ndelay: 2d\nbody: \"How do you like it? Leave a review: {{review_link}}\""),
    example_good: Cow::Borrowed("trigger: delivered\ndelay: 7d\nbody: \"How do you like it? Leave a review: {{review_link}}\""),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

impl Rule for BeforeDelivery {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A review or feedback request (found by `unsolicited/feedback-request`, a review-link placeholder such as `{{review_link}}`, or a link to Amazon's review pages) on a message whose trigger is `order-placed` or `shipped`. The trigger is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            let Some(trigger) = &mv.message.trigger else {
                continue;
            };
            if trigger.value == Trigger::Delivered || review_request(ctx, index).is_none() {
                continue;
            }
            out.push(located_finding(
                ID,
                index,
                Field::Trigger,
                trigger,
                format!(
                    "review request sent on `{}`, before the buyer has received the order",
                    trigger.value.as_str()
                ),
            ));
        }
    }
}
