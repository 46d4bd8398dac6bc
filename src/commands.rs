//! What `check`, `init` and `config` do once clap has parsed them: config resolution, rule
//! selection, exit status policy (`--exit-zero`, `--max-warnings`), and where reports go
//! (terminal, `-o FILE`, GitHub annotations under Actions).

use crate::check::{plan, run_checked, run_checked_with, CheckInputs};
use crate::cli::{emit, usage_error, CheckArgs, ColorChoice};
use crate::config::{CliOverrides, ConfigError, Resolver, CONFIG_NAMES, STARTER_CONFIG};
use crate::output::{write_quiet, Format};
use crate::run::{EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS};
use crate::walk::Input;
use std::io::Write;
use std::path::{Path, PathBuf};

fn config_errors(errors: &[ConfigError]) -> u8 {
    let mut stderr = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(stderr, "sellerlint: error: {e}");
    }
    EXIT_ERROR
}

fn current_dir() -> Result<PathBuf, u8> {
    std::env::current_dir()
        .map_err(|e| usage_error(&format!("cannot read the current directory: {e}")))
}

/// True under GitHub Actions (its runner sets `GITHUB_ACTIONS=true`).
fn in_github_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// `sellerlint check`.
pub fn check(args: CheckArgs) -> u8 {
    let cwd = match current_dir() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut resolver = match Resolver::new(args.config.overrides(), cwd) {
        Ok(r) => r,
        Err(e) => return config_errors(&e),
    };
    let mut paths = Vec::new();
    let mut stdin_name = None;
    for p in &args.paths {
        if p.as_os_str() == "-" {
            stdin_name = Some(
                args.stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".to_string()),
            );
        } else {
            paths.push(p.clone());
        }
    }
    // `sellerlint check - --stdin-filename x` lints stdin only, not the default `.` too.
    if args.list_files {
        return match plan(&paths, &mut resolver) {
            Err(e) => config_errors(&e),
            Ok(inputs) => {
                let mut text = String::new();
                let mut failed = false;
                for input in inputs {
                    match input {
                        Input::File(p) => {
                            text.push_str(&p.display().to_string());
                            text.push('\n');
                        }
                        Input::Error { path, message } => {
                            failed = true;
                            let _ = writeln!(
                                std::io::stderr(),
                                "sellerlint: error: {}: {message}",
                                path.display()
                            );
                        }
                    }
                }
                let _ = emit(&text, ColorChoice::Never);
                if failed {
                    EXIT_ERROR
                } else {
                    EXIT_OK
                }
            }
        };
    }
    if args.fix || args.fix_only || args.diff {
        return fix(&args, resolver, paths, stdin_name);
    }
    let terminal_default = if in_github_actions() {
        Format::Github
    } else {
        Format::Human
    };
    let terminal_format = match (&args.output_file, args.format) {
        (None, Some(f)) => f,
        _ => terminal_default,
    };
    let file_format = args
        .output_file
        .as_ref()
        .map(|_| args.format.unwrap_or(Format::Json));
    // What the run may drop of each file once it is linted depends on every format rendered
    // (with `-o`, the terminal shows a report too).
    let rendered = || std::iter::once(terminal_format).chain(file_format);
    let inputs = CheckInputs {
        paths,
        stdin_name,
        max_file_size: args.max_file_size,
        threads: args.threads,
        // The human report quotes source lines, never a message's parsed text: its verdict
        // tables come from the verdicts judged at lint time.
        shed_text: rendered()
            .all(|f| f == Format::Human || crate::output::shows_only_diagnostics(f)),
        shed_model: rendered().all(crate::output::quotes_nothing),
    };
    if file_format.is_none()
        && (matches!(
            terminal_format,
            Format::Json | Format::Sarif | Format::Human | Format::Junit
        ) || crate::output::streamed::is_line_format(terminal_format))
    {
        return check_streaming(&args, terminal_format, &inputs, &mut resolver);
    }
    let mut report = match run_checked(&inputs, &mut resolver) {
        Ok(r) => r,
        Err(e) => return config_errors(&e),
    };
    let code = exit_status(&args, &report.counts());
    report.exit_status = Some(code);

    if let (Some(file), Some(format)) = (&args.output_file, file_format) {
        // Renderers style their text for terminals; a report file never gets escape codes.
        let written = std::fs::File::create(file).and_then(|f| {
            let mut out = std::io::BufWriter::new(anstream::StripStream::new(f));
            write_quiet(format, &report, false, args.quiet, &mut out)?;
            out.flush()
        });
        if let Err(e) = written {
            return usage_error(&format!(
                "cannot write the report to {}: {}",
                file.display(),
                crate::walk::io_message(&e)
            ));
        }
    }
    let styled = args.color != ColorChoice::Never;
    let write =
        |out: &mut dyn Write| write_quiet(terminal_format, &report, styled, args.quiet, out);
    let emitted = if terminal_format == Format::Human {
        emit_with(args.color, write)
    } else {
        emit_unstyled(write)
    };
    match emitted {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string()),
        _ => code,
    }
}

/// The status a check exits with for its counts, `--max-warnings` and `--exit-zero` applied.
fn exit_status(args: &CheckArgs, counts: &crate::run::Counts) -> u8 {
    let code = counts.exit_code(args.max_warnings);
    if args.exit_zero && code == EXIT_PROBLEMS {
        EXIT_OK
    } else {
        code
    }
}

