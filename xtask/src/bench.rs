//! `cargo xtask bench`: how fast the generator and the generated client are, each figure next
//! to the floor it is compared with, measured side by side in one run.
//!
//! The generation figures come from `xtask bench --generation-only FILE`, run in release mode
//! in a process of its own (it reads its own peak memory from `/proc`); the client figures from `cargo bench -p client-tests`;
//! the build figures from timing cargo on the generated crates, with their dependencies
//! already built.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::synthetic::{self, Size};
use crate::{cargo, workspace_root};
use crate::{feature_check, first_build};

mod edit_loop;

/// One row of the table.
struct Row {
    figure: String,
    measured: String,
    floor: String,
    ratio: String,
    target: String,
}

impl Row {
    fn from_json(line: &Value) -> Row {
        let unit = line["unit"].as_str().unwrap_or("");
        let number = |key: &str| line[key].as_f64().unwrap_or(f64::NAN);
        Row {
            figure: line["figure"].as_str().unwrap_or("?").to_owned(),
            measured: format!("{} {unit}", pretty(number("measured"))),
            floor: format!("{} {unit}", pretty(number("floor"))),
            ratio: format!("{:.2}", number("ratio")),
            target: line["target"].as_str().unwrap_or("").to_owned(),
        }
    }
}

fn pretty(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.4}")
    }
}

