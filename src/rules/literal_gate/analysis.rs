//! Reading a pattern for its literal gate (see the parent module). Depends on nothing but
//! `regex-syntax`: `build.rs` includes this file to compute the gates of the built-in rules
//! at build time, so that a run does not parse their patterns at start-up.

use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

/// Literals of letters and digits shorter than this (in bytes) are not worth a gate: they occur
/// in nearly every text. A symbol (`@`, `+`, `%`) is selective alone.
const MIN_LITERAL: usize = 3;
/// A whole word (a literal with an edge at both ends, see [`EDGE`]) may be this short: "dm"
/// is in "admin", the word "dm" is rare.
const MIN_WORD: usize = 2;
/// The sets of each branch an alternation combines (see [`combined_sets`]).
const MAX_BRANCH_SETS: usize = 4;
/// The most sets an alternation makes by combining its branches' sets.
const MAX_COMBINED_SETS: usize = 16;
/// Alternations of more branches than this make one set, of each branch's most selective
/// one: combining copies every set so far for each branch, which a pack's alternation of
/// 100,000 words would make quadratic.
const MAX_COMBINED_BRANCHES: usize = 8;
/// The most strings one set of exact alternatives may grow to before it is cut.
const MAX_SET: usize = 64;
/// The most sets one gate keeps (the most selective ones).
const MAX_SETS: usize = 4;
/// Stands for "a digit" (`\d`) in a set: the text has a numeric char. Never in a text itself.
pub const DIGIT: &str = "\u{0}digit";
/// Marks an end of a literal where no word character may stand just outside it in the text
/// (one of `\b` before a word's first letter or after its last, or a `\s` beside it): the
/// literal counts only where the text has a non-word character, or nothing, on that side.
/// `for` is in "before" and "comfort"; `\u{1}for\u{1}` only where "for" is a word, which a
/// pattern `\bfor\s+a\s+review\b` needs. Word characters are the regex crate's own (Unicode
/// `\w`); a pattern that switches Unicode off (`(?-u)`, whose `\b` sees only ASCII words)
/// gets no edges from its `\b`s. Only for patterns searched on whole texts: a pattern tried
/// on a piece (a 40-character window) can match at the piece's cut, inside a word of the text.
pub const EDGE: char = '\u{1}';
/// Starts the literal that stands for "at least N digits" in a set (`\u{0}digits:8`): the text
/// has N numeric chars. Phone and order-number patterns need many digits, and most texts
/// (with an order number placeholder, a price) have a few, so that one digit gated nothing.
const DIGITS_PREFIX: &str = "\u{0}digits:";

/// The numeric chars a text needs for a set member that stands for digits ([`DIGIT`] or
/// `\u{0}digits:N`); `None` for a literal.
pub fn digits_needed(member: &str) -> Option<usize> {
    if member == DIGIT {
        return Some(1);
    }
    member.strip_prefix(DIGITS_PREFIX)?.parse().ok()
}

/// The set member that stands for at least `n` digits.
fn digits_literal(n: usize) -> String {
    if n == 1 {
        DIGIT.to_string()
    } else {
        format!("{DIGITS_PREFIX}{n}")
    }
}

/// What a pattern cannot match without: every set must have a member in the text. No sets:
/// no condition (the pattern always runs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gate {
    pub sets: Vec<Vec<String>>,
}

