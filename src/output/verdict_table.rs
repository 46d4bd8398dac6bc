//! The verdict table that ends each sequence in the human output: one row per message with
//! when it is sent, its verdict, whether it reaches buyers who opted out of seller messages,
//! its problem count and what decided the verdict. Plain words that read the same without
//! colour; columns aligned by display width (CJK ids and names take two columns a character).

use crate::lint::FileReport;
use crate::verdict::{MessageVerdict, SequenceVerdicts, Verdict};
use anstyle::{AnsiColor, Effects, Style};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

const BOLD: Style = Style::new().effects(Effects::BOLD);
const CRITICAL: Style = AnsiColor::BrightCyan.on_default().effects(Effects::BOLD);
const PERMITTED: Style = AnsiColor::Green.on_default();
const NOT_PERMITTED: Style = AnsiColor::BrightRed.on_default().effects(Effects::BOLD);
const DIM: Style = Style::new().effects(Effects::DIMMED);

const HEADERS: [&str; 6] = [
    "Message",
    "When it is sent",
    "Verdict",
    "Reaches opted-out buyers",
    "Problems",
    "Decided by",
];

fn verdict_style(v: Verdict) -> Style {
    match v {
        Verdict::Critical => CRITICAL,
        Verdict::Permitted => PERMITTED,
        Verdict::NotPermitted => NOT_PERMITTED,
    }
}

/// Appends the verdict table of every sequence of a file.
pub fn render_file(out: &mut String, file: &FileReport) {
    for sequence in &file.verdicts {
        render_sequence(out, &file.source.name, sequence);
    }
}

/// The cells of one row, unstyled.
fn cells(v: &MessageVerdict) -> [String; 6] {
    [
        v.message_id.clone(),
        v.when_label(),
        v.verdict.label().to_string(),
        if v.reaches_opted_out { "yes" } else { "no" }.to_string(),
        v.problems().to_string(),
        v.category_label(),
    ]
}

/// Pads `text` with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// Appends one sequence's table: a title line, the header, one row per message.
pub fn render_sequence(out: &mut String, file_name: &str, sequence: &SequenceVerdicts) {
    let n = sequence.messages.len();
    let reaching = sequence
        .messages
        .iter()
        .filter(|m| m.reaches_opted_out)
        .count();
    let not_permitted = sequence
        .messages
        .iter()
        .filter(|m| m.verdict == Verdict::NotPermitted)
        .count();
    let _ = writeln!(
        out,
        "{BOLD}Sequence \"{}\"{BOLD:#} ({file_name}): {n} {}, {not_permitted} not permitted, {reaching} {} buyers who opted out",
        sequence.sequence,
        if n == 1 { "message" } else { "messages" },
        if reaching == 1 { "reaches" } else { "reach" },
    );
    let rows: Vec<[String; 6]> = sequence.messages.iter().map(cells).collect();
    let mut widths = HEADERS.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let last = HEADERS.len() - 1;
    let header: Vec<String> = HEADERS
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == last {
                h.to_string()
            } else {
                pad(h, widths[i])
            }
        })
        .collect();
    let _ = writeln!(out, "  {DIM}{}{DIM:#}", header.join("  "));
    for (row, v) in rows.iter().zip(&sequence.messages) {
        let mut line = String::from("  ");
        for (i, cell) in row.iter().enumerate() {
            // The last column is not padded, so no line ends in spaces.
            let text = if i == last {
                cell.clone()
            } else {
                pad(cell, widths[i])
            };
            match i {
                2 => {
                    let style = verdict_style(v.verdict);
                    let _ = write!(line, "{style}{text}{style:#}");
                }
                _ => line.push_str(&text),
            }
            if i != last {
                line.push_str("  ");
            }
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{lint_source, Settings};
    use crate::profile::Profile;
    use crate::rules::registry::Registry;
    use crate::source::SourceFile;

    fn table(yaml: &str) -> String {
        let settings = Settings::new(Profile::named("amazon").unwrap_or_else(|e| panic!("{e}")));
        let file = lint_source(
            SourceFile::new("t.yaml", yaml.to_string()),
            Registry::builtin(),
            &settings,
        );
        let mut out = String::new();
        render_file(&mut out, &file);
        anstream::adapter::strip_str(&out).to_string()
    }

    #[test]
    fn columns_align_by_display_width() {
        let out = table(
            "sequence: 配達\nmarketplace: amazon.co.jp\nmessages:\n  - id: 住所確認\n    purpose: address-issue\n    trigger: order-placed\n    body: 注文{{order_id}}の番地を教えてください。\n  - id: ask-review\n    trigger: delivered\n    delay: 7d\n    body: Hello from the workshop, order {{order_id}}.\n",
        );
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].starts_with("Sequence \"配達\" (t.yaml): 2 messages"),
            "{out}"
        );
        // The verdict column starts at the same display column on every row.
        let col = |line: &str, word: &str| {
            let at = line
                .find(word)
                .unwrap_or_else(|| panic!("{word} in {line}"));
            UnicodeWidthStr::width(&line[..at])
        };
        assert_eq!(col(lines[1], "Verdict"), col(lines[2], "critical"));
        assert_eq!(col(lines[1], "Verdict"), col(lines[3], "permitted"));
        assert_eq!(col(lines[1], "Problems"), col(lines[3], "0 "));
        assert!(lines[3].contains("delivered + 7d (day 7 after delivery)"));
        assert!(lines.iter().all(|l| !l.ends_with(' ')), "{out:?}");
    }

    #[test]
    fn rows_say_verdict_reach_and_count_in_words() {
        let out = table(
            "sequence: S\nmessages:\n  - id: shipped-note\n    trigger: shipped\n    body: Good news, your order has shipped.\n",
        );
        let row = out.lines().nth(2).unwrap_or_default();
        assert!(row.contains("not permitted"), "{out}");
        assert!(row.contains(" no "), "{out}");
        assert!(row.contains("unsolicited/order-confirmation"), "{out}");
        assert!(
            out.contains("1 not permitted, 0 reach buyers who opted out"),
            "{out}"
        );
    }
}
