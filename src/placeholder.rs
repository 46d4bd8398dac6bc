//! Template placeholders as seller tools and shop systems write them (`{{x}}`, `{{ $x }}`,
//! `[[x]]`, `%%x%%`, `#x#`, `${x}`, `{x}`, `{$x}`, with dots or `->` inside): finding them,
//! giving each a normalised name, and saying what it will expand to.

use std::ops::Range;

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

/// The syntaxes, each as its opening delimiter, whether `$` may come first (`{{ $x }}`),
/// whether blanks may pad the name, whether the name may have `->` parts, and its closing
/// delimiter. At one position they are tried in this order: the double-delimiter forms first,
/// so that `{{x}}` is not read as `{x}`.
const SYNTAXES: [(&str, bool, bool, bool, &str); 7] = [
    ("{{", true, true, true, "}}"),
    ("[[", false, true, true, "]]"),
    ("%%", false, false, true, "%%"),
    ("#", false, false, false, "#"),
    ("${", false, false, true, "}"),
    ("{$", false, false, true, "}"),
    ("{", false, false, true, "}"),
];

/// The bytes a placeholder can start with.
fn opens_placeholder(b: u8) -> bool {
    matches!(b, b'{' | b'[' | b'%' | b'#' | b'$')
}

fn starts_name(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn continues_name(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Where the name starting at `at` ends, if one starts there: a letter or `_`, then letters,
/// digits, `_`, `.` and `-`, and with `arrows` `->` parts (`order->tracking`). The longest
/// such run is the only one a closing delimiter can follow, since none starts with a name char
/// or `>`.
fn name_end(bytes: &[u8], at: usize, arrows: bool) -> Option<usize> {
    if !starts_name(*bytes.get(at)?) {
        return None;
    }
    let mut end = at + 1;
    while let Some(&b) = bytes.get(end) {
        if continues_name(b) {
            end += 1;
        } else if arrows
            && b == b'>'
            && bytes[end - 1] == b'-'
            && bytes.get(end + 1).is_some_and(|&next| starts_name(next))
        {
            end += 2;
        } else {
            break;
        }
    }
    Some(end)
}

/// `at` moved past the whitespace there (Unicode's, as a regex's `\s`).
fn after_blanks(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start_matches(char::is_whitespace).len()
}

/// The placeholder starting at `at` (its range and its name's), if one does.
fn placeholder_at(text: &str, at: usize) -> Option<(Range<usize>, Range<usize>)> {
    let bytes = text.as_bytes();
    SYNTAXES
        .iter()
        .find_map(|&(open, dollar, padded, arrows, close)| {
            if !bytes[at..].starts_with(open.as_bytes()) {
                return None;
            }
            let mut name_start = at + open.len();
            if padded {
                name_start = after_blanks(text, name_start);
            }
            if dollar && bytes.get(name_start) == Some(&b'$') {
                name_start += 1;
            }
            let name_end = name_end(bytes, name_start, arrows)?;
            let close_start = if padded {
                after_blanks(text, name_end)
            } else {
                name_end
            };
            bytes[close_start..]
                .starts_with(close.as_bytes())
                .then(|| (at..close_start + close.len(), name_start..name_end))
        })
}

/// Every placeholder in `text`, in order.
///
/// A scan by hand rather than a regex: the grammar is small, and compiling its regex (seven
/// alternatives with capture groups and Unicode `\s`) was 8% of the instructions of a
/// one-file run. The unit tests hold the regex it replaced and check that both find the same
/// placeholders on every corpus, example and fixture text and on generated ones.
pub fn find_placeholders(text: &str) -> Vec<Placeholder> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    // The delimiters are ASCII, so stepping byte by byte never stops inside a char.
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| opens_placeholder(b)))
    {
        at += offset;
        match placeholder_at(text, at) {
            Some((range, name)) => {
                at = range.end;
                let name = normalize_name(&text[name]);
                found.push(Placeholder {
                    range,
                    kind: classify(&name),
                    name,
                });
            }
            None => at += 1,
        }
    }
    found
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

    /// The regex the scanner replaced: the specification it is checked against.
    fn regex_placeholders(text: &str) -> Vec<(Range<usize>, String)> {
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
        let re = regex::Regex::new(&alternatives.join("|")).unwrap();
        re.captures_iter(text)
            .map(|caps| {
                let whole = caps.get(0).unwrap().range();
                let raw = ["a", "b", "c", "d", "e", "f", "g"]
                    .iter()
                    .find_map(|g| caps.name(g))
                    .unwrap();
                (whole, normalize_name(raw.as_str()))
            })
            .collect()
    }

    fn scanned(text: &str) -> Vec<(Range<usize>, String)> {
        find_placeholders(text)
            .into_iter()
            .map(|p| (p.range, p.name))
            .collect()
    }

    #[test]
    fn the_scan_finds_what_the_regex_finds_on_the_corpus() {
        let mut placeholders = 0;
        for file in crate::test_support::corpus_files() {
            for text in std::iter::once(file.as_str()).chain(file.lines()) {
                let expected = regex_placeholders(text);
                assert_eq!(scanned(text), expected, "{text}");
                placeholders += expected.len();
            }
        }
        assert!(placeholders > 100, "only {placeholders} placeholders seen");
    }

    #[test]
    fn the_scan_finds_what_the_regex_finds_on_tricky_texts() {
        for text in [
            "{{{x}}}",
            "{{ $x }}",
            "{{ $ x}}",
            "{{x }} {{ x}}",
            "{{\u{a0}x\u{2003}}}",
            "{a->}",
            "{a-->b}",
            "{$a->b}",
            "${a->b}",
            "[[ a->b ]]",
            "{{ $a->b }}",
            "{a->->b}",
            "{a->b->c_d.e-f}",
            "#a->b#",
            "#a-b#",
            "%%a->b%%",
            "${a}",
            "${ a}",
            "{$a}",
            "{$ a}",
            "[[ a ]]",
            "[[a]",
            "{{a}",
            "{a}}",
            "{{a}}}",
            "{#a#}",
            "%%%a%%%",
            "##a##",
            "$${a}}",
            "{é}",
            "{a\u{e9}}",
            "{{a}}{b}[[c]]",
            "{_}",
            "{9a}",
            "{a.}",
            "{a-}",
            "{a>b}",
            "{-a}",
            "{\u{1F600}}",
        ] {
            assert_eq!(scanned(text), regex_placeholders(text), "{text}");
        }
    }

    /// Generated texts are near-placeholders: an opening delimiter (or a stray char), blanks,
    /// maybe `$`, a name made of name chars and arrows, blanks, a closing delimiter.
    const OPENS: [&str; 11] = ["{{", "[[", "%%", "#", "${", "{$", "{", "[", "%", "$", ""];
    const BLANKS: [&str; 4] = ["", " ", "\u{a0}", " \t"];
    const NAME_PIECES: [&str; 9] = ["a", "Zq", "_", "9", ".", "-", "->", ">", "é"];
    const CLOSES: [&str; 9] = ["}}", "]]", "%%", "#", "}", "]", "", "}}}", "x"];

    fn near_placeholder() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        (
            0..OPENS.len(),
            0..BLANKS.len(),
            proptest::bool::ANY,
            proptest::collection::vec(0..NAME_PIECES.len(), 0..5),
            0..BLANKS.len(),
            0..CLOSES.len(),
        )
            .prop_map(|(open, pad, dollar, name, pad2, close)| {
                let name: String = name.iter().map(|&i| NAME_PIECES[i]).collect();
                let dollar = if dollar { "$" } else { "" };
                format!(
                    "{}{}{dollar}{name}{}{}",
                    OPENS[open], BLANKS[pad], BLANKS[pad2], CLOSES[close]
                )
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_scan_finds_what_the_regex_finds_on_generated_texts(
            parts in proptest::collection::vec(near_placeholder(), 1..4)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(scanned(&text), regex_placeholders(&text));
        }
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
