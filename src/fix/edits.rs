//! Building blocks rules call to attach a fix to a finding: turn a change of a subject's or
//! body's *value* into an [`Edit`] of the *source* bytes, written for the scalar style it
//! lands in (quotes doubled or escaped, block indentation kept). Every helper returns `None`
//! rather than guess: when the field's position map is not exact, when the view text is not a
//! verbatim copy of the value (entities, placeholders), or when the result would need a
//! different style (a plain scalar that would need quoting). A rule then offers the fix as
//! advice only ([`fix_or_manual`]).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::html::{Attr, Element};
use crate::model::TextField;
use crate::scalar::ScalarStyle;
use crate::text::{sentence_around, TextView};
use regex::Regex;
use std::ops::Range;

/// A fix of the given grade when edits could be made, else the same advice as `Manual`.
pub fn fix_or_manual(
    applicability: Applicability,
    title: impl Into<String>,
    edits: Option<Vec<Edit>>,
) -> Fix {
    match edits {
        Some(edits) if !edits.is_empty() => Fix {
            applicability,
            title: title.into(),
            edits,
        },
        _ => Fix {
            applicability: Applicability::Manual,
            title: title.into(),
            edits: Vec::new(),
        },
    }
}

/// The value range a view range came from, only when the view text there is a verbatim copy
/// of the value (no entity, placeholder or synthetic line break inside).
pub fn exact_value_range(
    view: &TextView,
    field: &TextField,
    view_range: Range<usize>,
) -> Option<Range<usize>> {
    let shown = view.text.get(view_range.clone())?;
    let value_range = view.value_range(view_range);
    (field.value.get(value_range.clone())? == shown).then_some(value_range)
}

/// Replaces `value_range` of the field's value with `replacement` (value text, unescaped).
/// `source` is the whole file text the field was parsed from.
pub fn replace_value(
    source: &str,
    field: &TextField,
    value_range: Range<usize>,
    replacement: &str,
) -> Option<Edit> {
    let map = &field.map;
    if !map.is_verified() {
        return None;
    }
    let style = map.style()?;
    let value = field.value.as_str();
    value.get(value_range.clone())?;
    let mut range = map.source_range(value_range.clone())?;
    // Cover the gap up to the next character too (a block scalar's indentation after a line
    // break), so the text that follows keeps its own indentation.
    if let Some(c) = value[value_range.end..].chars().next() {
        let next = map.source_range(value_range.end..value_range.end + c.len_utf8());
        if let Some(next) = next.filter(|n| n.start > range.end) {
            range.end = next.start;
        }
    }
    // Never split a CRLF line break.
    let bytes = source.as_bytes();
    if range.start > 0
        && bytes.get(range.start - 1) == Some(&b'\r')
        && bytes.get(range.start) == Some(&b'\n')
    {
        range.start -= 1;
    }
    if range.end > 0
        && bytes.get(range.end - 1) == Some(&b'\r')
        && bytes.get(range.end) == Some(&b'\n')
    {
        range.end += 1;
    }
    let raw = source.get(range.clone())?;
    let new_value = format!(
        "{}{replacement}{}",
        &value[..value_range.start],
        &value[value_range.end..]
    );
    let encoded = match style {
        ScalarStyle::Plain => {
            if raw != &value[value_range.clone()] || !plain_ok(&new_value) {
                return None;
            }
            replacement.to_string()
        }
        ScalarStyle::SingleQuoted => {
            if replacement.contains(['\n', '\r']) {
                return None;
            }
            replacement.replace('\'', "''")
        }
        ScalarStyle::DoubleQuoted => escape_double(replacement),
        // A template file is its own text: nothing to escape.
        ScalarStyle::Verbatim => replacement.to_string(),
        ScalarStyle::Literal => {
            let leading_space = |s: &str| s.starts_with([' ', '\t']);
            let trailing = |s: &str| s.len() - s.trim_end_matches('\n').len();
            // A first line that starts with a space would change the block's indentation;
            // a different number of final line breaks would meet the chomping indicator.
            if (leading_space(&new_value) && !leading_space(value))
                || trailing(&new_value) != trailing(value)
                || new_value.is_empty()
                || replacement.contains('\r')
            {
                return None;
            }
            let indent = " ".repeat(block_indent(source, field)?);
            // The block's own line ending (looked up near the edit, not in the whole file:
            // a big file has a fix per message).
            let eol = match source[range.start..].find('\n') {
                Some(i) if source[..range.start + i].ends_with('\r') => "\r\n",
                _ => "\n",
            };
            let mut out = String::new();
            for (i, line) in replacement.split('\n').enumerate() {
                if i > 0 {
                    out.push_str(eol);
                    if !line.is_empty() || i == replacement.split('\n').count() - 1 {
                        out.push_str(&indent);
                    }
                }
                out.push_str(line);
            }
            out
        }
        ScalarStyle::Folded => {
            // Only inside one line: a line fold or a blank line would change meaning.
            if raw != &value[value_range.clone()]
                || raw.contains('\n')
                || replacement.contains('\n')
                || new_value.trim().is_empty()
            {
                return None;
            }
            replacement.to_string()
        }
    };
    Some(Edit {
        range,
        replacement: encoded,
    })
}

