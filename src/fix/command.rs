//! `sellerlint check --fix | --fix-only | --diff`: fixes every input, writes files (or
//! prints a diff, or the fixed text of stdin), and reports what remains.
//!
//! Output contract: `--fix` prints the usual report of the problems that remain, in the
//! chosen format, plus a `Fixed N problems` line (human format: in the report; other formats:
//! on stderr, so machine output stays parseable). `--fix-only` prints only that line.
//! `--diff` prints unified diffs and writes nothing. With stdin (`-`), `--fix`/`--fix-only`
//! print the fixed text to stdout and the report to stderr.

use crate::fix::write::write_atomic;
use crate::fix::{fix_source, FileFix, FixOptions, FixStatus};
use crate::input::{read_file, read_stdin};
use crate::lint::Settings;
use crate::output::{self, Format};
use crate::parse::FileError;
use crate::rules::registry::Registry;
use crate::run::{RunInputs, RunReport, EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS};
use crate::source::SourceFile;
use crate::walk::{collect_inputs, Input};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What the command line asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Apply fixes, report what remains.
    Fix,
    /// Apply fixes, report nothing else.
    FixOnly,
    /// Print what `--fix` would change; write nothing.
    Diff,
}

#[derive(Debug, Clone, Copy)]
pub struct FixRequest {
    pub mode: FixMode,
    pub options: FixOptions,
    pub format: Format,
    pub styled: bool,
    pub max_warnings: Option<usize>,
}

/// What to print and the exit status.
#[derive(Debug, Default)]
pub struct FixOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit: u8,
}

/// One input file and what fixing it did.
struct Fixed {
    path: Option<PathBuf>,
    fix: FileFix,
}

/// The rules and settings for one file: the same for every file in tests and library use,
/// each file's own configuration on the command line.
pub struct FileRules<'a> {
    pub registry: RulesRef<'a>,
    pub settings: Settings,
}

/// A registry borrowed from the caller, or the one a file's configuration built.
pub enum RulesRef<'a> {
    Borrowed(&'a Registry),
    Config(crate::config::resolve::RegistryRef),
}

impl std::ops::Deref for RulesRef<'_> {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        match self {
            RulesRef::Borrowed(r) => r,
            RulesRef::Config(r) => r,
        }
    }
}

/// Fixes every input with one registry and one set of settings.
pub fn run(
    inputs: &RunInputs,
    registry: &Registry,
    settings: &Settings,
    request: &FixRequest,
) -> FixOutput {
    let stdin = inputs
        .stdin_name
        .as_ref()
        .map(|name| read_stdin(name, inputs.max_file_size));
    run_with_stdin(inputs, stdin, registry, settings, request)
}

/// [`run`] with the standard input already read (`None`: no `-` among the inputs).
pub fn run_with_stdin(
    inputs: &RunInputs,
    stdin: Option<Result<SourceFile, FileError>>,
    registry: &Registry,
    settings: &Settings,
    request: &FixRequest,
) -> FixOutput {
    let files = collect_inputs(&inputs.paths);
    let mut same_for_all = |_: &Path| {
        Ok(FileRules {
            registry: RulesRef::Borrowed(registry),
            settings: settings.clone(),
        })
    };
    run_planned(inputs, stdin, files, &mut same_for_all, request)
}

