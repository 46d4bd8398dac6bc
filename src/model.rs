//! The sequence model: what one sequence file means once parsed and validated, with the source
//! span of every value so that later stages can point at it. Nothing here knows about rules.

use crate::scalar::ScalarMap;
use std::ops::Range;

/// When a message is sent, relative to the order's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    OrderPlaced,
    Shipped,
    Delivered,
}

impl Trigger {
    pub const ALL: [(&'static str, Trigger); 3] = [
        ("order-placed", Trigger::OrderPlaced),
        ("shipped", Trigger::Shipped),
        ("delivered", Trigger::Delivered),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::OrderPlaced => "order-placed",
            Trigger::Shipped => "shipped",
            Trigger::Delivered => "delivered",
        }
    }
}

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    Text,
    Html,
}

/// The critical purposes Amazon still delivers to buyers who opted out.
pub const CRITICAL_PURPOSES: [&str; 3] = ["customization", "delivery-scheduling", "address-issue"];

/// A string value from the file, with where it is.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    /// Source byte range of the value's node (best effort: the scalar, or its first byte).
    pub span: Range<usize>,
}

/// A free-text field (subject or body) that rules read, with the map from value offsets back
/// to the source.
#[derive(Debug, Clone)]
pub struct TextField {
    pub value: String,
    pub map: ScalarMap,
}

impl TextField {
    /// Source range of a byte range of the value; the scalar's start when not exactly known.
    pub fn source_range(&self, value_range: Range<usize>) -> Range<usize> {
        self.map.source_range_or_start(value_range)
    }

    /// Drops the text and the map of its positions, keeping where the field is written (see
    /// [`ScalarMap::drop_segments`]): for a field already linted, in a run whose reports do
    /// not quote it. The value is then empty.
    pub fn drop_text(&mut self) {
        self.value = String::new();
        self.map.drop_segments();
    }
}

#[derive(Debug, Clone)]
pub struct Message {
    pub id: Located<String>,
    pub trigger: Option<Located<Trigger>>,
    /// Delay after the trigger, in hours.
    pub delay_hours: Option<Located<u64>>,
    pub subject: Option<TextField>,
    /// Declared format, if any; without one, HTML is detected from the text (see
    /// [`crate::text::TextView::new`]).
    pub format: Option<Located<BodyFormat>>,
    pub attachments: Vec<Located<String>>,
    pub purpose: Option<Located<String>>,
    pub body: TextField,
    /// Rule ids or prefixes suppressed for this message by the `allow:` key.
    pub allow: Vec<Located<String>>,
    /// Source range of the whole message mapping (its first line is where message-level
    /// diagnostics point when no better place exists).
    pub span: Range<usize>,
}

impl Message {
    /// True when the seller declared one of the critical purposes.
    pub fn declared_critical(&self) -> bool {
        self.purpose
            .as_ref()
            .is_some_and(|p| CRITICAL_PURPOSES.contains(&normalize_purpose(&p.value).as_str()))
    }

    /// Drops the subject and body text (see [`TextField::drop_text`]).
    pub fn drop_text(&mut self) {
        for field in self.subject.iter_mut().chain([&mut self.body]) {
            field.drop_text();
        }
    }

    /// Whole days after the trigger (hours rounded down), 0 when no delay is given.
    pub fn delay_days(&self) -> u64 {
        self.delay_hours.as_ref().map_or(0, |d| d.value / 24)
    }
}

#[derive(Debug, Clone)]
pub struct Sequence {
    pub name: Located<String>,
    /// Marketplace domain, lowercase (`amazon.de`).
    pub marketplace: Located<String>,
    /// Two-letter language code the messages must be written in: declared, or the marketplace's.
    pub language: Located<String>,
    /// True when `language:` was written in the file.
    pub language_declared: bool,
    pub messages: Vec<Message>,
    /// Source range of the whole document.
    pub span: Range<usize>,
    /// 0-based index of the YAML document in its file.
    pub document: usize,
}

/// Amazon marketplaces and the language a buyer there reads by default.
pub const MARKETPLACES: [(&str, &str); 19] = [
    ("amazon.com", "en"),
    ("amazon.ca", "en"),
    ("amazon.com.mx", "es"),
    ("amazon.com.br", "pt"),
    ("amazon.co.uk", "en"),
    ("amazon.de", "de"),
    ("amazon.fr", "fr"),
    ("amazon.es", "es"),
    ("amazon.it", "it"),
    ("amazon.nl", "nl"),
    ("amazon.se", "sv"),
    ("amazon.pl", "pl"),
    ("amazon.com.tr", "tr"),
    ("amazon.ae", "ar"),
    ("amazon.sa", "ar"),
    ("amazon.in", "en"),
    ("amazon.co.jp", "ja"),
    ("amazon.com.au", "en"),
    ("amazon.sg", "en"),
];

/// Languages a sequence may declare (ISO 639-1).
pub const LANGUAGES: [&str; 13] = [
    "en", "de", "fr", "es", "it", "ja", "nl", "sv", "pl", "tr", "ar", "pt", "zh",
];

/// Lowercase, `-`-separated, American spelling: `Delivery_Scheduling` and `customisation` are
/// the critical purposes they look like.
pub fn normalize_purpose(purpose: &str) -> String {
    let p: String = purpose
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect();
    p.replace("customisation", "customization")
}

pub fn marketplace_language(domain: &str) -> Option<&'static str> {
    MARKETPLACES
        .iter()
        .find(|(d, _)| *d == domain)
        .map(|(_, l)| *l)
}

/// Parses `36h`, `7d`, `2w` into hours.
pub fn parse_delay(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    if digits.is_empty() {
        return Err(format!(
            "`{t}` is not a duration: write a whole number and a unit, like `36h`, `7d` or `2w`"
        ));
    }
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{t}` is too large a duration"))?;
    let per = match unit.trim() {
        "h" => 1,
        "d" => 24,
        "w" => 24 * 7,
        "" => {
            return Err(format!(
                "`{t}` has no unit: write `{t}h`, `{t}d` or `{t}w` (hours, days, weeks)"
            ))
        }
        other => {
            return Err(format!(
            "unknown duration unit `{other}` in `{t}`: use `h` (hours), `d` (days) or `w` (weeks)"
        ))
        }
    };
    n.checked_mul(per)
        .filter(|h| *h <= 24 * 365 * 10)
        .ok_or_else(|| format!("`{t}` is longer than ten years"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays() {
        assert_eq!(parse_delay("36h"), Ok(36));
        assert_eq!(parse_delay("7d"), Ok(168));
        assert_eq!(parse_delay("2w"), Ok(336));
        assert!(parse_delay("7").unwrap_err().contains("no unit"));
        assert!(parse_delay("7m")
            .unwrap_err()
            .contains("unknown duration unit"));
        assert!(parse_delay("d").is_err());
        assert!(parse_delay("99999999999999999999d").is_err());
    }
}
