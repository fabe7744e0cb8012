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

mod prism;
mod sampler;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::cargo;

/// How long one document's calls may take in all: each call has its own 30 s timeout in the
/// program, and Prism answers in milliseconds.
const CALLS_LIMIT: Duration = Duration::from_secs(600);
/// How many times Prism is started again after it crashed on a call, per document.
const MAX_RESTARTS: usize = 5;

/// Where Prism's answers come from (`--prism-answers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answers {
    /// Every answer made from its schema, examples not consulted (`prism mock --dynamic`,
    /// with a fixed seed so that a run can be repeated): what the client is held to is then
    /// the schemas alone, with values of every property and format they allow. The default.
    Schemas,
    /// Prism's own default: a response's example when it has one, else one made from its
    /// schema. A document's example that does not fit its own schema is then its flaw,
    /// counted apart.
    Examples,
}

impl Answers {
    /// The mode in words, for the run's output and its table.
    pub fn describe(self) -> &'static str {
        match self {
            Answers::Examples => "answering from the documents' examples where they have them",
            Answers::Schemas => "answering with values made from the schemas (examples not consulted)",
        }
    }
}

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
    fn fail(&mut self, class: String, first: String) {
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

/// One operation, as the program lists it.
#[derive(Clone, Debug)]
struct Listed {
    operation: String,
    method: String,
    path: String,
    /// The media type its body is sent as; empty without a body.
    body: String,
}

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

/// `cargo build --examples -p CRATE` in the corpus workspace; the program's path.
fn build(work: &Path, crate_name: &str) -> Result<PathBuf, String> {
    let output = cargo()
        .current_dir(work.join("crates"))
        .args(["build", "--examples", "--quiet", "--message-format=short", "-p", crate_name])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run cargo build: {error}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|line| line.contains("error")).unwrap_or("cargo build failed");
        return Err(format!("the exercise program did not build: {first}"));
    }
    // Every crate's program is called `exercise`: this one is the last built.
    Ok(work.join("target/debug/examples/exercise"))
}

/// The operations the program knows (`exercise --list`).
fn list(program: &Path) -> Result<Vec<Listed>, String> {
    let output = Command::new(program)
        .arg("--list")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run {}: {error}", program.display()))?;
    if !output.status.success() {
        return Err(format!("`exercise --list` failed: {}", String::from_utf8_lossy(&output.stderr).trim()));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .map(|line| {
            let text = |key: &str| line[key].as_str().unwrap_or_default().to_owned();
            Listed { operation: text("operation"), method: text("method"), path: text("path"), body: text("body") }
        })
        .collect())
}

/// The call line for one operation: its parameters (the required ones, and the optional ones
/// the document shows a value for) and its body; `Err` with the reason it cannot be made.
fn plan(sampler: &mut sampler::Sampler<'_>, raw: &Value, listed: &Listed) -> Result<Value, String> {
    let path_item = raw
        .get("paths")
        .and_then(|paths| paths.get(&listed.path))
        .map(|item| sampler.resolve(item))
        .ok_or("the operation's path is not in the document")?;
    let operation = path_item
        .get(listed.method.to_ascii_lowercase())
        .ok_or("the operation's method is not in the document's path")?;
    // The path's parameters, then the operation's, which replace those of the same name and place.
    let mut parameters: Vec<&Value> = Vec::new();
    for parameter in
        [path_item, operation].iter().filter_map(|holder| holder.get("parameters").and_then(Value::as_array)).flatten()
    {
        let resolved = sampler.resolve(parameter);
        let key = |value: &Value| (value.get("name").cloned(), value.get("in").cloned());
        parameters.retain(|earlier| key(sampler.resolve(earlier)) != key(resolved));
        parameters.push(parameter);
    }
    // A name the operation has in two places (a path and a query `id_user`) is keyed by its
    // place too, `query:id_user`, as the program reads it.
    let names: Vec<&str> =
        parameters.iter().filter_map(|parameter| sampler.resolve(parameter).get("name")?.as_str()).collect();
    let mut params = Map::new();
    for parameter in parameters {
        let resolved = sampler.resolve(parameter);
        let Some(name) = resolved.get("name").and_then(Value::as_str) else { continue };
        let location = resolved.get("in").and_then(Value::as_str).unwrap_or("query");
        let key = if names.iter().filter(|other| **other == name).count() > 1 {
            format!("{location}:{name}")
        } else {
            name.to_owned()
        };
        let required = resolved.get("required").and_then(Value::as_bool).unwrap_or(false)
            || resolved.get("in").and_then(Value::as_str) == Some("path");
        if required || sampler.has_example(parameter) {
            let value = sampler.parameter(parameter);
            params.insert(key, value);
        }
    }
    let mut line = json!({"operation": listed.operation, "params": params});
    if !listed.body.is_empty() {
        let request_body = operation.get("requestBody").ok_or("the operation's body is not in the document")?;
        let body = sampler.body(request_body, &listed.body).ok_or("the body's media type is not in the document")?;
        line["body"] = body;
    }
    Ok(line)
}

