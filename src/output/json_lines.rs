//! `--format json-lines`: one JSON object per line, for streaming consumers (`jq -c`,
//! reviewdog, log shippers). Each diagnostic line has exactly the fields of a diagnostic in
//! the JSON report plus `"kind": "diagnostic"`; an input that could not be linted is a line
//! with `"kind": "error"` and the fields of the report's `errors`. No summary line.

use crate::diagnostic::Diagnostic;
use crate::parse::FileError;
use crate::run::RunReport;
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    kind: &'static str,
    #[serde(flatten)]
    item: &'a T,
}

/// Writes one line per input error, then one per diagnostic, as they are serialised.
pub fn write(report: &RunReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for e in report.errors() {
        write_error(e, out)?;
    }
    for d in report.diagnostics() {
        write_diagnostic(d, out)?;
    }
    Ok(())
}

/// The line of an input that could not be linted.
pub fn write_error(e: &FileError, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_line(out, "error", e)
}

/// The line of a diagnostic.
pub fn write_diagnostic(d: &Diagnostic, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_line(out, "diagnostic", d)
}

fn write_line<T: Serialize>(
    out: &mut dyn std::io::Write,
    kind: &'static str,
    item: &T,
) -> std::io::Result<()> {
    // Serialised in memory first: an item that cannot be serialised leaves no half line.
    if let Ok(line) = serde_json::to_vec(&Line { kind, item }) {
        out.write_all(&line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// [`write()`] into a string.
pub fn render(report: &RunReport) -> String {
    super::written(|out| write(report, out)).unwrap_or_default()
}
