//! A whole run: the inputs of one command line linted into one [`RunReport`], with the
//! counts and the exit status every output format and CI relies on.

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{read_file, read_stdin};
use crate::lint::{lint_source, FileReport, Settings};
use crate::model::TextField;
use crate::parse::FileError;
use crate::rules::registry::Registry;
use crate::scalar::ScalarMap;
use crate::walk::{collect_inputs, Input};
use std::path::PathBuf;

/// Exit statuses (a contract with CI scripts).
pub const EXIT_OK: u8 = 0;
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Where to read sequences from.
#[derive(Debug, Clone)]
pub struct RunInputs {
    pub paths: Vec<PathBuf>,
    /// Read one sequence from stdin, reported under this name.
    pub stdin_name: Option<String>,
    pub max_file_size: u64,
}

#[derive(Debug, Default)]
pub struct RunReport {
    pub files: Vec<FileReport>,
    /// Inputs that could not even be read (missing paths, unreadable files).
    pub unreadable: Vec<FileError>,
    pub profile: String,
    /// Documentation of every rule the run knew (built-in and rule packs), for formats that
    /// describe rules (SARIF).
    pub rules: Vec<crate::rules::RuleMeta>,
    /// The status the run exits with, when the caller has decided it (SARIF `invocations`).
    pub exit_status: Option<u8>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files: usize,
    pub files_with_problems: usize,
    pub files_failed: usize,
    pub sequences: usize,
    pub messages: usize,
    /// Problems hidden by `# sellerlint: allow` comments and `allow:` keys.
    pub suppressed: usize,
}

impl RunReport {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.diagnostics.iter())
    }

    /// Every file-level error: unreadable inputs, then parse and validation errors.
    pub fn errors(&self) -> impl Iterator<Item = &FileError> {
        self.unreadable
            .iter()
            .chain(self.files.iter().flat_map(|f| f.errors.iter()))
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for _ in &self.unreadable {
            c.add_unreadable();
        }
        for f in &self.files {
            c.add_file(f);
        }
        c
    }

    /// 2 when any input could not be linted, else 1 when there is an error (or more warnings
    /// than allowed), else 0.
    pub fn exit_code(&self, max_warnings: Option<usize>) -> u8 {
        self.counts().exit_code(max_warnings)
    }
}

/// What a report written as the files arrive keeps of them: the run's counts, and its errors
/// in the order [`RunReport::errors`] lists them. The files' diagnostics are the report's to
/// write and drop. (The JSON report, SARIF and the line formats all stream with it.)
#[derive(Debug, Default)]
pub struct Tally {
    pub counts: Counts,
    /// Inputs that could not be read: listed first.
    unreadable: Vec<FileError>,
    /// Parse and validation errors of linted files, in file order.
    file_errors: Vec<FileError>,
}

impl Tally {
    /// Counts an input's outcome and keeps its errors; returns the linted file (without its
    /// errors) for the report to write.
    pub fn add(&mut self, outcome: Result<FileReport, FileError>) -> Option<FileReport> {
        match outcome {
            Ok(mut file) => {
                self.counts.add_file(&file);
                self.file_errors.append(&mut file.errors);
                Some(file)
            }
            Err(e) => {
                self.counts.add_unreadable();
                self.unreadable.push(e);
                None
            }
        }
    }

    /// Every error so far, as [`RunReport::errors`] lists them.
    pub fn errors(&self) -> impl Iterator<Item = &FileError> {
        self.unreadable.iter().chain(&self.file_errors)
    }

    /// The inputs that could not be read so far (the human report lists them first).
    pub fn unreadable(&self) -> &[FileError] {
        &self.unreadable
    }
}

