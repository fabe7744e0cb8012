//! Every document generated in a process of its own (`corpus --one`, in `one_document`), a
//! few at a time, so that a panic, a stack overflow or a hang is one document's outcome and
//! not the run's, and its time and peak memory are its own; then the documents whose written
//! lines cost far more than the median timed again, alone.

use std::io::Read;
use std::path::Path;
use std::process::Stdio;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::documents::Document;
use super::record::Record;
use super::stats::median;

/// A document that takes longer than this to generate is said to hang.
const TIME_LIMIT: Duration = Duration::from_secs(300);

pub(super) fn generate_all(
    documents: &[Document],
    crates: &Path,
    write: bool,
    jobs: usize,
) -> Result<Vec<Record>, String> {
    let queue = Mutex::new(documents.iter().enumerate());
    let records = Mutex::new(vec![Record::default(); documents.len()]);
    let done = Mutex::new(0usize);
    let exe = std::env::current_exe().map_err(|error| format!("cannot find the xtask program: {error}"))?;
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("not poisoned").next();
                    let Some((index, document)) = next else { break };
                    let out = write.then(|| crates.join(&document.crate_name));
                    let record = generate_one(&exe, document, out.as_deref());
                    records.lock().expect("not poisoned")[index] = record;
                    let mut done = done.lock().expect("not poisoned");
                    *done += 1;
                    if *done % 100 == 0 {
                        println!("  {done} of {}", documents.len());
                    }
                }
            });
        }
    });
    Ok(records.into_inner().expect("not poisoned"))
}

/// How many times the directory's median a line may cost before its document is timed again,
/// alone: generated two at a time on two cores, a document that meets Microsoft Graph's beta
/// can take seven times its own time (npr.org's listening: 19.5 µs a line in a run, 2.8 alone).
pub(super) const OUTLIER_LINE_COST: f64 = 3.0;

/// Times again, one at a time, each generated document whose line cost more than
/// [`OUTLIER_LINE_COST`] times the median, and keeps its times from that run when faster.
pub(super) fn time_outliers_alone(
    documents: &[Document],
    records: &mut [Record],
    crates: &Path,
    write: bool,
) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|error| format!("cannot find the xtask program: {error}"))?;
    let Some(limit) = line_cost_limit(records.iter().filter(|record| record.generation == "generated")) else {
        return Ok(());
    };
    for (document, record) in documents.iter().zip(records.iter_mut()) {
        if record.generation != "generated" || record.line_cost_us() <= limit {
            continue;
        }
        // The crate is written again as the first run wrote it, so the same files are timed.
        let out = write.then(|| crates.join(&document.crate_name));
        let alone = generate_one(&exe, document, out.as_deref());
        println!(
            "  timed again alone: {} ({:.0} ms, then {:.0} ms)",
            record.name, record.generate_ms, alone.generate_ms
        );
        record.timed_alone = true;
        if alone.generation == "generated" && alone.generate_ms < record.generate_ms {
            (record.parse_ms, record.lower_ms, record.generate_ms) =
                (alone.parse_ms, alone.lower_ms, alone.generate_ms);
            record.peak_mb = alone.peak_mb;
        }
    }
    Ok(())
}

/// [`OUTLIER_LINE_COST`] times the median line cost of `records`; `None` when there are none.
pub(super) fn line_cost_limit<'a>(records: impl Iterator<Item = &'a Record>) -> Option<f64> {
    let costs: Vec<f64> = records.map(Record::line_cost_us).collect();
    (!costs.is_empty()).then(|| OUTLIER_LINE_COST * median(costs))
}

/// Runs `xtask corpus --one` on a document, with `/usr/bin/time` for its peak memory.
fn generate_one(exe: &Path, document: &Document, out: Option<&Path>) -> Record {
    let mut record = Record {
        name: document.name.clone(),
        crate_name: document.crate_name.clone(),
        bytes: std::fs::metadata(&document.path).map(|metadata| metadata.len()).unwrap_or(0),
        ..Record::default()
    };
    let mut command = crate::feature_check::timed(exe);
    command.args(["corpus", "--one"]).arg(&document.path).arg(&record.crate_name);
    if let Some(out) = out {
        command.arg(out);
    }
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) => {
            record.generation = "crashed".to_owned();
            record.message = format!("cannot start the generator: {error}");
            return record;
        }
    };
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let error_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stdout = reader.join().unwrap_or_default();
    let stderr = error_reader.join().unwrap_or_default();
    record.peak_mb = crate::feature_check::peak_mb(&stderr);
    let result = stdout
        .lines()
        .find_map(|line| line.strip_prefix("CORPUS "))
        .and_then(|line| serde_json::from_str::<Value>(line).ok());
    match (status, result) {
        (None, _) => {
            record.generation = "hung".to_owned();
            record.message = format!("did not finish within {} s", TIME_LIMIT.as_secs());
            record.class = record.message.clone();
        }
        (Some(_), Some(result)) => {
            let text = |key: &str| result[key].as_str().unwrap_or_default().to_owned();
            let number = |key: &str| result[key].as_f64().unwrap_or_default();
            record.generation = text("generation");
            record.version = text("version");
            record.message = text("message");
            record.class = class_of(&record.message);
            record.warnings = number("warnings") as usize;
            record.operations = number("operations") as usize;
            record.lines = number("lines") as usize;
            record.parse_ms = number("parse_ms");
            record.lower_ms = number("lower_ms");
            record.generate_ms = number("generate_ms");
        }
        (Some(status), None) => {
            // A panic prints its message and exits 101; an overflowed stack aborts the process.
            let panic = stderr.lines().skip_while(|line| !line.contains("panicked at")).nth(1);
            record.generation = if panic.is_some() { "panicked" } else { "crashed" }.to_owned();
            record.message = match panic {
                Some(message) => message.to_owned(),
                None => format!(
                    "{status}: {}",
                    stderr.lines().rev().find(|line| !crate::feature_check::is_peak_line(line)).unwrap_or("")
                ),
            };
            record.class = class_of(&record.message);
        }
    }
    record
}

/// A message with what varies between documents taken out: quoted names, numbers.
fn class_of(message: &str) -> String {
    let mut class = String::new();
    let mut quoted = false;
    for ch in message.chars() {
        match ch {
            '`' => {
                quoted = !quoted;
                if quoted {
                    class.push_str("`…`");
                }
            }
            _ if quoted => {}
            '0'..='9' => {
                if !class.ends_with('N') {
                    class.push('N');
                }
            }
            _ => class.push(ch),
        }
    }
    class.chars().take(90).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_leave_out_names_and_numbers() {
        assert_eq!(
            class_of("unresolved reference `#/components/schemas/A`: there is no `A` in `components.schemas`"),
            "unresolved reference `…`: there is no `…` in `…`"
        );
        assert_eq!(class_of("invalid type: integer 0 at line 12"), "invalid type: integer N at line N");
    }
}
