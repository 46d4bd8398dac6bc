//! `style/margins`: CSS margins or padding over 20% of the message's width (`margin: 0 25%`,
//! `padding-left: 30%`, `margin-left: 25vw`) in an HTML message.
//!
//! Percent margins are relative to the width of the container, vertical ones included, so
//! every percentage of a margin or padding counts. Pixel margins are not judged: the width
//! of the message a buyer's mail client shows is not known.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::support::html_styles;
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct Margins;

const ID: &str = "style/margins";

/// The widest margin allowed, in percent of the message's width.
const MAX_PERCENT: f32 = 20.0;

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("sets margins wider than 20% of the message"),
    why: Cow::Borrowed(
        "Amazon's 2020 list of styling that permitted messages may not contain has \"message \
         margins over 20% max width\": wide margins squeeze the text into a narrow column, as \
         newsletters do.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed("Keep margins and padding at 20% of the width or less, or remove them."),
    example_bad: Cow::Borrowed(
        "<div style=\"margin: 0 25%\">Your engraving proof is attached.</div>",
    ),
    example_good: Cow::Borrowed(
        "<div style=\"margin: 0 5%\">Your engraving proof is attached.</div>",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// Is this CSS property a margin or a padding (`margin`, `padding-left`, `margin-inline`)?
fn is_margin(property: &str) -> bool {
    ["margin", "padding"].iter().any(|base| {
        property == *base
            || property
                .strip_prefix(base)
                .is_some_and(|rest| rest.starts_with('-'))
    })
}

impl Rule for Margins {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A CSS `margin` or `padding` (or one of their sides: `margin-left`, `padding-inline`, …) with a percentage over 20% or a width over `20vw`, in a `style` attribute or a `<style>` sheet. Every component of a shorthand counts (`margin: 0 25%` sets 25% on the left and right), and so do vertical ones, since CSS reckons percent margins from the container's width. Pixel and `em` margins are not judged: how wide the buyer's mail client shows the message is not known. The value is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for style in html_styles(ctx) {
            let property = style.declaration().property.as_str();
            if !is_margin(property) {
                continue;
            }
            for part in &style.declaration().parts {
                let Some((value, unit)) = part.kind.relative_width() else {
                    continue;
                };
                if value > MAX_PERCENT {
                    out.push(style.finding(
                        ID,
                        part.range.clone(),
                        format!("a {property} of {value}{unit}"),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, pointed_at};

    #[test]
    fn wide_margins_fire() {
        assert_eq!(
            findings(ID, "<div style=\"margin: 0 25%\">Hi</div>"),
            [("25%".to_string(), "a margin of 25%".to_string())]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<td style=\"padding-left:30%;padding-right:30%\">Hi</td>"
            ),
            ["30%", "30%"]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<style>.wrap { margin-inline: 22vw }</style><p class=\"wrap\">Hi</p>"
            ),
            ["22vw"]
        );
        assert_eq!(
            pointed_at(ID, "<p style=\"margin:21% 0 !important\">Hi</p>"),
            ["21%"]
        );
    }

    #[test]
    fn narrow_or_absolute_margins_pass() {
        for body in [
            "<div style=\"margin: 0 20%\">Hi</div>",
            "<div style=\"margin: 0 auto; max-width: 600px; padding: 24px\">Hi</div>",
            "<table style=\"width: 100%\" cellpadding=\"30\"><tr><td>Hi</td></tr></table>",
            "<div style=\"border-radius: 50%\">Hi</div>",
            "<div style=\"marginal-note: 50%\">Hi</div>",
            "<p>Our margins are 25% lower this year.</p>",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
