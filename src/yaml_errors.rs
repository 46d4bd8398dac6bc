//! serde-saphyr errors in plain words. The YAML library speaks to programmers ("expected
//! sequence start", "budget breached: Nodes { .. }"); sellers need to hear which field is
//! wrong, what it should hold and how to write it. This module owns that translation: it reads
//! the error's variant, finds the field the error is about from the source text around the
//! error's position, and says what that field must be, with a concrete example.

use crate::source::SourceFile;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::Error;

/// An error ready to show: where it is (byte offset and length in the source), what is wrong,
/// and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainError {
    pub offset: Option<usize>,
    pub len: usize,
    pub message: String,
    pub help: Option<String>,
}

/// What a field of the sequence format holds, for "must be …" messages.
fn field_kind(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "sequence" => (
            "text (the sequence's name)",
            "write `sequence: Post-purchase follow-up`",
        ),
        "marketplace" => ("text", "write `marketplace: amazon.de`"),
        "language" => ("text", "write `language: de`"),
        "id" => ("text", "write `id: thank-you`"),
        "trigger" => ("text", "write `trigger: delivered`"),
        "delay" => ("text", "write `delay: 7d`"),
        "format" => ("text", "write `format: text` or `format: html`"),
        "purpose" => ("text", "write `purpose: delivery-scheduling`"),
        "subject" | "body" => (
            "text",
            "write the text after the colon, or `|` and the text on indented lines below; quote a text that starts with `[`, `{`, `*`, `&`, `!`, `%`, `@` or a quote",
        ),
        "messages" => (
            "a list of messages",
            "write each message as a list item: `- id: thank-you` on its own line, its other fields indented below it",
        ),
        "attachments" => (
            "a list of file names",
            "write `attachments: [care-guide.pdf]` (a list, even for one file)",
        ),
        "allow" => (
            "a list of rule ids",
            "write `allow: [review/gating]` (a list, even for one rule)",
        ),
        _ => return None,
    })
}

/// What each item of a list field holds.
fn item_kind(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "messages" => (
            "a message (`id:`, `body:` and the other fields, indented under the `-`)",
            "write `- id: thank-you` and, indented below it, `body: |` and the text",
        ),
        "attachments" => (
            "a file name",
            "write `attachments: [care-guide.pdf, manual.pdf]`",
        ),
        "allow" => ("a rule id", "write `allow: [review/gating]`"),
        _ => return None,
    })
}

fn usize_of(n: Option<u64>) -> Option<usize> {
    n.and_then(|n| usize::try_from(n).ok())
}

fn location_offset(loc: Option<serde_saphyr::Location>) -> (Option<usize>, usize) {
    match loc {
        Some(l) if l.line() > 0 => {
            let span = l.span();
            (
                usize_of(span.byte_offset()),
                usize_of(span.byte_len()).unwrap_or(1),
            )
        }
        _ => (None, 1),
    }
}

/// Byte offset of a 1-based line and character column (parser errors carry no byte offset).
/// The parser counts lines as YAML does (a lone CR ends a line too), so we count the same way.
fn offset_of_line_col(source: &SourceFile, loc: serde_saphyr::Location) -> Option<usize> {
    let line = usize::try_from(loc.line()).ok()?.checked_sub(1)?;
    let column = usize::try_from(loc.column()).ok()?.checked_sub(1)?;
    let text = source.text.as_str();
    let bytes = text.as_bytes();
    let mut start = 0;
    for _ in 0..line {
        let rest = bytes.get(start..)?;
        let brk = rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
        start += brk + 1;
        if rest[brk] == b'\r' && bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
    }
    let rest = text.get(start..)?;
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let skip = usize::from(start == 0 && rest.starts_with('\u{feff}'));
    match rest[..end].char_indices().nth(column + skip) {
        Some((i, _)) => Some(start + i),
        None => Some(start + end),
    }
}

/// Explains a serde-saphyr error against the source it came from.
pub fn explain(source: &SourceFile, err: &Error) -> PlainError {
    let err = err.without_snippet();
    // A value reached through an alias (`*name`) is reported where the alias is used, with
    // the anchor's line as help.
    let (inner, anchor_line) = match err {
        Error::AliasError {
            error, locations, ..
        } => {
            let (def, _) = location_offset(Some(locations.defined_location));
            (
                error.without_snippet(),
                def.map(|d| source.line_col(d).line),
            )
        }
        other => (other, None),
    };
    let (offset, len) = location_offset(err.location());
    let offset = offset
        .or_else(|| offset_of_line_col(source, err.location()?))
        .filter(|o| *o <= source.text.len());
    let (message, mut help) = describe(source, inner, offset);
    if let Some(line) = anchor_line {
        let note = format!("the value comes from the anchor (`&`) on line {line}");
        help = Some(match help {
            Some(h) => format!("{h}; {note}"),
            None => note,
        });
    }
    PlainError {
        offset,
        len,
        message: one_line(&message),
        help: help.map(|h| one_line(&h)),
    }
}

