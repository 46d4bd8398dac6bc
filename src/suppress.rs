//! Suppressions: the ways a seller says "I know, this one is fine", and the bookkeeping that
//! keeps them honest.
//!
//! * `# sellerlint: allow RULE[, RULE] -- reason` as a YAML comment at the end of a line, or
//!   on its own line directly above one (several comment lines may be stacked). Above or on a
//!   message's first line (`- id: ...`) it covers the whole message; above or on a `subject:`
//!   or `body:` line, that field; anywhere else, problems that start on that line.
//! * `# sellerlint: allow-file RULE[, RULE] -- reason` anywhere: the whole file.
//! * `allow: [RULE, ...]` in a message: that message. A YAML comment on the `allow:` line or
//!   on an entry's line is its reason.
//!
//! RULE is an id or a prefix (`review/`). Only real YAML comments count: a line starting with
//! `#` inside a block scalar (`body: |`) is text the buyer reads, not a comment. A suppression
//! that matches nothing is reported as `meta/unused-allow`; with `require-reason` one without
//! a reason is reported as `meta/allow-without-reason`.

use crate::diagnostic::{position, positions, Applicability, Diagnostic, Field, Severity};
use crate::lint::Settings;
use crate::model::Sequence;
use crate::parse::did_you_mean;
use crate::rules::registry::{selector_covers, Registry};
use crate::scalar::ScalarStyle;
use crate::source::SourceFile;
use arcstr::ArcStr;
use std::ops::Range;

pub const UNUSED_ALLOW: &str = "meta/unused-allow";
pub const ALLOW_WITHOUT_REASON: &str = "meta/allow-without-reason";

/// What a suppression covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    File,
    /// `(sequence, message)` indexes.
    Message(usize, usize),
    Field(usize, usize, Field),
    /// A 1-based line.
    Line(usize),
}

/// One suppression as written.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub scope: Scope,
    /// Rule ids or prefixes, each with its source range.
    pub rules: Vec<(String, Range<usize>)>,
    pub reason: Option<String>,
    /// The whole comment or `allow:` entry.
    pub span: Range<usize>,
    /// What to delete to remove a comment suppression: its whole line when it stands alone,
    /// else the comment and the spaces before it. `None` for `allow:` entries.
    pub removal: Option<Range<usize>>,
}

/// A YAML comment: the byte range of `#...` and its line (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub range: Range<usize>,
    pub line: usize,
    /// Nothing but whitespace before it on its line.
    pub own_line: bool,
}

/// The result of applying suppressions to one file's diagnostics.
#[derive(Debug, Default)]
pub struct Outcome {
    pub kept: Vec<Diagnostic>,
    pub suppressed: usize,
}

/// Can a quote at this point open a quoted scalar? Only where a value or key begins.
fn quote_can_open(before: &str) -> bool {
    match before.trim_end().chars().last() {
        None => true,
        Some(c) => matches!(c, ':' | '-' | '[' | '{' | ',' | '?'),
    }
}

/// Byte index of the comment on one line (outside quoted scalars that open on it).
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev_space = true;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') => {
                if c == '\\' {
                    chars.next();
                } else if c == '"' {
                    quote = None;
                }
            }
            Some(_) => {
                if c == '\'' {
                    if chars.peek().map(|&(_, n)| n) == Some('\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
            }
            None => {
                if c == '#' && prev_space {
                    return Some(i);
                }
                if (c == '"' || c == '\'') && quote_can_open(&line[..i]) {
                    quote = Some(c);
                }
            }
        }
        prev_space = c.is_whitespace();
    }
    None
}

