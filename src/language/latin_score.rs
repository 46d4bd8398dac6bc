//! whatlang's detector for Latin-script text (the "combined" method: alphabet scores plus
//! trigram-profile distances), computed exactly as whatlang 0.18 computes it, only faster.
//!
//! whatlang measures a text against each of its 37 Latin-script languages by looking up all 300
//! trigrams of the language's profile in the text's trigram table: 11,100 hash lookups for every
//! text, which made it the biggest cost of a whole `check` after regex matching. Here the
//! profiles are inverted once (trigram → the languages and ranks where it occurs), so a text
//! costs one lookup per distinct trigram of the text (at most 600) instead. Every other step
//! (lower-casing, stop characters, the order of sorts, the floating-point formulas, ties) is
//! whatlang's own, so the language and confidence are the same bit for bit; the tests compare
//! both against the `whatlang` crate on the labeled corpus, the fixtures and generated text.

use super::latin_index::{home, pack, EMPTY};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;
use whatlang::{Lang, Script};

mod tables {
    // The index of `super::super::latin_index`, as build.rs built it: `LANG_CODES`,
    // `ALPHABET_CHARS`, `ALPHABET_LANGS`, `TRIGRAM_SLOTS`, `TRIGRAM_BITS`, `POSTINGS`.
    include!(concat!(env!("OUT_DIR"), "/latin_index.rs"));
}

/// A text trigram further than this from a profile rank counts as missing (whatlang's
/// `MAX_TRIGRAM_DISTANCE`).
const MAX_TRIGRAM_DISTANCE: i64 = 300;
/// The distance of a text sharing nothing with a profile (whatlang's `MAX_TOTAL_DISTANCE`).
const MAX_TOTAL_DISTANCE: i64 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
/// How many of the text's most frequent trigrams are compared (whatlang's `TEXT_TRIGRAMS_SIZE`).
const TEXT_TRIGRAMS_SIZE: usize = 600;

/// The profiles and alphabets, indexed for lookups by text (see [`super::latin_index`]).
struct Model {
    /// The Latin-script languages in whatlang's order (`Script::Latin.langs()`); all the other
    /// fields refer to languages by their index here.
    langs: &'static [Lang],
    /// Every character of some alphabet, sorted.
    alphabet_chars: &'static [char],
    /// For each of `alphabet_chars`, the languages whose alphabet has it (once per occurrence,
    /// as whatlang counts them).
    alphabet_langs: &'static [&'static [u8]],
    /// For ASCII characters, their index in `alphabet_chars` (the common case, without a search).
    ascii_alphabet: [Option<usize>; 128],
    /// Every trigram of some profile, for lookups by text trigram.
    trigrams: TrigramTable,
    /// (language index, rank in that language's profile), grouped by trigram.
    postings: &'static [(u16, u16)],
}

/// An open-addressing hash table from a packed trigram to its range in `Model::postings`:
/// one probe (one cache line) per text trigram in the common case, where a binary search over
/// the ~10,000 profile trigrams took a dozen dependent, cache-missing reads.
struct TrigramTable {
    /// (packed trigram or [`EMPTY`], start in `postings`, end in `postings`); at most half
    /// full, so probe chains stay short.
    slots: &'static [(u64, u32, u32)],
    /// `slots.len()` is `1 << bits`.
    bits: u32,
}

