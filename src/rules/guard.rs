//! Guards: a cheap first pass that lets a phrase rule skip a text it cannot match.
//!
//! Rule patterns use `\b`, which in the `regex` crate is a Unicode word boundary. The crate's
//! fast engine (a lazy DFA) handles it only on ASCII text: at the first non-ASCII byte (an
//! umlaut, an em dash, any Japanese) the search is redone with a much slower engine (PikeVM or
//! bounded backtracking). Seller mail is full of such bytes, and most rules match nothing in
//! most texts, so that slow search was most of the run time with a realistic rule set.
//!
//! A guard is the same pattern with its word-boundary assertions removed. Removing an
//! assertion can only add matches, never remove one, so when the guard finds nothing, the
//! pattern finds nothing either; and the guard has no Unicode word boundary, so it always
//! runs on the DFA. Only texts the guard accepts pay for the exact search.

use crate::alphabet::Alphabet;
use crate::rules::lazy_regex::compile_automata;
use regex_automata::{meta, Input, Match};
use std::sync::OnceLock;

/// The pattern without `\b` and `\B`; `None` when it has none (the pattern is its own guard).
pub fn without_word_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut removed = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') => removed = true,
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    removed.then_some(out)
}

/// The guard of one (case-insensitive) pattern, written and compiled on first need: texts
/// that are all ASCII never need it (the exact pattern runs on the DFA there), so a run over
/// English mail never pays for it, and a small run's patterns never reach the full tier that
/// asks it. It is compiled narrowed to the alphabet of seller mail (see [`crate::alphabet`])
/// and only asked about texts within it; other texts go straight to the exact search.
#[derive(Debug, Default)]
pub struct Guard {
    /// `None` inside: the pattern has no word boundary and needs no guard (or the guard does
    /// not compile, which it always should: that only costs speed).
    compiled: OnceLock<Option<meta::Regex>>,
}

impl Guard {
    /// The guard of `pattern` for a text (or a part of one) made of `alphabet`; `None` when
    /// the text needs none (ASCII: the exact pattern runs on the DFA) or cannot use it
    /// (outside seller mail's alphabet).
    pub fn regex(&self, pattern: &str, alphabet: Alphabet) -> Option<&meta::Regex> {
        if !alphabet.is_seller_mail_beyond_ascii() {
            return None;
        }
        self.compiled
            .get_or_init(|| {
                without_word_boundaries(pattern)
                    .and_then(|bare| compile_automata(&bare, Alphabet::SellerMail))
            })
            .as_ref()
    }
}

/// The first match of `exact` in `input` (exactly what `exact.search(input)` finds), found
/// with the help of `exact`'s guard: on a text with non-ASCII letters, the exact pattern's
/// Unicode word boundaries take the PikeVM over every byte from the start of the search, while
/// the guard runs on the DFA. Every match of the pattern is a match of its guard at the same
/// place (removing an assertion only adds matches), so no match starts before the guard's
/// leftmost one: the exact search starts there. Where the guard matches, the pattern mostly
/// does too, so the PikeVM reads little more than the match. (The guard is searched for its
/// leftmost match, also when `input` asks for the earliest one, which need not start first.
/// An anchored exact search at each of the guard's starts read even less, but its start
/// states took the 5,000-file run's lazy-DFA caches over the 64 MiB memory target.)
pub fn guarded_search(
    exact: &meta::Regex,
    guard: &meta::Regex,
    input: &Input<'_>,
) -> Option<Match> {
    let candidate = guard.search(&input.clone().earliest(false))?;
    exact.search(&input.clone().span(candidate.start()..input.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_are_removed_and_other_escapes_kept() {
        assert_eq!(
            without_word_boundaries(r"\b(?:leave|write)\b\s+\B\.\\b"),
            Some(r"(?:leave|write)\s+\.\\b".to_string())
        );
        assert_eq!(without_word_boundaries(r"\d+\s?%"), None);
    }

    #[test]
    fn a_guard_accepts_every_text_its_pattern_matches() {
        let pattern = r"\b(?:avis|reseña)\b";
        let exact = compile_automata(pattern, Alphabet::Unicode);
        let guard = Guard::default();
        // False only when the pattern certainly does not match the text, as the full tier asks.
        let may_match = |text: &str| {
            guard
                .regex(pattern, Alphabet::of(text))
                .is_none_or(|g| g.is_match(text))
        };
        for text in [
            "Votre AVIS compté",
            "una reseña, por favor",
            "avisé",
            "rien",
            "über",
            "отзыв avis",
        ] {
            if exact.as_ref().is_some_and(|r| r.is_match(text)) {
                assert!(may_match(text), "{text}");
            }
        }
        // Looser than the pattern ("avisé"), but it rules out texts without the words.
        assert!(may_match("avisé"));
        assert!(!may_match("rien à signaler, übrigens"));
        // ASCII texts are left to the exact pattern, and so are texts outside the alphabet
        // of seller mail (the guard is compiled narrowed to it).
        assert!(may_match("nothing here"));
        assert!(may_match("ничего"));
    }
}
