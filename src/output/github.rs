//! `--format github`: GitHub Actions workflow commands, so problems appear as annotations on
//! the pull request's diff. Chosen automatically when `GITHUB_ACTIONS=true` and no `--format`
//! is given. Escaping follows the Actions runner: `%`, `\r`, `\n` in messages, and also `:`
//! and `,` in properties.

use crate::diagnostic::Severity;
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
    let mut out = String::new();
    for e in report.errors() {
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
        let _ = writeln!(out, "::error {props}::{}", escape_data(&msg));
    }
    for d in report.diagnostics() {
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
        let _ = writeln!(
            out,
            "::{} {props}::{}",
            command(d.severity),
            escape_data(&msg)
        );
    }
    out
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
