//! `style/line-breaks`: more than two line breaks in a row between the paragraphs of a
//! message body: three or more newlines with nothing but spaces between them in a plain-text
//! body, three or more `<br>` with no visible text between them in an HTML one.
//!
//! Blank lines before the first words or after the last show nothing and are not reported.
//! In HTML, empty paragraphs (`<p>&nbsp;</p>`) are not counted: how tall a mail client draws
//! them depends on its style sheet, and the newlines of the HTML source are not line breaks
//! at all.

use crate::diagnostic::{Applicability, Edit, Field, Finding, Fix, Severity};
use crate::links::is_image_element;
use crate::model::TextField;
use crate::rules::support::{field_view, text_finding, value_finding};
use crate::rules::{Context, Rule, RuleMeta};
use crate::text::TextView;
use std::borrow::Cow;
use std::ops::Range;

pub struct LineBreaks;

const ID: &str = "style/line-breaks";

/// The most line breaks allowed in a row (two: one blank line between paragraphs).
const MAX_BREAKS: usize = 2;

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("has more than two line breaks in a row"),
    why: Cow::Borrowed(
        "Amazon's 2020 list of styling that permitted messages may not contain has \"more than \
         two line-breaks (spacing between paragraphs) in a row\": one blank line between \
         paragraphs is the layout Amazon expects; wider gaps are layout tricks.",
    ),
    source: Cow::Borrowed(
        "https://www.ecommercebytes.com/C/abblog/blog.pl?/comments/2020/9/1599588424.html",
    ),
    fix: Cow::Borrowed("Leave at most one blank line (two line breaks) between paragraphs."),
    example_bad: Cow::Borrowed("body: \"Your proof is attached.\\n\\n\\n\\nKind regards\""),
    example_good: Cow::Borrowed("body: \"Your proof is attached.\\n\\nKind regards\""),
    fixable: Applicability::Safe,
    languages: Vec::new(),
};

/// Is `c` blank on screen (a space, a tab, a no-break space)?
fn is_blank(c: char) -> bool {
    c.is_whitespace()
}

/// The runs of more than [`MAX_BREAKS`] newlines in `text` with only blanks between them and
/// words on both sides: (from the first newline to the end of the last, newlines in the run).
/// It looks at the lines, not at every char: a line with words shows so at its first chars.
fn newline_runs(text: &str) -> Vec<(Range<usize>, usize)> {
    let mut runs = Vec::new();
    // (first newline, end of the last, newlines so far), once a line with words was seen.
    let mut run: Option<(usize, usize, usize)> = None;
    let mut seen_words = false;
    let mut line_start = 0;
    let mut close = |run: &mut Option<(usize, usize, usize)>| {
        if let Some((start, end, n)) = run.take().filter(|&(_, _, n)| n > MAX_BREAKS) {
            runs.push((start..end, n));
        }
    };
    for at in memchr::memchr_iter(b'\n', text.as_bytes()) {
        // `\n` is ASCII, so both ends are char boundaries.
        let line = text.get(line_start..at).unwrap_or("");
        if !line.chars().all(is_blank) {
            close(&mut run);
            seen_words = true;
        }
        if seen_words {
            run = Some(match run {
                Some((start, _, n)) => (start, at + 1, n + 1),
                None => (at, at + 1, 1),
            });
        }
        line_start = at + 1;
    }
    // Newlines after the last words show nothing.
    if !text.get(line_start..).unwrap_or("").chars().all(is_blank) {
        close(&mut run);
    }
    runs
}

/// The runs of more than [`MAX_BREAKS`] `<br>` in an HTML scan with no visible text and no
/// image between them, with words on both sides: the bytes of each `<br>` of each run.
fn br_runs(scan: &crate::html::HtmlScan) -> Vec<Vec<Range<usize>>> {
    // Where something visible starts: words, and images.
    let mut content: Vec<usize> = scan
        .text
        .iter()
        .filter(|p| !p.text.chars().all(is_blank))
        .map(|p| p.range.start)
        .chain(
            scan.elements
                .iter()
                .filter(|e| is_image_element(e) || e.name == "hr")
                .map(|e| e.range.start),
        )
        .collect();
    content.sort_unstable();
    let has_content = |range: Range<usize>| {
        let first = content.partition_point(|&at| at < range.start);
        content.get(first).is_some_and(|&at| at < range.end)
    };
    let mut runs: Vec<Vec<Range<usize>>> = Vec::new();
    let mut run: Vec<Range<usize>> = Vec::new();
    for br in scan.elements.iter().filter(|e| e.name == "br") {
        let joins = run
            .last()
            .is_some_and(|last| !has_content(last.end..br.range.start));
        if !joins {
            runs.push(std::mem::take(&mut run));
        }
        run.push(br.range.clone());
    }
    runs.push(run);
    // Breaks before the first words or after the last show nothing.
    runs.retain(|run| match (run.first(), run.last()) {
        (Some(first), Some(last)) => {
            run.len() > MAX_BREAKS
                && has_content(0..first.start)
                && has_content(last.end..usize::MAX)
        }
        _ => false,
    });
    runs
}

