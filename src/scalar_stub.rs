//! TEMPORARY stand-in until the real scalar mapper lands (literal block scalars only).
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
    chars: Option<Vec<Range<usize>>>,
    /// Length of an identity map (see [`ScalarMap::identity`]).
    identity: Option<usize>,
}
impl ScalarMap {
    pub fn build(source: &str, node_start: usize, value: &str) -> ScalarMap {
        // naive: find each char of value sequentially in source from node_start, skipping others
        let mut chars = Vec::new();
        let mut pos = node_start;
        let bytes = source;
        if source.get(pos..pos + 1) == Some("\"") || source.get(pos..pos + 1) == Some("'") {
            pos += 1;
        }
        for c in value.chars() {
            let rest = match bytes.get(pos..) {
                Some(r) => r,
                None => return ScalarMap::fallback(node_start),
            };
            if c == '\n' || c == ' ' {
                match rest.find(|x: char| x == c || x == '\n' || x == ' ') {
                    Some(i) if i < 200 => {
                        chars.push(pos + i..pos + i + 1);
                        pos += i + 1;
                    }
                    _ => return ScalarMap::fallback(node_start),
                }
                continue;
            }
            match rest.find(c) {
                Some(i)
                    if rest[..i]
                        .chars()
                        .all(|x| x == ' ' || x == '\n' || x == '\r' || x == '\t') =>
                {
                    chars.push(pos + i..pos + i + c.len_utf8());
                    pos += i + c.len_utf8();
                }
                _ => return ScalarMap::fallback(node_start),
            }
        }
        ScalarMap {
            start: node_start,
            chars: Some(chars),
            identity: None,
        }
    }
    pub fn fallback(node_start: usize) -> ScalarMap {
        ScalarMap {
            start: node_start,
            chars: None,
            identity: None,
        }
    }
    /// A value that is a verbatim copy of `len` source bytes starting at `start` (plain
    /// template files: the whole file is the body), so every offset maps one to one.
    pub fn identity(start: usize, len: usize) -> ScalarMap {
        ScalarMap {
            start,
            chars: None,
            identity: Some(len),
        }
    }
    pub fn style(&self) -> Option<ScalarStyle> {
        None
    }
    pub fn is_verified(&self) -> bool {
        self.chars.is_some() || self.identity.is_some()
    }
    pub fn source_range(&self, value_range: Range<usize>) -> Option<Range<usize>> {
        let len = self.identity?;
        let end = value_range.end.min(len);
        let start = value_range.start.min(end);
        Some(self.start + start..self.start + end)
    }
    pub fn source_range_or_start(&self, value_range: Range<usize>) -> Range<usize> {
        if let Some(r) = self.source_range(value_range) {
            return r;
        }
        self.start..self.start + 1
    }
    pub fn node_range(&self) -> Range<usize> {
        if let Some(len) = self.identity {
            return self.start..self.start + len;
        }
        self.start..self.start + 1
    }
}
