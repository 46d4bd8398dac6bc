//! Autofix: applies the edits of fixes to a file's text, round by round, and proves each
//! round harmless before keeping it.
//!
//! A round takes every applicable fix (safe ones; unsafe ones too with `--unsafe-fixes`)
//! whose edits overlap no fix taken before it, applies them as byte-range replacements on the
//! text (every other byte stays as it was: comments, quoting, indentation, line endings, a
//! BOM), re-parses and re-lints. Overlapping fixes wait for the next round. A round is kept
//! only when the new text parses and every value of the model outside the edited scalars is
//! unchanged, and each edited scalar reads back as the value the fix meant; otherwise the
//! whole file is left as it was. Rounds stop when nothing is left to apply, or after
//! [`MAX_ROUNDS`] (reported as not converged).
//!
//! [`edits`] has the helpers rules use to build edits; [`write`](mod@write) writes files atomically;
//! [`command`] is `check --fix/--fix-only/--diff`; [`phrase_fix`] is the `autofix:` key of
//! phrase rules.

pub mod command;
pub mod edits;
pub mod phrase_fix;
mod verify;
pub mod write;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::lint::{lint_source, FileReport, Settings};
use crate::rules::registry::Registry;
use crate::source::SourceFile;

/// Rounds of fix, re-lint, fix before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    pub max_rounds: usize,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            unsafe_fixes: false,
            max_rounds: MAX_ROUNDS,
        }
    }
}

impl FixOptions {
    /// Is a fix of this grade applied?
    pub fn applies(&self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::Manual => false,
        }
    }
}

/// How fixing one file ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixStatus {
    /// Nothing to apply (or the file did not parse: it is never touched).
    Unchanged,
    /// Fixes were applied and no applicable fix is left.
    Fixed,
    /// Fixes were applied, but applicable fixes remain after the last round.
    NotConverged,
    /// A round failed its checks; the file is left as it was. The reason says why.
    Abandoned(String),
}

/// The result of fixing one file's text.
#[derive(Debug)]
pub struct FileFix {
    pub original: String,
    /// The fixed text (the original when nothing was applied).
    pub fixed: String,
    /// Number of fixes applied.
    pub applied: usize,
    pub rounds: usize,
    pub status: FixStatus,
    /// The lint of the fixed text: what remains.
    pub report: FileReport,
}

impl FileFix {
    pub fn changed(&self) -> bool {
        self.fixed != self.original
    }
}

/// Fixes of a report that apply under `options`, each as its edits.
fn applicable<'a>(
    diagnostics: &'a [Diagnostic],
    options: &FixOptions,
) -> impl Iterator<Item = &'a Diagnostic> + 'a {
    let options = *options;
    diagnostics
        .iter()
        .filter(move |d| options.applies(d.applicability) && !d.edits.is_empty())
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    // Two insertions at one point conflict too: their order would be a guess.
    (a.range.start < b.range.end && b.range.start < a.range.end)
        || (a.range.start == b.range.start && (a.range.is_empty() || b.range.is_empty()))
}

/// Picks fixes whose edits overlap nothing picked before (in source order); returns the
/// edits, sorted, and how many fixes they make.
pub fn select_edits(diagnostics: &[Diagnostic], options: &FixOptions) -> (Vec<Edit>, usize) {
    let mut fixes: Vec<Vec<Edit>> = applicable(diagnostics, options)
        .map(|d| {
            let mut edits: Vec<Edit> = d.edits.iter().map(|e| e.edit()).collect();
            edits.sort_by_key(|e| (e.range.start, e.range.end));
            edits.dedup();
            edits
        })
        .collect();
    fixes.sort_by_key(|edits| edits.first().map(|e| (e.range.start, e.range.end)));
    let mut taken: Vec<Edit> = Vec::new();
    let mut count = 0;
    for edits in fixes {
        let fresh: Vec<&Edit> = edits.iter().filter(|e| !taken.contains(e)).collect();
        let inner_overlap = fresh.windows(2).any(|w| overlaps(w[0], w[1]));
        if inner_overlap || fresh.iter().any(|e| taken.iter().any(|t| overlaps(e, t))) {
            continue;
        }
        taken.extend(fresh.into_iter().cloned());
        count += 1;
    }
    taken.sort_by_key(|e| (e.range.start, e.range.end));
    (taken, count)
}