fn describe(source: &SourceFile, err: &Error, offset: Option<usize>) -> (String, Option<String>) {
    match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let help = match crate::parse::did_you_mean(field, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the fields here are `{}`", expected.join("`, `")),
            };
            (
                format!("unknown field `{}`", crate::parse::shown(field)),
                Some(help),
            )
        }
        Error::SerdeMissingField { field, .. } => {
            let help = match *field {
                "sequence" => "every sequence needs a name: `sequence: Post-purchase follow-up`",
                "messages" => "a sequence needs `messages:`, a list of at least one message",
                "id" => "every message needs an `id`, unique in its sequence: `id: thank-you`",
                "body" => "every message needs a `body`: the text of the email",
                _ => "add it",
            };
            (
                format!("missing required field `{field}`"),
                Some(help.to_string()),
            )
        }
        Error::DuplicateMappingKey { key, .. } => {
            let what = key.as_deref().map_or("a key".to_string(), |k| {
                format!("`{}`", crate::parse::shown(k))
            });
            (
                format!("{what} is written twice in the same mapping"),
                Some(
                    "YAML would keep only one of the two values and silently drop the other: remove or rename one"
                        .into(),
                ),
            )
        }
        Error::NullIntoString { .. } => match offset.and_then(|o| key_of_value(source, o)) {
            Some(key) => (
                format!("`{key}` is empty"),
                field_kind(&key).map(|(_, how)| how.to_string()),
            ),
            None => ("a value is empty where text is expected".into(), None),
        },
        Error::Unexpected { expected, .. } => type_error(source, offset, expected),
        Error::SerdeInvalidType { expected, .. } => type_error(source, offset, expected),
        Error::InvalidScalar { ty, .. } => type_error(source, offset, ty),
        Error::Budget { breach, .. } => budget(breach),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => alias_bomb(),
        Error::UnknownAnchor { .. } => (
            "this alias (`*name`) refers to no anchor (`&name`) defined before it".into(),
            Some("define the anchor first, or write the value out".into()),
        ),
        Error::RecursiveReferencesRequireWeakTypes { .. } => (
            "this alias (`*name`) refers to the value that contains it (a loop)".into(),
            Some("write the value out instead of using an alias".into()),
        ),
        Error::Eof { .. } => (
            "the file ends in the middle of a value".into(),
            Some("look for an unclosed quote, bracket `[` or brace `{`".into()),
        ),
        Error::MultipleDocuments { .. } => ("more than one YAML document".into(), None),
        Error::ExternalMessage { msg, .. } => syntax(msg),
        Error::Message { msg, .. } => (strip_positions(msg), None),
        other => {
            let text = other.to_string();
            let text = text.trim_start_matches("error: ");
            (strip_positions(text), None)
        }
    }
}

fn alias_bomb() -> (String, Option<String>) {
    (
        "the file repeats anchored values (`&name` … `*name`) too often: it would expand to far more than it holds (a \"billion laughs\" file?)".into(),
        Some("write the values out instead of repeating aliases; sellerlint stops here to keep its memory bounded".into()),
    )
}

fn budget(breach: &BudgetBreach) -> (String, Option<String>) {
    let split = Some("split it into several smaller files".to_string());
    match breach {
        BudgetBreach::Depth { .. } => (
            "the YAML is nested too deeply (more than 64 levels of lists and mappings)".into(),
            Some("a sequence file needs four levels: sequence, messages, message, field".into()),
        ),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => alias_bomb(),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => (
            "the file holds too many YAML values to read safely (more than 250,000)".into(),
            split,
        ),
        BudgetBreach::ScalarBytes { .. } => (
            "the file's text adds up to more than 64 MiB (every alias `*name` counts again)".into(),
            split,
        ),
        BudgetBreach::Documents { .. } => (
            "the file holds more than 1,024 YAML documents (`---`)".into(),
            split,
        ),
        _ => (
            "the file is too large or too complex to read safely".into(),
            split,
        ),
    }
}

