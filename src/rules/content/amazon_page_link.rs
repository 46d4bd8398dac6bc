//! `content/amazon-page-link`: a link to an Amazon product detail page or a storefront
//! (`amazon.com/dp/B0…`, `/gp/product/…`, `/stores/…`, `/s?me=…`), or a placeholder for one
//! (`{{product_link}}`, `[[asin-link]]`).
//!
//! Links to the buyer's order, Amazon's help pages and the review or feedback pages are not
//! product pages. A short link (`amzn.to/…`) does not show where it goes and is not judged.

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::links::{is_amazon_host, Link};
use crate::placeholder::PlaceholderKind;
use crate::rules::support::report_links_once;
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;

pub struct AmazonPageLink;

const ID: &str = "content/amazon-page-link";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Warning,
    summary: Cow::Borrowed("links to an Amazon product page or storefront"),
    why: Cow::Borrowed(
        "The older Communication Guidelines said \"you may not include links to Amazon detail \
         pages or storefront pages\", and seller-tool guides still say \"do not include a link \
         to an Amazon product page. You can link to the product review page.\" A product or \
         shop link in a message about an order is marketing. The current guidelines allow \
         \"links to Amazon\" without saying which, so this is a warning.",
    ),
    source: Cow::Borrowed("https://www.edesk.com/blog/amazon-terms-of-service"),
    fix: Cow::Borrowed(
        "Remove the product or storefront link. To point the buyer at their order, link to the \
         order page or say that the details are in their Amazon account.",
    ),
    example_bad: Cow::Borrowed("Our matching sheath: https://www.amazon.com/dp/B0C1234567"),
    example_good: Cow::Borrowed(
        "Your order is in your account: https://www.amazon.com/gp/css/order-history",
    ),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

/// Path parts of a product detail page, and of a storefront or seller page.
const PRODUCT_PATHS: [&str; 5] = [
    "/dp/",
    "/gp/product/",
    "/gp/aw/d/",
    "/exec/obidos/asin/",
    "/o/asin/",
];
const STORE_PATHS: [&str; 3] = ["/stores/", "/shops/", "/gp/aag/"];
/// Words of a placeholder name that stand for a product or store page.
const PAGE_WORDS: [&str; 6] = ["product", "asin", "listing", "detail_page", "store", "shop"];

/// What kind of page a link to an Amazon host goes to, when it is a product or store page.
fn page_kind(link: &Link) -> Option<&'static str> {
    if link.is_image {
        return None;
    }
    if link.placeholder == Some(PlaceholderKind::AmazonLink) {
        let name = link.url.to_ascii_lowercase();
        return PAGE_WORDS
            .iter()
            .any(|w| name.contains(w))
            .then_some("a product page (placeholder)");
    }
    if link.placeholder.is_some() || !link.host.as_deref().is_some_and(is_amazon_host) {
        return None;
    }
    let lower = link.url.to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let path_and_query = rest.find('/').map_or("", |at| &rest[at..]);
    let path = path_and_query.split(['?', '#']).next().unwrap_or("");
    let query = path_and_query.split_once('?').map_or("", |(_, q)| q);
    let path_slash = format!("{path}/");
    if PRODUCT_PATHS.iter().any(|p| path_slash.contains(p)) {
        return Some("a product page");
    }
    let seller_query = query
        .split('&')
        .any(|kv| kv.starts_with("me=") || kv.starts_with("seller="));
    if STORE_PATHS.iter().any(|p| path_slash.starts_with(p))
        || (matches!(path, "/s" | "/sp" | "/s/") && seller_query)
    {
        return Some("a storefront");
    }
    None
}

impl Rule for AmazonPageLink {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "A link or web address on an Amazon domain of any marketplace whose path is a product detail page (`/dp/`, `/gp/product/`, `/gp/aw/d/`, `/exec/obidos/ASIN/`, also after a product-name slug) or a storefront (`/stores/…`, `/shops/…`, `/gp/aag/…`, `/s?me=…`, `/sp?seller=…`), and an Amazon-link placeholder whose name says product, ASIN, listing, store or shop (`{{product_link}}`, `[[asin-link]]`). Order pages, help pages and the review and feedback pages are not reported, nor images on Amazon's image hosts, nor short links (`amzn.to`), whose target does not show. A link and the same address as its text count once.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        report_links_once(ctx, ID, out, |link| {
            page_kind(link).map(|kind| format!("links to {kind} on Amazon"))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, pointed_at};

    #[test]
    fn product_pages_and_storefronts_fire() {
        assert_eq!(
            findings(
                ID,
                "Our matching sheath: https://www.amazon.com/dp/B0C1234567 - enjoy!"
            ),
            [(
                "https://www.amazon.com/dp/B0C1234567".to_string(),
                "links to a product page on Amazon".to_string()
            )]
        );
        for body in [
            "<a href=\"https://www.amazon.de/Messer-Scheide/dp/B0C1234567?th=1\">Scheide</a>",
            "See amazon.co.uk/gp/product/B0C1234567 for the refill.",
            "<a href=\"https://www.amazon.com/stores/LumaCraft/page/1234\">our brand store</a>",
            "Everything we sell: https://www.amazon.fr/s?me=A1B2C3D4E5&marketplaceID=A13V1IB3VIYZZH",
            "<a href=\"{{product_link}}\">the sheath</a>",
            "The sheath: [[asin-link]]",
        ] {
            assert_eq!(pointed_at(ID, body).len(), 1, "{body}");
        }
        // A link and the same address as its text count once.
        assert_eq!(
            pointed_at(ID, "<a href=\"https://www.amazon.com/dp/B0C1234567\">https://www.amazon.com/dp/B0C1234567</a>").len(),
            1
        );
    }

    #[test]
    fn other_amazon_pages_and_other_sites_pass() {
        for body in [
            "Your order: https://www.amazon.com/gp/css/order-history?ref=ppx_yo_dt",
            "Leave a review: https://www.amazon.com/review/create-review?asin=B0C1234567",
            "Help: https://www.amazon.com/gp/help/customer/display.html?nodeId=508510",
            "<img src=\"https://m.media-amazon.com/images/I/71abc.jpg\" alt=\"The sheath\">",
            "Short: https://amzn.to/3xYzAbc",
            "{{order_link}} has the details.",
            "Our site: https://www.example-shop.com/dp/B0C1234567",
            "The product page of your order will show the new photos.",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
