//! How much the run lints, known before it starts: a small run (a pre-commit hook's) is
//! mostly building matchers, so the matchers that can be built more cheaply for few texts are
//! (see [`plan_for_files`]).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Runs of at most this many files are small (see [`plan_for_files`]).
pub const SMALL_RUN_UP_TO_FILES: usize = 16;
/// ... and of at most this many bytes in all: a pattern's first tier pays for itself only
/// until it has searched this much (see [`crate::rules::lazy_regex::FULL_AFTER`]). On the
/// benchmark's files (5.7 KiB each) five files were quicker with the first tier (0.42G
/// instructions against 0.68G), sixteen without it (0.83G against 0.96G). A single 50 MiB
/// file is a big run.
pub const SMALL_RUN_UP_TO_BYTES: u64 = 64 << 10;

/// Whether the run is small (see [`plan_for_files`]).
static SMALL_RUN: AtomicBool = AtomicBool::new(true);

/// Tells the matchers how much the run lints. A small run (a pre-commit hook's) is mostly
/// compiling, so it compiles less:
/// - a rule pattern starts with a first tier, a PikeVM alone, and its first tier for ASCII
///   texts is `regex-lite` (see [`crate::rules::lazy_regex::compile`]): a quarter of the
///   instructions of the narrowed automata in a run over one example; a bigger run builds
///   each opened pattern's full regex at once;
/// - the gates look their literals up one by one, where a bigger run finds all the built-in
///   ones in one pass over a text (see [`crate::rules::literal_gate`]);
/// - [`GatedAlternatives`](crate::rules::lazy_regex::GatedAlternatives) compile only the
///   alternatives a text has the words of.
///
/// A big run builds most patterns' full regexes anyway, and every compiled regex adds
/// automata and caches to its memory: a first tier in one more spelling cost 3 MiB on the
/// 5,000-file benchmark. So its ASCII texts share the seller-mail spelling, which is as exact
/// on them, and alternatives are searched as one regex.
///
/// `count` is the number of inputs, `files` the paths of those that are files (whose sizes
/// are read only when there are few: stdin, unsized, counts as small).
pub fn plan_for_files<'p>(count: usize, files: impl Iterator<Item = &'p Path>) {
    let small = count <= SMALL_RUN_UP_TO_FILES
        && files
            .map(|path| std::fs::metadata(path).map_or(0, |m| m.len()))
            .sum::<u64>()
            <= SMALL_RUN_UP_TO_BYTES;
    SMALL_RUN.store(small, Ordering::Relaxed);
}

pub fn is_small_run() -> bool {
    SMALL_RUN.load(Ordering::Relaxed)
}
