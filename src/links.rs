//! Links and images in one text field: URLs and bare domains in the visible text (found with
//! `linkify`, which gets the boundaries right around punctuation), `href`/`src`/`action`
//! attributes of the HTML markup, and placeholders that expand to URLs. Knows which hosts are
//! Amazon's. The content rules (`content/external-link`, `content/insecure-link`, …) and the
//! message classifiers read links from here, so all of them agree on what a link is.

use crate::html::Element;
use crate::placeholder::{find_placeholders, PlaceholderKind};
use crate::text::TextView;
use linkify::{LinkFinder, LinkKind};
use std::ops::Range;
use std::sync::OnceLock;

/// Where a link was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkSite {
    /// In the visible text: a byte range of the view.
    Text { view: Range<usize> },
    /// In an attribute of element `element` of the field's HTML scan: a byte range of the
    /// field value.
    Attr {
        element: usize,
        attr: String,
        value: Range<usize>,
    },
}

/// One link or image address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address as written (placeholders in the original syntax for attributes).
    pub url: String,
    /// `http`, `https`, `mailto`, … lowercase; `None` for a bare domain or a placeholder.
    pub scheme: Option<String>,
    /// Lowercase host without `www.`; `None` when a placeholder stands for the whole address.
    pub host: Option<String>,
    /// The address is only a placeholder (`{{tracking_url}}`): its kind says where it goes.
    pub placeholder: Option<PlaceholderKind>,
    pub site: LinkSite,
    /// The element is an image (`<img src>`), not something the buyer follows.
    pub is_image: bool,
}

impl Link {
    /// Where the link is written, as bytes of the field value (`view` is the view it was
    /// found in): an attribute's value, or the value bytes behind its visible text.
    pub fn value_range(&self, view: &TextView) -> Range<usize> {
        match &self.site {
            LinkSite::Text { view: r } => view.value_range(r.clone()),
            LinkSite::Attr { value, .. } => value.clone(),
        }
    }

    /// Goes to a web page that is not Amazon's.
    pub fn is_external(&self) -> bool {
        if let Some(kind) = self.placeholder {
            return kind == PlaceholderKind::ExternalUrl;
        }
        if matches!(
            self.scheme.as_deref(),
            Some("mailto" | "tel" | "sms" | "cid" | "data" | "javascript")
        ) {
            return false;
        }
        match &self.host {
            Some(h) => !is_amazon_host(h),
            // A relative or unparsable address: nothing to say.
            None => false,
        }
    }

    /// `http://` (not https) to a host.
    pub fn is_insecure(&self) -> bool {
        self.scheme.as_deref() == Some("http")
    }

    /// The address in a form where `https://www.x.com/a/` and `x.com/a` are equal, so that a
    /// link and the same address as its visible text count once.
    pub fn key(&self) -> String {
        let u = self.url.trim().to_lowercase();
        let u = u.split_once("://").map_or(u.as_str(), |(_, rest)| rest);
        let u = u.strip_prefix("www.").unwrap_or(u);
        u.trim_end_matches('/').to_string()
    }
}

/// Amazon's own domains in every marketplace, and its short-link and image hosts.
pub fn is_amazon_host(host: &str) -> bool {
    const DOMAINS: [&str; 32] = [
        "amazon.com",
        "amazon.ca",
        "amazon.com.mx",
        "amazon.com.br",
        "amazon.co.uk",
        "amazon.de",
        "amazon.fr",
        "amazon.es",
        "amazon.it",
        "amazon.nl",
        "amazon.se",
        "amazon.pl",
        "amazon.com.tr",
        "amazon.ae",
        "amazon.sa",
        "amazon.in",
        "amazon.co.jp",
        "amazon.com.au",
        "amazon.sg",
        "amazon.eg",
        "amazon.com.be",
        "amazon.cn",
        "amazon.ie",
        "amazon.jp",
        "amazon.co.za",
        "amazon.at",
        "amzn.to",
        "amzn.eu",
        "amzn.com",
        "a.co",
        "media-amazon.com",
        "ssl-images-amazon.com",
    ];
    // Compared in place, without a lower-cased copy: links are checked by several rules each.
    let host = host.trim_end_matches('.').as_bytes();
    DOMAINS.iter().any(|domain| {
        let domain = domain.as_bytes();
        host.len().checked_sub(domain.len()).is_some_and(|start| {
            host[start..].eq_ignore_ascii_case(domain) && (start == 0 || host[start - 1] == b'.')
        })
    })
}

