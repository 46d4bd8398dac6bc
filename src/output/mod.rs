//! Renderers: one module per output format, each turning a [`RunReport`] into text. They
//! read the report and never change it.

pub mod html;
pub mod human;
pub mod json;
pub mod verdict_table;

use crate::run::RunReport;

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames with carets and help, for people (default).
    Human,
    /// The versioned JSON report.
    Json,
    /// One self-contained HTML page for sellers (use with `-o report.html`).
    Html,
}

/// Renders the report in a format. `styled` asks for ANSI colours (stripped later when the
/// terminal or `--color` says no).
pub fn render(format: Format, report: &RunReport, styled: bool) -> String {
    match format {
        Format::Human => human::render(report, styled),
        Format::Json => json::render(report),
        Format::Html => html::render(report),
    }
}