/// If a line (without its comment) opens a block scalar, the indentation its content must
/// exceed.
fn block_scalar_parent_indent(code: &str) -> Option<usize> {
    let trimmed = code.trim_end();
    let last = trimmed.rsplit(char::is_whitespace).next()?;
    let mut it = last.chars();
    if !matches!(it.next(), Some('|' | '>')) || !it.all(|c| matches!(c, '+' | '-' | '1'..='9')) {
        return None;
    }
    let head = trimmed[..trimmed.len() - last.len()].trim_end();
    // What precedes the indicator: a key (`body:`), a sequence dash, or properties (`&a`, `!t`).
    let head_core = head
        .split_whitespace()
        .filter(|t| !t.starts_with('&') && !t.starts_with('!'))
        .collect::<Vec<_>>()
        .join(" ");
    let indent = code.len() - code.trim_start().len();
    if head_core.ends_with(':') {
        // The key's column: after any `- ` sequence markers.
        let mut col = indent;
        let mut rest = &code[indent..];
        while let Some(r) = rest.strip_prefix("- ") {
            let r2 = r.trim_start();
            col += rest.len() - r2.len();
            rest = r2;
        }
        Some(col)
    } else if head_core.is_empty() || head_core.split_whitespace().all(|t| t == "-") {
        Some(indent)
    } else {
        None
    }
}

/// Every real YAML comment of a file. `scalars` are byte ranges of scalar nodes known from
/// the parse (no comment can start inside one); block scalars are also recognised from the
/// text, so a `#` line in a `body: |` is never taken for a comment.
pub fn comments(source: &SourceFile, scalars: &[Range<usize>]) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut block_parent: Option<usize> = None;
    for index in 0..source.line_count() {
        let range = source.line_range(index);
        let line = source.text.get(range.clone()).unwrap_or("");
        let content = line.trim_start_matches('\u{feff}');
        let indent = content.len() - content.trim_start().len();
        if let Some(parent) = block_parent {
            if content.trim().is_empty() || indent > parent {
                continue;
            }
        }
        // A UTF-8 BOM is not text: `\u{feff}# sellerlint: ...` is a comment at column 1.
        let bom = line.len() - content.len();
        let found = comment_start(content).map(|i| i + bom);
        let code = found.map_or(line, |i| &line[..i]);
        if let Some(i) = found {
            let at = range.start + i;
            if !scalars.iter().any(|s| s.start < at && at < s.end) {
                out.push(Comment {
                    range: at..range.end,
                    line: index,
                    own_line: line[bom..i].trim().is_empty(),
                });
            }
        }
        block_parent = block_scalar_parent_indent(code);
    }
    out
}

/// Parses `sellerlint: allow[-file] RULES -- reason` (the text after `#`).
/// `Ok(None)`: not a sellerlint comment; `Err`: a sellerlint comment that is malformed.
#[allow(clippy::type_complexity)]
pub fn parse_directive(
    text: &str,
    text_offset: usize,
) -> Result<Option<(bool, Vec<(String, Range<usize>)>, Option<String>)>, String> {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("sellerlint:") else {
        return Ok(None);
    };
    let rest_offset = text_offset + (text.len() - rest.len());
    let body = rest.trim_start();
    let body_offset = rest_offset + (rest.len() - body.len());
    let (file_wide, after) = if let Some(a) = body.strip_prefix("allow-file") {
        (true, a)
    } else if let Some(a) = body.strip_prefix("allow") {
        (false, a)
    } else {
        let word = body.split_whitespace().next().unwrap_or("");
        let hint = did_you_mean(word, ["allow", "allow-file"])
            .map(|d| format!(" (did you mean `{d}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "`sellerlint: {word}` is not a directive{hint}; write `# sellerlint: allow RULE -- reason`"
        ));
    };
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return Err("write `allow RULE` or `allow-file RULE`, with a space".into());
    }
    let after_offset = body_offset + (body.len() - after.len());
    let (list, reason) = match after.find("--") {
        Some(i) => (&after[..i], Some(after[i + 2..].trim().to_string())),
        None => (after, None),
    };
    let mut rules = Vec::new();
    let mut pos = 0;
    for token in list.split(|c: char| c == ',' || c.is_whitespace()) {
        let start = pos;
        pos += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let s = after_offset + start;
        rules.push((token.to_string(), s..s + token.len()));
    }
    if rules.is_empty() {
        return Err("name the rule to allow: `# sellerlint: allow RULE -- reason`".into());
    }
    Ok(Some((file_wide, rules, reason.filter(|r| !r.is_empty()))))
}