/// `check` with one report, on stdout, in a format written as the files are linted (json,
/// sarif, human, junit, or a line format: concise, json-lines, github), so that memory does
/// not grow with the number of files and findings (see the formats' `write_streamed` and
/// `output::streamed`).
fn check_streaming(
    args: &CheckArgs,
    format: Format,
    inputs: &CheckInputs,
    resolver: &mut Resolver,
) -> u8 {
    let exit_code = |counts: &crate::run::Counts| exit_status(args, counts);
    let mut counts = crate::run::Counts::default();
    let emitted = run_checked_with(inputs, resolver, |head, outcomes| {
        let write = |out: &mut dyn Write| {
            let (run_counts, written) = match format {
                Format::Json => crate::output::json::write_streamed(&head, outcomes, out),
                Format::Sarif => {
                    crate::output::sarif::write_streamed(&head, outcomes, &exit_code, out)
                }
                Format::Human => {
                    let styled = args.color != ColorChoice::Never;
                    crate::output::human::write_streamed(outcomes, styled, args.quiet, out)
                }
                Format::Junit => crate::output::junit::write_streamed(outcomes, out),
                _ => crate::output::streamed::write_lines(format, outcomes, args.quiet, out),
            };
            counts = run_counts;
            written
        };
        if format == Format::Human {
            emit_with(args.color, write)
        } else {
            emit_unstyled(write)
        }
    });
    let emitted = match emitted {
        Ok(emitted) => emitted,
        Err(e) => return config_errors(&e),
    };
    let code = exit_code(&counts);
    match emitted {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string()),
        _ => code,
    }
}

/// Like `cli::emit`, for a report written as it is rendered: to stdout through a buffer, with
/// escape codes kept or stripped as `color` and the terminal say.
fn emit_with(
    color: ColorChoice,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let choice = match color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let stream = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stream);
    write(&mut out)?;
    out.flush()
}

/// Writes a report that has no styling (every format but `human`) to stdout through a
/// buffer. Not through [`emit_with`]: when stdout is not a terminal, its stripping of escape
/// codes reads every byte, which was 2% of a `--format json` run over thousands of files.
fn emit_unstyled(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    write(&mut out)?;
    out.flush()
}

/// `check --fix`, `--fix-only`, `--diff` (see [`crate::fix::command`]): each file is fixed
/// with the rules and settings its own configuration gives it.
fn fix(
    args: &CheckArgs,
    mut resolver: Resolver,
    paths: Vec<PathBuf>,
    stdin_name: Option<String>,
) -> u8 {
    use crate::fix::command::{run_planned, FileRules, FixMode, FixRequest, RulesRef};
    let files = match plan(&paths, &mut resolver) {
        Ok(f) => f,
        Err(e) => return config_errors(&e),
    };
    let mode = if args.diff {
        FixMode::Diff
    } else if args.fix_only {
        FixMode::FixOnly
    } else {
        FixMode::Fix
    };
    let request = FixRequest {
        mode,
        options: crate::fix::FixOptions {
            unsafe_fixes: args.unsafe_fixes,
            ..crate::fix::FixOptions::default()
        },
        format: args.format.unwrap_or(Format::Human),
        styled: args.color != ColorChoice::Never && stdin_name.is_none(),
        max_warnings: args.max_warnings,
    };
    let inputs = crate::run::RunInputs {
        paths,
        stdin_name: stdin_name.clone(),
        max_file_size: args.max_file_size,
    };
    let stdin = stdin_name
        .as_ref()
        .map(|name| crate::input::read_stdin(name, args.max_file_size));
    let mut rules_for = |path: &Path| {
        resolver
            .setup_for(path)
            .map(|setup| FileRules {
                registry: RulesRef::Config(setup.registry),
                settings: std::sync::Arc::unwrap_or_clone(setup.settings),
            })
            .map_err(|errors| {
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
    };
    let out = run_planned(&inputs, stdin, files, &mut rules_for, &request);
    let stderr_color = match args.color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let _ = anstream::AutoStream::new(std::io::stderr().lock(), stderr_color)
        .write_all(out.stderr.as_bytes());
    // The fixed text of stdin and diffs are data: never coloured.
    let color = if mode == FixMode::Diff || inputs.stdin_name.is_some() {
        ColorChoice::Never
    } else {
        args.color
    };
    let mut code = out.exit;
    if args.exit_zero && code == EXIT_PROBLEMS {
        code = EXIT_OK;
    }
    match emit(&out.stdout, color) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string()),
        _ => code,
    }
}

/// `sellerlint init [DIR]`.
pub fn init(dir: &Path) -> u8 {
    for name in CONFIG_NAMES {
        let existing = dir.join(name);
        if existing.exists() {
            return usage_error(&format!(
                "{} already exists; not overwriting it (`sellerlint config` shows what it does)",
                existing.display()
            ));
        }
    }
    let path = dir.join(CONFIG_NAMES[0]);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(STARTER_CONFIG.as_bytes()));
    match written {
        Ok(()) => {
            let _ = emit(
                &format!(
                    "Wrote {}: every key is there, commented. `sellerlint config` shows the result.\n",
                    path.display()
                ),
                ColorChoice::Auto,
            );
            EXIT_OK
        }
        Err(e) => usage_error(&format!(
            "cannot write {}: {}",
            path.display(),
            crate::walk::io_message(&e)
        )),
    }
}

/// `sellerlint config [FILE]`.
pub fn show_config(file: &Path, overrides: CliOverrides) -> u8 {
    let cwd = match current_dir() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut resolver = match Resolver::new(overrides, cwd) {
        Ok(r) => r,
        Err(e) => return config_errors(&e),
    };
    let setup = match resolver.setup_for(file) {
        Ok(s) => s,
        Err(e) => return config_errors(&e),
    };
    let text = crate::config::describe(&resolver, file, &setup);
    match emit(&text, ColorChoice::Auto) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string()),
        _ => EXIT_OK,
    }
}
