//! The files of a run as a report written while they are linted reads them (`--format json`,
//! `--format sarif` on stdout): each file's diagnostics once, as the file comes, then dropped;
//! and what the end of the report needs of the files already written, kept: the counts and
//! the errors, and, for a report that lists them, each file's verdicts.
//!
//! The report's serialisers share one stream: the field that lists the diagnostics drains it
//! (linting the rest of the run as it goes), and the fields after it read what was kept.

use crate::check::FileOutcome;
use crate::diagnostic::Diagnostic;
use crate::run::{Counts, Tally};
use crate::verdict::SequenceVerdicts;
use std::cell::{Ref, RefCell};

/// The outcomes still to come, and what was kept of those already read.
pub struct OutcomeStream<'a> {
    outcomes: RefCell<&'a mut dyn Iterator<Item = FileOutcome>>,
    kept: RefCell<Kept>,
}

/// What the end of a report needs of the files already read.
#[derive(Default)]
pub struct Kept {
    /// The counts and the errors.
    pub tally: Tally,
    /// Each linted file's name and verdicts (when the stream keeps them).
    verdicts: Vec<(String, Vec<SequenceVerdicts>)>,
    keep_verdicts: bool,
}

impl Kept {
    /// The files read so far, with their verdicts.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[SequenceVerdicts])> {
        self.verdicts
            .iter()
            .map(|(name, sequences)| (name.as_str(), sequences.as_slice()))
    }

    /// Records a file's outcome; returns its diagnostics, which are not kept.
    fn add(&mut self, outcome: FileOutcome) -> Vec<Diagnostic> {
        let Some(mut file) = self.tally.add(outcome) else {
            return Vec::new();
        };
        if self.keep_verdicts && !file.verdicts.is_empty() {
            self.verdicts
                .push((std::mem::take(&mut file.source.name), file.verdicts));
        }
        file.diagnostics
    }
}

impl<'a> OutcomeStream<'a> {
    /// A stream of `outcomes`, keeping each file's verdicts when `keep_verdicts`.
    pub fn new(
        outcomes: &'a mut dyn Iterator<Item = FileOutcome>,
        keep_verdicts: bool,
    ) -> OutcomeStream<'a> {
        OutcomeStream {
            outcomes: RefCell::new(outcomes),
            kept: RefCell::new(Kept {
                keep_verdicts,
                ..Kept::default()
            }),
        }
    }

    /// Every diagnostic of the files still to come, in order, each file read (and linted) as
    /// the previous one's diagnostics run out.
    pub fn diagnostics(&self) -> impl Iterator<Item = Diagnostic> + use<'_, 'a> {
        let mut current = Vec::new().into_iter();
        std::iter::from_fn(move || loop {
            if let Some(d) = current.next() {
                return Some(d);
            }
            let outcome = self.outcomes.borrow_mut().next()?;
            current = self.kept.borrow_mut().add(outcome).into_iter();
        })
    }

    /// What was kept of the files read so far.
    pub fn kept(&self) -> Ref<'_, Kept> {
        self.kept.borrow()
    }

    /// Reads the files not yet read (a report cut short by a closed pipe) and returns the
    /// run's counts: whatever was not written still counts for the exit status.
    pub fn finish(self) -> Counts {
        let mut kept = self.kept.into_inner();
        for outcome in self.outcomes.into_inner() {
            kept.add(outcome);
        }
        kept.tally.counts
    }
}