/// A parser (syntax) error, in plain words where we know the case.
fn syntax(msg: &str) -> (String, Option<String>) {
    let bare = strip_positions(msg);
    let lower = bare.to_ascii_lowercase();
    if lower.contains("tab") && (lower.contains("indent") || lower.contains("disallowed")) {
        return (
            "a tab is used to indent here; YAML indents with spaces only".into(),
            Some("replace the tabs at the start of the line with spaces".into()),
        );
    }
    if lower.contains("trailing content after") {
        return (
            "there is text after the closing quote; a quoted value ends at its quote".into(),
            Some("quote the whole value, or write `|` and the text on indented lines below".into()),
        );
    }
    if lower.contains("unknown escape") {
        return (
            "an unknown escape (a `\\` and a letter) in a double-quoted value".into(),
            Some("write a backslash as `\\\\`, or use single quotes, where `\\` has no special meaning".into()),
        );
    }
    if lower.contains("mapping values are not allowed") {
        return (
            "a `: ` inside a value that is not quoted: YAML reads it as the start of a new field".into(),
            Some("put the whole value in quotes: `subject: \"Re: your order\"`, or write `|` and the text on indented lines below".into()),
        );
    }
    if lower.contains("did not find expected") {
        return (
            "this line is not indented like the lines around it".into(),
            Some("the fields of one message start in the same column, and so do the `-` of the items of one list".into()),
        );
    }
    if let Some(rest) = lower.strip_prefix("unexpected character: `") {
        let c = rest.chars().next().unwrap_or('?');
        return (
            format!("a value cannot start with `{c}` unless it is quoted"),
            Some("put the whole value in quotes".into()),
        );
    }
    if lower.contains("unclosed quote") || lower.contains("quoted scalar") {
        return (
            "a quoted value starts here and its closing quote is missing".into(),
            Some(
                "add the closing quote; inside '…' write a quote as '', inside \"…\" as \\\""
                    .into(),
            ),
        );
    }
    if lower.contains("simple key") {
        return (
            "expected a `:` after this key".into(),
            Some("a field is a short name, a colon and its value (`body: Hello`); keys longer than 1,024 characters are refused".into()),
        );
    }
    if (lower.contains("flow") && lower.contains("nest")) || lower.contains("recursion limit") {
        return (
            "the YAML is nested too deeply (too many `[` or `{` inside each other)".into(),
            Some("a sequence file needs four levels: sequence, messages, message, field".into()),
        );
    }
    (format!("invalid YAML: {bare}"), None)
}

fn type_error(
    source: &SourceFile,
    offset: Option<usize>,
    expected: &str,
) -> (String, Option<String>) {
    let found = offset.map(|o| found_kind(source, o));
    if let Some((key, true)) = offset.and_then(|o| key_of(source, o)) {
        if let Some((item, how)) = item_kind(&key) {
            let message = match found {
                Some(found) => format!("each item of `{key}` must be {item}, not {found}"),
                None => format!("each item of `{key}` must be {item}"),
            };
            return (message, Some(how.to_string()));
        }
    }
    let key = offset.and_then(|o| key_of_value(source, o));
    if let Some((key, (kind, how))) = key.as_deref().and_then(|k| Some((k, field_kind(k)?))) {
        let message = match found {
            Some(found) => format!("`{key}` must be {kind}, not {found}"),
            None => format!("`{key}` must be {kind}"),
        };
        return (message, Some(how.to_string()));
    }
    let wanted = if expected.contains("sequence") {
        "a list"
    } else if expected.contains("mapping")
        || expected.contains("struct")
        || expected.contains("map")
    {
        "a mapping (`key: value` lines)"
    } else {
        "text"
    };
    let message = match found {
        Some(found) => format!("expected {wanted} here, not {found}"),
        None => format!("expected {wanted} here"),
    };
    (message, None)
}

/// What the value at `offset` looks like, in words.
fn found_kind(source: &SourceFile, offset: usize) -> &'static str {
    let rest = source.text.get(offset..).unwrap_or("");
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = rest[..line_end].trim_end_matches('\r');
    if line.starts_with('[') || line == "-" || line.starts_with("- ") {
        "a list"
    } else if line.starts_with('{') || looks_like_key(line) {
        "a mapping"
    } else if line.is_empty() || line == "~" || line == "null" {
        "nothing"
    } else {
        "a single value"
    }
}