impl TrigramTable {
    fn get(&self, key: u64) -> Option<std::ops::Range<usize>> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = home(key, self.bits);
        loop {
            let (k, start, end) = *self.slots.get(slot)?;
            if k == key {
                return Some(start as usize..end as usize);
            }
            if k == EMPTY {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// Hashes a packed trigram for the text's trigram counts: one multiplication (Fibonacci
/// hashing) with the high half folded into the low bits, where the standard map takes its bucket.
/// SipHash, the standard default, protects against chosen collisions that do not matter here and
/// cost more than the rest of the counting.
#[derive(Default)]
struct TrigramHasher(u64);

impl std::hash::Hasher for TrigramHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, key: u64) {
        let h = (self.0 ^ key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 32);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// whatlang's stop characters: ASCII space, punctuation and digits.
const fn is_stop_char(ch: char) -> bool {
    matches!(ch, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// `None` when build.rs's tables and the linked whatlang do not name the same languages (then
/// the callers use whatlang itself).
static MODEL: LazyLock<Option<Model>> = LazyLock::new(load_model);

fn load_model() -> Option<Model> {
    let langs = Script::Latin.langs();
    let same_languages = langs
        .iter()
        .map(|l| l.code())
        .eq(tables::LANG_CODES.iter().copied());
    if !same_languages || tables::TRIGRAM_SLOTS.len() != 1 << tables::TRIGRAM_BITS {
        return None;
    }
    let mut ascii_alphabet = [None; 128];
    for (position, c) in tables::ALPHABET_CHARS.iter().enumerate() {
        if let Some(slot) = ascii_alphabet.get_mut(*c as usize) {
            *slot = Some(position);
        }
    }
    Some(Model {
        langs,
        alphabet_chars: tables::ALPHABET_CHARS,
        alphabet_langs: tables::ALPHABET_LANGS,
        ascii_alphabet,
        trigrams: TrigramTable {
            slots: tables::TRIGRAM_SLOTS,
            bits: tables::TRIGRAM_BITS,
        },
        postings: tables::POSTINGS,
    })
}

/// The most likely Latin-script language of `text` and whatlang's confidence in it, exactly as
/// `whatlang::Detector::new().detect(text)` gives them for a text whose main script is Latin.
/// `None` if the model could not be built (see [`MODEL`]).
pub(super) fn detect(text: &str) -> Option<(Lang, f64)> {
    let model = MODEL.as_ref()?;
    // The same lower case, without Unicode's case tables for an ASCII text.
    let lower = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    };
    let (alphabet_scores, letters) = alphabet_scores(model, &lower);
    let (trigram_scores, unique_trigrams) = trigram_scores(model, &lower);

    // whatlang's `combined::raw_detect`: the alphabet matters more in short texts.
    let alphabet_weight = (-(letters as f64 / 300.0) + 2.0 / 3.0).clamp(1.0 / 3.0, 2.0 / 3.0);
    let trigram_weight = 1.0 - alphabet_weight;
    let mut scores: Vec<(usize, f64)> = alphabet_scores
        .iter()
        .map(|&(l, a)| (l, a * alphabet_weight + trigram_scores[l] * trigram_weight))
        .collect();
    scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less));

    let &(best, score1) = scores.first()?;
    let confidence = match scores.get(1) {
        Some(&(_, score2)) => confidence(score1, score2, unique_trigrams),
        None => 1.0,
    };
    Some((*model.langs.get(best)?, confidence))
}

/// whatlang's alphabet scores (language index, 0..1), best first, and the number of letters
/// (non-stop characters) they were computed from.
fn alphabet_scores(model: &Model, lower: &str) -> (Vec<(usize, f64)>, usize) {
    let mut char_scores = vec![0usize; model.alphabet_chars.len()];
    let mut letters = 0usize;
    for ch in lower.chars() {
        if is_stop_char(ch) {
            continue;
        }
        letters += 1;
        let position = match model.ascii_alphabet.get(ch as usize) {
            Some(ascii) => *ascii,
            None => model.alphabet_chars.binary_search(&ch).ok(),
        };
        if let Some(position) = position {
            char_scores[position] += 2;
        }
    }
    let mut lang_scores = vec![0usize; model.langs.len()];
    let mut common_score = 0usize;
    for (position, char_score) in char_scores.into_iter().enumerate() {
        if char_score == 0 {
            continue;
        }
        let langs = model.alphabet_langs[position];
        if langs.len() == model.langs.len() {
            common_score += char_score;
        } else {
            for &l in langs {
                lang_scores[usize::from(l)] += char_score;
            }
        }
    }
    let mut raw: Vec<(usize, usize)> = (0..model.langs.len())
        .map(|l| (l, (lang_scores[l] + common_score).saturating_sub(letters)))
        .collect();
    raw.sort_unstable_by_key(|(_, score)| Reverse(*score));
    let normalized = raw
        .into_iter()
        .map(|(l, score)| (l, score as f64 / letters as f64))
        .collect();
    (normalized, letters)
}

/// whatlang's trigram scores (0..1) by language index, and the number of distinct trigrams
/// compared.
fn trigram_scores(model: &Model, lower: &str) -> (Vec<f64>, usize) {
    let ranked = dense::ranked(lower).unwrap_or_else(|| ranked_by_map(lower));
    let unique = ranked.len();

    // Distance to a profile: for each profile trigram, how far its rank is from the text's
    // rank, or MAX_TRIGRAM_DISTANCE when the text lacks it. Start from "lacks all" and correct
    // for the trigrams the text has.
    let mut distances = vec![MAX_TOTAL_DISTANCE; model.langs.len()];
    for (position, &key) in ranked.iter().enumerate() {
        let Some(found) = model.trigrams.get(key) else {
            continue;
        };
        for &(l, rank) in &model.postings[found] {
            distances[usize::from(l)] +=
                (position as i64 - i64::from(rank)).abs() - MAX_TRIGRAM_DISTANCE;
        }
    }
    let max_distance = unique as i64 * MAX_TRIGRAM_DISTANCE;
    let scores = distances
        .into_iter()
        .map(|mut distance| {
            // A text with fewer distinct trigrams than a profile cannot match all of it.
            let count = unique as i64;
            if MAX_TRIGRAM_DISTANCE > count {
                distance -= (MAX_TRIGRAM_DISTANCE - count) * MAX_TRIGRAM_DISTANCE;
            }
            let distance = distance.clamp(0, MAX_TOTAL_DISTANCE);
            (max_distance - distance) as f64 / max_distance as f64
        })
        .collect();
    (scores, unique)
}

/// The trigrams of `lower`, most frequent first, ties by the larger trigram (whatlang's rank
/// order), at most [`TEXT_TRIGRAMS_SIZE`] of them. Every trigram of the text, stop characters
/// read as spaces, with a space before and after the text; trigrams whose middle is a space
/// next to another space are skipped.
fn ranked_by_map(lower: &str) -> Vec<u64> {
    // Counted in a map, so memory follows the distinct trigrams, not the length of the text.
    let mut counts: HashMap<u64, u32, BuildHasherDefault<TrigramHasher>> =
        HashMap::with_capacity_and_hasher(lower.len().min(2048), Default::default());
    let mut chars = lower.chars().map(trigram_char).chain(Some(' '));
    let mut c1 = ' ';
    let mut c2 = chars.next().unwrap_or(' ');
    for c3 in chars {
        if counted_trigram(c1, c2, c3, ' ') {
            let count = counts.entry(pack(c1, c2, c3)).or_insert(0);
            *count = count.wrapping_add(1);
        }
        c1 = c2;
        c2 = c3;
    }
    let mut counted: Vec<(u32, u64)> = counts.into_iter().map(|(key, n)| (n, key)).collect();
    counted.sort_unstable_by(|a, b| b.cmp(a));
    counted.truncate(TEXT_TRIGRAMS_SIZE);
    counted.into_iter().map(|(_, key)| key).collect()
}

/// A character as whatlang reads it in a trigram: stop characters are spaces.
const fn trigram_char(c: char) -> char {
    if is_stop_char(c) {
        ' '
    } else {
        c
    }
}

/// whatlang counts a trigram unless its middle is a space next to another space (`space`:
/// how the caller spells a space, a `char` or a table symbol).
fn counted_trigram<T: PartialEq>(c1: T, c2: T, c3: T, space: T) -> bool {
    !(c2 == space && (c1 == space || c3 == space))
}

/// Ranking the trigrams of a text written in a small alphabet (space, the ASCII letters and a
/// few accented letters and the typographic apostrophe), which is most mail: each trigram is
/// an index into a table of counts, where [`ranked_by_map`] hashes it. Hashing and collecting
/// the map were about half of whatlang's scoring, itself the biggest part of `meta/language`.
mod dense {
    use super::{counted_trigram, pack, trigram_char, TEXT_TRIGRAMS_SIZE};
    use std::cell::RefCell;

    /// The characters with a place in the table, in their `char` order, so that the order of
    /// table indexes is the order of the packed trigrams (whatlang breaks ties by it).
    const SYMBOLS: [char; 32] = [
        ' ', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
        'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'é', 'ö', 'ü', '\u{2019}',
    ];
    const BITS: u32 = 5;
    const SLOTS: usize = 1 << (3 * BITS);

    const fn symbol(c: char) -> Option<usize> {
        match c {
            ' ' => Some(0),
            'a'..='z' => Some(c as usize - 'a' as usize + 1),
            'ä' => Some(27),
            'é' => Some(28),
            'ö' => Some(29),
            'ü' => Some(30),
            '\u{2019}' => Some(31),
            _ => None,
        }
    }

    /// Counts up to this are ranked by bucket (see [`in_rank_order`]); a text with more of
    /// one trigram (a long one) is sorted.
    const MOST_BUCKETED: usize = 4096;

    /// The counts table and a bitmap of its slots (both zero between texts), and the slots
    /// one text touched.
    struct Counts {
        counts: Vec<u32>,
        seen: Vec<u64>,
        touched: Vec<u16>,
    }

    thread_local! {
        static COUNTS: RefCell<Counts> = const {
            RefCell::new(Counts { counts: Vec::new(), seen: Vec::new(), touched: Vec::new() })
        };
    }

    /// [`super::ranked_by_map`]'s answer, or `None` when the text has a character outside
    /// [`SYMBOLS`].
    pub(super) fn ranked(lower: &str) -> Option<Vec<u64>> {
        COUNTS.with(|cell| {
            let mut table = cell.try_borrow_mut().ok()?;
            let Counts {
                counts,
                seen,
                touched,
            } = &mut *table;
            if counts.is_empty() {
                counts.resize(SLOTS, 0);
                seen.resize(SLOTS / 64, 0);
            }
            if !count(lower, counts, touched) {
                for slot in touched.drain(..) {
                    counts[usize::from(slot)] = 0;
                }
                return None;
            }
            let (least, most) = touched
                .iter()
                .map(|&slot| counts[usize::from(slot)])
                .fold((u32::MAX, 0), |(least, most), n| {
                    (least.min(n), most.max(n))
                });
            let mut ranked = if least > 0 && most as usize <= MOST_BUCKETED {
                in_rank_order(counts, seen, touched, most as usize)
            } else {
                sorted(counts, touched)
            };
            touched.clear();
            ranked.truncate(TEXT_TRIGRAMS_SIZE);
            Some(ranked.into_iter().map(trigram).collect())
        })
    }

    /// The `touched` slots by count, most first, ties by the larger slot (whatlang's order),
    /// with the counts set back to zero: placed by count in one pass over the slots in
    /// descending order (read off a bitmap), without comparing any two. A sort of a few
    /// hundred slots was half the cost of ranking. Every count is between 1 and `most`.
    fn in_rank_order(
        counts: &mut [u32],
        seen: &mut [u64],
        touched: &[u16],
        most: usize,
    ) -> Vec<u16> {
        // Slots with each count, then where the slots of each count start (higher first).
        let mut start = vec![0usize; most + 1];
        for &slot in touched {
            let slot = usize::from(slot);
            start[counts[slot] as usize] += 1;
            seen[slot / 64] |= 1 << (slot % 64);
        }
        let mut offset = 0;
        for at in start.iter_mut().rev() {
            let n = *at;
            *at = offset;
            offset += n;
        }
        let mut ranked = vec![0u16; touched.len()];
        for (w, word) in seen.iter_mut().enumerate().rev() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                let bit = 63 - bits.leading_zeros() as usize;
                bits &= !(1 << bit);
                let slot = w * 64 + bit;
                let n = std::mem::take(&mut counts[slot]) as usize;
                ranked[start[n]] = slot as u16;
                start[n] += 1;
            }
        }
        ranked
    }

