//! Literal gates: the words a regex cannot match without, found by reading the pattern, so that
//! a regex is compiled and run only on texts that contain them.
//!
//! Compiling a case-insensitive, Unicode-aware regex costs far more than searching a short text
//! with it (~0.5 ms per rule pattern: `\w`, `\s` and case folding unroll into large UTF-8
//! automata). A pre-commit run lints one small file, and most rule patterns have nothing to
//! find there. A gate is a conjunction of sets of literals (`leave … review` needs `leave` and
//! `review`; `(?:parcel|package)` needs one of them); the text's index tells whether each
//! literal is there. Only when every set has one is the pattern compiled (once per process)
//! and searched.
//!
//! The analysis is conservative: a gate may let through a text the pattern does not match,
//! never the other way round. The literals are looked up ASCII-case-insensitively (see
//! [`TextIndex`]), which is exactly the case-insensitive regex's folding for ASCII letters,
//! except the two non-ASCII letters that fold to ASCII ones (`K`, KELVIN SIGN, and `ſ`, LONG
//! S): a text containing either opens every gate. Any other letter stands for every member of
//! its case class (`ü` for `ü` and `Ü`), taken from the regex crate's own tables. Digits are a
//! condition of their own: a pattern whose every match has N digits (`\d`, `[0-9]`, `0`; a
//! phone number pattern needs eight) needs a text with at least N numeric chars, and the
//! text's index counts them. A pattern the analysis cannot read (it does not parse) gets no
//! gate and is left to the compiler, which reports the error.
//!
//! A literal beside a `\b` or a `\s` in its pattern has *word edges* (`analysis::EDGE`):
//! only an occurrence with no word character just outside those ends counts, so `\bring\b`
//! stays closed on "during", and a whole word may be as short as `dm`. An alternation needs a
//! member of one set of whichever branch matched: it keeps a set for each combination of its
//! branches' most selective sets. A pattern tried on pieces of a text (sentences, windows)
//! while its gate looks at the whole text gets its literals without edges
//! ([`GateSource::of_piece_pattern`]): a piece may be cut inside a word.

mod analysis;

use crate::text_index::{edges_hold, TextIndex, WordEdges};
use analysis::{digits_needed, split_edges, without_edges};
pub use analysis::{phrase_regex, Gate};
use memchr::memmem;
use std::borrow::Cow;
use std::sync::OnceLock;

mod builtin {
    // `BUILTIN_GATES`: the gates of the built-in rules' patterns and of the crate's constant
    // patterns (see `constant_patterns.json`), computed by build.rs, their literals named by
    // index in `BUILTIN_LITERALS` (sorted).
    include!(concat!(env!("OUT_DIR"), "/builtin_gates.rs"));
}

/// A literal's index in the built-in literals, or [`NOT_BUILTIN`].
type BuiltinId = u16;
const NOT_BUILTIN: BuiltinId = BuiltinId::MAX;

/// The built-in literal of index `id`.
fn builtin_literal(id: BuiltinId) -> &'static str {
    builtin::BUILTIN_LITERALS
        .get(usize::from(id))
        .copied()
        .unwrap_or_default()
}

/// The index of `literal` among the built-in literals.
fn builtin_id(literal: &str) -> BuiltinId {
    builtin::BUILTIN_LITERALS
        .binary_search(&literal)
        .ok()
        .and_then(|at| BuiltinId::try_from(at).ok())
        .unwrap_or(NOT_BUILTIN)
}

/// Every built-in literal searched at once: in a big run (see [`crate::run_size`]) a text's
/// literals are found in one pass of this automaton over it, shared by every rule, instead of
/// one lookup per literal for each rule and language that asks (those lookups, and the bitmap
/// they start with, were ~18% of the 5,000-file run). A small run looks its few literals up
/// one by one: building the automaton (3,876 literals without their edges) would cost it more
/// than it saves.
#[derive(Debug)]
struct BuiltinLiterals {
    /// Each literal once, without its word edges (the markers that stand for digits are not
    /// searched).
    automaton: aho_corasick::AhoCorasick,
    /// The literals each of the automaton's patterns stands for, with their edges (`for`,
    /// `\u{1}for`, `\u{1}for\u{1}`…): those of pattern `p` are `members[starts[p]..starts[p + 1]]`.
    members: Vec<(BuiltinId, WordEdges)>,
    starts: Vec<u32>,
}

/// The word edges of a literal (see [`analysis::EDGE`]) and the literal without them.
fn edges_of(literal: &str) -> (WordEdges, &str) {
    let (start, core, end) = split_edges(literal);
    (WordEdges { start, end }, core)
}

