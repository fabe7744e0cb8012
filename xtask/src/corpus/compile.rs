//! The generated crates checked together as one cargo workspace on the runtime crate, which
//! compiles the shared dependencies once; the largest, by parts. Each crate's compiler
//! messages are recorded by class.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

use super::record::Record;
use crate::cargo;

/// A crate past this many lines is checked feature by feature, not whole: Microsoft Graph's
/// documents give crates of 5 and 10 million lines, which no 24 GiB machine checks at once,
/// while each of their features alone checks like a mid-sized document.
const WHOLE_CHECK_LINES: usize = 1_500_000;
/// How many features of such a crate are checked, besides none.
const FEATURES_OF_A_PART_CHECK: usize = 4;

/// Checks every generated crate, the ordinary ones as one workspace, the largest by parts,
/// and records each one's messages.
pub(super) fn compile_all(root: &Path, work: &Path, records: &mut [Record]) -> Result<(), String> {
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
        let chosen = crate::feature_check::sample(&features, FEATURES_OF_A_PART_CHECK);
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
    let mut child = crate::feature_check::timed(cargo().get_program())
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
    for line in stderr.lines().filter(|line| !crate::feature_check::is_peak_line(line)) {
        eprintln!("  {line}");
    }
    Ok(crate::feature_check::peak_mb(&stderr))
}
