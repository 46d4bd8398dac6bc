//! `--format github`: GitHub Actions workflow commands, so problems appear as annotations on
//! the pull request's diff. Chosen automatically when `GITHUB_ACTIONS=true` and no `--format`
//! is given. Escaping follows the Actions runner: `%`, `\r`, `\n` in messages, and also `:`
//! and `,` in properties.

use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::FileError;
use crate::run::RunReport;
use std::fmt::Write;

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(report: &RunReport) -> String {
    super::written(|out| write(report, out)).unwrap_or_default()
}

/// Writes one annotation per input error, then one per diagnostic.
pub fn write(report: &RunReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for e in report.errors() {
        write_error(e, out)?;
    }
    for d in report.diagnostics() {
        write_diagnostic(d, out)?;
    }
    Ok(())
}

/// The annotation of an input that could not be linted.
pub fn write_error(e: &FileError, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut props = format!("file={}", escape_property(&e.file));
    if let Some(l) = e.line {
        let _ = write!(props, ",line={l}");
    }
    if let Some(c) = e.column {
        let _ = write!(props, ",col={c}");
    }
    let _ = write!(
        props,
        ",title={}",
        escape_property("sellerlint: cannot lint")
    );
    let msg = match &e.help {
        Some(h) => format!("{}\n{h}", e.message),
        None => e.message.clone(),
    };
    writeln!(out, "::error {props}::{}", escape_data(&msg))
}

/// The annotation of a diagnostic.
pub fn write_diagnostic(d: &Diagnostic, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let props = format!(
        "file={},line={},col={},endLine={},endColumn={},title={}",
        escape_property(&d.file),
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        escape_property(&format!("sellerlint {}", d.rule)),
    );
    let msg = format!("{}\nFix: {}", d.message, d.fix);
    writeln!(
        out,
        "::{} {props}::{}",
        command(d.severity),
        escape_data(&msg)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