impl Gate {
    /// The gate of a regex (as written in a rule: case-insensitive).
    pub fn of_regex(pattern: &str) -> Gate {
        let Ok(parsed) = ast::parse::Parser::new().parse(pattern) else {
            return Gate::default();
        };
        let reading = Reading {
            word_boundaries: !switches_unicode_off(&parsed),
        };
        let info = analyse(&parsed, reading);
        let mut sets = info.required;
        if let Some(exact) = info.exact {
            sets.push(exact);
        }
        for set in &mut sets {
            for literal in set.iter_mut() {
                if literal.contains(EDGE) {
                    *literal = settle_edges(literal);
                }
            }
        }
        if info.min_digits > 1 {
            // Implies every set a digit satisfies.
            sets.retain(|s| !s.iter().any(|member| member == DIGIT));
            sets.push(vec![digits_literal(info.min_digits)]);
        }
        let mut sets: Vec<Vec<String>> = sets
            .into_iter()
            .filter(|s| s.iter().all(|lit| selective(lit)))
            .map(|mut s| {
                s.sort();
                s.dedup();
                s
            })
            .collect();
        sets.sort_by_key(|s| (std::cmp::Reverse(min_len(s)), s.len()));
        sets.dedup();
        sets.truncate(MAX_SETS);
        Gate { sets }
    }
}

/// A literal's word edges (see [`EDGE`]): whether its start needs no word character before
/// it, the literal itself, and whether its end needs none after it.
pub fn split_edges(literal: &str) -> (bool, &str, bool) {
    let start = literal.strip_prefix(EDGE);
    let core = start.unwrap_or(literal);
    let end = core.strip_suffix(EDGE);
    (start.is_some(), end.unwrap_or(core), end.is_some())
}

/// A literal without its word edges.
pub fn without_edges(literal: &str) -> &str {
    split_edges(literal).1
}

/// The edges of a literal as the analysis left them, settled: kept at an end whose character
/// is a word character (there `\b` and `\s` both mean "no word character outside"), dropped
/// elsewhere (a `\b` beside a non-word character needs a word character outside, which the
/// gate does not check), and dropped inside the literal (where the literal's own characters
/// decide: a conservative gate may ignore that).
fn settle_edges(literal: &str) -> String {
    let core: String = literal.chars().filter(|&c| c != EDGE).collect();
    let start = literal.starts_with(EDGE)
        && core
            .chars()
            .next()
            .is_some_and(regex_syntax::is_word_character);
    let end = literal.ends_with(EDGE)
        && core
            .chars()
            .next_back()
            .is_some_and(regex_syntax::is_word_character);
    let mut settled = String::with_capacity(core.len() + 2);
    if start {
        settled.push(EDGE);
    }
    settled.push_str(&core);
    if end {
        settled.push(EDGE);
    }
    settled
}

/// How a pattern is read.
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// Its `\b`s are Unicode word boundaries, which give literals edges (see [`EDGE`]).
    word_boundaries: bool,
}

/// Does the pattern switch Unicode off anywhere (`(?-u)`, `(?i-u:…)`)?
fn switches_unicode_off(node: &Ast) -> bool {
    let off = |flags: &ast::Flags| {
        let mut negated = false;
        flags.items.iter().any(|item| match item.kind {
            ast::FlagsItemKind::Negation => {
                negated = true;
                false
            }
            ast::FlagsItemKind::Flag(ast::Flag::Unicode) => negated,
            ast::FlagsItemKind::Flag(_) => false,
        })
    };
    match node {
        Ast::Flags(set) => off(&set.flags),
        Ast::Group(group) => {
            matches!(&group.kind, ast::GroupKind::NonCapturing(flags) if off(flags))
                || switches_unicode_off(&group.ast)
        }
        Ast::Repetition(rep) => switches_unicode_off(&rep.ast),
        Ast::Alternation(alt) => alt.asts.iter().any(switches_unicode_off),
        Ast::Concat(concat) => concat.asts.iter().any(switches_unicode_off),
        _ => false,
    }
}

