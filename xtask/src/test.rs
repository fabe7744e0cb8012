//! `cargo xtask test`: everything CI checks, fastest first, installing what is missing.

use std::process::Command;

use crate::{cargo, codegen, corpus, feature_check, package, project, tools, workspace_root};

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("test: unknown argument `{arg}`"));
    }
    let root = workspace_root();
    let cargo = |args: &[&str]| {
        let mut command = cargo();
        command.current_dir(&root).args(args);
        command
    };

    step("formatting", &mut cargo(&["fmt", "--all", "--check"]))?;
    println!("\n==> generated/ is fresh");
    codegen::run(&["--check".to_owned()])?;

    let python = tools::python_tools(&root)?;
    step(
        "spec validates (openapi-spec-validator)",
        Command::new(python.join("openapi-spec-validator")).current_dir(&root).arg(project::SPEC),
    )?;

    let node = tools::node_tools(&root)?;
    step(
        "spec lints clean (Spectral, spectral:oas, failing on warnings)",
        Command::new(node.join("spectral")).current_dir(&root).args([
            "lint",
            project::SPEC,
            "--ruleset",
            ".spectral.yaml",
            "--fail-severity=warn",
        ]),
    )?;

    step("clippy", &mut cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    step(
        "docs of the generated crate and of the runtime",
        cargo(&["doc", "--package", project::CRATE_NAME, "--package", ::codegen::RUNTIME_PACKAGE, "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    println!("\n==> packaging: the runtime and generated/ as a registry takes them");
    package::run(&[])?;
    // The client's contract tests start Prism from tools/node_modules.
    step("tests", cargo(&["test", "--workspace"]).env("INSTA_UPDATE", "no"))?;
    // Documents nobody here wrote: a fixed sample of the APIs.guru directory, each outcome
    // no worse than the committed baseline (`cargo xtask corpus` runs all of it).
    println!("\n==> real documents: a sample of the APIs.guru directory, against {}", corpus::BASELINE);
    corpus::run(&["--sample".to_owned(), corpus::CI_SAMPLE.to_string(), "--baseline".to_owned()])?;
    // Last, as the slowest: a real document's crate, with a fixed sample of its features
    // alone (`cargo xtask features --all` checks every one).
    println!("\n==> GitHub's document: its crate compiles with no feature and with features alone");
    feature_check::run(&[])?;
    println!("\nall checks passed");
    Ok(())
}

fn step(name: &str, command: &mut Command) -> Result<(), String> {
    println!("\n==> {name}");
    let status = command.status().map_err(|error| format!("{name}: cannot run {command:?}: {error}"))?;
    if status.success() { Ok(()) } else { Err(format!("{name} failed ({status})")) }
}