/// Top-level domains we accept in a bare domain (`example-shop.com` without `https://`).
/// A closed list: without it `manual.pdf` or `Node.js` would read as web addresses.
const BARE_TLDS: [&str; 60] = [
    "com", "net", "org", "info", "biz", "io", "co", "shop", "store", "online", "site", "app",
    "dev", "me", "us", "uk", "de", "fr", "es", "it", "nl", "be", "at", "ch", "se", "dk", "no",
    "fi", "pl", "pt", "ie", "eu", "ca", "mx", "br", "au", "nz", "jp", "cn", "in", "sg", "ae", "sa",
    "tr", "ru", "cz", "gr", "hu", "ro", "xyz", "tv", "ly", "gl", "gg", "link", "page", "club",
    "world", "global", "email",
];

fn finder() -> &'static LinkFinder {
    static FINDER: OnceLock<LinkFinder> = OnceLock::new();
    FINDER.get_or_init(|| {
        let mut f = LinkFinder::new();
        f.kinds(&[LinkKind::Url]);
        f.url_must_have_scheme(false);
        f
    })
}

/// Splits `scheme://host/…` or `host/…` into scheme and lowercase host (without `www.`).
pub fn scheme_and_host(url: &str) -> (Option<String>, Option<String>) {
    let (scheme, rest) = match url.split_once(':') {
        Some((s, rest))
            if !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && (rest.starts_with("//")
                    || matches!(
                        s.to_ascii_lowercase().as_str(),
                        "mailto" | "tel" | "sms" | "cid" | "data" | "javascript"
                    )) =>
        {
            (Some(s.to_ascii_lowercase()), rest.trim_start_matches('/'))
        }
        _ => (None, url.trim_start_matches("//")),
    };
    if matches!(
        scheme.as_deref(),
        Some("mailto" | "tel" | "sms" | "cid" | "data" | "javascript")
    ) {
        return (scheme, None);
    }
    let authority = rest
        .split(['/', '?', '#', '\\'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = authority
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let plausible = host.contains('.')
        && !host.contains(['{', '}', '[', ']', '%', '#', '$', ' '])
        && !host.starts_with('.');
    (scheme, Some(host).filter(|_| plausible))
}

/// Does a schemeless candidate look like a web address rather than a file name or a word?
fn plausible_bare(url: &str) -> bool {
    if url.starts_with("www.") {
        return true;
    }
    let (_, host) = scheme_and_host(url);
    let Some(host) = host else {
        return false;
    };
    let tld = host.rsplit('.').next().unwrap_or("");
    BARE_TLDS.contains(&tld)
}

/// URLs and bare domains in a view's visible text, and placeholders standing for a URL.
pub fn text_links(view: &TextView) -> Vec<Link> {
    let text = view.text.as_str();
    let mut out = Vec::new();
    for found in finder().links(text) {
        let mut range = found.start()..found.end();
        // An e-mail address is not a link (content/email-address reports it).
        if text[..range.start].ends_with('@') {
            continue;
        }
        // A canonical placeholder glued to the end (`…/o/{{order_id}}`) belongs to the URL.
        let rest = &text[range.end..];
        if let Some(p) = view
            .placeholders
            .iter()
            .find(|p| p.view.start == range.end && rest.starts_with("{{"))
        {
            range.end = p.view.end;
        }
        let url = &text[range.clone()];
        let (scheme, host) = scheme_and_host(url);
        if scheme.is_none() && !plausible_bare(url) {
            continue;
        }
        out.push(Link {
            url: url.to_string(),
            scheme,
            host,
            placeholder: None,
            site: LinkSite::Text { view: range },
            is_image: false,
        });
    }
    for p in &view.placeholders {
        if !matches!(
            p.kind,
            PlaceholderKind::ExternalUrl
                | PlaceholderKind::AmazonLink
                | PlaceholderKind::ReviewLink
        ) {
            continue;
        }
        // A placeholder inside a URL found above is part of that URL, not a link of its own.
        let inside = out.iter().any(|l| match &l.site {
            LinkSite::Text { view } => view.start < p.view.start && p.view.end <= view.end,
            LinkSite::Attr { .. } => false,
        });
        if inside {
            continue;
        }
        out.push(Link {
            url: text[p.view.clone()].to_string(),
            scheme: None,
            host: None,
            placeholder: Some(p.kind),
            site: LinkSite::Text {
                view: p.view.clone(),
            },
            is_image: false,
        });
    }
    out.sort_by_key(|l| match &l.site {
        LinkSite::Text { view } => view.start,
        LinkSite::Attr { value, .. } => value.start,
    });
    out
}

/// Attributes that hold an address, per element.
fn address_attrs(element: &str) -> &'static [&'static str] {
    match element {
        "a" | "area" | "link" | "base" => &["href"],
        "img" | "source" | "iframe" | "embed" | "input" | "video" | "audio" | "track" => {
            &["src", "srcset"]
        }
        "form" => &["action"],
        "table" | "td" | "th" | "body" | "tr" => &["background"],
        _ => &[],
    }
}

/// Links and image addresses in the HTML attributes of a view.
pub fn attr_links(view: &TextView) -> Vec<Link> {
    let Some(scan) = &view.html else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, el) in scan.elements.iter().enumerate() {
        let is_image = is_image_element(el);
        for attr in &el.attrs {
            let attr_name = attr.name.to_ascii_lowercase();
            if !address_attrs(&el.name.to_ascii_lowercase()).contains(&attr_name.as_str()) {
                continue;
            }
            let value = attr.value.trim();
            if value.is_empty() || value.starts_with('#') && !value.ends_with('#') {
                continue;
            }
            // `srcset` holds several addresses; the first stands for all of them.
            let value = if attr_name == "srcset" {
                value.split([' ', ',']).next().unwrap_or(value)
            } else {
                value
            };
            let placeholders = find_placeholders(value);
            let whole_placeholder = placeholders
                .first()
                .filter(|p| p.range.start == 0 && p.range.end == value.len())
                .map(|p| p.kind);
            let (scheme, host) = scheme_and_host(value);
            out.push(Link {
                url: value.to_string(),
                scheme,
                host,
                placeholder: whole_placeholder,
                site: LinkSite::Attr {
                    element: index,
                    attr: attr_name.clone(),
                    value: attr.value_range.clone(),
                },
                is_image,
            });
        }
    }
    out
}

