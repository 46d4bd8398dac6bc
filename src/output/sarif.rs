//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning, Azure DevOps and most
//! security dashboards read. Written with plain serde structs (the subset we fill, named as
//! the OASIS spec names them) rather than a generated crate of the whole schema: smaller, and
//! every field here is one we mean to emit.
//!
//! Columns are Unicode code points (`columnKind`), as everywhere in sellerlint. Each result
//! has a partial fingerprint hashed from the rule, the file, the message id and the matched
//! words: not the line, so a finding keeps its identity when text above it moves.

use super::outcome_stream::OutcomeStream;
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::FileError;
use crate::rules::RuleMeta;
use crate::run::{Counts, RunReport};
use serde::Serialize;
use std::collections::BTreeMap;

/// The OASIS schema location the SARIF validator recommends.
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Key of our fingerprint in `partialFingerprints` (bump the suffix if the recipe changes).
pub const FINGERPRINT_KEY: &str = "sellerlint/v1";

/// The log, one definition for a report written from a whole run ([`write`]) and one written
/// as the files are linted ([`write_streamed`]): `R` serialises the results, `N` the
/// invocation.
#[derive(Serialize)]
struct Log<'a, R, N> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a, R, N>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a, R, N> {
    tool: Tool<'a>,
    /// Before `invocations`: a report written as the files are linted knows how the run
    /// ended (its exit code, its errors) only once the last result is written.
    results: R,
    invocations: [N; 1],
    column_kind: &'static str,
}

impl<'a, R, N> Log<'a, R, N> {
    fn new(rules: &'a [RuleMeta], results: R, invocation: N) -> Self {
        Log {
            schema: SARIF_SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "sellerlint",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        rules: rules.iter().map(descriptor).collect(),
                    },
                },
                results,
                invocations: [invocation],
                column_kind: "unicodeCodePoints",
            }],
        }
    }
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties<'a> {
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    /// PascalCase friendly name (`UnsolicitedOrderConfirmation`), as SARIF recommends.
    name: String,
    short_description: Text,
    full_description: Text,
    help: MultiformatText,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
    properties: Properties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<u8>,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a URI reference: relative paths stay relative (to the repository root, as
/// code scanning expects) with `/` separators; absolute ones become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let unified = path.replace('\\', "/");
    let trimmed = unified.strip_prefix("./").unwrap_or(&unified);
    let mut out = String::new();
    let absolute = trimmed.starts_with('/');
    if absolute {
        out.push_str("file://");
    } else if trimmed.len() > 1 && trimmed.as_bytes()[1] == b':' {
        out.push_str("file:///");
    }
    for b in trimmed.bytes() {
        let keep = b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~');
        if keep || (b == b':' && out.starts_with("file:///")) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 64-bit FNV-1a: tiny, dependency-free and fixed forever (fingerprints must not change
/// between releases or platforms, which `std`'s hasher does not promise).
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The stable identity of a finding.
pub fn fingerprint(d: &Diagnostic) -> String {
    let what = d.matched.as_deref().unwrap_or(d.field.as_str());
    fnv1a(&[&d.rule, &d.file, &d.sequence, &d.message_id, what])
}

fn descriptor(meta: &RuleMeta) -> Descriptor<'_> {
    let mut markdown = format!("{}\n\n**Fix:** {}", meta.why, meta.fix);
    if !meta.example_bad.is_empty() {
        markdown.push_str(&format!(
            "\n\n**Example:**\n\n```\n{}\n```",
            meta.example_bad
        ));
    }
    if !meta.example_good.is_empty() {
        markdown.push_str(&format!(
            "\n\n**Instead:**\n\n```\n{}\n```",
            meta.example_good
        ));
    }
    let name = meta
        .id
        .split(['/', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    Descriptor {
        id: &meta.id,
        name,
        short_description: Text {
            text: meta.summary.to_string(),
        },
        full_description: Text {
            text: meta.why.to_string(),
        },
        help: MultiformatText {
            text: format!("{}\n\nFix: {}", meta.why, meta.fix),
            markdown,
        },
        help_uri: Some(meta.source.as_ref()).filter(|s| s.starts_with("http")),
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        properties: Properties {
            tags: vec![meta.category()],
        },
    }
}

fn error_notification(e: &FileError) -> Notification {
    Notification {
        level: "error",
        message: Text {
            text: match &e.help {
                Some(h) => format!("{} ({h})", e.message),
                None => e.message.clone(),
            },
        },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: path_to_uri(&e.file),
                },
                region: e.line.map(|l| Region {
                    start_line: l,
                    start_column: e.column,
                    end_line: None,
                    end_column: None,
                }),
            },
        }],
    }
}

