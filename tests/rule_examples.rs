//! Every built-in phrase rule loads (loading runs all of its examples: each `fire` example
//! must fire and each `pass` example must not), and every rule documents itself with
//! examples that fire and examples that pass in every language it claims to speak.

use sellerlint::rules::registry::Registry;
use sellerlint::rules::Rule;

#[test]
fn every_builtin_phrase_rule_loads_and_its_examples_hold() {
    let files = Registry::builtin_phrase_files();
    assert!(!files.is_empty(), "no built-in phrase rules found");
    let errors: Vec<String> = files
        .iter()
        .filter_map(|(_, loaded)| loaded.as_ref().err().map(|e| e.to_string()))
        .collect();
    assert!(
        errors.is_empty(),
        "rules that do not load:\n{}",
        errors.join("\n")
    );
}

#[test]
fn every_rule_has_fire_and_pass_examples_in_each_of_its_languages() {
    let mut problems = Vec::new();
    for (origin, loaded) in Registry::builtin_phrase_files() {
        let Ok(rule) = loaded else { continue };
        let examples = rule.examples();
        let meta = rule.meta();
        // A rule whose patterns are all language-independent (`any`) speaks no language:
        // it needs `any` examples instead.
        let mut languages = meta.languages.clone();
        if languages.is_empty() {
            languages.push("any".to_string());
        }
        for lang in &languages {
            for (kind, map) in [("fire", &examples.fire), ("pass", &examples.pass)] {
                let n = map.get(lang).map_or(0, Vec::len);
                if n == 0 {
                    problems.push(format!("{origin}: no `{kind}` examples for `{lang}`"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The core message-type rules carry at least three examples each way per language, with hard
/// negatives among the passes: they decide whether a message is delivered at all.
#[test]
fn core_rules_have_at_least_three_examples_each_way_per_language() {
    let core = [
        "unsolicited/feedback-request",
        "unsolicited/order-confirmation",
        "unsolicited/proactive-customer-service",
        "unsolicited/out-of-stock-offer",
    ];
    let mut problems = Vec::new();
    let mut seen = 0;
    for (origin, loaded) in Registry::builtin_phrase_files() {
        let Ok(rule) = loaded else { continue };
        if !core.contains(&rule.meta().id.as_ref()) {
            continue;
        }
        seen += 1;
        for lang in ["en", "de", "fr", "es", "it", "ja"] {
            for (kind, map) in [
                ("fire", &rule.examples().fire),
                ("pass", &rule.examples().pass),
            ] {
                let n = map.get(lang).map_or(0, Vec::len);
                if n < 3 {
                    problems.push(format!("{origin}: {n} `{kind}` examples for `{lang}`"));
                }
            }
        }
    }
    assert_eq!(seen, core.len(), "a core rule is missing");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_ids_are_unique_and_documented() {
    let mut ids = Vec::new();
    for (origin, loaded) in Registry::builtin_phrase_files() {
        let Ok(rule) = loaded else { continue };
        let meta = rule.meta();
        assert!(
            !ids.contains(&meta.id),
            "{origin}: duplicate id {}",
            meta.id
        );
        ids.push(meta.id.clone());
        for (what, text) in [
            ("summary", &meta.summary),
            ("why", &meta.why),
            ("source", &meta.source),
            ("fix", &meta.fix),
        ] {
            assert!(!text.trim().is_empty(), "{origin}: empty {what}");
        }
        assert!(
            meta.summary.chars().next().is_some_and(char::is_lowercase)
                && !meta.summary.ends_with('.'),
            "{origin}: summary must be lowercase without a trailing period"
        );
        assert!(
            meta.source.starts_with("https://"),
            "{origin}: source must be a URL"
        );
    }
}

/// The documented bad example fires and the documented good example (when it is a message, not
/// an instruction in parentheses) does not: `sellerlint explain` must not contradict the rule.
#[test]
fn documented_examples_agree_with_the_rule() {
    use sellerlint::text::TextView;
    let mut problems = Vec::new();
    for (origin, loaded) in Registry::builtin_phrase_files() {
        let Ok(rule) = loaded else { continue };
        let meta = rule.meta();
        let mut langs = meta.languages.clone();
        langs.push("any".to_string());
        let fires = |t: &str| !rule.find_in_text(&TextView::plain(t), &langs).is_empty();
        if !fires(&meta.example_bad) {
            problems.push(format!(
                "{origin}: example_bad does not fire: {:?}",
                meta.example_bad
            ));
        }
        let good = meta.example_good.trim();
        if !good.starts_with('(') && fires(good) {
            problems.push(format!("{origin}: example_good fires: {good:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
