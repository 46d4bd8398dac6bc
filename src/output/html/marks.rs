//! Where a message's problems are in its subject and body: each diagnostic's source span is
//! turned back into a range of the field's value (through the field's position map, with the
//! words the rule matched as a check), and the value is cut into lines and pieces at every
//! mark boundary, so that overlapping and multi-line marks nest and each note can follow the
//! line its mark ends on. Pure data: the page is drawn by the parent module.

use crate::diagnostic::{Diagnostic, Field};
use crate::model::TextField;
use crate::source::floor_char_boundary;
use std::ops::Range;

/// A diagnostic marked at a value range of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Index of the diagnostic among the message's.
    pub index: usize,
    pub range: Range<usize>,
}

/// A subject or body with the diagnostics that are marked in it (`placed`) and those that are
/// about the field as a whole (`whole`).
pub struct FieldMarks<'a> {
    pub value: &'a str,
    pub placed: Vec<Placed>,
    pub whole: Vec<usize>,
}

impl<'a> FieldMarks<'a> {
    /// Places the diagnostics of one message (`own`) that are about field `which`.
    pub fn new(field: &'a TextField, own: &[&Diagnostic], which: Field) -> Self {
        let chars: Vec<(Range<usize>, Option<Range<usize>>)> = field
            .value
            .char_indices()
            .map(|(i, c)| {
                let r = i..i + c.len_utf8();
                (r.clone(), field.map.source_range(r))
            })
            .collect();
        let mut placed = Vec::new();
        let mut whole = Vec::new();
        for (k, d) in own.iter().enumerate() {
            if d.field != which {
                continue;
            }
            match locate(&field.value, &chars, &d.span, d.matched.as_deref()) {
                Some(range) if !range.is_empty() && !covers_all(&field.value, &range) => {
                    placed.push(Placed { index: k, range })
                }
                _ => whole.push(k),
            }
        }
        FieldMarks {
            value: &field.value,
            placed,
            whole,
        }
    }
}

/// Where in a field's value a diagnostic is: the characters whose source bytes overlap its
/// span (through the field's position map). When the rule also says which words it matched
/// and those words are not what the span covers (a rule that could only point at the start
/// of the field), the occurrence of the words nearest the span wins; with no usable span, the
/// first occurrence (case-insensitive).
fn locate(
    value: &str,
    chars: &[(Range<usize>, Option<Range<usize>>)],
    span: &Range<usize>,
    matched: Option<&str>,
) -> Option<Range<usize>> {
    // An empty span points at one character.
    let span = span.start..span.end.max(span.start + 1);
    let mut found: Option<Range<usize>> = None;
    for (value_range, source) in chars {
        if let Some(s) = source {
            if s.start < span.end && span.start < s.end {
                found = Some(match found {
                    None => value_range.clone(),
                    Some(f) => f.start..value_range.end,
                });
            }
        }
    }
    let words = matched.map(str::trim).filter(|w| !w.is_empty());
    let Some(words) = words else {
        return found;
    };
    let Ok(re) = regex::RegexBuilder::new(&regex::escape(words))
        .case_insensitive(true)
        .build()
    else {
        return found;
    };
    if let Some(f) = &found {
        if value.get(f.clone()).is_some_and(|text| re.is_match(text)) {
            return found;
        }
    }
    let near = found.as_ref().map_or(0, |f| f.start);
    re.find_iter(value)
        .map(|m| m.range())
        .min_by_key(|r| r.start.abs_diff(near))
        .or(found)
}

/// True when a range covers every non-blank character of the value (a mark would say
/// nothing a note about the whole field does not).
fn covers_all(value: &str, range: &Range<usize>) -> bool {
    let start = value.len() - value.trim_start().len();
    let end = value.trim_end().len();
    range.start <= start && range.end >= end && end > start
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    /// Diagnostics marked over this piece.
    pub marks: Vec<usize>,
    /// Diagnostics whose mark ends with this piece (their tag follows it).
    pub ends: Vec<usize>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Line<'a> {
    pub pieces: Vec<Piece<'a>>,
    /// Diagnostics whose note follows this line (their mark ends on it).
    pub notes: Vec<usize>,
}

