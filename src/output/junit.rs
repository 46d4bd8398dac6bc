//! `--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure). One
//! `<testsuite>` per file, one `<testcase>` per sequence message; a message with errors is a
//! failure listing them, warnings and infos go to its `<system-out>`; a file that could not
//! be linted is a testcase with an `<error>`.

use super::streamed::spool_files;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::parse::FileError;
use crate::run::{Counts, RunReport};
use std::collections::HashMap;
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

/// The `<testsuite>` of an input that could not be read.
fn unreadable_suite(out: &mut String, e: &FileError) {
    let _ = writeln!(
        out,
        "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase classname=\"{0}\" name=\"(file)\" file=\"{0}\">\n      <error message=\"{1}\"/>\n    </testcase>\n  </testsuite>",
        escape(&e.file),
        escape(&e.message)
    );
}

/// Test, failure and error counts, of a suite or of the whole report.
#[derive(Default, Clone, Copy)]
struct Totals {
    tests: usize,
    failures: usize,
    errors: usize,
}

impl Totals {
    fn add(&mut self, other: Totals) {
        self.tests += other.tests;
        self.failures += other.failures;
        self.errors += other.errors;
    }

    /// What the inputs that could not be read add: a test in error each.
    fn unreadable(count: usize) -> Totals {
        Totals {
            tests: count,
            failures: 0,
            errors: count,
        }
    }
}

/// The report's opening lines, with the totals of all its suites.
fn header(totals: Totals) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sellerlint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
        totals.tests, totals.failures, totals.errors
    )
}

const FOOTER: &str = "</testsuites>\n";

pub fn render(report: &RunReport) -> String {
    let mut suites = String::new();
    for e in &report.unreadable {
        unreadable_suite(&mut suites, e);
    }
    let mut totals = Totals::unreadable(report.unreadable.len());
    for file in &report.files {
        totals.add(file_suite(&mut suites, file));
    }
    format!("{}{suites}{FOOTER}", header(totals))
}

/// Writes the report of a run whose files arrive one by one (see
/// [`crate::check::run_checked_with`]), each file's suite rendered as it comes and the file
/// dropped: the suites wait in a spool (past a few MiB, in a temporary file: see
/// `streamed::spool_files`) until the totals that open the report are known (holding the
/// files was 234 MB for 5,000 benchmark files). The bytes are those [`render`] gives for the
/// same files.
///
/// Returns the run's counts (for the exit status) even when writing failed; every outcome is
/// still consumed and counted.
pub fn write_streamed(
    outcomes: &mut dyn Iterator<Item = crate::check::FileOutcome>,
    out: &mut dyn std::io::Write,
) -> (Counts, std::io::Result<()>) {
    let mut totals = Totals::default();
    let (tally, files, rendered) = spool_files(outcomes, |file| {
        let mut suite = String::new();
        totals.add(file_suite(&mut suite, file));
        suite
    });
    let written = rendered.and_then(|()| {
        totals.add(Totals::unreadable(tally.unreadable().len()));
        let mut head = header(totals);
        for e in tally.unreadable() {
            unreadable_suite(&mut head, e);
        }
        out.write_all(head.as_bytes())?;
        files.copy_to(out)?;
        out.write_all(FOOTER.as_bytes())
    });
    (tally.counts, written)
}

/// Appends the `<testsuite>` of a linted file to `suites`; returns its counts.
fn file_suite(suites: &mut String, file: &FileReport) -> Totals {
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
    // Each message's diagnostics, in report order, found in one pass (a big sequence has
    // hundreds of thousands of messages: filtering all diagnostics for each was quadratic).
    let mut by_message: HashMap<(usize, usize), Vec<&Diagnostic>> = HashMap::new();
    for d in &file.diagnostics {
        by_message.entry(d.place()).or_default().push(d);
    }
    for (si, seq) in file.sequences.iter().enumerate() {
        for (mi, m) in seq.messages.iter().enumerate() {
            tests += 1;
            let line = file.source.line_col(m.span.start).line;
            let here = by_message.get(&(si, mi)).map_or(&[][..], Vec::as_slice);
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
    let _ = write!(
        suites,
        "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{cases}  </testsuite>\n"
    );
    Totals {
        tests,
        failures,
        errors,
    }
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
