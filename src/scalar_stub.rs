//! TEMPORARY stand-in until the real scalar mapper lands. Maps exactly: one-line plain,
//! single- and double-quoted scalars (escapes included) and literal block scalars. Anything
//! else (folded, multi-line flow scalars) is a fallback map that only knows its start.
use std::ops::Range;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}
#[derive(Debug, Clone)]
pub struct ScalarMap {
    start: usize,
    end: usize,
    style: Option<ScalarStyle>,
    /// Per value char: (value byte offset, char byte length, source byte range).
    chars: Option<Vec<(usize, usize, Range<usize>)>>,
}

/// Style of the scalar whose content starts at `node_start`.
fn detect_style(source: &str, node_start: usize) -> Option<ScalarStyle> {
    let rest = source.get(node_start..)?;
    let line_start = source[..node_start].rfind('\n').map_or(0, |i| i + 1);
    let at_line_content = source[line_start..node_start]
        .chars()
        .all(|c| c == ' ' || c == '\u{feff}');
    if at_line_content && line_start > 0 {
        // A block scalar's content starts on the line after its `|` or `>` header.
        let mut prev_end = line_start - 1;
        loop {
            let prev_start = source[..prev_end].rfind('\n').map_or(0, |i| i + 1);
            let line = source[prev_start..prev_end].trim_end_matches('\r');
            if line.trim().is_empty() && prev_start > 0 {
                prev_end = prev_start - 1;
                continue;
            }
            let code = match line.find(" #") {
                Some(i) => &line[..i],
                None => line,
            };
            let last = code.split_whitespace().last().unwrap_or("");
            let header = |c: char| {
                last.starts_with(c)
                    && last[1..]
                        .chars()
                        .all(|x| x == '-' || x == '+' || x.is_ascii_digit())
            };
            if header('|') {
                return Some(ScalarStyle::Literal);
            }
            if header('>') {
                return Some(ScalarStyle::Folded);
            }
            break;
        }
    }
    Some(match rest.chars().next()? {
        '"' => ScalarStyle::DoubleQuoted,
        '\'' => ScalarStyle::SingleQuoted,
        _ => ScalarStyle::Plain,
    })
}

type CharMap = Vec<(usize, usize, Range<usize>)>;

fn map_plain(source: &str, start: usize, value: &str) -> Option<CharMap> {
    let raw = source.get(start..start + value.len())?;
    if raw != value || value.contains(['\n', '\r']) {
        return None;
    }
    Some(
        value
            .char_indices()
            .map(|(i, c)| (i, c.len_utf8(), start + i..start + i + c.len_utf8()))
            .collect(),
    )
}

fn map_single(source: &str, start: usize, value: &str) -> Option<CharMap> {
    let mut pos = start + 1;
    let mut out = Vec::new();
    for (i, c) in value.char_indices() {
        let rest = source.get(pos..)?;
        let width = if c == '\'' {
            rest.starts_with("''").then_some(2)?
        } else if c == '\n' || c == '\r' {
            return None;
        } else {
            rest.starts_with(c).then_some(c.len_utf8())?
        };
        out.push((i, c.len_utf8(), pos..pos + width));
        pos += width;
    }
    source.get(pos..)?.starts_with('\'').then_some(out)
}

fn map_double(source: &str, start: usize, value: &str) -> Option<CharMap> {
    let mut pos = start + 1;
    let mut out = Vec::new();
    for (i, c) in value.char_indices() {
        let rest = source.get(pos..)?;
        let width = if let Some(esc) = rest.strip_prefix('\\') {
            let simple = match c {
                '\\' => Some('\\'),
                '"' => Some('"'),
                '\n' => Some('n'),
                '\t' => Some('t'),
                '\r' => Some('r'),
                '/' => Some('/'),
                '\0' => Some('0'),
                ' ' => Some(' '),
                _ => None,
            };
            match simple {
                Some(e) if esc.starts_with(e) => 2,
                _ => {
                    let n = match esc.chars().next()? {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => return None,
                    };
                    let hex = esc.get(1..1 + n)?;
                    let code = u32::from_str_radix(hex, 16).ok()?;
                    if char::from_u32(code)? != c {
                        return None;
                    }
                    2 + n
                }
            }
        } else if c == '"' || c == '\\' || c == '\n' || rest.starts_with(['\n', '\r']) {
            return None;
        } else {
            rest.starts_with(c).then_some(c.len_utf8())?
        };
        out.push((i, c.len_utf8(), pos..pos + width));
        pos += width;
    }
    source.get(pos..)?.starts_with('"').then_some(out)
}