/// Cuts a value into lines, and lines into pieces at every mark boundary, so that overlapping
/// and multi-line marks nest correctly.
pub fn layout<'a>(value: &'a str, placed: &[Placed]) -> Vec<Line<'a>> {
    let placed: Vec<Placed> = placed
        .iter()
        .map(|p| {
            let start = floor_char_boundary(value, p.range.start);
            let end = floor_char_boundary(value, p.range.end).max(start);
            Placed {
                index: p.index,
                range: start..end,
            }
        })
        .filter(|p| !p.range.is_empty())
        .collect();
    let mut lines = Vec::new();
    let mut line_start = 0;
    for text in value.split('\n') {
        let line_end = line_start + text.len();
        let mut cuts = vec![line_start, line_end];
        for p in &placed {
            for at in [p.range.start, p.range.end] {
                if at > line_start && at < line_end {
                    cuts.push(at);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut line = Line::default();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            line.pieces.push(Piece {
                text: &value[a..b],
                marks: placed
                    .iter()
                    .filter(|p| p.range.start < b && a < p.range.end)
                    .map(|p| p.index)
                    .collect(),
                ends: placed
                    .iter()
                    .filter(|p| p.range.end == b || (b == line_end && p.range.end == b + 1))
                    .filter(|p| p.range.start < b)
                    .map(|p| p.index)
                    .collect(),
            });
        }
        // A mark ends on this line when its last character is on it (a mark that takes in
        // the line break ends here too).
        line.notes = placed
            .iter()
            .filter(|p| p.range.end > line_start && p.range.end <= line_end + 1)
            .map(|p| p.index)
            .collect();
        lines.push(line);
        line_start = line_end + 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_at_marks_and_nest() {
        let value = "Your order has shipped today.\nTrack it here.";
        let placed = [
            Placed {
                index: 0,
                range: 11..22,
            },
            Placed {
                index: 1,
                range: 5..14,
            },
        ];
        let lines = layout(value, &placed);
        assert_eq!(lines.len(), 2);
        let texts: Vec<(&str, Vec<usize>)> = lines[0]
            .pieces
            .iter()
            .map(|p| (p.text, p.marks.clone()))
            .collect();
        assert_eq!(
            texts,
            [
                ("Your ", vec![]),
                ("order ", vec![1]),
                ("has", vec![0, 1]),
                (" shipped", vec![0]),
                (" today.", vec![]),
            ]
        );
        assert_eq!(lines[0].pieces[2].ends, [1]);
        assert_eq!(lines[0].pieces[3].ends, [0]);
        assert_eq!(lines[0].notes, [0, 1]);
        assert!(lines[1].notes.is_empty());
    }

    #[test]
    fn a_mark_over_two_lines_ends_on_the_second() {
        let value = "tracking\nnumber 123";
        let lines = layout(
            value,
            &[Placed {
                index: 0,
                range: 0..15,
            }],
        );
        assert_eq!(lines[0].pieces[0].marks, [0]);
        assert!(lines[0].pieces[0].ends.is_empty());
        assert!(lines[0].notes.is_empty());
        assert_eq!(lines[1].pieces[0].text, "number");
        assert_eq!(lines[1].pieces[0].ends, [0]);
        assert_eq!(lines[1].notes, [0]);
    }

    #[test]
    fn marks_never_split_a_character() {
        let value = "Grüße, 配達";
        // 3 is inside `ü`; 13 inside `達`.
        let lines = layout(
            value,
            &[Placed {
                index: 0,
                range: 3..13,
            }],
        );
        let joined: String = lines[0].pieces.iter().map(|p| p.text).collect();
        assert_eq!(joined, value);
    }

    #[test]
    fn locate_inverts_the_position_map() {
        // A field whose value starts at source byte 100, one to one.
        let value = "Hi, your order has shipped.";
        let chars: Vec<_> = value
            .char_indices()
            .map(|(i, c)| (i..i + c.len_utf8(), Some(100 + i..100 + i + c.len_utf8())))
            .collect();
        let at = value.find("has shipped").unwrap_or(0);
        let span = 100 + at..100 + at + "has shipped".len();
        assert_eq!(
            locate(value, &chars, &span, None),
            Some(at..at + "has shipped".len())
        );
        // Unknown positions: fall back to the matched words, case-insensitively.
        let unknown: Vec<_> = chars.iter().map(|(r, _)| (r.clone(), None)).collect();
        assert_eq!(
            locate(value, &unknown, &(0..1), Some("HAS SHIPPED")),
            Some(at..at + 11)
        );
        assert_eq!(locate(value, &unknown, &(0..1), None), None);
        assert_eq!(locate(value, &unknown, &(0..1), Some("absent")), None);
    }

    #[test]
    fn matched_words_correct_a_span_that_only_points_at_the_field() {
        let value = "Shipped? Yes: your order has shipped. It has shipped!";
        let chars: Vec<_> = value
            .char_indices()
            .map(|(i, c)| (i..i + c.len_utf8(), Some(100 + i..100 + i + c.len_utf8())))
            .collect();
        // The span points at the first character only.
        assert_eq!(
            locate(value, &chars, &(100..101), Some("has shipped")),
            Some(25..36)
        );
        // Of several occurrences, the one nearest the span wins.
        let second = value.rfind("has shipped").unwrap_or(0);
        assert_eq!(
            locate(
                value,
                &chars,
                &(100 + second - 3..100 + second + 2),
                Some("has shipped")
            ),
            Some(second..second + 11)
        );
        // A span that covers the words is kept as it is.
        assert_eq!(
            locate(value, &chars, &(120..137), Some("has shipped")),
            Some(20..37)
        );
        // Words that are not in the value (a placeholder in canonical form) leave the span.
        assert_eq!(
            locate(value, &chars, &(100..103), Some("{{review_link}}")),
            Some(0..3)
        );
    }

    #[test]
    fn whole_field_marks_become_notes() {
        assert!(covers_all("  Thanks!\n", &(2..9)));
        assert!(!covers_all("Thanks! Bye", &(0..7)));
    }
}