/// Runs the program on `lines` against `url` and reads its answers, one per line, within
/// the time limit.
fn run(program: &Path, url: &str, lines: Vec<String>) -> Result<Vec<Value>, String> {
    let mut child = Command::new(program)
        .arg(url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot run {}: {error}", program.display()))?;
    let mut stdin = child.stdin.take().ok_or("the program's stdin")?;
    let stdout = child.stdout.take().ok_or("the program's stdout")?;
    let writer = std::thread::spawn(move || {
        for line in lines {
            if writeln!(stdin, "{line}").is_err() {
                break;
            }
        }
    });
    let (sender, receiver) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + CALLS_LIMIT;
    let mut outcomes = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(left) {
            Ok(line) => outcomes.push(
                serde_json::from_str(&line).unwrap_or_else(|_| json!({"outcome": "bad_output", "message": line})),
            ),
            // The program finished (stdout closed) or ran out of time: either way, done.
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = writer.join();
    let _ = reader.join();
    Ok(outcomes)
}

/// Where a failed call is counted.
enum Bucket {
    /// The client's: what the generator or the runtime got wrong, or the harness's values.
    Failed,
    /// Prism's: an answer it cannot generate, a media type it cannot write.
    PrismLimit,
    /// The document's: no client could make the call succeed as the document is written.
    DocumentFlaw,
}

/// One call's answer: what the program said of it, what Prism logged of it, and where
/// Prism's answers came from.
struct Answered<'a> {
    outcome: &'a Value,
    exchange: Option<&'a prism::Exchange>,
    answers: Answers,
}

/// Counts one call's outcome in its class. `operation` is the document's operation object.
fn classify(
    calls: &mut Calls,
    sampler: &mut sampler::Sampler<'_>,
    operation: Option<&Value>,
    listed: &Listed,
    answered: &Answered<'_>,
    notes: &[String],
) {
    let Answered { outcome, exchange, answers } = *answered;
    // Messages start with the operation (`getThing (GET /things) failed ...`): not part of a class.
    let text = |key: &str| {
        let text = outcome[key].as_str().unwrap_or_default();
        let without = text.strip_prefix(listed.operation.as_str()).and_then(|rest| rest.strip_prefix(" ("));
        match without.and_then(|rest| rest.split_once(") ")) {
            Some((_, rest)) => rest.to_owned(),
            None => text.to_owned(),
        }
    };
    let status = outcome["status"].as_u64().map_or_else(String::new, |status| status.to_string());
    let first = |detail: &str| format!("{}: {}", listed.operation, detail.chars().take(300).collect::<String>());
    // What could not be honoured in the call's values, which may be why it failed.
    let noted = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) };
    let flawed = notes.iter().any(|note| sampler::DOCUMENT_FLAWS.contains(&note.as_str()));
    // Prism answers an operation the document gives no success answer with the first it has.
    let no_success = operation
        .and_then(|operation| operation.get("responses"))
        .and_then(Value::as_object)
        .is_some_and(|responses| !responses.keys().any(|status| status.starts_with('2')));
    let (bucket, class, detail) = match text("outcome").as_str() {
        "decoded" => {
            calls.decoded += 1;
            return;
        }
        "status" => {
            let terminated = exchange.and_then(|exchange| exchange.terminated.as_deref());
            let violation = exchange.and_then(|exchange| exchange.violation.as_deref());
            match (violation, terminated) {
                (Some(violation), _) if is_prism_validation_limit(violation) => (
                    Bucket::PrismLimit,
                    format!("{status} Prism's validator: {}", normalize(violation)),
                    violation.to_owned(),
                ),
                (Some(violation), _) => (
                    if flawed { Bucket::DocumentFlaw } else { Bucket::Failed },
                    format!("{status} invalid request: {}{noted}", normalize(violation)),
                    violation.to_owned(),
                ),
                // A path with a fragment or a query in it (AWS's `/#X-Amz-Target=...`) is sent
                // without them, as a URL must be: Prism, which matches what it receives against
                // the whole template, finds no operation there.
                (None, Some(reason))
                    if matches!(prism_error(reason).as_str(), "NO_PATH_MATCHED_ERROR" | "NO_METHOD_MATCHED_ERROR")
                        && listed.path.contains(['#', '?']) =>
                {
                    (
                        Bucket::PrismLimit,
                        format!("{status} Prism: {} for a path with a `#` or `?` in its template", prism_error(reason)),
                        reason.to_owned(),
                    )
                }
                (None, Some(reason)) => (
                    if is_prism_limit(reason) { Bucket::PrismLimit } else { Bucket::Failed },
                    format!("{status} Prism: {}", prism_error(reason)),
                    reason.to_owned(),
                ),
                (None, None) if no_success => (
                    Bucket::DocumentFlaw,
                    format!("{status} answered: the document gives the operation no success answer"),
                    text("body"),
                ),
                (None, None) => (
                    Bucket::Failed,
                    format!("{status} answered without a validation error (the document's answer)"),
                    text("body"),
                ),
            }
        }
        "decode" => {
            let detail = format!("at `{}`: {}; body: {}", text("path"), text("message"), text("excerpt"));
            let class = format!("{status} answer did not decode: {}", normalize(&text("message")));
            let answer = operation.and_then(|operation| json_answer(sampler, operation, &status));
            match answer {
                Some(answer)
                    if matches!(text("excerpt").as_str(), "" | "(empty)")
                        && answer.get("schema").is_none()
                        && answer.get("example").is_none()
                        && answer.get("examples").is_none() =>
                {
                    (
                        Bucket::PrismLimit,
                        format!("{status} Prism: an empty body for a JSON answer with no schema or example"),
                        detail,
                    )
                }
                // Only an answer Prism took from the document's examples can be their flaw.
                Some(answer) if answers == Answers::Examples && example_misfits(sampler, &answer, &text("path")) => (
                    Bucket::DocumentFlaw,
                    format!("{class} (the document's example answer does not fit its schema)"),
                    detail,
                ),
                _ => match exchange.and_then(|exchange| exchange.answer_violation.as_deref()) {
                    // Prism made an answer that its own check finds does not fit the document.
                    Some(violation) => (
                        Bucket::PrismLimit,
                        format!("{status} Prism's answer does not fit the document: {}", normalize(violation)),
                        detail,
                    ),
                    // Prism's sampler said it could not make the answer right.
                    None => match exchange.and_then(|exchange| exchange.sampler_warning.as_deref()) {
                        Some(warning) => (
                            Bucket::PrismLimit,
                            format!("{status} Prism's sampler: {}", normalize(warning)),
                            format!("{detail} (Prism: {warning})"),
                        ),
                        None => (Bucket::Failed, class, detail),
                    },
                },
            }
        }
        "prism_crashed" => {
            (Bucket::PrismLimit, format!("Prism crashed: {}", normalize(&text("message"))), text("message"))
        }
        "arguments" => (
            Bucket::Failed,
            format!("value refused by the crate's types: {}{noted}", normalize(&text("message"))),
            text("message"),
        ),
        "invalid_argument" => {
            (Bucket::Failed, format!("refused before sending: {}", normalize(&text("message"))), text("message"))
        }
        "credentials" => (Bucket::Failed, "refused before sending: credentials".to_owned(), text("message")),
        "connection" | "timeout" => {
            (Bucket::Failed, format!("{}: {}", text("outcome"), normalize(&text("message"))), text("message"))
        }
        other => (Bucket::Failed, format!("harness: {other}"), text("message")),
    };
    let classes = match bucket {
        Bucket::Failed => &mut calls.failed,
        Bucket::PrismLimit => &mut calls.prism_limits,
        Bucket::DocumentFlaw => &mut calls.document_flaws,
    };
    classes.entry(class).or_insert((0, first(&detail))).0 += 1;
}

