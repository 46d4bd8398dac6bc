//! An index of one text for the question "does it contain this literal, ignoring ASCII case?",
//! which the literal gates of the rules (`rules::literal_gate`) ask hundreds of times per text.
//!
//! It holds the text with ASCII letters lowered and, for longer texts, a bitmap of the text's
//! three- and four-byte sequences (hashed, about a byte of bitmap per byte of text): a literal
//! with a sequence the text lacks is absent without a search, which is the answer for most
//! literals of most texts. The others are confirmed with a substring search. Building the
//! index is one pass over the text and needs no per-rule automaton, so a run over one small
//! file pays nothing up front. A big run asks it for the built-in literals differently: one
//! search for all of them over the lowered text, whose result it keeps for every rule
//! ([`TextIndex::found_once`]); the bitmap is then made only if a user's rule asks. A literal
//! may need word edges (no word character just outside it, see [`WordEdges`]): then each of
//! its occurrences is tried until one has them.

use memchr::memmem;
use std::ops::Range;

/// Texts shorter than this are searched directly: a bitmap would cost more than it saves.
const BITMAP_FROM: usize = 64;
/// Bits per byte of text in the bitmap (rounded up to a power of two): with two sequences set
/// per byte, a quarter of the bits are set, so a four-byte test rules out three in four.
const BITS_PER_BYTE: usize = 8;
/// The largest bitmap (8 KiB); longer texts set more of its bits.
const MAX_BITMAP_BITS: usize = 1 << 16;
/// In a small run (see [`crate::run_size`]), texts shorter than this are searched for a
/// literal by its first byte: building the literal's substring searcher costs more than such
/// a search (a one-file run built a thousand of them, 6% of its instructions). A big run
/// shares each searcher among thousands of texts, and there it is the quicker search.
const SEARCHER_FROM: usize = 4 << 10;

/// Letters that fold to ASCII letters in a case-insensitive regex (KELVIN SIGN, LONG S), which
/// an ASCII-case-insensitive literal search does not see.
const FOLDS_TO_ASCII: [&str; 2] = ["\u{212A}", "\u{017F}"];

/// Which ends of a literal need a non-word character, or the text's start or end, just outside
/// them (a gate literal's edges, see `rules::literal_gate`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordEdges {
    pub start: bool,
    pub end: bool,
}

impl WordEdges {
    pub const NONE: WordEdges = WordEdges {
        start: false,
        end: false,
    };
}

/// Is `at` (a range of `text`, a UTF-8 text with its ASCII letters lowered) free of word
/// characters just outside the ends `edges` names? Word characters are the regex crate's
/// (`\w`, Unicode), so that the answer is the one a `\b` there gives. Bytes that do not
/// decode count as no word character: then a gate stays open.
pub fn edges_hold(text: &[u8], at: &Range<usize>, edges: WordEdges) -> bool {
    (!edges.start || !word_char_ending_at(text, at.start))
        && (!edges.end || !word_char_starting_at(text, at.end))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Is the character that ends at byte `at` a word character?
fn word_char_ending_at(text: &[u8], at: usize) -> bool {
    let Some(head) = text.get(..at) else {
        return false;
    };
    match head.last() {
        None => false,
        Some(&b) if b.is_ascii() => is_word_byte(b),
        Some(_) => {
            // A character is at most four bytes; it starts at the last byte that is no
            // continuation byte.
            let from = head.len().saturating_sub(4);
            head[from..]
                .iter()
                .rposition(|&b| b & 0xC0 != 0x80)
                .and_then(|start| std::str::from_utf8(&head[from + start..]).ok())
                .and_then(|s| s.chars().next())
                .is_some_and(regex_syntax::is_word_character)
        }
    }
}

/// Is the character that starts at byte `at` a word character?
fn word_char_starting_at(text: &[u8], at: usize) -> bool {
    let Some(tail) = text.get(at..) else {
        return false;
    };
    match tail.first() {
        None => false,
        Some(&b) if b.is_ascii() => is_word_byte(b),
        Some(_) => {
            let len = tail.len().min(4);
            // The longest prefix of up to four bytes that decodes holds the first character.
            (1..=len)
                .rev()
                .find_map(|n| std::str::from_utf8(&tail[..n]).ok())
                .and_then(|s| s.chars().next())
                .is_some_and(regex_syntax::is_word_character)
        }
    }
}

#[derive(Debug, Clone)]
pub struct TextIndex {
    /// The text, ASCII letters lowered (still UTF-8: only ASCII bytes changed).
    lower: Vec<u8>,
    /// Hashed three- and four-byte sequences of `lower`, for texts of [`BITMAP_FROM`] bytes or
    /// more; its length in bits is a power of two. Made on the first lookup: a big run finds
    /// the built-in literals in one pass instead, and needs it only for a user's rules.
    sequences: std::cell::OnceCell<Option<Box<[u64]>>>,
    /// The text has a letter in [`FOLDS_TO_ASCII`].
    folds_to_ascii: bool,
    /// The text's numeric chars (`\d` in a regex is any Unicode decimal digit, and each is a
    /// numeric char): a gate may need several (see [`crate::rules::literal_gate`]).
    numeric_chars: usize,
    /// The alphabet the text is made of (see [`crate::alphabet`]).
    alphabet: crate::alphabet::Alphabet,
    /// What a one-pass search of `lower` found (see [`TextIndex::found_once`]).
    found: std::cell::OnceCell<Box<[u64]>>,
}

/// The hash of a three- or four-byte sequence.
fn sequence_hash(bytes: &[u8]) -> usize {
    let mut h: u32 = 0x811C_9DC5;
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 15)).wrapping_mul(0x2C1B_3C6D) as usize
}

