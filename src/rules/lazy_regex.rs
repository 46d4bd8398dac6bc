//! A rule's regex as the matching code holds it: written case-insensitive, compiled on first
//! need, and only needed for a text that opens its literal gate (see [`super::literal_gate`]).
//!
//! A run over one English file thus compiles only the few patterns whose words the file has:
//! compiling every pattern of a rule set costs ~100 ms, which a pre-commit hook would pay on
//! every commit. In a small run (see [`crate::run_size`]) compilation is in two tiers, like a
//! JIT: first only the forward NFA, searched by the bounded backtracker or the PikeVM (about
//! 40% of the full compile, and quick enough on the few texts of a small run; see
//! [`NfaSearch`]); once a pattern has searched [`FULL_AFTER`] bytes, the full regex (lazy
//! DFA, prefilters) replaces it, with its word-boundary guard for non-ASCII texts (see
//! [`super::guard`]). A bigger run builds the full regex at once: there most opened patterns
//! reach [`FULL_AFTER`] anyway, and the PikeVM's first 64 KiB of each cost more than the
//! compile it saved (a run over 20 generated files took 1.31G instructions with the first
//! tier, 0.89G without; 200 files 4.78G against 2.14G). Both tiers are the `regex-automata`
//! engines the `regex` crate wraps, so they find the same matches; they are compiled narrowed
//! to the alphabet of seller mail for texts within it (ASCII ones too), as written for the
//! rest (see [`crate::alphabet`]). The first tier of a small run has two more spellings: for
//! ASCII texts, narrowed to ASCII (for a pattern of a user's rule file, `regex-lite`, which
//! finds the same matches there and compiles without Unicode tables; see [`compile`]); for
//! Latin texts (German, French… mail), narrowed to the Latin blocks, whose automata are
//! smaller (the German example: 32.7M instructions → 28.9M).
//!
//! Each distinct pattern is compiled once per process, whichever rules share it (see
//! `Compilations`). A built-in pattern's first-tier NFAs and its narrowed HIR come from
//! build.rs (see [`super::prebuilt`]): it is not parsed at run time.

use crate::alphabet::{self, Alphabet};
use crate::rules::guard::{guarded_search, Guard};
use crate::rules::literal_gate::{GateSet, GateSource, Present};
use crate::rules::prebuilt;
use crate::text_index::TextIndex;
use regex::{Regex, RegexBuilder};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::{self, pikevm, pikevm::PikeVM, NFA};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::{meta, Input, Match};
use regex_syntax::hir::Hir;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Texts up to this size are indexed for the gate of a [`GatedRegex`]; longer ones are searched.
const GATE_TEXTS_UP_TO: usize = 1 << 20;

/// Bytes a pattern searches with its first tier before its full regex is built (in a small
/// run: a bigger one has no first tier).
pub const FULL_AFTER: usize = 64 << 10;

/// Regexes in rule files may not compile to more than this (guards against pathological packs).
pub const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// Compiles a pattern as rule files mean it: case-insensitive, within the size limit.
pub fn case_insensitive(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| regex_error_in_words(&e))
}

/// A regex error on one line: the `regex` crate's message is a multi-line drawing.
pub fn regex_error_in_words(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => format!(
            "the pattern is too large once compiled (over {} MiB): use smaller repetition counts or fewer alternatives",
            limit >> 20
        ),
        other => {
            let text = other.to_string();
            let what = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("error: "))
                .unwrap_or_else(|| text.lines().last().unwrap_or("invalid pattern"));
            format!("invalid regex: {}", what.trim())
        }
    }
}

/// A pattern as shown in an error: its first 60 characters.
pub fn shorten(pattern: &str) -> String {
    match pattern.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &pattern[..i]),
        None => pattern.to_string(),
    }
}

/// One pattern of a rule, compiled on first need.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    /// What the pattern is in its rule (`pattern`, `exception`, "in `near`"), for errors.
    role: Box<str>,
    /// Index of its gate in the [`GateSet`] of its rule and language.
    gate: usize,
    /// Searched with its word-boundary-free superset on non-ASCII texts (see
    /// [`Compilations::guard`]).
    guarded: bool,
    /// The pattern's compilations, shared with every other rule's `LazyRegex` of the same
    /// pattern (see [`shared_compilations`]); looked up on the first text that opens its gate.
    compilations: OnceLock<Arc<Compilations>>,
}

/// Everything compiled for one pattern, on first need. Rules share patterns (the review
/// words `\b\w*(?:bewertung|rezension)\w*|\bfeedback\b` are in three German rules): one
/// compilation serves them all, and a big run keeps one set of automata and caches for each.
#[derive(Debug, Default)]
struct Compilations {
    /// A word-boundary-free superset, for non-ASCII texts (only patterns searched on whole
    /// texts use it).
    guard: Guard,
    /// The first tier for ASCII texts, in a small run (see [`crate::run_size`]): the NFA of a
    /// built-in pattern, `regex-lite` for others (see [`compile`]).
    quick_ascii: OnceLock<Option<Compiled>>,
    /// The first tier for other texts: the NFA alone.
    quick: Tier<NfaSearch>,
    /// The second tier: the full regex.
    full: Tier<meta::Regex>,
    /// Bytes searched so far, to decide when the full regex pays off.
    searched: AtomicUsize,
}

/// The compilations of `pattern`, one per process (see [`Compilations`]).
fn shared_compilations(pattern: &str) -> Arc<Compilations> {
    static SHARED: OnceLock<Mutex<HashMap<Box<str>, Arc<Compilations>>>> = OnceLock::new();
    let shared = SHARED.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked while holding it; the map is intact.
    let mut shared = shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = shared.get(pattern) {
        return Arc::clone(found);
    }
    let made = Arc::new(Compilations::default());
    shared.insert(pattern.into(), Arc::clone(&made));
    made
}