/// The document's operation object for a listed operation.
fn operation_of<'a>(sampler: &sampler::Sampler<'a>, raw: &'a Value, listed: &Listed) -> Option<&'a Value> {
    let item = sampler.resolve(raw.get("paths")?.get(&listed.path)?);
    item.get(listed.method.to_ascii_lowercase())
}

/// The JSON media type object of the operation's answer with `status` (or its range, or
/// `default`).
fn json_answer(sampler: &sampler::Sampler<'_>, operation: &Value, status: &str) -> Option<Value> {
    let responses = operation.get("responses")?;
    let range = format!("{}XX", status.chars().next()?);
    let response = [status, range.as_str(), "default"].iter().find_map(|key| responses.get(*key))?;
    let content = sampler.resolve(response).get("content")?.as_object()?;
    content.iter().find(|(media_type, _)| sampler::is_json_like(media_type)).map(|(_, media)| media.clone())
}

/// Whether the example Prism answered with does not fit the answer's schema at `path`, the
/// place decoding failed (`data.items[0].id`): the media type's example, or the `example`
/// (or `default`) of a schema on the way there, which Prism answers with when the media type
/// has none, read at the rest of the path and checked against the schema there.
fn example_misfits(sampler: &mut sampler::Sampler<'_>, answer: &Value, path: &str) -> bool {
    let Some(schema) = answer.get("schema") else { return false };
    let steps: Vec<&str> =
        path.split(['.', '[']).map(|step| step.trim_end_matches(']')).filter(|step| !step.is_empty()).collect();
    // The schemas along the path, the answer's first.
    let mut schemas = vec![sampler.flatten(schema, 0)];
    for step in &steps {
        let current = sampler.one_alternative(&schemas[schemas.len() - 1]);
        let next = if step.bytes().all(|byte| byte.is_ascii_digit()) {
            current.get("items")
        } else {
            current
                .get("properties")
                .and_then(|properties| properties.get(*step))
                .or_else(|| current.get("additionalProperties").filter(|additional| additional.is_object()))
        };
        let Some(next) = next.cloned() else { return false };
        schemas.push(sampler.flatten(&next, 0));
    }
    let Some(target) = schemas.last().cloned() else { return false };
    // Where Prism's answer comes from: the media type's example, else the first schema on the
    // way that has one (the deeper ones are read only when the outer ones have none).
    let mut sources: Vec<(Value, usize)> = Vec::new();
    if let Some(example) = sampler.example_of(answer) {
        sources.push((example, 0));
    }
    for (depth, schema) in schemas.iter().enumerate() {
        for keyword in ["example", "default"] {
            if let Some(example) = schema.get(keyword) {
                sources.push((example.clone(), depth));
            }
        }
        // Without them, an enum's first value.
        if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|values| values.first()) {
            sources.push((first.clone(), depth));
        }
    }
    sources.into_iter().any(|(example, depth)| {
        let at_path = steps[depth..].iter().try_fold(&example, |value, step| match step.parse::<usize>() {
            Ok(index) if value.is_array() => value.get(index),
            _ => value.get(*step),
        });
        at_path.is_some_and(|value| !sampler.fits(value, &target, 0))
    })
}