/// The content indentation of a block scalar: the column of its first non-blank character
/// (whose own leading spaces, if any, are content after that indentation).
pub fn block_indent(source: &str, field: &TextField) -> Option<usize> {
    let (i, c) = field.value.char_indices().find(|(_, c)| *c != '\n')?;
    let at = field.map.source_range(i..i + c.len_utf8())?.start;
    let line_start = source.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
    Some(at - line_start)
}

/// Removes `value_range` of the value, with the spaces next to it that removing it would
/// leave doubled (or at the start or end of a line).
pub fn remove_value(source: &str, field: &TextField, value_range: Range<usize>) -> Option<Edit> {
    let range = widen_over_space(&field.value, value_range);
    replace_value(source, field, range, "")
}

/// Extends a range to be removed over the spaces around it, so that `a [x]  b` becomes
/// `a b`, `[x]  b` becomes `b` and `a [x]` becomes `a`.
pub fn widen_over_space(value: &str, r: Range<usize>) -> Range<usize> {
    if value.get(r.clone()).is_none() {
        return r;
    }
    let spaces_after = value[r.end..].len() - value[r.end..].trim_start_matches(' ').len();
    let spaces_before = value[..r.start].len() - value[..r.start].trim_end_matches(' ').len();
    let edge_before =
        r.start - spaces_before == 0 || value[..r.start - spaces_before].ends_with('\n');
    let edge_after = r.end + spaces_after == value.len()
        || value[r.end + spaces_after..].starts_with(['\n', '\r']);
    if edge_before && edge_after {
        // Alone on its line: the line keeps its other characters (none) and its break.
        r
    } else if edge_before || edge_after {
        r.start - spaces_before..r.end + spaces_after
    } else if spaces_before > 0 && spaces_after > 0 {
        r.start..r.end + spaces_after
    } else {
        r
    }
}

/// Removes a bracketed tag such as `[Important]` (any case) from a subject or body.
pub fn remove_bracket_tag(source: &str, field: &TextField, tag: &str) -> Option<Vec<Edit>> {
    let pattern = format!(r"(?i)\[\s*{}\s*\]", regex::escape(tag));
    let re = Regex::new(&pattern).ok()?;
    let edits: Option<Vec<Edit>> = re
        .find_iter(&field.value)
        .map(|m| remove_value(source, field, m.range()))
        .collect();
    edits.filter(|e| !e.is_empty())
}

/// Removes a whole HTML element (its byte range in the body value, e.g. a tracking-pixel
/// `<img>`), with a line of its own when it stood alone on it.
pub fn remove_html_element(source: &str, field: &TextField, element: &Element) -> Option<Edit> {
    remove_markup(source, field, element.range.clone())
}

