//! `timing/review-window`: a review or feedback request triggered by delivery but sent before
//! the profile's first day (5 by default, 4 in the older profiles) or after its last day (30).
//!
//! Delays are compared in hours: `96h` is day 4 (too early), `720h` is day 30 (in time), `5w`
//! is day 35 (too late). Requests on other triggers are `review/before-delivery`'s business.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::rules::support::{
    describe_hours, hours_after_delivery, located_finding, review_request,
};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct ReviewWindow;

const ID: &str = "timing/review-window";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("asks for a review outside the window after delivery"),
    why: Cow::Borrowed(
        "Amazon accepts review requests from five days after delivery to thirty days after it \
         (its Request a Review feature refuses any other time; from 2019 to 2021 the window \
         was four to thirty days). Earlier, the buyer has barely tried the product; later, the \
         request falls outside the thirty days in which proactive messages are allowed.",
    ),
    source: Cow::Borrowed(
        "https://developer-docs.amazon.com/sp-api/docs/set-up-the-solicitations-api",
    ),
    fix: Cow::Borrowed(
        "Send the request between day 5 and day 30 after delivery (`delay: 7d`, say).",
    ),
    example_bad: Cow::Borrowed(
        "trigger: delivered\ndelay: 2d\nbody: \"Would you review your kettle? {{review_link}}\"",
    ),
    example_good: Cow::Borrowed(
        "trigger: delivered\ndelay: 7d\nbody: \"Would you review your kettle? {{review_link}}\"",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

impl Rule for ReviewWindow {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A review or feedback request with `trigger: delivered` whose delay is before the first day or after the last day of the profile's window: days 5 to 30 in `amazon`, 4 to 30 in `amazon-2017` and `amazon-2020`, or what a configuration's `settings:` says (`review-window-min-days`, `review-window-max-days`). Delays are compared in hours, so `96h` is day 4 (too early), `720h` is day 30 (in time), `4w` is in time and `5w` (35 days) is too late. The delay is pointed at.

Requests on other triggers are reported by `review/before-delivery`; a message without a trigger is not judged.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let s = &ctx.profile.settings;
        let (min, max) = (s.review_window_min_days, s.review_window_max_days);
        for (index, mv) in ctx.each_message() {
            let m = mv.message;
            let Some(hours) = hours_after_delivery(m) else {
                continue;
            };
            let too_early = hours < min * 24;
            let too_late = hours > max * 24;
            if !(too_early || too_late) || review_request(ctx, index).is_none() {
                continue;
            }
            let when = describe_hours(hours);
            let message = if too_early {
                format!("review request {when} after delivery, before day {min}")
            } else {
                format!("review request {when} after delivery, after day {max}")
            };
            let finding = match (&m.delay_hours, &m.trigger) {
                (Some(delay), _) => located_finding(ID, index, Field::Delay, delay, message),
                (None, Some(trigger)) => {
                    located_finding(ID, index, Field::Trigger, trigger, message)
                }
                (None, None) => continue,
            };
            out.push(finding);
        }
    }
}