/// Prism's errors that say what Prism cannot do, not what is wrong with the request.
fn is_prism_limit(reason: &str) -> bool {
    let code = prism_error(reason);
    !matches!(
        code.as_str(),
        "NO_PATH_MATCHED_ERROR"
            | "NO_METHOD_MATCHED_ERROR"
            | "INVALID_CONTENT_TYPE"
            | "UNPROCESSABLE_ENTITY"
            | "UNAUTHORIZED"
    )
}

/// Validation messages that are Prism not reading the document, rather than the request
/// not fitting it.
fn is_prism_validation_limit(violation: &str) -> bool {
    violation.contains("unknown format")
        || violation.contains("schema is invalid")
        || violation.contains("can't resolve reference")
}

/// The code of a Prism error (`https://stoplight.io/prism/errors#NO_RESPONSE_DEFINED: ...`),
/// or the message's class when it has none.
fn prism_error(reason: &str) -> String {
    match reason.split_once('#') {
        Some((_, rest)) => rest.split(':').next().unwrap_or(rest).trim().to_owned(),
        None => normalize(reason),
    }
}

/// A message with what varies between operations taken out: names (quoted, in parentheses,
/// or the word after `property`, `parameter` or `header`) and numbers.
fn normalize(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    // Quoted and parenthesised spans first: they may hold spaces.
    let mut spans = String::new();
    let mut closing: Option<char> = None;
    let mut previous = ' ';
    for ch in first.chars() {
        match closing {
            Some(end) if ch == end => closing = None,
            Some(_) => {}
            None if matches!(ch, '"' | '`') || (ch == '\'' && !previous.is_alphanumeric()) => {
                closing = Some(ch);
                spans.push('…');
            }
            None if ch == '(' => {
                closing = Some(')');
                spans.push_str("(…)");
            }
            None => spans.push(ch),
        }
        previous = ch;
    }
    let mut out: Vec<String> = Vec::new();
    let mut hide_next = false;
    for word in spans.split_whitespace() {
        if hide_next {
            out.push("…".to_owned());
        } else {
            let mut digits_hidden = String::new();
            let mut in_number = false;
            for ch in word.chars() {
                if !ch.is_ascii_digit() {
                    digits_hidden.push(ch);
                } else if !in_number {
                    digits_hidden.push('N');
                }
                in_number = ch.is_ascii_digit();
            }
            out.push(digits_hidden);
        }
        hide_next = matches!(word, "property" | "parameter" | "header" | "field" | "variant" | "operation");
    }
    out.join(" ").chars().take(110).collect()
}

