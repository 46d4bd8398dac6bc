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
    /// The text as phrase rules search it, built on first need (see [`TextView::searched`]).
    searched: std::sync::OnceLock<SearchedText>,
    /// The CSS declarations of the HTML, read on first need (see [`TextView::css`]).
    css: std::sync::OnceLock<Vec<crate::css::HtmlDeclaration>>,
    /// The links of the field, found on first need (see [`TextView::links`]).
    links: std::sync::OnceLock<Vec<crate::links::Link>>,
}

/// The text as phrase rules search it: hard-wrapped lines joined (see [`unwrap_lines`]), with
/// the index their literal gates ask. Built once per view and shared by every rule.
#[derive(Debug, Clone)]
pub struct SearchedText {
    /// The joined text; `None` when it is the view's text unchanged.
    joined: Option<String>,
    pub index: crate::text_index::TextIndex,
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

    /// The text as phrase rules search it (same byte offsets as [`TextView::text`]), built on
    /// first need.
    pub fn searched(&self) -> (&str, &crate::text_index::TextIndex) {
        let searched = self.searched.get_or_init(|| {
            let joined = match unwrap_lines(&self.text) {
                std::borrow::Cow::Owned(joined) => Some(joined),
                std::borrow::Cow::Borrowed(_) => None,
            };
            let index = crate::text_index::TextIndex::new(joined.as_deref().unwrap_or(&self.text));
            SearchedText { joined, index }
        });
        (
            searched.joined.as_deref().unwrap_or(&self.text),
            &searched.index,
        )
    }

    /// The CSS declarations of the field's HTML (`value` is the field's value), read once and
    /// shared by the styling rules; none when the field is not HTML.
    pub fn css(&self, value: &str) -> &[crate::css::HtmlDeclaration] {
        self.css.get_or_init(|| match &self.html {
            Some(scan) => crate::css::html_declarations(value, scan),
            None => Vec::new(),
        })
    }

    /// Every link and image address of the field (see [`crate::links::all_links`]), found
    /// once and shared: the link rules, the review-request check and language detection each
    /// ask, and finding them (a URL scan of the whole text) was repeated for each.
    pub fn links(&self) -> &[crate::links::Link] {
        self.links.get_or_init(|| {
            let mut out = crate::links::attr_links(self);
            out.extend(crate::links::text_links(self));
            out
        })
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

/// The sentence of `text` around a byte range: bounded by `.`, `!`, `?`, `;`, the CJK stops,
/// or a line break that starts a new block: a blank line, a list item (`-`, `*`, `•`, `1.`),
/// or a line after one that ended without a comma or a word that continues it. A single line
/// break inside a hard-wrapped paragraph does not end a sentence, so patterns and exceptions
/// see the whole sentence however the template was wrapped. Linear in the distance scanned.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let start_at = floor_char_boundary(text, range.start.min(text.len()));
    let end_at = floor_char_boundary(text, range.end.min(text.len())).max(start_at);
    // A "sentence" without a stop is cut at MAX_SENTENCE_REACH bytes on each side, so that
    // the work per match stays bounded on pathological input (one huge unpunctuated line).
    let floor = floor_char_boundary(text, start_at.saturating_sub(MAX_SENTENCE_REACH));
    let ceil = ceil_char_boundary(text, end_at.saturating_add(MAX_SENTENCE_REACH));
    let mut start = floor;
    for (i, c) in text[floor..start_at].char_indices().rev() {
        if ends_sentence(text, floor + i, c) {
            start = floor + i + c.len_utf8();
            break;
        }
    }
    let mut end = ceil;
    for (i, c) in text[end_at..ceil].char_indices() {
        if ends_sentence(text, end_at + i, c) {
            end = end_at + i + c.len_utf8();
            break;
        }
    }
    start..end
}

/// How far [`sentence_around`] looks for the end of a sentence, in bytes, on each side.
pub const MAX_SENTENCE_REACH: usize = 600;

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `text` with every line break that does not end a sentence (see [`sentence_around`]) turned
/// into a space, so that a phrase written with spaces matches a hard-wrapped template. Byte
/// offsets are unchanged (`\n` and ` ` are one byte each), so ranges found in the result are
/// ranges of `text`. Borrows when nothing changes.
pub fn unwrap_lines(text: &str) -> std::borrow::Cow<'_, str> {
    let joins: Vec<usize> = text
        .match_indices('\n')
        .map(|(i, _)| i)
        .filter(|&i| !line_break_ends_sentence(text, i))
        .collect();
    if joins.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for i in joins {
        bytes[i] = b' ';
    }
    // Only ASCII `\n` bytes were replaced by ASCII spaces: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Does the char `c` at byte `i` end a sentence?
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | ';' | '。' | '！' | '？' => true,
        '.' => !is_inner_dot(text, i, c),
        '\n' => line_break_ends_sentence(text, i),
        _ => false,
    }
}