impl Counts {
    /// Counts one linted file (a report streamed out file by file counts as it goes).
    pub fn add_file(&mut self, f: &FileReport) {
        self.files += 1;
        if !f.errors.is_empty() {
            self.files_failed += 1;
        }
        if !f.diagnostics.is_empty() {
            self.files_with_problems += 1;
        }
        self.suppressed += f.suppressed;
        self.sequences += f.sequence_count;
        self.messages += f.message_count;
        for d in &f.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Counts one input that could not be read.
    pub fn add_unreadable(&mut self) {
        self.files += 1;
        self.files_failed += 1;
    }

    /// 2 when any input could not be linted, else 1 when there is an error (or more warnings
    /// than allowed), else 0.
    pub fn exit_code(&self, max_warnings: Option<usize>) -> u8 {
        if self.files_failed > 0 {
            EXIT_ERROR
        } else if self.errors > 0 || max_warnings.is_some_and(|m| self.warnings > m) {
            EXIT_PROBLEMS
        } else {
            EXIT_OK
        }
    }
}

/// Lints every input (all cores, full models kept: see [`run_with`]).
pub fn run(inputs: &RunInputs, registry: &Registry, settings: &Settings) -> RunReport {
    run_with(inputs, registry, settings, &RunOptions::default())
}

/// How a run uses the machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Worker threads; 0 = one per core (`RAYON_NUM_THREADS` is honoured).
    pub threads: usize,
    /// Drop the text of every subject and body once the rules have run, keeping the rest of
    /// the model (ids, spans, counts). For outputs that only show diagnostics: the field text
    /// and its position maps are most of a model's memory, and nothing reads them afterwards.
    pub shed_text: bool,
    /// Drop the source text and the whole model once a file is linted, keeping its
    /// diagnostics, errors, verdicts and counts (see [`FileReport::shed_model`]). For outputs
    /// that quote nothing of the files (JSON, JSON Lines, SARIF, concise, GitHub): a run's
    /// memory then grows with its findings, not with the size of its files.
    pub shed_model: bool,
}

impl RunOptions {
    /// Lints one file and keeps what the run needs of it ([`RunOptions::finish`]). When the
    /// text is shed anyway, each message's text goes as soon as it is linted
    /// ([`crate::lint::lint_source_dropping_text`]), not once the whole file is.
    pub fn lint(
        &self,
        source: crate::source::SourceFile,
        registry: &Registry,
        settings: &Settings,
    ) -> FileReport {
        let file = if self.drops_text() {
            crate::lint::lint_source_dropping_text(source, registry, settings)
        } else {
            lint_source(source, registry, settings)
        };
        self.finish(file)
    }

    /// Lints files together ([`crate::lint::lint_sources`]), one report each, in order, and
    /// keeps what the run needs of them. Neighbours with the same rules and settings are linted
    /// as one batch; the reports are those of linting each file alone.
    pub fn lint_batch(
        &self,
        files: Vec<(crate::source::SourceFile, &Registry, &Settings)>,
    ) -> Vec<FileReport> {
        let drop_text = self.drops_text();
        let mut reports = Vec::with_capacity(files.len());
        let mut files = files.into_iter().peekable();
        while let Some((source, registry, settings)) = files.next() {
            let mut sources = vec![source];
            while let Some((source, ..)) =
                files.next_if(|(_, r, s)| std::ptr::eq(*r, registry) && std::ptr::eq(*s, settings))
            {
                sources.push(source);
            }
            reports.extend(
                crate::lint::lint_sources(sources, registry, settings, drop_text)
                    .into_iter()
                    .map(|file| self.finish(file)),
            );
        }
        reports
    }

    /// Whether message texts can go as soon as they are linted: nothing the run keeps of a
    /// file quotes them.
    fn drops_text(&self) -> bool {
        self.shed_model || self.shed_text
    }

    /// What the run keeps of a linted file.
    pub fn finish(&self, mut file: FileReport) -> FileReport {
        if self.shed_model {
            file.shed_model();
        } else if self.shed_text {
            shed_text(&mut file);
        }
        file
    }
}

