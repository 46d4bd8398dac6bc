//! What the unit tests of several modules share: the labeled corpus, the examples and the
//! fixtures as texts to check matchers on.

use std::path::PathBuf;

/// The text of every corpus case, example and fixture.
pub fn corpus_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["../shared/corpus/cases", "examples", "tests/fixtures"] {
        let mut stack = vec![PathBuf::from(dir)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// Each file's whole text, then each of its lines: matchers are checked on both (a line
/// starts and ends where the whole text does not).
pub fn files_and_lines(files: &[String]) -> Vec<&str> {
    files
        .iter()
        .flat_map(|t| std::iter::once(t.as_str()).chain(t.lines()))
        .collect()
}

/// A pattern as rule files mean it (case-insensitive), parsed to its HIR.
pub fn parsed(pattern: &str) -> regex_syntax::hir::Hir {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .unwrap()
}
