//! Criterion benchmarks of the per-file hot paths, on the files of `examples/` (real-looking
//! sequences in several languages, plain and HTML): parse (YAML → model), text views (HTML
//! stripping, placeholders), rules (every built-in rule on every sequence), render (JSON and
//! human), and start-up (loading the embedded phrase rules).
//!
//! `cargo bench --bench hot_paths` (add `-- parse` to run one group). Whole-run throughput
//! against ripgrep is measured by `benches/compare.sh`.

mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use sellerlint::lint::{check_sequence, lint_source, lint_sources, Settings};
use sellerlint::model::BodyFormat;
use sellerlint::output::{render, Format};
use sellerlint::parse::parse_file;
use sellerlint::profile::Profile;
use sellerlint::rules::phrase::PhraseRule;
use sellerlint::rules::registry::Registry;
use sellerlint::rules::Rule;
use sellerlint::run::RunReport;
use sellerlint::source::SourceFile;
use sellerlint::text::TextView;
use std::path::Path;
use support::read_sources;

/// Every `examples/*.yaml`, read once.
fn example_files() -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "yaml"));
    paths.sort();
    read_sources(&paths)
}

/// The phrase rules of `benches/fixtures/rules`, loaded (and so verified) like a rule pack.
fn fixture_registry() -> Registry {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fixtures/rules");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let mut rules: Vec<Box<dyn Rule>> = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        match PhraseRule::load(&path.display().to_string(), &text) {
            Ok(rule) => rules.push(Box::new(rule)),
            Err(e) => panic!("fixture rule does not load: {e}"),
        }
    }
    Registry::new(rules)
}

/// Parses every fixture rule and compiles its English and `any` matchers: the first-use cost
/// an English file pays.
fn first_use(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    let sources = fixture_sources();
    g.bench_function("fixture_rules_compile_en", |b| {
        b.iter(|| {
            let view = TextView::plain("Thank you for your order.");
            let langs = ["en".to_string(), "any".to_string()];
            for (origin, text) in &sources {
                if let Ok(rule) = PhraseRule::load_trusted(origin, text) {
                    black_box(rule.find_in_text(&view, &langs));
                }
            }
        })
    });
    g.finish();
}

fn fixture_sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fixtures/rules");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

fn settings() -> Settings {
    match Profile::named("amazon") {
        Ok(p) => Settings::new(p),
        Err(e) => panic!("the default profile does not load: {e}"),
    }
}

fn bytes(files: &[SourceFile]) -> u64 {
    files.iter().map(|f| f.text.len() as u64).sum()
}

fn parse(c: &mut Criterion) {
    let files = example_files();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes(&files)));
    g.bench_function("examples", |b| {
        b.iter(|| {
            for f in &files {
                let _ = black_box(parse_file(black_box(f)));
            }
        })
    });
    g.bench_function("line_index", |b| {
        b.iter(|| {
            for f in &files {
                black_box(SourceFile::new(f.name.clone(), f.text.clone()));
            }
        })
    });
    g.finish();
}

fn views(c: &mut Criterion) {
    let files = example_files();
    let sequences: Vec<_> = files
        .iter()
        .filter_map(|f| parse_file(f).ok())
        .flatten()
        .collect();
    let mut g = c.benchmark_group("views");
    g.throughput(Throughput::Bytes(bytes(&files)));
    g.bench_function("examples", |b| {
        b.iter(|| {
            for s in &sequences {
                for m in &s.messages {
                    black_box(TextView::new(&m.body, m.format.as_ref().map(|f| f.value)));
                    if let Some(subject) = &m.subject {
                        black_box(TextView::new(subject, Some(BodyFormat::Text)));
                    }
                }
            }
        })
    });
    g.finish();
}

fn rules(c: &mut Criterion) {
    let files = example_files();
    let registry = Registry::builtin();
    let settings = settings();
    let parsed: Vec<_> = files
        .iter()
        .filter_map(|f| Some((f, parse_file(f).ok()?)))
        .collect();
    let mut g = c.benchmark_group("rules");
    g.throughput(Throughput::Bytes(bytes(&files)));
    // Views are built inside check_sequence: this is views + every rule.
    g.bench_function("check_sequence", |b| {
        b.iter(|| {
            for (f, seqs) in &parsed {
                for s in seqs {
                    black_box(check_sequence(f, s, registry, &settings));
                }
            }
        })
    });
    // The stand-in rule set of benches/fixtures/rules (about 20 rules in 6 languages, in the
    // shape of the real ones): the phrase matcher at a realistic size, first use excluded.
    let fixture = fixture_registry();
    for (f, seqs) in &parsed {
        for s in seqs {
            black_box(check_sequence(f, s, &fixture, &settings));
        }
    }
    g.bench_function("check_sequence_fixture_rules", |b| {
        b.iter(|| {
            for (f, seqs) in &parsed {
                for s in seqs {
                    black_box(check_sequence(f, s, &fixture, &settings));
                }
            }
        })
    });
    g.bench_function("lint_source", |b| {
        b.iter(|| {
            for f in &files {
                black_box(lint_source(f.clone(), registry, &settings));
            }
        })
    });
    // The same files linted together, as a run over many files lints them.
    g.bench_function("lint_sources", |b| {
        b.iter(|| black_box(lint_sources(files.clone(), registry, &settings, false)))
    });
    g.finish();
}

fn output(c: &mut Criterion) {
    let registry = Registry::builtin();
    let settings = settings();
    let report = RunReport {
        files: example_files()
            .into_iter()
            .map(|f| lint_source(f, registry, &settings))
            .collect(),
        ..RunReport::default()
    };
    let mut g = c.benchmark_group("render");
    g.bench_function("json", |b| {
        b.iter(|| black_box(render(Format::Json, &report, false)))
    });
    g.bench_function("human", |b| {
        b.iter(|| black_box(render(Format::Human, &report, true)))
    });
    g.finish();
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    // What `Registry::builtin()` does once per process, plus the compile-and-verify of each
    // rule that `cargo test` performs.
    g.bench_function("load_and_verify_builtin_rules", |b| {
        b.iter(|| black_box(Registry::builtin_phrase_files()))
    });
    g.bench_function("parse_rule_files", |b| {
        b.iter(|| {
            for (origin, text) in sellerlint::rules::registry::builtin_rule_sources() {
                black_box(PhraseRule::load_trusted(origin, text).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, parse, views, rules, output, startup, first_use);
criterion_main!(benches);
