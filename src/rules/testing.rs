//! What the unit tests of structural rules share: linting one message end to end.

use crate::lint::{lint_source, Settings};
use crate::profile::Profile;
use crate::rules::registry::Registry;
use crate::source::SourceFile;

/// The findings of `rule` on a one-message sequence whose body is `body` (indented into a
/// YAML block scalar), as (the source text it points at, its message).
pub fn findings(rule: &str, body: &str) -> Vec<(String, String)> {
    let mut yaml = String::from("sequence: s\nmessages:\n  - id: m\n    body: |\n");
    for line in body.lines() {
        yaml.push_str("      ");
        yaml.push_str(line);
        yaml.push('\n');
    }
    let source = SourceFile::new("t.yaml".to_string(), yaml.clone());
    let settings = Settings::new(Profile::named("amazon").expect("the built-in profile"));
    let report = lint_source(source, Registry::builtin(), &settings);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
        .diagnostics
        .iter()
        .filter(|d| &*d.rule == rule)
        .map(|d| (yaml[d.span.clone()].to_string(), d.message.to_string()))
        .collect()
}

/// Just the source texts [`findings`] points at.
pub fn pointed_at(rule: &str, body: &str) -> Vec<String> {
    findings(rule, body).into_iter().map(|(at, _)| at).collect()
}
