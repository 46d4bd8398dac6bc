//! `--format json`: the versioned report other tools read (documented in README.md, section
//! "JSON report"). Fields are only ever added, never renamed or removed; `version` changes
//! when a consumer would have to change.

use crate::diagnostic::Diagnostic;
use crate::parse::FileError;
use crate::run::{Counts, RunReport};
use crate::verdict::{file_verdicts, CriticalIntent, Verdict, VerdictCounts};
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
    /// The verdict on every message of every linted sequence (see `crate::verdict`).
    messages: Vec<JsonMessage<'a>>,
    /// Totals of `messages` by verdict.
    verdicts: VerdictCounts,
}

/// One message's verdict in the JSON report.
#[derive(Serialize)]
struct JsonMessage<'a> {
    file: &'a str,
    sequence: String,
    message_id: String,
    verdict: Verdict,
    /// The rule id that decided the verdict, `critical` or `no-problem`.
    category: String,
    critical_intent: Option<CriticalIntent>,
    reaches_opted_out: bool,
    trigger: Option<crate::model::Trigger>,
    delay_hours: Option<u64>,
    send_day_after_delivery: Option<u64>,
    diagnostic_count: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn messages(report: &RunReport) -> (Vec<JsonMessage<'_>>, VerdictCounts) {
    let mut out = Vec::new();
    let mut totals = VerdictCounts::default();
    for file in &report.files {
        for sequence in file_verdicts(file) {
            for m in sequence.messages {
                totals.add(&m);
                out.push(JsonMessage {
                    file: &file.source.name,
                    sequence: sequence.sequence.clone(),
                    send_day_after_delivery: m.send_day_after_delivery(),
                    diagnostic_count: m.problems(),
                    message_id: m.message_id,
                    verdict: m.verdict,
                    category: m.category,
                    critical_intent: m.critical_intent,
                    reaches_opted_out: m.reaches_opted_out,
                    trigger: m.trigger,
                    delay_hours: m.delay_hours,
                    errors: m.errors,
                    warnings: m.warnings,
                    infos: m.infos,
                });
            }
        }
    }
    (out, totals)
}

pub fn render(report: &RunReport) -> String {
    let (messages, verdicts) = messages(report);
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
        messages,
        verdicts,
    };
    // Serialising plain data with string keys cannot fail; an empty object is a safe fallback.
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}
