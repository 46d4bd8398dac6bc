//! A rule's regex as the matching code holds it: written case-insensitive, compiled on first
//! need, and only needed for a text that opens its literal gate (see [`super::literal_gate`]).
//!
//! A run over one English file thus compiles only the few patterns whose words the file has:
//! compiling every pattern of a rule set costs ~100 ms, which a pre-commit hook would pay on
//! every commit. Compilation is in two tiers, like a JIT: first only the forward NFA, searched
//! by the PikeVM (about 40% of the full compile, and quick enough on the few texts of a small
//! run); once a pattern has searched [`FULL_AFTER`] bytes, the full regex (lazy DFA,
//! prefilters) replaces it, with its word-boundary guard for non-ASCII texts (see
//! [`super::guard`]). Both tiers are the same `regex-automata` engine the `regex` crate wraps,
//! so they find the same matches. Each tier is compiled narrowed to the alphabet of seller
//! mail for the texts within it, and as written for the others (see [`crate::alphabet`]).

use crate::alphabet;
use crate::rules::guard::Guard;
use crate::rules::literal_gate::{gate_of, Gate, GateSet, Present};
use crate::text_index::TextIndex;
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Texts up to this size are indexed for the gate of a [`GatedRegex`]; longer ones are searched.
const GATE_TEXTS_UP_TO: usize = 1 << 20;

/// Bytes a pattern searches with its first tier before its full regex is built.
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
    role: String,
    /// Index of its gate in the [`GateSet`] of its rule and language.
    gate: usize,
    /// A word-boundary-free superset, for non-ASCII texts (`None`: not worth one).
    guard: Option<Guard>,
    /// The first tier: the PikeVM alone.
    quick: Tier,
    /// The second tier: the full regex.
    full: Tier,
    /// Bytes searched so far, to decide when the full regex pays off.
    searched: AtomicUsize,
}

/// One tier of a pattern in its two spellings, each compiled on first need: narrowed to the
/// alphabet of seller mail (for the texts within it: nearly all, and several times smaller and
/// quicker to build), and as written (for the others). See [`crate::alphabet`].
#[derive(Debug, Default)]
struct Tier {
    /// `None` inside: the pattern does not compile.
    narrow: OnceLock<Option<meta::Regex>>,
    wide: OnceLock<Option<meta::Regex>>,
}

impl Tier {
    /// The tier's regex for a text that is (`within`) or is not within seller mail's alphabet.
    fn regex(&self, pattern: &str, quick: bool, within: bool) -> Option<&meta::Regex> {
        let spelling = if within { &self.narrow } else { &self.wide };
        spelling
            .get_or_init(|| compile(pattern, quick, within))
            .as_ref()
    }

    fn is_built(&self) -> bool {
        self.narrow.get().is_some() || self.wide.get().is_some()
    }
}

/// Compiles a case-insensitive pattern with the `regex` crate's defaults, as the first tier
/// (`quick`: the PikeVM alone) or the full regex, narrowed to seller mail's alphabet or not.
pub fn compile(pattern: &str, quick: bool, narrow: bool) -> Option<meta::Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    let hir = if narrow { alphabet::narrowed(hir) } else { hir };
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
    ) -> Option<&meta::Regex> {
        if !gates.opens(self.gate, present) {
            return None;
        }
        self.tiered(text, present.within_seller_mail())
    }

    /// The regex for `text` (`within` seller mail's alphabet or not) without asking the gate:
    /// the tier that pays off, or `None` when the word-boundary guard rules the text out (or
    /// the pattern does not compile). The regex also serves any part of `text`.
    fn tiered(&self, text: &str, within: bool) -> Option<&meta::Regex> {
        let before = self.searched.fetch_add(text.len(), Ordering::Relaxed);
        if !self.full.is_built() && before + text.len() <= FULL_AFTER {
            return self.quick.regex(&self.pattern, true, within);
        }
        if self
            .guard
            .as_ref()
            .is_some_and(|g| !g.may_match(text, within))
        {
            return None;
        }
        self.full.regex(&self.pattern, false, within)
    }
}

/// Collects the patterns of one rule and language with their gates, then seals the gates into
/// one [`GateSet`].
#[derive(Debug, Default)]
pub struct LazyRegexes {
    gates: Vec<Gate>,
}

