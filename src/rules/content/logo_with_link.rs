//! `content/logo-with-link`: an image wrapped in a link to a website outside Amazon (the
//! typical linked logo in an e-mail header), or a logo image whose description shows a web
//! address. A logo on its own is fine.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::links::{attr, scheme_and_host};
use crate::rules::support::{html_images, value_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct LogoWithLink;

const ID: &str = "content/logo-with-link";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("wraps a logo or image in a link to a website"),
    why: Cow::Borrowed(
        "A logo is allowed, but not one that links to your website or shows its address: the \
         guidelines ban \"logos, if they contain or display a link to your website\" (the older \
         German text: logos \"that contain a link or show an internet address, or parts of \
         one\"). A linked logo is an external link in disguise.",
    ),
    source: Cow::Borrowed("https://sellercentral.amazon.de/gp/help/external/1701?language=de_DE"),
    fix: Cow::Borrowed("Keep the logo, but remove the `<a>` around it and any web address in it."),
    example_bad: Cow::Borrowed(
        "<a href=\"https://www.example.com\"><img src=\"https://www.example.com/logo.png\" alt=\"Example Co\"></a>",
    ),
    example_good: Cow::Borrowed("<img src=\"https://www.example.com/logo.png\" alt=\"Example Co\">"),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// A web address in an image's description (`alt="www.example.com"`).
fn shows_address(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let (_, host) = scheme_and_host(w);
        (w.contains("://") || w.starts_with("www.") || w.contains(".com"))
            && host.is_some_and(|h| !crate::links::is_amazon_host(&h))
    })
}

impl Rule for LogoWithLink {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "An HTML image inside an `<a>` that links to a website other than Amazon's (a product image linking to its Amazon page is fine), or a logo whose `alt` or `title` shows a web address (`alt=\"www.example.com\"`). The link (or the text showing the address) is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for image in html_images(ctx) {
            let el = image.element;
            let report = |range, message| {
                value_finding(
                    ID,
                    image.index,
                    image.field,
                    image.text_field,
                    range,
                    message,
                )
            };
            let link = el
                .inside_link
                .and_then(|i| image.scan.elements.get(i))
                .and_then(|a| a.attrs.iter().find(|x| x.name.eq_ignore_ascii_case("href")));
            let external_link = link.filter(|href| {
                let (scheme, host) = scheme_and_host(href.value.trim());
                !matches!(scheme.as_deref(), Some("mailto" | "tel"))
                    && host
                        .as_deref()
                        .is_none_or(|h| !crate::links::is_amazon_host(h))
            });
            if let Some(href) = external_link {
                out.push(report(
                    href.value_range.clone(),
                    format!("an image links to `{}`", href.value.trim()),
                ));
                continue;
            }
            let alt = attr(el, "alt").unwrap_or("");
            let title = attr(el, "title").unwrap_or("");
            if shows_address(alt) || shows_address(title) {
                let range = el
                    .attrs
                    .iter()
                    .find(|a| {
                        a.name.eq_ignore_ascii_case("alt") || a.name.eq_ignore_ascii_case("title")
                    })
                    .map_or(el.range.clone(), |a| a.value_range.clone());
                out.push(report(range, "the logo shows a web address".to_string()));
            }
        }
    }
}
