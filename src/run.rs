//! A whole run: the inputs of one command line linted into one [`RunReport`], with the
//! counts and the exit status every output format and CI relies on.

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{read_file, read_stdin};
use crate::lint::{lint_source, FileReport, Settings};
use crate::model::TextField;
use crate::parse::FileError;
use crate::rules::registry::Registry;
use crate::scalar::ScalarMap;
use crate::walk::{collect_inputs, Input};
use rayon::prelude::*;
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
            c.sequences += f.sequence_count;
            c.messages += f.message_count;
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

/// Lints every input (all cores, full models kept: see [`run_with`]).
pub fn run(inputs: &RunInputs, registry: &Registry, settings: &Settings) -> RunReport {
    run_with(inputs, registry, settings, &RunOptions::default())
}

/// How a run uses the machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Worker threads; 0 = one per core (`RAYON_NUM_THREADS` is honoured).
    pub threads: usize,
    /// Drop the text of every subject and body once the rules have run, keeping the rest of
    /// the model (ids, spans, counts). For outputs that only show diagnostics: the field text
    /// and its position maps are most of a model's memory, and nothing reads them afterwards.
    pub shed_text: bool,
    /// Drop the source text and the whole model once a file is linted, keeping its
    /// diagnostics, errors, verdicts and counts (see [`FileReport::shed_model`]). For outputs
    /// that quote nothing of the files (JSON, JSON Lines, SARIF, concise, GitHub): a run's
    /// memory then grows with its findings, not with the size of its files.
    pub shed_model: bool,
}

impl RunOptions {
    /// What the run keeps of a linted file.
    pub fn finish(&self, mut file: FileReport) -> FileReport {
        if self.shed_model {
            file.shed_model();
        } else if self.shed_text {
            shed_text(&mut file);
        }
        file
    }
}

/// Lints every input, files in parallel; the report lists them in input order whatever the
/// number of threads.
pub fn run_with(
    inputs: &RunInputs,
    registry: &Registry,
    settings: &Settings,
    options: &RunOptions,
) -> RunReport {
    let mut report = RunReport {
        profile: settings.profile.name.clone(),
        ..RunReport::default()
    };
    let finish = |file: FileReport| options.finish(file);
    if let Some(name) = &inputs.stdin_name {
        match read_stdin(name, inputs.max_file_size) {
            Ok(source) => report
                .files
                .push(finish(lint_source(source, registry, settings))),
            Err(e) => report.unreadable.push(e),
        }
    }
    let lint_one = |input: Input| match input {
        Input::File(path) => match read_file(&path, inputs.max_file_size) {
            Ok(source) => Outcome::Linted(finish(lint_source(source, registry, settings))),
            Err(e) => Outcome::Unreadable(e),
        },
        Input::Error { path, message } => {
            Outcome::Unreadable(FileError::whole_file(&path.display().to_string(), message))
        }
    };
    for outcome in ordered_map(collect_inputs(&inputs.paths), options.threads, lint_one) {
        match outcome {
            Outcome::Linted(file) => report.files.push(file),
            Outcome::Unreadable(e) => report.unreadable.push(e),
        }
    }
    report
}

/// What became of one input.
enum Outcome {
    Linted(FileReport),
    Unreadable(FileError),
}

/// `items.map(f)` on `threads` threads (0 = one per core), results in the order of `items`.
/// One item, or one thread, runs on the calling thread: a pre-commit hook linting one file
/// pays for no thread start-up.
pub fn ordered_map<T, R, F>(items: Vec<T>, threads: usize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync + Send,
{
    if items.len() <= 1 || threads == 1 {
        return items.into_iter().map(f).collect();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        // An indexed parallel collect keeps the input order; files are claimed one at a time
        // (work stealing), so one big file does not hold up a whole batch behind it.
        Ok(pool) => pool.install(|| items.into_par_iter().with_max_len(1).map(f).collect()),
        // No threads to be had (a locked-down sandbox): the same work, sequentially.
        Err(_) => items.into_iter().map(f).collect(),
    }
}

/// Empties the subject and body text of every message of a linted file (see
/// [`RunOptions::shed_text`]); positions already computed stay valid, they point into the
/// source, which is kept.
fn shed_text(file: &mut FileReport) {
    for sequence in &mut file.sequences {
        for message in &mut sequence.messages {
            for field in message.subject.iter_mut().chain([&mut message.body]) {
                let at = field.map.node_range().start;
                *field = TextField {
                    value: String::new(),
                    map: ScalarMap::fallback(at),
                };
            }
        }
    }
}
