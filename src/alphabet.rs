//! The alphabet of seller mail: the chars the texts we lint are made of (Latin letters with
//! their accents, the punctuation and symbols of typeset mail, Japanese, emoji), whether a text
//! stays within them, and a rule regex narrowed to them.
//!
//! Why: a case-insensitive Unicode regex spells `\w`, `\d`, `.` and negated classes such as
//! `[^.!?]` as automata over *all* of Unicode; bounded repetitions (`[^.!?\d]{0,25}`) copy
//! them dozens of times. Those automata are most of the compile time of a rule pattern and,
//! with the lazy DFA's caches built over them, most of the memory of a run (profiling the
//! 5,000-file benchmark: ~60% of the heap). A class only ever tests the chars of the text it
//! searches, so on a text whose chars are all in that alphabet, the class narrowed to
//! the alphabet accepts exactly the same chars: the narrowed regex finds exactly the same
//! matches, and it is several times smaller. Texts with other chars (Cyrillic, Korean…) get
//! the regex as written.
//!
//! Most mail in English is plain ASCII, and there the same holds of ASCII: the pattern with
//! every class narrowed to ASCII, and its Unicode word boundaries spelled as ASCII ones (the
//! same on ASCII text: Unicode's word chars among ASCII are exactly `[0-9A-Za-z_]`), finds
//! the same matches. Its automata are byte ranges: quicker again to compile, and the lazy DFA
//! handles its word boundaries itself.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// The chars a text is made of, as far as the spelling of a pattern for it goes (see
/// [`narrowed`]). Each is within the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alphabet {
    /// ASCII only.
    Ascii,
    /// The Latin blocks of seller mail: Latin with its accents, general punctuation (’ “ ” –
    /// …), currency (€), letterlike symbols (™). The mail of Europe's marketplaces. Only the
    /// first tier of a small run has a spelling for it (see
    /// [`crate::rules::lazy_regex::compile_nfa`]): without Japanese and emoji, a pattern's
    /// classes compile to smaller automata, which that tier compiles for few texts.
    Latin,
    /// The blocks of seller mail: Latin with its accents, punctuation and symbols, Japanese,
    /// fullwidth forms, emoji.
    SellerMail,
    /// Any chars.
    Unicode,
}

impl Alphabet {
    /// The alphabet of `text`: the smallest that holds all its chars.
    pub fn of(text: &str) -> Alphabet {
        if text.is_ascii() {
            return Alphabet::Ascii;
        }
        let mut alphabet = Alphabet::Latin;
        for c in text.chars() {
            if alphabet == Alphabet::Latin && !in_ranges(&LATIN, c) {
                alphabet = Alphabet::SellerMail;
            }
            if alphabet == Alphabet::SellerMail && !in_ranges(&SELLER_MAIL, c) {
                return Alphabet::Unicode;
            }
        }
        alphabet
    }

    /// Within seller mail's alphabet but not ASCII: a text whose `\b` needs Unicode's word
    /// chars, searched with the seller-mail spelling (Latin or not).
    pub fn is_seller_mail_beyond_ascii(self) -> bool {
        matches!(self, Alphabet::Latin | Alphabet::SellerMail)
    }

    /// Its chars as sorted, disjoint ranges; `None` for all of Unicode.
    fn ranges(self) -> Option<&'static [(char, char)]> {
        match self {
            Alphabet::Ascii => Some(&[('\u{0}', '\u{7F}')]),
            Alphabet::Latin => Some(&LATIN),
            Alphabet::SellerMail => Some(&SELLER_MAIL),
            Alphabet::Unicode => None,
        }
    }
}

/// The Latin blocks of seller mail (see [`Alphabet::Latin`]), sorted and disjoint, each within
/// one of [`SELLER_MAIL`]'s.
const LATIN: [(char, char); 3] = [
    // ASCII, Latin-1, Latin Extended-A and -B, IPA, spacing modifiers, combining accents.
    ('\u{0}', '\u{36F}'),
    // Latin Extended Additional.
    ('\u{1E00}', '\u{1EFF}'),
    // General punctuation, super/subscripts, currency, combining marks for symbols,
    // letterlike (™, KELVIN SIGN).
    ('\u{2000}', '\u{214F}'),
];

