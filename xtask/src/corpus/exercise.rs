//! `--prism N`, on the run's side: which of the crates that compiled are called, and what
//! their calls gave, recorded with their documents (the calls themselves are `calls`).

use super::calls::{Calls, Run};
use super::documents::DIRECTORY;
use super::record::Record;

/// Calls every operation of `count` crates that compiled, chosen by the hash of their
/// documents' names, against Prism (`calls`), then lints them with clippy when asked.
pub(super) fn exercise_all(run: Run<'_>, records: &mut [Record], count: usize, clippy: bool) -> Result<(), String> {
    let Run { root, work, answers } = run;
    let compiled: Vec<String> = records
        .iter()
        .filter(|record| matches!(record.compile.as_deref(), Some("clean" | "warned")))
        .map(|record| record.name.clone())
        .collect();
    let chosen = crate::feature_check::sample(&compiled, count);
    // Each exercised crate's calls and Prism's log are written there, for a closer look.
    let _ = std::fs::remove_dir_all(work.join("calls"));
    println!("calling every operation of {} crates against Prism, {}", chosen.len(), answers.describe());
    let directory = root.join(DIRECTORY);
    for (index, record) in records.iter_mut().filter(|record| chosen.contains(&record.name)).enumerate() {
        let document = directory.join(format!("{}.json", record.name));
        let calls = run.exercise(&record.crate_name, &document);
        println!(
            "  {}/{}  {}: {} of {} calls decoded, {} failed, {} on Prism's limits, {} on the document's flaws, {} skipped ({:.0} s){}",
            index + 1,
            chosen.len(),
            record.name,
            calls.decoded,
            calls.made,
            calls.failed_count(),
            calls.limit_count(),
            calls.flaw_count(),
            calls.skipped_count(),
            calls.seconds,
            calls.problem.as_deref().map(|problem| format!(": {problem}")).unwrap_or_default()
        );
        record.calls = Some(calls);
    }
    if clippy {
        println!("linting the exercised crates with clippy");
        let mut linted: Vec<(&str, &mut Calls)> = records
            .iter_mut()
            .filter_map(|record| Some((record.crate_name.as_str(), record.calls.as_mut()?)))
            .collect();
        super::calls::lint(work, &mut linted)?;
    }
    Ok(())
}