/// Lints every input, files in parallel; the report lists them in input order whatever the
/// number of threads.
pub fn run_with(
    inputs: &RunInputs,
    registry: &Registry,
    settings: &Settings,
    options: &RunOptions,
) -> RunReport {
    let mut report = RunReport {
        profile: settings.profile.name.clone(),
        ..RunReport::default()
    };
    if let Some(name) = &inputs.stdin_name {
        match read_stdin(name, inputs.max_file_size) {
            Ok(source) => report.files.push(options.lint(source, registry, settings)),
            Err(e) => report.unreadable.push(e),
        }
    }
    let read_one = |input: Input| match input {
        Input::File(path) => match read_file(&path, inputs.max_file_size) {
            Ok(source) => {
                let size = source.text.len();
                Step::Batch((source, registry, settings), size)
            }
            Err(e) => Step::Done(Outcome::Unreadable(e)),
        },
        Input::Error { path, message } => Step::Done(Outcome::Unreadable(FileError::whole_file(
            &path.display().to_string(),
            message,
        ))),
    };
    let lint_batch = |files| {
        options
            .lint_batch(files)
            .into_iter()
            .map(Outcome::Linted)
            .collect()
    };
    let paths = collect_inputs(&inputs.paths);
    crate::run_size::plan_for_files(
        paths.len(),
        paths.iter().filter_map(|input| match input {
            Input::File(path) => Some(path.as_path()),
            Input::Error { .. } => None,
        }),
    );
    ordered_batches(paths, options.threads, read_one, lint_batch, |outcomes| {
        for outcome in outcomes {
            match outcome {
                Outcome::Linted(file) => report.files.push(file),
                Outcome::Unreadable(e) => report.unreadable.push(e),
            }
        }
    });
    report
}

/// What became of one input.
enum Outcome {
    Linted(FileReport),
    Unreadable(FileError),
}

/// `items.map(f)` on `threads` threads (0 = one per core), results in the order of `items`.
/// One item, or one thread, runs on the calling thread: a pre-commit hook linting one file
/// pays for no thread start-up.
pub fn ordered_map<T, R, F>(items: Vec<T>, threads: usize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync + Send,
{
    ordered_stream(items, threads, f, |results| results.collect())
}

/// How many items workers may run ahead of the oldest result not yet handed over: results
/// waiting behind a slow file then hold bounded memory, and enough are in flight that a slow
/// file does not idle the other threads.
const RUN_AHEAD: usize = 128;

/// `items.map(f)` on `threads` threads (0 = one per core), handed to `consume` as an
/// iterator in the order of `items`, each result as soon as it and every one before it are
/// ready. `consume` runs on the calling thread while the workers lint: a report can be
/// written while the run goes on, and a result is dropped as soon as it is written. When
/// `consume` returns before the end, the workers stop after the items they hold.
pub fn ordered_stream<T, R, F, X>(
    items: Vec<T>,
    threads: usize,
    f: F,
    consume: impl FnOnce(&mut dyn Iterator<Item = R>) -> X,
) -> X
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync + Send,
{
    ordered_batches(
        items,
        threads,
        |item| Step::<std::convert::Infallible, R>::Done(f(item)),
        |_| Vec::new(),
        consume,
    )
}

/// What becomes of one item of [`ordered_batches`]: its result right away, or a prepared item
/// (and its size in bytes) for the next batch.
pub enum Step<P, R> {
    Done(R),
    Batch(P, usize),
}

/// At most this many items go into one batch of [`ordered_batches`]: enough that each rule
/// runs over dozens of messages in a row, where one mail sequence has a handful (see
/// [`crate::lint::lint_sources`]). Batches of 32 files were no quicker on the 5,000-file
/// benchmark and took its peak memory from 62 MiB to 63.2 MiB (the target is 64).
pub const BATCH_ITEMS: usize = 16;

/// A batch takes no more items once it holds this many bytes (a file bigger than that is a
/// batch alone): the files of a batch are held together, parsed, until the last is linted.
pub const BATCH_BYTES: usize = 256 << 10;

/// [`ordered_stream`] for items that are worth handling together: each item goes through
/// `step` (reading a file), and the prepared ones are handed to `batch` (linting the files)
/// a few at a time ([`BATCH_ITEMS`], [`BATCH_BYTES`]), which returns one result for each, in
/// order. The results reach `consume` in the order of `items`, whatever the threads and
/// batches.
pub fn ordered_batches<T, P, R, X>(
    items: Vec<T>,
    threads: usize,
    step: impl Fn(T) -> Step<P, R> + Sync + Send,
    batch: impl Fn(Vec<P>) -> Vec<R> + Sync + Send,
    consume: impl FnOnce(&mut dyn Iterator<Item = R>) -> X,
) -> X
where
    T: Send,
    P: Send,
    R: Send,
{
    if items.len() <= 1 || threads == 1 {
        return consume(&mut in_batches(items, &step, &batch));
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        // No threads to be had (a locked-down sandbox): the same work, sequentially.
        Err(_) => return consume(&mut in_batches(items, &step, &batch)),
    };
    let workers = pool.current_num_threads().min(items.len());
    // Several batches per worker, so that a slow one does not leave the others idle.
    let batch_items = (items.len() / (workers * 8)).clamp(1, BATCH_ITEMS);
    let queue = WorkQueue {
        state: std::sync::Mutex::new(QueueState {
            items: items.into_iter().enumerate(),
            next: 0,
            handed: 0,
            stopped: false,
            waiting: 0,
        }),
        changed: std::sync::Condvar::new(),
    };
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, R)>();
    pool.in_place_scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (queue, step, batch) = (&queue, &step, &batch);
            scope.spawn(move |_| {
                // A worker that panics stops the others, so that the consumer sees the end of
                // the results instead of waiting for one that will never come.
                let _stop = StopOnPanic(queue);
                while let Some(first) = queue.claim() {
                    let mut pending: Vec<(usize, P)> = Vec::new();
                    let mut bytes = 0;
                    let mut claimed = Some(first);
                    while let Some((index, item)) = claimed.take() {
                        match step(item) {
                            Step::Done(result) => {
                                if sender.send((index, result)).is_err() {
                                    return;
                                }
                            }
                            Step::Batch(prepared, size) => {
                                pending.push((index, prepared));
                                bytes += size;
                            }
                        }
                        // Only the first item of a batch waits for the consumer: it may be
                        // waiting for one of this batch's items.
                        if pending.len() < batch_items && bytes < BATCH_BYTES {
                            claimed = queue.try_claim();
                        }
                    }
                    if pending.is_empty() {
                        continue;
                    }
                    let (indices, prepared): (Vec<usize>, Vec<P>) = pending.into_iter().unzip();
                    for (index, result) in indices.into_iter().zip(batch(prepared)) {
                        if sender.send((index, result)).is_err() {
                            return;
                        }
                    }
                }
            });
        }
        drop(sender);
        let mut results = InOrder {
            receiver,
            waiting: std::collections::BTreeMap::new(),
            next: 0,
            queue: &queue,
        };
        // Stops the workers once `consume` ends, however it ends (dropped last, below): were
        // it to panic, workers waiting for it to catch up would otherwise wait for ever, and
        // the scope with them.
        let _stop = StopOnDrop(&queue);
        let out = consume(&mut results);
        // Dropping the receiver makes the workers' next send fail: they stop.
        drop(results);
        out
    })
}