/// One tier of a pattern in its two `regex-automata` spellings, each compiled on first need
/// (see [`crate::alphabet`]): narrowed to the alphabet of seller mail, for texts within it
/// (ASCII ones too: as exact on them, and several times smaller and quicker to build than as
/// written), and as written, for the rest.
#[derive(Debug)]
struct Tier<T> {
    /// `None` inside: the pattern does not compile.
    narrow: OnceLock<Option<T>>,
    wide: OnceLock<Option<T>>,
    /// Narrowed to seller mail's Latin blocks, for Latin texts (the first tier only).
    latin: OnceLock<Option<T>>,
}

impl<T> Default for Tier<T> {
    fn default() -> Self {
        Tier {
            narrow: OnceLock::new(),
            wide: OnceLock::new(),
            latin: OnceLock::new(),
        }
    }
}

impl<T> Tier<T> {
    /// The tier's compiled pattern for a text (or a part of one) made of `alphabet`, compiled
    /// by `compile` for the spelling's alphabet. Latin texts have their own spelling when
    /// `spell_latin` (the first tier: a small run compiles for few texts, and the Latin
    /// spelling compiles in less); otherwise they share the seller-mail one, as ASCII texts
    /// do (a big run keeps one set of automata and caches per pattern).
    fn get(
        &self,
        alphabet: Alphabet,
        spell_latin: bool,
        compile: impl FnOnce(Alphabet) -> Option<T>,
    ) -> Option<&T> {
        let (spelling, alphabet) = match alphabet {
            Alphabet::Latin if spell_latin => (&self.latin, Alphabet::Latin),
            Alphabet::Ascii | Alphabet::Latin | Alphabet::SellerMail => {
                (&self.narrow, Alphabet::SellerMail)
            }
            Alphabet::Unicode => (&self.wide, Alphabet::Unicode),
        };
        spelling.get_or_init(|| compile(alphabet)).as_ref()
    }

    fn is_built(&self) -> bool {
        self.narrow.get().is_some() || self.wide.get().is_some() || self.latin.get().is_some()
    }
}

/// A compiled pattern as the search sees it: `regex-automata`'s engines, or `regex-lite`'s
/// PikeVM for ASCII texts (see [`compile`]). Both find what the `regex` crate finds.
#[derive(Debug, Clone, Copy)]
pub enum CompiledRegex<'a> {
    Automata(&'a meta::Regex),
    /// The first tier: the NFA alone.
    Nfa(&'a NfaSearch),
    Lite(&'a regex_lite::Regex),
    /// The full regex with its word-boundary guard, for texts with non-ASCII letters (see
    /// [`guarded_search`]).
    Guarded {
        exact: &'a meta::Regex,
        guard: &'a meta::Regex,
    },
}

impl<'a> CompiledRegex<'a> {
    pub fn is_match(self, text: &str) -> bool {
        match self {
            CompiledRegex::Automata(re) => re.is_match(text),
            CompiledRegex::Nfa(re) => re.search(&Input::new(text).earliest(true)).is_some(),
            CompiledRegex::Lite(re) => re.is_match(text),
            CompiledRegex::Guarded { exact, guard } => {
                guarded_search(exact, guard, &Input::new(text).earliest(true)).is_some()
            }
        }
    }

    /// The byte range of the first match.
    pub fn find(self, text: &str) -> Option<Range<usize>> {
        match self {
            CompiledRegex::Automata(re) => re.find(text).map(|m| m.range()),
            CompiledRegex::Nfa(re) => re.search(&Input::new(text)).map(|m| m.range()),
            CompiledRegex::Lite(re) => re.find(text).map(|m| m.range()),
            CompiledRegex::Guarded { exact, guard } => {
                guarded_search(exact, guard, &Input::new(text)).map(|m| m.range())
            }
        }
    }

    /// The byte ranges of the matches, in order.
    pub fn find_iter<'h>(self, text: &'h str) -> FoundRanges<'a, 'h> {
        match self {
            CompiledRegex::Automata(re) => FoundRanges::Automata(re.find_iter(text)),
            CompiledRegex::Nfa(re) => FoundRanges::Nfa {
                re,
                // The iteration `PikeVM::find_iter` does.
                searcher: Searcher::new(Input::new(text)),
            },
            CompiledRegex::Lite(re) => FoundRanges::Lite(re.find_iter(text)),
            CompiledRegex::Guarded { exact, guard } => FoundRanges::Guarded {
                exact,
                guard,
                // The iteration `meta::Regex::find_iter` does (empty matches included), over
                // the guarded search.
                searcher: Searcher::new(Input::new(text)),
            },
        }
    }
}

/// The matches of a [`CompiledRegex`] in a text, as byte ranges.
pub enum FoundRanges<'r, 'h> {
    Automata(meta::FindMatches<'r, 'h>),
    Nfa {
        re: &'r NfaSearch,
        searcher: Searcher<'h>,
    },
    Lite(regex_lite::Matches<'r, 'h>),
    Guarded {
        exact: &'r meta::Regex,
        guard: &'r meta::Regex,
        searcher: Searcher<'h>,
    },
}

impl Iterator for FoundRanges<'_, '_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match self {
            FoundRanges::Automata(it) => it.next().map(|m| m.range()),
            FoundRanges::Nfa { re, searcher } => searcher
                .advance(|input| Ok(re.search(input)))
                .map(|m| m.range()),
            FoundRanges::Lite(it) => it.next().map(|m| m.range()),
            FoundRanges::Guarded {
                exact,
                guard,
                searcher,
            } => searcher
                .advance(|input| Ok(guarded_search(exact, guard, input)))
                .map(|m| m.range()),
        }
    }
}

