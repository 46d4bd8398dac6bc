//! Renderers: one module per output format, each turning a [`RunReport`] into text. They
//! read the report and never change it.

pub mod human;
pub mod json;

use crate::run::RunReport;

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames with carets and help, for people (default).
    Human,
    /// The versioned JSON report.
    Json,
}

/// Renders the report in a format. `styled` asks for ANSI colours (stripped later when the
/// terminal or `--color` says no).
pub fn render(format: Format, report: &RunReport, styled: bool) -> String {
    match format {
        Format::Human => human::render(report, styled),
        Format::Json => json::render(report),
    }
}

/// True when a format shows diagnostics and errors only (with source frames), never the text
/// of the messages: a run may then drop that text as soon as each file is linted.
pub fn shows_only_diagnostics(format: Format) -> bool {
    matches!(format, Format::Human | Format::Json)
}
