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
//! its case class (`ü` for `ü` and `Ü`), taken from the regex crate's own tables. `\d` is a
//! condition of its own: the text has a numeric char. A pattern the analysis cannot read (it
//! does not parse) gets no gate and is left to the compiler, which reports the error.

use crate::text_index::TextIndex;
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
const DIGIT: &str = "\u{0}digit";

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

    /// The gate of a literal phrase (matched case-insensitively).
    pub fn of_phrase(phrase: &str) -> Gate {
        Gate::of_regex(&regex_syntax::escape(phrase))
    }

    /// Both gates must open.
    pub fn and(mut self, other: Gate) -> Gate {
        self.sets.extend(other.sets);
        self
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
        .map(|lit| if lit == DIGIT { 1 } else { lit.len() })
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
}

impl Info {
    fn exact(strings: Vec<String>) -> Info {
        Info {
            exact: Some(strings),
            required: Vec::new(),
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
        Ast::Literal(lit) => Info::exact(char_strings(lit.c)),
        Ast::ClassPerl(class) if class.kind == ast::ClassPerlKind::Digit && !class.negated => {
            Info {
                exact: None,
                required: vec![vec![DIGIT.to_string()]],
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

/// A small class of plain chars (`[- ]`, `[’']`) is a set of exact strings.
fn bracketed(class: &ast::ClassBracketed) -> Info {
    if class.negated {
        return Info::unknown();
    }
    let items: &[ast::ClassSetItem] = match &class.kind {
        ast::ClassSet::Item(ast::ClassSetItem::Union(u)) => &u.items,
        ast::ClassSet::Item(item) => std::slice::from_ref(item),
        ast::ClassSet::BinaryOp(_) => return Info::unknown(),
    };
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
            // At least one occurrence: what one occurrence needs, the repetition needs.
            let mut required = inner.required;
            required.extend(inner.exact);
            Info {
                exact: None,
                required,
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
    Info { exact, required }
}

fn concatenation(parts: &[Ast]) -> Info {
    let mut required = Vec::new();
    // The exact strings of the run of exact parts read so far.
    let mut run: Option<Vec<String>> = Some(vec![String::new()]);
    let mut all_exact = true;
    for part in parts {
        let info = analyse(part);
        required.extend(info.required);
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
        };
    }
    required.extend(run);
    Info {
        exact: None,
        required,
    }
}

/// The gates of one rule and language, with their literals interned: a text's literals are
/// looked up once per set, however many gates share them.
#[derive(Debug)]
pub struct GateSet {
    /// Per gate, per set, the ids of its literals.
    gates: Vec<Vec<Vec<usize>>>,
    /// The literals by id ([`DIGIT`] among them when a gate needs a digit).
    literals: Vec<String>,
}

/// Which literals of a [`GateSet`] a text contains, looked up as gates ask (most gates close
/// on their first set, so most literals are never looked up).
#[derive(Debug)]
pub struct Present<'t> {
    index: &'t TextIndex,
    /// Per literal: 0 not looked up yet, 1 present, 2 absent.
    found: Vec<std::cell::Cell<u8>>,
    /// The text has a letter that folds to ASCII: every gate opens.
    all: bool,
}

impl Present<'_> {
    fn has(&self, literals: &[String], id: usize) -> bool {
        let Some(slot) = self.found.get(id) else {
            return true;
        };
        match slot.get() {
            1 => true,
            2 => false,
            _ => {
                let found = match literals.get(id) {
                    Some(lit) if lit == DIGIT => self.index.has_numeric(),
                    Some(lit) => self.index.contains(lit),
                    None => true,
                };
                slot.set(if found { 1 } else { 2 });
                found
            }
        }
    }
}

impl GateSet {
    /// Interns the gates; [`GateSet::opens`] takes the index of a gate in `gates`.
    pub fn new(gates: &[Gate]) -> GateSet {
        let mut literals: Vec<String> = Vec::new();
        let mut ids = std::collections::HashMap::new();
        let gates = gates
            .iter()
            .map(|g| {
                g.sets
                    .iter()
                    .map(|set| {
                        set.iter()
                            .map(|lit| {
                                *ids.entry(lit.clone()).or_insert_with(|| {
                                    literals.push(lit.clone());
                                    literals.len() - 1
                                })
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        GateSet { gates, literals }
    }

    /// The literals of the text of `index`, looked up on demand.
    pub fn scan<'t>(&self, index: &'t TextIndex) -> Present<'t> {
        Present {
            index,
            found: vec![std::cell::Cell::new(0); self.literals.len()],
            all: index.folds_to_ascii(),
        }
    }

    /// Could the pattern of gate `index` match the text `present` was scanned from?
    pub fn opens(&self, index: usize, present: &Present<'_>) -> bool {
        if present.all {
            return true;
        }
        self.gates.get(index).is_none_or(|sets| {
            sets.iter()
                .all(|set| set.iter().any(|&id| present.has(&self.literals, id)))
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
        let set = GateSet::new(&[Gate::of_regex(pattern)]);
        set.opens(0, &set.scan(&TextIndex::new(text)))
    }

    #[test]
    fn words_of_a_concatenation_are_each_required() {
        assert_eq!(
            sets(r"\bleave\s+a\s+review\b"),
            vec![vec!["review".to_string()], vec!["leave".to_string()]]
        );
    }

    #[test]
    fn an_alternation_requires_one_of_its_branches() {
        assert_eq!(
            sets(r"\b(?:parcel|package)\b"),
            vec![vec!["package".to_string(), "parcel".to_string()]]
        );
        // A branch that needs nothing makes the alternation need nothing.
        assert!(sets(r"(?:parcel|\w+)").is_empty());
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
        assert!(opens(r"\d{3}", "電話 ０３"));
        // A symbol is selective alone.
        assert!(!opens(r"\+\s?\d", "plus 12"));
        assert!(opens(r"\+\s?\d", "+49 30"));
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