/// The blocks of seller mail, sorted and disjoint.
const SELLER_MAIL: [(char, char); 12] = [
    // ASCII, Latin-1, Latin Extended-A and -B, IPA, spacing modifiers, combining accents.
    ('\u{0}', '\u{36F}'),
    // Latin Extended Additional.
    ('\u{1E00}', '\u{1EFF}'),
    // General punctuation (’ “ ” – — … and the spaces), super/subscripts, currency (€),
    // letterlike (™, KELVIN SIGN), number forms, arrows, symbols, dingbats.
    ('\u{2000}', '\u{27BF}'),
    // CJK symbols and punctuation, hiragana, katakana.
    ('\u{3000}', '\u{30FF}'),
    // CJK Unified Ideographs Extension A.
    ('\u{3400}', '\u{4DBF}'),
    // CJK Unified Ideographs.
    ('\u{4E00}', '\u{9FFF}'),
    // Variation selectors (the emoji presentation selector).
    ('\u{FE00}', '\u{FE0F}'),
    // Halfwidth and fullwidth forms.
    ('\u{FF00}', '\u{FFEF}'),
    // Mahjong and domino tiles, playing cards, enclosed alphanumerics and ideographs.
    ('\u{1F000}', '\u{1F2FF}'),
    // Emoji: pictographs, emoticons, transport, alchemical, geometric shapes extended…
    ('\u{1F300}', '\u{1F9FF}'),
    // Chess symbols, symbols and pictographs extended-A.
    ('\u{1FA00}', '\u{1FAFF}'),
    // Tags (emoji flag sequences).
    ('\u{E0000}', '\u{E007F}'),
];

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// `hir` narrowed to alphabet `to`: every Unicode class intersected with it, and for ASCII,
/// Unicode word boundaries spelled as ASCII ones. On a text whose chars are all in `to`, it
/// matches exactly where `hir` does.
///
/// Only the nodes above a part that changes are rebuilt, and the parts that do not change are
/// moved into the new tree, not copied: rebuilding or copying every node of a long word list
/// cost more than the compilation narrowing saves.
pub fn narrowed(hir: Hir, to: Alphabet) -> Hir {
    match to.ranges() {
        Some(ranges) => Narrowing {
            ranges,
            ascii_looks: to == Alphabet::Ascii,
        }
        .narrowed(hir),
        None => hir,
    }
}

/// How [`narrowed`] rewrites a pattern.
struct Narrowing {
    /// The alphabet's chars, sorted and disjoint.
    ranges: &'static [(char, char)],
    /// Spell Unicode word boundaries as ASCII ones.
    ascii_looks: bool,
}

impl Narrowing {
    fn narrowed(&self, hir: Hir) -> Hir {
        if self.changes(&hir) {
            self.narrowed_changing(hir)
        } else {
            hir
        }
    }

    /// Is every char of `class` in the alphabet already (a letter's case class, most often)?
    fn within(&self, class: &ClassUnicode) -> bool {
        class.ranges().iter().all(|r| {
            self.ranges
                .iter()
                .any(|&(lo, hi)| lo <= r.start() && r.end() <= hi)
        })
    }

