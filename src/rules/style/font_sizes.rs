//! `style/font-sizes`: an HTML subject or body that uses more than three font sizes.
//!
//! A size is what the template sets: each distinct `font-size` value (and the size in a `font`
//! shorthand), each `<font size>`, each heading level (`<h1>`…`<h6>`, whose default sizes
//! differ) and `<big>`/`<small>`. The default size of unstyled text is not counted: whether a
//! buyer sees it depends on whether any text is left unstyled, and a rule that guesses wrong
//! would accuse a compliant message.

use crate::css::{Declaration, PartKind};
use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::model::TextField;
use crate::rules::support::{html_fields, html_styles, value_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;
use std::ops::Range;

pub struct FontSizes;

const ID: &str = "style/font-sizes";

/// The most font sizes one message may use.
const MAX_SIZES: usize = 3;

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("uses more than three font sizes"),
    why: Cow::Borrowed(
        "Amazon's 2020 list of styling that permitted messages may not contain has \"fonts in \
         more than three sizes\": a message with a headline, a sub-headline, body text and \
         small print is laid out like a flyer.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed(
        "Use at most three font sizes: drop sizes from headings and small print, or remove the \
         `font-size` declarations and let the text show in Amazon's default size.",
    ),
    example_bad: Cow::Borrowed(
        "<h1>Thank you!</h1><h2>Your order</h2><p style=\"font-size:14px\">Details below.</p><p style=\"font-size:10px\">Small print</p>",
    ),
    example_good: Cow::Borrowed("<h2>Your order</h2><p>Details below.</p>"),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// Absolute and relative size keywords of CSS `font-size` (and so of the `font` shorthand).
const SIZE_KEYWORDS: [&str; 10] = [
    "xx-small",
    "x-small",
    "small",
    "medium",
    "large",
    "x-large",
    "xx-large",
    "xxx-large",
    "smaller",
    "larger",
];

/// One size a field sets, and where.
struct Size<'a> {
    index: usize,
    field: Field,
    text_field: &'a TextField,
    /// Bytes of the field value that set it.
    at: Range<usize>,
    /// The size as compared: `14px`, `<h2>`, `<font size=4>`.
    name: String,
}

/// The size a CSS declaration sets, as written (whitespace removed, lowercase).
fn css_size(css: &str, declaration: &Declaration) -> Option<(String, Range<usize>)> {
    if declaration.is_css_wide_keyword() {
        return None;
    }
    let parts = &declaration.parts;
    let part = match declaration.property.as_str() {
        "font-size" => parts.first().filter(|_| parts.len() == 1)?,
        // `font: italic bold 14px/1.5 Arial`: the first length, percentage or size keyword.
        "font" => parts.iter().find(|p| match &p.kind {
            PartKind::Dimension(..) | PartKind::Percent(_) => true,
            PartKind::Ident(k) => SIZE_KEYWORDS.contains(&k.as_str()),
            _ => false,
        })?,
        _ => return None,
    };
    let written: String = css
        .get(part.range.clone())?
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    Some((written, part.range.clone()))
}

impl Rule for FontSizes {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Counts the distinct font sizes an HTML subject or body sets: `font-size` values and the size of `font` shorthands (in `style` attributes and `<style>` sheets), `<font size>` values, heading levels `<h1>`…`<h6>` (each has its own default size; a heading whose own style sets a `font-size` counts by that size instead), and `<big>` and `<small>`. Sizes are compared as written, whitespace and case aside (`14px` and `14 PX` are one size, `14px` and `10.5pt` two). With more than three, the first use of the fourth size is pointed at and all of them are named. The default size of unstyled text is not counted.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut sizes: Vec<Size<'_>> = Vec::new();
        // Elements whose own style sets their size: a heading of these counts by that size.
        let mut sized_elements: Vec<&crate::html::Element> = Vec::new();
        for style in html_styles(ctx) {
            if let Some((name, range)) = css_size(style.css, style.declaration()) {
                if let Some(el) = style.element {
                    sized_elements.push(el);
                }
                sizes.push(Size {
                    index: style.index,
                    field: style.field,
                    text_field: style.text_field,
                    at: style.field_range(range),
                    name,
                });
            }
        }
        for f in html_fields(ctx) {
            for el in &f.scan.elements {
                let name = match el.name.as_str() {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "big" | "small"
                        if !sized_elements.iter().any(|e| std::ptr::eq(*e, el)) =>
                    {
                        format!("<{}>", el.name)
                    }
                    "font" => match el.attr("size") {
                        Some(size) if !size.value.trim().is_empty() => {
                            format!("<font size={}>", size.value.trim())
                        }
                        _ => continue,
                    },
                    _ => continue,
                };
                sizes.push(Size {
                    index: f.index,
                    field: f.field,
                    text_field: f.text_field,
                    at: el.range.clone(),
                    name,
                });
            }
        }
        sizes.sort_by_key(|s| (s.index, s.field, s.at.start));
        for group in sizes.chunk_by(|a, b| a.index == b.index && a.field == b.field) {
            let mut distinct: Vec<&Size> = Vec::new();
            for size in group {
                if !distinct.iter().any(|d| d.name == size.name) {
                    distinct.push(size);
                }
            }
            let Some(fourth) = distinct.get(MAX_SIZES) else {
                continue;
            };
            let names: Vec<&str> = distinct.iter().map(|s| s.name.as_str()).collect();
            out.push(value_finding(
                ID,
                fourth.index,
                fourth.field,
                fourth.text_field,
                fourth.at.clone(),
                format!(
                    "{} font sizes ({}); at most {MAX_SIZES}",
                    distinct.len(),
                    names.join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, pointed_at};

    #[test]
    fn a_fourth_size_fires_once() {
        let body = "<h1>Thanks!</h1><h2>Your order</h2>\n\
                    <p style=\"font-size:14px\">Details.</p><p style=\"font-size: 14PX\">More.</p>\n\
                    <p style=\"font-size:10px\">Small print</p><p style=\"font-size:9px\">Tiny</p>";
        assert_eq!(
            findings(ID, body),
            [(
                "10px".to_string(),
                "5 font sizes (<h1>, <h2>, 14px, 10px, 9px); at most 3".to_string()
            )]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<style>p{font:bold 13px/1.4 Arial} td{font-size:large}</style><font size=\"5\">A</font><small>b</small>"
            ),
            ["<small>"]
        );
    }

    #[test]
    fn three_sizes_or_fewer_pass() {
        for body in [
            "<h1>Thanks!</h1><p style=\"font-size:14px\">Details.</p><p style=\"font-size:10px\">Small</p>",
            // A heading with its own size counts by that size.
            "<h1 style=\"font-size:20px\">A</h1><h2 style=\"font-size:20px\">B</h2><p style=\"font-size:14px\">C</p><p style=\"font-size:12px\">D</p>",
            "<p style=\"font-size:inherit\">A</p><p style=\"font-size:14px\">B</p><p style=\"font-weight:bold; font-size: 14px\">C</p>",
            "<p>Sizes S, M, L and XL are in stock; which font size would you like for the engraving?</p>",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