/// Does the node match one or more whitespace characters and nothing else (`\s`, `\s+`)?
fn is_spacing(node: &Ast) -> bool {
    match node {
        Ast::ClassPerl(class) => class.kind == ast::ClassPerlKind::Space && !class.negated,
        Ast::Group(group) => is_spacing(&group.ast),
        Ast::Repetition(rep) => {
            let at_least_one = match &rep.op.kind {
                ast::RepetitionKind::OneOrMore => true,
                ast::RepetitionKind::Range(
                    ast::RepetitionRange::Exactly(n)
                    | ast::RepetitionRange::AtLeast(n)
                    | ast::RepetitionRange::Bounded(n, _),
                ) => *n >= 1,
                ast::RepetitionKind::ZeroOrOne | ast::RepetitionKind::ZeroOrMore => false,
            };
            at_least_one && is_spacing(&rep.ast)
        }
        _ => false,
    }
}

/// The regex a phrase rule searches for a literal `phrase:` (case-insensitive): the escaped
/// phrase, between word boundaries where words are spaced. It lives here, beside the gate
/// analysis, so that build.rs computes the gates of exactly the regexes the phrase engine
/// compiles.
pub fn phrase_regex(phrase: &str, word_bounded: bool) -> String {
    let escaped = regex_syntax::escape(phrase);
    if word_bounded {
        format!(r"\b{escaped}\b")
    } else {
        escaped
    }
}

/// Is a literal rare enough in mail to be worth searching for?
fn selective(literal: &str) -> bool {
    let (start, literal, end) = split_edges(literal);
    literal.len() >= MIN_LITERAL
        || (start && end && literal.len() >= MIN_WORD)
        || literal
            .chars()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace() && c != EDGE)
}

/// How selective the least selective member of a set is, as a length in bytes.
fn min_len(set: &[String]) -> usize {
    set.iter()
        .map(|lit| digits_needed(lit).unwrap_or_else(|| lit.len() - lit.matches(EDGE).count()))
        .min()
        .unwrap_or(0)
}

/// What one node of a pattern tells about the texts it matches.
#[derive(Debug, Default)]
struct Info {
    /// Every string the node can match, when there are few (`None`: too many or unknown).
    exact: Option<Vec<String>>,
    /// Sets of which each must have a member inside any match.
    required: Vec<Vec<String>>,
    /// The fewest digits (chars `\d` matches) any match has.
    min_digits: usize,
}

impl Info {
    fn exact(strings: Vec<String>) -> Info {
        Info {
            exact: Some(strings),
            required: Vec::new(),
            min_digits: 0,
        }
    }

    fn empty() -> Info {
        Info::exact(vec![String::new()])
    }

    fn unknown() -> Info {
        Info::default()
    }

    /// The most selective sets this node guarantees (at most `n`), most selective first, for
    /// use inside an alternation.
    fn best_sets(&self, n: usize) -> Vec<&Vec<String>> {
        let mut sets: Vec<&Vec<String>> = self
            .required
            .iter()
            .chain(self.exact.iter())
            .filter(|s| min_len(s) > 0)
            .collect();
        sets.sort_by_key(|s| (std::cmp::Reverse(min_len(s)), s.len()));
        sets.truncate(n);
        sets
    }
}

/// The strings a case-insensitive pattern char matches, as the search holds them: an ASCII
/// letter once, in lower case (the search ignores ASCII case); any other char with every
/// member of its case-folding class (`ü`: `ü`, `Ü`), from the regex crate's own tables.
fn char_strings(c: char) -> Vec<String> {
    if c.is_ascii() {
        return vec![c.to_ascii_lowercase().to_string()];
    }
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    let mut members: Vec<String> = class
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .map(|m| m.to_ascii_lowercase().to_string())
        .collect();
    members.sort();
    members.dedup();
    members
}

