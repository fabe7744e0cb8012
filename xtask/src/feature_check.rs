//! `cargo xtask features`: the crate generated from a real document, GitHub's REST API (npm
//! `@octokit/openapi`, pinned in `tools/package-lock.json`), checked with no feature and with
//! each feature alone (`--all`: every one, and all of them together; else a fixed sample).
//!
//! The fixtures' crates are checked feature by feature in `codegen/tests/compile_fixtures.rs`,
//! but they are small: the ways a real document's 47 tags share types (a type's `#[cfg]`, the
//! parts of a split file) only show at its size. The crate is written under `target/`, never
//! into `generated/`, with its own target folder.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{cargo, tools, workspace_root};

/// GitHub's document, relative to the workspace root, once the npm tools are installed.
pub const GITHUB_DOCUMENT: &str = "tools/node_modules/@octokit/openapi/generated/api.github.com.json";
const CRATE_NAME: &str = "github-client";
/// How many features alone `cargo xtask test` checks: about a quarter of GitHub's, which
/// takes about a minute once the dependencies are built (measured in the README).
pub const CI_SAMPLE: usize = 12;

struct Args {
    all: bool,
    sample: usize,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args { all: false, sample: CI_SAMPLE };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--all" => parsed.all = true,
            "--sample" => {
                let value = rest.next().ok_or("features: --sample needs a number")?;
                parsed.sample =
                    value.parse().map_err(|_| format!("features: --sample takes a number, not `{value}`"))?;
            }
            other => return Err(format!("features: unknown argument `{other}`\n\n{}", crate::USAGE)),
        }
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let root = workspace_root();
    let dir = root.join("target/features");
    let features = write_github_crate(&root, &dir, codegen::Options::default().split_models)?;
    let chosen = if args.all { features.clone() } else { sample(&features, args.sample) };
    println!(
        "checking {CRATE_NAME} (from GitHub's document, {} features): no feature, {}{}",
        features.len(),
        if args.all {
            "every feature alone".to_owned()
        } else {
            format!("{} features alone: {}", chosen.len(), chosen.join(", "))
        },
        if args.all { ", every feature together" } else { "" }
    );
    let started = Instant::now();
    let mut runs: Vec<(String, Vec<String>)> =
        vec![("no feature".to_owned(), vec!["--no-default-features".to_owned()])];
    for feature in &chosen {
        runs.push((
            format!("`{feature}` alone"),
            vec!["--no-default-features".to_owned(), format!("--features={feature}")],
        ));
    }
    if args.all {
        runs.push(("every feature".to_owned(), vec!["--all-features".to_owned()]));
    }
    let mut failures = Vec::new();
    for (name, flags) in &runs {
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        let check = check(&dir, &flags)?;
        let peak = check.cost.peak_mb.map(|mb| format!(", peak {mb:.0} MB")).unwrap_or_default();
        if check.problems.is_empty() && check.success {
            println!("  ok    {name} ({:.1} s{peak})", check.cost.took.as_secs_f64());
        } else {
            println!("  FAIL  {name}: {} problem(s)", check.problems.len());
            for line in check.problems.iter().take(5) {
                println!("          {line}");
            }
            if check.problems.is_empty() {
                println!("          {}", check.output.lines().last().unwrap_or("cargo check failed"));
            }
            failures.push(name.clone());
        }
    }
    println!("{} checks in {:.0} s", runs.len(), started.elapsed().as_secs_f64());
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{CRATE_NAME} does not compile cleanly with: {}", failures.join("; ")))
    }
}

/// Writes the crate generated from GitHub's document into `dir/github-client`, depending on
/// the workspace's `runtime/` crate, and a workspace around it with the project's
/// `Cargo.lock`; returns its features (the groups', `unreferenced-models` and `mock`).
/// `split_models` is the generator's option: by default the models go into crates of their own.
pub fn write_github_crate(root: &Path, dir: &Path, split_models: Option<usize>) -> Result<Vec<String>, String> {
    tools::node_tools(root)?;
    let document = root.join(GITHUB_DOCUMENT);
    let bytes = std::fs::read(&document).map_err(|error| format!("cannot read {}: {error}", document.display()))?;
    Ok(write_github_crate_from(root, dir, split_models, crate::project::runtime_crate(root), &bytes)?.0)
}

