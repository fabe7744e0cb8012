//! What one document's calls gave: how many were made and decoded, and the failures by class,
//! Prism's limits and the document's own flaws counted apart.

use std::collections::BTreeMap;

/// What the calls of one document gave.
#[derive(Clone, Debug, Default)]
pub struct Calls {
    /// The operations the crate has.
    pub operations: usize,
    /// The calls sent to the program (every operation not skipped).
    pub made: usize,
    /// The calls whose answer was a success that decoded.
    pub decoded: usize,
    /// Failed calls by class: how many, and the first one (operation and message).
    pub failed: BTreeMap<String, (usize, String)>,
    /// Failed calls that are Prism's limits, not the client's, by class.
    pub prism_limits: BTreeMap<String, (usize, String)>,
    /// Failed calls that no client could make succeed, the document being what it is (a
    /// required property it does not describe, an example answer that does not fit its
    /// schema), by class.
    pub document_flaws: BTreeMap<String, (usize, String)>,
    /// Operations not called, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Why the document's calls did not run at all: the program did not build, Prism did not
    /// start.
    pub problem: Option<String>,
    /// The document's examples that did not fit their schema, replaced by values made from it.
    pub examples_refused: usize,
    /// Clippy's messages on the crate and its program (`--clippy`), by lint: how many, and the
    /// first.
    pub lints: BTreeMap<String, (usize, String)>,
    /// How long building the crate and its program took (the crate was checked, not built,
    /// before), and everything in all.
    pub build_seconds: f64,
    pub seconds: f64,
}

impl Calls {
    pub(super) fn fail(&mut self, class: String, first: String) {
        self.failed.entry(class).or_insert((0, first)).0 += 1;
    }

    pub fn failed_count(&self) -> usize {
        self.failed.values().map(|(count, _)| count).sum()
    }

    pub fn limit_count(&self) -> usize {
        self.prism_limits.values().map(|(count, _)| count).sum()
    }

    pub fn flaw_count(&self) -> usize {
        self.document_flaws.values().map(|(count, _)| count).sum()
    }

    pub fn skipped_count(&self) -> usize {
        self.skipped.values().sum()
    }
}