impl BuiltinLiterals {
    fn get() -> Option<&'static BuiltinLiterals> {
        static SEARCH: OnceLock<Option<BuiltinLiterals>> = OnceLock::new();
        SEARCH
            .get_or_init(|| {
                let mut by_core: std::collections::BTreeMap<&str, Vec<(BuiltinId, WordEdges)>> =
                    std::collections::BTreeMap::new();
                for (at, literal) in builtin::BUILTIN_LITERALS.iter().enumerate() {
                    let Ok(id) = BuiltinId::try_from(at) else {
                        continue;
                    };
                    if digits_needed(literal).is_none() {
                        let (edges, core) = edges_of(literal);
                        by_core.entry(core).or_default().push((id, edges));
                    }
                }
                let mut members = Vec::new();
                let mut starts = vec![0];
                let literals: Vec<&str> = by_core
                    .into_iter()
                    .map(|(core, of_core)| {
                        members.extend(of_core);
                        starts.push(members.len() as u32);
                        core
                    })
                    .collect();
                // The text is searched ASCII-lowered, as the literals are written. Contiguous
                // NFA: a DFA of these literals is 23 MiB, this is 0.7 MiB (the 5,000-file
                // run's memory target leaves no room for the DFA).
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::Standard)
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .build(literals)
                    .ok()
                    .map(|automaton| BuiltinLiterals {
                        automaton,
                        members,
                        starts,
                    })
            })
            .as_ref()
    }

    /// The built-in literals in `lowered` (a text with its ASCII letters lowered), as bits by
    /// literal index.
    fn in_text(&self, lowered: &[u8]) -> Box<[u64]> {
        let mut found = vec![0u64; builtin::BUILTIN_LITERALS.len().div_ceil(64)];
        for m in self.automaton.find_overlapping_iter(lowered) {
            let pattern = m.pattern().as_usize();
            let members = match (self.starts.get(pattern), self.starts.get(pattern + 1)) {
                (Some(&start), Some(&end)) => self
                    .members
                    .get(start as usize..end as usize)
                    .unwrap_or(&[]),
                _ => &[],
            };
            for &(id, edges) in members {
                if edges == WordEdges::NONE || edges_hold(lowered, &m.range(), edges) {
                    if let Some(word) = found.get_mut(usize::from(id) / 64) {
                        *word |= 1 << (id % 64);
                    }
                }
            }
        }
        found.into_boxed_slice()
    }
}

/// The gate of a (case-insensitive) regex, as a [`GateSet`] is built from: from the table
/// build.rs made for the built-in rules and the crate's constant patterns (borrowed: a rule
/// set's gates have thousands of literals), else read from the pattern now.
#[derive(Debug)]
pub enum GateSource {
    /// Sets of built-in literals, by index.
    Table(&'static [&'static [u16]]),
    /// [`GateSource::Table`] with the literals' word edges dropped.
    TableWithoutEdges(&'static [&'static [u16]]),
    Read(Gate),
}

impl GateSource {
    /// The gate of a pattern searched on whole texts.
    pub fn of(pattern: &str) -> GateSource {
        match builtin::BUILTIN_GATES.binary_search_by(|(p, _)| (*p).cmp(pattern)) {
            Ok(at) => GateSource::Table(builtin::BUILTIN_GATES[at].1),
            Err(_) => GateSource::Read(Gate::of_regex(pattern)),
        }
    }

    /// The gate of a pattern tried on pieces of a text (sentences, windows) while the gate
    /// looks at the whole text: a piece may be cut inside a word, where the pattern's `\b`
    /// matches and the text has none, so its literals have no word edges.
    pub fn of_piece_pattern(pattern: &str) -> GateSource {
        match GateSource::of(pattern) {
            GateSource::Table(sets) | GateSource::TableWithoutEdges(sets) => {
                GateSource::TableWithoutEdges(sets)
            }
            GateSource::Read(gate) => GateSource::Read(Gate {
                sets: gate
                    .sets
                    .into_iter()
                    .map(|set| set.iter().map(|l| without_edges(l).to_string()).collect())
                    .collect(),
            }),
        }
    }
}

/// The built-in literal `id` without its word edges, and that literal's own index (build.rs
/// puts every literal's edgeless form among the built-in literals too).
fn builtin_without_edges(id: BuiltinId) -> (&'static str, BuiltinId) {
    let literal = builtin_literal(id);
    let core = without_edges(literal);
    if core.len() == literal.len() {
        (literal, id)
    } else {
        (core, builtin_id(core))
    }
}

/// The gate of a (case-insensitive) regex (see [`GateSource`]).
#[cfg(test)]
pub fn gate_of(pattern: &str) -> Gate {
    match GateSource::of(pattern) {
        GateSource::Table(sets) | GateSource::TableWithoutEdges(sets) => Gate {
            sets: sets
                .iter()
                .map(|set| {
                    set.iter()
                        .map(|&id| builtin_literal(id).to_string())
                        .collect()
                })
                .collect(),
        },
        GateSource::Read(gate) => gate,
    }
}

/// The patterns of the built-in rules and the crate's constant patterns (for tests that
/// check each of them).
#[cfg(test)]
pub fn builtin_patterns() -> impl Iterator<Item = &'static str> {
    builtin::BUILTIN_GATES.iter().map(|(pattern, _)| *pattern)
}

/// The constant patterns the crate has built in this process (see
/// [`crate::rules::lazy_regex::GatedRegex`]), for the test that keeps build.rs's list of them
/// current.
#[cfg(test)]
static CONSTANT_PATTERNS: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Notes a constant pattern of the crate (see [`CONSTANT_PATTERNS`]).
#[cfg(test)]
pub fn note_constant_pattern(pattern: &str) {
    if let Ok(mut patterns) = CONSTANT_PATTERNS.lock() {
        patterns.insert(pattern.to_string());
    }
}

/// The literals of the built-in rules' gates: words their patterns need (for tests that make
/// texts the patterns can match).
#[cfg(test)]
pub fn builtin_literals() -> impl Iterator<Item = &'static str> {
    builtin::BUILTIN_GATES
        .iter()
        .flat_map(|(_, sets)| sets.iter().flat_map(|set| set.iter()))
        .map(|&id| without_edges(builtin_literal(id)))
        .filter(|literal| digits_needed(literal).is_none())
}

