//! Text views: what a buyer reads in a subject or body, as one string that rules match on,
//! with a map from every piece of it back to the field's value (and from there, through the
//! field's [`ScalarMap`](crate::scalar::ScalarMap), to the source file).
//!
//! A view strips HTML markup (keeping the visible text) and rewrites every placeholder to a
//! canonical `{{name}}`, so that one phrase pattern serves every template syntax.

use crate::html::{self, HtmlScan};
use crate::model::{BodyFormat, TextField};
use crate::placeholder::{find_placeholders, Placeholder, PlaceholderKind};
use std::ops::Range;

/// One stretch of the view and the value bytes it came from.
#[derive(Debug, Clone)]
struct Segment {
    view: Range<usize>,
    value: Range<usize>,
    /// The view text is a verbatim copy of the value text, so offsets map one to one.
    exact: bool,
}

/// A placeholder as it appears in the view.
#[derive(Debug, Clone)]
pub struct ViewPlaceholder {
    /// Range of the canonical `{{name}}` in the view text.
    pub view: Range<usize>,
    /// Range of the original placeholder in the field value.
    pub value: Range<usize>,
    pub name: String,
    pub kind: PlaceholderKind,
}

/// The visible, normalised text of one field.
#[derive(Debug, Clone, Default)]
pub struct TextView {
    pub text: String,
    segments: Vec<Segment>,
    pub placeholders: Vec<ViewPlaceholder>,
    /// The HTML markup of the field, when it is HTML.
    pub html: Option<HtmlScan>,
}

impl TextView {
    /// Builds the view of a field. `format` is the declared body format, if any; without one,
    /// HTML is detected from the text.
    pub fn new(field: &TextField, format: Option<BodyFormat>) -> TextView {
        let value = field.value.as_str();
        let is_html = match format {
            Some(BodyFormat::Html) => true,
            Some(BodyFormat::Text) => false,
            None => html::looks_like_html(value),
        };
        let mut view = TextView::default();
        if is_html {
            let scan = html::scan(value);
            for piece in &scan.text {
                view.push_text(&piece.text, piece.range.clone(), piece.exact);
            }
            view.html = Some(scan);
        } else {
            view.push_text(value, 0..value.len(), true);
        }
        view
    }

    /// A view of a plain string with no source (used by rule examples and tests).
    pub fn plain(text: &str) -> TextView {
        let mut view = TextView::default();
        view.push_text(text, 0..text.len(), true);
        view
    }

    /// Appends `text`, which came from `value` bytes, rewriting placeholders on the way.
    fn push_text(&mut self, text: &str, value: Range<usize>, exact: bool) {
        let placeholders: Vec<Placeholder> = find_placeholders(text);
        let mut cursor = 0;
        for p in placeholders {
            self.push_raw(&text[cursor..p.range.start], value.clone(), exact, cursor);
            let canonical = format!("{{{{{}}}}}", p.name);
            let value_range = if exact {
                value.start + p.range.start..value.start + p.range.end
            } else {
                value.clone()
            };
            let start = self.text.len();
            self.text.push_str(&canonical);
            self.segments.push(Segment {
                view: start..self.text.len(),
                value: value_range.clone(),
                exact: false,
            });
            self.placeholders.push(ViewPlaceholder {
                view: start..self.text.len(),
                value: value_range,
                name: p.name,
                kind: p.kind,
            });
            cursor = p.range.end;
        }
        self.push_raw(&text[cursor..], value, exact, cursor);
    }

    /// Appends a placeholder-free slice that starts `offset` bytes into a piece.
    fn push_raw(&mut self, text: &str, value: Range<usize>, exact: bool, offset: usize) {
        if text.is_empty() && exact {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        let value = if exact {
            value.start + offset..value.start + offset + text.len()
        } else {
            value
        };
        self.segments.push(Segment {
            view: start..self.text.len(),
            value,
            exact,
        });
    }

    /// The value byte range that produced a view byte range. Exact segments map byte for
    /// byte; a placeholder, entity or synthetic line break maps to all of its source.
    pub fn value_range(&self, view: Range<usize>) -> Range<usize> {
        let start = self.map_offset(view.start, false);
        let end = self.map_offset(view.end, true).max(start);
        start..end
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> usize {
        // Segments are sorted by view position; find the one holding the offset. For an end
        // offset, the segment that ends there wins, so a match never spills into the next.
        let idx = self.segments.partition_point(|s| {
            if is_end {
                s.view.end < offset
            } else {
                s.view.end <= offset
            }
        });
        let Some(seg) = self.segments.get(idx).or_else(|| self.segments.last()) else {
            return 0;
        };
        if seg.exact {
            let delta = offset.clamp(seg.view.start, seg.view.end) - seg.view.start;
            seg.value.start + delta
        } else if is_end {
            seg.value.end
        } else {
            seg.value.start
        }
    }

    /// True when a placeholder of this kind appears in the view.
    pub fn has_placeholder(&self, kind: PlaceholderKind) -> bool {
        self.placeholders.iter().any(|p| p.kind == kind)
    }
}

/// The sentence of `text` around a byte range: bounded by `.`, `!`, `?`, the CJK stops, or a
/// line break followed by a blank line or a list marker. Rules evaluate exceptions there.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let is_stop = |c: char| matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '\n');
    let before = &text[..range.start.min(text.len())];
    let mut start = 0;
    for (i, c) in before.char_indices().rev() {
        if is_stop(c) && !is_inner_dot(text, i, c) {
            start = i + c.len_utf8();
            break;
        }
    }
    let from = range.end.min(text.len());
    let mut end = text.len();
    for (i, c) in text[from..].char_indices() {
        if is_stop(c) && !is_inner_dot(text, from + i, c) {
            end = from + i + c.len_utf8();
            break;
        }
    }
    start..end
}

/// A dot inside a word or number (`amazon.com`, `2.5`) does not end a sentence.
fn is_inner_dot(text: &str, i: usize, c: char) -> bool {
    if c != '.' {
        return false;
    }
    let next = text[i + 1..].chars().next();
    next.is_some_and(|n| n.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::ScalarMap;

    fn field(value: &str) -> TextField {
        TextField {
            value: value.to_string(),
            map: ScalarMap::fallback(0),
        }
    }

    #[test]
    fn placeholders_are_canonical_and_map_back() {
        let f = field("Hi %%buyer_name%%, rate us: [[feedback-link]] now");
        let v = TextView::new(&f, None);
        assert_eq!(v.text, "Hi {{buyer_name}}, rate us: {{feedback_link}} now");
        let at = v.text.find("now").unwrap();
        let r = v.value_range(at..at + 3);
        assert_eq!(&f.value[r], "now");
        let at = v.text.find("{{feedback_link}}").unwrap();
        let r = v.value_range(at..at + "{{feedback_link}}".len());
        assert_eq!(&f.value[r], "[[feedback-link]]");
        assert!(v.has_placeholder(PlaceholderKind::ReviewLink));
    }

    #[test]
    fn sentences() {
        let t = "Thanks! Visit amazon.com today. Bye";
        let at = t.find("Visit").unwrap();
        let s = sentence_around(t, at..at + 5);
        assert_eq!(&t[s], " Visit amazon.com today.");
    }
}
