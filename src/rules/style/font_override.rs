//! `style/font-override`: an HTML message that sets its own font family, text colour or line
//! height: CSS `font-family`, `font` (the shorthand names a family), `color` and `line-height`,
//! and the old `<font face>` and `<font color>` attributes.
//!
//! Values that set nothing of their own (`inherit`, `initial`, `unset`, `currentColor`,
//! `line-height: normal`) are not overrides. Background colours are not font colours.

use crate::css::{Declaration, PartKind};
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::support::{html_fields, html_styles};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct FontOverride;

const ID: &str = "style/font-override";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("overrides Amazon's default font, text colour or line height"),
    why: Cow::Borrowed(
        "Amazon's 2020 list of styling that permitted messages may not contain has \
         \"overrides of Amazon's default line height, font family, or font color\": messages \
         are shown in Amazon's own typography, and branded fonts and colours make them read \
         as marketing.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed(
        "Remove the `font-family`, `color` and `line-height` declarations (and `<font face>`, \
         `<font color>`); the text then shows in Amazon's defaults.",
    ),
    example_bad: Cow::Borrowed(
        "<p style=\"font-family: Georgia; color: #8a2be2\">Your engraving proof is attached.</p>",
    ),
    example_good: Cow::Borrowed("<p>Your engraving proof is attached.</p>"),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// What a declaration overrides, if it overrides anything.
fn overridden(declaration: &Declaration) -> Option<&'static str> {
    let property = declaration.property.as_str();
    let what = match property {
        "font-family" | "font" => "the font family",
        "color" => "the text colour",
        "line-height" => "the line height",
        _ => return None,
    };
    // A keyword alone that sets nothing of the seller's own.
    let default_keyword = match declaration.parts.as_slice() {
        [part] => match &part.kind {
            PartKind::Ident(k) => {
                (property == "color" && k == "currentcolor")
                    || (property == "line-height" && k == "normal")
                    // `font: caption`: a system font, not one the seller chose.
                    || property == "font"
            }
            _ => false,
        },
        _ => false,
    };
    if declaration.parts.is_empty() || declaration.is_css_wide_keyword() || default_keyword {
        return None;
    }
    Some(what)
}

impl Rule for FontOverride {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "In an HTML message: CSS declarations of `font-family`, `font` (whose value always names a family), `color` and `line-height`, in `style` attributes and `<style>` sheets; and the `face` and `color` attributes of `<font>`. Values that set nothing of their own are not reported: `inherit`, `initial`, `unset`, `revert`, `color: currentColor`, `line-height: normal`, and a `font` of one system keyword. `background-color` and `border-color` are not the font's colour. Each declaration is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for style in html_styles(ctx) {
            let d = style.declaration();
            if let Some(what) = overridden(d) {
                out.push(style.finding(
                    ID,
                    d.range.clone(),
                    format!("sets {what} (`{}`)", d.property),
                ));
            }
        }
        for f in html_fields(ctx) {
            for el in f
                .scan
                .elements
                .iter()
                .filter(|e| e.name == "font" || e.name == "basefont")
            {
                for attr in el
                    .attrs
                    .iter()
                    .filter(|a| a.name == "face" || a.name == "color")
                {
                    if attr.value.trim().is_empty() {
                        continue;
                    }
                    let what = if attr.name == "face" {
                        "the font family"
                    } else {
                        "the text colour"
                    };
                    out.push(f.finding(
                        ID,
                        attr.value_range.clone(),
                        format!("sets {what} (`<{} {}>`)", el.name, attr.name),
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
    fn fonts_colours_and_line_heights_fire() {
        assert_eq!(
            findings(
                ID,
                "<p style=\"font-family: 'Open Sans', sans-serif; COLOR:#333\">Hi</p>"
            ),
            [
                (
                    "font-family: 'Open Sans', sans-serif".to_string(),
                    "sets the font family (`font-family`)".to_string()
                ),
                (
                    "COLOR:#333".to_string(),
                    "sets the text colour (`color`)".to_string()
                ),
            ]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<style>body { font: 14px/1.5 Arial } p{line-height:22px}</style><p>Hi</p>"
            ),
            ["font: 14px/1.5 Arial", "line-height:22px"]
        );
        assert_eq!(
            findings(ID, "<font face=\"Comic Sans MS\" color=\"red\">Hi</font>"),
            [
                (
                    "Comic Sans MS".to_string(),
                    "sets the font family (`<font face>`)".to_string()
                ),
                (
                    "red".to_string(),
                    "sets the text colour (`<font color>`)".to_string()
                ),
            ]
        );
    }

    #[test]
    fn other_properties_keywords_and_words_pass() {
        for body in [
            "<p style=\"background-color: #fafafa; border-color: #ddd; font-weight: bold\">Hi</p>",
            "<p style=\"color: inherit; line-height: normal; font-family: initial\">Hi</p>",
            "<a style=\"color: currentColor\" href=\"https://www.amazon.com/gp/css\">orders</a>",
            "<p style=\"font-size: 14px; text-decoration: underline\">Hi</p>",
            "<font size=\"2\">Hi</font>",
            "<p>Which colour would you like for the monogram: navy or gold? Any font is fine.</p>",
            "Please pick the font: color: gold, font-family: script.",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