/// The gates of one rule and language, with their literals interned: a text's literals are
/// looked up once per set, however many gates share them. Flat: a rule set has thousands of
/// gates, and one allocation per set made building them a measurable part of a small run.
#[derive(Debug)]
pub struct GateSet {
    /// Per gate, where its sets start in `sets` (one more entry: the end of the last gate's).
    gates: Vec<u32>,
    /// Per set, where its literal ids start in `ids` (one more entry, as in `gates`).
    sets: Vec<u32>,
    /// The literal ids of every set, set after set.
    ids: Vec<u32>,
    /// The literals by id, with their word edges (and the members that stand for digits when
    /// a gate needs them, see [`digits_needed`]). Borrowed from build.rs's table for the
    /// built-in patterns: a rule set interns thousands, and copying each was a sixth of
    /// building the gates.
    literals: Vec<Cow<'static, str>>,
    /// Each literal's index among the built-in literals, its bit in a big run's one-pass
    /// search of them (see [`BuiltinLiterals`]); `NOT_BUILTIN` for a literal of a user's rule
    /// that no built-in pattern has, and for the members that stand for digits, which the
    /// search does not look for. A run reads these bits through `one_pass`, built from them;
    /// the tests check them here.
    #[cfg(test)]
    searched: Vec<BuiltinId>,
    /// The searcher of each literal (without its word edges), made on its first lookup. Boxed: a finder is 288 bytes,
    /// and most literals are never looked up.
    finders: Vec<OnceLock<Box<memmem::Finder<'static>>>>,
    /// Each set as a big run's one-pass search answers it (see [`OnePassSets`]).
    one_pass: OnePassSets,
}

/// The sets of a [`GateSet`] as masks over the bits of a big run's one-pass search: a set of
/// seven literals is three words of those bits on average, tested a word at a time, where
/// looking its literals up one by one was 6% of a 1,000-file run (each rule asks about each of
/// its patterns on each text).
#[derive(Debug, Default)]
struct OnePassSets {
    /// Per set, where its masks start in `masks` (one more entry: the end of the last set's).
    mask_starts: Vec<u32>,
    /// `(word, bits)`: the set's literals among bits `64 * word..64 * word + 64`, one entry
    /// per word, set after set.
    masks: Vec<(u32, u64)>,
    /// Per set, where its other literals start in `others` (one more entry, as in
    /// `mask_starts`).
    other_starts: Vec<u32>,
    /// The ids of the literals the one pass does not search for (a user's own literals, the
    /// members that stand for digits), set after set: looked up one by one.
    others: Vec<u32>,
}

impl OnePassSets {
    /// `sets` and `ids` as in [`GateSet`]; `searched` each literal's bit.
    fn new(sets: &[u32], ids: &[u32], searched: &[BuiltinId]) -> OnePassSets {
        let mut one_pass = OnePassSets::default();
        for bounds in sets.windows(2) {
            one_pass.mask_starts.push(one_pass.masks.len() as u32);
            one_pass.other_starts.push(one_pass.others.len() as u32);
            let first_mask = one_pass.masks.len();
            for &id in ids
                .get(bounds[0] as usize..bounds[1] as usize)
                .unwrap_or(&[])
            {
                match searched.get(id as usize) {
                    Some(&bit) if bit != NOT_BUILTIN => {
                        let (word, bit) = (u32::from(bit / 64), 1u64 << (bit % 64));
                        match one_pass.masks[first_mask..]
                            .iter_mut()
                            .find(|(w, _)| *w == word)
                        {
                            Some((_, bits)) => *bits |= bit,
                            None => one_pass.masks.push((word, bit)),
                        }
                    }
                    _ => one_pass.others.push(id),
                }
            }
        }
        one_pass.mask_starts.push(one_pass.masks.len() as u32);
        one_pass.other_starts.push(one_pass.others.len() as u32);
        one_pass
    }

    /// The masks and the other literals of set `set`.
    fn of(&self, set: usize) -> (&[(u32, u64)], &[u32]) {
        let range = |starts: &[u32]| match (starts.get(set), starts.get(set + 1)) {
            (Some(&start), Some(&end)) => start as usize..end as usize,
            _ => 0..0,
        };
        (
            self.masks.get(range(&self.mask_starts)).unwrap_or(&[]),
            self.others.get(range(&self.other_starts)).unwrap_or(&[]),
        )
    }
}

/// Which literals of a [`GateSet`] a text contains, looked up as gates ask (most gates close
/// on their first set, so most literals are never looked up).
#[derive(Debug)]
pub struct Present<'t> {
    index: &'t TextIndex,
    /// Per literal the bits of a big run's search do not answer for: 0 not looked up yet, 1
    /// present, 2 absent. Made on the first such lookup: in a big run most texts need none,
    /// and making it for each rule, language and text was ~1% of the run.
    found: std::cell::OnceCell<Box<[std::cell::Cell<u8>]>>,
    /// How many literals the gate set has.
    literal_count: usize,
    /// The text has a letter that folds to ASCII: every gate opens.
    all: bool,
    /// A big run's search for every built-in literal at once (see [`BuiltinLiterals`]).
    builtin_search: Option<&'static BuiltinLiterals>,
}