fn analyse(node: &Ast, reading: Reading) -> Info {
    match node {
        Ast::Assertion(assertion)
            if reading.word_boundaries && assertion.kind == ast::AssertionKind::WordBoundary =>
        {
            Info::exact(vec![EDGE.to_string()])
        }
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => Info::empty(),
        Ast::Literal(lit) => Info {
            min_digits: usize::from(lit.c.is_ascii_digit()),
            ..Info::exact(char_strings(lit.c))
        },
        Ast::ClassPerl(class) if class.kind == ast::ClassPerlKind::Digit && !class.negated => {
            Info {
                exact: None,
                required: vec![vec![DIGIT.to_string()]],
                min_digits: 1,
            }
        }
        Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) => Info::unknown(),
        Ast::ClassBracketed(class) => bracketed(class),
        Ast::Group(group) => analyse(&group.ast, reading),
        Ast::Repetition(rep) => repetition(rep, reading),
        Ast::Alternation(alt) => alternation(&alt.asts, reading),
        Ast::Concat(concat) => concatenation(&concat.asts, reading),
    }
}

/// A small class of plain chars (`[- ]`, `[’']`) is a set of exact strings. A class of ASCII
/// digits (`[1-9]`) matches a digit.
fn bracketed(class: &ast::ClassBracketed) -> Info {
    if class.negated {
        return Info::unknown();
    }
    let items: &[ast::ClassSetItem] = match &class.kind {
        ast::ClassSet::Item(ast::ClassSetItem::Union(u)) => &u.items,
        ast::ClassSet::Item(item) => std::slice::from_ref(item),
        ast::ClassSet::BinaryOp(_) => return Info::unknown(),
    };
    let digits_only = !items.is_empty()
        && items.iter().all(|item| match item {
            ast::ClassSetItem::Literal(lit) => lit.c.is_ascii_digit(),
            ast::ClassSetItem::Range(range) => {
                range.start.c.is_ascii_digit() && range.end.c.is_ascii_digit()
            }
            ast::ClassSetItem::Perl(perl) => {
                perl.kind == ast::ClassPerlKind::Digit && !perl.negated
            }
            _ => false,
        });
    if digits_only {
        return Info {
            min_digits: 1,
            ..bracketed_chars(items)
        };
    }
    bracketed_chars(items)
}

/// [`bracketed`] for the exact strings of its items.
fn bracketed_chars(items: &[ast::ClassSetItem]) -> Info {
    let mut chars = Vec::new();
    for item in items {
        let c = match item {
            ast::ClassSetItem::Literal(lit) => lit.c,
            _ => return Info::unknown(),
        };
        chars.extend(char_strings(c));
    }
    chars.sort();
    chars.dedup();
    if chars.is_empty() || chars.len() > 8 {
        return Info::unknown();
    }
    Info::exact(chars)
}

fn repetition(rep: &ast::Repetition, reading: Reading) -> Info {
    let (min, max) = match &rep.op.kind {
        ast::RepetitionKind::ZeroOrOne => (0, Some(1)),
        ast::RepetitionKind::ZeroOrMore => (0, None),
        ast::RepetitionKind::OneOrMore => (1, None),
        ast::RepetitionKind::Range(ast::RepetitionRange::Exactly(n)) => (*n, Some(*n)),
        ast::RepetitionKind::Range(ast::RepetitionRange::AtLeast(n)) => (*n, None),
        ast::RepetitionKind::Range(ast::RepetitionRange::Bounded(a, b)) => (*a, Some(*b)),
    };
    let inner = analyse(&rep.ast, reading);
    match (min, max) {
        (0, Some(1)) => match inner.exact {
            Some(mut exact) if exact.len() < MAX_SET => {
                exact.push(String::new());
                Info::exact(exact)
            }
            _ => Info::unknown(),
        },
        (0, _) => Info::unknown(),
        (1, Some(1)) => inner,
        _ => {
            // At least one occurrence: what one occurrence needs, the repetition needs; and
            // each of the `min` occurrences has its digits.
            let mut required = inner.required;
            required.extend(inner.exact);
            Info {
                exact: None,
                required,
                min_digits: inner.min_digits.saturating_mul(min as usize),
            }
        }
    }
}

