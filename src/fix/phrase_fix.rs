//! The optional `autofix:` key of phrase rule files: how a phrase rule's match is fixed.
//!
//! ```yaml
//! autofix:
//!   applicability: safe        # safe: applied by --fix; unsafe: only with --unsafe-fixes
//!   title: drop "5-star"       # optional; what the fix does
//!   replace:                   # regexes run on the matched words; `with` may use $1
//!     - {pattern: '\b5[- ]star\s+', with: ''}
//! # or
//! autofix: {applicability: unsafe, remove: sentence}   # remove: match | sentence
//! ```
//!
//! A fix is only offered where the matched text maps exactly to the source; elsewhere the
//! rule's `fix` text stays advice. When the rule loads, each `fire` example is fixed and must
//! then fire less often, so a rule cannot ship a fix that loops.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::fix::edits::{
    exact_value_range, fix_or_manual, remove_sentence, remove_value, replace_value,
    widen_over_space,
};
use crate::model::TextField;
use crate::text::{sentence_around, TextView};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::ops::Range;
use std::sync::OnceLock;

/// The grade a phrase rule may give its fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixGrade {
    Safe,
    Unsafe,
}

/// What to remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RemoveScope {
    /// The matched words (and one space next to them).
    Match,
    /// The whole sentence holding the match.
    Sentence,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplaceSpec {
    /// A regex (case-insensitive) searched for inside the matched words.
    pub pattern: String,
    /// Its replacement (`$1`, `${name}` refer to groups); empty removes.
    #[serde(default)]
    pub with: String,
}

/// `autofix:` as written in a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutofixSpec {
    pub applicability: FixGrade,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub replace: Vec<ReplaceSpec>,
    #[serde(default)]
    pub remove: Option<RemoveScope>,
}

#[derive(Debug)]
enum Action {
    Replace(Vec<Replacement>),
    Remove(RemoveScope),
}

/// One `replace:` entry. Its regex is compiled on first use: loading the built-in rules
/// compiled every one of them, a fifth of the start-up time of a one-file run.
#[derive(Debug)]
struct Replacement {
    pattern: String,
    /// For ASCII texts (most matched words): `regex-lite`, whose syntax, matches and
    /// replacement syntax are the `regex` crate's there (its classes, case folding and `\b`
    /// are ASCII ones; see `crate::rules::lazy_regex::compile`). It compiles without Unicode
    /// tables and skips the prefilters a search of a few words does not need: compiling the
    /// full regexes was a third of a run over an example with many fixes. `None` inside: a
    /// pattern it does not support (`\p{..}`), which the full regex takes.
    ascii: OnceLock<Option<regex_lite::Regex>>,
    /// For other texts. `None` inside: the pattern does not compile ([`PhraseFix::check`]
    /// reports it).
    regex: OnceLock<Option<Regex>>,
    with: String,
}

impl Replacement {
    fn build(pattern: &str) -> Result<Regex, String> {
        RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| format!("autofix pattern {pattern:?}: {e}"))
    }

    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| Replacement::build(&self.pattern).ok())
            .as_ref()
    }

    fn ascii_regex(&self) -> Option<&regex_lite::Regex> {
        self.ascii
            .get_or_init(|| {
                regex_lite::RegexBuilder::new(&self.pattern)
                    .case_insensitive(true)
                    .size_limit(1 << 20)
                    .build()
                    .ok()
            })
            .as_ref()
    }

    /// Each match in `text` and what replaces it, in order.
    fn changes_in(&self, text: &str) -> Vec<(Range<usize>, String)> {
        match self.ascii_regex() {
            Some(re) if text.is_ascii() => self.changes_by_ascii_regex(re, text),
            _ => self.changes_by_regex(text),
        }
    }

    fn changes_by_ascii_regex(
        &self,
        re: &regex_lite::Regex,
        text: &str,
    ) -> Vec<(Range<usize>, String)> {
        re.captures_iter(text)
            .filter_map(|caps| {
                replaced(caps.get(0).map(|m| m.range()), |new| {
                    caps.expand(&self.with, new)
                })
            })
            .collect()
    }

    fn changes_by_regex(&self, text: &str) -> Vec<(Range<usize>, String)> {
        let Some(re) = self.regex() else {
            return Vec::new();
        };
        re.captures_iter(text)
            .filter_map(|caps| {
                replaced(caps.get(0).map(|m| m.range()), |new| {
                    caps.expand(&self.with, new)
                })
            })
            .collect()
    }
}

/// A match and the text that replaces it, which `expand` writes (the two regex crates'
/// captures share no trait).
fn replaced(
    whole: Option<Range<usize>>,
    expand: impl FnOnce(&mut String),
) -> Option<(Range<usize>, String)> {
    let whole = whole?;
    let mut new = String::new();
    expand(&mut new);
    Some((whole, new))
}