impl Present<'_> {
    /// The alphabet the text is made of (see [`crate::alphabet`]).
    pub fn alphabet(&self) -> crate::alphabet::Alphabet {
        self.index.alphabet()
    }

    /// Looks literal `id` up in the text, once: every literal of a small run, and in a big
    /// run those its one pass does not search for (a big run reads the others' bits through
    /// [`OnePassSets`]).
    fn has(&self, gates: &GateSet, id: usize) -> bool {
        let found = self
            .found
            .get_or_init(|| vec![std::cell::Cell::new(0); self.literal_count].into_boxed_slice());
        let Some(slot) = found.get(id) else {
            return true;
        };
        match slot.get() {
            1 => true,
            2 => false,
            _ => {
                let found = match (gates.literals.get(id), gates.finders.get(id)) {
                    // Only the members that stand for digits start with NUL.
                    (Some(lit), _) if lit.starts_with('\0') => {
                        digits_needed(lit).is_none_or(|n| self.index.numeric_chars() >= n)
                    }
                    (Some(lit), Some(finder)) => {
                        let (edges, core) = edges_of(lit);
                        self.index.contains_found_by(core.as_bytes(), edges, || {
                            finder.get_or_init(|| {
                                Box::new(memmem::Finder::new(core.as_bytes()).into_owned())
                            })
                        })
                    }
                    _ => true,
                };
                slot.set(if found { 1 } else { 2 });
                found
            }
        }
    }
}

/// FNV-1a: the literals of a rule set are a few thousand short words from our own rule files,
/// where SipHash's defence against chosen collisions costs more than the rest of interning.
#[derive(Default)]
struct LiteralHasher(u64);

impl std::hash::Hasher for LiteralHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The sets and literals of a [`GateSet`] being built.
#[derive(Default)]
struct Interned<'g> {
    /// Built-in literals by index (hashing two bytes, not the literal).
    by_builtin:
        std::collections::HashMap<BuiltinId, u32, std::hash::BuildHasherDefault<LiteralHasher>>,
    /// Other literals (a user's rules') by text.
    by_literal:
        std::collections::HashMap<&'g str, u32, std::hash::BuildHasherDefault<LiteralHasher>>,
    literals: Vec<Cow<'static, str>>,
    builtin: Vec<BuiltinId>,
    sets: Vec<u32>,
    ids: Vec<u32>,
}

impl<'g> Interned<'g> {
    /// Adds a set of literals: `key` is a literal's text, `own` what the set keeps of it
    /// (borrowed when it can be), `builtin` its index among the built-in literals.
    fn add_set<T: Copy>(
        &mut self,
        literals: impl Iterator<Item = T>,
        key: impl Fn(T) -> &'g str,
        own: impl Fn(T) -> Cow<'static, str>,
        builtin: impl Fn(T) -> BuiltinId,
    ) {
        self.sets.push(self.ids.len() as u32);
        for literal in literals {
            let builtin = builtin(literal);
            let (literals, builtins) = (&mut self.literals, &mut self.builtin);
            let add = || {
                literals.push(own(literal));
                builtins.push(builtin);
                literals.len() as u32 - 1
            };
            let id = if builtin == NOT_BUILTIN {
                *self.by_literal.entry(key(literal)).or_insert_with(add)
            } else {
                *self.by_builtin.entry(builtin).or_insert_with(add)
            };
            self.ids.push(id);
        }
    }
}

impl GateSet {
    /// Interns the gates; [`GateSet::opens`] takes the index of a gate in `gates`.
    pub fn new(gates: &[GateSource]) -> GateSet {
        let mut interned = Interned::default();
        let mut set_starts = Vec::with_capacity(gates.len() + 1);
        for gate in gates {
            set_starts.push(interned.sets.len() as u32);
            match gate {
                GateSource::Table(sets) => {
                    for set in *sets {
                        interned.add_set(
                            set.iter().copied(),
                            |id| -> &str { builtin_literal(id) },
                            |id| Cow::Borrowed(builtin_literal(id)),
                            |id| id,
                        );
                    }
                }
                GateSource::TableWithoutEdges(sets) => {
                    for set in *sets {
                        interned.add_set(
                            set.iter().map(|&id| builtin_without_edges(id)),
                            |(core, _)| core,
                            |(core, _)| Cow::Borrowed(core),
                            |(_, id)| id,
                        );
                    }
                }
                GateSource::Read(gate) => {
                    for set in &gate.sets {
                        interned.add_set(
                            set.iter(),
                            String::as_str,
                            |l| Cow::Owned(l.clone()),
                            |l| builtin_id(l),
                        );
                    }
                }
            }
        }
        set_starts.push(interned.sets.len() as u32);
        interned.sets.push(interned.ids.len() as u32);
        let finders = interned.literals.iter().map(|_| OnceLock::new()).collect();
        let searched: Vec<BuiltinId> = interned
            .literals
            .iter()
            .zip(&interned.builtin)
            .map(|(literal, &id)| match digits_needed(literal) {
                Some(_) => NOT_BUILTIN,
                None => id,
            })
            .collect();
        GateSet {
            one_pass: OnePassSets::new(&interned.sets, &interned.ids, &searched),
            gates: set_starts,
            sets: interned.sets,
            ids: interned.ids,
            literals: interned.literals,
            #[cfg(test)]
            searched,
            finders,
        }
    }

