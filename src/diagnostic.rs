//! What a rule reports ([`Finding`]) and what the user sees ([`Diagnostic`]): a finding with
//! its file, resolved severity and line/column positions. Fixes are described here too, so
//! every output format can show their grade.

use crate::source::{LineCol, SourceFile};
use arcstr::ArcStr;
use std::fmt;
use std::ops::Range;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `off` (None), `info`, `warning`/`warn`, `error`.
    pub fn parse_level(s: &str) -> Result<Option<Severity>, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" | "none" | "ignore" => Ok(None),
            "info" | "note" => Ok(Some(Severity::Info)),
            "warning" | "warn" => Ok(Some(Severity::Warning)),
            "error" | "deny" => Ok(Some(Severity::Error)),
            other => Err(format!(
                "unknown level `{other}`: use off, info, warning or error"
            )),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of a message a finding is about (the JSON report's `field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Sequence,
    Message,
    Id,
    Trigger,
    Delay,
    Subject,
    Body,
    Attachments,
    Purpose,
    Format,
    Marketplace,
    Language,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Sequence => "sequence",
            Field::Message => "message",
            Field::Id => "id",
            Field::Trigger => "trigger",
            Field::Delay => "delay",
            Field::Subject => "subject",
            Field::Body => "body",
            Field::Attachments => "attachments",
            Field::Purpose => "purpose",
            Field::Format => "format",
            Field::Marketplace => "marketplace",
            Field::Language => "language",
        }
    }
}

/// How sure a fix is (Ruff's and Clippy's applicability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Mechanical and certain: applied by `--fix`.
    Safe,
    /// Probably right but changes meaning: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Advice for a human; no edit is made.
    Manual,
}

/// Replace a byte range of the source file with new text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub range: Range<usize>,
    pub replacement: String,
}

/// An edit with the positions reports show (`--format json`: `edits`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlacedEdit {
    #[serde(skip)]
    pub range: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub replacement: String,
}

impl PlacedEdit {
    pub fn new(source: &SourceFile, edit: &Edit) -> PlacedEdit {
        let (start, end) = positions(source, &edit.range);
        PlacedEdit {
            range: edit.range.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            replacement: edit.replacement.clone(),
        }
    }

    pub fn edit(&self) -> Edit {
        Edit {
            range: self.range.clone(),
            replacement: self.replacement.clone(),
        }
    }
}

/// A concrete fix suggestion.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in the imperative ("remove `[Important]` from the subject").
    pub title: String,
    /// Edits on the original source; empty for manual advice.
    pub edits: Vec<Edit>,
}

/// What a rule reports about one message of a sequence.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    /// Index of the message in its sequence.
    pub message_index: usize,
    pub field: Field,
    /// Source byte range to point at.
    pub span: Range<usize>,
    pub message: String,
    /// The words that made the rule fire, when it is about words.
    pub matched: Option<String>,
    /// Overrides the rule's general fix text with advice specific to this finding.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

/// A finding placed in its file, with the severity the profile and configuration give it.
///
/// Its strings are shared `ArcStr`s, one word each: a big file keeps hundreds of thousands of
/// diagnostics until its report is sorted, and two-word `Arc<str>`s made each a third larger.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    pub file: ArcStr,
    pub rule: ArcStr,
    pub severity: Severity,
    /// Shared by the diagnostics of a file that say the same (see [`Texts`]).
    pub message: ArcStr,
    pub message_id: ArcStr,
    pub sequence: ArcStr,
    pub field: Field,
    /// 1-based positions, 32-bit: a big file has hundreds of thousands of diagnostics (see
    /// [`position`]).
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The suggested fix in words (usually the rule's, shared by all its diagnostics).
    pub fix: ArcStr,
    /// Grade of the fix: `safe`, `unsafe` or `manual`.
    pub applicability: Applicability,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<ArcStr>,
    /// Edits of the fix on the source, placed (empty when the fix is advice only). A boxed
    /// slice, not a `Vec`: most diagnostics have none, and each one's capacity word counted.
    pub edits: Box<[PlacedEdit]>,
    #[serde(skip)]
    pub span: Range<usize>,
    /// Index of the sequence in the file and of the message in the sequence (for sorting).
    #[serde(skip)]
    pub order: (u32, u32),
    /// Link to the rule's policy source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<ArcStr>,
}

impl Diagnostic {
    pub fn start(&self) -> LineCol {
        LineCol {
            line: self.line as usize,
            column: self.column as usize,
        }
    }

    /// The index of the sequence in its file and of the message in its sequence (see
    /// [`Diagnostic::order`]).
    pub fn place(&self) -> (usize, usize) {
        (self.order.0 as usize, self.order.1 as usize)
    }
}

/// A line, column or index as a diagnostic stores it: 32-bit, saturating (a file has fewer
/// than 4 billion lines or columns: the reader refuses files that large long before).
pub fn position(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One copy of each text the diagnostics of a file carry (messages, matched words, specific
/// advice): a big sequence has hundreds of thousands of diagnostics, most of them saying what
/// others already say (the same rule on the same words), and a copy each was a third of their
/// memory.
#[derive(Debug, Default)]
pub struct Texts {
    known: std::collections::HashSet<ArcStr>,
}

impl Texts {
    /// The shared copy of `text`, made on its first use.
    pub fn get(&mut self, text: String) -> ArcStr {
        if let Some(known) = self.known.get(text.as_str()) {
            return known.clone();
        }
        let new: ArcStr = ArcStr::from(text);
        self.known.insert(new.clone());
        new
    }
}

/// Line/column of a span, with an end that is never before the start.
pub fn positions(source: &SourceFile, span: &Range<usize>) -> (LineCol, LineCol) {
    let (start, end) = source.range_positions(span);
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::Texts;
    use arcstr::ArcStr;

    #[test]
    fn equal_texts_share_one_copy_and_different_ones_do_not() {
        let mut texts = Texts::default();
        let a = texts.get("the message does not include the order id".to_string());
        let b = texts.get("the message does not include the order id".to_string());
        let c = texts.get("another message".to_string());
        assert!(ArcStr::ptr_eq(&a, &b));
        assert_eq!(&*c, "another message");
        assert!(!ArcStr::ptr_eq(&a, &c));
    }

    /// A 50 MiB file has about 258,000 diagnostics, all kept until its report is sorted: at
    /// 192 bytes each (with two-word `Arc<str>` strings) they were the largest allocation at
    /// the peak of its memory. A new field should not quietly undo the one-word strings.
    #[test]
    fn a_diagnostic_takes_at_most_128_bytes() {
        assert!(
            std::mem::size_of::<super::Diagnostic>() <= 128,
            "{} bytes",
            std::mem::size_of::<super::Diagnostic>()
        );
    }
}
