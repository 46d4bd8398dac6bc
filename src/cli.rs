//! The command line: clap definitions of every subcommand and flag (declared once, so help,
//! man page and completions agree), and [`main`], which runs a command and returns the exit
//! status. `main.rs` only calls it; tests call it too.

use crate::input::DEFAULT_MAX_FILE_SIZE;
use crate::lint::Settings;
use crate::output::{self, Format};
use crate::profile::{Profile, DEFAULT_PROFILE};
use crate::rules::registry::Registry;
use crate::run::{run_with, RunInputs, RunOptions, EXIT_ERROR, EXIT_OK};
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "sellerlint",
    version,
    about = "Checks Amazon sellers' buyer-email sequences against Amazon's messaging rules before upload",
    long_about = None,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint sequence files and directories.
    Check(CheckArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain a rule: what it checks, why, an example and the fix.
    Explain {
        /// The rule id, e.g. `review/gating`.
        rule: String,
    },
    /// List the policy profiles.
    Profiles,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to lint (directories: every *.yaml / *.yml inside). `-` reads stdin.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use colour (`NO_COLOR` is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Policy profile: `amazon` (current), `amazon-2020`, `amazon-2017`. See `sellerlint profiles`.
    #[arg(long, default_value = DEFAULT_PROFILE)]
    pub profile: String,
    /// Exit with status 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Name to report for input read from stdin (`-`).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Lint files on N threads (default: one per core; 1 = no extra threads).
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub threads: usize,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Print the list as JSON.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

/// Writes to stdout; a closed pipe (`sellerlint check | head -1`) ends the program quietly.
fn emit(text: &str, color: ColorChoice) -> Result<(), std::io::Error> {
    let choice = match color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn usage_error(message: &str) -> u8 {
    let _ = writeln!(std::io::stderr(), "sellerlint: error: {message}");
    EXIT_ERROR
}

/// Runs the command line `args` (the first item is the program name) and returns the exit status.
pub fn main(args: impl IntoIterator<Item = OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => return check(args),
        Command::Rules(args) => emit(
            &crate::docs::rules_list(Registry::builtin(), args.format == RulesFormat::Json),
            ColorChoice::Auto,
        ),
        Command::Explain { rule } => match crate::docs::explain(Registry::builtin(), &rule) {
            Ok(text) => emit(&text, ColorChoice::Auto),
            Err(e) => return usage_error(&e),
        },
        Command::Profiles => emit(&crate::docs::profiles_list(), ColorChoice::Auto),
    };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string()),
        _ => EXIT_OK,
    }
}

fn check(args: CheckArgs) -> u8 {
    let profile = match Profile::named(&args.profile) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    let settings = Settings::new(profile);
    let mut paths = Vec::new();
    let mut stdin_name = None;
    for p in args.paths {
        if p.as_os_str() == "-" {
            stdin_name = Some(
                args.stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".to_string()),
            );
        } else {
            paths.push(p);
        }
    }
    let inputs = RunInputs {
        paths,
        stdin_name,
        max_file_size: args.max_file_size,
    };
    let options = RunOptions {
        threads: args.threads,
        shed_text: output::shows_only_diagnostics(args.format),
    };
    let report = run_with(&inputs, Registry::builtin(), &settings, &options);
    let styled = args.color != ColorChoice::Never;
    let text = output::render(args.format, &report, styled);
    match emit(&text, args.color) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return usage_error(&e.to_string()),
        _ => {}
    }
    report.exit_code(args.max_warnings)
}