/// The fix of a run of `<br>` (their bytes in the field value): remove those after the
/// second, when only whitespace separates them (tags between them, `</span><span>`, must
/// stay, and so the run is left to a person).
fn br_fix(value: &str, text_field: &TextField, brs: &[Range<usize>]) -> Option<Fix> {
    let (second, last) = (brs.get(MAX_BREAKS - 1)?, brs.last()?);
    let plain_between = brs.windows(2).skip(MAX_BREAKS - 1).all(|pair| {
        value
            .get(pair[0].end..pair[1].start)
            .is_some_and(|between| between.chars().all(char::is_whitespace))
    });
    if !plain_between {
        return None;
    }
    let range = text_field.map.source_range(second.end..last.end)?;
    Some(Fix {
        applicability: Applicability::Safe,
        title: format!("keep {MAX_BREAKS} line breaks"),
        edits: vec![Edit {
            range,
            replacement: String::new(),
        }],
    })
}

/// The fix of a run of newlines (a view range, from the first newline to the end of the
/// last): remove what follows the first newline up to the end of the last but one, so that
/// one blank line is left. In the source that is whole lines (from the start of the line
/// after the first newline to the start of the last blank line), so a YAML block scalar
/// keeps its indentation; in a quoted scalar, the `\n` escapes between.
fn newline_fix(view: &TextView, text_field: &TextField, run: Range<usize>) -> Option<Fix> {
    let text = view.text.get(run.clone())?;
    let newlines: Vec<usize> = text
        .match_indices('\n')
        .map(|(at, _)| run.start + at)
        .collect();
    let (first, last_but_one) = (*newlines.first()?, *newlines.iter().rev().nth(1)?);
    // Where a newline of the view ends in the source.
    let end_in_source = |at: usize| {
        let value = view.value_range(at..at + 1);
        text_field.map.source_range(value).map(|r| r.end)
    };
    let range = end_in_source(first)?..end_in_source(last_but_one)?;
    Some(Fix {
        applicability: Applicability::Safe,
        title: "leave one blank line".to_string(),
        edits: vec![Edit {
            range,
            replacement: String::new(),
        }],
    })
}

