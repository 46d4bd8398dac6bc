//! A linted file's text and the arithmetic that turns byte offsets into the 1-based line and
//! column numbers every report shows (columns count characters, as editors and SARIF do).

use std::ops::Range;

/// One input file as read from disk (or stdin), with a line index for position lookups.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it in reports.
    pub name: String,
    /// The whole text, exactly as read (a UTF-8 BOM and CRLF line endings are kept, so that byte
    /// offsets stay offsets into the original file).
    pub text: String,
    line_starts: LineStarts,
}

/// Byte offset where each line starts: 32-bit when the text allows (every text this linter
/// reads; a 50 MiB file has about a million lines, whose index is then half the size).
#[derive(Debug, Clone)]
enum LineStarts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        // LF, CRLF and a lone CR (old Mac files) each end a line, as in YAML and editors.
        let bytes = text.as_bytes();
        let starts = std::iter::once(0).chain(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        if u32::try_from(text.len()).is_ok() {
            // Every start is at most the text's length.
            LineStarts::Narrow(starts.map(|s| s as u32).collect())
        } else {
            LineStarts::Wide(starts.collect())
        }
    }

    fn len(&self) -> usize {
        match self {
            LineStarts::Narrow(v) => v.len(),
            LineStarts::Wide(v) => v.len(),
        }
    }

    fn get(&self, line: usize) -> Option<usize> {
        match self {
            LineStarts::Narrow(v) => v.get(line).map(|&s| s as usize),
            LineStarts::Wide(v) => v.get(line).copied(),
        }
    }

    /// Index of the line holding `offset` (at most the text's length).
    fn line_of(&self, offset: usize) -> usize {
        let found = match self {
            LineStarts::Narrow(v) => match u32::try_from(offset) {
                Ok(offset) => v.binary_search(&offset),
                Err(_) => Err(v.len()),
            },
            LineStarts::Wide(v) => v.binary_search(&offset),
        };
        match found {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// A 1-based line and column (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let line_starts = LineStarts::new(&text);
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Index (0-based) of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts.line_of(offset.min(self.text.len()))
    }

    /// 1-based line and character column of a byte offset. Offsets inside a multi-byte
    /// character count as that character.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts.get(line).unwrap_or(0);
        let prefix = floor_slice(&self.text, start, offset);
        // A BOM is not a column a user can see.
        let bom = usize::from(line == 0 && prefix.starts_with('\u{feff}'));
        LineCol {
            line: line + 1,
            column: prefix.chars().count() + 1 - bom,
        }
    }

    /// Byte range of a 0-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts.get(line).unwrap_or(self.text.len());
        let mut end = self
            .line_starts
            .get(line + 1)
            .map(|s| s - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let r = self.line_range(line);
        self.text.get(r).unwrap_or("")
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Start and end positions of a byte range; the end is exclusive, as in LSP and SARIF.
    pub fn range_positions(&self, range: &Range<usize>) -> (LineCol, LineCol) {
        (self.line_col(range.start), self.line_col(range.end))
    }
}

/// `text[start..end]`, moving both ends down to char boundaries so it never panics.
pub fn floor_slice(text: &str, start: usize, end: usize) -> &str {
    let end = floor_char_boundary(text, end.min(text.len()));
    let start = floor_char_boundary(text, start.min(end));
    &text[start..end]
}

pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("x", "a: é\nb: 日本語 x\n".to_string());
        let off = f.text.find('x').unwrap();
        assert_eq!(f.line_col(off), LineCol { line: 2, column: 8 });
    }

    #[test]
    fn bom_is_not_a_column() {
        let f = SourceFile::new("x", "\u{feff}a: b\r\nc: d\r\n".to_string());
        assert_eq!(f.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(
            f.line_col(f.text.find('c').unwrap()),
            LineCol { line: 2, column: 1 }
        );
        assert_eq!(f.line_text(0), "\u{feff}a: b");
    }
}