    /// [`in_rank_order`] by sorting, for any counts.
    fn sorted(counts: &mut [u32], touched: &[u16]) -> Vec<u16> {
        let mut ranked: Vec<u64> = touched
            .iter()
            .map(|&slot| {
                let n = std::mem::take(&mut counts[usize::from(slot)]);
                // Count above, slot below: one number sorts as whatlang's (count, trigram).
                (u64::from(n) << 16) | u64::from(slot)
            })
            .collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        ranked.into_iter().map(|r| r as u16).collect()
    }

    /// Counts the trigrams of `lower` into `counts`, noting each slot's first count in
    /// `touched`; `false` (part counted) at the first character outside [`SYMBOLS`].
    fn count(lower: &str, counts: &mut [u32], touched: &mut Vec<u16>) -> bool {
        if lower.is_ascii() {
            // Byte by byte, without decoding characters (most mail).
            let symbols = lower.bytes().map(|b| ASCII_SYMBOLS[usize::from(b & 0x7f)]);
            count_symbols(symbols.chain(Some(Some(0))), counts, touched)
        } else {
            let symbols = lower.chars().map(trigram_char).chain(Some(' ')).map(symbol);
            count_symbols(symbols, counts, touched)
        }
    }

    /// [`symbol`] of each ASCII character, as whatlang reads it in a trigram (stop
    /// characters are spaces).
    const ASCII_SYMBOLS: [Option<usize>; 128] = {
        let mut table = [None; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8 as char;
            table[b] = symbol(trigram_char(c));
            b += 1;
        }
        table
    };