/// A pattern compiled for ASCII texts, as the first tier of a [`LazyRegex`] keeps it (see
/// [`compile`]). `regex-lite`'s regex is boxed: it is several words, and every pattern of a
/// rule set has a slot for one.
#[derive(Debug)]
pub enum Compiled {
    Automata(meta::Regex),
    Nfa(Box<NfaSearch>),
    Lite(Box<regex_lite::Regex>),
}

impl Compiled {
    pub fn as_regex(&self) -> CompiledRegex<'_> {
        match self {
            Compiled::Automata(re) => CompiledRegex::Automata(re),
            Compiled::Nfa(re) => CompiledRegex::Nfa(re),
            Compiled::Lite(re) => CompiledRegex::Lite(re),
        }
    }
}

/// Makes a search cache for an engine of an [`NfaSearch`].
pub type CacheMaker<C> =
    Box<dyn Fn() -> C + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// The first tier of a pattern: its forward NFA alone, built without the meta layer so that
/// the NFA comes from build.rs (a built-in pattern, see [`prebuilt`]) or from a compiler kept
/// per thread (see `NFA_COMPILER`), and searched as a
/// `meta::Regex` with its other engines turned off searches: by the bounded backtracker when
/// its visited set holds the text (256 KiB: a text of about 1 KiB for a pattern of 2,000
/// states), by the PikeVM otherwise. Both engines find the same matches. On the short texts
/// of mail the backtracker is the quicker, and it needs no PikeVM cache: the German example
/// went from 20.36M to 19.15M instructions.
pub struct NfaSearch {
    backtracker: BoundedBacktracker,
    pike: PikeVM,
    /// Search caches, one per thread that searches, as `meta::Regex` keeps them; each is made
    /// on first use.
    backtrack_caches: Pool<backtrack::Cache, CacheMaker<backtrack::Cache>>,
    pike_caches: Pool<pikevm::Cache, CacheMaker<pikevm::Cache>>,
}

impl std::fmt::Debug for NfaSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NfaSearch")
            .field("nfa", self.pike.get_nfa())
            .finish()
    }
}

/// The forward NFA of a narrowed HIR, compiled as the first tier compiles it (build.rs
/// compiles the built-in patterns' so, see [`prebuilt`]).
pub fn first_tier_nfa(hir: &Hir) -> Option<NFA> {
    NFA_COMPILER
        .with(|compiler| compiler.build_from_hir(hir))
        .ok()
}

impl NfaSearch {
    fn new(nfa: NFA) -> Option<NfaSearch> {
        // Both engines share the NFA (it is reference-counted).
        let backtracker = BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
        let pike = PikeVM::new_from_nfa(nfa).ok()?;
        let for_backtrack = backtracker.clone();
        let for_pike = pike.clone();
        Some(NfaSearch {
            backtracker,
            pike,
            backtrack_caches: Pool::new(Box::new(move || for_backtrack.create_cache())),
            pike_caches: Pool::new(Box::new(move || for_pike.create_cache())),
        })
    }

    /// The first match in `input`.
    fn search(&self, input: &Input<'_>) -> Option<Match> {
        if input.haystack().len() <= self.backtracker.max_haystack_len() {
            // The only error is a haystack too long for the visited set, ruled out above;
            // should it happen all the same, the PikeVM answers.
            if let Ok(found) = self
                .backtracker
                .try_find(&mut self.backtrack_caches.get(), input.clone())
            {
                return found;
            }
        }
        self.pike.find(&mut self.pike_caches.get(), input.clone())
    }
}

thread_local! {
    /// The NFA compiler of the first tier, one per thread and reused: a compiler allocates a
    /// cache of UTF-8 suffixes (10,000 entries, ~400 KiB) on its first Unicode class and frees
    /// it when dropped, which `meta::Regex` does for every pattern. Reusing one took compiling
    /// every built-in pattern's seller-mail spelling from 488M to 387M instructions and from
    /// 71 to 43 ms. Configured as `meta::Regex` configures its own (captures, UTF-8 empty
    /// matches), so that the PikeVM finds what the meta regex's does.
    static NFA_COMPILER: thompson::Compiler = {
        let mut compiler = thompson::Compiler::new();
        compiler.configure(
            thompson::Config::new()
                .utf8(true)
                .shrink(false)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT)),
        );
        compiler
    };
}

/// Compiles a case-insensitive pattern for texts made of `alphabet`, as the first tier
/// (`quick`: the NFA alone, see [`NfaSearch`]) or the full regex.
///
/// For ASCII texts (only the first tier of a small run asks), a built-in pattern takes the
/// NFA build.rs compiled (see [`prebuilt`]). Any other pattern takes `regex-lite`: its syntax
/// and matches are the `regex` crate's, except that its classes, case folding and `\b` are
/// ASCII ones, which on ASCII text match exactly what the Unicode ones do (see
/// [`crate::alphabet`]). It parses and compiles without Unicode tables: a quarter of the
/// instructions of the narrowed automata on the patterns one example opens (8.8M against
/// 33.6M). A pattern it does not support (`\p{..}`, class set operations) takes the narrowed
/// automata instead.
///
/// Otherwise `regex-automata` with the `regex` crate's defaults, narrowed to `alphabet` (see
/// [`alphabet::narrowed`]).
pub fn compile(pattern: &str, quick: bool, alphabet: Alphabet) -> Option<Compiled> {
    if quick && alphabet == Alphabet::Ascii {
        if let Some(nfa) = prebuilt::nfa(pattern, alphabet) {
            return NfaSearch::new(nfa).map(|re| Compiled::Nfa(Box::new(re)));
        }
    }
    if alphabet == Alphabet::Ascii {
        if let Ok(re) = regex_lite::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
        {
            return Some(Compiled::Lite(Box::new(re)));
        }
    }
    if quick {
        compile_nfa(pattern, alphabet).map(|re| Compiled::Nfa(Box::new(re)))
    } else {
        compile_automata(pattern, alphabet).map(Compiled::Automata)
    }
}

