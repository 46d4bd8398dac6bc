//! The line formats (`concise`, `json-lines`, `github`) written from a run as it goes, and the
//! spool that they, the human report and JUnit keep their rendered files in.
//!
//! These formats list every input error before the first diagnostic (JUnit also opens with
//! totals), so a file's lines cannot be written the moment the file is linted. Instead each
//! file is rendered as it arrives and only its text is kept until the end, not its
//! diagnostics; past 4 MiB, the text goes to an anonymous temporary file (a JSON Lines report
//! of 5,000 benchmark files is 73 MB). The bytes are those the format's whole-run renderer
//! gives for the same files (the `streaming` tests compare them).

use super::Format;
use crate::check::FileOutcome;
use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::parse::FileError;
use crate::run::{Counts, Tally};
use std::io::{Seek, Write};

/// Rendered diagnostics kept in memory before they go to a temporary file.
const IN_MEMORY: usize = 4 << 20;

/// Can `format` be written by [`write_lines`]?
pub fn is_line_format(format: Format) -> bool {
    matches!(format, Format::Concise | Format::JsonLines | Format::Github)
}

/// Writes the report of `format` (one of [`is_line_format`]) for `outcomes` to `out`, with the
/// summary line unless `quiet` (only `concise` has one). Returns the run's counts even when
/// writing failed: every outcome is still consumed and counted, for the exit status.
pub fn write_lines(
    format: Format,
    outcomes: &mut dyn Iterator<Item = FileOutcome>,
    quiet: bool,
    out: &mut dyn Write,
) -> (Counts, std::io::Result<()>) {
    let mut tally = Tally::default();
    let mut diagnostics = Spool::default();
    let mut rendered = Ok(());
    for outcome in outcomes {
        let Some(file) = tally.add(outcome) else {
            continue;
        };
        for d in &file.diagnostics {
            rendered = rendered.and_then(|()| {
                diagnostic_line(format, d, &mut diagnostics.memory)?;
                diagnostics.spill_if_large()
            });
        }
    }
    let written = rendered.and_then(|()| {
        for e in tally.errors() {
            error_line(format, e, out)?;
        }
        diagnostics.copy_to(out)?;
        if format == Format::Concise && !quiet {
            out.write_all(super::concise::summary_line(&tally.counts).as_bytes())?;
        }
        Ok(())
    });
    (tally.counts, written)
}

/// Reads every outcome of a run for a report that lists the unreadable inputs before the
/// files (`human`, `junit`): each linted file is rendered by `render` as it comes, its text
/// spooled and the file dropped, then counted. Returns the count and errors, the spooled
/// files, and whether spooling failed (the outcomes after a failure are counted, not
/// rendered).
pub(super) fn spool_files(
    outcomes: &mut dyn Iterator<Item = FileOutcome>,
    mut render: impl FnMut(&FileReport) -> String,
) -> (Tally, Spool, std::io::Result<()>) {
    let mut tally = Tally::default();
    let mut files = Spool::default();
    let mut spooled = Ok(());
    for outcome in outcomes {
        if let (Ok(file), Ok(())) = (&outcome, &spooled) {
            spooled = files.push(render(file).as_bytes());
        }
        tally.add(outcome);
    }
    (tally, files, spooled)
}

fn error_line(format: Format, e: &FileError, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::JsonLines => super::json_lines::write_error(e, out),
        Format::Github => super::github::write_error(e, out),
        _ => super::concise::write_error(e, out),
    }
}

fn diagnostic_line(format: Format, d: &Diagnostic, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::JsonLines => super::json_lines::write_diagnostic(d, out),
        Format::Github => super::github::write_diagnostic(d, out),
        _ => super::concise::write_diagnostic(d, out),
    }
}

/// Rendered lines: in memory, then in a temporary file once they grow past [`IN_MEMORY`].
/// (The human and JUnit reports keep their files' text in one too: see [`spool_files`].)
#[derive(Default)]
pub(super) struct Spool {
    memory: Vec<u8>,
    file: Option<std::fs::File>,
}

impl Spool {
    /// Adds rendered text after what is there.
    pub(super) fn push(&mut self, text: &[u8]) -> std::io::Result<()> {
        self.memory.extend_from_slice(text);
        self.spill_if_large()
    }

    /// Moves the lines in memory to the temporary file when there are many. Without a
    /// temporary directory they stay in memory: a report is never cut short for it.
    fn spill_if_large(&mut self) -> std::io::Result<()> {
        if self.memory.len() < IN_MEMORY {
            return Ok(());
        }
        if self.file.is_none() {
            self.file = tempfile::tempfile().ok();
        }
        if let Some(file) = &mut self.file {
            file.write_all(&self.memory)?;
            self.memory.clear();
        }
        Ok(())
    }

    /// Writes every line, in order, to `out`.
    pub(super) fn copy_to(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some(mut file) = self.file.take() {
            file.rewind()?;
            std::io::copy(&mut file, out)?;
        }
        out.write_all(&self.memory)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spool_gives_back_its_lines_in_order_from_memory_and_from_its_file() {
        let mut spool = Spool::default();
        let mut expected = Vec::new();
        for i in 0..200_000 {
            let line = format!("line {i} of a report that grows past what stays in memory\n");
            expected.extend_from_slice(line.as_bytes());
            spool.memory.extend_from_slice(line.as_bytes());
            spool.spill_if_large().unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(spool.file.is_some(), "the spool never went to a file");
        assert!(spool.memory.len() < IN_MEMORY);
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
        assert!(out == expected);
    }
}