fn alternation(branches: &[Ast], reading: Reading) -> Info {
    let infos: Vec<Info> = branches.iter().map(|b| analyse(b, reading)).collect();
    let exact = infos
        .iter()
        .map(|i| i.exact.clone())
        .collect::<Option<Vec<_>>>()
        .map(|sets| sets.concat())
        .filter(|all| all.len() <= MAX_SET);
    // Exact strings say more: each match is one of them, whole.
    let required = if exact.is_some() {
        Vec::new()
    } else {
        combined_sets(&infos)
    };
    let min_digits = infos.iter().map(|i| i.min_digits).min().unwrap_or(0);
    Info {
        exact,
        required,
        min_digits,
    }
}

/// The sets an alternation of `branches` requires. Each branch must bring a set: then a set
/// made of one set of each branch has a member in every match, whichever branch matched.
/// Several such sets, from each branch's most selective ones:
/// `(?:off|discount on)\s+your\s+next\s+order|your next purchase` needs one of "off",
/// "discount on" or "your next purchase", and one of "order" or "your next purchase", where
/// one set could only ask for the second (most texts have "order").
fn combined_sets(branches: &[Info]) -> Vec<Vec<String>> {
    let per_branch = if branches.len() <= MAX_COMBINED_BRANCHES {
        MAX_BRANCH_SETS
    } else {
        1
    };
    let mut combined: Vec<Vec<String>> = vec![Vec::new()];
    for branch in branches {
        let sets = branch.best_sets(per_branch);
        let Some(first) = sets.first() else {
            return Vec::new();
        };
        let room = (MAX_COMBINED_SETS / combined.len()).max(1);
        if room == 1 || sets.len() == 1 {
            // One set to add to each: in place (a long alternation takes this path only).
            for so_far in &mut combined {
                so_far.extend(first.iter().cloned());
            }
            continue;
        }
        combined = combined
            .iter()
            .flat_map(|so_far| {
                sets.iter().take(room).map(move |set| {
                    let mut with_set = so_far.clone();
                    with_set.extend(set.iter().cloned());
                    with_set
                })
            })
            .collect();
    }
    for set in &mut combined {
        set.sort();
        set.dedup();
    }
    combined.retain(|set| !set.is_empty());
    combined
}

fn concatenation(parts: &[Ast], reading: Reading) -> Info {
    let mut required = Vec::new();
    let mut min_digits = 0usize;
    // The exact strings of the run of exact parts read so far.
    let mut run: Option<Vec<String>> = Some(vec![String::new()]);
    let mut all_exact = true;
    for part in parts {
        let info = analyse(part, reading);
        required.extend(info.required);
        min_digits = min_digits.saturating_add(info.min_digits);
        match (info.exact, run.take()) {
            (Some(exact), Some(mut before)) if exact.len() == 1 => {
                // The common case, a plain char: extend the run in place.
                for b in &mut before {
                    b.push_str(&exact[0]);
                }
                run = Some(before);
            }
            (Some(exact), Some(before)) if before.len() * exact.len() <= MAX_SET => {
                run = Some(
                    before
                        .iter()
                        .flat_map(|b| exact.iter().map(move |e| format!("{b}{e}")))
                        .collect(),
                );
            }
            (Some(exact), Some(before)) => {
                // Too many combinations: both halves are still required, apart.
                required.push(before);
                run = Some(exact);
                all_exact = false;
            }
            (Some(exact), None) => run = Some(exact),
            (None, before) => {
                // Whitespace is no word character: the words on either side of it end there.
                let spacing = is_spacing(part);
                required.extend(before.map(|mut strings| {
                    if spacing {
                        strings.iter_mut().for_each(|s| s.push(EDGE));
                    }
                    strings
                }));
                run = Some(vec![if spacing {
                    EDGE.to_string()
                } else {
                    String::new()
                }]);
                all_exact = false;
            }
        }
    }
    if all_exact {
        return Info {
            exact: run,
            required,
            min_digits,
        };
    }
    required.extend(run);
    Info {
        exact: None,
        required,
        min_digits,
    }
}