/// The scalar node ranges of a file's text fields: where a `#` is text, not a comment.
fn scalar_ranges(source: &SourceFile, sequences: &[Sequence]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for seq in sequences {
        out.push(seq.name.span.clone());
        for m in &seq.messages {
            out.push(content_range(source, &m.body.map));
            if let Some(s) = &m.subject {
                out.push(content_range(source, &s.map));
            }
        }
    }
    out
}

/// A scalar's node range, less a block scalar's header line: `body: |  # comment` has a real
/// comment after the indicator, and the content only starts on the next line.
fn content_range(source: &SourceFile, map: &crate::scalar::ScalarMap) -> Range<usize> {
    let node = map.node_range();
    match map.style() {
        Some(ScalarStyle::Literal | ScalarStyle::Folded) => {
            let header = source.line_index(node.start);
            let next = source.line_range(header + 1).start.max(node.start);
            next.min(node.end)..node.end
        }
        _ => node,
    }
}

/// Does 0-based `line` hold the key of a field whose scalar starts at `node_start`? That is
/// the scalar's own line, or, when the scalar's content starts a line (a block scalar whose
/// span begins at its text), the `body: |` header line above it.
fn is_field_line(source: &SourceFile, node_start: usize, line: usize) -> bool {
    let first = source.line_index(node_start);
    if first == line {
        return true;
    }
    let line_start = source.line_range(first).start;
    let before = source.text.get(line_start..node_start).unwrap_or("");
    if !before.trim().is_empty() || first == 0 || line >= first {
        return false;
    }
    let mut header = first - 1;
    while header > 0 && source.line_text(header).trim().is_empty() {
        header -= 1;
    }
    header == line
}

/// What a comment on (or directly above) 0-based `line` covers.
fn scope_of_line(source: &SourceFile, sequences: &[Sequence], line: usize) -> Scope {
    for (si, seq) in sequences.iter().enumerate() {
        for (mi, m) in seq.messages.iter().enumerate() {
            if source.line_index(m.span.start) == line {
                return Scope::Message(si, mi);
            }
            if is_field_line(source, m.body.map.node_range().start, line) {
                return Scope::Field(si, mi, Field::Body);
            }
            if let Some(s) = &m.subject {
                if is_field_line(source, s.map.node_range().start, line) {
                    return Scope::Field(si, mi, Field::Subject);
                }
            }
        }
    }
    Scope::Line(line + 1)
}

