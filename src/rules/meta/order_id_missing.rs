//! `meta/order-id-missing`: neither the subject nor the body has the 17-digit Amazon order id
//! (`123-1234567-1234567`) or a placeholder that expands to it (`{{order_id}}`,
//! `[[order-number]]`, `#order_id#`, …).

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::placeholder::PlaceholderKind;
use crate::rules::lazy_regex::GatedRegex;
use crate::rules::support::{constant_regex, message_finding, text_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;
use std::sync::OnceLock;

pub struct OrderIdMissing;

const ID: &str = "meta/order-id-missing";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("lacks the 17-digit order id"),
    why: Cow::Borrowed(
        "Since 2020 every proactive message must include the buyer's 17-digit Amazon order \
         id, so the buyer (and Amazon) can tell which order it is about. Amazon's own templates \
         insert it automatically; a custom message has to carry it in the subject or the body, \
         usually through the tool's order-id placeholder.",
    ),
    source: Cow::Borrowed(
        "https://sellercentral.amazon.co.uk/seller-forums/discussions/t/db680d22-9653-4034-915d-49f50d8b06d1",
    ),
    fix: Cow::Borrowed(
        "Add the order id, e.g. `Your order {{order_id}}` in the subject (use your tool's \
         order-id placeholder).",
    ),
    example_bad: Cow::Borrowed("subject: \"A question about your engraving\""),
    example_good: Cow::Borrowed("subject: \"A question about your engraving (order {{order_id}})\""),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

fn order_id_re() -> &'static GatedRegex {
    static RE: OnceLock<GatedRegex> = OnceLock::new();
    RE.get_or_init(|| constant_regex(r"(?:^|[^0-9])\d{3}-\d{7}-\d{7}(?:[^0-9]|$)"))
}

/// The first non-blank line of a text, without surrounding spaces.
pub fn first_line(text: &str) -> std::ops::Range<usize> {
    let start = text.len() - text.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = start + text[start..end].trim_end().len();
    start..end
}

impl Rule for OrderIdMissing {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A message whose subject and body hold neither a 17-digit Amazon order id (`123-1234567-1234567`) nor a placeholder that inserts it (`{{order_id}}`, `[[order-number]]`, `#order_id#`, `{$order->id}`, …). The subject is pointed at, or the body's first line when there is no subject.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            let views = mv.subject.iter().chain(std::iter::once(&mv.body));
            let mut has_id = false;
            for v in views {
                has_id |=
                    v.has_placeholder(PlaceholderKind::OrderId) || order_id_re().is_match(&v.text);
            }
            // The attachment name may carry it too (`invoice-{{order_id}}.pdf`), but the buyer
            // reads the message, so only subject and body count.
            if has_id {
                continue;
            }
            let message = "the message does not include the 17-digit order id".to_string();
            // Point at the subject, where an order id belongs; without one, at the body's
            // first line.
            let finding = match (&mv.subject, &mv.message.subject) {
                (Some(view), Some(field)) if !view.text.trim().is_empty() => text_finding(
                    ID,
                    index,
                    Field::Subject,
                    view,
                    field,
                    0..view.text.len(),
                    message,
                ),
                _ if !mv.body.text.trim().is_empty() => text_finding(
                    ID,
                    index,
                    Field::Body,
                    &mv.body,
                    &mv.message.body,
                    first_line(&mv.body.text),
                    message,
                ),
                _ => message_finding(ID, index, mv.message, message),
            };
            out.push(Finding {
                matched: None,
                ..finding
            });
        }
    }
}
