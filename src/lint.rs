//! The lint pipeline for one file: parse → text views → rules (phrase rules, then structural
//! rules) → diagnostics with the severities of the active profile and settings. Knows nothing
//! of output formats.

use crate::diagnostic::{positions, Applicability, Diagnostic, Finding, PlacedEdit, Severity};
use crate::model::Sequence;
use crate::parse::{parse_file_with, FileError, DEFAULT_MARKETPLACE};
use crate::profile::Profile;
use crate::rules::registry::{selector_covers, Registry};
use crate::rules::{Context, MessageView};
use crate::source::SourceFile;
use crate::text::TextView;

/// Which rules run and how severe they are.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: Profile,
    /// `(selector, level)` pairs; for each rule the most specific matching selector wins
    /// (an exact id beats `review/`, which beats `all`). `None` = off.
    pub levels: Vec<(String, Option<Severity>)>,
    /// Marketplace of sequences that do not name one (`None`: amazon.com).
    pub default_marketplace: Option<String>,
    /// Suppressions must give a reason (`meta/allow-without-reason`).
    pub require_reason: bool,
    /// Rule options switched on (`rule-options`): rule id → option names.
    pub rule_options: crate::rules::RuleOptions,
}

impl Settings {
    pub fn new(profile: Profile) -> Settings {
        Settings {
            profile,
            levels: Vec::new(),
            default_marketplace: None,
            require_reason: false,
            rule_options: crate::rules::RuleOptions::new(),
        }
    }

    /// Severity of a rule: profile first, then the most specific setting.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        let mut best: Option<(usize, Option<Severity>)> = None;
        for (selector, level) in &self.levels {
            if selector_covers(selector, rule) {
                let specificity = if selector == "all" {
                    0
                } else {
                    selector.trim_end_matches('/').len() + 1
                };
                // Later settings of equal specificity override earlier ones.
                if best.is_none_or(|(s, _)| specificity >= s) {
                    best = Some((specificity, *level));
                }
            }
        }
        match best {
            Some((_, level)) => level,
            None => self.profile.severity(rule, default),
        }
    }
}

/// What linting one file produced.
#[derive(Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub sequences: Vec<Sequence>,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: Vec<FileError>,
    /// Diagnostics hidden by suppressions (`# sellerlint: allow`, `allow:`).
    pub suppressed: usize,
}

/// Languages whose phrases run on a sequence: its own, and English, which sellers mix into
/// every marketplace (signatures, product names, copied boilerplate).
pub fn phrase_languages(sequence: &Sequence) -> Vec<String> {
    let mut langs = vec![sequence.language.value.clone()];
    if sequence.language.value != "en" {
        langs.push("en".to_string());
    }
    langs.push(crate::rules::phrase::ANY_LANGUAGE.to_string());
    langs
}

/// Runs every rule on one sequence and returns the raw findings, in rule order.
pub fn check_sequence(
    source: &SourceFile,
    sequence: &Sequence,
    registry: &Registry,
    settings: &Settings,
) -> Vec<Finding> {
    let mut views: Vec<MessageView<'_>> = sequence
        .messages
        .iter()
        .map(|m| MessageView {
            message: m,
            subject: m
                .subject
                .as_ref()
                .map(|s| TextView::new(s, Some(crate::model::BodyFormat::Text))),
            body: TextView::new(&m.body, m.format.as_ref().map(|f| f.value)),
        })
        .collect();
    let languages = phrase_languages(sequence);
    let mut findings: Vec<Finding> = Vec::new();
    // Every rule runs, even one switched off: later rules build on what earlier ones found (a
    // review request is a review request whether or not its rule is reported).
    let per_message = registry
        .rules
        .iter()
        .take_while(|r| r.runs_per_message())
        .count();
    let (first_rules, other_rules) = registry.rules.split_at(per_message);
    let mut out = Vec::new();
    for (index, view) in views.iter_mut().enumerate() {
        let ctx = Context {
            source,
            sequence,
            messages: std::slice::from_ref(view),
            profile: &settings.profile,
            languages: &languages,
            earlier: &[],
            options: &settings.rule_options,
            first_message: index,
        };
        for rule in first_rules {
            rule.check(&ctx, &mut out);
        }
        view.body.forget_searched();
        if let Some(subject) = &mut view.subject {
            subject.forget_searched();
        }
    }
    // In rule order, as the other rules would have found them.
    let position = |id: &str| first_rules.iter().position(|r| r.meta().id == id);
    out.sort_by_cached_key(|f| position(&f.rule));
    findings.extend(out);
    for rule in other_rules {
        let mut out = Vec::new();
        let ctx = Context {
            source,
            sequence,
            messages: &views,
            profile: &settings.profile,
            languages: &languages,
            earlier: &findings,
            options: &settings.rule_options,
            first_message: 0,
        };
        rule.check(&ctx, &mut out);
        findings.extend(out);
    }
    findings
}

