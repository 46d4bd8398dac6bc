//! A whole run: the inputs of one command line linted into one [`RunReport`], with the
//! counts and the exit status every output format and CI relies on.

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{read_file, read_stdin};
use crate::lint::{lint_source, FileReport, Settings};
use crate::parse::FileError;
use crate::rules::registry::Registry;
use crate::walk::{collect_inputs, Input};
use std::path::PathBuf;

/// Exit statuses (a contract with CI scripts).
pub const EXIT_OK: u8 = 0;
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Where to read sequences from.
#[derive(Debug, Clone)]
pub struct RunInputs {
    pub paths: Vec<PathBuf>,
    /// Read one sequence from stdin, reported under this name.
    pub stdin_name: Option<String>,
    pub max_file_size: u64,
}

#[derive(Debug, Default)]
pub struct RunReport {
    pub files: Vec<FileReport>,
    /// Inputs that could not even be read (missing paths, unreadable files).
    pub unreadable: Vec<FileError>,
    pub profile: String,
    /// Documentation of every rule the run knew (built-in and rule packs), for formats that
    /// describe rules (SARIF).
    pub rules: Vec<crate::rules::RuleMeta>,
    /// The status the run exits with, when the caller has decided it (SARIF `invocations`).
    pub exit_status: Option<u8>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files: usize,
    pub files_with_problems: usize,
    pub files_failed: usize,
    pub sequences: usize,
    pub messages: usize,
    /// Problems hidden by `# sellerlint: allow` comments and `allow:` keys.
    pub suppressed: usize,
}

impl RunReport {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.diagnostics.iter())
    }

    /// Every file-level error: unreadable inputs, then parse and validation errors.
    pub fn errors(&self) -> impl Iterator<Item = &FileError> {
        self.unreadable
            .iter()
            .chain(self.files.iter().flat_map(|f| f.errors.iter()))
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            files: self.files.len() + self.unreadable.len(),
            files_failed: self.unreadable.len(),
            ..Counts::default()
        };
        for f in &self.files {
            if !f.errors.is_empty() {
                c.files_failed += 1;
            }
            if !f.diagnostics.is_empty() {
                c.files_with_problems += 1;
            }
            c.suppressed += f.suppressed;
            c.sequences += f.sequences.len();
            c.messages += f.sequences.iter().map(|s| s.messages.len()).sum::<usize>();
            for d in &f.diagnostics {
                match d.severity {
                    Severity::Error => c.errors += 1,
                    Severity::Warning => c.warnings += 1,
                    Severity::Info => c.infos += 1,
                }
            }
        }
        c
    }

    /// 2 when any input could not be linted, else 1 when there is an error (or more warnings
    /// than allowed), else 0.
    pub fn exit_code(&self, max_warnings: Option<usize>) -> u8 {
        let c = self.counts();
        if c.files_failed > 0 {
            EXIT_ERROR
        } else if c.errors > 0 || max_warnings.is_some_and(|m| c.warnings > m) {
            EXIT_PROBLEMS
        } else {
            EXIT_OK
        }
    }
}

/// Lints every input.
pub fn run(inputs: &RunInputs, registry: &Registry, settings: &Settings) -> RunReport {
    let mut report = RunReport {
        profile: settings.profile.name.clone(),
        ..RunReport::default()
    };
    if let Some(name) = &inputs.stdin_name {
        match read_stdin(name, inputs.max_file_size) {
            Ok(source) => report.files.push(lint_source(source, registry, settings)),
            Err(e) => report.unreadable.push(e),
        }
    }
    for input in collect_inputs(&inputs.paths) {
        match input {
            Input::File(path) => match read_file(&path, inputs.max_file_size) {
                Ok(source) => report.files.push(lint_source(source, registry, settings)),
                Err(e) => report.unreadable.push(e),
            },
            Input::Error { path, message } => report
                .unreadable
                .push(FileError::whole_file(&path.display().to_string(), message)),
        }
    }
    report
}
