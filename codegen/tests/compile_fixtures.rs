//! The crates generated from the fixtures compile, pass clippy with `-D warnings`, build
//! their docs without rustdoc warnings, and compile their doc examples; with the `mock`
//! feature (the test doubles) alone, with each group and with every feature.
//!
//! They are built as one workspace under `target/fixture-crates`, with their own target
//! folder (`cargo` cannot build into the folder of the `cargo test` running this) and the
//! project's `Cargo.lock`, so that dependencies resolve to the versions the project uses.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen is in the workspace").to_path_buf()
}

/// Writes each document's crate under `dir` and a workspace listing them; returns the names.
/// Every crate copies the runtime in (`RuntimeSource::Copied`, the default); the documents in
/// `on_runtime_crate` are also written as a second crate, `{name}-on-runtime-crate`, that
/// depends on the workspace's `runtime/` crate instead, so that both forms are compiled. The
/// documents in `split` are also written with their models in crates of their own (of the
/// number of types given, as a document of GitHub's size is split by 1,500), in both forms:
/// `{name}-split` (its runtime a crate beside them) and `{name}-split-on-runtime-crate`.
pub fn write_workspace(
    dir: &Path,
    documents: &[PathBuf],
    on_runtime_crate: &[&str],
    split: &[(&str, usize)],
) -> Vec<String> {
    let _ = std::fs::remove_dir_all(dir);
    let mut members = Vec::new();
    let mut variants: Vec<(PathBuf, codegen::Options)> =
        documents.iter().map(|path| (path.clone(), common::options(path))).collect();
    for path in documents {
        if on_runtime_crate.iter().any(|name| path.ends_with(name)) {
            let mut options = common::options(path);
            options.crate_name.push_str("-on-runtime-crate");
            let runtime = workspace_root().join("runtime");
            options.runtime = codegen::RuntimeSource::crate_at(runtime.display().to_string());
            variants.push((path.clone(), options));
        }
        if let Some((_, types)) = split.iter().find(|(name, _)| path.ends_with(name)) {
            // The wide graph (the default) standing alone and on the runtime crate, and the
            // chain, which the benchmarks compare it with.
            for (on_runtime, graph) in [
                (false, codegen::CrateGraph::Products),
                (true, codegen::CrateGraph::Products),
                (true, codegen::CrateGraph::Chained),
            ] {
                let mut options = common::options(path);
                options.crate_name.push_str("-split");
                options.split_models = Some(*types);
                options.crate_graph = graph;
                if graph == codegen::CrateGraph::Chained {
                    options.crate_name.push_str("-chained");
                }
                if on_runtime {
                    options.crate_name.push_str("-on-runtime-crate");
                    let runtime = workspace_root().join("runtime");
                    options.runtime = codegen::RuntimeSource::crate_at(runtime.display().to_string());
                }
                variants.push((path.clone(), options));
            }
        }
    }
    for (path, options) in variants {
        let bytes = std::fs::read(&path).expect("fixture readable");
        let generated = codegen::generate(&options.source_name, &bytes, &options)
            .unwrap_or_else(|failure| panic!("{} does not generate:\n{failure}", path.display()));
        for file in &generated.files {
            let target = dir.join(&options.crate_name).join(&file.path);
            std::fs::create_dir_all(target.parent().expect("has a folder")).expect("create folder");
            std::fs::write(&target, &file.contents).expect("write file");
        }
        members.push(options.crate_name);
    }
    // The hand-written tests of the generated crates (`tests/fixture_clients/`), a member too,
    // with the path of `client-tests` (for `TestServer`) filled in.
    let clients = dir.join(FIXTURE_CLIENTS);
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture_clients");
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "tests/auth.rs",
        "tests/bodies.rs",
        "tests/bounds.rs",
        "tests/doubles.rs",
        "tests/parameters.rs",
        "tests/responses.rs",
    ] {
        let target = clients.join(file);
        std::fs::create_dir_all(target.parent().expect("has a folder")).expect("create folder");
        let text = std::fs::read_to_string(source.join(file)).expect("fixture client file");
        let client_tests = workspace_root().join("client-tests");
        std::fs::write(&target, text.replace("CLIENT_TESTS", &client_tests.to_string_lossy())).expect("write file");
    }
    let list: Vec<String> =
        members.iter().chain([&FIXTURE_CLIENTS.to_owned()]).map(|name| format!("\"{name}\"")).collect();
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", list.join(", ")))
        .expect("write workspace manifest");
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    members
}

