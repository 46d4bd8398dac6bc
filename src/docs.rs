//! Rule documentation for people: `sellerlint rules`, `sellerlint explain RULE`,
//! `sellerlint profiles`, and the Markdown pages of `docs/rules/` (`sellerlint docs`), all
//! generated from the rules' own metadata, so they cannot disagree.

use crate::diagnostic::Applicability;
use crate::profile::Profile;
use crate::rules::registry::Registry;
use crate::rules::RuleMeta;
use std::fmt::Write;

/// `sellerlint rules`: one line per rule, or JSON.
pub fn rules_list(registry: &Registry, json: bool) -> String {
    let profiles = Profile::all();
    if json {
        let rules: Vec<serde_json::Value> = registry
            .rules
            .iter()
            .map(|r| {
                let m = r.meta();
                let per_profile: serde_json::Map<String, serde_json::Value> = profiles
                    .iter()
                    .map(|p| {
                        (
                            p.name.clone(),
                            serde_json::json!(p
                                .severity(&m.id, m.severity)
                                .map_or("off", |s| s.as_str())),
                        )
                    })
                    .collect();
                serde_json::json!({
                    "id": m.id,
                    "category": m.category(),
                    "summary": m.summary,
                    "severity": m.severity,
                    "severity_by_profile": per_profile,
                    "fixable": m.fixable,
                    "languages": m.languages,
                    "source": m.source,
                    "why": m.why,
                    "fix": m.fix,
                    "example_bad": m.example_bad,
                    "example_good": m.example_good,
                    "docs": doc_path(m),
                    "details": r.details(),
                })
            })
            .collect();
        let mut s =
            serde_json::to_string_pretty(&serde_json::json!({ "version": 1, "rules": rules }))
                .unwrap_or_default();
        s.push('\n');
        return s;
    }
    let mut out = String::new();
    let width = registry.ids().map(str::len).max().unwrap_or(10).max(4);
    let _ = write!(out, "{:<width$}", "RULE");
    for p in &profiles {
        let _ = write!(out, "  {:<11}", p.name);
    }
    let _ = writeln!(out, "  {:<6}  SUMMARY", "FIX");
    for r in &registry.rules {
        let m = r.meta();
        let _ = write!(out, "{:<width$}", m.id);
        for p in &profiles {
            let level = p.severity(&m.id, m.severity).map_or("off", |s| s.as_str());
            let _ = write!(out, "  {level:<11}");
        }
        let _ = writeln!(out, "  {:<6}  {}", fixable_word(m.fixable), m.summary);
    }
    out
}

/// `safe`, `unsafe` or `-` (advice only) for the rules table.
fn fixable_word(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::Manual => "-",
    }
}

/// Where a rule's page lives under the docs folder: `type/thank-you-only.md`.
pub fn doc_path(m: &RuleMeta) -> String {
    format!("{}.md", m.id)
}

/// `sellerlint explain RULE`.
pub fn explain(registry: &Registry, id: &str) -> Result<String, String> {
    let Some(rule) = registry.get(id) else {
        let hint = crate::parse::did_you_mean(id, registry.ids())
            .map(|d| format!(" (did you mean `{d}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule `{id}`{hint}; `sellerlint rules` lists them"
        ));
    };
    Ok(rule_page(rule.meta(), rule.details()))
}

/// `sellerlint profiles`.
pub fn profiles_list() -> String {
    let mut out = String::new();
    for p in Profile::all() {
        let alias = if p.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also: {})", p.aliases.join(", "))
        };
        let _ = writeln!(out, "{}{alias}\n    {}\n", p.name, p.description);
    }
    out
}