/// [`ordered_batches`] on the calling thread: batch after batch, as `consume` asks for results.
fn in_batches<'f, T, P, R>(
    items: Vec<T>,
    step: &'f (impl Fn(T) -> Step<P, R> + 'f),
    batch: &'f (impl Fn(Vec<P>) -> Vec<R> + 'f),
) -> impl Iterator<Item = R> + 'f
where
    T: 'f,
    P: 'f,
    R: 'f,
{
    let mut items = items.into_iter();
    let mut ready = std::collections::VecDeque::new();
    std::iter::from_fn(move || loop {
        if let Some(result) = ready.pop_front() {
            return Some(result);
        }
        // The next batch: its items' results, in order, the prepared ones filled in by `batch`.
        let mut slots: Vec<Option<R>> = Vec::new();
        let (mut pending, mut at): (Vec<P>, Vec<usize>) = (Vec::new(), Vec::new());
        let mut bytes = 0;
        // Unreadable files count too: a run of them is handed over a batch at a time as well.
        while slots.len() < BATCH_ITEMS && bytes < BATCH_BYTES {
            let Some(item) = items.next() else { break };
            match step(item) {
                Step::Done(result) => slots.push(Some(result)),
                Step::Batch(prepared, size) => {
                    at.push(slots.len());
                    slots.push(None);
                    pending.push(prepared);
                    bytes += size;
                }
            }
        }
        if slots.is_empty() {
            return None;
        }
        if !pending.is_empty() {
            for (at, result) in at.into_iter().zip(batch(pending)) {
                if let Some(slot) = slots.get_mut(at) {
                    *slot = Some(result);
                }
            }
        }
        ready.extend(slots.into_iter().flatten());
    })
}

/// The items still to claim and how far the consumer has got.
struct WorkQueue<T> {
    state: std::sync::Mutex<QueueState<T>>,
    changed: std::sync::Condvar,
}