/// Every link and image address of a view: attributes first, then the visible text. Found
/// once per view (see [`TextView::links`]).
pub fn all_links(view: &TextView) -> &[Link] {
    view.links()
}

pub fn is_image_element(el: &Element) -> bool {
    matches!(
        el.name.to_ascii_lowercase().as_str(),
        "img" | "image" | "picture" | "source"
    )
}

/// The value of an attribute (names are compared case-insensitively).
pub fn attr<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    el.attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BodyFormat, TextField};
    use crate::scalar::ScalarMap;

    fn view(text: &str, html: bool) -> TextView {
        let field = TextField {
            value: text.to_string(),
            map: ScalarMap::identity(text, 0),
        };
        let format = if html {
            BodyFormat::Html
        } else {
            BodyFormat::Text
        };
        TextView::new(&field, Some(format))
    }

    fn hosts(links: &[Link]) -> Vec<String> {
        links
            .iter()
            .map(|l| l.host.clone().unwrap_or_else(|| l.url.clone()))
            .collect()
    }

    #[test]
    fn finds_urls_and_bare_domains_but_not_files_or_emails() {
        let v = view(
            "See https://shop.example.com/a?b=1, or example-shop.com. The manual.pdf is \
             attached; write to help@mail-shop.com. Node.js fans: www.site.test/x",
            false,
        );
        assert_eq!(
            hosts(&text_links(&v)),
            ["shop.example.com", "example-shop.com", "site.test"]
        );
    }

    #[test]
    fn amazon_hosts_of_every_marketplace_are_not_external() {
        for h in [
            "amazon.com",
            "smile.amazon.co.uk",
            "amazon.co.jp",
            "amazon.com.mx",
            "amzn.to",
            "WWW.Amazon.DE.",
            "m.media-amazon.com",
            "a.co",
        ] {
            assert!(is_amazon_host(h), "{h}");
        }
        for h in [
            "amazon-deals.com",
            "myamazon.com",
            "amazon.com.evil.io",
            "ba.co",
            "co",
            "",
            ".",
            "ämazon.com",
        ] {
            assert!(!is_amazon_host(h), "{h}");
        }
    }

    #[test]
    fn placeholders_glued_to_urls_belong_to_them() {
        let v = view(
            "Upload at https://up.example.com/o/{{order_id}} please",
            false,
        );
        let links = text_links(&v);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].url, "https://up.example.com/o/{{order_id}}");
        let v = view(
            "Track it: {{tracking_url}} and rate: [[review-link]]",
            false,
        );
        let links = text_links(&v);
        assert_eq!(links.len(), 2);
        assert!(links[0].is_external());
        assert!(!links[1].is_external());
    }

    #[test]
    fn attributes_are_links_with_value_ranges() {
        let html = r#"<a href="http://x.example.com/p"><img src="cid:logo"></a>"#;
        let v = view(html, true);
        let links = attr_links(&v);
        assert_eq!(links.len(), 2);
        assert!(links[0].is_insecure() && links[0].is_external());
        if let LinkSite::Attr { value, .. } = &links[0].site {
            assert_eq!(&html[value.clone()], "http://x.example.com/p");
        }
        assert!(links[1].is_image && !links[1].is_external());
    }

    #[test]
    fn keys_make_href_and_text_equal() {
        let html = r#"<a href="https://www.x.co/care/">x.co/care</a>"#;
        let v = view(html, true);
        let links = all_links(&v);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].key(), links[1].key());
    }
}