/// GitHub's document as `Cargo.toml` would publish it: standalone (its runtime a crate of its
/// own beside the models crates), in `dir`, a workspace of its own.
pub fn write_standalone_github_crate(root: &Path, dir: &Path) -> Result<(), String> {
    tools::node_tools(root)?;
    let document = root.join(GITHUB_DOCUMENT);
    let bytes = std::fs::read(&document).map_err(|error| format!("cannot read {}: {error}", document.display()))?;
    let split = codegen::Options::default().split_models;
    write_github_crate_from(root, dir, split, codegen::RuntimeSource::Copied, &bytes).map(|_| ())
}

/// [`write_github_crate`] from a document given as `bytes` (GitHub's, edited): also says
/// which files of the crate changed.
pub fn write_github_crate_from(
    root: &Path,
    dir: &Path,
    split_models: Option<usize>,
    runtime: codegen::RuntimeSource,
    bytes: &[u8],
) -> Result<(Vec<String>, crate::output::Changes), String> {
    let options = codegen::Options {
        crate_name: CRATE_NAME.to_owned(),
        source_name: GITHUB_DOCUMENT.to_owned(),
        runtime,
        split_models,
        ..codegen::Options::default()
    };
    let generated = codegen::generate(&options.source_name, bytes, &options).map_err(|failure| failure.to_string())?;
    let crate_dir = dir.join(CRATE_NAME);
    // Only changed files are written, so that a second run finds cargo's results fresh.
    let changes = crate::output::update_dir(&crate_dir, &generated.files)
        .map_err(|error| format!("cannot write {}: {error}", crate_dir.display()))?;
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [\"{CRATE_NAME}\"]\n");
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|error| error.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|error| error.to_string())?;
    let mut features = generated.api.features();
    features.push("mock".to_owned());
    Ok((features, changes))
}

