//! What happened to one document, from its generation to its calls, and the figures read
//! from it: the record every step of a run fills in and the table and the baseline read.

use std::collections::BTreeMap;

use super::calls::Calls;

/// What happened to one document.
#[derive(Clone, Debug, Default)]
pub(super) struct Record {
    pub(super) name: String,
    pub(super) crate_name: String,
    pub(super) bytes: u64,
    /// `openapi` of the document, as written.
    pub(super) version: String,
    /// `generated`, `refused`, `panicked`, `hung` or `crashed`.
    pub(super) generation: String,
    /// For a refusal, a panic or a crash: the first message, and its class (the message with
    /// every quoted name taken out).
    pub(super) message: String,
    pub(super) class: String,
    pub(super) warnings: usize,
    pub(super) operations: usize,
    pub(super) lines: usize,
    pub(super) parse_ms: f64,
    /// Reading and lowering alone: generation up to the model, before any code is written.
    pub(super) lower_ms: f64,
    pub(super) generate_ms: f64,
    pub(super) peak_mb: Option<f64>,
    /// Whether the times are from a second run of the document alone (see
    /// [`super::generation::time_outliers_alone`]).
    pub(super) timed_alone: bool,
    /// `clean`, `warned` or `failed` once checked.
    pub(super) compile: Option<String>,
    /// `whole`, or which features were checked of a crate too large to check at once.
    pub(super) compile_mode: String,
    /// The first compiler messages, by class (an error code or a lint name), with a count.
    pub(super) compile_problems: BTreeMap<String, (usize, String)>,
    /// What calling every operation against Prism gave, for the documents `--prism` chose.
    pub(super) calls: Option<Calls>,
}

impl Record {
    /// What a line written cost, in µs: the parse grows with the document, but the work with
    /// what is written, so this finds work that grows faster than the output (Microsoft
    /// Graph's beta took 25 µs a line against GitHub's 3 while its manifest was features ×
    /// crates × types).
    pub(super) fn line_cost_us(&self) -> f64 {
        self.generate_ms * 1000.0 / self.lines.max(1) as f64
    }

    /// Generation against the parse: the figure.
    pub(super) fn generation_ratio(&self) -> f64 {
        self.generate_ms / self.parse_ms.max(0.001)
    }

    /// Reading and lowering alone against the parse.
    pub(super) fn lowering_ratio(&self) -> f64 {
        self.lower_ms / self.parse_ms.max(0.001)
    }

    /// The outcome as the baseline keeps it: `generated clean`, `refused`, ...
    pub(super) fn outcome_line(&self, compiled: bool) -> String {
        match (&self.compile, compiled) {
            (Some(compile), true) => format!("{} {compile}", self.generation),
            _ => self.generation.clone(),
        }
    }
}
