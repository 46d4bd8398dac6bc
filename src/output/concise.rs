//! `--format concise`: one line per problem, `path:line:col: severity[rule] message`, the
//! shape editors' problem matchers and `grep` expect; then the summary line.

use crate::diagnostic::Diagnostic;
use crate::parse::FileError;
use crate::run::{Counts, RunReport};

/// [`write()`] into a string.
pub fn render(report: &RunReport, quiet: bool) -> String {
    super::written(|out| write(report, quiet, out)).unwrap_or_default()
}

/// Writes one line per problem as it goes, then the summary line unless `quiet`.
pub fn write(report: &RunReport, quiet: bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for e in report.errors() {
        write_error(e, out)?;
    }
    for d in report.diagnostics() {
        write_diagnostic(d, out)?;
    }
    if !quiet {
        out.write_all(summary_line(&report.counts()).as_bytes())?;
    }
    Ok(())
}

/// The line of an input that could not be linted.
pub fn write_error(e: &FileError, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let place = match (e.line, e.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", e.file),
        (Some(l), None) => format!("{}:{l}:1", e.file),
        _ => e.file.clone(),
    };
    let help = e
        .help
        .as_ref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    writeln!(out, "{place}: error {}{help}", e.message)
}

/// The line of a diagnostic.
pub fn write_diagnostic(d: &Diagnostic, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{}:{}:{}: {}[{}] {}",
        d.file, d.line, d.column, d.severity, d.rule, d.message
    )
}

/// `Found 3 problems (1 error, 2 warnings) in 2 files; 1 suppressed.` without styling.
pub fn summary_line(c: &Counts) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let problems = c.errors + c.warnings + c.infos;
    let mut parts = Vec::new();
    for (n, one, many) in [
        (c.errors, "error", "errors"),
        (c.warnings, "warning", "warnings"),
        (c.infos, "info", "infos"),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    let mut line = if problems == 0 {
        format!(
            "No problems in {}",
            plural(c.files - c.files_failed, "file", "files")
        )
    } else {
        format!(
            "Found {} ({}) in {}",
            plural(problems, "problem", "problems"),
            parts.join(", "),
            plural(c.files_with_problems, "file", "files")
        )
    };
    if c.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", c.suppressed));
    }
    if c.files_failed > 0 {
        line.push_str(&format!(
            "; {} could not be linted",
            plural(c.files_failed, "file", "files")
        ));
    }
    line.push_str(".\n");
    line
}
