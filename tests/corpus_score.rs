//! Detection quality on the labelled corpus (`../shared/corpus`): runs the built binary on
//! every case file, matches each diagnostic to (file name, message id, rule) and compares with
//! `expected.yaml`, the same way `../shared/corpus/score.py` does. Asserts the quality floor
//! of the phrase rules: the four `unsolicited/*` message types together (the "core"), each
//! phrase rule alone, and no false positive on a critical message.
//!
//! Scored rules that are structural (links, timing, sequences, thank-you-only) are only
//! counted when a rule with that id exists in this build, so the test measures what is here.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// score.py's SCORED list.
const SCORED: &[&str] = &[
    "unsolicited/feedback-request",
    "unsolicited/order-confirmation",
    "unsolicited/proactive-customer-service",
    "unsolicited/out-of-stock-offer",
    "type/thank-you-only",
    "type/marketing",
    "review/positive-only",
    "review/gating",
    "review/incentive",
    "review/change-or-remove",
    "content/external-link",
    "content/email-address",
    "content/phone-number",
    "content/opt-out-link",
    "sequence/repeat-review-request",
    "timing/review-window",
    "timing/proactive-30-days",
];
const CORE: &[&str] = &[
    "unsolicited/feedback-request",
    "unsolicited/order-confirmation",
    "unsolicited/proactive-customer-service",
    "unsolicited/out-of-stock-offer",
];
/// The scored rules written as phrase rules (`rules/*.yaml`).
const PHRASE_RULES: &[&str] = &[
    "unsolicited/feedback-request",
    "unsolicited/order-confirmation",
    "unsolicited/proactive-customer-service",
    "unsolicited/out-of-stock-offer",
    "type/marketing",
    "review/positive-only",
    "review/gating",
    "review/incentive",
    "review/change-or-remove",
    "content/email-address",
    "content/phone-number",
    "content/opt-out-link",
];

type Key = (String, String);

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// A small reader for expected.yaml's fixed shape (`files:` → file → message →
/// `{rules: [...], critical: true}`), so the test needs no YAML dependency of its own.
fn load_expected(text: &str) -> (BTreeMap<Key, BTreeSet<String>>, BTreeSet<Key>) {
    let mut expected = BTreeMap::new();
    let mut critical = BTreeSet::new();
    let mut file = String::new();
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed.trim_start().starts_with('#') || trimmed.trim().is_empty() {
            continue;
        }
        let indent = trimmed.len() - trimmed.trim_start().len();
        let body = trimmed.trim_start();
        if indent == 2 && body.ends_with(':') {
            file = body.trim_end_matches(':').trim_matches('"').to_string();
        } else if indent == 4 {
            let Some((id, spec)) = body.split_once(':') else {
                continue;
            };
            let id = id.trim().trim_matches('"').to_string();
            let rules = spec
                .split_once("rules:")
                .and_then(|(_, rest)| rest.split_once('[').map(|(_, r)| r))
                .and_then(|r| r.split_once(']').map(|(list, _)| list))
                .unwrap_or("");
            let set: BTreeSet<String> = rules
                .split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect();
            if spec.contains("critical: true") {
                critical.insert((file.clone(), id.clone()));
            }
            expected.insert((file.clone(), id), set);
        }
    }
    (expected, critical)
}

fn run_check(dir: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sellerlint"))
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("run sellerlint");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not a JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn predicted(report: &Value) -> BTreeMap<Key, BTreeSet<String>> {
    let mut map: BTreeMap<Key, BTreeSet<String>> = BTreeMap::new();
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        let file = d["file"].as_str().unwrap_or("");
        let base = Path::new(file)
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        let id = d["message_id"].as_str().unwrap_or("").to_string();
        let rule = d["rule"].as_str().unwrap_or("").to_string();
        map.entry((base, id)).or_default().insert(rule);
    }
    map
}

struct Score {
    counts: BTreeMap<String, Counts>,
    misses: Vec<String>,
    critical_flagged: Vec<Key>,
    critical_total: usize,
}

fn score(corpus: &Path, rules: &[&str]) -> Score {
    let text = std::fs::read_to_string(corpus.join("expected.yaml")).expect("expected.yaml");
    let (expected, critical) = load_expected(&text);
    assert!(
        expected.len() > 50,
        "expected.yaml parsed to {} messages",
        expected.len()
    );
    let got = predicted(&run_check(&corpus.join("cases")));
    let empty = BTreeSet::new();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    for (key, want) in &expected {
        let have = got.get(key).unwrap_or(&empty);
        for rule in rules {
            let c = counts.entry(rule.to_string()).or_default();
            match (have.contains(*rule), want.contains(*rule)) {
                (true, true) => c.tp += 1,
                (true, false) => {
                    c.fp += 1;
                    misses.push(format!("FP {rule} {}:{}", key.0, key.1));
                }
                (false, true) => {
                    c.fn_ += 1;
                    misses.push(format!("FN {rule} {}:{}", key.0, key.1));
                }
                (false, false) => {}
            }
        }
    }
    let critical_flagged = critical
        .iter()
        .filter(|k| {
            let have = got.get(*k).unwrap_or(&empty);
            let want = expected.get(*k).unwrap_or(&empty);
            have.iter().any(|r| {
                SCORED.contains(&r.as_str()) && rules.contains(&r.as_str()) && !want.contains(r)
            })
        })
        .cloned()
        .collect();
    Score {
        counts,
        misses,
        critical_flagged,
        critical_total: critical.len(),
    }
}

