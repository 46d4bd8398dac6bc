//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning, Azure DevOps and most
//! security dashboards read. Written with plain serde structs (the subset we fill, named as
//! the OASIS spec names them) rather than a generated crate of the whole schema: smaller, and
//! every field here is one we mean to emit.
//!
//! Columns are Unicode code points (`columnKind`), as everywhere in sellerlint. Each result
//! has a partial fingerprint hashed from the rule, the file, the message id and the matched
//! words: not the line, so a finding keeps its identity when text above it moves.

use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::FileError;
use crate::rules::RuleMeta;
use crate::run::RunReport;
use serde::Serialize;
use std::collections::BTreeMap;

/// The OASIS schema location the SARIF validator recommends.
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Key of our fingerprint in `partialFingerprints` (bump the suffix if the recipe changes).
pub const FINGERPRINT_KEY: &str = "sellerlint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
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

pub fn render(report: &RunReport) -> String {
    let rules: Vec<Descriptor<'_>> = report.rules.iter().map(descriptor).collect();
    let results = report
        .diagnostics()
        .map(|d| {
            let mut fp = BTreeMap::new();
            fp.insert(FINGERPRINT_KEY, fingerprint(d));
            SarifResult {
                rule_id: d.rule.to_string(),
                rule_index: report.rules.iter().position(|m| *m.id == *d.rule),
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
        })
        .collect();
    let failed = report.counts().files_failed > 0;
    let log = Log {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "sellerlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: !failed,
                exit_code: report.exit_status,
                tool_execution_notifications: report.errors().map(error_notification).collect(),
            }],
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
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
