//! The section `--prism` adds to the corpus table: what every exercised document's calls gave.

use std::collections::BTreeMap;

use super::counts::Calls;
use super::prism::Answers;
use crate::corpus::stats::percent as share;

/// The calls section of the corpus table: totals, failures by class, Prism's limits, skipped
/// operations, and a line per document.
pub fn table(documents: &[(&str, &Calls)], answers: Answers) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if documents.is_empty() {
        return out;
    }
    let sum = |count: &dyn Fn(&Calls) -> usize| documents.iter().map(|(_, calls)| count(calls)).sum::<usize>();
    let operations = sum(&|calls| calls.operations);
    let made = sum(&|calls| calls.made);
    let decoded = sum(&|calls| calls.decoded);
    let failed = sum(&|calls| calls.failed_count());
    let limits = sum(&|calls| calls.limit_count());
    let flaws = sum(&|calls| calls.flaw_count());
    let skipped = sum(&|calls| calls.skipped_count());
    let refused = sum(&|calls| calls.examples_refused);
    let ran = documents.iter().filter(|(_, calls)| calls.problem.is_none()).count();
    let _ = writeln!(
        out,
        "\ncalls against Prism, {}: {} documents ({ran} ran), {operations} operations",
        answers.describe(),
        documents.len()
    );
    let _ = writeln!(out, "\n| calls | count | share |");
    let _ = writeln!(out, "|---|---|---|");
    let _ = writeln!(out, "| made | {made} | |");
    let _ = writeln!(out, "| succeeded and decoded | {decoded} | {} of made |", share(decoded, made));
    let _ = writeln!(out, "| failed | {failed} | {} of made |", share(failed, made));
    let _ = writeln!(out, "| failed on Prism's limits | {limits} | {} of made |", share(limits, made));
    let _ = writeln!(out, "| failed on the document's own flaws | {flaws} | {} of made |", share(flaws, made));
    let _ = writeln!(
        out,
        "| succeeded and decoded, Prism's limits left out | {decoded} of {} | {} |",
        made - limits,
        share(decoded, made - limits)
    );
    let _ = writeln!(
        out,
        "| succeeded and decoded, Prism's limits and the documents' flaws left out | {decoded} of {} | {} |",
        made - limits - flaws,
        share(decoded, made - limits - flaws)
    );
    let _ = writeln!(out, "| skipped | {skipped} | |");
    let _ = writeln!(
        out,
        "(examples of the documents that did not fit their schema, replaced by values made from it: {refused})"
    );

    type Classes = BTreeMap<String, (usize, String)>;
    let classes = |pick: fn(&Calls) -> &Classes| {
        let mut merged: BTreeMap<String, (usize, Vec<&str>, String)> = BTreeMap::new();
        for (name, calls) in documents {
            for (class, (count, first)) in pick(calls) {
                let entry = merged.entry(class.clone()).or_insert((0, Vec::new(), format!("{name}: {first}")));
                entry.0 += count;
                entry.1.push(name);
            }
        }
        let mut sorted: Vec<_> = merged.into_iter().collect();
        sorted.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
        sorted
    };
    type Pick = fn(&Calls) -> &Classes;
    let sections: [(&str, Pick); 4] = [
        ("failed calls, by class (calls, documents: class — first call)", |calls| &calls.failed),
        ("Prism's limits, by class (calls, documents: class — first call)", |calls| &calls.prism_limits),
        ("the documents' own flaws, by class (calls, documents: class — first call)", |calls| &calls.document_flaws),
        ("clippy on the exercised crates, by lint (messages, crates: lint — first)", |calls| &calls.lints),
    ];
    for (title, pick) in sections {
        let sorted = classes(pick);
        if sorted.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}:");
        for (class, (count, names, first)) in sorted {
            let _ = writeln!(
                out,
                "  {count:>5} in {:>3}  {class} — {}",
                names.len(),
                first.chars().take(220).collect::<String>()
            );
        }
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, calls) in documents {
        for (reason, count) in &calls.skipped {
            *reasons.entry(reason).or_default() += count;
        }
    }
    if !reasons.is_empty() {
        let _ = writeln!(out, "\nskipped operations, by reason:");
        for (reason, count) in reasons {
            let _ = writeln!(out, "  {count:>5}  {reason}");
        }
    }
    let built: f64 = documents.iter().map(|(_, calls)| calls.build_seconds).sum();
    let all: f64 = documents.iter().map(|(_, calls)| calls.seconds).sum();
    let _ = writeln!(
        out,
        "\n{built:.0} s of {all:.0} s building the crates and their programs (the first also builds the dependencies)"
    );
    let _ = writeln!(
        out,
        "\nper document (operations, made, decoded, failed, Prism's limits, the document's flaws, skipped, seconds building, in all):"
    );
    for (name, calls) in documents {
        let problem = calls.problem.as_deref().map(|problem| format!("  ({problem})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>6.0} {:>6.0}  {name}{problem}",
            calls.operations,
            calls.made,
            calls.decoded,
            calls.failed_count(),
            calls.limit_count(),
            calls.flaw_count(),
            calls.skipped_count(),
            calls.build_seconds,
            calls.seconds
        );
    }
    out
}