impl LazyRegexes {
    /// A pattern searched on whole texts: it gets a word-boundary guard.
    pub fn searched(&mut self, pattern: String, role: &str) -> LazyRegex {
        let guard = Some(Guard::new(&pattern));
        self.add(pattern, role, guard)
    }

    /// A pattern tried on short pieces (sentences, windows): no guard.
    pub fn tried(&mut self, pattern: String, role: &str) -> LazyRegex {
        self.add(pattern, role, None)
    }

    fn add(&mut self, pattern: String, role: &str, guard: Option<Guard>) -> LazyRegex {
        self.gates.push(gate_of(&pattern));
        LazyRegex {
            pattern,
            role: role.to_string(),
            gate: self.gates.len() - 1,
            guard,
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
    /// A case-insensitive pattern.
    pub fn new(pattern: &str) -> GatedRegex {
        let mut lazy = LazyRegexes::default();
        let regex = lazy.searched(pattern.to_string(), "pattern");
        GatedRegex {
            gates: lazy.seal(),
            regex,
        }
    }

    /// The compiled regex when it could match `text`.
    fn for_text(&self, text: &str) -> Option<&meta::Regex> {
        // Once the full regex is built, the gate would only save a search, which its DFA and
        // prefilter make about as cheap as indexing the text; indexing a huge text (a body of
        // megabytes on one line) costs about what searching it does. Search directly then.
        if self.regex.full.is_built() || text.len() > GATE_TEXTS_UP_TO {
            return self.regex.tiered(text, alphabet::within_seller_mail(text));
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
        self.for_text(text)
            .and_then(|re| re.find(text))
            .map(|m| m.range())
    }

    /// The byte ranges of the matches, in order.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        self.for_text(text)
            .map(|re| re.find_iter(text).map(|m| m.range()).collect())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::literal_gate::{builtin_literals, builtin_patterns};
    use proptest::prelude::*;

    /// Every built-in pattern, compiled as written and narrowed (once for all tests: it is
    /// slow in a debug build).
    fn both_spellings() -> &'static [(&'static str, meta::Regex, meta::Regex)] {
        static BOTH: OnceLock<Vec<(&'static str, meta::Regex, meta::Regex)>> = OnceLock::new();
        BOTH.get_or_init(|| {
            builtin_patterns()
                .map(|pattern| {
                    match (
                        compile(pattern, false, false),
                        compile(pattern, false, true),
                    ) {
                        (Some(wide), Some(narrow)) => (pattern, wide, narrow),
                        _ => panic!("{pattern} does not compile both ways"),
                    }
                })
                .collect()
        })
    }

    fn ranges(re: &meta::Regex, text: &str) -> Vec<Range<usize>> {
        re.find_iter(text).map(|m| m.range()).collect()
    }

    /// Every built-in pattern finds the same matches narrowed to seller mail's alphabet as
    /// written, on every corpus case and example (whole files, so also across lines).
    #[test]
    fn narrowed_builtin_patterns_find_what_they_find_as_written() {
        let mut texts = Vec::new();
        for dir in ["../shared/corpus/cases", "examples", "tests/fixtures"] {
            let mut stack = vec![std::path::PathBuf::from(dir)];
            while let Some(path) = stack.pop() {
                if path.is_dir() {
                    stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    texts.push(std::fs::read_to_string(&path).unwrap_or_default());
                }
            }
        }
        texts.retain(|t| alphabet::within_seller_mail(t));
        assert!(texts.len() > 60, "{} texts", texts.len());
        let mut checked = 0;
        for (pattern, wide, narrow) in both_spellings() {
            for text in &texts {
                let found = ranges(wide, text);
                checked += found.len();
                assert_eq!(found, ranges(narrow, text), "{pattern}");
            }
        }
        assert!(checked > 1000, "only {checked} matches compared");
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
        /// has between words, every built-in pattern finds the same matches narrowed as written.
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
            prop_assume!(alphabet::within_seller_mail(&text));
            for (pattern, wide, narrow) in both_spellings() {
                prop_assert_eq!(ranges(wide, &text), ranges(narrow, &text), "{} on {:?}", pattern, text);
            }
        }
    }
}
