//! `content/external-link`: a link to a website that is not Amazon's: a URL or bare domain in
//! the text (`https://shop.example.com`, `example-shop.com`), an `<a href>`, a form action,
//! or a placeholder that expands to a URL (`{{tracking_url}}`, `[[website]]`).
//!
//! Amazon's domains of every marketplace (and `amzn.to`) are not external. A link and the same
//! address as its visible text count once; each other address is its own finding. Images are
//! not links here (see `content/insecure-link`, `content/tracking-pixel`).

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::links::Link;
use crate::rules::support::report_links_once;
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct ExternalLink;

const ID: &str = "content/external-link";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("links to a website outside Amazon"),
    why: Cow::Borrowed(
        "Buyer-Seller Messaging is for completing the order, and Amazon does not allow links \
         that lead buyers away from it: the 2020 guidelines ban \"external links\" except secure \
         working links necessary to complete the order, and the Seller Code of Conduct forbids \
         \"calls to action\" that lead buyers off Amazon. Links to your shop, social media, \
         newsletters or sign-up pages are never necessary. Carrier tracking pages and upload \
         forms are reported too: Amazon shows tracking to the buyer itself, and a buyer can \
         reply with the file attached, so flag them for a human decision rather than let them \
         pass unseen.",
    ),
    source: Cow::Borrowed(
        "https://sellercentral.amazon.com.au/gp/help/external/help.html?itemID=200386250&language=en_AU",
    ),
    fix: Cow::Borrowed(
        "Remove the link. Ask the buyer to reply to this message instead, or link to the order \
         on Amazon.",
    ),
    example_bad: Cow::Borrowed("See our full care guide at https://lumacraft.co/pages/candle-care."),
    example_good: Cow::Borrowed("The care guide is attached as a PDF."),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

fn describe(link: &Link) -> String {
    match (&link.placeholder, &link.host) {
        (Some(_), _) => format!("`{}` inserts a link to a website outside Amazon", link.url),
        (None, Some(host)) => format!("link to `{host}`, a website outside Amazon"),
        (None, None) => format!("link to `{}`, outside Amazon", link.url),
    }
}

impl Rule for ExternalLink {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Links in the subject and the body that lead to a website other than Amazon's: URLs with a scheme, bare domains (`example-shop.com`, `www.example.com`; a closed list of top-level domains keeps `manual.pdf` or `Node.js` out), `<a href>`, `<area href>` and form actions, and placeholders that expand to a URL (`{{tracking_url}}`, `[[website]]`, `{shop_url}`).

Not external: Amazon's domains in every marketplace (`amazon.de`, `amazon.co.jp`, `smile.amazon.com`, `amzn.to`), review-link placeholders, e-mail addresses (`content/email-address`), `mailto:` and `tel:` links, and images (`content/insecure-link`, `content/tracking-pixel`). A link and the same address written as its text count once; each other address is reported.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        report_links_once(ctx, ID, out, |link| {
            (!link.is_image && link.is_external()).then(|| describe(link))
        });
    }
}