/// A compiled `autofix:`.
#[derive(Debug)]
pub struct PhraseFix {
    applicability: Applicability,
    title: String,
    action: Action,
}

impl PhraseFix {
    /// The fix of a rule file; `check_syntax`: whether the patterns' syntax is checked now
    /// (cheap; the size limit when compiled), which the built-in rules, tested by `cargo
    /// test`, skip at start-up.
    pub fn compile(spec: &AutofixSpec, check_syntax: bool) -> Result<PhraseFix, String> {
        let action = match (&spec.remove, spec.replace.is_empty()) {
            (Some(scope), true) => Action::Remove(*scope),
            (None, false) => {
                let mut list = Vec::new();
                for r in &spec.replace {
                    if check_syntax {
                        regex_syntax::ParserBuilder::new()
                            .case_insensitive(true)
                            .build()
                            .parse(&r.pattern)
                            .map_err(|e| format!("autofix pattern {:?}: {e}", r.pattern))?;
                    }
                    list.push(Replacement {
                        pattern: r.pattern.clone(),
                        ascii: OnceLock::new(),
                        regex: OnceLock::new(),
                        with: r.with.clone(),
                    });
                }
                Action::Replace(list)
            }
            _ => return Err("`autofix` needs exactly one of `replace` and `remove`".into()),
        };
        let title = spec.title.clone().unwrap_or_else(|| {
            match &action {
                Action::Remove(RemoveScope::Match) => "remove the matched words",
                Action::Remove(RemoveScope::Sentence) => "remove the sentence",
                Action::Replace(_) => "rewrite the matched words",
            }
            .to_string()
        });
        Ok(PhraseFix {
            applicability: match spec.applicability {
                FixGrade::Safe => Applicability::Safe,
                FixGrade::Unsafe => Applicability::Unsafe,
            },
            title,
            action,
        })
    }

    pub fn applicability(&self) -> Applicability {
        self.applicability
    }

    /// Compiles every `replace:` pattern: `Err` names one that does not compile.
    pub fn check(&self) -> Result<(), String> {
        match &self.action {
            Action::Replace(list) => list
                .iter()
                .try_for_each(|r| Replacement::build(&r.pattern).map(|_| ())),
            Action::Remove(_) => Ok(()),
        }
    }

    /// Replacements in view coordinates for a match at `hit`: (view range, new text).
    fn view_changes(&self, text: &str, hit: Range<usize>) -> Option<Vec<(Range<usize>, String)>> {
        let matched = text.get(hit.clone())?;
        match &self.action {
            Action::Replace(list) => {
                let mut changes: Vec<(Range<usize>, String)> = Vec::new();
                for replacement in list {
                    for (m, new) in replacement.changes_in(matched) {
                        let range = hit.start + m.start..hit.start + m.end;
                        if changes
                            .iter()
                            .any(|(r, _)| r.start < range.end && range.start < r.end)
                        {
                            continue;
                        }
                        changes.push((range, new));
                    }
                }
                changes.sort_by_key(|(r, _)| r.start);
                (!changes.is_empty()).then_some(changes)
            }
            Action::Remove(RemoveScope::Match) => {
                Some(vec![(widen_over_space(text, hit), String::new())])
            }
            Action::Remove(RemoveScope::Sentence) => {
                let s = sentence_around(text, hit);
                let mut end = s.end;
                while text[end..].starts_with(' ') {
                    end += 1;
                }
                let start = s.start
                    + (text[s.start..s.end].len() - text[s.start..s.end].trim_start().len());
                Some(vec![(start..end, String::new())])
            }
        }
    }

    /// The fix for a match at `hit` (view range) of a field: edits when they can be placed
    /// exactly, else advice.
    pub fn fix_for(
        &self,
        source: &str,
        view: &TextView,
        field: &TextField,
        hit: Range<usize>,
    ) -> Fix {
        let edits = match &self.action {
            Action::Remove(RemoveScope::Sentence) => {
                remove_sentence(source, view, field, hit).map(|e| vec![e])
            }
            Action::Remove(RemoveScope::Match) => exact_value_range(view, field, hit)
                .and_then(|r| remove_value(source, field, r))
                .map(|e| vec![e]),
            Action::Replace(_) => self.view_changes(&view.text, hit).and_then(|changes| {
                changes
                    .into_iter()
                    .map(|(r, new)| {
                        let value_range = exact_value_range(view, field, r)?;
                        replace_value(source, field, value_range, &new)
                    })
                    .collect::<Option<Vec<Edit>>>()
            }),
        };
        fix_or_manual(self.applicability, self.title.clone(), edits)
    }