/// The package of hand-written tests against the fixtures' crates.
const FIXTURE_CLIENTS: &str = "fixture-clients";

use common::run;

fn cargo(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/fixture-check"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS");
    command
}

#[test]
fn fixture_crates_compile_without_warnings() {
    let dir = workspace_root().join("target/fixture-crates");
    let on_runtime_crate = ["whole_api_quirks.yaml", "pagination.yaml", "hostile_names.yaml"];
    // A few types a crate, so that these small documents are split into several.
    let split = [("shared_parts.yaml", 40), ("whole_api_quirks.yaml", 4)];
    write_workspace(&dir, &common::fixtures(), &on_runtime_crate, &split);
    // Every feature, so that every fixture's test doubles are linted too.
    run(cargo(&dir, &["clippy", "--workspace", "--all-targets", "--all-features", "--quiet", "--", "-D", "warnings"]));
    run(cargo(&dir, &["doc", "--workspace", "--no-deps", "--quiet"]));
    run(cargo(&dir, &["test", "--workspace", "--doc", "--quiet"]));
    // The generated clients against a loopback server that decodes what they send.
    run(cargo(&dir, &["test", "--package", FIXTURE_CLIENTS, "--quiet"]));

    // A feature set that does not compile is a bug: every feature alone, and none at all, for
    // the documents whose types several groups share.
    for (name, suffix) in [
        ("whole_api_quirks.yaml", ""),
        ("whole_api_quirks.yaml", "-on-runtime-crate"),
        ("whole_api_quirks.yaml", "-split"),
        ("path_parameters.yaml", ""),
        ("pagination.yaml", ""),
        ("shared_parts.yaml", ""),
        ("shared_parts.yaml", "-split-on-runtime-crate"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let mut options = common::options(&path);
        options.crate_name.push_str(suffix);
        let manifest =
            std::fs::read_to_string(dir.join(&options.crate_name).join("Cargo.toml")).expect("written above");
        let features: Vec<String> = manifest
            .lines()
            .skip_while(|line| *line != "[features]")
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter_map(|line| line.split_once(" = ").map(|(feature, _)| feature.to_owned()))
            .filter(|feature| feature != "default" && feature != "full")
            .collect();
        assert!(!features.is_empty(), "{name} has features");
        let package = options.crate_name.as_str();
        // Clippy with exactly `features` on (none: `--no-default-features` alone).
        let clippy_with = |features: &str| {
            let mut args = vec!["clippy", "--quiet", "--package", package, "--no-default-features"];
            if !features.is_empty() {
                args.extend(["--features", features]);
            }
            args.extend(["--", "-D", "warnings"]);
            run(cargo(&dir, &args));
        };
        clippy_with("");
        for feature in &features {
            clippy_with(feature);
            // The test doubles with each group: their per-operation items follow the groups'
            // features, so every pairing must compile (`mock` alone is the case above).
            if feature != "mock" {
                clippy_with(&format!("mock,{feature}"));
            }
        }
        assert!(features.iter().any(|feature| feature == "mock"), "{name} has the mock feature");
        // Every feature together: the doubles of the whole document, and their docs.
        run(cargo(&dir, &["clippy", "--quiet", "--package", package, "--all-features", "--", "-D", "warnings"]));
    }
}
