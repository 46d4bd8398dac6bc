//! Reading a pattern for its literal gate (see the parent module). Depends on nothing but
//! `regex-syntax`: `build.rs` includes this file to compute the gates of the built-in rules
//! at build time, so that a run does not parse their patterns at start-up.

use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

/// Literals of letters and digits shorter than this (in bytes) are not worth a gate: they occur
/// in nearly every text. A symbol (`@`, `+`, `%`) is selective alone.
const MIN_LITERAL: usize = 3;
/// The most strings one set of exact alternatives may grow to before it is cut.
const MAX_SET: usize = 64;
/// The most sets one gate keeps (the most selective ones).
const MAX_SETS: usize = 4;
/// Stands for "a digit" (`\d`) in a set: the text has a numeric char. Never in a text itself.
pub const DIGIT: &str = "\u{0}digit";
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
        let info = analyse(&parsed);
        let mut sets = info.required;
        if let Some(exact) = info.exact {
            sets.push(exact);
        }
        if info.min_digits > 1 {
            // Implies the one-digit sets.
            sets.retain(|s| s.as_slice() != [DIGIT]);
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
    literal.len() >= MIN_LITERAL
        || literal
            .chars()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

/// How selective the least selective member of a set is, as a length in bytes.
fn min_len(set: &[String]) -> usize {
    set.iter()
        .map(|lit| digits_needed(lit).unwrap_or(lit.len()))
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

    /// The most selective set this node guarantees, for use inside an alternation.
    fn best_set(&self) -> Option<Vec<String>> {
        self.required
            .iter()
            .chain(self.exact.iter())
            .filter(|s| min_len(s) > 0)
            .max_by_key(|s| (min_len(s), std::cmp::Reverse(s.len())))
            .cloned()
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

fn analyse(node: &Ast) -> Info {
    match node {
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
        Ast::Group(group) => analyse(&group.ast),
        Ast::Repetition(rep) => repetition(rep),
        Ast::Alternation(alt) => alternation(&alt.asts),
        Ast::Concat(concat) => concatenation(&concat.asts),
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

fn repetition(rep: &ast::Repetition) -> Info {
    let (min, max) = match &rep.op.kind {
        ast::RepetitionKind::ZeroOrOne => (0, Some(1)),
        ast::RepetitionKind::ZeroOrMore => (0, None),
        ast::RepetitionKind::OneOrMore => (1, None),
        ast::RepetitionKind::Range(ast::RepetitionRange::Exactly(n)) => (*n, Some(*n)),
        ast::RepetitionKind::Range(ast::RepetitionRange::AtLeast(n)) => (*n, None),
        ast::RepetitionKind::Range(ast::RepetitionRange::Bounded(a, b)) => (*a, Some(*b)),
    };
    let inner = analyse(&rep.ast);
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

fn alternation(branches: &[Ast]) -> Info {
    let infos: Vec<Info> = branches.iter().map(analyse).collect();
    let exact = infos
        .iter()
        .map(|i| i.exact.clone())
        .collect::<Option<Vec<_>>>()
        .map(|sets| sets.concat())
        .filter(|all| all.len() <= MAX_SET);
    // Each branch must bring a set: then one of their members is in every match.
    let required = infos
        .iter()
        .map(Info::best_set)
        .collect::<Option<Vec<_>>>()
        .map(|sets| vec![sets.concat()])
        .unwrap_or_default();
    let min_digits = infos.iter().map(|i| i.min_digits).min().unwrap_or(0);
    Info {
        exact,
        required,
        min_digits,
    }
}

fn concatenation(parts: &[Ast]) -> Info {
    let mut required = Vec::new();
    let mut min_digits = 0usize;
    // The exact strings of the run of exact parts read so far.
    let mut run: Option<Vec<String>> = Some(vec![String::new()]);
    let mut all_exact = true;
    for part in parts {
        let info = analyse(part);
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
                required.extend(before);
                run = Some(vec![String::new()]);
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