    /// Checks the fix on the rule's `fire` examples: where it applies, the fixed example
    /// fires less often. `find` is the rule's matcher.
    pub fn check_examples<'a>(
        &self,
        examples: impl IntoIterator<Item = &'a String>,
        find: impl Fn(&str) -> Vec<Range<usize>>,
    ) -> Result<(), String> {
        for example in examples {
            let hits = find(example);
            let Some(first) = hits.first() else { continue };
            let Some(changes) = self.view_changes(example, first.clone()) else {
                continue;
            };
            let mut fixed = example.clone();
            for (r, new) in changes.iter().rev() {
                fixed.replace_range(r.clone(), new);
            }
            let after = find(&fixed).len();
            if after >= hits.len() {
                return Err(format!(
                    "autofix does not fix the example {example:?} (fixed to {fixed:?}, which still fires)"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Replacement;
    use crate::diagnostic::Applicability;
    use crate::rules::phrase::PhraseRule;
    use crate::rules::Rule;

    const RULE: &str = r#"
id: test/five-star
severity: error
summary: asks for a 5-star review
why: because
source: https://example.invalid
fix: ask for an honest review
patterns:
  en: ['\b5[- ]star\s+review']
AUTOFIX
examples:
  fire:
    en: ["Leave a 5-star review!"]
"#;

    fn load(autofix: &str) -> Result<PhraseRule, String> {
        PhraseRule::load("t.yaml", &RULE.replace("AUTOFIX", autofix)).map_err(|e| e.to_string())
    }

    /// On ASCII texts, regex-lite finds and rewrites what the regex crate does, for every
    /// built-in replacement: on every ASCII line of the corpus, examples and fixtures, and on
    /// the rules' own examples.
    #[test]
    fn ascii_replacements_are_the_regex_crates() {
        let mut replacements = Vec::new();
        let mut texts = Vec::new();
        for entry in std::fs::read_dir("rules").unwrap() {
            let rule: serde_json::Value =
                serde_saphyr::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap())
                    .unwrap();
            for r in rule["autofix"]["replace"].as_array().into_iter().flatten() {
                replacements.push(Replacement {
                    pattern: r["pattern"].as_str().unwrap().to_string(),
                    ascii: Default::default(),
                    regex: Default::default(),
                    with: r["with"].as_str().unwrap_or_default().to_string(),
                });
            }
            for examples in rule["examples"]
                .as_object()
                .into_iter()
                .flat_map(|e| e.values())
            {
                for list in examples.as_object().into_iter().flat_map(|l| l.values()) {
                    let strings = list.as_array().into_iter().flatten();
                    texts.extend(strings.filter_map(|t| t.as_str().map(str::to_string)));
                }
            }
        }
        for file in crate::test_support::corpus_files() {
            texts.extend(file.lines().map(str::to_string));
        }
        texts.retain(|t| t.is_ascii());
        assert!(replacements.len() >= 2 && texts.len() > 2000);
        let mut changed = 0;
        for r in &replacements {
            let lite = r
                .ascii_regex()
                .expect("regex-lite supports the built-in patterns");
            for text in &texts {
                let expected = r.changes_by_regex(text);
                assert_eq!(
                    r.changes_by_ascii_regex(lite, text),
                    expected,
                    "{} on {text:?}",
                    r.pattern
                );
                changed += usize::from(!expected.is_empty());
            }
        }
        assert!(changed > 20, "only {changed} texts changed");
    }

    #[test]
    fn a_rule_with_a_fix_is_graded_by_it() {
        let rule =
            load("autofix: {applicability: safe, replace: [{pattern: '5-star\\s+', with: ''}]}");
        let rule = rule.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rule.meta().fixable, Applicability::Safe);
        let rule = load("autofix: {applicability: unsafe, remove: sentence}");
        assert_eq!(rule.map(|r| r.meta().fixable), Ok(Applicability::Unsafe));
    }

    #[test]
    fn a_fix_that_does_not_fix_its_example_stops_the_rule_loading() {
        let err =
            load("autofix: {applicability: safe, replace: [{pattern: 'review', with: 'Review'}]}")
                .err()
                .unwrap_or_default();
        assert!(err.contains("does not fix the example"), "{err}");
    }

    #[test]
    fn an_autofix_needs_exactly_one_action() {
        let both = load("autofix: {applicability: safe, remove: match, replace: [{pattern: 'x'}]}");
        assert!(both.err().unwrap_or_default().contains("exactly one"));
        let none = load("autofix: {applicability: safe}");
        assert!(none.err().unwrap_or_default().contains("exactly one"));
        let manual = load("autofix: {applicability: manual, remove: match}");
        assert!(manual.is_err());
        let bad = load("autofix: {applicability: safe, replace: [{pattern: '(', with: ''}]}");
        assert!(bad.err().unwrap_or_default().contains("autofix pattern"));
    }
}
