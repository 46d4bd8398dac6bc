//! Rule documentation for people: `sellerlint rules`, `sellerlint explain RULE` and
//! `sellerlint profiles`, all generated from the rules' own metadata.

use crate::profile::Profile;
use crate::rules::registry::Registry;
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
    let width = registry.ids().map(str::len).max().unwrap_or(10);
    for r in &registry.rules {
        let m = r.meta();
        let _ = writeln!(
            out,
            "{:<width$}  {:<7}  {}",
            m.id,
            m.severity.as_str(),
            m.summary
        );
    }
    out
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
    let m = rule.meta();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", m.id);
    let _ = writeln!(out, "{}\n", m.summary);
    let _ = writeln!(out, "Default severity: {}", m.severity);
    for p in Profile::all() {
        let _ = writeln!(
            out,
            "  {}: {}",
            p.name,
            p.severity(&m.id, m.severity).map_or("off", |s| s.as_str())
        );
    }
    let _ = writeln!(
        out,
        "\n## Why it matters\n\n{}\n\nSource: {}\n",
        m.why, m.source
    );
    let _ = writeln!(
        out,
        "## Example\n\n    {}\n\nInstead:\n\n    {}\n",
        m.example_bad, m.example_good
    );
    let _ = writeln!(out, "## Fix\n\n{}", m.fix);
    match m.fixable {
        crate::diagnostic::Applicability::Safe => {
            let _ = writeln!(
                out,
                "\n[*] `sellerlint check --fix` makes this fix for you."
            );
        }
        crate::diagnostic::Applicability::Unsafe => {
            let _ = writeln!(out, "\n`sellerlint check --fix --unsafe-fixes` makes this fix for you (it changes what the message says: read the result).");
        }
        crate::diagnostic::Applicability::Manual => {}
    }
    Ok(out)
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
