//! `--format json`: the versioned report other tools read (documented in README.md, section
//! "JSON report"). Fields are only ever added, never renamed or removed; `version` changes
//! when a consumer would have to change.

use crate::parse::FileError;
use crate::run::{Counts, RunReport};
use crate::verdict::{CriticalIntent, MessageVerdict, Verdict, VerdictCounts};
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
    diagnostics: Diagnostics<'a>,
    errors: Vec<&'a FileError>,
    summary: Counts,
    /// The verdict on every message of every linted sequence (see `crate::verdict`).
    messages: Messages<'a>,
    /// Totals of `messages` by verdict.
    verdicts: VerdictCounts,
}

/// Every diagnostic of the run, serialised straight from the files' reports (no list of
/// them is built: a run with a million findings should not hold a second copy of them).
struct Diagnostics<'a>(&'a RunReport);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.diagnostics())
    }
}

/// Every message's verdict, serialised from the verdicts the linter judged.
struct Messages<'a>(&'a RunReport);

impl Serialize for Messages<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.files.iter().flat_map(|file| {
            file.verdicts.iter().flat_map(move |sequence| {
                sequence
                    .messages
                    .iter()
                    .map(move |m| JsonMessage::new(&file.source.name, &sequence.sequence, m))
            })
        }))
    }
}

/// One message's verdict in the JSON report.
#[derive(Serialize)]
struct JsonMessage<'a> {
    file: &'a str,
    sequence: &'a str,
    message_id: &'a str,
    verdict: Verdict,
    /// The rule id that decided the verdict, `critical` or `no-problem`.
    category: &'a str,
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

impl<'a> JsonMessage<'a> {
    fn new(file: &'a str, sequence: &'a str, m: &'a MessageVerdict) -> JsonMessage<'a> {
        JsonMessage {
            file,
            sequence,
            message_id: &m.message_id,
            verdict: m.verdict,
            category: &m.category,
            critical_intent: m.critical_intent,
            reaches_opted_out: m.reaches_opted_out,
            trigger: m.trigger,
            delay_hours: m.delay_hours,
            send_day_after_delivery: m.send_day_after_delivery(),
            diagnostic_count: m.problems(),
            errors: m.errors,
            warnings: m.warnings,
            infos: m.infos,
        }
    }
}

/// Writes the report, pretty-printed and ending in a newline, as it is serialised: nothing
/// of its size is held in memory.
pub fn write(report: &RunReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut verdicts = VerdictCounts::default();
    for m in report
        .files
        .iter()
        .flat_map(|f| &f.verdicts)
        .flat_map(|s| &s.messages)
    {
        verdicts.add(m);
    }
    let json = JsonReport {
        version: JSON_REPORT_VERSION,
        tool: Tool {
            name: "sellerlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        profile: &report.profile,
        diagnostics: Diagnostics(report),
        errors: report.errors().collect(),
        summary: report.counts(),
        messages: Messages(report),
        verdicts,
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// [`write`] into a string.
pub fn render(report: &RunReport) -> String {
    let mut out = Vec::new();
    // Serialising plain data with string keys into memory cannot fail; an empty object is a
    // safe fallback.
    match write(report, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| "{}\n".to_string()),
        Err(_) => "{}\n".to_string(),
    }
}
