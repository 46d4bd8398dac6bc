//! A rule's regex as the matching code holds it: written case-insensitive, compiled on first
//! need, and only needed for a text that opens its literal gate (see [`super::literal_gate`]).
//!
//! A run over one English file thus compiles only the few patterns whose words the file has:
//! compiling every pattern of a rule set costs ~100 ms, which a pre-commit hook would pay on
//! every commit. In a small run (see [`crate::run_size`]) compilation is in two tiers, like a
//! JIT: first only the forward NFA, searched by the PikeVM (about 40% of the full compile, and
//! quick enough on the few texts of a small run); once a pattern has searched [`FULL_AFTER`]
//! bytes, the full regex (lazy DFA, prefilters) replaces it, with its word-boundary guard for
//! non-ASCII texts (see [`super::guard`]). A bigger run builds the full regex at once: there
//! most opened patterns reach [`FULL_AFTER`] anyway, and the PikeVM's first 64 KiB of each
//! cost more than the compile it saved (a run over 20 generated files took 1.31G instructions
//! with the first tier, 0.89G without; 200 files 4.78G against 2.14G). Both tiers are the
//! `regex-automata` engines the `regex` crate wraps, so
//! they find the same matches; they are compiled narrowed to the alphabet of seller mail for
//! texts within it (ASCII ones too), as written for the rest (see [`crate::alphabet`]). One
//! exception: the first tier of a small run (see [`crate::run_size`]) on ASCII texts is
//! `regex-lite` (see [`compile`]), which finds the same matches there and compiles without
//! Unicode tables.

use crate::alphabet::{self, Alphabet};
use crate::rules::guard::{guarded_search, Guard};
use crate::rules::literal_gate::{GateSet, GateSource, Present};
use crate::text_index::TextIndex;
use regex::{Regex, RegexBuilder};
use regex_automata::util::iter::Searcher;
use regex_automata::{meta, Input};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

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
    /// A word-boundary-free superset, for non-ASCII texts (`None`: not worth one).
    /// Boxed: most patterns of a rule set are never searched, and this keeps the matchers that
    /// hold a pattern small.
    guard: Option<Box<Guard>>,
    /// The first tier for ASCII texts, in a small run (see [`crate::run_size`]): `regex-lite`.
    quick_ascii: OnceLock<Option<Compiled>>,
    /// The first tier for other texts: a PikeVM alone.
    quick: Tier,
    /// The second tier: the full regex.
    full: Tier,
    /// Bytes searched so far, to decide when the full regex pays off.
    searched: AtomicUsize,
}

/// One tier of a pattern in its two `regex-automata` spellings, each compiled on first need
/// (see [`crate::alphabet`]): narrowed to the alphabet of seller mail, for texts within it
/// (ASCII ones too: as exact on them, and several times smaller and quicker to build than as
/// written), and as written, for the rest.
#[derive(Debug, Default)]
struct Tier {
    /// `None` inside: the pattern does not compile.
    narrow: OnceLock<Option<meta::Regex>>,
    wide: OnceLock<Option<meta::Regex>>,
}

impl Tier {
    /// The tier's regex for a text (or a part of one) made of `alphabet`.
    fn regex(&self, pattern: &str, quick: bool, alphabet: Alphabet) -> Option<CompiledRegex<'_>> {
        let (spelling, alphabet) = match alphabet {
            Alphabet::Ascii | Alphabet::SellerMail => (&self.narrow, Alphabet::SellerMail),
            Alphabet::Unicode => (&self.wide, Alphabet::Unicode),
        };
        spelling
            .get_or_init(|| compile_automata(pattern, quick, alphabet))
            .as_ref()
            .map(CompiledRegex::Automata)
    }

    fn is_built(&self) -> bool {
        self.narrow.get().is_some() || self.wide.get().is_some()
    }
}

/// A compiled pattern as the search sees it: `regex-automata`'s engines, or `regex-lite`'s
/// PikeVM for ASCII texts (see [`compile`]). Both find what the `regex` crate finds.
#[derive(Debug, Clone, Copy)]
pub enum CompiledRegex<'a> {
    Automata(&'a meta::Regex),
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
    Lite(Box<regex_lite::Regex>),
}

impl Compiled {
    pub fn as_regex(&self) -> CompiledRegex<'_> {
        match self {
            Compiled::Automata(re) => CompiledRegex::Automata(re),
            Compiled::Lite(re) => CompiledRegex::Lite(re),
        }
    }
}

/// Compiles a case-insensitive pattern for texts made of `alphabet`, as the first tier
/// (`quick`: a PikeVM alone) or the full regex.
///
/// For ASCII texts (only the first tier of a small run asks), `regex-lite`: its syntax and
/// matches are the `regex` crate's, except that its classes, case folding and `\b` are ASCII
/// ones, which on ASCII text match exactly what the Unicode ones do (see [`crate::alphabet`]).
/// It parses and compiles without Unicode tables: a quarter of the instructions of the
/// narrowed automata on the patterns one example opens (8.8M against 33.6M). A pattern it
/// does not support (`\p{..}`, class set operations) takes the narrowed automata instead.
///
/// Otherwise `regex-automata` with the `regex` crate's defaults, narrowed to `alphabet` (see
/// [`alphabet::narrowed`]).
pub fn compile(pattern: &str, quick: bool, alphabet: Alphabet) -> Option<Compiled> {
    if alphabet == Alphabet::Ascii {
        if let Ok(re) = regex_lite::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
        {
            return Some(Compiled::Lite(Box::new(re)));
        }
    }
    compile_automata(pattern, quick, alphabet).map(Compiled::Automata)
}

