//! `--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure). One
//! `<testsuite>` per file, one `<testcase>` per sequence message; a message with errors is a
//! failure listing them, warnings and infos go to its `<system-out>`; a file that could not
//! be linted is a testcase with an `<error>`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::run::RunReport;
use std::fmt::Write;

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn line_of(d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}\n  fix: {}\n",
        d.file, d.line, d.column, d.severity, d.rule, d.message, d.fix
    )
}

pub fn render(report: &RunReport) -> String {
    let mut suites = String::new();
    let (mut total_tests, mut total_failures, mut total_errors) = (0, 0, 0);
    for e in &report.unreadable {
        total_tests += 1;
        total_errors += 1;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase classname=\"{0}\" name=\"(file)\" file=\"{0}\">\n      <error message=\"{1}\"/>\n    </testcase>\n  </testsuite>",
            escape(&e.file),
            escape(&e.message)
        );
    }
    for file in &report.files {
        let name = escape(&file.source.name);
        let mut cases = String::new();
        let (mut tests, mut failures, mut errors) = (0, 0, 0);
        for e in &file.errors {
            tests += 1;
            errors += 1;
            let place = match e.line {
                Some(l) => format!(" line=\"{l}\""),
                None => String::new(),
            };
            let msg = match &e.help {
                Some(h) => format!("{} ({h})", e.message),
                None => e.message.clone(),
            };
            let _ = writeln!(
                cases,
                "    <testcase classname=\"{name}\" name=\"(file)\" file=\"{name}\"{place}>\n      <error message=\"{}\"/>\n    </testcase>",
                escape(&msg)
            );
        }
        for (si, seq) in file.sequences.iter().enumerate() {
            for (mi, m) in seq.messages.iter().enumerate() {
                tests += 1;
                let line = file.source.line_col(m.span.start).line;
                let here: Vec<&Diagnostic> = file
                    .diagnostics
                    .iter()
                    .filter(|d| d.place() == (si, mi))
                    .collect();
                let errs: Vec<&&Diagnostic> = here
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                let others: Vec<&&Diagnostic> = here
                    .iter()
                    .filter(|d| d.severity != Severity::Error)
                    .collect();
                let _ = write!(
                    cases,
                    "    <testcase classname=\"{name}.{}\" name=\"{}\" file=\"{name}\" line=\"{line}\"",
                    escape(&seq.name.value),
                    escape(&m.id.value)
                );
                if errs.is_empty() && others.is_empty() {
                    cases.push_str("/>\n");
                    continue;
                }
                cases.push_str(">\n");
                if !errs.is_empty() {
                    failures += 1;
                    let rules: Vec<&str> = errs.iter().map(|d| &*d.rule).collect();
                    let body: String = errs.iter().map(|d| line_of(d)).collect();
                    let _ = writeln!(
                        cases,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        escape(&rules.join(" ")),
                        escape(&format!(
                            "{} error{}: {}",
                            errs.len(),
                            if errs.len() == 1 { "" } else { "s" },
                            errs[0].message
                        )),
                        escape(&body)
                    );
                }
                if !others.is_empty() {
                    let body: String = others.iter().map(|d| line_of(d)).collect();
                    let _ = writeln!(cases, "      <system-out>{}</system-out>", escape(&body));
                }
                cases.push_str("    </testcase>\n");
            }
        }
        // Problems outside any message (a stray suppression comment) still need a home.
        let stray: Vec<&Diagnostic> = file
            .diagnostics
            .iter()
            .filter(|d| {
                file.sequences
                    .get(d.place().0)
                    .is_none_or(|s| d.place().1 >= s.messages.len())
            })
            .collect();
        if !stray.is_empty() {
            tests += 1;
            let body: String = stray.iter().map(|d| line_of(d)).collect();
            let errs = stray
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let _ = writeln!(
                cases,
                "    <testcase classname=\"{name}\" name=\"(file)\" file=\"{name}\">"
            );
            if errs > 0 {
                failures += 1;
                let _ = writeln!(
                    cases,
                    "      <failure message=\"{errs} error(s) outside any message\">{}</failure>",
                    escape(&body)
                );
            } else {
                let _ = writeln!(cases, "      <system-out>{}</system-out>", escape(&body));
            }
            cases.push_str("    </testcase>\n");
        }
        total_tests += tests;
        total_failures += failures;
        total_errors += errors;
        let _ = write!(
            suites,
            "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{cases}  </testsuite>\n"
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sellerlint\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"{total_errors}\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }
}