/// Lints the exercised crates and their programs with clippy (`-D warnings`), one invocation
/// for all of them; the messages go to each crate's `Calls`.
pub fn lint(work: &Path, crates: &mut [(&str, &mut Calls)]) -> Result<(), String> {
    if crates.is_empty() {
        return Ok(());
    }
    let mut command = cargo();
    command.current_dir(work.join("crates")).args([
        "clippy",
        "--examples",
        "--lib",
        "--keep-going",
        "--message-format=json",
        "--quiet",
    ]);
    for (name, _) in crates.iter() {
        command.args(["-p", name]);
    }
    let output = command
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot run cargo clippy: {error}"))?;
    let crates_dir = work.join("crates");
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else { continue };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let level = message["message"]["level"].as_str().unwrap_or_default();
        let text = message["message"]["message"].as_str().unwrap_or_default();
        if !matches!(level, "error" | "warning") || text.starts_with("aborting due to") || text.ends_with("emitted") {
            continue;
        }
        let Some(name) = message["target"]["src_path"].as_str().and_then(|path| {
            let relative = Path::new(path).strip_prefix(&crates_dir).ok()?;
            Some(relative.components().next()?.as_os_str().to_string_lossy().into_owned())
        }) else {
            continue;
        };
        let code = message["message"]["code"]["code"].as_str().unwrap_or("");
        let rendered = message["message"]["rendered"].as_str().unwrap_or(text);
        let first: String = rendered.lines().take(3).collect::<Vec<_>>().join(" | ");
        if let Some((_, calls)) = crates.iter_mut().find(|(crate_name, _)| *crate_name == name) {
            calls.lints.entry(format!("{level} {code}").trim().to_owned()).or_insert((0, first)).0 += 1;
        }
    }
    Ok(())
}

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
    let share = crate::corpus::percent;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_lose_their_names_and_numbers() {
        assert_eq!(normalize("Request body property email must be string"), "Request body property … must be string");
        assert_eq!(normalize("Request query parameter limit must be <= 100"), "Request query parameter … must be <= N");
        assert_eq!(normalize("must have required property 'name'"), "must have required property …");
        assert_eq!(
            normalize("invalid type: string \"ClearBlade Platform\", expected a map (AboutInfo) at line 1"),
            "invalid type: string …, expected a map (…) at line N"
        );
        assert_eq!(normalize("the API's answer isn't JSON"), "the API's answer isn't JSON");
        assert_eq!(
            prism_error("https://stoplight.io/prism/errors#NO_RESPONSE_DEFINED: No response"),
            "NO_RESPONSE_DEFINED"
        );
    }

    #[test]
    fn an_answer_that_does_not_decode_is_the_document_s_when_its_example_does_not_fit() {
        let document = json!({"openapi": "3.0.0", "paths": {}});
        let mut sampler = sampler::Sampler::new(&document);
        let schema = json!({"type": "array", "items": {"type": "object", "properties": {
            "pk": {"type": "boolean"},
            "ttl": {"type": "integer", "example": "432000"}
        }}});
        let answer = json!({"schema": schema, "example": [{"pk": "false"}]});
        assert!(example_misfits(&mut sampler, &answer, "[0].pk"));
        let answer = json!({"schema": schema, "example": [{"pk": false}]});
        assert!(!example_misfits(&mut sampler, &answer, "[0].pk"), "the example fits there");
        let answer = json!({"schema": schema});
        assert!(example_misfits(&mut sampler, &answer, "[0].ttl"), "the property's own example");
        assert!(!example_misfits(&mut sampler, &answer, "[0].pk"), "made from the schema: the client's failure");
    }

    #[test]
    fn calls_are_planned_from_the_document() {
        let document = json!({
            "openapi": "3.0.0",
            "paths": {"/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "post": {
                    "parameters": [
                        {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
                        {"name": "id", "in": "query", "example": "seven", "schema": {"type": "string"}},
                        {"name": "tag", "in": "query", "example": "small", "schema": {"type": "string"}}
                    ],
                    "requestBody": {"content": {"application/json": {"example": {"name": "Rex"}}}}
                }
            }}
        });
        let mut sampler = sampler::Sampler::new(&document);
        let listed = Listed {
            operation: "addPet".to_owned(),
            method: "POST".to_owned(),
            path: "/pets/{id}".to_owned(),
            body: "application/json".to_owned(),
        };
        assert_eq!(
            plan(&mut sampler, &document, &listed),
            Ok(json!({
                "operation": "addPet",
                "params": {"path:id": 1, "query:id": "seven", "tag": "small"},
                "body": {"name": "Rex"}
            }))
        );
        let missing = Listed { path: "/other".to_owned(), ..listed };
        assert_eq!(
            plan(&mut sampler, &document, &missing),
            Err("the operation's path is not in the document".to_owned())
        );
    }
}
