//! The command line: clap definitions of every subcommand and flag (declared once, so help,
//! man page and completions agree), and [`main`], which runs a command and returns the exit
//! status. `main.rs` only calls it; tests call it too.

use crate::input::DEFAULT_MAX_FILE_SIZE;
use crate::output::Format;
use crate::rules::registry::Registry;
use crate::run::{EXIT_ERROR, EXIT_OK};
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
    /// Write a commented starter `.sellerlint.yaml` (never overwrites one).
    Init {
        /// Folder to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Show the configuration that applies to a file: which config file, each rule's level.
    Config(ConfigArgs),
    /// Print the JSON Schema of the sequence format (for editors).
    Schema,
    /// Print shell completions.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Manpage,
    /// Write the rule documentation (one Markdown page per rule and an index).
    Docs(DocsArgs),
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// The file (or folder) to show the configuration for.
    #[arg(default_value = ".")]
    pub file: PathBuf,
    #[command(flatten)]
    pub config: ConfigFlags,
}

/// How to find the configuration.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigFlags {
    /// Use this config file for every input instead of discovering `.sellerlint.yaml` files.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files: built-in defaults and the command line only.
    #[arg(long)]
    pub no_config: bool,
    /// Policy profile: `amazon` (current), `amazon-2020`, `amazon-2017`. See `sellerlint profiles`.
    #[arg(long)]
    pub profile: Option<String>,
    /// Only these rules (ids or prefixes like `review/`, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Also these rules, on top of the configured ones.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Not these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Report suppressions without a `-- reason` (`meta/allow-without-reason`, an error).
    #[arg(long)]
    pub require_reason: bool,
}

impl ConfigFlags {
    pub(crate) fn overrides(&self) -> crate::config::CliOverrides {
        crate::config::CliOverrides {
            config: self.config.clone(),
            no_config: self.no_config,
            profile: self.profile.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            extend_select: self.extend_select.clone(),
            require_reason: self.require_reason,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// Folder to write the pages to.
    #[arg(long, value_name = "DIR", default_value = "docs/rules")]
    pub out: PathBuf,
    /// Write nothing; exit with status 1 when the pages are out of date.
    #[arg(long)]
    pub check: bool,
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
    /// Output format [default: human; github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Also write the report in `--format` (json when none is given) to this file; the
    /// terminal still gets the human report.
    #[arg(
        short = 'o',
        long = "output-file",
        visible_alias = "output",
        value_name = "FILE"
    )]
    pub output_file: Option<PathBuf>,
    /// When to use colour (`NO_COLOR` is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigFlags,
    /// Exit with status 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Name to report for input read from stdin (`-`).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Refuse files larger than this: bytes, or a number and a unit (64MiB, 500KB, 1GiB;
    /// default 32 MiB; a sequence file is a few KB).
    #[arg(long, value_name = "SIZE", default_value_t = DEFAULT_MAX_FILE_SIZE,
          value_parser = crate::input::parse_size_limit)]
    pub max_file_size: u64,
    /// Exit 0 even when there are errors (unreadable files and bad configs still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the problems only: no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the files that would be linted, and lint nothing.
    #[arg(long)]
    pub list_files: bool,
    /// Apply safe fixes (marked `[*]`) to the files, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (they change what a message says: read the result).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a diff of what `--fix` would change; write nothing (exit 1 if there is any).
    #[arg(long)]
    pub diff: bool,
    /// Apply fixes and report nothing else.
    #[arg(long)]
    pub fix_only: bool,
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
pub(crate) fn emit(text: &str, color: ColorChoice) -> Result<(), std::io::Error> {
    let choice = match color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    out.write_all(text.as_bytes())?;
    out.flush()
}

pub(crate) fn usage_error(message: &str) -> u8 {
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
        Command::Init { dir } => return crate::commands::init(&dir),
        Command::Config(args) => {
            return crate::commands::show_config(&args.file, args.config.overrides())
        }
        Command::Schema => emit(&crate::schema::sequence_schema(), ColorChoice::Never),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "sellerlint",
                &mut buf,
            );
            emit(&String::from_utf8_lossy(&buf), ColorChoice::Never)
        }
        Command::Manpage => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buf) {
                Ok(()) => emit(&String::from_utf8_lossy(&buf), ColorChoice::Never),
                Err(e) => Err(e),
            }
        }
        Command::Docs(args) => return docs(args),
    };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string()),
        _ => EXIT_OK,
    }
}

fn check(args: CheckArgs) -> u8 {
    crate::commands::check(args)
}

fn docs(args: DocsArgs) -> u8 {
    match crate::docs::write_docs(Registry::builtin(), &args.out, args.check) {
        Err(e) => usage_error(&format!("{}: {e}", args.out.display())),
        Ok(changed) if args.check && !changed.is_empty() => {
            let _ = writeln!(
                std::io::stderr(),
                "sellerlint: the rule documentation in {} is out of date ({}); run `sellerlint docs --out {}`",
                args.out.display(),
                changed.join(", "),
                args.out.display()
            );
            crate::run::EXIT_PROBLEMS
        }
        Ok(changed) => {
            if !args.check {
                let _ = writeln!(
                    std::io::stderr(),
                    "sellerlint: {} page(s) written to {}",
                    changed.len(),
                    args.out.display()
                );
            }
            EXIT_OK
        }
    }
}