/// A case-insensitive pattern, parsed and narrowed to `alphabet`: prepared by build.rs for a
/// built-in pattern and seller mail's alphabet (see [`prebuilt`]), parsed here otherwise.
fn narrowed_hir(pattern: &str, alphabet: Alphabet) -> Option<Hir> {
    if alphabet == Alphabet::SellerMail {
        if let Some(hir) = prebuilt::seller_mail_hir(pattern) {
            return Some(hir);
        }
    }
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    Some(alphabet::narrowed(hir, alphabet))
}

/// The first tier of [`compile`] with `regex-automata`: the NFA alone.
pub fn compile_nfa(pattern: &str, alphabet: Alphabet) -> Option<NfaSearch> {
    let nfa = match prebuilt::nfa(pattern, alphabet) {
        Some(nfa) => nfa,
        None => first_tier_nfa(&narrowed_hir(pattern, alphabet)?)?,
    };
    NfaSearch::new(nfa)
}

/// The full regex of [`compile`] with `regex-automata`.
pub fn compile_automata(pattern: &str, alphabet: Alphabet) -> Option<meta::Regex> {
    let hir = narrowed_hir(pattern, alphabet)?;
    // No bounded backtracker: it keeps a visited set of up to 256 KiB per pattern and thread
    // (10 MiB of the 5,000-file benchmark's heap) and was no faster there than the PikeVM,
    // which takes its place (the lazy DFA does nearly all searching).
    let config = meta::Config::new()
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .backtrack(false)
        .dfa_size_limit(Some(REGEX_SIZE_LIMIT));
    meta::Builder::new()
        .configure(config)
        .build_from_hir(&hir)
        .ok()
}

impl LazyRegex {
    /// Does the pattern compile? `Err` names the pattern and what is wrong with it, as the
    /// `regex` crate says it (for loading rule packs and for tests).
    pub fn check(&self) -> Result<(), String> {
        case_insensitive(&self.pattern)
            .map(|_| ())
            .map_err(|e| format!("{} {:?}: {e}", self.role, shorten(&self.pattern)))
    }

    /// The regex, when it could match `text` (whose literals `present` holds); `None` when it
    /// certainly does not (or does not compile, which loading a rule pack reports).
    pub fn for_text(
        &self,
        gates: &GateSet,
        present: &Present<'_>,
        text: &str,
    ) -> Option<CompiledRegex<'_>> {
        if !gates.opens(self.gate, present) {
            return None;
        }
        self.tiered(text, present.alphabet())
    }

    /// Has the full regex been built (for any rule with this pattern)?
    fn full_is_built(&self) -> bool {
        self.compilations.get().is_some_and(|c| c.full.is_built())
    }

    /// The regex for `text` (made of `alphabet`) without asking the gate:
    /// the tier that pays off, or `None` when the word-boundary guard rules the text out (or
    /// the pattern does not compile). The regex also serves any part of `text`.
    fn tiered(&self, text: &str, alphabet: Alphabet) -> Option<CompiledRegex<'_>> {
        let compiled = self
            .compilations
            .get_or_init(|| shared_compilations(&self.pattern));
        // The count is kept only in a small run: a bigger one's threads would all write it.
        if crate::run_size::is_small_run()
            && !compiled.full.is_built()
            && compiled.searched.fetch_add(text.len(), Ordering::Relaxed) + text.len() <= FULL_AFTER
        {
            if alphabet == Alphabet::Ascii {
                return compiled
                    .quick_ascii
                    .get_or_init(|| compile(&self.pattern, true, alphabet))
                    .as_ref()
                    .map(Compiled::as_regex);
            }
            return compiled
                .quick
                .get(alphabet, true, |alphabet| {
                    compile_nfa(&self.pattern, alphabet)
                })
                .map(CompiledRegex::Nfa);
        }
        let guard = self
            .guarded
            .then(|| compiled.guard.regex(&self.pattern, alphabet))
            .flatten();
        if guard.is_some_and(|g| !g.is_match(text)) {
            return None;
        }
        // The full regex serves big runs, whose texts mix alphabets: ASCII texts take the
        // seller-mail spelling, so that a pattern keeps one set of automata and caches (a
        // third spelling cost 8 MiB on the 5,000-file benchmark).
        let full = compiled
            .full
            .get(alphabet, false, |alphabet| {
                compile_automata(&self.pattern, alphabet)
            })
            .map(CompiledRegex::Automata)?;
        match (full, guard) {
            (CompiledRegex::Automata(exact), Some(guard)) => {
                Some(CompiledRegex::Guarded { exact, guard })
            }
            (full, _) => Some(full),
        }
    }
}

/// Collects the patterns of one rule and language with their gates, then seals the gates into
/// one [`GateSet`].
#[derive(Debug, Default)]
pub struct LazyRegexes {
    gates: Vec<GateSource>,
}

impl LazyRegexes {
    /// A pattern searched on whole texts: it gets a word-boundary guard.
    pub fn searched(&mut self, pattern: String, role: &str) -> LazyRegex {
        self.add(pattern, role, true)
    }