    /// [`count`] over the text's symbols, the closing space included.
    fn count_symbols(
        mut symbols: impl Iterator<Item = Option<usize>>,
        counts: &mut [u32],
        touched: &mut Vec<u16>,
    ) -> bool {
        let (mut s1, mut s2) = (0usize, 0usize);
        match symbols.next() {
            Some(Some(first)) => s2 = first,
            Some(None) => return false,
            None => {}
        }
        for s3 in symbols {
            let Some(s3) = s3 else {
                return false;
            };
            if counted_trigram(s1, s2, s3, 0) {
                let slot = (s1 << (2 * BITS)) | (s2 << BITS) | s3;
                if let Some(n) = counts.get_mut(slot) {
                    if *n == 0 {
                        touched.push(slot as u16);
                    }
                    *n = n.wrapping_add(1);
                }
            }
            s1 = s2;
            s2 = s3;
        }
        true
    }

    /// The packed trigram of a table slot.
    fn trigram(slot: u16) -> u64 {
        let mask = (1 << BITS) - 1;
        let slot = usize::from(slot);
        let at = |shift: u32| SYMBOLS[(slot >> shift) & mask];
        pack(at(2 * BITS), at(BITS), at(0))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Texts in the table's alphabet, stop characters among them, rank as the map does.
            #[test]
            fn generated_texts_rank_as_the_map_does(text in "[ a-zäéöü\u{2019}.,!?0-9\n-]{0,400}") {
                prop_assert_eq!(ranked(&text), Some(super::super::ranked_by_map(&text)));
            }

            /// A character outside the table anywhere: no ranking, and the table is clean
            /// for the next text.
            #[test]
            fn a_character_outside_the_table_leaves_it_clean(
                before in "[ a-z]{0,100}",
                outside in "[ßàèñçœ😀]",
                after in "[ a-z]{0,100}",
            ) {
                let text = format!("{before}{outside}{after}");
                prop_assert_eq!(ranked(&text), None);
                prop_assert_eq!(ranked(&after), Some(super::super::ranked_by_map(&after)));
            }
        }