/// Each rule's index in the log's rule list, by id (a result names its rule by both).
struct RuleIndex<'a>(std::collections::HashMap<&'a str, usize>);

impl<'a> RuleIndex<'a> {
    fn of(rules: &'a [RuleMeta]) -> RuleIndex<'a> {
        let mut index = std::collections::HashMap::with_capacity(rules.len());
        for (at, meta) in rules.iter().enumerate() {
            index.entry(meta.id.as_ref()).or_insert(at);
        }
        RuleIndex(index)
    }

    fn result(&self, d: &Diagnostic) -> SarifResult {
        let mut fp = BTreeMap::new();
        fp.insert(FINGERPRINT_KEY, fingerprint(d));
        SarifResult {
            rule_id: d.rule.to_string(),
            rule_index: self.0.get(d.rule.as_str()).copied(),
            level: level(d.severity),
            message: Text {
                text: format!("{}\nFix: {}", d.message, d.fix),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: path_to_uri(&d.file),
                    },
                    region: Some(Region {
                        start_line: d.line as usize,
                        start_column: Some(d.column as usize),
                        end_line: Some(d.end_line as usize),
                        end_column: Some(d.end_column as usize),
                    }),
                },
            }],
            partial_fingerprints: fp,
        }
    }
}

/// How the run ended, from its counts, errors and exit status.
fn invocation<'e>(
    counts: &Counts,
    errors: impl Iterator<Item = &'e FileError>,
    exit_code: Option<u8>,
) -> Invocation {
    Invocation {
        execution_successful: counts.files_failed == 0,
        exit_code,
        tool_execution_notifications: errors.map(error_notification).collect(),
    }
}

/// Every result of a whole run, serialised from the files' reports.
struct Results<'a>(&'a RunReport, &'a RuleIndex<'a>);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.diagnostics().map(|d| self.1.result(d)))
    }
}

/// Writes the log of a whole run, pretty-printed and ending in a newline, as it is
/// serialised.
pub fn write(report: &RunReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let rules = RuleIndex::of(&report.rules);
    let log = Log::new(
        &report.rules,
        Results(report, &rules),
        invocation(&report.counts(), report.errors(), report.exit_status),
    );
    super::json::write_pretty(&log, out)
}

/// [`write()`] into a string.
pub fn render(report: &RunReport) -> String {
    super::written(|out| write(report, out)).unwrap_or_else(|| "{}\n".to_string())
}

/// Writes the log of a run whose files arrive one by one, each file's results as soon as it
/// comes (see [`OutcomeStream`]): a run's memory does not grow with its findings. The bytes are
/// those [`write()`] writes for the same files, when `exit_code` gives the status the run
/// exits with for its counts. `head` gives the rules.
///
/// Returns the run's counts (for the exit status) even when writing failed; the files not
/// yet written are then still linted and counted.
pub fn write_streamed(
    head: &RunReport,
    outcomes: &mut dyn Iterator<Item = crate::check::FileOutcome>,
    exit_code: &dyn Fn(&Counts) -> u8,
    out: &mut dyn std::io::Write,
) -> (Counts, std::io::Result<()>) {
    let stream = OutcomeStream::new(outcomes, false);
    let rules = RuleIndex::of(&head.rules);
    let log = Log::new(
        &head.rules,
        StreamedResults(&stream, &rules),
        StreamedInvocation(&stream, exit_code),
    );
    let written = super::json::write_pretty(&log, out);
    (stream.finish(), written)
}

/// Lints the run to its end, writing each result as its file comes.
struct StreamedResults<'a, 'o>(&'a OutcomeStream<'o>, &'a RuleIndex<'a>);

impl Serialize for StreamedResults<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.diagnostics().map(|d| self.1.result(&d)))
    }
}

/// How the run ended, once its last result is written.
struct StreamedInvocation<'a, 'o>(&'a OutcomeStream<'o>, &'a dyn Fn(&Counts) -> u8);

impl Serialize for StreamedInvocation<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kept = self.0.kept();
        let counts = &kept.tally.counts;
        invocation(counts, kept.tally.errors(), Some((self.1)(counts))).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(path_to_uri("./a b/c.yaml"), "a%20b/c.yaml");
        assert_eq!(path_to_uri("/tmp/x#1.yaml"), "file:///tmp/x%231.yaml");
        assert_eq!(path_to_uri("dir\\é.yaml"), "dir/%C3%A9.yaml");
    }

    #[test]
    fn fingerprint_is_fixed() {
        assert_eq!(fnv1a(&[]), "cbf29ce484222325");
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