/// All suppressions of a file, and malformed `sellerlint:` comments (range, problem).
pub fn collect(
    source: &SourceFile,
    sequences: &[Sequence],
) -> (Vec<Suppression>, Vec<(Range<usize>, String)>) {
    let all_comments = comments(source, &scalar_ranges(source, sequences));
    let comment_lines: std::collections::HashSet<usize> = all_comments
        .iter()
        .filter(|c| c.own_line)
        .map(|c| c.line)
        .collect();
    let mut out = Vec::new();
    let mut malformed = Vec::new();
    for c in &all_comments {
        let text = source
            .text
            .get(c.range.start + 1..c.range.end)
            .unwrap_or("");
        match parse_directive(text, c.range.start + 1) {
            Ok(None) => {}
            Err(problem) => malformed.push((c.range.clone(), problem)),
            Ok(Some((file_wide, rules, reason))) => {
                let scope = if file_wide {
                    Scope::File
                } else {
                    let mut target = c.line;
                    if c.own_line {
                        target += 1;
                        while comment_lines.contains(&target) {
                            target += 1;
                        }
                    }
                    scope_of_line(source, sequences, target)
                };
                let line = source.line_range(c.line);
                let removal = if c.own_line {
                    let end = source
                        .text
                        .get(line.end..)
                        .and_then(|rest| rest.find('\n'))
                        .map_or(source.text.len(), |i| line.end + i + 1);
                    line.start..end
                } else {
                    let before = source.text.get(line.start..c.range.start).unwrap_or("");
                    line.start + before.trim_end().len()..c.range.end
                };
                out.push(Suppression {
                    scope,
                    rules,
                    reason,
                    span: c.range.clone(),
                    removal: Some(removal),
                });
            }
        }
    }
    // `allow:` keys: a comment on the entry's line (or the `allow:` line) is the reason.
    for (si, seq) in sequences.iter().enumerate() {
        for (mi, m) in seq.messages.iter().enumerate() {
            for entry in &m.allow {
                let line = source.line_index(entry.span.start);
                let reason = all_comments
                    .iter()
                    .find(|c| c.line == line)
                    .or_else(|| {
                        all_comments
                            .iter()
                            .find(|c| c.line + 1 == line && !c.own_line)
                    })
                    .and_then(|c| source.text.get(c.range.start + 1..c.range.end))
                    .map(|t| t.trim().trim_start_matches("--").trim().to_string())
                    .filter(|t| !t.is_empty());
                out.push(Suppression {
                    scope: Scope::Message(si, mi),
                    rules: vec![(entry.value.trim().to_string(), entry.span.clone())],
                    reason,
                    span: entry.span.clone(),
                    removal: None,
                });
            }
        }
    }
    (out, malformed)
}

fn covers(scope: &Scope, d: &Diagnostic) -> bool {
    match scope {
        Scope::File => true,
        Scope::Message(s, m) => d.place() == (*s, *m),
        Scope::Field(s, m, f) => d.place() == (*s, *m) && d.field == *f,
        Scope::Line(l) => d.line as usize == *l,
    }
}

/// Sequence and message around a byte offset (the last message starting before it).
/// A report about a suppression belongs to the message the suppression covers, else to the
/// message around it (`message_id` empty when it is outside every message).
fn place_of(
    sequences: &[Sequence],
    scope: Option<&Scope>,
    offset: usize,
) -> (usize, usize, String, String) {
    if let Some(Scope::Message(si, mi) | Scope::Field(si, mi, _)) = scope {
        if let Some(m) = sequences.get(*si).and_then(|s| s.messages.get(*mi)) {
            return (
                *si,
                *mi,
                m.id.value.clone(),
                sequences[*si].name.value.clone(),
            );
        }
    }
    let mut best = (0, 0, String::new(), String::new());
    for (si, seq) in sequences.iter().enumerate() {
        if seq.name.span.start > offset && si > 0 {
            break;
        }
        best = (si, 0, String::new(), seq.name.value.clone());
        for (mi, m) in seq.messages.iter().enumerate() {
            if m.span.start <= offset {
                best = (si, mi, m.id.value.clone(), seq.name.value.clone());
            }
        }
    }
    best
}

#[allow(clippy::too_many_arguments)]
fn meta_diagnostic(
    source: &SourceFile,
    sequences: &[Sequence],
    registry: &Registry,
    rule: &str,
    severity: Severity,
    scope: Option<&Scope>,
    span: Range<usize>,
    message: String,
    fix: String,
) -> Diagnostic {
    let (start, end) = positions(source, &span);
    let (si, mi, message_id, sequence) = place_of(sequences, scope, span.start);
    let url = registry
        .get_with_advice(rule)
        .and_then(|(_, advice)| advice.url);
    Diagnostic {
        file: ArcStr::from(source.name.as_str()),
        rule: ArcStr::from(rule),
        severity,
        message: message.into(),
        message_id: ArcStr::from(message_id),
        sequence: ArcStr::from(sequence),
        field: Field::Message,
        line: position(start.line),
        column: position(start.column),
        end_line: position(end.line),
        end_column: position(end.column),
        fix: fix.into(),
        applicability: Applicability::Manual,
        matched: None,
        edits: Box::default(),
        span,
        order: (position(si), position(mi)),
        url,
    }
}

