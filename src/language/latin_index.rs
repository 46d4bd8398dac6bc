//! Builds the inverted index [`super::latin_score`] scores with: whatlang's Latin-script
//! alphabets and trigram profiles (see [`super::latin`]) turned into lookups by character and
//! by trigram. Depends on nothing but `whatlang` and that data: `build.rs` includes this file
//! and writes the index into the binary as static tables, so that a run does not sort 11,100
//! trigrams at start-up (a tenth of a run over one example). A unit test compares the tables
//! with what this code builds now.

use super::latin::{ALPHABETS, TRIGRAM_PROFILES};
use std::collections::BTreeMap;
use whatlang::{Lang, Script};

/// Trigrams in each profile.
pub const PROFILE_SIZE: usize = 300;

/// No packed trigram is this large (three 21-bit characters take 63 bits).
pub const EMPTY: u64 = u64::MAX;

/// A trigram as one sortable number: the order of the numbers is the order of the
/// `(char, char, char)` tuples, which whatlang uses to break ties between equally frequent
/// trigrams (a `char` fits in 21 bits).
pub fn pack(a: char, b: char, c: char) -> u64 {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

/// The slot a packed trigram is first looked for in a table of `1 << bits` slots. Fibonacci
/// hashing: the top bits of a multiplication mix all bits of the key.
pub fn home(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// The index, as build.rs writes it and [`super::latin_score`] reads it.
#[derive(Debug, PartialEq, Eq)]
pub struct LatinIndex {
    /// Codes of the Latin-script languages in whatlang's order (`Script::Latin.langs()`); all
    /// the other fields refer to languages by their index here.
    pub lang_codes: Vec<&'static str>,
    /// Every character of some alphabet, sorted.
    pub alphabet_chars: Vec<char>,
    /// For each of `alphabet_chars`, the languages whose alphabet has it (once per occurrence,
    /// as whatlang counts them).
    pub alphabet_langs: Vec<Vec<u8>>,
    /// An open-addressing hash table of `1 << trigram_bits` slots (at most half full): packed
    /// trigram or [`EMPTY`], and the range of its postings.
    pub trigram_slots: Vec<(u64, u32, u32)>,
    pub trigram_bits: u32,
    /// (language index, rank in that language's profile), grouped by trigram.
    pub postings: Vec<(u16, u16)>,
}

/// The index of the copied data, or `None` when it does not name the languages whatlang has
/// (then the callers use whatlang itself).
pub fn build() -> Option<LatinIndex> {
    let langs = Script::Latin.langs();
    if langs.len() != TRIGRAM_PROFILES.len() || langs.len() != ALPHABETS.len() {
        return None;
    }
    let index = |lang: Lang| langs.iter().position(|l| *l == lang);

    let mut by_char: BTreeMap<char, Vec<u8>> = BTreeMap::new();
    for (lang, alphabet) in ALPHABETS {
        let l = u8::try_from(index(lang)?).ok()?;
        for c in alphabet.chars() {
            by_char.entry(c).or_default().push(l);
        }
    }
    let (alphabet_chars, alphabet_langs) = by_char.into_iter().unzip();

    let mut entries: Vec<(u64, u16, u16)> = Vec::with_capacity(PROFILE_SIZE * langs.len());
    for (lang, profile) in TRIGRAM_PROFILES {
        let l = u16::try_from(index(lang)?).ok()?;
        let chars: Vec<char> = profile.chars().collect();
        if chars.len() != 3 * PROFILE_SIZE {
            return None;
        }
        for (rank, t) in (0u16..).zip(chars.chunks_exact(3)) {
            entries.push((pack(t[0], t[1], t[2]), l, rank));
        }
    }
    entries.sort_unstable();
    let distinct = entries.windows(2).filter(|w| w[0].0 != w[1].0).count() + 1;
    let trigram_bits = (distinct * 2).next_power_of_two().trailing_zeros();
    let mut trigram_slots = vec![(EMPTY, 0u32, 0u32); 1 << trigram_bits];
    let mask = trigram_slots.len() - 1;
    let mut postings = Vec::with_capacity(entries.len());
    let mut group_start = 0;
    for (i, &(key, l, rank)) in entries.iter().enumerate() {
        postings.push((l, rank));
        if entries.get(i + 1).is_none_or(|next| next.0 != key) {
            let mut slot = home(key, trigram_bits);
            while trigram_slots[slot].0 != EMPTY {
                slot = (slot + 1) & mask;
            }
            trigram_slots[slot] = (
                key,
                u32::try_from(group_start).ok()?,
                u32::try_from(postings.len()).ok()?,
            );
            group_start = postings.len();
        }
    }
    Some(LatinIndex {
        lang_codes: langs.iter().map(|l| l.code()).collect(),
        alphabet_chars,
        alphabet_langs,
        trigram_slots,
        trigram_bits,
        postings,
    })
}