        #[test]
        fn symbols_are_in_char_order_and_map_to_their_place() {
            assert!(SYMBOLS.windows(2).all(|w| w[0] < w[1]));
            for (at, &c) in SYMBOLS.iter().enumerate() {
                assert_eq!(symbol(c), Some(at));
                assert_eq!(trigram_char(c), c, "{c:?} is read as itself");
            }
            assert_eq!(symbol('ß'), None);
            for b in 0..128u8 {
                let c = trigram_char(char::from(b));
                assert_eq!(ASCII_SYMBOLS[usize::from(b)], symbol(c), "{b}");
            }
        }

        #[test]
        fn ranks_as_the_map_does() {
            for text in [
                "",
                "a",
                "thank you for your order, we hope you love it!",
                "viele grüsse aus köln, schön dass sie da sind. vielen dank für ihre bestellung.",
                "we\u{2019}re glad you\u{2019}re happy: café au lait, c\u{2019}est bien.",
                "aaaa aaaa aaaa aaaa",
                "  spaces   between   words  ",
            ] {
                assert_eq!(
                    ranked(text),
                    Some(super::super::ranked_by_map(text)),
                    "{text:?}"
                );
            }
            // A character outside the table: the caller counts with the map, and the table is
            // left clean for the next text.
            assert_eq!(ranked("straße"), None);
            assert_eq!(ranked("abc"), Some(super::super::ranked_by_map("abc")));
            let long = "the quick brown fox jumps over the lazy dog ".repeat(200);
            assert_eq!(ranked(&long), Some(super::super::ranked_by_map(&long)));
            // Counts above the buckets' limit are sorted.
            let longer = "ab ".repeat(MOST_BUCKETED + 10);
            assert_eq!(ranked(&longer), Some(super::super::ranked_by_map(&longer)));
            assert_eq!(ranked("abc"), Some(super::super::ranked_by_map("abc")));
        }
    }
}