/// The documentation page of one rule, in Markdown: what `sellerlint explain` prints and what
/// `docs/rules/<category>/<name>.md` holds.
pub fn rule_page(m: &RuleMeta, details: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", m.id);
    let _ = writeln!(
        out,
        "Reports a message that {}.\n",
        m.summary.trim_end_matches('.')
    );
    let _ = writeln!(out, "- Category: `{}`", m.category());
    let _ = writeln!(out, "- Default severity: {}", m.severity);
    let levels: Vec<String> = Profile::all()
        .iter()
        .map(|p| {
            let level = p.severity(&m.id, m.severity).map_or("off", |s| s.as_str());
            format!("`{}` {level}", p.name)
        })
        .collect();
    let _ = writeln!(out, "- By profile: {}", levels.join(", "));
    let fix = match m.fixable {
        Applicability::Safe => {
            "yes (safe: the edit cannot change the meaning); `sellerlint check --fix` applies it"
        }
        Applicability::Unsafe => {
            "yes (unsafe: review the edit); `sellerlint check --fix --unsafe-fixes` applies it"
        }
        Applicability::Manual => "no, the fix needs a person",
    };
    let _ = writeln!(out, "- Automatic fix: {fix}");
    if !m.languages.is_empty() {
        let _ = writeln!(out, "- Phrases in: {}", m.languages.join(", "));
    }
    let _ = writeln!(out, "\n## What it checks\n");
    match details {
        Some(text) => {
            let _ = writeln!(out, "{}\n", text.trim());
        }
        None if !m.languages.is_empty() => {
            let _ = writeln!(
                out,
                "A message that {}, recognised by phrases in {} (see the rule file for the \
                 phrases and their exceptions).\n",
                m.summary.trim_end_matches('.'),
                m.languages.join(", ")
            );
        }
        None => {
            let _ = writeln!(out, "A message that {}.\n", m.summary.trim_end_matches('.'));
        }
    }
    let _ = writeln!(out, "## Why it matters\n\n{}\n", m.why.trim());
    let _ = writeln!(out, "Source: <{}>\n", m.source);
    let _ = writeln!(
        out,
        "## Example\n\nReported:\n\n```text\n{}\n```\n",
        m.example_bad.trim_end()
    );
    let _ = writeln!(
        out,
        "Instead:\n\n```text\n{}\n```\n",
        m.example_good.trim_end()
    );
    let _ = writeln!(out, "## How to fix it\n\n{}", m.fix.trim());
    out
}

/// Every page of the documentation folder, as (path relative to it, content): one page per
/// rule and a `README.md` index by category.
pub fn doc_pages(registry: &Registry) -> Vec<(String, String)> {
    let mut metas: Vec<&RuleMeta> = registry.rules.iter().map(|r| r.meta()).collect();
    metas.sort_by(|a, b| a.id.cmp(&b.id));
    let mut pages: Vec<(String, String)> = registry
        .rules
        .iter()
        .map(|r| (doc_path(r.meta()), rule_page(r.meta(), r.details())))
        .collect();
    pages.sort();
    let mut index = String::from(
        "# sellerlint rules\n\nGenerated by `sellerlint docs --out docs/rules` from the rules' own \
         metadata; do not edit by hand.\n",
    );
    let mut category = "";
    for m in &metas {
        if m.category() != category {
            category = m.category();
            let _ = writeln!(index, "\n## {category}\n");
            let _ = writeln!(index, "| Rule | Severity | Checks |\n|---|---|---|");
        }
        let _ = writeln!(
            index,
            "| [`{}`]({}) | {} | {} |",
            m.id,
            doc_path(m),
            m.severity,
            m.summary.replace('|', "\\|")
        );
    }
    pages.push(("README.md".to_string(), index));
    pages
}

/// Writes the documentation pages under `dir`, or with `check` only compares them; returns the
/// pages that were (or would be) changed, added or are left over.
pub fn write_docs(
    registry: &Registry,
    dir: &std::path::Path,
    check: bool,
) -> std::io::Result<Vec<String>> {
    let pages = doc_pages(registry);
    let mut changed = Vec::new();
    for (rel, content) in &pages {
        let path = dir.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(content.as_str()) {
            continue;
        }
        changed.push(rel.clone());
        if !check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, content)?;
        }
    }
    // Pages of rules that no longer exist.
    let wanted: std::collections::HashSet<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
    if let Ok(categories) = std::fs::read_dir(dir) {
        for cat in categories.flatten().filter(|e| e.path().is_dir()) {
            for page in std::fs::read_dir(cat.path())?.flatten() {
                let rel = format!(
                    "{}/{}",
                    cat.file_name().to_string_lossy(),
                    page.file_name().to_string_lossy()
                );
                if rel.ends_with(".md") && !wanted.contains(rel.as_str()) {
                    changed.push(rel);
                    if !check {
                        std::fs::remove_file(page.path())?;
                    }
                }
            }
        }
    }
    Ok(changed)
}
