//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use std::process::Command;

use crate::workspace_root;

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("test: unknown argument `{arg}`"));
    }
    let root = workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    step("formatting", Command::new(&cargo).current_dir(&root).args(["fmt", "--all", "--check"]))?;
    step("generated/ is fresh", Command::new(&cargo).current_dir(&root).args(["xtask", "codegen", "--check"]))?;
    step(
        "clippy",
        Command::new(&cargo).current_dir(&root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step("tests", Command::new(&cargo).current_dir(&root).args(["test", "--workspace"]))?;
    println!("\nall checks passed");
    Ok(())
}

fn step(name: &str, command: &mut Command) -> Result<(), String> {
    println!("\n==> {name}");
    let status = command.status().map_err(|error| format!("{name}: cannot run {command:?}: {error}"))?;
    if status.success() { Ok(()) } else { Err(format!("{name} failed ({status})")) }
}