/// Removes suppressed diagnostics and adds reports about the suppressions themselves.
pub fn apply(
    source: &SourceFile,
    sequences: &[Sequence],
    diagnostics: Vec<Diagnostic>,
    registry: &Registry,
    settings: &Settings,
) -> Outcome {
    let (suppressions, malformed) = collect(source, sequences);
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| vec![false; s.rules.len()])
        .collect();
    let mut outcome = Outcome::default();
    let mut kept = diagnostics;
    // In place: a big file's diagnostics are most of its report, and a second vector of
    // them would double that at the peak.
    kept.retain(|d| {
        let mut hit = false;
        for (si, s) in suppressions.iter().enumerate() {
            if !covers(&s.scope, d) {
                continue;
            }
            for (ri, (sel, _)) in s.rules.iter().enumerate() {
                if selector_covers(sel, &d.rule) {
                    used[si][ri] = true;
                    hit = true;
                }
            }
        }
        if hit {
            outcome.suppressed += 1;
        }
        !hit
    });
    outcome.kept = kept;
    let level = |id: &str, default: Severity| settings.severity(id, default);
    let mut extra = Vec::new();
    if let Some(sev) = level(UNUSED_ALLOW, Severity::Warning) {
        for (range, problem) in malformed {
            extra.push(meta_diagnostic(
                source,
                sequences,
                registry,
                UNUSED_ALLOW,
                sev,
                None,
                range,
                format!("this suppression does nothing: {problem}"),
                "Fix the comment so it reads `# sellerlint: allow RULE -- reason`, or delete it."
                    .into(),
            ));
        }
        for (si, s) in suppressions.iter().enumerate() {
            // A comment none of whose rules is used can go: a safe fix on its first report.
            let mut removal = s.removal.clone().filter(|_| used[si].iter().all(|u| !u));
            for (ri, (sel, range)) in s.rules.iter().enumerate() {
                if used[si][ri] {
                    continue;
                }
                let (message, fix) = if !registry.selector_matches(sel) {
                    let hint = did_you_mean(sel, registry.ids())
                        .map(|d| format!(" (did you mean `{d}`?)"))
                        .unwrap_or_default();
                    (
                        format!("`{sel}` is not a rule{hint}, so this suppression does nothing"),
                        "Name a rule id from `sellerlint rules`, or a prefix like `review/`."
                            .to_string(),
                    )
                } else {
                    // A rule switched off here has nothing to suppress: not the comment's fault.
                    let enabled = registry.rules.iter().any(|r| {
                        selector_covers(sel, &r.meta().id)
                            && settings.severity(&r.meta().id, r.meta().severity).is_some()
                    });
                    if !enabled {
                        continue;
                    }
                    (
                        format!("unused suppression: no `{sel}` problem here to allow"),
                        "Delete the suppression: the problem it allowed is gone.".to_string(),
                    )
                };
                let mut d = meta_diagnostic(
                    source,
                    sequences,
                    registry,
                    UNUSED_ALLOW,
                    sev,
                    Some(&s.scope),
                    range.clone(),
                    message,
                    fix,
                );
                if let Some(r) = removal.take() {
                    d.applicability = Applicability::Safe;
                    d.edits = Box::new([crate::diagnostic::PlacedEdit::new(
                        source,
                        &crate::diagnostic::Edit {
                            range: r,
                            replacement: String::new(),
                        },
                    )]);
                }
                extra.push(d);
            }
        }
    }
    if settings.require_reason {
        if let Some(sev) = level(ALLOW_WITHOUT_REASON, Severity::Error) {
            for s in suppressions.iter().filter(|s| s.reason.is_none()) {
                let names: Vec<&str> = s.rules.iter().map(|(r, _)| r.as_str()).collect();
                extra.push(meta_diagnostic(
                    source,
                    sequences,
                    registry,
                    ALLOW_WITHOUT_REASON,
                    sev,
                    Some(&s.scope),
                    s.span.clone(),
                    format!("suppression of `{}` gives no reason", names.join("`, `")),
                    "Say why after `--`: `# sellerlint: allow RULE -- the buyer asked for this`."
                        .into(),
                ));
            }
        }
    }
    // Reports about suppressions obey file-wide suppressions of their own rule.
    outcome.kept.reserve_exact(extra.len());
    for d in extra {
        let allowed = suppressions
            .iter()
            .any(|s| s.scope == Scope::File && s.rules.iter().any(|(sel, _)| **sel == *d.rule));
        if allowed {
            outcome.suppressed += 1;
        } else {
            outcome.kept.push(d);
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(t: &str) -> SourceFile {
        SourceFile::new("t.yaml", t.to_string())
    }

    #[test]
    fn finds_comments_outside_quotes() {
        assert_eq!(comment_start("a: b # c"), Some(5));
        assert_eq!(comment_start("# c"), Some(0));
        assert_eq!(comment_start("a: \"x # y\" # z"), Some(11));
        assert_eq!(comment_start("a: 'it''s # no' # yes"), Some(16));
        assert_eq!(comment_start("a: Order#12"), None);
        assert_eq!(comment_start("body: It's # c"), Some(11));
    }

    #[test]
    fn hash_lines_in_block_scalars_are_text() {
        let s = src("a: |\n  # sellerlint: allow x\n  text\n# real\nb: >-\n    # no\nc: 1 # yes\n");
        let found: Vec<usize> = comments(&s, &[]).iter().map(|c| c.line).collect();
        assert_eq!(found, vec![3, 6]);
        let s = src("  - body: |\n      # text\n    # comment\n");
        let found: Vec<usize> = comments(&s, &[]).iter().map(|c| c.line).collect();
        assert_eq!(found, vec![2]);
    }

    #[test]
    fn unused_comment_suppressions_carry_a_safe_removal() {
        let text = "sequence: S\nmessages:\n  # sellerlint: allow meta/allow-without-reason\n  - id: a  # sellerlint: allow meta/allow-without-reason -- x\n    body: hi\n";
        let s = src(text);
        let seqs = crate::parse::parse_file(&s).unwrap();
        let registry = Registry::builtin();
        let profile = crate::profile::Profile::named("amazon").unwrap();
        let out = apply(&s, &seqs, Vec::new(), registry, &Settings::new(profile));
        assert_eq!(out.kept.len(), 2);
        let mut fixed = text.to_string();
        let mut edits: Vec<_> = out.kept.iter().flat_map(|d| d.edits.clone()).collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            fixed.replace_range(e.range, &e.replacement);
        }
        assert_eq!(fixed, "sequence: S\nmessages:\n  - id: a\n    body: hi\n");
        assert!(out
            .kept
            .iter()
            .all(|d| d.applicability == Applicability::Safe));
    }

    #[test]
    fn a_comment_after_a_bom_counts() {
        let s = src("\u{feff}# sellerlint: allow-file x/y\nsequence: S\n");
        let c = comments(&s, &[]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].range.start, 3);
        assert!(c[0].own_line);
    }

    #[test]
    fn directives() {
        let (file, rules, reason) = parse_directive(" sellerlint: allow a/b, c/ -- why", 1)
            .unwrap()
            .unwrap();
        assert!(!file);
        assert_eq!(rules[0].0, "a/b");
        assert_eq!(rules[0].1, 20..23);
        assert_eq!(rules[1].0, "c/");
        assert_eq!(reason.as_deref(), Some("why"));
        let (file, _, reason) = parse_directive(" sellerlint: allow-file x/y", 0)
            .unwrap()
            .unwrap();
        assert!(file);
        assert_eq!(reason, None);
        assert!(parse_directive(" just a comment", 0).unwrap().is_none());
        assert!(parse_directive(" sellerlint: alow x/y", 0)
            .unwrap_err()
            .contains("did you mean `allow`"));
        assert!(parse_directive(" sellerlint: allow -- because", 0).is_err());
    }
}
