//! `cargo xtask codegen`: regenerate `generated/`, check it is fresh, or write any crate.

use std::path::{Path, PathBuf};

use codegen::{Diagnostic, Options, RuntimeSource, diagnostics, surface};

use crate::project::{CRATE_NAME, OUT, SPEC};
use crate::workspace_root;
use crate::{format_cache, output};

struct Args {
    check: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
    crate_version: Option<String>,
    verbose: bool,
    warnings_file: Option<PathBuf>,
    runtime_path: Option<String>,
    split_models: Option<usize>,
    crate_graph: Option<codegen::CrateGraph>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        check: false,
        spec: None,
        out: None,
        crate_name: None,
        crate_version: None,
        verbose: false,
        warnings_file: None,
        runtime_path: None,
        split_models: None,
        crate_graph: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| rest.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--spec" => parsed.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => parsed.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
            "--crate-version" => parsed.crate_version = Some(value("--crate-version")?),
            "--verbose" => parsed.verbose = true,
            "--runtime-path" => parsed.runtime_path = Some(value("--runtime-path")?),
            "--split-models" => {
                let text = value("--split-models")?;
                let count = text.parse().map_err(|_| format!("--split-models takes a number, not `{text}`"))?;
                parsed.split_models = Some(count);
            }
            "--crate-graph" => {
                parsed.crate_graph = Some(match value("--crate-graph")?.as_str() {
                    "products" => codegen::CrateGraph::Products,
                    "chained" => codegen::CrateGraph::Chained,
                    other => return Err(format!("--crate-graph takes `products` or `chained`, not `{other}`")),
                })
            }
            "--warnings-file" => parsed.warnings_file = Some(PathBuf::from(value("--warnings-file")?)),
            other => return Err(format!("codegen: unknown argument `{other}`\n\n{}", crate::USAGE)),
        }
    }
    if parsed.spec.is_some() != parsed.out.is_some() {
        return Err("codegen: --spec and --out go together".to_owned());
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let root = workspace_root();
    let (spec, out, default_name) = match (&args.spec, &args.out) {
        (Some(spec), Some(out)) => {
            let name = out.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            (spec.clone(), out.clone(), name)
        }
        _ => (root.join(SPEC), root.join(OUT), CRATE_NAME.to_owned()),
    };
    // The project's own crate shares the workspace's runtime crate; a crate written anywhere
    // else stands alone unless told where the runtime crate is.
    let runtime = match (&args.runtime_path, &args.out) {
        (Some(path), _) => RuntimeSource::crate_at(path.clone()),
        (None, None) => RuntimeSource::crate_at("../runtime"),
        (None, Some(_)) => RuntimeSource::Copied,
    };
    let mut options = Options {
        crate_name: args.crate_name.clone().unwrap_or(default_name),
        crate_version: args
            .crate_version
            .clone()
            .unwrap_or_else(|| existing_version(&out).unwrap_or_else(|| "0.1.0".to_owned())),
        source_name: display_path(&spec, &root),
        runtime,
        ..Options::default()
    };
    if let Some(count) = args.split_models {
        // 0: one crate, whatever the size.
        options.split_models = (count > 0).then_some(count);
    }
    if let Some(graph) = args.crate_graph {
        options.crate_graph = graph;
    }
    if args.spec.is_none() {
        crate::project::customise(&mut options);
    }
    let generated = generate(&spec, &options)?;
    report_warnings(&generated.warnings, &options.source_name, &args)?;

    let shown = display_path(&out, &root);
    if args.check {
        let changes = output::compare(&out, &generated.files)
            .map_err(|error| format!("cannot read {}: {error}", out.display()))?;
        if changes.is_empty() {
            println!("{shown} is up to date with {}", options.source_name);
            return Ok(());
        }
        return Err(format!(
            "{}\n{shown} is stale: it differs from what {} generates (above).\nRun `{}` to regenerate it.",
            changes.render(),
            options.source_name,
            regenerate_command(&args)
        ));
    }
    let before = previous_surface(&out);
    let changes = output::update_dir(&out, &generated.files)
        .map_err(|error| format!("cannot write {shown}: {error}; it was left as it was"))?;
    if changes.is_empty() {
        println!("{shown} is already up to date");
        return Ok(());
    }
    println!(
        "wrote {shown}: {} files changed, {} added, {} removed",
        changes.modified.len(),
        changes.added.len(),
        changes.removed.len()
    );
    match before {
        Some(before) => println!("{}", surface::diff(&before, &surface::surface(&generated.api)).summary()),
        None => println!("API: {shown} held no {} to compare with; from now on it does", codegen::SURFACE_FILE),
    }
    Ok(())
}