/// [`compile`] with `regex-automata` alone.
pub fn compile_automata(pattern: &str, quick: bool, alphabet: Alphabet) -> Option<meta::Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    let hir = alphabet::narrowed(hir, alphabet);
    // No bounded backtracker: it keeps a visited set of up to 256 KiB per pattern and thread
    // (10 MiB of the 5,000-file benchmark's heap) and was no faster there than the PikeVM,
    // which takes its place (the lazy DFA does nearly all searching).
    let mut config = meta::Config::new()
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .backtrack(false);
    config = if quick {
        config
            .auto_prefilter(false)
            .hybrid(false)
            .dfa(false)
            .onepass(false)
    } else {
        config.dfa_size_limit(Some(REGEX_SIZE_LIMIT))
    };
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

    /// The regex for `text` (made of `alphabet`) without asking the gate:
    /// the tier that pays off, or `None` when the word-boundary guard rules the text out (or
    /// the pattern does not compile). The regex also serves any part of `text`.
    fn tiered(&self, text: &str, alphabet: Alphabet) -> Option<CompiledRegex<'_>> {
        // The count is kept only in a small run: a bigger one's threads would all write it.
        if crate::run_size::is_small_run()
            && !self.full.is_built()
            && self.searched.fetch_add(text.len(), Ordering::Relaxed) + text.len() <= FULL_AFTER
        {
            if alphabet == Alphabet::Ascii {
                return self
                    .quick_ascii
                    .get_or_init(|| compile(&self.pattern, true, alphabet))
                    .as_ref()
                    .map(Compiled::as_regex);
            }
            return self.quick.regex(&self.pattern, true, alphabet);
        }
        let guard = self
            .guard
            .as_ref()
            .and_then(|g| g.regex(&self.pattern, alphabet));
        if guard.is_some_and(|g| !g.is_match(text)) {
            return None;
        }
        // The full regex serves big runs, whose texts mix alphabets: ASCII texts take the
        // seller-mail spelling, so that a pattern keeps one set of automata and caches (a
        // third spelling cost 8 MiB on the 5,000-file benchmark).
        let full = self.full.regex(&self.pattern, false, alphabet)?;
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
        let guard = Some(Box::default());
        self.add(pattern, role, guard)
    }

    /// A pattern tried on short pieces (sentences, windows): no guard.
    pub fn tried(&mut self, pattern: String, role: &str) -> LazyRegex {
        self.add(pattern, role, None)
    }

    fn add(&mut self, pattern: String, role: &str, guard: Option<Box<Guard>>) -> LazyRegex {
        self.gates.push(GateSource::of(&pattern));
        LazyRegex {
            pattern,
            role: role.into(),
            gate: self.gates.len() - 1,
            guard,
            quick_ascii: OnceLock::new(),
            quick: Tier::default(),
            full: Tier::default(),
            searched: AtomicUsize::new(0),
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
        // Once the full regex is built, the gate would only save a search, which its DFA and
        // prefilter make about as cheap as indexing the text; indexing a huge text (a body of
        // megabytes on one line) costs about what searching it does. Search directly then.
        if self.regex.full.is_built() || text.len() > GATE_TEXTS_UP_TO {
            return self.regex.tiered(text, Alphabet::of(text));
        }
        let index = TextIndex::new(text);
        self.regex
            .for_text(&self.gates, &self.gates.scan(&index), text)
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_some_and(|re| re.is_match(text))
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

/// A text and its [`TextIndex`], made on first need (a big run's alternations need none).
pub struct LazilyIndexed<'t> {
    text: &'t str,
    index: std::cell::OnceCell<TextIndex>,
}

impl<'t> LazilyIndexed<'t> {
    pub fn new(text: &'t str) -> LazilyIndexed<'t> {
        LazilyIndexed {
            text,
            index: std::cell::OnceCell::new(),
        }
    }

    fn index(&self) -> &TextIndex {
        self.index.get_or_init(|| TextIndex::new(self.text))
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
            return self.whole().is_match(text.text);
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
                Some(Compiled::Automata(_))
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
            .filter(|t| Alphabet::of(t) == Alphabet::SellerMail)
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

    /// On texts with non-ASCII letters the full regex searches with its guard: every built-in
    /// pattern with a word boundary finds the same matches so, and answers `is_match` and
    /// `find` the same, on every corpus case, example and fixture within seller mail's
    /// alphabet and on each of their lines (non-ASCII or not: a part of a text uses the regex
    /// of the whole).
    #[test]
    fn guarded_searches_find_what_the_exact_regex_finds() {
        let files = crate::test_support::corpus_files();
        let texts: Vec<&str> = files
            .iter()
            .filter(|t| Alphabet::of(t) == Alphabet::SellerMail)
            .flat_map(|t| std::iter::once(t.as_str()).chain(t.lines()))
            .collect();
        let (mut guarded, mut matches) = (0, 0);
        for s in spellings() {
            let Some(bare) = crate::rules::guard::without_word_boundaries(s.pattern) else {
                continue;
            };
            let (Some(guard), Compiled::Automata(exact)) = (
                compile_automata(&bare, false, Alphabet::SellerMail),
                &s.narrow,
            ) else {
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
            let exact = compile_automata(pattern, false, Alphabet::SellerMail).unwrap();
            let guard = compile_automata(&bare, false, Alphabet::SellerMail).unwrap();
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
