//! Renderers: one module per output format, each turning a [`RunReport`] into text. They
//! read the report and never change it.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod outcome_stream;
pub mod sarif;
pub mod streamed;
pub mod verdict_table;

use crate::run::RunReport;

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames with carets and help, for people (default).
    Human,
    /// The versioned JSON report.
    Json,
    /// One line per problem: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON object per diagnostic per line.
    JsonLines,
    /// SARIF 2.1.0 (GitHub code scanning and other dashboards).
    Sarif,
    /// GitHub Actions annotations (the default when `GITHUB_ACTIONS=true`).
    Github,
    /// JUnit XML: one testcase per sequence message.
    Junit,
    /// One self-contained HTML page for sellers (use with `-o report.html`).
    Html,
}

/// Renders the report in a format. `styled` asks for ANSI colours (stripped later when the
/// terminal or `--color` says no).
pub fn render(format: Format, report: &RunReport, styled: bool) -> String {
    match format {
        Format::Human => human::render(report, styled),
        Format::Json => json::render(report),
        _ => render_quiet(format, report, styled, false),
    }
}

/// [`render`], where `quiet` leaves out everything but the problems (no summary line).
pub fn render_quiet(format: Format, report: &RunReport, styled: bool, quiet: bool) -> String {
    match format {
        Format::Human => human::render_with(report, styled, quiet),
        Format::Json => json::render(report),
        Format::Concise => concise::render(report, quiet),
        Format::JsonLines => json_lines::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report),
        Format::Html => html::render(report),
    }
}

/// [`render_quiet`] written to `out`; JSON, JSON Lines, SARIF and concise output are written
/// as they are produced, without building the whole text first.
pub fn write_quiet(
    format: Format,
    report: &RunReport,
    styled: bool,
    quiet: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::JsonLines => json_lines::write(report, out),
        Format::Concise => concise::write(report, quiet, out),
        _ => out.write_all(render_quiet(format, report, styled, quiet).as_bytes()),
    }
}

/// What a writer writes into memory, as text; `None` if it failed (writing into memory fails
/// only when serialising fails, which plain report data does not).
pub(crate) fn written(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Option<String> {
    let mut out = Vec::new();
    write(&mut out).ok()?;
    String::from_utf8(out).ok()
}

/// True when a format reads nothing of the linted files but their diagnostics, errors,
/// verdicts and counts: a run may then drop each file's text and model as soon as it is
/// linted (see `RunOptions::shed_model`).
pub fn quotes_nothing(format: Format) -> bool {
    matches!(
        format,
        Format::Json | Format::JsonLines | Format::Sarif | Format::Concise | Format::Github
    )
}

/// True when a format shows diagnostics and errors only, never the text of the messages: a
/// run may then drop that text as soon as each file is linted (see `RunOptions::shed_text`).
/// JUnit reads message ids and spans, which stay. (`Human` quotes source lines and `Json`
/// shows verdicts, judged at lint time: neither reads message text either; `Html` does.)
pub fn shows_only_diagnostics(format: Format) -> bool {
    matches!(
        format,
        Format::Concise | Format::JsonLines | Format::Sarif | Format::Github | Format::Junit
    )
}
