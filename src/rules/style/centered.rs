//! `style/centered`: an HTML message that centres its text or otherwise overrides the default
//! alignment: `<center>`, an `align` attribute (`<td align="center">`, `<p align="right">`), or
//! CSS `text-align` other than left.
//!
//! Aligning an image (`<img align="right">`, which floats it beside the text) is not text
//! alignment, and centring a block with `margin: auto` leaves its text left-aligned: neither
//! is reported.

use crate::css::PartKind;
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::links::is_image_element;
use crate::rules::support::{html_fields, html_styles};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct Centered;

const ID: &str = "style/centered";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("centres the text or overrides its alignment"),
    why: Cow::Borrowed(
        "Amazon's 2020 list of styling that permitted messages may not contain has \"message \
         bodies that are centered or that otherwise override default text alignment \
         settings\": centred and right-aligned layouts are the look of newsletters and \
         advertisements.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed(
        "Remove `<center>`, the `align` attribute or the `text-align` declaration, so the text \
         keeps Amazon's default left alignment.",
    ),
    example_bad: Cow::Borrowed("<p style=\"text-align: center\">Thank you for your order!</p>"),
    example_good: Cow::Borrowed("<p>Thank you for your order!</p>"),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// Alignments other than the default (`left`, `start`) in `text-align` or `align`.
const OVERRIDES: [&str; 9] = [
    "center",
    "centre",
    "middle",
    "right",
    "justify",
    "justify-all",
    "end",
    "-webkit-center",
    "-moz-center",
];

impl Rule for Centered {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "In an HTML message: a `<center>` element; an `align` attribute of `center`, `middle`, `right` or `justify` on anything but an image (`<td align=\"center\">`, `<table align=\"center\">`, `<p align=\"right\">`); and a CSS `text-align` of `center`, `right`, `justify`, `end` (or a browser's `-webkit-center`), in a `style` attribute or a `<style>` sheet. `left`, `start` and the CSS-wide keywords are the default and pass, and so do an image's `align` (it floats the image) and `margin: auto` (it centres a box, not its text). The tag, attribute value or declaration is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for f in html_fields(ctx) {
            for el in &f.scan.elements {
                if el.name == "center" {
                    out.push(f.finding(
                        ID,
                        el.range.clone(),
                        "centres the text (`<center>`)".to_string(),
                    ));
                    continue;
                }
                let Some(align) = el.attr("align") else {
                    continue;
                };
                let value = align.value.trim().to_ascii_lowercase();
                if OVERRIDES.contains(&value.as_str()) && !is_image_element(el) {
                    out.push(f.finding(
                        ID,
                        align.value_range.clone(),
                        format!("aligns the text {value} (`<{} align>`)", el.name),
                    ));
                }
            }
        }
        for style in html_styles(ctx) {
            let d = style.declaration();
            if d.property != "text-align" {
                continue;
            }
            let overriding = d.parts.iter().find_map(|p| match &p.kind {
                PartKind::Ident(k) if OVERRIDES.contains(&k.as_str()) => Some(k.clone()),
                _ => None,
            });
            if let Some(value) = overriding {
                out.push(style.finding(
                    ID,
                    d.range.clone(),
                    format!("aligns the text {value} (`text-align`)"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, pointed_at};

    #[test]
    fn centring_and_other_alignments_fire() {
        assert_eq!(
            findings(
                ID,
                "<p style=\"color:#333; text-align: Center\">Thank you!</p>"
            ),
            [(
                "text-align: Center".to_string(),
                "aligns the text center (`text-align`)".to_string()
            )]
        );
        assert_eq!(pointed_at(ID, "<center>Thank you!</center>"), ["<center>"]);
        assert_eq!(
            pointed_at(
                ID,
                "<table align=\"center\"><tr><td align=\"RIGHT\">Hi</td></tr></table>"
            ),
            ["center", "RIGHT"]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<style>.body { text-align: justify }</style><p class=\"body\">Hi</p>"
            ),
            ["text-align: justify"]
        );
    }

    #[test]
    fn default_alignment_images_and_words_pass() {
        for body in [
            "<p style=\"text-align: left\">Hi</p><p style=\"text-align:start\">Ho</p>",
            "<p style=\"text-align: inherit\">Hi</p>",
            "<img src=\"logo.png\" align=\"right\" alt=\"Example Co\"><p>Hi</p>",
            "<div style=\"margin: 0 auto; max-width: 600px\">Hi</div>",
            "<td valign=\"middle\">Hi</td>",
            "<p>Should the monogram be centred on the lid, or in the right corner?</p>",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