/// Applies sorted, non-overlapping edits to a text. `None` when an edit is out of bounds or
/// not on character boundaries.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for e in edits {
        if e.range.start < cursor {
            return None;
        }
        out.push_str(text.get(cursor..e.range.start)?);
        text.get(e.range.clone())?;
        out.push_str(&e.replacement);
        cursor = e.range.end;
    }
    out.push_str(text.get(cursor..)?);
    Some(out)
}

/// Fixes one file's text: rounds of apply, verify, re-lint.
pub fn fix_source(
    source: SourceFile,
    registry: &Registry,
    settings: &Settings,
    options: &FixOptions,
) -> FileFix {
    let original = source.text.clone();
    let name = source.name.clone();
    let mut report = lint_source(source, registry, settings);
    let mut applied = 0;
    let mut rounds = 0;
    let mut status = FixStatus::Unchanged;
    if !report.errors.is_empty() {
        return FileFix {
            fixed: original.clone(),
            original,
            applied,
            rounds,
            status,
            report,
        };
    }
    loop {
        let (edits, count) = select_edits(&report.diagnostics, options);
        if edits.is_empty() {
            break;
        }
        if rounds == options.max_rounds {
            status = FixStatus::NotConverged;
            break;
        }
        rounds += 1;
        let checked = apply_edits(&report.source.text, &edits)
            .ok_or_else(|| "an edit did not fit the text".to_string())
            .and_then(|text| {
                let next = lint_source(SourceFile::new(name.clone(), text), registry, settings);
                verify::same_outside_edits(&report, &next, &edits).map(|()| next)
            });
        match checked {
            Ok(next) if next.source.text == report.source.text => break,
            Ok(next) => {
                applied += count;
                status = FixStatus::Fixed;
                report = next;
            }
            Err(reason) => {
                let report =
                    lint_source(SourceFile::new(name, original.clone()), registry, settings);
                return FileFix {
                    fixed: original.clone(),
                    original,
                    applied: 0,
                    rounds,
                    status: FixStatus::Abandoned(reason),
                    report,
                };
            }
        }
    }
    FileFix {
        fixed: report.source.text.clone(),
        original,
        applied,
        rounds,
        status,
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: std::ops::Range<usize>, replacement: &str) -> Edit {
        Edit {
            range,
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn edits_replace_byte_ranges_and_nothing_else() {
        let text = "a: 'x'\r\n# c\r\nb: y";
        let edits = [edit(4..5, "z"), edit(16..17, "w")];
        assert_eq!(
            apply_edits(text, &edits).as_deref(),
            Some("a: 'z'\r\n# c\r\nb: w")
        );
        // Out of bounds, inside a character, or unsorted: refused.
        assert_eq!(apply_edits(text, &[edit(30..31, "")]), None);
        assert_eq!(apply_edits("é", &[edit(1..2, "")]), None);
        assert_eq!(apply_edits(text, &[edit(5..6, ""), edit(4..5, "")]), None);
    }

    #[test]
    fn overlapping_edits_and_insertions_at_one_point_conflict() {
        assert!(overlaps(&edit(0..5, ""), &edit(4..6, "")));
        assert!(!overlaps(&edit(0..5, ""), &edit(5..6, "")));
        assert!(overlaps(&edit(3..3, "a"), &edit(3..3, "b")));
        assert!(overlaps(&edit(3..3, "a"), &edit(3..5, "")));
        assert!(!overlaps(&edit(5..5, "a"), &edit(3..5, "")));
    }

    #[test]
    fn only_granted_grades_apply() {
        let safe_only = FixOptions::default();
        assert!(safe_only.applies(Applicability::Safe));
        assert!(!safe_only.applies(Applicability::Unsafe));
        let all = FixOptions {
            unsafe_fixes: true,
            ..FixOptions::default()
        };
        assert!(all.applies(Applicability::Unsafe));
        assert!(!all.applies(Applicability::Manual));
    }
}