/// A line break ends a sentence when a new block starts after it (blank line, list item) or
/// when the line before it does not read as the first half of a wrapped sentence.
fn line_break_ends_sentence(text: &str, i: usize) -> bool {
    // Only the start of the next line and the end of this one matter: look at 200 bytes.
    let after = &text[i + 1..ceil_char_boundary(text, i + 201)];
    let next_line = after.split('\n').next().unwrap_or("");
    let next = next_line.trim_start();
    if next.is_empty() {
        return true; // blank line (or end of text)
    }
    let mut chars = next.chars();
    let first = chars.next();
    let second = chars.next();
    let list_item = match first {
        Some('-' | '*' | '•' | '–' | '·' | '>') => true,
        Some(d) if d.is_ascii_digit() => {
            let digits: String = next.chars().take_while(|c| c.is_ascii_digit()).collect();
            matches!(
                next[digits.len()..].chars().next(),
                Some('.' | ')' | '、' | '．')
            )
        }
        _ => false,
    };
    if list_item && second.is_none_or(|s| s.is_whitespace() || first != Some('-')) {
        return true;
    }
    let before = &text[floor_char_boundary(text, i.saturating_sub(200))..i];
    let line = before.rsplit('\n').next().unwrap_or("").trim_end();
    // Japanese and Chinese lines are written one sentence (or one item) per line.
    if line.chars().next_back().is_some_and(is_cjk) || next.chars().next().is_some_and(is_cjk) {
        return !line.ends_with('、');
    }
    // A line ending in a greeting comma or colon ("Hi Anna,", "Cheers,") closes a block, but a
    // wrapped sentence often ends a line with a comma too: only short lines count as closers.
    if line.ends_with(':') {
        return true;
    }
    if line.ends_with(',') {
        return line.chars().count() < 25;
    }
    // A short line without end punctuation is a heading or a signature ("Cheers", "Team X").
    line.chars().count() < 25
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
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
    fn sentences_are_bounded_on_unpunctuated_text() {
        let t = "word ".repeat(10_000);
        let s = sentence_around(&t, 25_000..25_004);
        assert!(s.end - s.start <= 2 * MAX_SENTENCE_REACH + 4);
        assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
        let j = "レビュー".repeat(2_000);
        let s = sentence_around(&j, 6_000..6_003);
        assert!(j.is_char_boundary(s.start) && j.is_char_boundary(s.end));
    }

    #[test]
    fn sentences() {
        let t = "Thanks! Visit amazon.com today. Bye";
        let at = t.find("Visit").unwrap();
        let s = sentence_around(t, at..at + 5);
        assert_eq!(&t[s], " Visit amazon.com today.");
    }

    #[test]
    fn wrapped_lines_unwrap_to_spaces_and_keep_offsets() {
        let t =
            "Did you know we also make placemats? Check out our\nother products.\n\nCheers,\nTeam";
        let u = unwrap_lines(t);
        assert_eq!(
            u,
            "Did you know we also make placemats? Check out our other products.\n\nCheers,\nTeam"
        );
        assert_eq!(u.len(), t.len());
    }

    #[test]
    fn a_wrapped_line_does_not_end_a_sentence() {
        let t = "Hi Anna,\n\nif you are happy with the lamp, we would love\na review on Amazon.\nThanks";
        let at = t.find("review").unwrap();
        let s = sentence_around(t, at..at + 6);
        assert_eq!(
            &t[s],
            "if you are happy with the lamp, we would love\na review on Amazon."
        );
    }

    #[test]
    fn blank_lines_list_items_and_short_lines_end_sentences() {
        let t = "A few tips for your board\n- Hand wash only\n- Oil it monthly\n\nCheers,\nTeam";
        let at = t.find("Hand").unwrap();
        assert_eq!(&t[sentence_around(t, at..at + 4)], "- Hand wash only\n");
        let at = t.find("Team").unwrap();
        assert_eq!(&t[sentence_around(t, at..at + 4)], "Team");
        let t = "ご注文ありがとうございます\n商品を発送いたしました";
        let at = t.find("発送").unwrap();
        assert_eq!(&t[sentence_around(t, at..at + 3)], "商品を発送いたしました");
    }
}