/// Fixes the planned `files` (and stdin), asking `rules_for` which rules and settings apply
/// to each file. An error from `rules_for` (a broken config) stops the run with status 2.
pub fn run_planned<'a>(
    inputs: &RunInputs,
    stdin: Option<Result<SourceFile, FileError>>,
    files: Vec<Input>,
    rules_for: &mut dyn FnMut(&Path) -> Result<FileRules<'a>, String>,
    request: &FixRequest,
) -> FixOutput {
    let mut out = FixOutput::default();
    let mut report = RunReport::default();
    let mut fixed: Vec<(Fixed, FileRules<'a>)> = Vec::new();
    let config_error = |out: &mut FixOutput, e: String| {
        let _ = writeln!(out.stderr, "sellerlint: error: {e}");
        out.exit = EXIT_ERROR;
    };
    if let Some(stdin) = stdin {
        let name = inputs.stdin_name.clone().unwrap_or_default();
        let rules = match rules_for(Path::new(&name)) {
            Ok(r) => r,
            Err(e) => {
                config_error(&mut out, e);
                return out;
            }
        };
        match stdin {
            Ok(source) => fixed.push((
                Fixed {
                    path: None,
                    fix: fix_source(source, &rules.registry, &rules.settings, &request.options),
                },
                rules,
            )),
            Err(e) => report.unreadable.push(e),
        }
    }
    // A file named twice (`check a.yaml .`) is fixed once: its second write would find it
    // already changed.
    let mut seen = std::collections::HashSet::new();
    for input in files {
        match input {
            Input::File(path)
                if !seen.insert(std::fs::canonicalize(&path).unwrap_or(path.clone())) => {}
            Input::File(path) => {
                let rules = match rules_for(&path) {
                    Ok(r) => r,
                    Err(e) => {
                        config_error(&mut out, e);
                        return out;
                    }
                };
                match read_file(&path, inputs.max_file_size) {
                    Ok(source) => fixed.push((
                        Fixed {
                            fix: fix_source(
                                source,
                                &rules.registry,
                                &rules.settings,
                                &request.options,
                            ),
                            path: Some(path),
                        },
                        rules,
                    )),
                    Err(e) => report.unreadable.push(e),
                }
            }
            Input::Error { path, message } => report
                .unreadable
                .push(FileError::whole_file(&path.display().to_string(), message)),
        }
    }
    report.profile = fixed
        .first()
        .map(|(_, r)| r.settings.profile.name.clone())
        .unwrap_or_else(|| crate::profile::DEFAULT_PROFILE.to_string());

    let mut applied = 0;
    let mut changed_files = 0;
    let mut write_failed = false;
    let mut stdin_text = None;
    for (Fixed { path, fix }, rules) in fixed {
        let name = fix.report.source.name.clone();
        match &fix.status {
            FixStatus::Abandoned(reason) => {
                let _ = writeln!(
                    out.stderr,
                    "sellerlint: warning: {name}: fixes not applied, the file is left as it was: {reason}"
                );
            }
            FixStatus::NotConverged => {
                let _ = writeln!(
                    out.stderr,
                    "sellerlint: warning: {name}: fixes did not settle after {} rounds; fixable problems remain",
                    fix.rounds
                );
            }
            FixStatus::Unchanged | FixStatus::Fixed => {}
        }
        if fix.changed() {
            if request.mode == FixMode::Diff {
                out.stdout.push_str(&unified_diff(&name, &fix));
            } else if let Some(p) = &path {
                if let Err(e) = write_checked(p, &fix.original, &fix.fixed) {
                    let _ = writeln!(
                        out.stderr,
                        "sellerlint: error: {name}: could not write the fixes ({e}); the file is left as it was"
                    );
                    write_failed = true;
                    // What remains is what was there.
                    let original = SourceFile::new(name, fix.original);
                    report.files.push(crate::lint::lint_source(
                        original,
                        &rules.registry,
                        &rules.settings,
                    ));
                    continue;
                }
            }
            applied += fix.applied;
            changed_files += 1;
        }
        if path.is_none() {
            stdin_text = Some(fix.fixed.clone());
        }
        report.files.push(fix.report);
    }

    let failed = write_failed || report.counts().files_failed > 0;
    let summary = fix_summary(
        request.mode,
        applied,
        changed_files,
        &report,
        &request.options,
    );
    match request.mode {
        FixMode::Diff => {
            out.stderr.push_str(&summary);
            out.exit = if failed {
                EXIT_ERROR
            } else if changed_files > 0 {
                EXIT_PROBLEMS
            } else {
                EXIT_OK
            };
        }
        FixMode::FixOnly => {
            match stdin_text {
                Some(text) => {
                    out.stdout.push_str(&text);
                    out.stderr.push_str(&summary);
                }
                None => out.stdout.push_str(&summary),
            }
            out.stderr.push_str(&errors_only(&report));
            out.exit = if failed { EXIT_ERROR } else { EXIT_OK };
        }
        FixMode::Fix => {
            let rendered = output::render(request.format, &report, request.styled);
            match stdin_text {
                Some(text) => {
                    out.stdout.push_str(&text);
                    out.stderr.push_str(&rendered);
                    out.stderr.push_str(&summary);
                }
                None if request.format == Format::Human => {
                    out.stdout.push_str(&rendered);
                    out.stdout.push_str(&summary);
                }
                None => {
                    out.stdout.push_str(&rendered);
                    out.stderr.push_str(&summary);
                }
            }
            out.exit = report.exit_code(request.max_warnings);
            if write_failed {
                out.exit = EXIT_ERROR;
            }
        }
    }
    out
}

/// Writes the fixed text unless the file changed on disk since it was read.
fn write_checked(path: &Path, original: &str, fixed: &str) -> std::io::Result<()> {
    let now = std::fs::read(path)?;
    if now != original.as_bytes() {
        return Err(std::io::Error::other(
            "the file changed on disk while it was being fixed",
        ));
    }
    write_atomic(path, fixed.as_bytes())
}

/// A `git diff`-style unified diff of one file.
pub fn unified_diff(name: &str, fix: &FileFix) -> String {
    let diff = similar::TextDiff::from_lines(fix.original.as_str(), fix.fixed.as_str());
    diff.unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `Fixed 3 problems in 2 files.` plus a hint about fixes that were not applied.
fn fix_summary(
    mode: FixMode,
    applied: usize,
    files: usize,
    report: &RunReport,
    options: &FixOptions,
) -> String {
    let mut s = String::new();
    let verb = if mode == FixMode::Diff {
        "Would fix"
    } else {
        "Fixed"
    };
    if applied > 0 {
        let _ = writeln!(
            s,
            "{verb} {} in {}.",
            plural(applied, "problem", "problems"),
            plural(files, "file", "files")
        );
    } else {
        let none = if mode == FixMode::Diff {
            "No fixes to apply."
        } else {
            "No fixes applied."
        };
        let _ = writeln!(s, "{none}");
    }
    let hidden = report
        .diagnostics()
        .filter(|d| {
            d.applicability == crate::diagnostic::Applicability::Unsafe && !d.edits.is_empty()
        })
        .count();
    if !options.unsafe_fixes && hidden > 0 {
        let _ = writeln!(
            s,
            "{} can be applied with `--unsafe-fixes` (check the result: they change what the message says).",
            plural(hidden, "more fix", "more fixes")
        );
    }
    s
}

/// File errors (unreadable or unparsable files), one line each, for `--fix-only`.
fn errors_only(report: &RunReport) -> String {
    let mut s = String::new();
    for e in report.errors() {
        let place = match (e.line, e.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", e.file),
            _ => e.file.clone(),
        };
        let _ = writeln!(s, "{place}: error: {}", e.message);
    }
    s
}