fn total(score: &Score, rules: &[&str]) -> Counts {
    let mut t = Counts::default();
    for r in rules {
        if let Some(c) = score.counts.get(*r) {
            t.tp += c.tp;
            t.fp += c.fp;
            t.fn_ += c.fn_;
        }
    }
    t
}

fn corpus() -> Option<&'static Path> {
    let p = Path::new("../shared/corpus");
    p.join("expected.yaml").exists().then_some(p)
}

#[test]
fn phrase_rules_meet_the_quality_floor_on_the_corpus() {
    let Some(corpus) = corpus() else {
        eprintln!("../shared/corpus not found: skipping the corpus score");
        return;
    };
    let s = score(corpus, PHRASE_RULES);
    let report: Vec<String> = s
        .counts
        .iter()
        .map(|(r, c)| {
            format!(
                "{r:42} tp {:3} fp {:3} fn {:3} precision {:.3} recall {:.3}",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall()
            )
        })
        .collect();
    let context = format!("{}\n{}", report.join("\n"), s.misses.join("\n"));
    let core = total(&s, CORE);
    assert!(
        core.precision() >= 0.98,
        "core precision {:.3}\n{context}",
        core.precision()
    );
    assert!(
        core.recall() >= 0.95,
        "core recall {:.3}\n{context}",
        core.recall()
    );
    for rule in PHRASE_RULES {
        let c = s.counts.get(*rule).copied().unwrap_or_default();
        assert!(c.tp > 0, "{rule} never fires on the corpus\n{context}");
        assert!(
            c.precision() >= 0.95,
            "{rule} precision {:.3}\n{context}",
            c.precision()
        );
        assert!(
            c.recall() >= 0.90,
            "{rule} recall {:.3}\n{context}",
            c.recall()
        );
    }
    assert!(
        s.critical_flagged.is_empty(),
        "{} of {} critical messages flagged: {:?}\n{context}",
        s.critical_flagged.len(),
        s.critical_total,
        s.critical_flagged
    );
}

/// Rules that exist in this build (phrase or structural) count towards the critical-message
/// check too: a critical message must not be flagged by any scored rule it is not labelled with.
#[test]
fn no_scored_rule_flags_a_critical_message_wrongly() {
    let Some(corpus) = corpus() else { return };
    let present: Vec<&str> = SCORED
        .iter()
        .copied()
        .filter(|id| {
            sellerlint::rules::registry::Registry::builtin()
                .get(id)
                .is_some()
        })
        .collect();
    let s = score(corpus, &present);
    assert!(
        s.critical_total > 40,
        "only {} critical messages found",
        s.critical_total
    );
    assert!(
        s.critical_flagged.is_empty(),
        "critical messages flagged: {:?}\n{}",
        s.critical_flagged,
        s.misses.join("\n")
    );
}

/// Held-out messages written for the phrase rules in all six languages
/// (`tests/fixtures/phrase`, labels in its `expected.yaml`): every label must be found and no
/// phrase rule may fire where it is not expected.
#[test]
fn held_out_fixtures_behave() {
    let dir = Path::new("tests/fixtures/phrase");
    let text = std::fs::read_to_string(dir.join("expected.yaml")).expect("expected.yaml");
    let (expected, critical) = load_expected(&text);
    assert!(expected.len() >= 30 && critical.len() >= 10);
    let got = predicted(&run_check(dir));
    let phrase_ids: Vec<String> = sellerlint::rules::registry::Registry::builtin_phrase_files()
        .into_iter()
        .filter_map(|(_, r)| {
            r.ok()
                .map(|r| sellerlint::rules::Rule::meta(&r).id.to_string())
        })
        .collect();
    let empty = BTreeSet::new();
    let mut problems = Vec::new();
    for (key, want) in &expected {
        let have: BTreeSet<&String> = got
            .get(key)
            .unwrap_or(&empty)
            .iter()
            .filter(|r| phrase_ids.contains(r))
            .collect();
        for r in want.iter().filter(|r| !have.contains(r)) {
            problems.push(format!("FN {r} {}:{}", key.0, key.1));
        }
        for r in have.iter().filter(|r| !want.contains(**r)) {
            problems.push(format!("FP {r} {}:{}", key.0, key.1));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