fn set_bit(bits: &mut [u64], hash: usize) {
    let bit = hash & (bits.len() * 64 - 1);
    bits[bit / 64] |= 1 << (bit % 64);
}

fn has_bit(bits: &[u64], hash: usize) -> bool {
    let bit = hash & (bits.len() * 64 - 1);
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

impl TextIndex {
    pub fn new(text: &str) -> TextIndex {
        let lower = text.as_bytes().to_ascii_lowercase();
        let ascii = text.is_ascii();
        TextIndex {
            folds_to_ascii: !ascii
                && FOLDS_TO_ASCII
                    .iter()
                    .any(|f| memmem::find(text.as_bytes(), f.as_bytes()).is_some()),
            numeric_chars: if ascii {
                text.bytes().filter(u8::is_ascii_digit).count()
            } else {
                text.chars().filter(|c| c.is_numeric()).count()
            },
            alphabet: crate::alphabet::Alphabet::of(text),
            lower,
            sequences: std::cell::OnceCell::new(),
            found: std::cell::OnceCell::new(),
        }
    }

    /// Does the text contain `literal` (given with ASCII letters lowered), ignoring ASCII case?
    pub fn contains(&self, literal: &str) -> bool {
        self.contains_with_edges(literal, WordEdges::NONE)
    }

    /// [`TextIndex::contains`] where the literal's ends named by `edges` are at word edges.
    pub fn contains_with_edges(&self, literal: &str, edges: WordEdges) -> bool {
        let finder = memmem::Finder::new(literal.as_bytes());
        self.contains_found_by(literal.as_bytes(), edges, || &finder)
    }

    /// [`TextIndex::contains`] for `literal`, searched with `finder`'s searcher for it, made
    /// once for every text (`memmem::find` makes one per call, which cost as much as the
    /// search itself on the short texts of seller mail). `finder` is asked only when the
    /// bitmap cannot rule the literal out and the searcher pays (see `SEARCHER_FROM`), so that
    /// a literal no such text has never gets one.
    /// With `edges`, only an occurrence at word edges counts (see [`edges_hold`]).
    pub fn contains_found_by<'f>(
        &self,
        literal: &[u8],
        edges: WordEdges,
        finder: impl FnOnce() -> &'f memmem::Finder<'f>,
    ) -> bool {
        if !self.may_contain(literal) {
            return false;
        }
        if self.lower.len() < SEARCHER_FROM && crate::run_size::is_small_run() {
            return self.contains_by_first_byte(literal, edges);
        }
        let finder = finder();
        if edges == WordEdges::NONE {
            return finder.find(&self.lower).is_some();
        }
        // Every occurrence, overlapping ones too ("abab" in "ababab "): the searcher's own
        // iterator skips those, and one of them may be the one at word edges.
        let mut from = 0;
        while let Some(found) = self.lower.get(from..).and_then(|rest| finder.find(rest)) {
            let at = from + found;
            if edges_hold(&self.lower, &(at..at + literal.len()), edges) {
                return true;
            }
            from = at + 1;
        }
        false
    }

    /// Does the text contain `literal`? Found by its first byte's occurrences, without a
    /// searcher to build. Kept out of line: the caller is on a big run's hot path, where this
    /// is never taken (inlined, it cost that path 5% of its instructions).
    #[inline(never)]
    fn contains_by_first_byte(&self, literal: &[u8], edges: WordEdges) -> bool {
        match literal.split_first() {
            Some((&first, rest)) => memchr::memchr_iter(first, &self.lower).any(|at| {
                self.lower[at + 1..].starts_with(rest)
                    && edges_hold(&self.lower, &(at..at + literal.len()), edges)
            }),
            None => true,
        }
    }

    /// The bitmap of the text's three- and four-byte sequences (see `sequences`).
    fn sequences(&self) -> Option<&[u64]> {
        self.sequences
            .get_or_init(|| {
                let lower = &self.lower;
                (lower.len() >= BITMAP_FROM).then(|| {
                    let size = (lower.len() * BITS_PER_BYTE)
                        .next_power_of_two()
                        .clamp(64, MAX_BITMAP_BITS);
                    let mut bits = vec![0u64; size / 64].into_boxed_slice();
                    for (i, w) in lower.windows(3).enumerate() {
                        set_bit(&mut bits, sequence_hash(w));
                        if let Some(four) = lower.get(i..i + 4) {
                            set_bit(&mut bits, sequence_hash(four));
                        }
                    }
                    bits
                })
            })
            .as_deref()
    }

    /// False when the bitmap shows the text lacks a three- or four-byte sequence of `needle`.
    fn may_contain(&self, needle: &[u8]) -> bool {
        let Some(bits) = self.sequences() else {
            return true;
        };
        if needle.len() >= 4 {
            needle.windows(4).all(|w| has_bit(bits, sequence_hash(w)))
        } else {
            needle.len() != 3 || has_bit(bits, sequence_hash(needle))
        }
    }

    /// Could a case-insensitive regex see an ASCII letter the literal search does not (a
    /// KELVIN SIGN for `k`, a LONG S for `s`)? Then no literal may be ruled out.
    pub fn folds_to_ascii(&self) -> bool {
        self.folds_to_ascii
    }

    /// How many numeric chars the text has.
    pub fn numeric_chars(&self) -> usize {
        self.numeric_chars
    }

    /// The alphabet the text is made of (see [`crate::alphabet`]).
    pub fn alphabet(&self) -> crate::alphabet::Alphabet {
        self.alphabet
    }

    /// The bits `search` finds in the text with its ASCII letters lowered, searched on the
    /// first call only: a big run finds every built-in gate literal in one pass, and each rule
    /// asks for it (see `literal_gate`'s `BuiltinLiterals`).
    pub fn found_once(&self, search: impl FnOnce(&[u8]) -> Box<[u64]>) -> &[u64] {
        self.found.get_or_init(|| search(&self.lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_with_edges_counts_only_between_non_word_characters() {
        let start = WordEdges {
            start: true,
            end: false,
        };
        let end = WordEdges {
            start: false,
            end: true,
        };
        let both = WordEdges {
            start: true,
            end: true,
        };
        let index = TextIndex::new("During the OFFERing, a ring");
        assert!(index.contains_with_edges("ring", both));
        assert!(!index.contains_with_edges("offer", end));
        assert!(index.contains_with_edges("offer", start));
        assert!(!TextIndex::new("during").contains_with_edges("ring", start));
        // Non-ASCII neighbours: a letter is a word character, a dash is not.
        assert!(!TextIndex::new("éring").contains_with_edges("ring", start));
        assert!(TextIndex::new("—ring").contains_with_edges("ring", start));
        assert!(!TextIndex::new("ringé").contains_with_edges("ring", both));
        assert!(TextIndex::new("ring—").contains_with_edges("ring", both));
        // Overlapping occurrences are each tried: the second "abab" ends the word.
        let text = format!("ababab {}", "filler ".repeat(700));
        assert!(text.len() > SEARCHER_FROM);
        assert!(TextIndex::new(&text).contains_with_edges("abab", end));
        assert!(TextIndex::new("ababab x").contains_with_edges("abab", end));
    }

    #[test]
    fn finds_literals_ignoring_ascii_case_in_short_and_long_texts() {
        let short = TextIndex::new("Please LEAVE a Review");
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let long_text = format!("{filler}Please LEAVE a Review, Grüße{filler}");
        let long = TextIndex::new(&long_text);
        // Long enough to be searched with the literals' searchers.
        let filler = filler.repeat(10);
        let longer_text = format!("{filler}Please LEAVE a Review, Grüße{filler}");
        assert!(longer_text.len() > SEARCHER_FROM);
        let longer = TextIndex::new(&longer_text);
        for index in [&short, &long, &longer] {
            assert!(index.contains("leave a review"));
            assert!(index.contains("review"));
            assert!(!index.contains("feedback"));
            assert!(!index.contains("reviews"));
            for (literal, present) in [("review", true), ("grüße", true), ("feedback", false)] {
                let finder = memmem::Finder::new(literal);
                assert_eq!(
                    index.contains_found_by(literal.as_bytes(), WordEdges::NONE, || &finder),
                    present && index.contains(literal)
                );
            }
        }
        assert!(long.contains("grüße"));
        assert!(!long.contains("grüsse"));
        assert!(longer.contains("grüße"));
        assert!(!longer.contains("grüsse"));
    }

    #[test]
    fn notes_digits_and_letters_that_fold_to_ascii() {
        assert_eq!(TextIndex::new("order 123").numeric_chars(), 3);
        assert_eq!(TextIndex::new("電話 ０３").numeric_chars(), 2);
        assert_eq!(TextIndex::new("no digits").numeric_chars(), 0);
        assert!(TextIndex::new("\u{212A}indly").folds_to_ascii());
        assert!(!TextIndex::new("kindly").folds_to_ascii());
    }
}