/// `count` of `features`, the same ones every time for the same names: those whose names
/// hash lowest. A feature's place depends on its name alone, so a new tag in the document
/// changes the sample by at most that tag.
pub fn sample(features: &[String], count: usize) -> Vec<String> {
    let mut by_hash: Vec<(u64, &String)> = features.iter().map(|feature| (fnv1a(feature), feature)).collect();
    by_hash.sort();
    let mut chosen: Vec<String> = by_hash.into_iter().take(count).map(|(_, feature)| feature.clone()).collect();
    chosen.sort();
    chosen
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// What one cargo command cost: its time and memory.
#[derive(Clone, Copy)]
pub struct Cost {
    pub took: Duration,
    /// The peak resident memory of the largest process (cargo or a rustc it ran), from
    /// `/usr/bin/time`'s maximum RSS; `None` without it.
    pub peak_mb: Option<f64>,
    /// The peak of the resident memory of every rustc running at once, sampled every 100 ms:
    /// what the machine must have when cargo compiles several crates side by side.
    pub summed_peak_mb: f64,
}

/// Runs `cargo args` in `dir` with `envs` (and without the caller's `RUSTFLAGS`: the crates
/// are measured as a user builds them), under `/usr/bin/time` where there is one, sampling
/// the rustc processes' memory. Returns what it cost, whether it succeeded, and its stderr.
pub fn measured_cargo(dir: &Path, envs: &[(&str, &OsStr)], args: &[&str]) -> Result<(Cost, bool, String), String> {
    let mut command = timed(cargo().get_program());
    command.current_dir(dir).args(args).envs(envs.iter().copied()).env_remove("RUSTFLAGS");
    let started = Instant::now();
    let sampler = RustcMemory::start();
    let output = command.output().map_err(|error| format!("cannot run {command:?}: {error}"))?;
    let took = started.elapsed();
    let summed_peak_mb = sampler.stop();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let peak_mb = peak_mb(&stderr);
    Ok((Cost { took, peak_mb, summed_peak_mb }, output.status.success(), stderr))
}

/// The line `/usr/bin/time` adds to a [`timed`] command's stderr, before the figure.
const PEAK_LINE: &str = "PEAK_KB ";

/// `program` under `/usr/bin/time`, which adds the peak resident memory of its largest
/// process to its stderr (read with [`peak_mb`]); `program` alone where there is no
/// `/usr/bin/time`.
pub fn timed(program: impl AsRef<OsStr>) -> Command {
    let time = Path::new("/usr/bin/time");
    if time.exists() {
        let mut command = Command::new(time);
        command.args(["-f", &format!("{PEAK_LINE}%M")]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// The peak memory, in MB, that `/usr/bin/time` wrote into a [`timed`] command's `stderr`.
pub fn peak_mb(stderr: &str) -> Option<f64> {
    stderr
        .lines()
        .find_map(|line| line.strip_prefix(PEAK_LINE))
        .and_then(|kb| kb.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
}

/// Whether a line of a [`timed`] command's stderr is `/usr/bin/time`'s, not the command's.
pub fn is_peak_line(line: &str) -> bool {
    line.starts_with(PEAK_LINE)
}

/// One `cargo check` of the crate.
pub struct Check {
    pub success: bool,
    pub cost: Cost,
    /// The crate's errors and warnings, one line each (`file:line:column: error...`).
    pub problems: Vec<String>,
    pub output: String,
}

/// `cargo check` of the crate in `dir` with `flags`, in `dir/target`, not incrementally (as
/// a dependency is built).
pub fn check(dir: &Path, flags: &[&str]) -> Result<Check, String> {
    let target: PathBuf = dir.join("target");
    let envs = [("CARGO_TARGET_DIR", target.as_os_str()), ("CARGO_INCREMENTAL", OsStr::new("0"))];
    let mut args = vec!["check", "--quiet", "--message-format=short", "--package", CRATE_NAME];
    args.extend(flags);
    let (cost, success, output) = measured_cargo(dir, &envs, &args)?;
    let problems = output
        .lines()
        .filter(|line| line.contains(": error") || line.contains(": warning"))
        .map(str::to_owned)
        .collect();
    Ok(Check { success, cost, problems, output })
}

/// Samples the summed resident memory of the machine's rustc processes until stopped.
struct RustcMemory {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    sampler: std::thread::JoinHandle<f64>,
}

impl RustcMemory {
    fn start() -> RustcMemory {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        let sampler = std::thread::spawn(move || {
            let mut peak: f64 = 0.0;
            while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(rustc_rss_mb());
                std::thread::sleep(Duration::from_millis(100));
            }
            peak
        });
        RustcMemory { stop, sampler }
    }

    /// The peak, in MB.
    fn stop(self) -> f64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.sampler.join().unwrap_or_default()
    }
}

/// The resident memory of every process named `rustc`, summed, in MB (Linux's `/proc`).
fn rustc_rss_mb() -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0.0 };
    let page_kb = 4.0;
    entries
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().bytes().all(|byte| byte.is_ascii_digit()))
        .filter(|entry| std::fs::read_to_string(entry.path().join("comm")).is_ok_and(|comm| comm.trim() == "rustc"))
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("statm")).ok())
        .filter_map(|statm| statm.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map(|pages| pages * page_kb / 1024.0)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_depends_on_the_names_alone() {
        let names: Vec<String> = (0..40).map(|index| format!("tag_{index}")).collect();
        let chosen = sample(&names, 10);
        assert_eq!(chosen.len(), 10);
        let mut reversed = names.clone();
        reversed.reverse();
        assert_eq!(sample(&reversed, 10), chosen, "the order features are listed in does not matter");
        let mut more = names.clone();
        more.push("a_new_tag".to_owned());
        let resampled = sample(&more, 10);
        let changed: Vec<&String> = resampled.iter().filter(|name| !chosen.contains(name)).collect();
        assert!(changed.len() <= 1, "a new feature displaces at most one: {changed:?}");
        assert_eq!(sample(&names, 100).len(), 40);
    }
}
