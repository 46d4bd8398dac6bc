//! `content/tracking-pixel`: an image whose job is to report that the buyer opened the
//! message: a 1×1 (or 0×0, or hidden) image, an image whose address names a pixel, beacon or
//! open tracker, or a remote image whose query carries tracking parameters (`utm_*`, ids,
//! the buyer's e-mail, a per-buyer placeholder).

use crate::diagnostic::{Applicability, Finding, Fix, Severity};
use crate::fix::edits::remove_html_element;
use crate::html::Element;
use crate::links::{attr, scheme_and_host};
use crate::placeholder::find_placeholders;
use crate::rules::support::{html_images, value_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct TrackingPixel;

const ID: &str = "content/tracking-pixel";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("contains a tracking pixel"),
    why: Cow::Borrowed(
        "Amazon's Communication Guidelines ban \"tracking pixels or images\": a tiny or \
         per-buyer image that reports when and where a buyer opened the message. Buyer-Seller \
         Messaging protects the buyer's data, and sellers may not track buyers through it.",
    ),
    source: Cow::Borrowed(
        "http://help.zonguru.com/en/articles/2930356-are-you-allowed-to-ask-for-an-amazon-review-after-a-sale-on-amazon",
    ),
    fix: Cow::Borrowed("Remove the tracking image; keep only images that show something (your logo)."),
    example_bad: Cow::Borrowed("<img src=\"https://t.example.com/open.gif?uid={{buyer_id}}\" width=\"1\" height=\"1\">"),
    example_good: Cow::Borrowed("<img src=\"https://cdn.example.com/logo.png\" alt=\"Example Co\" width=\"160\">"),
    fixable: Applicability::Safe,
    languages: Vec::new(),
};

/// Query keys that identify a recipient or a campaign.
const TRACKING_KEYS: [&str; 16] = [
    "utm_",
    "mc_eid",
    "mc_cid",
    "_hsenc",
    "_hsmi",
    "trk",
    "track",
    "uid",
    "user",
    "email",
    "recipient",
    "subscriber",
    "open",
    "pixel",
    "cid",
    "rid",
];

/// Why this image is a tracker, if it is one.
pub(crate) fn tracker_reason(el: &Element) -> Option<&'static str> {
    let size = |name: &str| {
        attr(el, name).and_then(|v| v.trim().trim_end_matches("px").trim().parse::<u32>().ok())
    };
    let style = attr(el, "style")
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(' ', "");
    let style_size = |prop: &str| {
        style
            .split(';')
            .find_map(|d| d.strip_prefix(&format!("{prop}:")))
            .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
    };
    let w = size("width").or_else(|| style_size("width"));
    let h = size("height").or_else(|| style_size("height"));
    if matches!((w, h), (Some(a), Some(b)) if a <= 1 && b <= 1) {
        return Some("a 1×1 image");
    }
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return Some("a hidden image");
    }
    let src = attr(el, "src")?.trim();
    let (scheme, host) = scheme_and_host(src);
    if host.is_none() || !matches!(scheme.as_deref(), Some("http" | "https") | None) {
        return None;
    }
    let lower = src.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    if matches!(
        stem,
        "pixel" | "beacon" | "open" | "track" | "spacer" | "1x1" | "blank" | "t"
    ) || path.contains("/pixel")
        || path.contains("/beacon")
        || path.contains("/track/open")
        || path.contains("/open/")
    {
        return Some("an open-tracking image");
    }
    if let Some((_, query)) = lower.split_once('?') {
        let keys = query
            .split('&')
            .map(|kv| kv.split('=').next().unwrap_or(""));
        let tracking = keys
            .clone()
            .any(|k| TRACKING_KEYS.iter().any(|t| k.starts_with(t)));
        if tracking || !find_placeholders(query).is_empty() {
            return Some("an image whose address carries tracking parameters");
        }
    }
    None
}

impl Rule for TrackingPixel {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "An HTML image that is there to report the opening of the message: a 1×1 (or smaller) image by `width`/`height` or style, a hidden image (`display:none`, `visibility:hidden`), an image whose address is an open tracker (`pixel.gif`, `/beacon`, `/track/open`), or a remote image whose query carries tracking parameters (`utm_*`, `uid`, `email`, `mc_eid`, …) or a per-buyer placeholder. The image's address is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for image in html_images(ctx) {
            let el = image.element;
            let Some(reason) = tracker_reason(el) else {
                continue;
            };
            let range = el
                .attrs
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case("src"))
                .map_or(el.range.clone(), |a| a.value_range.clone());
            let mut finding = value_finding(
                ID,
                image.index,
                image.field,
                image.text_field,
                range,
                format!("{reason}: a tracking pixel"),
            );
            // Removing the whole `<img>` is mechanical: a tracker shows nothing. The edit
            // exists only where the element's source bytes are known exactly.
            if let Some(edit) = remove_html_element(&ctx.source.text, image.text_field, el) {
                finding.fix = Some(Fix {
                    applicability: Applicability::Safe,
                    title: "remove the tracking image".to_string(),
                    edits: vec![edit],
                });
            }
            out.push(finding);
        }
    }
}
