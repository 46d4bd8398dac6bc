//! `--format json`: the versioned report other tools read (documented in README.md, section
//! "JSON report"). Fields are only ever added, never renamed or removed; `version` changes
//! when a consumer would have to change.

use super::outcome_stream::OutcomeStream;
use crate::parse::FileError;
use crate::run::{Counts, RunReport};
use crate::verdict::{CriticalIntent, MessageVerdict, SequenceVerdicts, Verdict, VerdictCounts};
use serde::Serialize;

pub const JSON_REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// The report's fields, in the order of the contract. One definition serves a report written
/// from a whole run ([`write`]) and one written as the files arrive ([`write_streamed`]),
/// which differ only in where each field's values come from.
#[derive(Serialize)]
struct JsonReport<'a, D, E, S, M, V> {
    version: u32,
    tool: Tool,
    profile: &'a str,
    diagnostics: D,
    errors: E,
    summary: S,
    /// The verdict on every message of every linted sequence (see `crate::verdict`).
    messages: M,
    /// Totals of `messages` by verdict.
    verdicts: V,
}

impl<'a, D, E, S, M, V> JsonReport<'a, D, E, S, M, V> {
    fn new(
        profile: &'a str,
        diagnostics: D,
        errors: E,
        summary: S,
        messages: M,
        verdicts: V,
    ) -> Self {
        JsonReport {
            version: JSON_REPORT_VERSION,
            tool: Tool {
                name: "sellerlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            profile,
            diagnostics,
            errors,
            summary,
            messages,
            verdicts,
        }
    }
}

/// The verdicts of files (name, sequences) as report entries, in order.
fn json_messages<'a>(
    files: impl Iterator<Item = (&'a str, &'a [SequenceVerdicts])>,
) -> impl Iterator<Item = JsonMessage<'a>> {
    files.flat_map(|(file, sequences)| {
        sequences.iter().flat_map(move |sequence| {
            sequence
                .messages
                .iter()
                .map(move |m| JsonMessage::new(file, &sequence.sequence, m))
        })
    })
}

/// Totals by verdict of the messages of files (name, sequences).
fn verdict_totals<'a>(
    files: impl Iterator<Item = (&'a str, &'a [SequenceVerdicts])>,
) -> VerdictCounts {
    let mut totals = VerdictCounts::default();
    for m in files.flat_map(|(_, sequences)| sequences.iter().flat_map(|s| &s.messages)) {
        totals.add(m);
    }
    totals
}

/// The files of a whole run as `json_messages` and `verdict_totals` take them.
fn run_files(report: &RunReport) -> impl Iterator<Item = (&str, &[SequenceVerdicts])> {
    report
        .files
        .iter()
        .map(|f| (f.source.name.as_str(), f.verdicts.as_slice()))
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
        serializer.collect_seq(json_messages(run_files(self.0)))
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
    let json = JsonReport::new(
        &report.profile,
        Diagnostics(report),
        report.errors().collect::<Vec<&FileError>>(),
        report.counts(),
        Messages(report),
        verdict_totals(run_files(report)),
    );
    write_pretty(&json, out)
}

/// `value` pretty-printed and ending in a newline. serde_json writes in many small pieces (a
/// key, a colon, an indent): buffered here, each is a copy into a buffer of a known type
/// rather than a call through `dyn Write` (2.3 million calls for 1,000 generated files, 1.4%
/// of that run's instructions).
pub(super) fn write_pretty(
    value: &impl Serialize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut buffered = std::io::BufWriter::with_capacity(64 << 10, out);
    serde_json::to_writer_pretty(&mut buffered, value).map_err(std::io::Error::from)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// [`write()`] into a string.
pub fn render(report: &RunReport) -> String {
    // An empty object is a safe fallback.
    super::written(|out| write(report, out)).unwrap_or_else(|| "{}\n".to_string())
}

/// Writes the report of a run whose files arrive one by one (see
/// [`crate::check::run_checked_with`]): each file's diagnostics are written as soon as it
/// comes, then dropped; only its verdicts and errors are kept for the end of the report (see
/// [`OutcomeStream`]). The bytes are those [`write()`] writes for the same files. `head` gives
/// the profile.
///
/// Returns the run's counts (for the exit status) even when writing failed; the files not
/// yet written are then still linted and counted.
pub fn write_streamed(
    head: &RunReport,
    outcomes: &mut dyn Iterator<Item = crate::check::FileOutcome>,
    out: &mut dyn std::io::Write,
) -> (Counts, std::io::Result<()>) {
    let stream = OutcomeStream::new(outcomes, true);
    let json = JsonReport::new(
        &head.profile,
        StreamedDiagnostics(&stream),
        StreamedErrors(&stream),
        StreamedSummary(&stream),
        StreamedMessages(&stream),
        StreamedVerdicts(&stream),
    );
    let written = write_pretty(&json, out);
    (stream.finish(), written)
}

/// Lints the run to its end, writing each diagnostic as its file comes.
struct StreamedDiagnostics<'a, 'o>(&'a OutcomeStream<'o>);

impl Serialize for StreamedDiagnostics<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.diagnostics())
    }
}

struct StreamedErrors<'a, 'o>(&'a OutcomeStream<'o>);

impl Serialize for StreamedErrors<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.kept().tally.errors())
    }
}

struct StreamedSummary<'a, 'o>(&'a OutcomeStream<'o>);

impl Serialize for StreamedSummary<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.kept().tally.counts.serialize(serializer)
    }
}

struct StreamedMessages<'a, 'o>(&'a OutcomeStream<'o>);

impl Serialize for StreamedMessages<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(json_messages(self.0.kept().files()))
    }
}

struct StreamedVerdicts<'a, 'o>(&'a OutcomeStream<'o>);

impl Serialize for StreamedVerdicts<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        verdict_totals(self.0.kept().files()).serialize(serializer)
    }
}
