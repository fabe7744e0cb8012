//! Errors and warnings about the input document, each with where it is and what to do about it.

use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The generator went on, but could not honour part of the document as written.
    Warning,
    /// Nothing can be generated until this is fixed.
    Error,
}

/// Where in the document a finding is.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Dotted path from the document root, such as `paths./x/{id}.get.parameters[0]`.
    /// Empty for the document as a whole.
    pub path: String,
    /// 1-based line, where the parser knows it.
    pub line: Option<usize>,
    /// 1-based column, where the parser knows it.
    pub column: Option<usize>,
}

impl Location {
    pub fn at(path: impl Into<String>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }
}

/// One error or warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// What sort of finding this is, in a few words (`unknown format`), the same for every
    /// finding of its sort: summaries group by it. Empty for errors.
    pub kind: &'static str,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Location::at(path),
            message: message.into(),
            help: None,
            kind: "",
        }
    }

    pub fn warning(kind: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, kind, ..Diagnostic::error(path, message) }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column at path`, as much of it as is known.
    pub fn place(&self, file: &str) -> String {
        let mut place = file.to_owned();
        if let Some(line) = self.location.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = self.location.column {
                place.push_str(&format!(":{column}"));
            }
        }
        if !self.location.path.is_empty() {
            place.push_str(&format!(" at {}", self.location.path));
        }
        place
    }

    /// Writes the finding as the compiler would, naming `file` as the document.
    pub fn render(&self, file: &str) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{label}: {}\n", self.message));
        out.push_str(&format!("  --> {}\n", self.place(file)));
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

/// Up to this many warnings are listed one by one; more are summarised by kind.
pub const LIST_AT_MOST: usize = 12;
/// How many places a summary shows for each kind: fewer when there are many kinds, so that
/// the summary stays within about 50 lines.
fn places_per_kind(kinds: usize) -> usize {
    match kinds {
        0..=6 => 3,
        7..=10 => 2,
        _ => 1,
    }
}

/// Warnings as a person reads them: each one in full when there are few, else one block per
/// kind (most frequent first) with its count, its first few places and its advice, so that
/// thousands of warnings still fit on a screen. `full_list` says how to see every one.
pub fn summarize(warnings: &[Diagnostic], file: &str, full_list: &str) -> String {
    if warnings.len() <= LIST_AT_MOST {
        return list(warnings, file);
    }
    let mut out = String::new();
    let mut kinds: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
    for warning in warnings {
        match kinds.iter_mut().find(|(kind, _)| *kind == warning.kind) {
            Some((_, members)) => members.push(warning),
            None => kinds.push((warning.kind, vec![warning])),
        }
    }
    // Stable: kinds of equal count keep the order the document first shows them in.
    kinds.sort_by_key(|(_, members)| std::cmp::Reverse(members.len()));
    let places = places_per_kind(kinds.len());
    for (kind, members) in &kinds {
        let kind = if kind.is_empty() { "other" } else { kind };
        out.push_str(&format!("warning: {kind} ({})\n", members.len()));
        for member in members.iter().take(places) {
            out.push_str(&format!("  --> {}: {}\n", member.place(file), member.message));
        }
        if members.len() > places {
            out.push_str(&format!("  ... and {} more\n", members.len() - places));
        }
        if let Some(help) = &members[0].help {
            out.push_str(&format!("  = help: {help}\n"));
        }
    }
    out.push_str(&format!(
        "{} of {} in {file}; {full_list}\n",
        count(warnings.len(), "warning"),
        count(kinds.len(), "kind")
    ));
    out
}

/// Every warning in full, then how many there were (nothing when there are none).
pub fn list(warnings: &[Diagnostic], file: &str) -> String {
    let mut out: String = warnings.iter().map(|warning| warning.render(file)).collect();
    if !warnings.is_empty() {
        out.push_str(&format!("{} in {file}\n", count(warnings.len(), "warning")));
    }
    out
}

fn count(number: usize, noun: &str) -> String {
    format!("{number} {noun}{}", if number == 1 { "" } else { "s" })
}

/// Why nothing was generated: every error found, and the warnings met on the way.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The name the document is reported under (its file name).
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            writeln!(f, "{}", diagnostic.render(&self.file))?;
        }
        let errors = self.errors().count();
        let warnings = self.diagnostics.len() - errors;
        write!(
            f,
            "{} error{} and {} warning{} in {}: nothing was generated",
            errors,
            if errors == 1 { "" } else { "s" },
            warnings,
            if warnings == 1 { "" } else { "s" },
            self.file
        )
    }
}

impl std::error::Error for Failure {}

/// Collects findings while a stage runs, so that all of them are reported, not only the first.
/// The same finding at the same place (met again through another operation of the same path,
/// say) is reported once.
#[derive(Debug, Default)]
pub struct Sink {
    diagnostics: Vec<Diagnostic>,
    seen: std::collections::HashSet<(String, String)>,
}

impl Sink {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.seen.insert((diagnostic.location.path.clone(), diagnostic.message.clone())) {
            self.diagnostics.push(diagnostic);
        }
    }

    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>, help: impl Into<String>) {
        self.push(Diagnostic::error(path, message).help(help));
    }

    pub fn warning(
        &mut self,
        kind: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Diagnostic::warning(kind, path, message).help(help));
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