fn map_literal(source: &str, start: usize, value: &str) -> Option<CharMap> {
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    let mut pos = start;
    let mut out = Vec::new();
    for (i, c) in value.char_indices() {
        let rest = source.get(pos..)?;
        if c == '\n' {
            let width = if rest.starts_with("\r\n") {
                2
            } else if rest.starts_with('\n') {
                1
            } else {
                return None;
            };
            out.push((i, 1, pos..pos + width));
            pos += width;
            // Skip the indentation of the next line (a blank line may be shorter).
            let next = source.get(pos..)?;
            let spaces = next.bytes().take(indent).take_while(|b| *b == b' ').count();
            let after = &next[spaces..];
            if spaces < indent && !(after.starts_with('\n') || after.starts_with("\r\n")) {
                // The content ended (only trailing newlines remain in the value).
                continue;
            }
            pos += spaces;
        } else if rest.starts_with(c) {
            out.push((i, c.len_utf8(), pos..pos + c.len_utf8()));
            pos += c.len_utf8();
        } else {
            return None;
        }
    }
    Some(out)
}

/// Length of the line break at the start of `s` (`\n` or `\r\n`), 0 when there is none.
fn break_len(s: &str) -> usize {
    if s.starts_with("\r\n") {
        2
    } else {
        usize::from(s.starts_with('\n'))
    }
}

/// Folded block: a value space may be a line fold (mapped to the line break), a value line
/// break may stand for a blank line (the break before it is dropped by folding).
fn map_folded(source: &str, start: usize, value: &str) -> Option<CharMap> {
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    let skip_indent = |pos: usize| -> usize {
        let next = source.get(pos..).unwrap_or("");
        pos + next.bytes().take(indent).take_while(|b| *b == b' ').count()
    };
    let mut pos = start;
    let mut out = Vec::new();
    for (i, c) in value.char_indices() {
        let rest = source.get(pos..)?;
        let br = break_len(rest);
        if (c == ' ' || c == '\n') && br > 0 {
            let after = skip_indent(pos + br);
            let next_blank = break_len(source.get(after..)?) > 0;
            if c == ' ' {
                if next_blank {
                    return None;
                }
                out.push((i, 1, pos..pos + br));
                pos = after;
            } else if next_blank && i + 1 < value.len() {
                // The break before a blank line is folded away; the blank line is the `\n`.
                let blank_br = break_len(&source[after..]);
                out.push((i, 1, after..after + blank_br));
                pos = skip_indent(after + blank_br);
            } else {
                out.push((i, 1, pos..pos + br));
                pos = after;
            }
        } else if c != '\n' && rest.starts_with(c) {
            out.push((i, c.len_utf8(), pos..pos + c.len_utf8()));
            pos += c.len_utf8();
        } else {
            return None;
        }
    }
    Some(out)
}

impl ScalarMap {
    pub fn build(source: &str, node_start: usize, value: &str) -> ScalarMap {
        let style = detect_style(source, node_start);
        let chars = match style {
            Some(ScalarStyle::Plain) => map_plain(source, node_start, value),
            Some(ScalarStyle::SingleQuoted) => map_single(source, node_start, value),
            Some(ScalarStyle::DoubleQuoted) => map_double(source, node_start, value),
            Some(ScalarStyle::Literal) => map_literal(source, node_start, value),
            Some(ScalarStyle::Folded) => map_folded(source, node_start, value),
            None => None,
        };
        let Some(chars) = chars else {
            let mut map = ScalarMap::fallback(node_start);
            map.style = style;
            return map;
        };
        let content_end = chars.last().map_or(node_start, |c| c.2.end);
        let end = match style {
            Some(ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) => {
                content_end.max(node_start + 1) + 1
            }
            _ => content_end.max(node_start + 1),
        };
        ScalarMap {
            start: node_start,
            end,
            style,
            chars: Some(chars),
        }
    }
    pub fn fallback(node_start: usize) -> ScalarMap {
        ScalarMap {
            start: node_start,
            end: node_start + 1,
            style: None,
            chars: None,
        }
    }
    pub fn style(&self) -> Option<ScalarStyle> {
        self.style
    }
    pub fn is_verified(&self) -> bool {
        self.chars.is_some()
    }
    /// Where the value's content starts in the source (after an opening quote).
    fn content_start(&self) -> usize {
        match self.style {
            Some(ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) => self.start + 1,
            _ => self.start,
        }
    }
    pub fn source_range(&self, value_range: Range<usize>) -> Option<Range<usize>> {
        let chars = self.chars.as_ref()?;
        let value_len = chars.last().map_or(0, |c| c.0 + c.1);
        if value_range.start > value_range.end || value_range.end > value_len {
            return None;
        }
        let pos_of = |offset: usize| -> Option<usize> {
            if offset == value_len {
                return Some(chars.last().map_or(self.content_start(), |c| c.2.end));
            }
            chars.iter().find(|c| c.0 == offset).map(|c| c.2.start)
        };
        if value_range.is_empty() {
            let p = pos_of(value_range.start)?;
            return Some(p..p);
        }
        let first = chars.iter().find(|c| c.0 == value_range.start)?;
        let last = chars.iter().find(|c| c.0 + c.1 == value_range.end)?;
        Some(first.2.start..last.2.end)
    }
    pub fn source_range_or_start(&self, value_range: Range<usize>) -> Range<usize> {
        self.source_range(value_range)
            .unwrap_or(self.start..self.start + 1)
    }
    pub fn node_range(&self) -> Range<usize> {
        self.start..self.end
    }
}