struct QueueState<T> {
    items: std::iter::Enumerate<std::vec::IntoIter<T>>,
    /// Index of the next item to claim.
    next: usize,
    /// How many results the consumer has taken.
    handed: usize,
    stopped: bool,
    /// Workers waiting for the consumer to catch up: only then does taking a result notify
    /// (a notification is a system call, and the consumer takes every result).
    waiting: usize,
}

impl<T> WorkQueue<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState<T>> {
        // A worker that panicked while holding the lock left nothing half-changed here.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next item, once it is within [`RUN_AHEAD`] of the consumer; `None` when there are
    /// no more or the run stopped.
    fn claim(&self) -> Option<(usize, T)> {
        let mut state = self.lock();
        while !state.stopped && state.next >= state.handed + RUN_AHEAD {
            state.waiting += 1;
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
            state.waiting -= 1;
        }
        if state.stopped {
            return None;
        }
        let claimed = state.items.next()?;
        state.next += 1;
        Some(claimed)
    }

    /// [`WorkQueue::claim`] without waiting: `None` also when the next item is not yet within
    /// [`RUN_AHEAD`] of the consumer.
    fn try_claim(&self) -> Option<(usize, T)> {
        let mut state = self.lock();
        if state.stopped || state.next >= state.handed + RUN_AHEAD {
            return None;
        }
        let claimed = state.items.next()?;
        state.next += 1;
        Some(claimed)
    }

    fn handed(&self, count: usize) {
        let mut state = self.lock();
        state.handed = count;
        if state.waiting > 0 {
            self.changed.notify_all();
        }
    }

    fn stop(&self) {
        self.lock().stopped = true;
        self.changed.notify_all();
    }
}

/// Stops the run when dropped.
struct StopOnDrop<'a, T>(&'a WorkQueue<T>);

impl<T> Drop for StopOnDrop<'_, T> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

struct StopOnPanic<'a, T>(&'a WorkQueue<T>);

impl<T> Drop for StopOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// The workers' results, put back in item order.
struct InOrder<'a, T, R> {
    receiver: std::sync::mpsc::Receiver<(usize, R)>,
    /// Results that arrived before an earlier one.
    waiting: std::collections::BTreeMap<usize, R>,
    next: usize,
    queue: &'a WorkQueue<T>,
}

impl<T, R> Iterator for InOrder<'_, T, R> {
    type Item = R;

    fn next(&mut self) -> Option<R> {
        let result = match self.waiting.remove(&self.next) {
            Some(r) => r,
            None => loop {
                // Every sender gone before this result came: the workers stopped (a panic).
                let (index, r) = self.receiver.recv().ok()?;
                if index == self.next {
                    break r;
                }
                self.waiting.insert(index, r);
            },
        };
        self.next += 1;
        self.queue.handed(self.next);
        Some(result)
    }
}