impl Rule for LineBreaks {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "In a plain-text body: three or more newlines in a row, with nothing but spaces between them (two blank lines or more), between words. In an HTML body: three or more `<br>` with no visible text and no image between them (closing and opening tags between them do not matter), between words. Blank lines before the first words and after the last are not reported. Empty HTML paragraphs (`<p>&nbsp;</p>`) are not counted, and neither are the newlines of the HTML source, which a mail client does not show. The run of breaks is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            let Some((view, text_field)) = field_view(mv, Field::Body) else {
                continue;
            };
            match &view.html {
                Some(scan) => {
                    for brs in br_runs(scan) {
                        let (Some(first), Some(last)) = (brs.first(), brs.last()) else {
                            continue;
                        };
                        let mut finding = value_finding(
                            ID,
                            index,
                            Field::Body,
                            text_field,
                            first.start..last.end,
                            format!(
                                "{} line breaks (`<br>`) in a row; at most {MAX_BREAKS}",
                                brs.len()
                            ),
                        );
                        finding.fix = br_fix(&text_field.value, text_field, &brs);
                        out.push(finding);
                    }
                }
                None => {
                    for (range, n) in newline_runs(&view.text) {
                        let mut finding = text_finding(
                            ID,
                            index,
                            Field::Body,
                            view,
                            text_field,
                            range.clone(),
                            format!(
                                "{n} line breaks in a row ({} blank lines); at most {MAX_BREAKS}",
                                n - 1
                            ),
                        );
                        finding.fix = newline_fix(view, text_field, range);
                        out.push(finding);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, pointed_at};

    #[test]
    fn runs_of_newlines_between_words() {
        assert_eq!(newline_runs("a\n\n\nb"), [(1..4, 3)]);
        assert_eq!(
            newline_runs("a\n \u{a0}\n\t\n\nb\n\n\nc"),
            [(1..9, 4), (10..13, 3)]
        );
        assert!(newline_runs("a\n\nb\n\nc").is_empty());
        assert!(newline_runs("\n\n\n\na\n\n\n\n").is_empty());
        assert!(newline_runs("a\r\n\r\nb").is_empty());
        assert_eq!(newline_runs("a\r\n\r\n\r\nb").len(), 1);
    }

    /// The definition, char by char: what [`newline_runs`] finds line by line.
    fn runs_char_by_char(text: &str) -> Vec<(Range<usize>, usize)> {
        let mut runs = Vec::new();
        let mut run: Option<(usize, usize, usize)> = None;
        let mut seen_words = false;
        for (at, c) in text.char_indices() {
            if c == '\n' {
                if seen_words {
                    run = Some(match run {
                        Some((start, _, n)) => (start, at + 1, n + 1),
                        None => (at, at + 1, 1),
                    });
                }
            } else if !is_blank(c) {
                if let Some((start, end, n)) = run.take().filter(|&(_, _, n)| n > MAX_BREAKS) {
                    runs.push((start..end, n));
                }
                seen_words = true;
            }
        }
        runs
    }

    proptest::proptest! {
        #[test]
        fn line_by_line_is_char_by_char(text in "[ab \n\t\r\u{a0}é]{0,40}") {
            proptest::prop_assert_eq!(newline_runs(&text), runs_char_by_char(&text));
        }
    }

    #[test]
    fn blank_lines_in_a_plain_body_fire() {
        let found = findings(ID, "Your proof is attached.\n\n\n\nKind regards");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            "4 line breaks in a row (3 blank lines); at most 2"
        );
    }

    #[test]
    fn br_runs_in_html_fire() {
        assert_eq!(
            findings(ID, "<p>Hi</p><br><br/>\n<BR>\n<p>Bye</p>"),
            [(
                "<br><br/>\n      <BR>".to_string(),
                "3 line breaks (`<br>`) in a row; at most 2".to_string()
            )]
        );
        assert_eq!(
            pointed_at(ID, "Hi<br></span><br>&nbsp;<br><span><br>Bye"),
            ["<br></span><br>&nbsp;<br><span><br>"]
        );
    }

    #[test]
    fn br_runs_and_their_fixes() {
        let body = "Hi<br><br>\n<br> <br>Bye<br></span><br><span><br>!";
        let runs = br_runs(&crate::html::scan(body));
        let shown: Vec<Vec<&str>> = runs
            .iter()
            .map(|run| run.iter().map(|r| &body[r.clone()]).collect())
            .collect();
        assert_eq!(shown, [vec!["<br>"; 4], vec!["<br>"; 3]]);
        // Only whitespace between the breaks: the fix keeps two. Tags between: no fix.
        let field = TextField {
            value: body.to_string(),
            map: crate::scalar::ScalarMap::identity(body, 0),
        };
        let fix = br_fix(body, &field, &runs[0]).expect("a fix");
        assert_eq!(&body[fix.edits[0].range.clone()], "\n<br> <br>");
        assert!(br_fix(body, &field, &runs[1]).is_none());
    }

    #[test]
    fn paragraph_spacing_and_edges_pass() {
        for body in [
            "Your proof is attached.\n\nKind regards",
            "Line one\nLine two\n\nLine three",
            "<p>Hi</p>\n\n\n\n<p>The HTML source's newlines are not breaks.</p>",
            "<p>Hi<br><br>Bye</p>",
            "<p>Hi<br><br><img src=\"logo.png\" alt=\"Example Co\"><br><br>Bye</p>",
            "<table><tr><td>A</td></tr><tr><td>B</td></tr></table><div><div><p>C</p></div></div>",
            "<p>Bye</p><br><br><br>",
            "Please put three line breaks between the two lines of the engraving.",
        ] {
            assert_eq!(pointed_at(ID, body), Vec::<String>::new(), "{body}");
        }
    }
}