    /// A pattern tried on short pieces (sentences, windows): no guard.
    pub fn tried(&mut self, pattern: String, role: &str) -> LazyRegex {
        self.add(pattern, role, false)
    }

    fn add(&mut self, pattern: String, role: &str, guarded: bool) -> LazyRegex {
        // Only a pattern searched on whole texts is searched on the text its gate looks at.
        self.gates.push(if guarded {
            GateSource::of(&pattern)
        } else {
            GateSource::of_piece_pattern(&pattern)
        });
        LazyRegex {
            pattern,
            role: role.into(),
            gate: self.gates.len() - 1,
            guarded,
            compilations: OnceLock::new(),
        }
    }

    pub fn seal(self) -> GateSet {
        GateSet::new(&self.gates)
    }
}

/// A constant pattern of the crate (structural rules, verdicts) behind its own literal gate:
/// compiled on the first text that could match it. The patterns are literals in this crate,
/// so one that does not compile is a bug the unit tests catch; it then matches nothing.
#[derive(Debug)]
pub struct GatedRegex {
    gates: GateSet,
    regex: LazyRegex,
}

impl GatedRegex {
    /// A case-insensitive pattern. Its gate is in build.rs's table when the pattern is in
    /// `literal_gate/constant_patterns.json` (a unit test keeps that list current).
    pub fn new(pattern: &str) -> GatedRegex {
        #[cfg(test)]
        crate::rules::literal_gate::note_constant_pattern(pattern);
        let mut lazy = LazyRegexes::default();
        let regex = lazy.searched(pattern.to_string(), "pattern");
        GatedRegex {
            gates: lazy.seal(),
            regex,
        }
    }

    /// The compiled regex when it could match `text`.
    fn for_text(&self, text: &str) -> Option<CompiledRegex<'_>> {
        self.for_indexed(&LazilyIndexed::new(text))
    }

    fn for_indexed(&self, text: &LazilyIndexed<'_>) -> Option<CompiledRegex<'_>> {
        // Once the full regex is built, the gate would only save a search, which its DFA and
        // prefilter make about as cheap as indexing the text; indexing a huge text (a body of
        // megabytes on one line) costs about what searching it does. Search directly then.
        if self.regex.full_is_built() || text.text.len() > GATE_TEXTS_UP_TO {
            return self.regex.tiered(text.text, text.alphabet());
        }
        self.regex
            .for_text(&self.gates, &self.gates.scan_own(text.index()), text.text)
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_in(&LazilyIndexed::new(text))
    }

    /// [`GatedRegex::is_match`] for a text several patterns are asked about.
    pub fn is_match_in(&self, text: &LazilyIndexed<'_>) -> bool {
        self.for_indexed(text)
            .is_some_and(|re| re.is_match(text.text))
    }

    /// The byte range of the first match.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.for_text(text).and_then(|re| re.find(text))
    }

    /// The byte ranges of the matches, in order.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        self.for_text(text)
            .map(|re| re.find_iter(text).collect())
            .unwrap_or_default()
    }

    /// `text` with every match replaced by `with`; borrowed when nothing matches.
    pub fn replace_all<'t>(&self, text: &'t str, with: &str) -> std::borrow::Cow<'t, str> {
        let matches = self.find_iter(text);
        if matches.is_empty() {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in matches {
            out.push_str(&text[last..m.start]);
            out.push_str(with);
            last = m.end;
        }
        out.push_str(&text[last..]);
        std::borrow::Cow::Owned(out)
    }

    /// Does the pattern compile? (For the unit tests of the rules that own one.)
    pub fn compiles(&self) -> Result<(), String> {
        self.regex.check()
    }
}

/// The alternation of `words` between word boundaries and `cjk` words (no spaces between
/// words) without.
pub fn words_regex(words: &[&str], cjk: &[&str]) -> String {
    let mut parts = Vec::new();
    if !words.is_empty() {
        parts.push(format!(r"\b(?:{})\b", words.join("|")));
    }
    if !cjk.is_empty() {
        parts.push(format!("(?:{})", cjk.join("|")));
    }
    parts.join("|")
}

/// A text and its [`TextIndex`] and [`Alphabet`], each made on first need (a big run's
/// alternations need no index, only the alphabet, which several patterns asked of one text
/// share).
pub struct LazilyIndexed<'t> {
    text: &'t str,
    index: std::cell::OnceCell<TextIndex>,
    alphabet: std::cell::OnceCell<Alphabet>,
}

impl<'t> LazilyIndexed<'t> {
    pub fn new(text: &'t str) -> LazilyIndexed<'t> {
        LazilyIndexed {
            text,
            index: std::cell::OnceCell::new(),
            alphabet: std::cell::OnceCell::new(),
        }
    }

    fn index(&self) -> &TextIndex {
        self.index.get_or_init(|| TextIndex::new(self.text))
    }

    fn alphabet(&self) -> Alphabet {
        *self.alphabet.get_or_init(|| match self.index.get() {
            Some(index) => index.alphabet(),
            None => Alphabet::of(self.text),
        })
    }
}

/// Constant alternatives of the crate (the words of a topic, in six languages), asked whether
/// any of them matches a text. In a small run each alternative is its own pattern behind its
/// own gate, so a text with one topic word compiles that word's small pattern rather than an
/// alternation of a hundred (the verdict's evidence was a fifth of a run over one example).
/// A big run searches the whole alternation, one regex: it would compile most alternatives
/// anyway, and each compiled regex adds its own automata and caches (see
/// [`crate::run_size`]). Both find a match in the same texts: an alternation matches where one
/// of its alternatives does.
#[derive(Debug)]
pub struct GatedAlternatives {
    /// The alternation's pattern, and its regex, built on first need: only big runs and long
    /// texts search it.
    whole_pattern: String,
    whole: OnceLock<GatedRegex>,
    gates: GateSet,
    parts: Vec<LazyRegex>,
}

impl GatedAlternatives {
    /// `words` between word boundaries, and `cjk` words (no spaces between words) without;
    /// case-insensitive.
    pub fn new(words: &[&str], cjk: &[&str]) -> GatedAlternatives {
        let mut lazy = LazyRegexes::default();
        let parts = words
            .iter()
            .map(|w| words_regex(&[w], &[]))
            .chain(cjk.iter().map(|w| words_regex(&[], &[w])))
            .map(|pattern| {
                #[cfg(test)]
                crate::rules::literal_gate::note_constant_pattern(&pattern);
                lazy.searched(pattern, "alternative")
            })
            .collect();
        let whole_pattern = words_regex(words, cjk);
        #[cfg(test)]
        crate::rules::literal_gate::note_constant_pattern(&whole_pattern);
        GatedAlternatives {
            whole_pattern,
            whole: OnceLock::new(),
            gates: lazy.seal(),
            parts,
        }
    }