/// Empties the subject and body text of every message of a linted file (see
/// [`RunOptions::shed_text`]); positions already computed stay valid, they point into the
/// source, which is kept.
fn shed_text(file: &mut FileReport) {
    for sequence in &mut file.sequences {
        for message in &mut sequence.messages {
            for field in message.subject.iter_mut().chain([&mut message.body]) {
                let at = field.map.node_range().start;
                *field = TextField {
                    value: String::new(),
                    map: ScalarMap::fallback(at),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Work whose length varies with the item, so that threads finish out of order.
    fn uneven(i: usize) -> usize {
        (0..(i * 7919) % 5000).fold(i, |acc, x| acc.wrapping_mul(31).wrapping_add(x)) % 7 + i * 10
    }

    #[test]
    fn results_come_in_item_order_whatever_the_threads() {
        let items: Vec<usize> = (0..1000).collect();
        let expected: Vec<usize> = items.iter().map(|&i| uneven(i)).collect();
        for threads in [0, 1, 2, 3, 8] {
            assert_eq!(
                ordered_map(items.clone(), threads, uneven),
                expected,
                "{threads}"
            );
        }
    }

    /// Batches: every prepared item is in exactly one batch, within [`BATCH_ITEMS`] and just
    /// past [`BATCH_BYTES`] at most, and the results, done or batched, come in item order.
    #[test]
    fn batched_results_come_in_item_order_whatever_the_threads() {
        let items: Vec<usize> = (0..1000).collect();
        // Every third item is done at once (an unreadable file); the others weigh up to 30 KiB.
        let step = |i: usize| {
            if i % 3 == 0 {
                Step::Done(uneven(i))
            } else {
                Step::Batch(i, (i % 31) << 10)
            }
        };
        let expected: Vec<usize> = items.iter().map(|&i| uneven(i)).collect();
        for threads in [0, 1, 2, 3, 8] {
            let batched = std::sync::Mutex::new(Vec::new());
            let batch = |prepared: Vec<usize>| {
                let bytes: usize = prepared.iter().map(|i| (i % 31) << 10).sum();
                let last = prepared.last().map_or(0, |i| (i % 31) << 10);
                assert!(prepared.len() <= BATCH_ITEMS, "{threads}");
                assert!(bytes - last < BATCH_BYTES, "{threads}");
                if let Ok(mut all) = batched.lock() {
                    all.extend(prepared.iter().copied());
                }
                prepared.into_iter().map(uneven).collect()
            };
            let results: Vec<usize> =
                ordered_batches(items.clone(), threads, step, batch, |r| r.collect());
            assert_eq!(results, expected, "{threads}");
            let mut batched = batched.into_inner().unwrap_or_default();
            batched.sort_unstable();
            let prepared: Vec<usize> = items.iter().copied().filter(|i| i % 3 != 0).collect();
            assert_eq!(batched, prepared, "{threads}");
        }
    }

    #[test]
    fn workers_run_at_most_run_ahead_items_past_the_consumer() {
        let started = AtomicUsize::new(0);
        let items: Vec<usize> = (0..2000).collect();
        let seen = ordered_stream(
            items,
            4,
            |i| {
                started.fetch_max(i, Ordering::SeqCst);
                uneven(i);
                i
            },
            |results| {
                let mut seen = 0;
                for (k, i) in results.enumerate() {
                    assert_eq!(i, k);
                    let furthest = started.load(Ordering::SeqCst);
                    assert!(
                        furthest <= k + RUN_AHEAD,
                        "item {furthest} started while the consumer held {k}"
                    );
                    seen += 1;
                }
                seen
            },
        );
        assert_eq!(seen, 2000);
    }

    /// Workers that reach [`RUN_AHEAD`] wait for a slow consumer, and each result it takes
    /// wakes them (it notifies only when some are waiting: a lost wake-up would hang here).
    #[test]
    fn waiting_workers_are_woken_as_the_consumer_catches_up() {
        let started = AtomicUsize::new(0);
        let items: Vec<usize> = (0..3 * RUN_AHEAD).collect();
        let seen: Vec<usize> = ordered_stream(
            items,
            2,
            |i| {
                started.fetch_max(i, Ordering::SeqCst);
                i
            },
            |results| {
                let mut seen = Vec::new();
                for i in results {
                    if i == 0 {
                        // Slow at first: the workers claim all they may, then wait.
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        // Taking item 0 let them claim up to item RUN_AHEAD.
                        assert_eq!(started.load(Ordering::SeqCst), RUN_AHEAD);
                    }
                    seen.push(i);
                }
                seen
            },
        );
        assert_eq!(seen, (0..3 * RUN_AHEAD).collect::<Vec<_>>());
    }

    /// A consumer that panics with workers waiting for it stops them: the panic comes out of
    /// the run instead of hanging it.
    #[test]
    fn a_consumer_that_panics_stops_the_workers() {
        let items: Vec<usize> = (0..3 * RUN_AHEAD).collect();
        let outcome = std::panic::catch_unwind(|| {
            ordered_stream(
                items,
                2,
                |i| i,
                |results| {
                    for i in results {
                        if i == 0 {
                            // Let the workers reach the limit and wait.
                            std::thread::sleep(std::time::Duration::from_millis(20));
                            panic!("the consumer failed");
                        }
                    }
                },
            )
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn a_consumer_that_stops_early_stops_the_workers() {
        let done = AtomicUsize::new(0);
        let items: Vec<usize> = (0..100_000).collect();
        let first: Vec<usize> = ordered_stream(
            items,
            2,
            |i| {
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |results| results.take(3).collect(),
        );
        assert_eq!(first, [0, 1, 2]);
        assert!(done.load(Ordering::SeqCst) <= 3 + RUN_AHEAD + 2);
    }
}
