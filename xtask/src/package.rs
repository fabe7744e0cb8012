//! `cargo xtask package`: the crates a user publishes, packaged as a registry takes them. The
//! runtime and `generated/` are packaged together (cargo resolves the generated crate's
//! dependency on the unpublished runtime through the packages it just made), each package's
//! files are listed, each is built from its `.crate` alone, and each `.crate`'s size is held
//! against the registry's limit.

use std::path::Path;

use crate::{cargo, project, workspace_root};

/// crates.io refuses a `.crate` larger than this.
pub const REGISTRY_LIMIT: u64 = 10 * 1024 * 1024;

/// The packages, in the order they would be published.
fn packages() -> [&'static str; 2] {
    [codegen::RUNTIME_PACKAGE, project::CRATE_NAME]
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("package: unknown argument `{arg}`"));
    }
    let root = workspace_root();
    for package in packages() {
        let listed = cargo_output(&root, &["package", "--list", "--allow-dirty", "--package", package])?;
        let files: Vec<&str> = listed.lines().collect();
        println!("{package}: {} files: {}", files.len(), files.join(" "));
    }
    let mut args = vec!["package", "--allow-dirty", "--quiet"];
    for package in packages() {
        args.extend(["--package", package]);
    }
    let status = cargo().current_dir(&root).args(&args).status().map_err(|error| error.to_string())?;
    if !status.success() {
        return Err(format!("cargo package failed ({status})"));
    }
    let mut too_large = Vec::new();
    for package in packages() {
        let version = version_of(&root, package)?;
        let path = root.join(format!("target/package/{package}-{version}.crate"));
        let size = std::fs::metadata(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?.len();
        println!(
            "{package} {version}: {:.1} KiB packaged, of the registry's {} MiB",
            size as f64 / 1024.0,
            REGISTRY_LIMIT >> 20
        );
        if size > REGISTRY_LIMIT {
            too_large.push(format!("{package} ({:.1} MiB)", size as f64 / (1024.0 * 1024.0)));
        }
    }
    if !too_large.is_empty() {
        return Err(format!(
            "over the registry's limit of {} MiB: {}; generate with a smaller `--split-models` so that each crate holds fewer types",
            REGISTRY_LIMIT >> 20,
            too_large.join(", ")
        ));
    }
    Ok(())
}

fn cargo_output(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = cargo().current_dir(root).args(args).output().map_err(|error| error.to_string())?;
    if !output.status.success() {
        return Err(format!("cargo {} failed:\n{}", args.join(" "), String::from_utf8_lossy(&output.stderr)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A workspace package's version, from `cargo pkgid`.
fn version_of(root: &Path, package: &str) -> Result<String, String> {
    let id = cargo_output(root, &["pkgid", "--package", package])?;
    id.trim().rsplit(['@', '#']).next().map(str::to_owned).ok_or_else(|| format!("no version in `{id}`"))
}