    /// The literals of the text of `index`, looked up on demand.
    pub fn scan<'t>(&self, index: &'t TextIndex) -> Present<'t> {
        self.present(index, !crate::run_size::is_small_run())
    }

    /// [`GateSet::scan`] for a gate set of a few literals asked about a text that no other
    /// gate set asks about (a constant pattern of the crate on a paragraph): its literals are
    /// looked up one by one, in any run. The one pass of a big run finds all 3,876 built-in
    /// literals, which costs more than a few lookups: the verdict's not-topic words, asked of
    /// every paragraph, paid it for each.
    pub fn scan_own<'t>(&self, index: &'t TextIndex) -> Present<'t> {
        self.present(index, false)
    }

    fn present<'t>(&self, index: &'t TextIndex, one_pass: bool) -> Present<'t> {
        Present {
            index,
            found: std::cell::OnceCell::new(),
            literal_count: self.literals.len(),
            all: index.folds_to_ascii(),
            builtin_search: if one_pass {
                BuiltinLiterals::get()
            } else {
                None
            },
        }
    }

    /// Could the pattern of gate `index` match the text `present` was scanned from?
    pub fn opens(&self, index: usize, present: &Present<'_>) -> bool {
        if present.all {
            return true;
        }
        let (Some(&first), Some(&end)) = (self.gates.get(index), self.gates.get(index + 1)) else {
            return true;
        };
        if let Some(search) = present.builtin_search {
            return (first..end).all(|set| {
                let (masks, others) = self.one_pass.of(set as usize);
                let in_one_pass = !masks.is_empty() && {
                    let found = present.index.found_once(|lowered| search.in_text(lowered));
                    masks.iter().any(|&(word, bits)| {
                        found.get(word as usize).is_some_and(|w| w & bits != 0)
                    })
                };
                in_one_pass || others.iter().any(|&id| present.has(self, id as usize))
            });
        }
        (first..end).all(|set| {
            let ids = match (self.sets.get(set as usize), self.sets.get(set as usize + 1)) {
                (Some(&start), Some(&end)) => self.ids.get(start as usize..end as usize),
                _ => None,
            };
            ids.is_none_or(|ids| ids.iter().any(|&id| present.has(self, id as usize)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(pattern: &str) -> Vec<Vec<String>> {
        Gate::of_regex(pattern).sets
    }

    fn opens(pattern: &str, text: &str) -> bool {
        let set = GateSet::new(&[GateSource::Read(Gate::of_regex(pattern))]);
        set.opens(0, &set.scan(&TextIndex::new(text)))
    }

    /// build.rs computes the gates of the crate's constant patterns from the list in
    /// `constant_patterns.json`, since it cannot run the code that builds them. The list must
    /// hold every constant pattern the crate builds, or the run reads that pattern's gate at
    /// start-up (correct, but slower): linting every corpus case, example and fixture builds
    /// them all. `SELLERLINT_BLESS=1 cargo test --lib constant_pattern` rewrites the list.
    #[test]
    fn the_constant_pattern_list_is_current() {
        use crate::lint::{lint_source, Settings};
        use crate::profile::Profile;
        use crate::rules::registry::Registry;
        use crate::source::SourceFile;
        const LIST: &str = "src/rules/literal_gate/constant_patterns.json";

        let settings = Settings::new(Profile::named("amazon").unwrap());
        let mut stack: Vec<std::path::PathBuf> =
            ["../shared/corpus/cases", "examples", "tests/fixtures"]
                .into_iter()
                .map(Into::into)
                .collect();
        let mut linted = 0;
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                lint_source(
                    SourceFile::new(path.display().to_string(), text),
                    Registry::builtin(),
                    &settings,
                );
                linted += 1;
            }
        }
        assert!(linted > 100, "only {linted} files linted");
        let built: Vec<String> = CONSTANT_PATTERNS.lock().unwrap().iter().cloned().collect();
        let mut listed = serde_json::to_string_pretty(&built).unwrap();
        listed.push('\n');
        if std::env::var_os("SELLERLINT_BLESS").is_some() {
            // build.rs reads the list: the table has the new patterns from the next build on.
            std::fs::write(LIST, &listed).unwrap();
            return;
        }
        assert!(
            built.len() > 10,
            "only {} constant patterns built",
            built.len()
        );
        assert!(
            std::fs::read_to_string(LIST).unwrap() == listed,
            "{LIST} does not list the constant patterns the crate builds: \
             run `SELLERLINT_BLESS=1 cargo test --lib constant_pattern` and commit the list"
        );
        for pattern in &built {
            assert!(
                builtin_patterns().any(|p| p == pattern),
                "{pattern} has no gate in the table"
            );
        }
    }

    /// The table build.rs made holds what reading the patterns now gives.
    #[test]
    fn the_builtin_gate_table_is_what_the_analysis_gives() {
        assert!(builtin::BUILTIN_GATES.len() > 100);
        assert!(builtin::BUILTIN_GATES.windows(2).all(|w| w[0].0 < w[1].0));
        for (pattern, _) in builtin::BUILTIN_GATES {
            assert_eq!(gate_of(pattern), Gate::of_regex(pattern), "{pattern}");
        }
    }

    /// Sets written with `|` for a word edge (see [`analysis::EDGE`]).
    fn shown(sets: Vec<Vec<String>>) -> Vec<Vec<String>> {
        sets.into_iter()
            .map(|set| set.into_iter().map(|l| l.replace('\u{1}', "|")).collect())
            .collect()
    }

    #[test]
    fn words_of_a_concatenation_are_each_required() {
        assert_eq!(
            shown(sets(r"\bleave\s+a\s+review\b")),
            vec![vec!["|review|".to_string()], vec!["|leave|".to_string()]]
        );
    }

    #[test]
    fn an_alternation_requires_one_of_its_branches() {
        assert_eq!(
            shown(sets(r"\b(?:parcel|package)\b")),
            vec![vec!["|package|".to_string(), "|parcel|".to_string()]]
        );
        // A branch that needs nothing makes the alternation need nothing.
        assert!(sets(r"(?:parcel|\w+)").is_empty());
    }

    /// Each set of an alternation takes one set of each branch, so that a branch's rare word
    /// is not lost for its common one.
    #[test]
    fn an_alternation_combines_the_sets_of_its_branches() {
        let pattern = r"\b(?:off|discount on)\s+your\s+next\s+order\b|\byour next purchase\b";
        let gate = shown(sets(pattern));
        assert!(
            gate.contains(&vec![
                "|discount on|".to_string(),
                "|off|".to_string(),
                "|your next purchase|".to_string(),
            ]),
            "{gate:?}"
        );
        assert!(!opens(
            pattern,
            "Thank you for your order, we hope you like your next one"
        ));
        assert!(opens(pattern, "Get 20% OFF your next order"));
        assert!(opens(pattern, "Save on your next purchase"));
    }

    /// A `\b` or `\s` beside a word makes the literal count only as a word of the text.
    #[test]
    fn a_literal_beside_a_word_boundary_counts_only_as_a_word() {
        assert!(!opens(r"\bring\b", "during the offering"));
        for text in ["a ring", "Ring!", "ring", "(ring)", "e-ring", "—ring—"] {
            assert!(opens(r"\bring\b", text), "{text}");
        }
        // `é` is a word character to a Unicode `\b`: "éring" has no word "ring".
        assert!(!opens(r"\bring\b", "éring"));
        assert!(opens(r"\bring\b", "ring é"));
        // `(?-u)` makes `\b` see only ASCII words: there "éring" has it, so no edges.
        assert!(opens(r"(?-u:\b)ring", "éring"));
        assert!(opens(r"(?i-u)\bring", "éring"));
        // Whitespace beside a word is an edge too; beside a symbol it says nothing.
        assert!(!opens(r"off\s+your", "offer your"));
        assert!(opens(r"off\s+your", "20% off\tyour"));
        assert_eq!(shown(sets(r"ring-\s")), vec![vec!["ring-".to_string()]]);
        assert_eq!(shown(sets(r"\b-ring")), vec![vec!["-ring".to_string()]]);
        // A whole word may be two letters: "dm" is rare, a "dm" inside "admin" is not.
        assert_eq!(shown(sets(r"\bdm\b")), vec![vec!["|dm|".to_string()]]);
        assert!(!opens(r"\bdm\b", "ask the admin"));
        assert!(opens(r"\bdm\b", "send a DM"));
        assert!(sets(r"\bdm").is_empty());
    }

    /// A pattern tried on pieces of a text (a window may start inside a word) keeps its
    /// literals but not their edges.
    #[test]
    fn a_piece_pattern_has_no_word_edges() {
        let table = builtin_patterns()
            .find(|p| {
                gate_of(p)
                    .sets
                    .iter()
                    .flatten()
                    .any(|l| l.contains(analysis::EDGE))
            })
            .expect("some built-in pattern has word edges");
        for pattern in [table, r"\bzyzzyva\b"] {
            let set = GateSet::new(&[GateSource::of_piece_pattern(pattern)]);
            assert!(!set.literals.is_empty(), "{pattern}");
            for (literal, &id) in set.literals.iter().zip(&set.searched) {
                assert!(!literal.contains(analysis::EDGE), "{pattern}: {literal:?}");
                if digits_needed(literal).is_none() {
                    assert_eq!(id, builtin_id(literal), "{literal}");
                }
            }
        }
        let set = GateSet::new(&[GateSource::of_piece_pattern(r"\bzyzzyva\b")]);
        assert!(set.opens(0, &set.scan(&TextIndex::new("xzyzzyvax"))));
    }

    /// The word edges close a built-in pattern's gate only on texts the pattern does not
    /// match: every corpus case, example and fixture (whole files and each line) whose
    /// literals open a gate without edges and not with them.
    #[test]
    fn word_edges_never_close_a_gate_on_a_match() {
        let files = crate::test_support::corpus_files();
        let texts = crate::test_support::files_and_lines(&files);
        let indexes: Vec<TextIndex> = texts.iter().map(|t| TextIndex::new(t)).collect();
        let (mut patterns, mut closed) = (0, 0);
        for (pattern, _) in builtin::BUILTIN_GATES {
            let edged = GateSet::new(&[GateSource::of(pattern)]);
            if !edged.literals.iter().any(|l| l.contains(analysis::EDGE)) {
                continue;
            }
            let edgeless = GateSet::new(&[GateSource::of_piece_pattern(pattern)]);
            let closed_by_edges: Vec<&str> = texts
                .iter()
                .zip(&indexes)
                .filter(|(_, index)| {
                    edgeless.opens(0, &edgeless.scan(index)) && !edged.opens(0, &edged.scan(index))
                })
                .map(|(text, _)| *text)
                .collect();
            if closed_by_edges.is_empty() {
                continue;
            }
            patterns += 1;
            closed += closed_by_edges.len();
            let re = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap();
            for text in closed_by_edges {
                assert!(!re.is_match(text), "gate of {pattern:?} closed on {text:?}");
            }
        }
        assert!(
            patterns >= 20 && closed >= 1_000,
            "edges closed only {closed} gates of {patterns} patterns"
        );
    }

    #[test]
    fn optional_parts_and_small_classes_expand() {
        assert_eq!(
            sets(r"5[- ]?stars?"),
            vec![
                ["5 star", "5 stars", "5-star", "5-stars", "5star", "5stars"]
                    .map(String::from)
                    .to_vec()
            ]
        );
    }

    #[test]
    fn other_letters_are_expanded_to_their_case_class() {
        assert_eq!(
            sets("prüfen"),
            vec![vec!["prÜfen".to_string(), "prüfen".to_string()]]
        );
        assert!(opens("prüfen", "Bitte PRÜFEN Sie"));
        assert!(!opens("prüfen", "Bitte pruefen Sie"));
        // Japanese has no case: the literal is kept as it is.
        assert_eq!(sets("レビュー"), vec![vec!["レビュー".to_string()]]);
    }

    #[test]
    fn a_digit_class_needs_a_numeric_char() {
        let pattern = r"\b0[1-9](?:[\s.]\d{2}){4}\b";
        assert!(!opens(pattern, "Hi there"));
        assert!(opens(pattern, "Tel 01 23 45 67 89"));
        // Any Unicode digit, as `\d` matches them: fullwidth ０ too.
        assert!(opens(r"\d{3}", "電話 ０３１"));
        // A symbol is selective alone.
        assert!(!opens(r"\+\s?\d", "plus 12"));
        assert!(opens(r"\+\s?\d", "+49 30"));
    }

    #[test]
    fn a_pattern_needing_many_digits_needs_that_many_numeric_chars() {
        let phone = r"(?:\(0\d{1,4}\)|\b0\d{2,4})\s\d{3,4}\s?\d{3,4}\b";
        assert_eq!(sets(phone), vec![vec!["\u{0}digits:8".to_string()]]);
        assert!(!opens(phone, "Order 12, 5 stars, 10 € off"));
        assert!(opens(phone, "Call 030 1234 5678"));
        // Seven digits are not enough, wherever they are; eight anywhere open the gate.
        assert!(!opens(phone, "030 123 4"));
        assert!(opens(phone, "030 123 4, 5"));
        // Any numeric char counts: fullwidth digits too.
        assert!(opens(phone, "０３０ １２３４ ５６７８"));
        // Digits in literals and digit classes count; a branch without digits makes none
        // needed, and an optional part adds none.
        assert_eq!(sets(r"0[1-9]\d"), vec![vec!["\u{0}digits:3".to_string()]]);
        assert_eq!(
            sets(r"(?:\d{5}|five)\b"),
            vec![vec!["\u{0}digit".to_string(), "five".to_string()]]
        );
        assert_eq!(sets(r"\d(?:-\d{4})?"), vec![vec!["\u{0}digit".to_string()]]);
    }

    /// No built-in pattern's digit count closes its gate on a corpus case, example or fixture
    /// (whole texts and each line) that the pattern matches.
    #[test]
    fn digit_counts_never_close_a_gate_on_a_match() {
        let files = crate::test_support::corpus_files();
        let texts = crate::test_support::files_and_lines(&files);
        let mut counted = 0;
        for (pattern, gate) in builtin::BUILTIN_GATES {
            if !gate
                .iter()
                .flat_map(|set| set.iter())
                .map(|&id| builtin_literal(id))
                .any(|lit| digits_needed(lit).is_some_and(|n| n > 1))
            {
                continue;
            }
            counted += 1;
            let re = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap();
            for text in &texts {
                if re.is_match(text) {
                    assert!(
                        opens(pattern, text),
                        "gate of {pattern:?} closed on {text:?}"
                    );
                }
            }
        }
        assert!(counted >= 10, "only {counted} patterns need several digits");
    }

    /// A big run's one pass finds exactly the built-in literals that looking each up finds,
    /// in every corpus case, example and fixture (whole files and each line).
    #[test]
    fn the_one_pass_search_finds_each_builtin_literal_a_lookup_finds() {
        let Some(search) = BuiltinLiterals::get() else {
            panic!("the built-in literals do not build into one automaton")
        };
        let files = crate::test_support::corpus_files();
        let texts: Vec<&str> = files
            .iter()
            .flat_map(|t| std::iter::once(t.as_str()).chain(t.lines().step_by(7)))
            .collect();
        let mut present = 0;
        for text in texts {
            let index = TextIndex::new(text);
            let found = index.found_once(|lowered| search.in_text(lowered));
            for (id, literal) in builtin::BUILTIN_LITERALS.iter().enumerate() {
                let bit = found[id / 64] & (1 << (id % 64)) != 0;
                let (edges, core) = edges_of(literal);
                let looked_up =
                    digits_needed(literal).is_none() && index.contains_with_edges(core, edges);
                assert_eq!(bit, looked_up, "{literal:?} in {text:?}");
                present += usize::from(bit);
            }
        }
        assert!(present > 10_000, "only {present} literals found");
    }

    /// Each literal of a gate set knows its bit in a big run's one-pass search (its index
    /// among the built-in literals; none for the members that stand for digits), whether its
    /// gate came from build.rs's table or was read from a pattern.
    #[test]
    fn gate_sets_know_the_search_bit_of_their_literals() {
        let sources: Vec<GateSource> = builtin_patterns()
            .take(50)
            .map(GateSource::of)
            .chain([
                GateSource::Read(Gate::of_regex(r"\bleave\s+a\s+review\b")),
                GateSource::Read(Gate::of_regex(r"\bzyzzyvas\b")),
            ])
            .collect();
        let set = GateSet::new(&sources);
        assert_eq!(set.literals.len(), set.searched.len());
        for (literal, &id) in set.literals.iter().zip(&set.searched) {
            let expected = match digits_needed(literal) {
                Some(_) => NOT_BUILTIN,
                None => builtin_id(literal),
            };
            assert_eq!(id, expected, "{literal}");
        }
        assert!(set.literals.iter().any(|l| l == "\u{1}review\u{1}"));
        assert!(
            set.searched.contains(&NOT_BUILTIN),
            "zyzzyvas is no built-in literal"
        );
    }

    /// Asked through a big run's one-pass search (a set as masks over its bits), every gate
    /// opens exactly where looking its literals up one by one opens it: built-in patterns,
    /// a user's literals the search does not know, and patterns that need digits, on every
    /// corpus case, example and fixture (whole files and lines).
    #[test]
    fn the_one_pass_answers_as_the_lookups_do() {
        let sources: Vec<GateSource> = builtin_patterns()
            .map(GateSource::of)
            .chain(
                [
                    r"\bleave\s+a\s+(?:review|zyzzyva)\b",
                    r"\bzyzzyvas\b|\bfeedback\b",
                    r"\+\s?\d{1,3}(?:[\s.\-/]?\(?\d{1,4}\)?){2,5}\d",
                    r"\border\b.{0,20}\d{3}-\d{7}",
                ]
                .map(|p| GateSource::Read(Gate::of_regex(p))),
            )
            .collect();
        let set = GateSet::new(&sources);
        assert!(set.searched.contains(&NOT_BUILTIN));
        let files = crate::test_support::corpus_files();
        let (mut opened, mut closed) = (0, 0);
        for text in files
            .iter()
            .flat_map(|t| std::iter::once(t.as_str()).chain(t.lines().step_by(5)))
        {
            let index = TextIndex::new(text);
            let (by_one_pass, looked_up) = (set.present(&index, true), set.present(&index, false));
            assert!(by_one_pass.builtin_search.is_some());
            for gate in 0..sources.len() {
                let open = set.opens(gate, &by_one_pass);
                assert_eq!(open, set.opens(gate, &looked_up), "gate {gate} on {text:?}");
                if open {
                    opened += 1;
                } else {
                    closed += 1;
                }
            }
        }
        assert!(
            opened > 1_000 && closed > 100_000,
            "{opened} opened, {closed} closed"
        );
    }

    #[test]
    fn a_gate_opens_exactly_when_its_literals_are_there() {
        let pattern = r"\bleave\s+(?:us\s+)?a\s+review\b";
        assert!(opens(pattern, "Please LEAVE us a Review!"));
        assert!(!opens(pattern, "Please leave a comment."));
        assert!(!opens(pattern, "Read the review."));
        // Ungated patterns always open.
        assert!(opens(r"\w+", "anything"));
        assert!(opens(r"[", "a pattern that does not parse has no gate"));
    }

    #[test]
    fn letters_folding_to_ascii_open_every_gate() {
        // The regex matches "\u{212A}ind" for "kind" case-insensitively: so must the gate.
        let pattern = "kindly review";
        assert!(!opens(pattern, "please review"));
        assert!(opens(pattern, "\u{212A}indly review"));
        assert!(opens(pattern, "\u{017F}ome text"));
    }

    /// The gate is a superset of the regex on every text of a sample: it never closes on a
    /// text the regex matches.
    #[test]
    fn a_gate_never_closes_on_a_match() {
        let patterns = [
            r"\b(?:did|has|have)\s+(?:your|the)\s+[\w\s-]{0,30}?(?:arrive|arrived)\b",
            r"\b(?:5|five)[- ]?stars?\b",
            r"\bBewertung(?:en)?\b",
            r"(?:Über|über)prüfen",
            r"レビュー(?:を|の)",
            r"(?x) leave \s+ a \s+ review",
            r"\bout of (?:stock|order)\b|\bsold out\b",
            r"(?i:K)elvin|(?-i:Stars)",
            r"\b(?:grüße|gruß)\b",
            r"\+\s?\d{1,3}(?:[\s.\-/]?\(?\d{1,4}\)?){2,5}\d",
            r"ΣΟΦΙΑ|straße",
            r"\b0[1-9](?:[\s.]\d{2}){4}\b",
            r"(?:^|[^0-9])\d{3}-\d{7}-\d{7}(?:[^0-9]|$)",
        ];
        let texts = [
            "Has your new lamp arrived yet?",
            "HAVE THE BOOKS ARRIVED",
            "Give us 5-Stars please, FIVE STAR rating",
            "Eine Bewertung hilft uns.",
            "Bitte ÜBERPRÜFEN Sie",
            "レビューをお願いします",
            "please LEAVE a   REVIEW",
            "sorry, SOLD OUT and out of stock",
            "KELVIN stars",
            "Viele GRÜSSE und Grüße, GRUSS",
            "Ruf an: +49 (30) 1234 5678",
            "σοφια on the STRAẞE",
            "Tél. 01 23 45 67 89, commande 112-1234567-1234567",
            "nothing to see",
        ];
        for p in patterns {
            let re = regex::RegexBuilder::new(p).case_insensitive(true).build();
            let Ok(re) = re else {
                panic!("test pattern {p} does not compile")
            };
            for t in texts {
                if re.is_match(t) {
                    assert!(opens(p, t), "gate of {p:?} closed on {t:?}");
                }
            }
        }
    }
}