struct Args {
    quick: bool,
    /// Only the edit loop's figures: both crate graphs, on Cloudflare's shape and GitHub's.
    edit_loop: bool,
    /// Only a user's first build, against the same program written by hand.
    first_build: bool,
    /// The document to measure generation from, alone: the part `run` starts in release mode.
    generation_only: Option<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args { quick: false, edit_loop: false, first_build: false, generation_only: None };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--quick" => parsed.quick = true,
            "--edit-loop" => parsed.edit_loop = true,
            "--first-build" => parsed.first_build = true,
            "--generation-only" => {
                parsed.generation_only = Some(rest.next().ok_or("bench: --generation-only needs a document")?.clone())
            }
            other => return Err(format!("bench: unknown argument `{other}`\n\n{}", crate::USAGE)),
        }
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    if let Some(document) = &args.generation_only {
        return generation(document);
    }
    let root = workspace_root();
    let mut rows = Vec::new();
    if args.edit_loop {
        print_rows(edit_loop::rows(&root)?);
        return Ok(());
    }
    if args.first_build {
        print_rows(first_build_rows(&root)?);
        return Ok(());
    }

    // 1. Generation against parsing: the spec; a document of Cloudflare's size, pretty-printed
    // and on one line as Cloudflare publishes its own (where a column counted from the start
    // of the line for each warning would be quadratic); and GitHub's real document, with the
    // release generator and with the debug one.
    let bench_dir = root.join("target/bench");
    std::fs::create_dir_all(&bench_dir).map_err(|e| e.to_string())?;
    let whole = synthetic::document(Size::CLOUDFLARE, 1);
    let synthetic = bench_dir.join("synthetic.json");
    let document = serde_json::to_vec_pretty(&whole).map_err(|e| e.to_string())?;
    std::fs::write(&synthetic, &document).map_err(|e| e.to_string())?;
    let one_line = bench_dir.join("synthetic-one-line.json");
    std::fs::write(&one_line, serde_json::to_vec(&whole).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    println!("synthetic document: {:.1} MB, {} operations", document.len() as f64 / 1e6, Size::CLOUDFLARE.operations);
    // The synthetic document at GitHub's scale, to hold it against GitHub's real one.
    let at_github_scale = bench_dir.join("synthetic-github-scale.json");
    let scaled = serde_json::to_vec_pretty(&synthetic::document(Size::GITHUB, 1)).map_err(|e| e.to_string())?;
    std::fs::write(&at_github_scale, scaled).map_err(|e| e.to_string())?;
    // The same with as many tags as Microsoft Graph has features (829): work done per feature
    // per models crate shows here, where 400 tags hide it less.
    let many_tags = bench_dir.join("synthetic-800-tags.json");
    let tagged = synthetic::document(Size { tags: 800, ..Size::CLOUDFLARE }, 1);
    std::fs::write(&many_tags, serde_json::to_vec_pretty(&tagged).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    crate::tools::node_tools(&root)?;
    let github = root.join(feature_check::GITHUB_DOCUMENT);
    let mut generations: Vec<Vec<Value>> = Vec::new();
    for (spec, release) in [
        (root.join(crate::project::SPEC), true),
        (synthetic.clone(), true),
        (one_line, true),
        (github.clone(), true),
        (github, false),
        (at_github_scale.clone(), true),
        (many_tags, true),
    ] {
        let mut command = cargo();
        command.current_dir(&root).args(["run", "--quiet", "--package", "xtask"]);
        if release {
            command.arg("--release");
        }
        let output = command
            .args(["--", "bench", "--generation-only"])
            .arg(&spec)
            .output()
            .map_err(|error| format!("cannot run the generation benchmark: {error}"))?;
        if !output.status.success() {
            return Err(format!("the generation benchmark failed:\n{}", String::from_utf8_lossy(&output.stderr)));
        }
        let lines = bench_lines(&String::from_utf8_lossy(&output.stdout));
        rows.extend(lines.iter().map(Row::from_json));
        generations.push(lines);
    }
    // The one-line document against the pretty-printed one: the same warnings, located in a
    // 12 MB line. Quadratic column counting would make this many times 1.
    let time_of = |run: usize| generations[run].first().and_then(|line| line["measured"].as_f64()).unwrap_or(f64::NAN);
    rows.push(Row {
        figure: "generate from the synthetic document on one line, against the same pretty-printed".to_owned(),
        measured: format!("{:.0} ms", time_of(2)),
        floor: format!("{:.0} ms", time_of(1)),
        ratio: format!("{:.2}", time_of(2) / time_of(1)),
        target: "<= 1.2 (columns in one pass)".to_owned(),
    });
    // 800 tags against 400, the same operations and schemas: before each models crate's
    // features were found once, the manifest made this about 2.5.
    rows.push(Row {
        figure: "generate from the synthetic document with 800 tags, against 400".to_owned(),
        measured: format!("{:.0} ms", time_of(6)),
        floor: format!("{:.0} ms", time_of(1)),
        ratio: format!("{:.2}", time_of(6) / time_of(1)),
        target: "<= 1.2 (nothing per feature per crate)".to_owned(),
    });
    // The synthetic document at GitHub's scale (its operations, schemas and tags) against
    // GitHub's real one: how honest the synthetic is.
    for key in ["lines", "types", "warnings"] {
        let of = |run: usize| generations[run].first().and_then(|line| line[key].as_f64()).unwrap_or(f64::NAN);
        rows.push(Row {
            figure: format!("{key} generated: the synthetic document at GitHub's scale, against GitHub's"),
            measured: format!("{:.0}", of(5)),
            floor: format!("{:.0}", of(3)),
            ratio: format!("{:.2}", of(5) / of(3)),
            target: "0.8 to 1.2".to_owned(),
        });
    }

    // 2-4. The client against hand-written code.
    println!("running the client benchmarks (about three minutes)");
    let output = cargo()
        .current_dir(&root)
        .args(["bench", "--quiet", "--package", "client-tests", "--bench", "client"])
        .output()
        .map_err(|error| format!("cannot run the client benchmarks: {error}"))?;
    if !output.status.success() {
        return Err(format!("the client benchmarks failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    rows.extend(bench_lines(&String::from_utf8_lossy(&output.stdout)).iter().map(Row::from_json));

    // 5. Building the generated crates alone.
    rows.push(build_spec_crate(&root)?);
    let (github_rows, github_check) = check_github_crate(&root, !args.quick)?;
    rows.extend(github_rows);
    rows.extend(edit_loop::rows(&root)?);
    rows.extend(first_build_rows(&root)?);
    rows.extend(check_synthetic_at_github_scale(&root, &at_github_scale, &github_check)?);
    rows.extend(build_synthetic_crate(&root, &synthetic, !args.quick)?);

    print_rows(rows);
    Ok(())
}

fn print_rows(rows: Vec<Row>) {
    println!();
    println!("| figure | measured | floor | ratio | target |");
    println!("|---|---|---|---|---|");
    for row in rows {
        println!("| {} | {} | {} | {} | {} |", row.figure, row.measured, row.floor, row.ratio, row.target);
    }
    println!("\nmachine: {}", machine());
}

/// A user's first build of a one-call program, against the same program written by hand.
fn first_build_rows(root: &Path) -> Result<Vec<Row>, String> {
    let (generated, by_hand) = first_build::measure(root)?;
    let row = |figure: &str, measured: f64, floor: f64, unit: &str| Row {
        figure: format!("first build of a one-call program (release, cold): {figure}, generated crate against by hand"),
        measured: format!("{} {unit}", pretty(measured)),
        floor: format!("{} {unit}", pretty(floor)),
        ratio: format!("{:.2}", measured / floor),
        target: "≤ 1.2".to_owned(),
    };
    Ok(vec![
        row("crates compiled", generated.crates as f64, by_hand.crates as f64, "crates"),
        row("time", generated.seconds, by_hand.seconds, "s"),
        Row {
            target: String::new(),
            ..row("binary size", generated.binary_bytes as f64 / 1e6, by_hand.binary_bytes as f64 / 1e6, "MB")
        },
    ])
}

fn bench_lines(output: &str) -> Vec<Value> {
    output
        .lines()
        .filter_map(|line| line.strip_prefix("BENCH "))
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect()
}

/// `xtask bench --generation-only FILE`, run in release mode: parsing alone and the whole
/// generation, alternated, then one more generation to read the peak memory of.
fn generation(path: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    let name = Path::new(path).file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let options =
        codegen::Options { crate_name: "bench".to_owned(), source_name: name.clone(), ..codegen::Options::default() };
    let rounds = if bytes.len() > 1_000_000 { 5 } else { 30 };
    let (mut parse, mut generate) = (Vec::new(), Vec::new());
    let (mut lines, mut types, mut warnings, mut operations) = (0, 0, 0, 0);
    for _ in 0..rounds {
        let started = Instant::now();
        codegen::parse_openapi(&bytes)?;
        parse.push(started.elapsed());
        let started = Instant::now();
        let generated = codegen::generate(&name, &bytes, &options).map_err(|failure| failure.to_string())?;
        generate.push(started.elapsed());
        lines = generated
            .files
            .iter()
            .filter(|file| file.path.ends_with(".rs"))
            .map(|file| file.contents.lines().count())
            .sum::<usize>();
        (types, warnings, operations) =
            (generated.api.types.len(), generated.warnings.len(), generated.api.operations.len());
    }
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2].as_secs_f64() * 1000.0
    };
    let (parse, generate) = (median(parse), median(generate));
    let profile = if cfg!(debug_assertions) { ", debug build of the generator" } else { "" };
    let figure = format!(
        "generate from {name} ({:.1} MB in, {lines} lines of Rust out, {types} types, {warnings} warnings{profile})",
        bytes.len() as f64 / 1e6
    );
    println!(
        "BENCH {}",
        json!({"figure": figure, "unit": "ms", "measured": generate, "floor": parse, "ratio": generate / parse, "target": "<= 3 (x parse)",
               "lines": lines, "types": types, "warnings": warnings, "operations": operations})
    );
    if bytes.len() > 1_000_000 {
        let peak = peak_memory_mb().unwrap_or(f64::NAN);
        println!(
            "BENCH {}",
            json!({"figure": format!("peak memory generating from {name}"), "unit": "MB", "measured": peak, "floor": bytes.len() as f64 / 1e6, "ratio": peak / (bytes.len() as f64 / 1e6), "target": "(x document size)"})
        );
    }
    Ok(())
}

/// This process's peak resident memory, from `/proc/self/status`.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024.0)
}

/// Runs cargo with `args` in `dir`: what it cost, or its errors.
fn timed(dir: &Path, envs: &[(&str, &std::ffi::OsStr)], args: &[&str]) -> Result<feature_check::Cost, String> {
    let (cost, success, stderr) = feature_check::measured_cargo(dir, envs, args)?;
    if !success {
        return Err(format!("cargo {} failed in {}:\n{stderr}", args.join(" "), dir.display()));
    }
    Ok(cost)
}

/// The memory a command took: the largest process's peak, and the rustc processes' summed.
fn memory(cost: &feature_check::Cost) -> String {
    cost.peak_mb
        .map(|mb| format!("peak {:.2} GiB, {:.2} GiB summed", mb / 1024.0, cost.summed_peak_mb / 1024.0))
        .unwrap_or_default()
}

fn build_spec_crate(root: &Path) -> Result<Row, String> {
    let build = ["build", "--quiet", "--package", crate::project::CRATE_NAME];
    timed(root, &[], &build)?;
    touch(&root.join("generated/src/lib.rs"))?;
    let took = timed(root, &[], &build)?.took;
    Ok(Row {
        figure: "build the crate from spec/ (its dependencies built)".to_owned(),
        measured: format!("{:.1} s", took.as_secs_f64()),
        floor: String::new(),
        ratio: String::new(),
        target: String::new(),
    })
}

/// The crate from GitHub's document, in both layouts side by side: its models split into
/// crates of their own (the default; in `target/features`, as `cargo xtask features` writes
/// it) and as one crate (`target/features-one-crate`). For each: `cargo check` with one
/// product's feature alone (`issues`, and `repos`, the largest) and with every feature, each
/// after the dependencies were checked and with the generated crates checked anew; with
/// `build`, also `cargo build` of every feature. Peak memory is the largest process's, and the
/// sum of the rustc processes running at once.
/// Returns the rows, and the figures of checking every feature in the default layout.
fn check_github_crate(root: &Path, full: bool) -> Result<(Vec<Row>, feature_check::Cost), String> {
    let mut rows = Vec::new();
    let mut every_feature = None;
    let layouts = [
        ("models in crates of their own", root.join("target/features"), codegen::Options::default().split_models),
        ("one crate", root.join("target/features-one-crate"), None),
    ];
    // `--quick` measures the default layout only, and builds nothing.
    for (layout, dir, split) in layouts.into_iter().take(if full { 2 } else { 1 }) {
        feature_check::write_github_crate(root, &dir, split)?;
        let generated = generated_packages(&dir.join("github-client"), "github-client");
        println!("checking the crate from GitHub's document, {layout} (several minutes)");
        // The dependencies first (with `mock`, so that `--all-features` finds `wiremock`
        // built), so that each figure is the generated crates' own check.
        feature_check::check(&dir, &["--no-default-features", "--features=mock"])?;
        let target = dir.join("target");
        let envs = [("CARGO_TARGET_DIR", target.as_os_str()), ("CARGO_INCREMENTAL", std::ffi::OsStr::new("0"))];
        let mut measure = |figure: &str, flags: &[&str], target: &str| -> Result<(), String> {
            clean(&dir, &envs, &generated)?;
            let check = feature_check::check(&dir, flags)?;
            if !check.success {
                return Err(format!("{figure} failed:\n{}", check.output));
            }
            if flags == ["--all-features"] && split.is_some() {
                every_feature = Some(check.cost);
            }
            rows.push(Row {
                figure: format!("{figure} ({layout})"),
                measured: format!("{:.1} s", check.cost.took.as_secs_f64()),
                floor: memory(&check.cost),
                ratio: String::new(),
                target: target.to_owned(),
            });
            Ok(())
        };
        let alone = ["--no-default-features", "--features=issues"];
        measure("check GitHub's crate, `issues` feature alone", &alone, "< 15 s, < 1 GiB")?;
        let largest = ["--no-default-features", "--features=repos"];
        measure("check GitHub's crate, `repos` (its largest tag) alone", &largest, "< 15 s, < 1 GiB")?;
        measure("check GitHub's crate, every feature", &["--all-features"], "< 5 min, < 4 GiB")?;
        if full {
            let args = ["build", "--quiet", "--package", "github-client", "--all-features"];
            timed(&dir, &envs, &args)?;
            clean(&dir, &envs, &generated)?;
            let build = timed(&dir, &envs, &args)?;
            rows.push(Row {
                figure: format!("build GitHub's crate, every feature ({layout})"),
                measured: format!("{:.0} s", build.took.as_secs_f64()),
                floor: memory(&build),
                ratio: String::new(),
                target: "< 4 GiB".to_owned(),
            });
        }
    }
    let every_feature = every_feature.ok_or("no figures from checking GitHub's crate with every feature")?;
    Ok((rows, every_feature))
}

/// The synthetic document at GitHub's scale, checked with every feature as GitHub's crate
/// was (models in crates of their own, dependencies checked first, the generated crates
/// anew): its check time and memory against GitHub's.
fn check_synthetic_at_github_scale(
    root: &Path,
    document: &Path,
    github: &feature_check::Cost,
) -> Result<Vec<Row>, String> {
    let dir = root.join("target/bench/synthetic-github-scale-crate");
    let bytes = std::fs::read(document).map_err(|e| e.to_string())?;
    synthetic::write_crate(&bytes, &dir)?;
    let target: PathBuf = root.join("target/bench/synthetic-target");
    let envs = [("CARGO_TARGET_DIR", target.as_os_str()), ("CARGO_INCREMENTAL", std::ffi::OsStr::new("0"))];
    let generated = generated_packages(&dir, "cloudflare-synthetic");
    println!("checking the synthetic crate at GitHub's scale (several minutes)");
    let every_feature = ["check", "--quiet", "--all-features"];
    timed(&dir, &envs, &every_feature)?;
    clean(&dir, &envs, &generated)?;
    let synthetic = timed(&dir, &envs, &every_feature)?;
    let (took, summed) = (synthetic.took, synthetic.summed_peak_mb);
    let peak = synthetic.peak_mb.unwrap_or(f64::NAN);
    let github_peak = github.peak_mb.unwrap_or(f64::NAN);
    let ratio_row = |figure: &str, measured: String, floor: String, ratio: f64| Row {
        figure: format!("{figure}: the synthetic crate at GitHub's scale, against GitHub's (every feature)"),
        measured,
        floor,
        ratio: format!("{ratio:.2}"),
        target: "0.8 to 1.2".to_owned(),
    };
    let seconds = |took: Duration| format!("{:.0} s", took.as_secs_f64());
    let gib = |mb: f64| format!("{:.2} GiB", mb / 1024.0);
    Ok(vec![
        ratio_row("check time", seconds(took), seconds(github.took), took.as_secs_f64() / github.took.as_secs_f64()),
        ratio_row("check peak memory, largest process", gib(peak), gib(github_peak), peak / github_peak),
        ratio_row(
            "check peak memory, rustc processes summed",
            gib(summed),
            gib(github.summed_peak_mb),
            summed / github.summed_peak_mb,
        ),
    ])
}

/// Writes the file again, so that cargo rebuilds the crate it belongs to (and only that).
fn touch(path: &Path) -> Result<(), String> {
    let text = std::fs::read(path).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| e.to_string())
}

