//! The check a fix round must pass: the fixed text parses, every value outside the edited
//! scalars is what it was, and each edited scalar reads back as the value the edits meant.

use crate::diagnostic::Edit;
use crate::fix::edits::{block_indent, decode_replacement};
use crate::lint::FileReport;
use crate::model::{Message, Sequence, TextField};

/// `Ok` when `after` (the lint of the edited text) differs from `before` only inside the
/// edited subject and body scalars, and those hold the intended values.
pub fn same_outside_edits(
    before: &FileReport,
    after: &FileReport,
    edits: &[Edit],
) -> Result<(), String> {
    if let Some(e) = after.errors.first() {
        let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        return Err(format!(
            "the fixed text no longer parses{at}: {}",
            e.message
        ));
    }
    if before.sequences.len() != after.sequences.len() {
        return Err("the fixed text has a different number of sequences".into());
    }
    for (old, new) in before.sequences.iter().zip(&after.sequences) {
        compare_sequence(&before.source.text, old, new, edits)?;
    }
    Ok(())
}

fn differs(what: &str, seq: &Sequence) -> String {
    format!(
        "the fix would change {what} in sequence `{}`",
        seq.name.value
    )
}

fn compare_sequence(
    source: &str,
    old: &Sequence,
    new: &Sequence,
    edits: &[Edit],
) -> Result<(), String> {
    if old.name.value != new.name.value {
        return Err(differs("the sequence name", old));
    }
    if old.marketplace.value != new.marketplace.value
        || old.language.value != new.language.value
        || old.language_declared != new.language_declared
        || old.document != new.document
    {
        return Err(differs("the marketplace or language", old));
    }
    if old.messages.len() != new.messages.len() {
        return Err(differs("the number of messages", old));
    }
    for (a, b) in old.messages.iter().zip(&new.messages) {
        compare_message(source, old, a, b, edits)?;
    }
    Ok(())
}

fn compare_message(
    source: &str,
    seq: &Sequence,
    a: &Message,
    b: &Message,
    edits: &[Edit],
) -> Result<(), String> {
    let id = &a.id.value;
    let same = a.id.value == b.id.value
        && a.trigger.as_ref().map(|t| t.value) == b.trigger.as_ref().map(|t| t.value)
        && a.delay_hours.as_ref().map(|d| d.value) == b.delay_hours.as_ref().map(|d| d.value)
        && a.format.as_ref().map(|f| f.value) == b.format.as_ref().map(|f| f.value)
        && values(&a.attachments) == values(&b.attachments)
        && a.purpose.as_ref().map(|p| &p.value) == b.purpose.as_ref().map(|p| &p.value)
        && values(&a.allow) == values(&b.allow);
    if !same {
        return Err(differs(&format!("a setting of message `{id}`"), seq));
    }
    match (&a.subject, &b.subject) {
        (None, None) => {}
        (Some(x), Some(y)) => compare_text(source, x, y, edits)
            .map_err(|()| differs(&format!("the subject of message `{id}`"), seq))?,
        _ => return Err(differs(&format!("the subject of message `{id}`"), seq)),
    }
    compare_text(source, &a.body, &b.body, edits)
        .map_err(|()| differs(&format!("the body of message `{id}`"), seq))
}

fn values(list: &[crate::model::Located<String>]) -> Vec<&str> {
    list.iter().map(|l| l.value.as_str()).collect()
}

/// An unedited field must be equal; an edited one must equal its old value with the edits'
/// replacements in place (when its position map lets us work that out).
fn compare_text(source: &str, old: &TextField, new: &TextField, edits: &[Edit]) -> Result<(), ()> {
    let node = old.map.node_range();
    let inside: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.range.start >= node.start && e.range.end <= node.end)
        .collect();
    if inside.is_empty() {
        return if old.value == new.value {
            Ok(())
        } else {
            Err(())
        };
    }
    match expected_value(source, old, &inside) {
        Some(expected) if expected == new.value => Ok(()),
        Some(_) => Err(()),
        // Not exactly mapped: the edits came from a rule that had its own way of placing
        // them; the parse and the other fields are still checked.
        None => Ok(()),
    }
}

/// The old value with each edit's decoded replacement in place of the characters it covers.
fn expected_value(source: &str, old: &TextField, edits: &[&Edit]) -> Option<String> {
    let map = &old.map;
    if !map.is_verified() {
        return None;
    }
    let style = map.style()?;
    let value = old.value.as_str();
    let starts: Vec<(usize, usize)> = value
        .char_indices()
        .map(|(i, c)| map.source_range(i..i + c.len_utf8()).map(|r| (i, r.start)))
        .collect::<Option<_>>()?;
    let indent = block_indent(source, old).unwrap_or(0);
    let offset_at = |pos: usize| {
        starts
            .iter()
            .find(|(_, s)| *s >= pos)
            .map_or(value.len(), |(i, _)| *i)
    };
    let mut out = String::new();
    let mut cursor = 0;
    for e in edits {
        let a = offset_at(e.range.start);
        let b = offset_at(e.range.end);
        if a < cursor || b < a {
            return None;
        }
        out.push_str(&value[cursor..a]);
        out.push_str(&decode_replacement(style, &e.replacement, indent)?);
        cursor = b;
    }
    out.push_str(&value[cursor..]);
    Some(out)
}
