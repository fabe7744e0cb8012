//! The table `corpus` prints: the outcomes (by OpenAPI version too), what did not generate or
//! compile by class, the slowest documents and the highest against their parse, then the
//! section of the calls against Prism.

use std::collections::BTreeMap;

use super::calls::{self, Answers, Calls};
use super::generation::{OUTLIER_LINE_COST, line_cost_limit};
use super::record::Record;
use super::stats::{median, percent};

/// The table `corpus` prints: outcomes, failure classes, the slowest documents.
pub(super) fn table(records: &[Record], compiled: bool, answers: Answers) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let count = |generation: &str| records.iter().filter(|record| record.generation == generation).count();
    let total = records.len();
    let generated = count("generated");
    let v30 = records.iter().filter(|record| record.version.starts_with("3.0")).count();
    let v30_generated =
        records.iter().filter(|record| record.version.starts_with("3.0") && record.generation == "generated").count();
    let v31 = records.iter().filter(|record| record.version.starts_with("3.1")).count();
    let v31_generated =
        records.iter().filter(|record| record.version.starts_with("3.1") && record.generation == "generated").count();
    let _ = writeln!(out, "\n| outcome | documents | share |");
    let _ = writeln!(out, "|---|---|---|");
    let _ = writeln!(out, "| documents | {total} | |");
    let _ = writeln!(out, "| generated | {generated} | {} |", percent(generated, total));
    let _ = writeln!(out, "| generated, OpenAPI 3.0 | {v30_generated} of {v30} | {} |", percent(v30_generated, v30));
    let _ = writeln!(out, "| generated, OpenAPI 3.1 | {v31_generated} of {v31} | {} |", percent(v31_generated, v31));
    for generation in ["refused", "panicked", "hung", "crashed"] {
        let _ = writeln!(out, "| {generation} | {} | {} |", count(generation), percent(count(generation), total));
    }
    if compiled {
        let compile =
            |outcome: &str| records.iter().filter(|record| record.compile.as_deref() == Some(outcome)).count();
        let _ = writeln!(
            out,
            "| compiled without warnings | {} | {} of generated |",
            compile("clean"),
            percent(compile("clean"), generated)
        );
        let _ = writeln!(
            out,
            "| compiled, warned | {} | {} of generated |",
            compile("warned"),
            percent(compile("warned"), generated)
        );
        let _ = writeln!(
            out,
            "| failed to compile | {} | {} of generated |",
            compile("failed"),
            percent(compile("failed"), generated)
        );
    }

    let mut classes: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    for record in records.iter().filter(|record| record.generation != "generated") {
        classes.entry((record.generation.clone(), record.class.clone())).or_default().push(&record.name);
    }
    if !classes.is_empty() {
        let _ = writeln!(out, "\nnot generated, by class:");
        let mut sorted: Vec<_> = classes.into_iter().collect();
        sorted.sort_by_key(|(_, names)| std::cmp::Reverse(names.len()));
        for ((generation, class), names) in sorted {
            let more = if names.len() > 3 { format!(", and {} more", names.len() - 3) } else { String::new() };
            let _ = writeln!(
                out,
                "  {:>4}  {generation}: {class} ({}{more})",
                names.len(),
                names[..names.len().min(3)].join(", ")
            );
        }
    }
    if compiled {
        let mut problems: BTreeMap<String, (usize, Vec<&str>, String)> = BTreeMap::new();
        for record in records {
            for (class, (count, first)) in &record.compile_problems {
                let entry = problems.entry(class.clone()).or_insert((0, Vec::new(), first.clone()));
                entry.0 += count;
                entry.1.push(&record.name);
            }
        }
        if !problems.is_empty() {
            let _ = writeln!(out, "\ncompiler messages, by class (messages, crates, first crates, first message):");
            let mut sorted: Vec<_> = problems.into_iter().collect();
            sorted.sort_by_key(|(_, (_, crates, _))| std::cmp::Reverse(crates.len()));
            for (class, (count, crates, first)) in sorted {
                let _ = writeln!(
                    out,
                    "  {count:>5} in {:>4}  {class}: {} — {}",
                    crates.len(),
                    crates[..crates.len().min(3)].join(", "),
                    first.chars().take(200).collect::<String>()
                );
            }
        }
    }
    let mut slowest: Vec<&Record> = records.iter().filter(|record| record.generation == "generated").collect();
    slowest.sort_by(|a, b| b.generate_ms.total_cmp(&a.generate_ms));
    if !slowest.is_empty() {
        let _ = writeln!(out, "\nslowest to generate (generation against parse, peak memory):");
        for record in slowest.iter().take(8) {
            let _ = writeln!(
                out,
                "  {:>9.0} ms  {:>6.1}x parse  {:>7} MB  {:>6} ops  {:>9} lines  {} ({:.1} MB)",
                record.generate_ms,
                record.generation_ratio(),
                record.peak_mb.map_or("-".to_owned(), |mb| format!("{mb:.0}")),
                record.operations,
                record.lines,
                record.name,
                record.bytes as f64 / 1e6
            );
        }
        // Highest by each ratio: generation's are mostly small documents meeting fixed costs,
        // so lowering's are listed too (Google's Mirror API, 31 times its parse, was claiming
        // one name 360 times over, quadratically).
        let highest = |out: &mut String, title: &str, key: fn(&Record) -> f64| {
            let mut highest = slowest.clone();
            highest.sort_by(|a, b| key(b).total_cmp(&key(a)));
            let _ = writeln!(out, "\n{title} (generation, then reading and lowering alone, against parse):");
            for record in highest.iter().take(8) {
                let _ = writeln!(
                    out,
                    "  {:>6.1}x parse  {:>5.1}x parse  {:>9.1} ms  {:>6} ops  {:>9} lines  {} ({:.2} MB)",
                    record.generation_ratio(),
                    record.lowering_ratio(),
                    record.generate_ms,
                    record.operations,
                    record.lines,
                    record.name,
                    record.bytes as f64 / 1e6
                );
            }
        };
        highest(&mut out, "highest generation against parse", Record::generation_ratio);
        highest(&mut out, "highest reading and lowering against parse", Record::lowering_ratio);
        // The target: no document over 3 times its parse.
        let against_parse = |out: &mut String, what: &str, ratios: Vec<f64>| {
            let over = ratios.iter().filter(|ratio| **ratio > 3.0).count();
            let _ = writeln!(
                out,
                "{what} against parse: median {:.1}x, largest {:.1}x; {over} of {} documents over 3x",
                median(ratios.clone()),
                ratios.iter().copied().fold(0.0, f64::max),
                ratios.len()
            );
        };
        against_parse(&mut out, "generation", slowest.iter().map(|record| record.generation_ratio()).collect());
        against_parse(
            &mut out,
            "reading and lowering alone",
            slowest.iter().map(|record| record.lowering_ratio()).collect(),
        );
        let lines_per_byte: Vec<f64> =
            slowest.iter().map(|record| record.lines as f64 / record.bytes.max(1) as f64 * 1000.0).collect();
        let _ = writeln!(out, "lines written per KB of document: median {:.0}", median(lines_per_byte));
        let limit = line_cost_limit(slowest.iter().copied()).unwrap_or(f64::INFINITY);
        let over = slowest.iter().filter(|record| record.line_cost_us() > limit).count();
        if let Some(costliest) = slowest.iter().max_by(|a, b| a.line_cost_us().total_cmp(&b.line_cost_us())) {
            let _ = writeln!(
                out,
                "generation per line written: median {:.1} µs, largest {:.1} µs ({}, {} lines); \
                 {over} of {} documents over {OUTLIER_LINE_COST}x the median ({} timed again alone)",
                limit / OUTLIER_LINE_COST,
                costliest.line_cost_us(),
                costliest.name,
                costliest.lines,
                slowest.len(),
                slowest.iter().filter(|record| record.timed_alone).count()
            );
        }
    }
    let exercised: Vec<(&str, &Calls)> =
        records.iter().filter_map(|record| Some((record.name.as_str(), record.calls.as_ref()?))).collect();
    out.push_str(&calls::table(&exercised, answers));
    out
}
