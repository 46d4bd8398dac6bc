//! `critical/not-critical-content`: a message that declares a critical purpose
//! (`customization`, `delivery-scheduling`, `address-issue`) but says something else.
//!
//! The message is judged by what earlier rules found in it (a review request, an order
//! confirmation, proactive tips, an out-of-stock offer, marketing) and fires only when none of
//! the words a real critical message carries (an engraving, a proof, a delivery slot, a missing
//! house number, …) appear. A critical question with a review request tacked on is left to the
//! rules about the tacked-on part.

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::rules::support::{located_finding, mentions_critical_content};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct NotCriticalContent;

const ID: &str = "critical/not-critical-content";

/// Findings that classify a message as one of the non-critical kinds.
const NON_CRITICAL: [(&str, &str); 6] = [
    (
        "unsolicited/feedback-request",
        "a review or feedback request",
    ),
    (
        "unsolicited/order-confirmation",
        "an order or shipping confirmation",
    ),
    (
        "unsolicited/proactive-customer-service",
        "proactive tips or a manual",
    ),
    (
        "unsolicited/out-of-stock-offer",
        "an out-of-stock notice or offer",
    ),
    ("type/marketing", "marketing"),
    ("type/thank-you-only", "a thank-you note"),
];

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("declares a critical purpose but says something else"),
    why: Cow::Borrowed(
        "Only three kinds of message are critical, and reach buyers who opted out of seller \
         messages: questions about a product customization, delivery scheduling, and problems \
         with the shipping address. A review request, an order confirmation, product tips or an \
         out-of-stock offer is not critical, whatever purpose the sequence declares for it; \
         sending one as critical is misuse of the critical route.",
    ),
    source: Cow::Borrowed(
        "https://www.ecomengine.com/help/definitions-feedbackfive-terms-glossary",
    ),
    fix: Cow::Borrowed(
        "Declare the message's real purpose, or keep only the customization, delivery or \
         address question in it.",
    ),
    example_bad: Cow::Borrowed(
        "purpose: customization\nbody: \"Let the umbrella dry open before folding it. Customize \
         your next one on our website!\"",
    ),
    example_good: Cow::Borrowed(
        "purpose: customization\nbody: \"Which initials should we engrave on the handle?\"",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

impl Rule for NotCriticalContent {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A message that declares `purpose: customization`, `delivery-scheduling` or `address-issue`, in which another rule found a review request, an order or shipping confirmation, proactive tips, an out-of-stock offer or marketing, and which has none of the words a critical message carries (an engraving, initials, a proof or preview, a delivery date or slot, freight, a shipping address, a house or suite number, a postal code; in six languages).

A critical question with, say, a review request added at the end is not reported here: the added part is reported by its own rule.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            let m = mv.message;
            let Some(purpose) = m.purpose.as_ref().filter(|_| m.declared_critical()) else {
                continue;
            };
            let kinds: Vec<&str> = NON_CRITICAL
                .iter()
                .filter(|(rule, _)| ctx.fired(index, rule))
                .map(|(_, what)| *what)
                .collect();
            if kinds.is_empty() {
                continue;
            }
            let critical_words = mentions_critical_content(&mv.body.text)
                || mv
                    .subject
                    .as_ref()
                    .is_some_and(|s| mentions_critical_content(&s.text));
            if critical_words {
                continue;
            }
            out.push(located_finding(
                ID,
                index,
                Field::Purpose,
                purpose,
                format!(
                    "declared `{}`, but the message is {}, not a critical question",
                    purpose.value,
                    kinds.join(" and ")
                ),
            ));
        }
    }
}
