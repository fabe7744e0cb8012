//! `cargo xtask corpus --prism N`: every operation of N generated crates called against Prism.
//!
//! For each document, the crate's `examples/exercise.rs` (written by the generator with
//! `Options::exercise`) is built, lists its operations, and is given one call a line, made
//! from the raw document's examples or schemas (`sampler`); Prism mocks the document and
//! validates each request, and the program says whether the answer decoded. A failed call is
//! classified by what Prism said of it (the status, the first line its validator logged, or
//! why it gave up, `prism`), by the decoding error, or by the reason it was not sent; Prism's
//! own limits (no answer it can generate, a media type it cannot write) are counted apart.
//! Each document's calls, with the program's answers, and Prism's log are kept in
//! `target/corpus/calls/{crate}.jsonl` and `{crate}.prism.log`.
//!
//! This file runs one document's calls; `plan` makes each call's line (its values from
//! `sampler`), `program` builds and drives the exercise program, `prism` the mock server,
//! `classify` counts each answer in its class into `counts`, and `lint` and `table` are the
//! `--clippy` step and the table's section.

mod classify;
mod counts;
mod lint;
mod plan;
mod prism;
mod program;
mod sampler;
mod table;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use classify::{Answered, classify, operation_of};
pub use counts::Calls;
pub use lint::lint;
use plan::plan;
pub use prism::Answers;
use program::{Listed, build, list, run};
pub use table::table;

/// How many times Prism is started again after it crashed on a call, per document.
const MAX_RESTARTS: usize = 5;

/// What every document's calls of one run share.
#[derive(Clone, Copy, Debug)]
pub struct Run<'a> {
    /// The workspace, where Prism is installed.
    pub root: &'a Path,
    /// `target/corpus`: the generated crates, and where each document's calls are kept.
    pub work: &'a Path,
    pub answers: Answers,
}

impl Run<'_> {
    /// Builds the crate's exercise program, calls every operation against Prism on the
    /// document, and counts what happened. A failure anywhere is this document's outcome,
    /// never the run's.
    pub fn exercise(&self, crate_name: &str, document: &Path) -> Calls {
        let started = Instant::now();
        let mut calls = Calls::default();
        if let Err(problem) = exercise_into(*self, crate_name, document, &mut calls) {
            calls.problem = Some(problem);
        }
        calls.seconds = started.elapsed().as_secs_f64();
        calls
    }
}

fn exercise_into(settings: Run<'_>, crate_name: &str, document: &Path, calls: &mut Calls) -> Result<(), String> {
    let Run { root, work, answers } = settings;
    let building = Instant::now();
    let program = build(work, crate_name);
    calls.build_seconds = building.elapsed().as_secs_f64();
    let program = program?;
    let listed = list(&program)?;
    calls.operations = listed.len();
    let text = std::fs::read(document).map_err(|error| format!("cannot read {}: {error}", document.display()))?;
    let raw: Value = serde_json::from_slice(&text).map_err(|error| format!("the document is not JSON: {error}"))?;

    let mut sampler = sampler::Sampler::new(&raw);
    let mut planned: Vec<(Listed, Value, Vec<String>)> = Vec::new();
    for operation in listed {
        sampler.notes.clear();
        match plan(&mut sampler, &raw, &operation) {
            Ok(line) => {
                let notes = sampler.notes.iter().cloned().collect();
                planned.push((operation, line, notes));
            }
            Err(reason) => *calls.skipped.entry(reason).or_default() += 1,
        }
    }
    calls.examples_refused = sampler.examples_refused;
    calls.made = planned.len();
    if planned.is_empty() {
        return Ok(());
    }

    // The calls in order, against Prism; when Prism dies on one (it crashes on some
    // documents), that call is its limit, and the rest go to a new Prism.
    let mut answered: Vec<Option<(Value, Option<prism::Exchange>)>> = vec![None; planned.len()];
    let mut logs: Vec<String> = Vec::new();
    let mut next = 0;
    let mut restarts = 0;
    while next < planned.len() {
        let mut server = match prism::start(root, document, answers) {
            Ok(server) => server,
            Err(problem) if next == 0 => return Err(problem),
            // A restart that fails leaves the remaining calls unanswered.
            Err(_) => break,
        };
        let lines: Vec<String> = planned[next..].iter().map(|(_, line, _)| line.to_string()).collect();
        let outcomes = run(&program, &server.url(), lines);
        // Prism logs a request's violations after answering it: give the last one time to arrive.
        std::thread::sleep(Duration::from_millis(300));
        let crashed = server.exit_status().is_some();
        let log = server.stop();
        let outcomes = outcomes?;
        let crash = crashed.then(|| prism::crash_message(&log));
        logs.extend(log.iter().cloned());
        let mut exchanges = prism::exchanges(&log).into_iter();
        let mut crashed_at = None;
        for (offset, outcome) in outcomes.into_iter().enumerate() {
            let index = next + offset;
            let kind = outcome["outcome"].as_str().unwrap_or("").to_owned();
            if let Some(message) = crash.as_ref().filter(|_| kind == "connection") {
                answered[index] = Some((json!({"outcome": "prism_crashed", "message": message}), None));
                crashed_at = Some(index);
                break;
            }
            // Calls that reached Prism took the next request of its log, in order (the program
            // sends one at a time, without retries).
            let exchange = if matches!(kind.as_str(), "decoded" | "status" | "decode" | "timeout") {
                exchanges.next().filter(|exchange| exchange.method == planned[index].0.method)
            } else {
                None
            };
            answered[index] = Some((outcome, exchange));
        }
        match crashed_at {
            Some(index) if restarts < MAX_RESTARTS => {
                restarts += 1;
                next = index + 1;
            }
            _ => break,
        }
    }
    // Each call with its answer, and Prism's log, to read a failure in full.
    let calls_dir = work.join("calls");
    let _ = std::fs::create_dir_all(&calls_dir);
    let _ = std::fs::write(calls_dir.join(format!("{crate_name}.prism.log")), logs.join("\n"));
    let mut record = String::new();

    for ((operation, line, notes), answer) in planned.iter().zip(&answered) {
        record.push_str(&format!("{line}\n{}\n", answer.as_ref().map_or(&Value::Null, |(outcome, _)| outcome)));
        let Some((outcome, exchange)) = answer else {
            calls.fail("no answer: the program stopped or ran out of time".to_owned(), operation.operation.clone());
            continue;
        };
        let document_operation = operation_of(&sampler, &raw, operation);
        let call = Answered { outcome, exchange: exchange.as_ref(), answers };
        classify(calls, &mut sampler, document_operation, operation, &call, notes);
    }
    let _ = std::fs::write(calls_dir.join(format!("{crate_name}.jsonl")), record);
    Ok(())
}
