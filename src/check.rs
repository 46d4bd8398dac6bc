//! `sellerlint check` with configuration: expands the command line's paths (directory walks
//! honour `.gitignore`, `include` and `exclude`; named files honour `exclude`), finds each
//! file's config, and lints each file with its own settings and rules into one [`RunReport`].

use crate::config::{ConfigError, Resolver};
use crate::input::{read_file, read_stdin};
use crate::lint::{FileReport, Settings};
use crate::parse::FileError;
use crate::rules::registry::Registry;
use crate::run::{ordered_batches, RunOptions, RunReport, Step};
use crate::source::SourceFile;
use crate::walk::{collect_inputs_with, Input};
use std::path::PathBuf;

/// Where to read sequences from.
#[derive(Debug, Clone, Default)]
pub struct CheckInputs {
    pub paths: Vec<PathBuf>,
    /// Read one sequence from stdin, reported under this name (and configured as if it were a
    /// file at that path).
    pub stdin_name: Option<String>,
    pub max_file_size: u64,
    /// Worker threads (0 = one per core); see [`crate::run::RunOptions`].
    pub threads: usize,
    /// Drop field text after linting (for formats that only show diagnostics).
    pub shed_text: bool,
    /// Drop each file's text and model after linting (for formats that quote nothing of the
    /// files; see [`RunOptions::shed_model`]).
    pub shed_model: bool,
}

/// The files a run would lint, after `include`/`exclude`, in order.
pub fn plan(paths: &[PathBuf], resolver: &mut Resolver) -> Result<Vec<Input>, Vec<ConfigError>> {
    let mut first_error: Option<Vec<ConfigError>> = None;
    let inputs = collect_inputs_with(paths, &mut |path, named| {
        if first_error.is_some() {
            return false;
        }
        match resolver.config_for(path) {
            Ok(config) => {
                let abs = resolver.absolute(path);
                !config.is_excluded(&abs) && (named || config.is_included(&abs))
            }
            Err(e) => {
                first_error = Some(e);
                false
            }
        }
    });
    match first_error {
        Some(e) => Err(e),
        None => Ok(inputs),
    }
}

/// What became of one input: its report, or why it could not be linted.
pub type FileOutcome = Result<FileReport, FileError>;

/// Lints every input. A configuration error stops the run (exit status 2).
pub fn run_checked(
    inputs: &CheckInputs,
    resolver: &mut Resolver,
) -> Result<RunReport, Vec<ConfigError>> {
    run_checked_with(inputs, resolver, |mut report, outcomes| {
        for outcome in outcomes {
            match outcome {
                Ok(file) => report.files.push(file),
                Err(e) => report.unreadable.push(e),
            }
        }
        report
    })
}

/// Lints every input and hands the outcomes, in input order, to `consume` as the files are
/// linted, with a report that has the run's profile and rules but no files yet: a report
/// written as it goes need not hold every file at once. A configuration error stops the run
/// before anything is linted.
pub fn run_checked_with<X>(
    inputs: &CheckInputs,
    resolver: &mut Resolver,
    consume: impl FnOnce(RunReport, &mut dyn Iterator<Item = FileOutcome>) -> X,
) -> Result<X, Vec<ConfigError>> {
    let mut report = RunReport::default();
    let mut rule_ids: Vec<String> = Vec::new();
    let mut note_rules = |report: &mut RunReport, registry: &crate::rules::registry::Registry| {
        for r in &registry.rules {
            let m = r.meta();
            if !rule_ids.iter().any(|id| id == m.id.as_ref()) {
                rule_ids.push(m.id.to_string());
                report.rules.push(m.clone());
            }
        }
    };
    note_rules(&mut report, crate::rules::registry::Registry::builtin());
    let options = RunOptions {
        threads: inputs.threads,
        shed_text: inputs.shed_text,
        shed_model: inputs.shed_model,
    };
    let mut profile: Option<String> = None;
    let mut stdin_outcome: Option<FileOutcome> = None;
    if let Some(name) = &inputs.stdin_name {
        let as_path = PathBuf::from(name);
        let setup = resolver.setup_for(&as_path)?;
        let abs = resolver.absolute(&as_path);
        if setup.config.is_excluded(&abs) {
            // Drain it anyway, so the editor or script writing to us never sees a broken pipe.
            let _ = read_stdin(name, inputs.max_file_size);
        } else {
            profile.get_or_insert_with(|| setup.settings.profile.name.clone());
            note_rules(&mut report, &setup.registry);
            stdin_outcome = Some(
                read_stdin(name, inputs.max_file_size)
                    .map(|source| options.lint(source, &setup.registry, &setup.settings)),
            );
        }
    }
    // Configs are resolved in order on this thread (the resolver caches them); then the files
    // are linted in parallel, and the outcomes come in input order.
    let mut setups = Vec::new();
    for input in plan(&inputs.paths, resolver)? {
        let setup = match &input {
            Input::File(path) => {
                let setup = resolver.setup_for(path)?;
                profile.get_or_insert_with(|| setup.settings.profile.name.clone());
                note_rules(&mut report, &setup.registry);
                Some(setup)
            }
            Input::Error { .. } => None,
        };
        setups.push((input, setup));
    }
    report.profile = match profile {
        Some(p) => p,
        None => resolver
            .setup_for(&resolver.cwd().join("-"))?
            .settings
            .profile
            .name
            .clone(),
    };
    let jobs: Vec<_> = setups
        .iter()
        .map(|(input, setup)| {
            let rules = setup.as_ref().map(|s| (&*s.registry, &*s.settings));
            (input, rules)
        })
        .collect();
    crate::run_size::plan_for_files(
        jobs.len(),
        jobs.iter().filter_map(|(input, _)| match input {
            Input::File(path) => Some(path.as_path()),
            Input::Error { .. } => None,
        }),
    );
    let read_one = |job| read_job(job, inputs.max_file_size);
    let lint_batch = |files| -> Vec<Result<FileReport, Box<FileError>>> {
        options.lint_batch(files).into_iter().map(Ok).collect()
    };
    Ok(ordered_batches(
        jobs,
        inputs.threads,
        read_one,
        lint_batch,
        |outcomes| {
            let mut outcomes = stdin_outcome
                .into_iter()
                .chain(outcomes.map(|outcome| outcome.map_err(|e| *e)));
            consume(report, &mut outcomes)
        },
    ))
}

/// An input and the rules and settings it is linted with (none for an input that is already
/// an error: a path that could not be walked).
type Job<'a> = (&'a Input, Option<(&'a Registry, &'a Settings)>);

/// Reads the file of a job for [`ordered_batches`].
fn read_job<'a>(
    (input, rules): Job<'a>,
    max_file_size: u64,
) -> Step<(SourceFile, &'a Registry, &'a Settings), Result<FileReport, Box<FileError>>> {
    match (input, rules) {
        (Input::File(path), Some((registry, settings))) => match read_file(path, max_file_size) {
            Ok(source) => {
                let size = source.text.len();
                Step::Batch((source, registry, settings), size)
            }
            Err(e) => Step::Done(Err(Box::new(e))),
        },
        (Input::File(path), None) | (Input::Error { path, .. }, _) => {
            let message = match input {
                Input::Error { message, .. } => message.clone(),
                Input::File(_) => "no configuration".to_string(),
            };
            Step::Done(Err(Box::new(FileError::whole_file(
                &path.display().to_string(),
                message,
            ))))
        }
    }
}
