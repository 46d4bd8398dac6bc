//! `style/image-width`: an image of an HTML message set wider than 80% of the message, by a
//! `width` attribute or a CSS width in percent (`width="100%"`, `width: 90%`, `90vw`).
//!
//! Only relative widths are judged: the width of the message a buyer's mail client shows is
//! not known, so `width="600"` is neither here nor there.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::links::is_image_element;
use crate::rules::support::{html_images, html_styles, value_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct ImageWidth;

const ID: &str = "style/image-width";

/// The widest an image may be, in percent of the message's width.
const MAX_PERCENT: f32 = 80.0;

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("sets an image wider than 80% of the message"),
    why: Cow::Borrowed(
        "Amazon's 2020 list of styling that permitted messages may not contain has \"image or \
         graphic sizes larger than 80% max width\": full-width banners and hero images make a \
         message look like an advertisement.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed("Make the image at most 80% wide (`width=\"80%\"`), or leave it out."),
    example_bad: Cow::Borrowed(
        "<img src=\"https://cdn.example.com/banner.png\" width=\"100%\" alt=\"Summer sale\">",
    ),
    example_good: Cow::Borrowed(
        "<img src=\"https://cdn.example.com/logo.png\" width=\"40%\" alt=\"Example Co\">",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// CSS properties that make an image at least this wide.
const WIDTH_PROPERTIES: [&str; 3] = ["width", "min-width", "inline-size"];

/// The percentage of a `width` attribute (`"100%"`, `" 90 % "`); pixels (`"600"`) are `None`.
fn attribute_percent(value: &str) -> Option<f32> {
    value.trim().strip_suffix('%')?.trim().parse().ok()
}

impl Rule for ImageWidth {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "An `<img>` (or `<picture>`, `<source>`) whose `width` attribute is a percentage over 80% (`width=\"100%\"`), or whose `style` sets `width`, `min-width` or `inline-size` over 80% or over `80vw`; also such a declaration in a `<style>` sheet whose selector names `img`. Pixel widths are not judged: how wide the buyer's mail client shows the message is not known. The width is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for image in html_images(ctx) {
            let Some(width) = image.element.attr("width") else {
                continue;
            };
            if let Some(percent) = attribute_percent(&width.value).filter(|p| *p > MAX_PERCENT) {
                out.push(value_finding(
                    ID,
                    image.index,
                    image.field,
                    image.text_field,
                    width.value_range.clone(),
                    format!("an image {percent}% wide"),
                ));
            }
        }
        for style in html_styles(ctx) {
            let on_image = match style.element {
                Some(el) => is_image_element(el),
                // In a sheet: a rule whose selector names images (`img`, `.hero img`).
                None => sheet_rule_targets_images(style.css, style.declaration().range.start),
            };
            if !on_image || !WIDTH_PROPERTIES.contains(&style.declaration().property.as_str()) {
                continue;
            }
            for part in &style.declaration().parts {
                let wide = part.kind.relative_width().filter(|(p, _)| *p > MAX_PERCENT);
                if let Some((p, unit)) = wide {
                    out.push(style.finding(
                        ID,
                        part.range.clone(),
                        format!("an image {p}{unit} wide"),
                    ));
                }
            }
        }
    }
}

/// Does the rule around byte `at` of a style sheet have a selector that names `img`? The
/// selector is the text between the previous `}` (or `{` of an enclosing `@media`) and the
/// `{` before `at`.
fn sheet_rule_targets_images(css: &str, at: usize) -> bool {
    let before = css.get(..at).unwrap_or("");
    let Some(open) = before.rfind('{') else {
        return false;
    };
    let selector_start = before[..open].rfind(['}', '{', ';']).map_or(0, |i| i + 1);
    // Each compound selector's type selector: `img` in `.hero img`, none in `.img-wrapper`.
    before[selector_start..open]
        .split([',', ' ', '\t', '\n', '>', '+', '~'])
        .any(|compound| {
            let tag = compound.split(['.', '#', ':', '[']).next().unwrap_or("");
            tag.eq_ignore_ascii_case("img")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, pointed_at};

    #[test]
    fn wide_images_fire() {
        assert_eq!(
            findings(ID, "<img src=\"banner.png\" width=\"100%\">"),
            [("100%".to_string(), "an image 100% wide".to_string())]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<img src=\"b.png\" style=\"display:block; width: 95%\">"
            ),
            ["95%"]
        );
        assert_eq!(
            pointed_at(ID, "<img src=\"b.png\" style=\"min-width:90vw\">"),
            ["90vw"]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<style>.hero img { width: 100% }</style><img class=\"x\" src=\"b.png\">"
            ),
            ["100%"]
        );
        assert_eq!(
            pointed_at(ID, "<style>img{width:81%}</style><p>Hi</p>"),
            ["81%"]
        );
    }

    #[test]
    fn narrow_or_absolute_widths_and_other_elements_pass() {
        for body in [
            "<img src=\"logo.png\" width=\"80%\">",
            "<img src=\"logo.png\" width=\"600\" style=\"max-width: 100%\">",
            "<img src=\"logo.png\" style=\"width:160px\">",
            "<table width=\"100%\"><tr><td style=\"width: 100%\">Hi</td></tr></table>",
            "<style>.img-wrapper { width: 100% } td { width: 90% }</style><p>Hi</p>",
            "<p>Our banner is 100% cotton.</p>",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