    /// Does narrowing change `hir`?
    fn changes(&self, hir: &Hir) -> bool {
        match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => !self.within(class),
            HirKind::Look(look) => self.ascii_looks && ascii_look(*look) != *look,
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
            HirKind::Repetition(repetition) => self.changes(&repetition.sub),
            HirKind::Capture(capture) => self.changes(&capture.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().any(|sub| self.changes(sub))
            }
        }
    }

    /// The narrowed form of `hir`, which [`Narrowing::changes`].
    fn narrowed_changing(&self, hir: Hir) -> Hir {
        match hir.into_kind() {
            HirKind::Class(Class::Unicode(mut class)) => {
                class.intersect(&ClassUnicode::new(
                    self.ranges
                        .iter()
                        .map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi)),
                ));
                Hir::class(Class::Unicode(class))
            }
            HirKind::Look(look) if self.ascii_looks => Hir::look(ascii_look(look)),
            HirKind::Repetition(repetition) => Hir::repetition(Repetition {
                sub: Box::new(self.narrowed(*repetition.sub)),
                ..repetition
            }),
            HirKind::Capture(capture) => Hir::capture(Capture {
                sub: Box::new(self.narrowed(*capture.sub)),
                ..capture
            }),
            HirKind::Concat(subs) => {
                Hir::concat(subs.into_iter().map(|sub| self.narrowed(sub)).collect())
            }
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.into_iter().map(|sub| self.narrowed(sub)).collect())
            }
            // Unchanging kinds; `changes` keeps them from coming here.
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(literal) => Hir::literal(literal.0),
            HirKind::Class(class) => Hir::class(class),
            HirKind::Look(look) => Hir::look(look),
        }
    }
}

