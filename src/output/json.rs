//! `--format json`: the versioned report other tools read (documented in README.md, section
//! "JSON report"). Fields are only ever added, never renamed or removed; `version` changes
//! when a consumer would have to change.

use crate::diagnostic::Diagnostic;
use crate::parse::FileError;
use crate::run::{Counts, RunReport};
use serde::Serialize;

pub const JSON_REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    profile: &'a str,
    diagnostics: Vec<&'a Diagnostic>,
    errors: Vec<&'a FileError>,
    summary: Counts,
}

pub fn render(report: &RunReport) -> String {
    let json = JsonReport {
        version: JSON_REPORT_VERSION,
        tool: Tool {
            name: "sellerlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        profile: &report.profile,
        diagnostics: report.diagnostics().collect(),
        errors: report.errors().collect(),
        summary: report.counts(),
    };
    // Serialising plain data with string keys cannot fail; an empty object is a safe fallback.
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}