/// `key: …` or `key:` at the start of a line fragment.
fn looks_like_key(line: &str) -> bool {
    let head = match line.find(": ") {
        Some(i) => &line[..i],
        None => match line.strip_suffix(':') {
            Some(h) => h,
            None => return false,
        },
    };
    !head.is_empty() && !head.starts_with(['"', '\'']) && !head.contains(['[', '{', '#'])
}

/// The mapping key whose value starts at `offset`: on the same line (`key: value`), or the
/// nearest less-indented `key:` line above (a block list or mapping under its key).
pub fn key_of_value(source: &SourceFile, offset: usize) -> Option<String> {
    key_of(source, offset).and_then(|(key, item)| (!item).then_some(key))
}

/// The key whose value holds `offset`, and whether the value at `offset` is an item of that
/// key's list rather than the key's value itself.
fn key_of(source: &SourceFile, offset: usize) -> Option<(String, bool)> {
    let line = source.line_index(offset);
    let range = source.line_range(line);
    // An empty value is reported at the colon that introduces it.
    let rest = source.text.get(offset..).unwrap_or("");
    let end = if rest.starts_with(':') {
        offset + 1
    } else {
        offset
    };
    let prefix = crate::source::floor_slice(&source.text, range.start, end);
    let prefix = prefix.trim_start_matches('\u{feff}');
    let trimmed = prefix.trim_end();
    if let Some(head) = trimmed.strip_suffix(':') {
        return last_key(head).map(|k| (k, false));
    }
    if !trimmed.trim_start_matches(['-', ' ']).is_empty() {
        return None;
    }
    let on_item_line = trimmed.trim_start().starts_with('-');
    let indent = prefix.len() - prefix.trim_start().len();
    let is_item = on_item_line || rest.starts_with('-');
    for above in (0..line).rev().take(10_000) {
        let text = source.line_text(above);
        let body = text.trim_start_matches('\u{feff}');
        let content = body.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let ind = body.len() - content.len();
        if ind < indent || (is_item && ind == indent && !content.starts_with('-')) {
            let content = content.trim_end();
            return content
                .strip_suffix(':')
                .and_then(last_key)
                .map(|k| (k, on_item_line));
        }
    }
    None
}

/// The last key of a line fragment such as `  - attachments` or `{a: 1, sequence`.
fn last_key(head: &str) -> Option<String> {
    let token = head
        .rsplit([' ', '{', ',', '\t'])
        .next()
        .unwrap_or("")
        .trim_matches(['"', '\'', '\u{feff}']);
    if token.is_empty() || token.contains(':') {
        None
    } else {
        Some(token.to_string())
    }
}

/// Removes the " at line N, column M" and "(defined at …)" notes the library adds: our
/// report prints positions itself.
pub fn strip_positions(msg: &str) -> String {
    let mut out = msg.lines().next().unwrap_or("").trim().to_string();
    for marker in [" (defined at line ", " (used at line ", " at line "] {
        while let Some(i) = out.find(marker) {
            let rest = &out[i + marker.len()..];
            let mut end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == ' ' || c == ')'))
                .unwrap_or(rest.len());
            if rest[..end].trim().is_empty() {
                break;
            }
            // Take ", column M" and a closing parenthesis too.
            if rest[end..].starts_with("column ") {
                let after = &rest[end + "column ".len()..];
                let digits = after
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(after.len());
                end += "column ".len() + digits;
                if rest[end..].starts_with(')') {
                    end += 1;
                }
            }
            out = format!("{}{}", &out[..i], &rest[end..]);
        }
    }
    out.trim().to_string()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_stripped() {
        assert_eq!(
            strip_positions("unclosed quote at line 1, column 11"),
            "unclosed quote"
        );
        assert_eq!(
            strip_positions(
                "expected string scalar (defined at line 5, column 16) (used at line 8, column 17)"
            ),
            "expected string scalar"
        );
        assert_eq!(strip_positions("nothing to strip"), "nothing to strip");
    }

    #[test]
    fn keys_are_found_on_the_line_and_above() {
        let src = SourceFile::new(
            "x",
            "sequence: [1]\nmessages:\n  id: a\n  - id: b\n    attachments: foo\n".into(),
        );
        let at = |s: &str| src.text.find(s).unwrap_or(0);
        assert_eq!(key_of_value(&src, at("[1]")).as_deref(), Some("sequence"));
        assert_eq!(key_of_value(&src, at("id: a")).as_deref(), Some("messages"));
        assert_eq!(
            key_of_value(&src, at("foo")).as_deref(),
            Some("attachments")
        );
    }
}
