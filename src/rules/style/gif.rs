//! `style/gif`: a GIF image in an HTML message: an `<img>` (or `<source>`, `<picture>`) whose
//! address is a `.gif` file or a `data:image/gif` URI, or a CSS background of one.
//!
//! A tracking pixel is often a 1×1 GIF; that image is `content/tracking-pixel`'s business
//! (removing it settles both), so it is not reported twice.

use crate::css::PartKind;
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::content::tracking_pixel::tracker_reason;
use crate::rules::support::{html_images, html_styles, value_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct Gif;

const ID: &str = "style/gif";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("shows a GIF image"),
    why: Cow::Borrowed(
        "GIFs are on the list of styling that permitted messages may not contain in Amazon's \
         2020 Communication Guidelines (\"GIFs\"), beside emoji and overridden fonts. The list \
         aims at animations, but it names the format: a still GIF is reported too, since \
         Amazon's scan cannot tell them apart any better than this rule can.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed(
        "Remove the GIF, or use a still PNG or JPEG of your logo or product instead.",
    ),
    example_bad: Cow::Borrowed(
        "<img src=\"https://cdn.example.com/thanks.gif\" alt=\"Thank you\">",
    ),
    example_good: Cow::Borrowed(
        "<img src=\"https://cdn.example.com/logo.png\" alt=\"Example Co\">",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// Is this address a GIF: a path ending in `.gif` (query and fragment aside), or a data URI
/// of one? A placeholder (`{{gif_url}}`) is not known to be one.
fn is_gif(address: &str) -> bool {
    let lower = address.trim().to_ascii_lowercase();
    if let Some(data) = lower.strip_prefix("data:") {
        return data.starts_with("image/gif");
    }
    let path = lower.split(['?', '#']).next().unwrap_or("");
    path.ends_with(".gif")
}

impl Rule for Gif {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "An image of an HTML message whose address is a GIF: `src` or `srcset` ending in `.gif` (before any `?` or `#`, in any case) or a `data:image/gif` URI, on `<img>`, `<picture>` or `<source>`; and a CSS `url(…)` of a `.gif` in a `style` attribute or a `<style>` sheet (`background-image`). The address is pointed at. A GIF that is a tracking pixel (1×1, hidden, an open tracker) is left to `content/tracking-pixel`.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for image in html_images(ctx) {
            let el = image.element;
            if tracker_reason(el).is_some() {
                continue;
            }
            for attr in el
                .attrs
                .iter()
                .filter(|a| matches!(a.name.as_str(), "src" | "srcset"))
            {
                // `srcset` lists candidates: "a.gif 1x, b.png 2x".
                let gif = attr
                    .value
                    .split(',')
                    .filter_map(|candidate| candidate.split_whitespace().next())
                    .any(is_gif);
                if gif {
                    out.push(value_finding(
                        ID,
                        image.index,
                        image.field,
                        image.text_field,
                        attr.value_range.clone(),
                        "a GIF image".to_string(),
                    ));
                }
            }
        }
        for style in html_styles(ctx) {
            for part in &style.declaration().parts {
                if let PartKind::Url(url) = &part.kind {
                    if is_gif(url) {
                        out.push(style.finding(
                            ID,
                            part.range.clone(),
                            format!("a GIF image as the CSS `{}`", style.declaration().property),
                        ));
                    }
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
    fn gif_images_fire() {
        assert_eq!(
            pointed_at(
                ID,
                "<p>Hi</p><img src=\"https://cdn.example.com/Thanks.GIF?v=2\" alt=\"\">"
            ),
            ["https://cdn.example.com/Thanks.GIF?v=2"]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<picture><source srcset=\"a.png 1x, b.gif 2x\"><img src=\"a.png\"></picture>"
            ),
            ["a.png 1x, b.gif 2x"]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=\"120\">"
            )
            .len(),
            1
        );
        assert_eq!(
            findings(
                ID,
                "<td style=\"background: url('bg.gif') no-repeat\">Hi</td>"
            ),
            [(
                "url('bg.gif')".to_string(),
                "a GIF image as the CSS `background`".to_string()
            )]
        );
        assert_eq!(
            pointed_at(
                ID,
                "<style>body { background-image: url(snow.gif) }</style><p>Hi</p>"
            ),
            ["url(snow.gif)"]
        );
    }

    #[test]
    fn other_images_and_words_pass() {
        for body in [
            "<img src=\"https://cdn.example.com/logo.png\" alt=\"Example Co\">",
            "<img src=\"https://cdn.example.com/gif-wrapping.jpg\">",
            "<a href=\"https://example.com/a.gif\">the gift guide</a>",
            "<p>We sent a GIF of the engraving proof by Amazon message.</p>",
            "<img src=\"{{gif_url}}\" alt=\"\">",
            "We attach no GIF: see logo.gif in your account.",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }

    #[test]
    fn a_tracking_gif_is_left_to_tracking_pixel() {
        let body = "<p>Hi</p><img src=\"https://t.example.net/p.gif?o={{order_id}}\" width=\"1\" height=\"1\">";
        assert!(pointed_at(ID, body).is_empty());
        assert_eq!(pointed_at("content/tracking-pixel", body).len(), 1);
    }
}