    fn whole(&self) -> &GatedRegex {
        self.whole
            .get_or_init(|| GatedRegex::new(&self.whole_pattern))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_in(&LazilyIndexed::new(text))
    }

    /// [`GatedAlternatives::is_match`] for a text several of them are asked about: its index
    /// is made once, for the first that needs it.
    pub fn is_match_in(&self, text: &LazilyIndexed<'_>) -> bool {
        if !crate::run_size::is_small_run() || text.text.len() > GATE_TEXTS_UP_TO {
            return self.whole().is_match_in(text);
        }
        self.some_part_matches(text.text, text.index())
    }

    fn some_part_matches(&self, text: &str, index: &TextIndex) -> bool {
        let present = self.gates.scan(index);
        self.parts.iter().any(|part| {
            part.for_text(&self.gates, &present, text)
                .is_some_and(|re| re.is_match(text))
        })
    }

    /// Do the alternation and every alternative compile? (For the unit tests of their owners.)
    pub fn compiles(&self) -> Result<(), String> {
        self.whole().compiles()?;
        self.parts.iter().try_for_each(LazyRegex::check)
    }

    /// Checks that the alternation and the alternatives one by one find a match in the same
    /// corpus cases, examples and fixtures (whole files and each line), whatever the run's
    /// size; returns in how many of them they found one (for the unit tests of their owners).
    #[cfg(test)]
    pub fn parts_agree_with_whole_on_corpus(&self) -> usize {
        let mut found = 0;
        for file in crate::test_support::corpus_files() {
            for text in std::iter::once(file.as_str()).chain(file.lines()) {
                let whole = self.whole().is_match(text);
                let parts = self.some_part_matches(text, &TextIndex::new(text));
                assert_eq!(whole, parts, "{text:?}");
                found += usize::from(whole);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::literal_gate::{builtin_literals, builtin_patterns};
    use proptest::prelude::*;

    /// A built-in pattern compiled as written, narrowed to seller mail's alphabet, and for
    /// ASCII texts (by `regex-lite`, where it supports the pattern).
    struct Spellings {
        pattern: &'static str,
        wide: Compiled,
        narrow: Compiled,
        ascii: Compiled,
    }

    /// Every built-in pattern in its three spellings (once for all tests: it is slow in a
    /// debug build).
    fn spellings() -> &'static [Spellings] {
        static ALL: OnceLock<Vec<Spellings>> = OnceLock::new();
        ALL.get_or_init(|| {
            builtin_patterns()
                .map(|pattern| {
                    match (
                        compile(pattern, false, Alphabet::Unicode),
                        compile(pattern, false, Alphabet::SellerMail),
                        compile(pattern, false, Alphabet::Ascii),
                    ) {
                        (Some(wide), Some(narrow), Some(ascii)) => Spellings {
                            pattern,
                            wide,
                            narrow,
                            ascii,
                        },
                        _ => panic!("{pattern} does not compile all three ways"),
                    }
                })
                .collect()
        })
    }

    fn ranges(re: &Compiled, text: &str) -> Vec<Range<usize>> {
        re.as_regex().find_iter(text).collect()
    }

    /// The ASCII spelling is `regex-lite`'s for the built-in patterns (so that the tests
    /// comparing spellings test it), and the automata's for a pattern it does not support.
    #[test]
    fn ascii_spelling_is_regex_lite_where_it_supports_the_pattern() {
        let lite = spellings()
            .iter()
            .filter(|s| matches!(s.ascii, Compiled::Lite(_)))
            .count();
        assert_eq!(lite, spellings().len());
        for written in [r"\p{Greek}+", r"[a-z&&[^aeiou]]+"] {
            assert!(matches!(
                compile(written, true, Alphabet::Ascii),
                Some(Compiled::Nfa(_))
            ));
        }
        let re = compile(r"\p{L}+", true, Alphabet::Ascii).unwrap();
        assert_eq!(ranges(&re, "say hello"), vec![0..3, 4..9]);
    }

    /// Every built-in pattern finds the same matches narrowed as written: narrowed to seller
    /// mail's alphabet on every corpus case, example and fixture within it (whole files, so
    /// also across lines), spelt for ASCII on every ASCII one and every ASCII line.
    #[test]
    fn narrowed_builtin_patterns_find_what_they_find_as_written() {
        let files = crate::test_support::corpus_files();
        let within: Vec<&String> = files
            .iter()
            .filter(|t| Alphabet::of(t).is_seller_mail_beyond_ascii())
            .collect();
        let ascii: Vec<&str> = files
            .iter()
            .flat_map(|t| std::iter::once(t.as_str()).chain(t.lines()))
            .filter(|t| Alphabet::of(t) == Alphabet::Ascii)
            .collect();
        assert!(
            within.len() > 20,
            "{} texts within seller mail",
            within.len()
        );
        assert!(ascii.len() > 2000, "{} ASCII texts", ascii.len());
        let (mut checked, mut checked_ascii) = (0, 0);
        for s in spellings() {
            for text in &within {
                let found = ranges(&s.wide, text);
                checked += found.len();
                assert_eq!(found, ranges(&s.narrow, text), "{}", s.pattern);
            }
            for text in &ascii {
                let found = ranges(&s.wide, text);
                checked_ascii += found.len();
                assert_eq!(found, ranges(&s.ascii, text), "{} on {text:?}", s.pattern);
            }
        }
        assert!(checked > 1000, "only {checked} matches compared");
        assert!(
            checked_ascii > 1000,
            "only {checked_ascii} ASCII matches compared"
        );
    }

    /// The files within seller mail's alphabet (not ASCII), whole and line by line.
    fn seller_mail_texts_and_lines(files: &[String]) -> Vec<&str> {
        files
            .iter()
            .filter(|t| Alphabet::of(t).is_seller_mail_beyond_ascii())
            .flat_map(|t| std::iter::once(t.as_str()).chain(t.lines()))
            .collect()
    }

    /// The first tier (the NFA alone, prepared by build.rs for ASCII and Latin texts, from the
    /// per-thread compiler that every pattern before it used for the others) finds what the
    /// full regex finds: every built-in pattern, in each spelling on the corpus cases,
    /// examples and fixtures it serves (the seller-mail one on those within seller mail's
    /// alphabet but not Latin, the Latin one on the Latin ones, the ASCII one on the ASCII
    /// ones) and on each of their lines, with `find_iter`, `find` and `is_match`, and with
    /// each of its two engines (whole files are mostly too long for the backtracker, lines
    /// fit). Only on the texts its gate lets through, as in a run (the PikeVM is slow in a
    /// debug build; the gates' own tests show they let through every text a pattern matches).
    #[test]
    fn the_first_tier_finds_what_the_full_regex_finds() {
        let files = crate::test_support::corpus_files();
        // Each distinct text once: corpus cases share many lines (greetings, sign-offs).
        let served_by = |spelling: Alphabet| -> Vec<&str> {
            let texts: std::collections::BTreeSet<&str> = files
                .iter()
                .filter(|t| Alphabet::of(t) == spelling)
                .flat_map(|t| std::iter::once(t.as_str()).chain(t.lines()))
                .collect();
            texts.into_iter().collect()
        };
        let (seller_mail, latin) = (served_by(Alphabet::SellerMail), served_by(Alphabet::Latin));
        let ascii = served_by(Alphabet::Ascii);
        let indexed = |texts: &[&str]| -> Vec<TextIndex> {
            texts.iter().map(|text| TextIndex::new(text)).collect()
        };
        let (seller_mail_index, latin_index) = (indexed(&seller_mail), indexed(&latin));
        let ascii_index = indexed(&ascii);
        assert!(
            seller_mail.len() > 100,
            "{} seller-mail texts",
            seller_mail.len()
        );
        assert!(latin.len() > 100, "{} Latin texts", latin.len());
        let (mut matches, mut latin_matches, mut ascii_matches) = (0, 0, 0);
        let (mut backtracked, mut by_pike) = (0, 0);
        for s in spellings() {
            let full = s.narrow.as_regex();
            let gates = GateSet::new(&[GateSource::of(s.pattern)]);
            for (spelling, texts, indices, matches) in [
                (
                    Alphabet::SellerMail,
                    &seller_mail,
                    &seller_mail_index,
                    &mut matches,
                ),
                (Alphabet::Latin, &latin, &latin_index, &mut latin_matches),
                (Alphabet::Ascii, &ascii, &ascii_index, &mut ascii_matches),
            ] {
                let Some(quick) = compile(s.pattern, true, spelling) else {
                    panic!("{} has no first tier", s.pattern)
                };
                let Compiled::Nfa(nfa) = &quick else {
                    panic!("{} has no NFA first tier", s.pattern)
                };
                let pike_only = |text: &str| -> Vec<Range<usize>> {
                    let mut cache = nfa.pike.create_cache();
                    nfa.pike
                        .find_iter(&mut cache, text)
                        .map(|m| m.range())
                        .collect()
                };
                let fits = nfa.backtracker.max_haystack_len();
                let quick = quick.as_regex();
                let opened = texts
                    .iter()
                    .zip(indices)
                    .filter(|(_, index)| gates.opens(0, &gates.scan(index)));
                for (text, _) in opened {
                    let found = ranges(&s.narrow, text);
                    *matches += found.len();
                    let quick_found: Vec<_> = quick.find_iter(text).collect();
                    assert_eq!(found, quick_found, "{spelling:?} {}", s.pattern);
                    if text.len() <= fits {
                        backtracked += 1;
                        assert_eq!(pike_only(text), quick_found, "{}", s.pattern);
                    } else {
                        by_pike += 1;
                    }
                    assert_eq!(quick.find(text), full.find(text), "{}", s.pattern);
                    assert_eq!(quick.is_match(text), full.is_match(text), "{}", s.pattern);
                }
            }
        }
        assert!(matches > 300, "only {matches} matches compared");
        assert!(
            backtracked > 1000 && by_pike > 100,
            "{backtracked} texts backtracked, {by_pike} searched by the PikeVM"
        );
        assert!(
            latin_matches > 500,
            "only {latin_matches} Latin matches compared"
        );
        assert!(
            ascii_matches > 5000,
            "only {ascii_matches} ASCII matches compared"
        );
    }

    /// On texts with non-ASCII letters the full regex searches with its guard: every built-in
    /// pattern with a word boundary finds the same matches so, and answers `is_match` and
    /// `find` the same, on every corpus case, example and fixture within seller mail's
    /// alphabet and on each of their lines (non-ASCII or not: a part of a text uses the regex
    /// of the whole).
    #[test]
    fn guarded_searches_find_what_the_exact_regex_finds() {
        let files = crate::test_support::corpus_files();
        let texts = seller_mail_texts_and_lines(&files);
        let (mut guarded, mut matches) = (0, 0);
        for s in spellings() {
            let Some(bare) = crate::rules::guard::without_word_boundaries(s.pattern) else {
                continue;
            };
            let (Some(guard), Compiled::Automata(exact)) =
                (compile_automata(&bare, Alphabet::SellerMail), &s.narrow)
            else {
                panic!("{} or its guard does not compile", s.pattern);
            };
            let with_guard = CompiledRegex::Guarded {
                exact,
                guard: &guard,
            };
            guarded += 1;
            for text in &texts {
                let found: Vec<Range<usize>> = exact.find_iter(text).map(|m| m.range()).collect();
                matches += found.len();
                assert_eq!(
                    with_guard.find_iter(text).collect::<Vec<_>>(),
                    found,
                    "{}",
                    s.pattern
                );
                assert_eq!(
                    with_guard.find(text),
                    found.first().cloned(),
                    "{}",
                    s.pattern
                );
                assert_eq!(
                    with_guard.is_match(text),
                    !found.is_empty(),
                    "{}",
                    s.pattern
                );
            }
        }
        assert!(guarded > 300, "only {guarded} patterns have a guard");
        assert!(matches > 1000, "only {matches} matches compared");
    }

    /// The guarded search is exact where the guard's first match is not the pattern's: it
    /// starts earlier, or ends where the pattern's boundary fails, or overlaps a match.
    #[test]
    fn guarded_searches_are_exact_where_the_guard_is_looser() {
        let cases = [
            (r"\bcat\b", "concatenate über cat, scatter cat"),
            (r"\b(?:ab|b)c\b", "über abc xbc bc"),
            (r"\bä\w*\b|\bb\b", "häb b äb"),
            (r"x?\by\b", "äxy y"),
            // The exact match starts inside the guard's first one.
            (r"\bx-b|\bb\b", "äx-b"),
            // One of the guard's alternatives (`c`) matches inside the pattern's match.
            (r"\babcd\w*|\bc\b", "über abcd"),
        ];
        for (pattern, text) in cases {
            let bare = crate::rules::guard::without_word_boundaries(pattern).unwrap();
            let exact = compile_automata(pattern, Alphabet::SellerMail).unwrap();
            let guard = compile_automata(&bare, Alphabet::SellerMail).unwrap();
            let with_guard = CompiledRegex::Guarded {
                exact: &exact,
                guard: &guard,
            };
            let found: Vec<Range<usize>> = exact.find_iter(text).map(|m| m.range()).collect();
            assert!(!found.is_empty(), "{pattern}");
            assert_eq!(
                with_guard.find_iter(text).collect::<Vec<_>>(),
                found,
                "{pattern}"
            );
        }
    }

    /// Words the rules look for, and what sits between words in seller mail: spaces and line
    /// breaks, ASCII and typographic punctuation, digits, accented and Japanese letters, emoji,
    /// and the two letters that fold to ASCII ones.
    const JOINS: &[&str] = &[
        " ",
        " ",
        " ",
        "  ",
        "\n",
        ", ",
        ". ",
        "! ",
        "? ",
        "-",
        "'",
        "’",
        "“",
        "” ",
        " — ",
        "\u{A0}",
        "é",
        "ü",
        "ß",
        " 5 ",
        "0",
        "+49 30 1234 5678",
        "(555) 123-4567",
        "€",
        "☆",
        "😀",
        "\u{FE0F}",
        "い",
        "。",
        "０３",
        "\u{212A}",
        "\u{17F}",
        " {{order_id}} ",
        "@",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// On texts made of the rules' own words, in any case, joined by anything seller mail
        /// has between words, every built-in pattern finds the same matches narrowed as written
        /// (to seller mail's alphabet; spelt for ASCII on the text without its non-ASCII chars).
        #[test]
        fn narrowed_patterns_match_like_written_on_texts_of_rule_words(
            parts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..3), 1..14)
        ) {
            let words: Vec<&str> = builtin_literals().collect();
            let mut text = String::new();
            for (word, join, case) in parts {
                let word = word.get(&words);
                match case {
                    0 => text.push_str(word),
                    1 => text.push_str(&word.to_uppercase()),
                    _ => {
                        let mut chars = word.chars();
                        text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                        text.push_str(chars.as_str());
                    }
                }
                text.push_str(join.get(JOINS).as_ref());
            }
            prop_assume!(Alphabet::of(&text) != Alphabet::Unicode);
            // The same words with the non-ASCII joins left out, for the ASCII spelling.
            let ascii: String = text.chars().filter(char::is_ascii).collect();
            for s in spellings() {
                prop_assert_eq!(ranges(&s.wide, &text), ranges(&s.narrow, &text), "{} on {:?}", s.pattern, text);
                prop_assert_eq!(ranges(&s.wide, &ascii), ranges(&s.ascii, &ascii), "{} on {:?}", s.pattern, ascii);
            }
        }
    }
}