/// whatlang's `calculate_confidence`: how far the best score is ahead of the second, relative
/// to what this much text can tell apart.
fn confidence(highest_score: f64, second_score: f64, count: usize) -> f64 {
    if highest_score == 0.0 {
        return 0.0;
    }
    if second_score == 0.0 {
        return highest_score;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (highest_score - second_score) / second_score;
    if rate > confident_rate {
        1.0
    } else {
        rate / confident_rate
    }
}

#[cfg(test)]
mod tests {
    use super::super::latin::TRIGRAM_PROFILES;
    use super::super::latin_index::PROFILE_SIZE;
    use super::*;

    /// build.rs's tables are what the copied data gives now, and the model loads them.
    #[test]
    fn the_tables_are_the_index_of_the_copied_data() {
        let built = super::super::latin_index::build().expect("the copied data matches whatlang");
        assert_eq!(built.lang_codes, tables::LANG_CODES);
        assert_eq!(built.alphabet_chars, tables::ALPHABET_CHARS);
        assert!(built
            .alphabet_langs
            .iter()
            .eq(tables::ALPHABET_LANGS.iter()));
        assert_eq!(built.trigram_slots, tables::TRIGRAM_SLOTS);
        assert_eq!(built.trigram_bits, tables::TRIGRAM_BITS);
        assert_eq!(built.postings, tables::POSTINGS);
        let model = MODEL.as_ref().expect("the tables match whatlang");
        assert_eq!(model.langs.len(), 37);
        assert_eq!(model.postings.len(), 37 * PROFILE_SIZE);
    }

    /// Every trigram of every profile is found, with its language and rank; whatlang's
    /// distance arithmetic relies on a profile naming each trigram once.
    #[test]
    fn every_profile_trigram_is_found_with_its_rank() {
        let model = MODEL.as_ref().expect("the tables match whatlang");
        for (lang, profile) in TRIGRAM_PROFILES {
            let l = model.langs.iter().position(|m| *m == lang).unwrap();
            let chars: Vec<char> = profile.chars().collect();
            let mut keys: Vec<u64> = Vec::new();
            for (rank, t) in chars.chunks_exact(3).enumerate() {
                let key = pack(t[0], t[1], t[2]);
                let found = model.trigrams.get(key).expect("a profile trigram");
                assert!(model.postings[found].contains(&(l as u16, rank as u16)));
                keys.push(key);
            }
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), PROFILE_SIZE);
        }
        assert_eq!(model.trigrams.get(pack('q', 'q', 'q')), None);
    }

    #[test]
    fn pack_keeps_the_order_of_char_tuples() {
        let mut tuples = [
            ('a', 'b', 'c'),
            ('a', 'b', ' '),
            ('é', 'a', 'a'),
            (' ', 'z', 'z'),
        ];
        let mut keys: Vec<u64> = tuples.iter().map(|&(a, b, c)| pack(a, b, c)).collect();
        tuples.sort_unstable();
        keys.sort_unstable();
        let packed: Vec<u64> = tuples.iter().map(|&(a, b, c)| pack(a, b, c)).collect();
        assert_eq!(keys, packed);
    }
}