/// The ASCII spelling of a word-boundary assertion (the same on ASCII text); other
/// assertions unchanged.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta;

    /// A case-insensitive pattern narrowed to `to` (as written for [`Alphabet::Unicode`]).
    fn spelled(pattern: &str, to: Alphabet) -> meta::Regex {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(pattern)
            .unwrap();
        meta::Regex::builder()
            .build_from_hir(&narrowed(hir, to))
            .unwrap()
    }

    /// A pattern as written and narrowed to seller mail's alphabet.
    fn both(pattern: &str) -> (meta::Regex, meta::Regex) {
        (
            spelled(pattern, Alphabet::Unicode),
            spelled(pattern, Alphabet::SellerMail),
        )
    }

    fn matches(re: &meta::Regex, text: &str) -> Vec<std::ops::Range<usize>> {
        re.find_iter(text).map(|m| m.range()).collect()
    }

    /// Each pattern as written and spelled for `to` finds the same matches in each text.
    fn assert_same_matches(patterns: &[&str], to: Alphabet, texts: &[&str]) {
        for pattern in patterns {
            let (wide, spelt) = (spelled(pattern, Alphabet::Unicode), spelled(pattern, to));
            for text in texts {
                assert_eq!(
                    matches(&wide, text),
                    matches(&spelt, text),
                    "{pattern} on {text}"
                );
            }
        }
    }

    #[test]
    fn the_alphabet_is_sorted_and_disjoint() {
        for ranges in [&SELLER_MAIL[..], &LATIN[..]] {
            assert!(ranges.windows(2).all(|w| w[0].1 < w[1].0));
            assert!(ranges.iter().all(|&(lo, hi)| lo <= hi));
        }
        // Latin is within seller mail.
        for &(lo, hi) in &LATIN {
            assert!(SELLER_MAIL.iter().any(|&(l, h)| l <= lo && hi <= h));
        }
    }

    #[test]
    fn latin_texts_are_latin() {
        for text in [
            "Über 5 Sterne würden wir uns freuen – 10 € Rabatt™",
            "Merci d’avoir commandé «chez nous» : œuvre",
            "\u{212A}elvin and ſ fold to ASCII",
        ] {
            assert_eq!(Alphabet::of(text), Alphabet::Latin, "{text}");
        }
        for text in ["Danke 👍🏽", "ご注文ありがとうございます", "Grüße ★★★★★"]
        {
            assert_eq!(Alphabet::of(text), Alphabet::SellerMail, "{text}");
        }
        assert_eq!(Alphabet::of("Grüße, Спасибо"), Alphabet::Unicode);
    }

    #[test]
    fn seller_mail_texts_are_within_and_others_are_not() {
        for text in [
            "Please leave a review",
            "Bitte bestätigen Sie Ihre Lieferadresse – danke! 👍🏽",
            "Merci d’avoir commandé «chez nous» : 20 € de remise™",
            "ご注文ありがとうございます。電話：０３－１２３４",
            "\u{212A}elvin and ſ fold to ASCII",
        ] {
            assert_ne!(Alphabet::of(text), Alphabet::Unicode, "{text}");
        }
        for text in ["Спасибо за заказ", "감사합니다", "شكرا", "Ελλάδα"]
        {
            assert_eq!(Alphabet::of(text), Alphabet::Unicode, "{text}");
        }
    }

    #[test]
    fn narrowed_regexes_find_the_same_matches_and_are_smaller() {
        let texts = [
            "Good news: your order 123-4567 has shipped! Call 0800 123 4567.",
            "Über 5 Sterne würden wir uns freuen: Rückerstattung möglich, Tel. 030 1234 5678.",
            "Laissez-nous un avis ★★★★★ — merci d’avance… œuvre Ǆ ǅ",
            "お電話：０３－１２３４－５６７８ までご連絡ください。レビューをお願いします",
            "\u{212A}indly leave a review, ſee you ſoon 😀👍🏽",
            "ÉTÉ été ÉCOLE École straße STRASSE ß ẞ",
        ];
        for text in texts {
            assert_ne!(Alphabet::of(text), Alphabet::Unicode);
        }
        let patterns = [
            r"\b(?:tel|telefon|rufen sie)\b\.?[^.!?\d]{0,25}\(?\+?\d[\d\s().\-/]{4,18}\d",
            r"\b\w*(?:bewertung|rückerstattung|sterne)\w*\b",
            r"\bkindly\s+(?:\w+\s+){0,3}review\b",
            r"(?:電話|TEL)[^。\d]{0,10}\(?\+?\d[\d\s()\-]{4,18}\d",
            r"\bété\b|\bstraße\b|\bsee\b",
            r"[^a-z\s]+",
            r".+",
        ];
        assert_same_matches(&patterns, Alphabet::SellerMail, &texts);
        let latin: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| Alphabet::of(t) == Alphabet::Latin)
            .collect();
        assert_eq!(latin.len(), 2);
        assert_same_matches(&patterns, Alphabet::Latin, &latin);
        // What narrowing is for: the big Unicode classes shrink (a small class may grow a
        // little: its complement within the alphabet has more ranges).
        for pattern in [r"[^.!?\d]{0,25}\d", r"(?:\w+\s+){0,5}review"] {
            let (wide, narrow) = both(pattern);
            assert!(
                narrow.memory_usage() * 3 < wide.memory_usage(),
                "{pattern}: {} vs {}",
                narrow.memory_usage(),
                wide.memory_usage()
            );
        }
    }

    #[test]
    fn ascii_spellings_find_the_same_matches_on_ascii_texts() {
        let texts = [
            "Kindly leave a review_now, see you soon! Call 0800-123-4567.",
            "re-view; (review) review's REVIEW\treview\nreview",
            "",
        ];
        for text in texts {
            assert_eq!(Alphabet::of(text), Alphabet::Ascii);
        }
        let patterns = [
            r"\breview\b",
            r"\Breview|review\B",
            r"\b\w+\b",
            r"\b{start}\w+\b{end}",
            r"[^.!?\d]{0,25}\d",
            r"(?:\w+\s+){0,3}review",
            r"\bcafé\b|\bstraße|お電話",
            r".+",
        ];
        assert_same_matches(&patterns, Alphabet::Ascii, &texts);
        // Why texts must be checked: `é` is a word char, and the ASCII spelling does not know.
        let (wide, ascii) = (
            spelled(r"\bcaf\b", Alphabet::Unicode),
            spelled(r"\bcaf\b", Alphabet::Ascii),
        );
        assert!(matches(&wide, "café").is_empty());
        assert_eq!(matches(&ascii, "café"), vec![0..3]);
    }

    #[test]
    fn outside_the_alphabet_the_narrowed_regex_may_differ() {
        // Why texts must be checked: a Cyrillic word is `\w` to the regex as written only.
        let (wide, narrow) = both(r"\w+");
        assert_eq!(matches(&wide, "заказ"), vec![0..10]);
        assert!(matches(&narrow, "заказ").is_empty());
    }
}
