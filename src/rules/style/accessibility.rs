//! `style/accessibility`: links and images a buyer using a screen reader cannot make sense
//! of: a link whose text does not say where it goes ("click here", "hier", "ici", "aquí",
//! "qui", "こちら"), a link with no text at all, and an image without an `alt` attribute.
//!
//! `alt=""` is the accessible way to mark an image as decoration and passes. A tracking pixel
//! without `alt` is `content/tracking-pixel`'s business, and is not reported twice.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::rules::content::tracking_pixel::tracker_reason;
use crate::rules::support::{html_fields, html_images, value_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct Accessibility;

const ID: &str = "style/accessibility";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Warning,
    summary: Cow::Borrowed("has a link or image a screen reader cannot describe"),
    why: Cow::Borrowed(
        "Amazon's 2020 list of styling that permitted messages may not contain has \
         \"accessibility issues as specified in the Web Content Accessibility Guidelines\". \
         The two a template shows are link text that does not say where the link goes \
         (\"click here\"; Amazon's own example of good link text is \"click here for warranty \
         information\") and images without a text alternative. It is a warning: the rest of \
         the guidelines cannot be checked from a template.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed(
        "Give each link text that says where it goes (\"warranty information\"), and each \
         image an `alt` that says what it shows (`alt=\"\"` for decoration).",
    ),
    example_bad: Cow::Borrowed(
        "<p>The assembly guide is <a href=\"https://www.amazon.com/gp/help/customer/display.html\">here</a>.</p>",
    ),
    example_good: Cow::Borrowed(
        "<p>See the <a href=\"https://www.amazon.com/gp/help/customer/display.html\">assembly guide</a>.</p>",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// Link texts that do not say where a link goes, in the six languages, lowercased.
const VAGUE: [&str; 56] = [
    // en
    "click here",
    "click",
    "here",
    "this",
    "this link",
    "link",
    "this page",
    "tap here",
    "read more",
    "more",
    "learn more",
    "go",
    "click this link",
    // de
    "hier",
    "hier klicken",
    "klicken sie hier",
    "klick hier",
    "mehr",
    "weiter",
    "diesen link",
    "mehr erfahren",
    "mehr lesen",
    // fr
    "ici",
    "cliquez ici",
    "cliquer ici",
    "lien",
    "ce lien",
    "plus",
    "en savoir plus",
    "lire la suite",
    // es
    "aquí",
    "aqui",
    "haga clic aquí",
    "haz clic aquí",
    "clic aquí",
    "pulse aquí",
    "enlace",
    "este enlace",
    "más",
    "leer más",
    // it
    "qui",
    "clicca qui",
    "fai clic qui",
    "cliccate qui",
    "questo link",
    "di più",
    "leggi di più",
    "scopri di più",
    // ja
    "こちら",
    "ここ",
    "こちらをクリック",
    "ここをクリック",
    "リンク",
    "詳細",
    "詳しくはこちら",
    "こちらから",
];

/// The link text as compared: whitespace collapsed, lowercased, without surrounding
/// punctuation ("Click here!" → "click here", "» Mehr" → "mehr").
fn normalized(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

impl Rule for Accessibility {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "In an HTML message: a link (`<a href>`) whose whole text, punctuation and case aside, is one that does not say where it goes, in English, German, French, Spanish, Italian or Japanese (\"click here\", \"here\", \"read more\", \"hier klicken\", \"cliquez ici\", \"aquí\", \"clicca qui\", \"こちら\"…); a link with no text and no image with an `alt` text in it; and an `<img>` without an `alt` attribute (`alt=\"\"` marks decoration and passes). The link text, the `<a>` tag of an empty link, or the image tag is pointed at. A tracking pixel is left to `content/tracking-pixel`. A warning: the other accessibility guidelines cannot be checked from a template.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for f in html_fields(ctx) {
            for (at, link) in f.scan.elements.iter().enumerate() {
                if link.name != "a" || link.attr("href").is_none_or(|h| h.value.trim().is_empty()) {
                    continue;
                }
                let (text, span) = f.scan.link_text(at);
                let wording = normalized(&text);
                let report = |range, message| f.finding(ID, range, message);
                if wording.is_empty() {
                    let described = f.scan.elements.iter().any(|e| {
                        e.inside_link == Some(at)
                            && e.attr("alt").is_some_and(|a| !a.value.trim().is_empty())
                    });
                    if !described {
                        out.push(report(
                            link.range.clone(),
                            "a link with no text: a screen reader cannot say where it goes"
                                .to_string(),
                        ));
                    }
                } else if VAGUE.contains(&wording.as_str()) {
                    out.push(report(
                        span.unwrap_or_else(|| link.range.clone()),
                        format!(
                            "the link text \"{}\" does not say where the link goes",
                            text.trim()
                        ),
                    ));
                }
            }
        }
        for image in html_images(ctx) {
            let el = image.element;
            if el.name != "img" || el.attr("alt").is_some() || tracker_reason(el).is_some() {
                continue;
            }
            out.push(value_finding(
                ID,
                image.index,
                image.field,
                image.text_field,
                el.range.clone(),
                "an image without `alt` text".to_string(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, pointed_at};

    #[test]
    fn vague_links_empty_links_and_images_without_alt_fire() {
        assert_eq!(
            findings(
                ID,
                "<p>The guide is <a href=\"https://www.amazon.com/gp/help\">here</a>.</p>"
            ),
            [(
                "here".to_string(),
                "the link text \"here\" does not say where the link goes".to_string()
            )]
        );
        for body in [
            "<a href=\"https://www.amazon.com/gp/help\"> Click <b>HERE</b>! </a>",
            "<a href=\"https://www.amazon.de/gp/help\">» Hier klicken</a>",
            "<a href=\"https://www.amazon.fr/gp/help\">cliquez ici</a>",
            "<a href=\"https://www.amazon.es/gp/help\">Haga clic aquí</a>",
            "<a href=\"https://www.amazon.it/gp/help\">clicca qui</a>",
            "<a href=\"https://www.amazon.co.jp/gp/help\">こちら</a>",
            "<a href=\"https://www.amazon.com/gp/help\"></a>",
            "<a href=\"https://www.amazon.com/gp/help\"><img src=\"guide.png\" alt=\"\"></a>",
            "<p>Hi</p><img src=\"https://cdn.example.com/logo.png\">",
        ] {
            assert_eq!(pointed_at(ID, body).len(), 1, "{body}");
        }
    }

    #[test]
    fn descriptive_links_and_described_images_pass() {
        for body in [
            "<p>See the <a href=\"https://www.amazon.com/gp/help\">assembly guide</a>.</p>",
            "<a href=\"https://www.amazon.com/gp/help\">click here for warranty information</a>",
            "<a href=\"https://www.amazon.com/gp/help\"><img src=\"guide.png\" alt=\"Assembly guide\"></a>",
            "<img src=\"https://cdn.example.com/logo.png\" alt=\"\">",
            "<img src=\"https://cdn.example.com/logo.png\" alt=\"Example Co\">",
            "<a name=\"top\"></a><p>Hi</p>",
            "<p>Here is more: the link to your order is in your Amazon account.</p>",
            "<p>Hi</p><img src=\"https://t.example.net/p.gif\" width=\"1\" height=\"1\">",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