/// Removes a byte range of markup from the value (an element, a tag, an attribute).
pub fn remove_markup(source: &str, field: &TextField, range: Range<usize>) -> Option<Edit> {
    let value = field.value.as_str();
    value.get(range.clone())?;
    // An element alone on its line goes with its line break.
    let line_start = value[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = value[range.end..]
        .find('\n')
        .map_or(value.len(), |i| range.end + i);
    let alone = value[line_start..range.start].trim().is_empty()
        && value[range.end..line_end].trim().is_empty();
    // Take the line break before the line (so that its indentation goes too), or after it
    // for the first line.
    let range = if !alone {
        range
    } else if line_start > 0 {
        line_start - 1..line_end
    } else if line_end < value.len() {
        line_start..line_end + 1
    } else {
        range
    };
    replace_value(source, field, range, "")
}

/// Removes one attribute (` name="value"`) of an element, found from its value range.
pub fn remove_html_attribute(source: &str, field: &TextField, attr: &Attr) -> Option<Edit> {
    let value = field.value.as_str();
    value.get(attr.value_range.clone())?;
    let before = value.get(..attr.value_range.start)?;
    // Walk back over an opening quote, `=`, the name and the whitespace before it.
    let quote = before
        .chars()
        .next_back()
        .filter(|c| *c == '"' || *c == '\'');
    let mut start = attr.value_range.start - quote.map_or(0, char::len_utf8);
    let mut end = attr.value_range.end;
    if let Some(q) = quote {
        if value[end..].starts_with(q) {
            end += 1;
        } else {
            return None;
        }
    }
    let head = value[..start].trim_end();
    let head = head.strip_suffix('=')?.trim_end();
    if !head
        .to_ascii_lowercase()
        .ends_with(&attr.name.to_ascii_lowercase())
    {
        return None;
    }
    start = head.len() - attr.name.len();
    let name_start = start;
    start = value[..name_start].trim_end_matches([' ', '\t']).len();
    if start == name_start {
        return None;
    }
    replace_value(source, field, start..end, "")
}

/// Removes the sentence of a view that holds `view_range` (with the space after it).
pub fn remove_sentence(
    source: &str,
    view: &TextView,
    field: &TextField,
    view_range: Range<usize>,
) -> Option<Edit> {
    let mut sentence = sentence_around(&view.text, view_range);
    let text = view.text.as_str();
    // Drop the leading space of the sentence, keep the line break that ended the one before.
    while sentence.start < sentence.end && text[sentence.start..].starts_with(' ') {
        sentence.start += 1;
    }
    if text[..sentence.end].ends_with('\n') {
        sentence.end -= 1;
    }
    while text[sentence.end..].starts_with(' ') {
        sentence.end += 1;
    }
    // The last sentence of a line takes the spaces before it instead.
    if text[sentence.end..].is_empty() || text[sentence.end..].starts_with('\n') {
        while sentence.start > 0 && text[..sentence.start].ends_with(' ') {
            sentence.start -= 1;
        }
    }
    let value_range = exact_value_range(view, field, sentence)?;
    // A sentence that is (part of) a link's text would leave the link behind, with its
    // address and no text; such a sentence is left to the seller.
    if let Some(scan) = &view.html {
        let in_a_link = (0..scan.elements.len())
            .filter(|&i| scan.elements[i].name == "a")
            .filter_map(|i| scan.link_text(i).1)
            .any(|link| link.start < value_range.end && value_range.start < link.end);
        if in_a_link {
            return None;
        }
    }
    remove_markup(source, field, value_range)
}

/// Is `value` written as a plain scalar read back as the same string?
fn plain_ok(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let special = matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
    ) || value.parse::<f64>().is_ok()
        || value.starts_with("0x")
        || value.starts_with("0o");
    !indicator
        && !special
        && value.trim() == value
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.contains(['\n', '\r', '\t'])
}