/// The packages the generator wrote in `crate_dir`: the crate `name`, its models crates and
/// its products' crates (not its runtime: that one is a dependency like any other).
fn generated_packages(crate_dir: &Path, name: &str) -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(crate_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|folder| folder.starts_with("models-") || folder.starts_with("operations-"))
        .filter(|folder| crate_dir.join(folder).join("Cargo.toml").exists())
        .collect();
    folders.sort();
    std::iter::once(name.to_owned()).chain(folders.into_iter().map(|folder| format!("{name}-{folder}"))).collect()
}

/// `cargo clean` of `packages` alone, so that the next command builds them anew and nothing
/// else; `check` cleans what `cargo check` made.
fn clean(dir: &Path, envs: &[(&str, &std::ffi::OsStr)], packages: &[String]) -> Result<(), String> {
    let mut args = vec!["clean", "--quiet"];
    for package in packages {
        args.extend(["--package", package.as_str()]);
    }
    timed(dir, envs, &args).map(|_| ())
}

/// The synthetic crate: `cargo check` of one group's feature alone and of everything, and
/// with `build`, `cargo build` of everything, each after its dependencies were built, not
/// incrementally (as a dependency is built).
fn build_synthetic_crate(root: &Path, document: &Path, build: bool) -> Result<Vec<Row>, String> {
    let dir = root.join("target/bench/synthetic-crate");
    let bytes = std::fs::read(document).map_err(|e| e.to_string())?;
    let generated = synthetic::write_crate(&bytes, &dir)?;
    let api = &generated.api;
    let first_group = api.operations.first().map(|operation| &api.groups[operation.group]);
    let feature = first_group.map(|group| group.module.trim_start_matches("r#").to_owned()).unwrap_or_default();

    let target: PathBuf = root.join("target/bench/synthetic-target");
    let envs = [("CARGO_TARGET_DIR", target.as_os_str()), ("CARGO_INCREMENTAL", std::ffi::OsStr::new("0"))];
    let cargo_in = |args: &[&str]| timed(&dir, &envs, args);
    let generated = generated_packages(&dir, "cloudflare-synthetic");
    // Each figure builds the generated crates anew (touching `lib.rs` would leave the models
    // crates built).
    let anew = || clean(&dir, &envs, &generated);
    let mut rows = Vec::new();
    let row = |figure: String, cost: feature_check::Cost, target: &str| Row {
        figure,
        measured: format!("{:.0} s", cost.took.as_secs_f64()),
        floor: memory(&cost),
        ratio: String::new(),
        target: target.to_owned(),
    };

    println!("checking the synthetic crate (several minutes)");
    let one_feature = ["check", "--quiet", "--no-default-features", "--features", feature.as_str()];
    cargo_in(&one_feature)?;
    anew()?;
    rows.push(row(
        format!("check the synthetic crate's `{feature}` feature alone"),
        cargo_in(&one_feature)?,
        "< 15 s, < 1 GiB",
    ));
    anew()?;
    rows.push(row("check the whole synthetic crate".to_owned(), cargo_in(&["check", "--quiet"])?, "< 5 min, < 4 GiB"));
    if !build {
        return Ok(rows);
    }
    println!("building the synthetic crate (many minutes)");
    cargo_in(&["build", "--quiet"])?;
    anew()?;
    rows.push(row("build the whole synthetic crate".to_owned(), cargo_in(&["build", "--quiet"])?, "< 4 GiB"));
    Ok(rows)
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("model name"))
                .map(|line| line.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines().next().and_then(|line| line.split_whitespace().nth(1)).and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cpus} cores ({model}), {memory}")
}