/// Lints one file's text.
pub fn lint_source(source: SourceFile, registry: &Registry, settings: &Settings) -> FileReport {
    let marketplace = settings
        .default_marketplace
        .as_deref()
        .unwrap_or(DEFAULT_MARKETPLACE);
    // A plain template (`.txt`, `.md`, `.html`) is one message; everything else is YAML.
    let parsed = if crate::template::is_template(&source.name) {
        crate::template::parse_template(&source)
    } else {
        parse_file_with(&source, marketplace)
    };
    let sequences = match parsed {
        Ok(s) => s,
        Err(errors) => {
            return FileReport {
                source,
                sequences: Vec::new(),
                diagnostics: Vec::new(),
                errors,
                suppressed: 0,
            };
        }
    };
    let mut diagnostics = Vec::new();
    for (seq_index, sequence) in sequences.iter().enumerate() {
        for finding in check_sequence(&source, sequence, registry, settings) {
            if let Some(d) =
                to_diagnostic(&source, sequence, seq_index, finding, registry, settings)
            {
                diagnostics.push(d);
            }
        }
    }
    let outcome = crate::suppress::apply(&source, &sequences, diagnostics, registry, settings);
    let mut diagnostics = outcome.kept;
    diagnostics.sort_by(|a, b| {
        (a.order, a.line, a.column, &a.rule).cmp(&(b.order, b.line, b.column, &b.rule))
    });
    FileReport {
        source,
        sequences,
        diagnostics,
        errors: Vec::new(),
        suppressed: outcome.suppressed,
    }
}

fn to_diagnostic(
    source: &SourceFile,
    sequence: &Sequence,
    seq_index: usize,
    f: Finding,
    registry: &Registry,
    settings: &Settings,
) -> Option<Diagnostic> {
    let rule = registry.get(&f.rule)?;
    let meta = rule.meta();
    let severity = settings.severity(&f.rule, meta.severity)?;
    let (start, end) = positions(source, &f.span);
    let message_id = sequence
        .messages
        .get(f.message_index)
        .map(|m| m.id.value.clone())
        .unwrap_or_default();
    let (applicability, edits) = match &f.fix {
        // A fix without edits is advice, whatever grade it claims.
        Some(fix) if !fix.edits.is_empty() && fix.applicability != Applicability::Manual => (
            fix.applicability,
            fix.edits
                .iter()
                .map(|e| PlacedEdit::new(source, e))
                .collect(),
        ),
        _ => (Applicability::Manual, Vec::new()),
    };
    Some(Diagnostic {
        file: source.name.clone(),
        rule: f.rule,
        severity,
        message: f.message,
        message_id,
        sequence: sequence.name.value.clone(),
        field: f.field,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        fix: f.help.unwrap_or_else(|| meta.fix.to_string()),
        applicability,
        matched: f.matched,
        edits,
        span: f.span,
        order: (seq_index, f.message_index),
        url: Some(meta.source.to_string()).filter(|s| !s.is_empty()),
    })
}
