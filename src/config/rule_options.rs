//! The configuration's `rule-options`: which options of which rules are switched on (all are
//! off by default). Owns their check against the rules (an unknown rule or option is an error
//! at its `file:line:col`, with a did-you-mean and the rule's options), how `per-file` entries
//! change them for some files, and their lines in `sellerlint config FILE`.

use super::options::{error_with_help, ConfigError, ConfigFile, RuleOptionsEntry};
use crate::parse::did_you_mean;
use crate::rules::registry::Registry;
use crate::rules::RuleOptions;
use crate::source::SourceFile;
use std::fmt::Write;

/// Checks one `RULE: [option, ...]` entry against the rules; every problem is returned.
pub fn check_rule_options(
    registry: &Registry,
    source: &SourceFile,
    entry: &RuleOptionsEntry,
) -> Vec<ConfigError> {
    let Some(rule) = registry.get(&entry.rule) else {
        // Rules with options first: they are what a `rule-options` key means to name.
        let with_options: Vec<&str> = registry
            .rules
            .iter()
            .filter(|r| !r.options().is_empty())
            .map(|r| r.meta().id.as_ref())
            .collect();
        let help = did_you_mean(&entry.rule, with_options.iter().copied())
            .or_else(|| did_you_mean(&entry.rule, registry.ids()))
            .map(|d| format!("did you mean `{d}`?"))
            .or_else(|| {
                Some(if with_options.is_empty() {
                    "no rule has options".to_string()
                } else {
                    format!("rules with options: `{}`", with_options.join("`, `"))
                })
            });
        let message = if entry.rule.ends_with('/') || entry.rule == "all" {
            format!(
                "`rule-options` takes a rule id, not a prefix: `{}`",
                entry.rule
            )
        } else {
            format!("unknown rule `{}` in `rule-options`", entry.rule)
        };
        return vec![error_with_help(source, entry.offset, message, help)];
    };
    let known = rule.options();
    let mut errors = Vec::new();
    for option in &entry.options {
        if known.iter().any(|o| o.name == option.value) {
            continue;
        }
        let message = format!("unknown option `{}` for `{}`", option.value, entry.rule);
        let help = if known.is_empty() {
            format!("`{}` has no options", entry.rule)
        } else {
            let names: Vec<&str> = known.iter().map(|o| o.name.as_str()).collect();
            let listing = format!("the options of `{}`: `{}`", entry.rule, names.join("`, `"));
            match did_you_mean(&option.value, names.iter().copied()) {
                Some(d) => format!("did you mean `{d}`? ({listing})"),
                None => listing,
            }
        };
        errors.push(error_with_help(source, option.offset, message, Some(help)));
    }
    errors
}

/// The options switched on for a file: the config's `rule-options`, then those of the
/// matching `per-file` entries in order (an entry replaces what came before for its rule, so
/// `content/phone-number: []` switches the rule's options off again for those files).
pub fn resolve_rule_options(file: &ConfigFile, per_file_matches: &[usize]) -> RuleOptions {
    let mut out = RuleOptions::new();
    let entries = file.base.rule_options.iter().chain(
        per_file_matches
            .iter()
            .filter_map(|&i| file.per_file.get(i))
            .flat_map(|p| p.overrides.rule_options.iter()),
    );
    for entry in entries {
        out.insert(
            entry.rule.clone(),
            entry.options.iter().map(|o| o.value.clone()).collect(),
        );
    }
    out.retain(|_, names| !names.is_empty());
    out
}

/// The `rule options:` lines of `sellerlint config FILE`.
pub fn describe(options: &RuleOptions, out: &mut String) {
    if options.is_empty() {
        let _ = writeln!(out, "rule options: none");
        return;
    }
    let _ = writeln!(out, "rule options:");
    for (rule, names) in options {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let _ = writeln!(out, "  {rule}: {}", names.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::options::parse_config;

    fn config(text: &str) -> ConfigFile {
        match parse_config(SourceFile::new("c.yaml", text.to_string())) {
            Ok(c) => c,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn errors(text: &str) -> Vec<ConfigError> {
        let c = config(text);
        let Some(source) = c.source.clone() else {
            panic!("no source");
        };
        c.base
            .rule_options
            .iter()
            .flat_map(|e| check_rule_options(Registry::builtin(), &source, e))
            .collect()
    }

    #[test]
    fn a_known_option_is_accepted_and_resolved() {
        let text = "rule-options:\n  content/phone-number: [allow-service-numbers]\n";
        assert!(errors(text).is_empty());
        let on = resolve_rule_options(&config(text), &[]);
        assert!(on["content/phone-number"].contains("allow-service-numbers"));
    }

    #[test]
    fn an_unknown_rule_points_at_its_key_with_a_suggestion() {
        let errs = errors("rule-options:\n  content/phone-numbr:\n    - allow-service-numbers\n");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].column), (Some(2), Some(3)));
        assert_eq!(
            errs[0].help.as_deref(),
            Some("did you mean `content/phone-number`?")
        );
    }

    #[test]
    fn an_unknown_option_lists_the_rules_options() {
        let errs = errors("rule-options:\n  content/phone-number: [allow-service-number, x]\n");
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].column), (Some(2), Some(26)));
        let help = errs[0].help.as_deref().unwrap_or("");
        assert!(
            help.starts_with("did you mean `allow-service-numbers`?"),
            "{help}"
        );
        let help = errs[1].help.as_deref().unwrap_or("");
        assert!(
            help.contains("the options of `content/phone-number`: `allow-service-numbers`"),
            "{help}"
        );
    }

    #[test]
    fn a_rule_without_options_says_so() {
        let errs = errors("rule-options:\n  review/gating: [anything]\n");
        assert_eq!(
            errs[0].help.as_deref(),
            Some("`review/gating` has no options")
        );
    }

    #[test]
    fn per_file_entries_replace_the_options_of_their_rule() {
        let c = config(
            "rule-options: {content/phone-number: [allow-service-numbers]}\nper-file:\n  'strict/**':\n    rule-options: {content/phone-number: []}\n",
        );
        assert_eq!(resolve_rule_options(&c, &[]).len(), 1);
        assert!(resolve_rule_options(&c, &[0]).is_empty());
    }
}
