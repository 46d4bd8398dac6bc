//! Where a big run's time goes, stage by stage, on one thread: the breakdown behind the
//! throughput numbers of `benches/compare.sh`.
//!
//! ```text
//! python3 ../shared/bench/gen_corpus.py /tmp/c5k --files 5000 --seed 7
//! cargo bench --bench stages -- /tmp/c5k [ROUNDS]
//! ```
//!
//! Without a directory (a plain `cargo bench`), it times `examples/`.
//!
//! Each stage runs over the files `sellerlint check DIR` lints, in its order, as a big run
//! does it (`--format json`: bodies dropped once linted, reports without their model):
//!
//! - **read**: the files' bytes and their line indexes;
//! - **parse**: YAML → model, alone;
//! - **parse + views**: the same, plus every message's text views (visible text, HTML tokens,
//!   placeholders), which every rule reads;
//! - **lint, first pass**: the whole pipeline (parse, views, every rule, the verdict's evidence
//!   and the verdicts), files linted in batches as a run lints them, compiling each pattern the
//!   first time a text opens its gate;
//! - **lint, warm**: the same again, with every pattern compiled;
//! - **render json**: the `--format json` report of all files, rendered whole;
//! - two parts of the rules' time, each over every message's views built beforehand:
//!   **language detection** (`meta/language`: the body's prose and whatlang's guess) and the
//!   **verdict's evidence** (does the message ask about a critical topic).
//!
//! "Rules and verdicts" is the warm lint less parse + views (the lint's parse leaves bodies out
//! of the model, so it is a little cheaper than the parse row). Times are medians over ROUNDS
//! (default 3) of each stage, except the first pass, which happens once per process; "share"
//! is of a warm run, lint plus render. Compare with ripgrep's phrase search of the same
//! directory on one thread: `rg -j1 -c -i -F -f ../shared/bench/phrases.txt DIR`.

mod support;

use sellerlint::language::{detect, prose};
use sellerlint::lint::{lint_sources, Settings};
use sellerlint::output::{render, Format};
use sellerlint::parse::parse_file;
use sellerlint::profile::Profile;
use sellerlint::rules::registry::Registry;
use sellerlint::rules::MessageView;
use sellerlint::run::{RunReport, BATCH_ITEMS};
use sellerlint::verdict::content_evidence_of;
use sellerlint::walk::{collect_inputs, Input};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::read_sources;

/// Each stage's time in every round.
#[derive(Default)]
struct StageTimes {
    read: Vec<Duration>,
    parse: Vec<Duration>,
    parse_and_views: Vec<Duration>,
    /// Warm: after the first pass.
    lint: Vec<Duration>,
    render: Vec<Duration>,
    language: Vec<Duration>,
    evidence: Vec<Duration>,
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn timed<T>(work: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = work();
    (start.elapsed(), out)
}

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // A plain `cargo bench` runs every bench without arguments: then the examples, which
    // shows the stages work, though a big run's shares need a big corpus.
    let dir = args.first().cloned().unwrap_or_else(|| {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples").to_string();
        eprintln!(
            "stages: no directory given, timing {examples}; for a big run: \
             cargo bench --bench stages -- DIR [ROUNDS]"
        );
        examples
    });
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    // The files `sellerlint check DIR` lints, in its order.
    let paths: Vec<PathBuf> = collect_inputs(&[PathBuf::from(&dir)])
        .into_iter()
        .filter_map(|input| match input {
            Input::File(path) => Some(path),
            Input::Error { .. } => None,
        })
        .collect();
    if paths.is_empty() {
        eprintln!("stages: no *.yaml files under {dir}");
        std::process::exit(2);
    }
    sellerlint::run_size::plan_for_files(paths.len(), paths.iter().map(PathBuf::as_path));
    let registry = Registry::builtin();
    let Ok(profile) = Profile::named("amazon") else {
        eprintln!("stages: the default profile does not load");
        std::process::exit(2);
    };
    let settings = Settings::new(profile);
    let files = read_sources(&paths);
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();

    // In batches, as a run lints them (the benchmark's files are far below the batch's bytes).
    let lint_all = || -> Vec<_> {
        files
            .chunks(BATCH_ITEMS)
            .flat_map(|batch| lint_sources(batch.to_vec(), registry, &settings, true))
            .map(|mut report| {
                report.shed_model();
                report
            })
            .collect()
    };
    let (first_pass, _) = timed(|| black_box(lint_all()));

    // The views the language and evidence stages read: built once, outside their timing.
    let sequences: Vec<_> = files.iter().filter_map(|f| parse_file(f).ok()).collect();
    let views: Vec<MessageView<'_>> = sequences
        .iter()
        .flatten()
        .flat_map(|s| s.messages.iter().map(MessageView::new))
        .collect();

    let mut times = StageTimes::default();
    for _ in 0..rounds {
        times.read.push(timed(|| black_box(read_sources(&paths))).0);
        times
            .parse
            .push(timed(|| files.iter().for_each(|f| drop(black_box(parse_file(f))))).0);
        let parse_and_views = || {
            for f in &files {
                for sequence in parse_file(f).into_iter().flatten() {
                    for m in &sequence.messages {
                        black_box(MessageView::new(m));
                    }
                }
            }
        };
        times.parse_and_views.push(timed(parse_and_views).0);
        let (lint_time, reports) = timed(lint_all);
        times.lint.push(lint_time);
        let report = RunReport {
            files: reports,
            profile: "amazon".to_string(),
            ..RunReport::default()
        };
        times
            .render
            .push(timed(|| black_box(render(Format::Json, &report, false).len())).0);
        drop(report);
        let detect_all = || {
            for v in &views {
                black_box(detect(&prose(&v.body)));
            }
        };
        times.language.push(timed(detect_all).0);
        let evidence_all = || {
            for v in &views {
                black_box(content_evidence_of(v.subject.as_ref(), &v.body));
            }
        };
        times.evidence.push(timed(evidence_all).0);
    }

    let read = median(times.read);
    let parse = median(times.parse);
    let parse_and_views = median(times.parse_and_views);
    let lint = median(times.lint);
    let render_json = median(times.render);
    let whole = lint + render_json;
    let rounds_said = match rounds {
        1 => "one round".to_string(),
        n => format!("medians of {n} rounds"),
    };
    println!(
        "{} files, {:.1} MiB, one thread, {rounds_said}",
        files.len(),
        bytes as f64 / (1 << 20) as f64
    );
    println!(
        "{:<32} {:>11} {:>9} {:>7}",
        "stage", "time", "MiB/s", "share"
    );
    let rows = [
        ("read", read),
        ("parse", parse),
        ("parse + views", parse_and_views),
        ("lint, first pass", first_pass),
        ("lint, warm", lint),
        ("  rules + verdicts", lint.saturating_sub(parse_and_views)),
        ("    of which language detection", median(times.language)),
        ("    of which verdict evidence", median(times.evidence)),
        ("render json", render_json),
    ];
    for (name, d) in rows {
        let mib_s = bytes as f64 / (1 << 20) as f64 / d.as_secs_f64().max(1e-9);
        // The share of a warm run: lint and render, on one thread.
        let share = 100.0 * d.as_secs_f64() / whole.as_secs_f64().max(1e-9);
        println!(
            "{name:<32} {:>8.1} ms {mib_s:>9.1} {share:>6.1}%",
            d.as_secs_f64() * 1e3
        );
    }
}
