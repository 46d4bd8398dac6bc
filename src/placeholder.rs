//! Template placeholders as seller tools and shop systems write them (`{{x}}`, `{{ $x }}`,
//! `[[x]]`, `%%x%%`, `#x#`, `${x}`, `{x}`, `{$x}`, with dots or `->` inside): finding them,
//! giving each a normalised name, and saying what it will expand to.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What a placeholder expands to, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceholderKind {
    /// The Amazon order id: satisfies `meta/order-id-missing`.
    OrderId,
    /// A link to a review or seller-feedback page: counts as a review request.
    ReviewLink,
    /// A link to an Amazon page (order details, product page).
    AmazonLink,
    /// A URL to somewhere else (shop, tracking page, website): counts as a link.
    ExternalUrl,
    /// Anything else (buyer name, product name, dates).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Byte range in the scanned text, delimiters included.
    pub range: Range<usize>,
    /// Lowercase, `_`-separated: `{$order->trackingURL}` → `order_trackingurl`.
    pub name: String,
    pub kind: PlaceholderKind,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Order matters: the double-delimiter forms first so `{{x}}` is not read as `{x}`.
        let name = r"[A-Za-z_][A-Za-z0-9_.\-]*(?:->[A-Za-z_][A-Za-z0-9_.\-]*)*";
        let alternatives = [
            format!(r"\{{\{{\s*\$?(?P<a>{name})\s*\}}\}}"),
            format!(r"\[\[\s*(?P<b>{name})\s*\]\]"),
            format!(r"%%(?P<c>{name})%%"),
            r"#(?P<d>[A-Za-z_][A-Za-z0-9_.\-]*)#".to_string(),
            format!(r"\$\{{(?P<e>{name})\}}"),
            format!(r"\{{\$(?P<f>{name})\}}"),
            format!(r"\{{(?P<g>{name})\}}"),
        ];
        match Regex::new(&alternatives.join("|")) {
            Ok(re) => re,
            // The pattern is a constant; a failure here is a bug caught by the unit tests.
            Err(e) => panic!("placeholder pattern does not compile: {e}"),
        }
    })
}

/// Every placeholder in `text`, in order.
pub fn find_placeholders(text: &str) -> Vec<Placeholder> {
    // Cheap pre-check: most plain sentences hold none of the delimiters.
    if !text
        .bytes()
        .any(|b| matches!(b, b'{' | b'[' | b'%' | b'#' | b'$'))
    {
        return Vec::new();
    }
    // Find with the (fast, DFA) search first; resolve capture groups only on each match,
    // which is short: captures over the whole text cost a slower engine on every byte.
    let re = pattern();
    re.find_iter(text)
        .filter_map(|found| {
            let caps = re.captures(found.as_str())?;
            let whole = found;
            let raw = ["a", "b", "c", "d", "e", "f", "g"]
                .iter()
                .find_map(|g| caps.name(g))?
                .as_str();
            let name = normalize_name(raw);
            Some(Placeholder {
                range: whole.range(),
                kind: classify(&name),
                name,
            })
        })
        .collect()
}

/// `Order->TrackingURL` → `order_trackingurl`; `buyer-name` → `buyer_name`.
pub fn normalize_name(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for part in raw.split("->") {
        if !out.is_empty() {
            out.push('_');
        }
        for c in part.chars() {
            match c {
                '.' | '-' | ' ' => out.push('_'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    // camelCase inside names is lowercased above; split common glued words so that
    // `orderid` and `order_id` mean the same.
    out
}

fn has_word(name: &str, words: &[&str]) -> bool {
    words.iter().any(|w| name.contains(w))
}

/// What a placeholder with this (normalised) name expands to.
pub fn classify(name: &str) -> PlaceholderKind {
    let compact: String = name.chars().filter(|c| *c != '_').collect();
    if has_word(
        &compact,
        &["review", "feedback", "rating", "rateus", "rateseller"],
    ) {
        return PlaceholderKind::ReviewLink;
    }
    let linky = has_word(
        &compact,
        &[
            "url",
            "link",
            "website",
            "site",
            "homepage",
            "href",
            "domain",
            "contactus",
            "shop",
            "store",
            "web",
        ],
    );
    if linky {
        if has_word(
            &compact,
            &[
                "amazon",
                "orderlink",
                "orderdetail",
                "orderpage",
                "asin",
                "productlink",
                "listing",
            ],
        ) {
            return PlaceholderKind::AmazonLink;
        }
        // `shop_name` / `store_name` are names, not links.
        if has_word(&compact, &["name", "owner", "team"]) && !has_word(&compact, &["url", "link"]) {
            return PlaceholderKind::Other;
        }
        return PlaceholderKind::ExternalUrl;
    }
    if compact.contains("order")
        && has_word(
            &compact,
            &["id", "number", "no", "nr", "nummer", "numero", "num"],
        )
    {
        return PlaceholderKind::OrderId;
    }
    PlaceholderKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, PlaceholderKind)> {
        find_placeholders(text)
            .into_iter()
            .map(|p| (p.name, p.kind))
            .collect()
    }

    #[test]
    fn every_syntax_is_found_with_its_range() {
        let text = "{{a}} {{ $b }} [[c-d]] %%e%% #f# ${g.h} {i} {$order->trackingURL}";
        let found = find_placeholders(text);
        let names: Vec<_> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["a", "b", "c_d", "e", "f", "g_h", "i", "order_trackingurl"]
        );
        for p in &found {
            let slice = &text[p.range.clone()];
            assert!(slice.starts_with(['{', '[', '%', '#', '$']), "{slice}");
        }
    }

    #[test]
    fn kinds_are_classified() {
        use PlaceholderKind::*;
        assert_eq!(
            kinds("[[product-review-link]]"),
            [("product_review_link".into(), ReviewLink)]
        );
        assert_eq!(
            kinds("%%feedback_link%%"),
            [("feedback_link".into(), ReviewLink)]
        );
        assert_eq!(kinds("{shop_url}"), [("shop_url".into(), ExternalUrl)]);
        assert_eq!(
            kinds("{$order->trackingURL}"),
            [("order_trackingurl".into(), ExternalUrl)]
        );
        assert_eq!(kinds("[[website]]"), [("website".into(), ExternalUrl)]);
        assert_eq!(kinds("[[order-link]]"), [("order_link".into(), AmazonLink)]);
        assert_eq!(kinds("{{order_id}}"), [("order_id".into(), OrderId)]);
        assert_eq!(kinds("{{order.id}}"), [("order_id".into(), OrderId)]);
        assert_eq!(kinds("#order_id#"), [("order_id".into(), OrderId)]);
        assert_eq!(kinds("{{shop_name}}"), [("shop_name".into(), Other)]);
        assert_eq!(kinds("{{buyer_name}}"), [("buyer_name".into(), Other)]);
    }

    #[test]
    fn ordinary_text_is_not_a_placeholder() {
        assert!(find_placeholders("Order #1234 is 50% off {not closed").is_empty());
        assert!(find_placeholders("We're #1 in town, 100%!").is_empty());
        assert!(find_placeholders("price: $5 {}").is_empty());
    }
}
