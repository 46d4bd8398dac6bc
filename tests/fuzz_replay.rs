//! Replays the fuzzing seed corpus and every saved crash through the same checks as the
//! cargo-fuzz targets (`fuzz/checks.rs`), so that stable `cargo test` (and CI, without a
//! nightly toolchain) keeps every input the fuzzers ever tripped on fixed.
//!
//! Inputs: `fuzz/seeds/*`, `../shared/corpus/cases/*.yaml` (when present), `examples/**`
//! (when present) for every target, and `fuzz/regressions/<target>/*` for that target. A saved
//! crash is named after what it found.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn files_in(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_in(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> Vec<PathBuf> {
    let mut out = Vec::new();
    files_in(&root().join("fuzz/seeds"), &mut out);
    files_in(&root().join("../shared/corpus/cases"), &mut out);
    files_in(&root().join("examples"), &mut out);
    out
}

fn regressions(target: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    files_in(&root().join("fuzz/regressions").join(target), &mut out);
    out.retain(|p| p.file_name().is_some_and(|n| n != ".gitkeep"));
    out
}

/// Runs `check` on every input; reports every failing input, not just the first.
fn replay(target: &str, inputs: &[PathBuf], check: fn(&[u8])) {
    let mut failures = Vec::new();
    for path in inputs {
        let Ok(bytes) = std::fs::read(path) else {
            failures.push(format!("{}: cannot be read", path.display()));
            continue;
        };
        if let Err(panic) = std::panic::catch_unwind(|| check(&bytes)) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {why}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{target}: {} of {} inputs fail:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

#[test]
fn the_seed_corpus_exists() {
    // The fuzz seeds are committed; without them the replays below would test nothing.
    assert!(seeds().len() >= 4, "seeds: {:?}", seeds());
}

#[test]
fn parse_seeds_and_regressions() {
    replay("parse", &seeds(), checks::check_parse);
    replay("parse", &regressions("parse"), checks::check_parse);
}

#[test]
fn lint_seeds_and_regressions() {
    replay("lint", &seeds(), checks::check_lint);
    replay("lint", &regressions("lint"), checks::check_lint);
}

#[test]
fn scalar_seeds_and_regressions() {
    if !checks::scalar_map_is_real() {
        println!(
            "note: src/scalar.rs is still the temporary stand-in (it maps no range); only the \
             bounds and no-panic checks of the scalar target apply until the real one lands"
        );
    }
    replay("scalar", &seeds(), checks::check_scalar);
    replay("scalar", &regressions("scalar"), checks::check_scalar);
}

#[test]
fn fix_seeds_and_regressions() {
    replay("fix", &seeds(), checks::check_fix);
    replay("fix", &regressions("fix"), checks::check_fix);
}
