//! Which language a message is written in, with `whatlang` (trigram and script based, no model
//! files). Placeholders, URLs, e-mail addresses and numbers are removed first, since they are
//! the same in every language; a guess is returned only when the text is long enough and the
//! detector is confident, so callers can act on it.
//!
//! Latin-script text, nearly all mail, is scored by `latin_score`, which gives whatlang's
//! answer (language and confidence, bit for bit) several times faster; other scripts go to
//! whatlang itself.

mod latin;
#[cfg_attr(not(test), allow(dead_code))]
mod latin_index;
mod latin_score;

use crate::links::all_links;
use crate::text::TextView;
use whatlang::{Detector, Lang, Script};

/// Fewer letters than this are too few to tell a language reliably.
pub const MIN_LETTERS: usize = 40;
/// Fewer CJK characters than this are too few (each carries more than a Latin letter).
pub const MIN_CJK: usize = 12;
/// The detector's confidence (0 to 1) a guess needs.
pub const MIN_CONFIDENCE: f64 = 0.8;

/// ISO 639-1 code of a whatlang language, for the languages a sequence may declare.
pub fn iso639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Jpn => "ja",
        Lang::Nld => "nl",
        Lang::Swe => "sv",
        Lang::Pol => "pl",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Por => "pt",
        Lang::Cmn => "zh",
        _ => return None,
    })
}

/// The text of a view without placeholders, links, e-mail addresses and digits.
pub fn prose(view: &TextView) -> String {
    let mut text = view.text.clone();
    let mut cuts: Vec<std::ops::Range<usize>> =
        view.placeholders.iter().map(|p| p.view.clone()).collect();
    cuts.extend(all_links(view).iter().filter_map(|l| match &l.site {
        crate::links::LinkSite::Text { view } => Some(view.clone()),
        crate::links::LinkSite::Attr { .. } => None,
    }));
    cuts.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut last_start = usize::MAX;
    for r in cuts {
        if r.end <= last_start && r.end <= text.len() {
            text.replace_range(r.clone(), " ");
            last_start = r.start;
        }
    }
    let mut prose = String::with_capacity(text.len());
    let words = text
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .map(|w| w.trim_matches(|c: char| c.is_ascii_digit()))
        .filter(|w| !w.is_empty());
    for word in words {
        if !prose.is_empty() {
            prose.push(' ');
        }
        prose.push_str(word);
    }
    prose
}

/// Has `text` enough letters (or CJK characters) to tell its language? Counting stops as soon
/// as it has: bodies are often thousands of letters.
fn has_enough_letters(text: &str) -> bool {
    let (mut letters, mut cjk) = (0, 0);
    for c in text.chars() {
        letters += usize::from(c.is_alphabetic());
        cjk += usize::from(matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF));
        if letters >= MIN_LETTERS || cjk >= MIN_CJK {
            return true;
        }
    }
    false
}

/// A confident guess of the language of `text` (ISO 639-1), or `None`.
pub fn detect(text: &str) -> Option<&'static str> {
    if !has_enough_letters(text) {
        return None;
    }
    let (lang, confidence) = detect_with_confidence(text)?;
    // whatlang's `Info::is_reliable`: a confidence above 0.9 (false for NaN).
    let reliable = confidence > 0.9;
    if !reliable || confidence < MIN_CONFIDENCE {
        return None;
    }
    iso639_1(lang)
}

/// whatlang's most likely language of `text` and its confidence (0 to 1), as
/// `whatlang::Detector::new().detect(text)` gives them.
pub fn detect_with_confidence(text: &str) -> Option<(Lang, f64)> {
    if main_script(text) == Some(Script::Latin) {
        if let Some(found) = latin_score::detect(text) {
            return Some(found);
        }
    }
    let info = Detector::new().detect(text)?;
    Some((info.lang(), info.confidence()))
}

/// `whatlang::detect_script(text)`: the script most of the letters are in. An ASCII text's
/// letters are all Latin, so it needs no count by script (which cost about a tenth of
/// detection).
fn main_script(text: &str) -> Option<Script> {
    if text.is_ascii() {
        text.bytes()
            .any(|b| b.is_ascii_alphabetic())
            .then_some(Script::Latin)
    } else {
        whatlang::detect_script(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confident_guesses_only() {
        assert_eq!(
            detect("Thank you for your order. Please let us know which colour you would like for the engraving on the lid, and we will send you a proof."),
            Some("en")
        );
        assert_eq!(
            detect("Vielen Dank für Ihre Bestellung. Bitte teilen Sie uns mit, welche Farbe Sie für die Gravur wünschen."),
            Some("de")
        );
        assert_eq!(
            detect("ご注文ありがとうございます。刻印する文字をお知らせください。よろしくお願いいたします。"),
            Some("ja")
        );
        assert_eq!(detect("Thanks!"), None);
    }

    #[test]
    fn enough_letters_means_forty_letters_or_twelve_cjk_characters() {
        assert!(!has_enough_letters(&"a1 ".repeat(MIN_LETTERS - 1)));
        assert!(has_enough_letters(&"a1 ".repeat(MIN_LETTERS)));
        assert!(!has_enough_letters(&"注".repeat(MIN_CJK - 1)));
        assert!(has_enough_letters(&"注".repeat(MIN_CJK)));
        assert!(has_enough_letters(&"é".repeat(MIN_LETTERS)));
    }

    #[test]
    fn an_ascii_text_is_latin_when_it_has_a_letter() {
        for text in [
            "",
            "123 456!",
            "a",
            "Thank you, 42 times.",
            "\u{7f}\u{7f}x",
            "\u{7f}",
        ] {
            assert_eq!(main_script(text), whatlang::detect_script(text), "{text:?}");
        }
    }

    #[test]
    fn prose_drops_placeholders_and_links() {
        let v =
            TextView::plain("Hi {{buyer_name}}, see https://x.example.com/a or mail a@b.com 123");
        assert_eq!(prose(&v), "Hi , see or mail");
    }
}