fn escape_double(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// The value text an edit's replacement stands for in a scalar of `style` (the inverse of
/// the encoding above; used to check a fixed file reads back as intended).
/// `indent` is a block scalar's content indentation.
pub fn decode_replacement(style: ScalarStyle, replacement: &str, indent: usize) -> Option<String> {
    Some(match style {
        ScalarStyle::Plain | ScalarStyle::Folded | ScalarStyle::Verbatim => replacement.to_string(),
        ScalarStyle::SingleQuoted => replacement.replace("''", "'"),
        ScalarStyle::DoubleQuoted => {
            let mut out = String::new();
            let mut chars = replacement.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                match chars.next()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    c @ ('\\' | '"' | '/' | ' ') => out.push(c),
                    _ => return None,
                }
            }
            out
        }
        ScalarStyle::Literal => {
            let text = replacement.replace("\r\n", "\n");
            let mut out = String::new();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                    let spaces = line.bytes().take(indent).take_while(|b| *b == b' ').count();
                    out.push_str(&line[spaces..]);
                } else {
                    out.push_str(line);
                }
            }
            out
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply_edits;
    use crate::parse::parse_file;
    use crate::source::SourceFile;

    /// The subject and body of the first message of a one-message file.
    fn fields(text: &str) -> (TextField, TextField) {
        let source = SourceFile::new("t.yaml", text.to_string());
        let mut seqs = parse_file(&source).unwrap_or_default();
        let m = seqs.remove(0).messages.remove(0);
        (m.subject.unwrap_or_else(|| m.body.clone()), m.body)
    }

    fn file(subject: &str, body: &str) -> String {
        format!("sequence: s\nmessages:\n  - id: a\n    subject: {subject}\n    body: {body}\n")
    }

    fn apply(text: &str, edit: Option<Edit>) -> Option<String> {
        apply_edits(text, &[edit?])
    }

    #[test]
    fn replacements_are_written_for_the_quoting_style() {
        let cases = [
            ("'Leave a review'", "It's great", "'It''s great'"),
            (
                "\"Leave a review\"",
                "Say \"hi\" \\o/",
                "\"Say \\\"hi\\\" \\\\o/\"",
            ),
            ("Leave a review", "Thanks again", "Thanks again"),
        ];
        for (subject, new, written) in cases {
            let text = file(subject, "x");
            let (s, _) = fields(&text);
            let edit = replace_value(&text, &s, 0..s.value.len(), new);
            assert_eq!(apply(&text, edit), Some(file(written, "x")), "{subject}");
        }
    }

    #[test]
    fn a_plain_scalar_that_would_need_quoting_is_not_edited() {
        for new in [
            "yes",
            "123",
            "[gift] box",
            "a: b",
            "a #b",
            " lead",
            "- item",
        ] {
            let text = file("Leave a review", "x");
            let (s, _) = fields(&text);
            assert!(
                replace_value(&text, &s, 0..s.value.len(), new).is_none(),
                "{new}"
            );
        }
    }

    #[test]
    fn literal_blocks_keep_their_indentation() {
        let text = file(
            "s",
            "|\n      Line one.\n      Line two.\n      Line three.",
        );
        let (_, body) = fields(&text);
        let at = body.value.find("Line two.").unwrap_or(0);
        let edit = replace_value(&text, &body, at..at + "Line two.\n".len(), "New\nlines\n");
        let fixed = apply(&text, edit).unwrap_or_default();
        assert_eq!(
            fixed,
            file(
                "s",
                "|\n      Line one.\n      New\n      lines\n      Line three."
            )
        );
        // A whole line removed takes its indentation with it.
        let edit = replace_value(&text, &body, at..at + "Line two.\n".len(), "");
        assert_eq!(
            apply(&text, edit).unwrap_or_default(),
            file("s", "|\n      Line one.\n      Line three.")
        );
    }

    #[test]
    fn literal_edits_that_would_change_the_header_are_refused() {
        let text = file("s", "|\n      [Tag] Line one.\n");
        let (_, body) = fields(&text);
        // Leaving a leading space would change the detected indentation.
        assert!(replace_value(&text, &body, 0..5, "").is_none());
        // Removing the final line break would meet the chomping indicator.
        let n = body.value.len();
        assert!(replace_value(&text, &body, n - 1..n, "").is_none());
        assert!(remove_value(&text, &body, 0..5).is_some());
    }

    #[test]
    fn spaces_around_a_removal() {
        assert_eq!(widen_over_space("a [x]  b", 2..5), 2..7);
        assert_eq!(widen_over_space("[x]  b", 0..3), 0..5);
        assert_eq!(widen_over_space("a  [x]", 3..6), 1..6);
        assert_eq!(widen_over_space("a[x]b", 1..4), 1..4);
        assert_eq!(widen_over_space("x\n[x]\ny", 2..5), 2..5);
    }

    #[test]
    fn bracket_tags_in_any_case_and_spacing() {
        let text = file("\"[important] a [ IMPORTANT ] b [Important]\"", "x");
        let (s, _) = fields(&text);
        let edits = remove_bracket_tag(&text, &s, "Important").unwrap_or_default();
        assert_eq!(edits.len(), 3);
        assert_eq!(apply_edits(&text, &edits), Some(file("\"a b\"", "x")));
    }

    #[test]
    fn html_attribute_and_element_removal() {
        let text = file(
            "s",
            "|\n      <a href=\"x\" data-track='7'>go</a>\n      <img src=\"p.gif\" width=\"1\">\n      <p>end</p>",
        );
        let (_, body) = fields(&text);
        let v = &body.value;
        let start = v.find("7'").unwrap_or(0);
        let attr = Attr {
            name: "data-track".into(),
            value: "7".into(),
            value_range: start..start + 1,
        };
        let fixed = apply(&text, remove_html_attribute(&text, &body, &attr)).unwrap_or_default();
        assert!(fixed.contains("<a href=\"x\">go</a>\n"), "{fixed}");
        let img = v.find("<img").unwrap_or(0);
        let element = Element {
            name: "img".into(),
            range: img..img + v[img..].find('>').unwrap_or(0) + 1,
            attrs: Vec::new(),
            inside_link: None,
        };
        let fixed = apply(&text, remove_html_element(&text, &body, &element)).unwrap_or_default();
        assert!(fixed.contains("</a>\n      <p>end</p>"), "{fixed}");
    }

    #[test]
    fn sentences_are_removed_with_their_space() {
        let text = file(
            "s",
            "|\n      One. To opt out, reply STOP. Three.\n      Four.",
        );
        let (_, body) = fields(&text);
        let view = TextView::new(&body, None);
        let at = view.text.find("opt out").unwrap_or(0);
        let fixed =
            apply(&text, remove_sentence(&text, &view, &body, at..at + 7)).unwrap_or_default();
        assert_eq!(fixed, file("s", "|\n      One. Three.\n      Four."));
        let at = view.text.find("Three").unwrap_or(0);
        let fixed =
            apply(&text, remove_sentence(&text, &view, &body, at..at + 5)).unwrap_or_default();
        assert_eq!(
            fixed,
            file("s", "|\n      One. To opt out, reply STOP.\n      Four.")
        );
    }

    #[test]
    fn a_sentence_in_a_link_is_not_removed_without_its_link() {
        let text = file(
            "s",
            "|\n      <p>Thanks. To stop these mails, reply STOP.</p>\n      <p><a href=\"https://x.example/u\">Unsubscribe</a></p>\n      <p>Bye.</p>",
        );
        let (_, body) = fields(&text);
        let view = TextView::new(&body, None);
        assert!(view.html.is_some());
        let at = view.text.find("Unsubscribe").unwrap_or(0);
        assert_eq!(remove_sentence(&text, &view, &body, at..at + 11), None);
        // A sentence outside the link still goes.
        let at = view.text.find("stop these").unwrap_or(0);
        let fixed =
            apply(&text, remove_sentence(&text, &view, &body, at..at + 10)).unwrap_or_default();
        assert!(fixed.contains("<p>Thanks.</p>\n"), "{fixed}");
        assert!(fixed.contains(">Unsubscribe</a>"), "{fixed}");
    }

    #[test]
    fn decoding_inverts_encoding() {
        for s in ["plain", "it's", "a \"b\" \\ c\td", "é ü 日本"] {
            assert_eq!(
                decode_replacement(ScalarStyle::DoubleQuoted, &escape_double(s), 0).as_deref(),
                Some(s)
            );
            assert_eq!(
                decode_replacement(ScalarStyle::SingleQuoted, &s.replace('\'', "''"), 0).as_deref(),
                Some(s)
            );
        }
        assert_eq!(
            decode_replacement(ScalarStyle::Literal, "a\r\n    b\r\n    ", 4).as_deref(),
            Some("a\nb\n")
        );
    }

    #[test]
    fn no_edit_without_an_exact_map() {
        let field = TextField {
            value: "[Important] x".into(),
            map: crate::scalar::ScalarMap::fallback(0),
        };
        assert!(remove_bracket_tag("[Important] x", &field, "Important").is_none());
        let fix = fix_or_manual(Applicability::Safe, "remove", None);
        assert_eq!(fix.applicability, Applicability::Manual);
    }
}