/// The public API the crate in `out` had, from the surface file the generator writes there.
fn previous_surface(out: &Path) -> Option<surface::Surface> {
    let text = std::fs::read_to_string(out.join(codegen::SURFACE_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Generates from `spec`, reusing the formatting of the files that did not change since the
/// last run (`format_cache`); errors come back as one message.
fn generate(spec: &Path, options: &Options) -> Result<codegen::Generated, String> {
    let bytes = std::fs::read(spec).map_err(|error| format!("cannot read {}: {error}", spec.display()))?;
    let cache_file = workspace_root().join("target/codegen-cache").join(format!("{}.json", options.crate_name));
    let cache = format_cache::load(&cache_file);
    let generated = codegen::generate_with(&options.source_name, &bytes, options, &cache)
        .map_err(|failure| format!("{failure}\nthe output folder was not changed"))?;
    // A cache that cannot be written costs the next run time, not correctness.
    let _ = format_cache::save(&cache_file, cache);
    Ok(generated)
}

/// Prints the warnings: every one with `--verbose`, else a summary by kind that fits on a
/// screen; `--warnings-file` also writes every one to a file.
fn report_warnings(warnings: &[Diagnostic], source: &str, args: &Args) -> Result<(), String> {
    if let Some(path) = &args.warnings_file {
        std::fs::write(path, diagnostics::list(warnings, source))
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    if args.verbose {
        eprintln!("{}", diagnostics::list(warnings, source));
        return Ok(());
    }
    let full_list = match &args.warnings_file {
        Some(path) => format!("every one is in {}", path.display()),
        None => "`--verbose` lists every one, `--warnings-file FILE` writes them to a file".to_owned(),
    };
    let summary = diagnostics::summarize(warnings, source, &full_list);
    if !summary.is_empty() {
        eprintln!("{summary}");
    }
    Ok(())
}

/// The version in an existing generated `Cargo.toml`, so that regenerating keeps a bump.
fn existing_version(out: &Path) -> Option<String> {
    crate::project::version(&std::fs::read_to_string(out.join("Cargo.toml")).ok()?)
}

fn regenerate_command(args: &Args) -> String {
    match (&args.spec, &args.out) {
        (Some(spec), Some(out)) => format!("cargo xtask codegen --spec {} --out {}", spec.display(), out.display()),
        _ => "cargo xtask codegen".to_owned(),
    }
}

/// A path relative to the workspace root where it is inside it, with `/` separators.
pub fn display_path(path: &Path, root: &Path) -> String {
    let absolute =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    match absolute.strip_prefix(root) {
        Ok(relative) => {
            relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
        Err(_) => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when someone edits the spec (or the generator) and forgets to
    /// regenerate, the way `cargo xtask codegen --check` does in CI.
    #[test]
    fn generated_crate_is_fresh() {
        if let Err(stale) = run(&["--check".to_owned()]) {
            panic!("{stale}");
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = workspace_root().join("target/xtask-tests").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn args(spec: &Path, out: &Path) -> Vec<String> {
        vec!["--spec".to_owned(), spec.display().to_string(), "--out".to_owned(), out.display().to_string()]
    }

    #[test]
    fn a_broken_spec_leaves_the_output_folder_byte_for_byte_as_it_was() {
        let dir = scratch("broken");
        let out = dir.join("client");
        std::fs::create_dir_all(out.join("src")).unwrap();
        std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"client\"\nversion = \"3.1.4\"\n").unwrap();
        std::fs::write(out.join("src/lib.rs"), "// what was there before\n").unwrap();
        let before = output::read_tree(&out).unwrap();

        let random = dir.join("random.bin");
        let mut state: u32 = 0x1234_5678;
        let bytes: Vec<u8> = (0..(1 << 20))
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        std::fs::write(&random, bytes).unwrap();
        let mut broken: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("codegen/tests/broken"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        broken.push(random);
        broken.push(dir.join("does-not-exist.yaml"));

        for spec in &broken {
            let error = run(&args(spec, &out)).expect_err("a broken spec fails");
            assert!(error.contains("was not changed") || error.contains("cannot read"), "{}: {error}", spec.display());
            assert_eq!(output::read_tree(&out).unwrap(), before, "{} touched the output", spec.display());
        }
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 2, "no staging folders left behind: {leftovers:?}");
    }

    #[test]
    fn a_good_spec_replaces_the_output_folder_and_keeps_its_version() {
        let dir = scratch("good");
        let out = dir.join("client");
        std::fs::create_dir_all(out.join("src/stale")).unwrap();
        std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"client\"\nversion = \"3.1.4\"\n").unwrap();
        std::fs::write(out.join("src/stale/old.rs"), "// from an older spec\n").unwrap();

        run(&args(&workspace_root().join(SPEC), &out)).expect("the spec generates");

        let tree = output::read_tree(&out).unwrap();
        assert!(!tree.contains_key("src/stale/old.rs"), "files the spec no longer makes are gone");
        assert!(tree.contains_key("src/lib.rs") && tree.contains_key("src/runtime/client.rs"));
        let manifest = String::from_utf8(tree["Cargo.toml"].clone()).unwrap();
        assert!(manifest.contains("name = \"client\"") && manifest.contains("version = \"3.1.4\""), "{manifest}");
        run(&[args(&workspace_root().join(SPEC), &out), vec!["--check".to_owned()]].concat())
            .expect("fresh after writing");
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind: {leftovers:?}");
    }
}
