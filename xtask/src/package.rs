//! `cargo xtask package`: the crates a user publishes, packaged as a registry takes them. The
//! runtime and `generated/` are packaged together (cargo resolves the generated crate's
//! dependency on the unpublished runtime through the packages it just made), each package's
//! files are listed, each is built from its `.crate` alone, and each `.crate`'s size is held
//! against the registry's limit. Then GitHub's document as a user would publish it: standalone,
//! its models and products' crates beside its own runtime crate and the facade, every package
//! made and its files listed (not built: a build of GitHub's crate takes minutes, and
//! `cargo xtask features` checks it) and held against the limit. That crate is written outside the repository, whose `.gitignore`
//! would keep cargo from packaging anything under `target/`.

use std::path::Path;

use crate::{cargo, feature_check, project, workspace_root};

/// crates.io refuses a `.crate` larger than this.
pub const REGISTRY_LIMIT: u64 = 10 * 1024 * 1024;

/// The packages with their folders, in the order they would be published.
fn packages() -> [(&'static str, &'static str); 2] {
    [(codegen::RUNTIME_PACKAGE, "runtime"), (project::CRATE_NAME, project::OUT)]
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("package: unknown argument `{arg}`"));
    }
    let root = workspace_root();
    for (package, _) in packages() {
        let listed = cargo_output(&root, &["package", "--list", "--allow-dirty", "--package", package])?;
        let files: Vec<&str> = listed.lines().collect();
        println!("{package}: {} files: {}", files.len(), files.join(" "));
    }
    let verify_target = root.join(VERIFY_TARGET);
    let verify_target = verify_target.to_str().ok_or("the workspace's path is not UTF-8")?;
    let clean = ["clean", "--quiet", "--package", codegen::RUNTIME_PACKAGE, "--target-dir", verify_target];
    let status = cargo().current_dir(&root).args(clean).status().map_err(|error| error.to_string())?;
    if !status.success() {
        return Err(format!("cargo clean of the last verification's runtime failed ({status})"));
    }
    // Each package as `{name}-{version}`, the name of its `.crate` and of its sources.
    let mut packaged = Vec::new();
    for (package, folder) in packages() {
        let manifest = root.join(folder).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).map_err(|error| format!("{}: {error}", manifest.display()))?;
        let version = project::version(&text).ok_or_else(|| format!("{} names no version", manifest.display()))?;
        packaged.push(format!("{package}-{version}"));
    }
    forget_extracted_packages(&packaged)?;
    let mut args = vec!["package", "--allow-dirty", "--quiet", "--target-dir", verify_target];
    for (package, _) in packages() {
        args.extend(["--package", package]);
    }
    let status = cargo().current_dir(&root).args(&args).status().map_err(|error| error.to_string())?;
    if !status.success() {
        return Err(format!("cargo package failed ({status})"));
    }
    let mut too_large = Vec::new();
    for package in &packaged {
        let path = root.join(format!("{VERIFY_TARGET}/package/{package}.crate"));
        too_large.extend(held_against_limit(&path)?);
    }

    let dir = std::env::temp_dir().join("xtask-package-github");
    println!("GitHub's document, standalone, into {}", dir.display());
    feature_check::write_standalone_github_crate(&root, &dir)?;
    let target = dir.join("target");
    let _ = std::fs::remove_dir_all(target.join("package"));
    let status = cargo()
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .args(["package", "--workspace", "--no-verify", "--allow-dirty", "--quiet"])
        .status()
        .map_err(|error| error.to_string())?;
    if !status.success() {
        return Err(format!("cargo package of GitHub's crate failed ({status})"));
    }
    // Each package's files, as for the runtime and `generated/` above.
    let metadata = cargo_output(&dir, &["metadata", "--no-deps", "--format-version=1"])?;
    let metadata: serde_json::Value = serde_json::from_str(&metadata).map_err(|error| error.to_string())?;
    let mut names: Vec<&str> = (metadata["packages"].as_array().into_iter().flatten())
        .filter_map(|package| package["name"].as_str())
        .collect();
    names.sort_unstable();
    for package in names {
        let listed = cargo_output(&dir, &["package", "--list", "--allow-dirty", "--package", package])?;
        let files: Vec<&str> = listed.lines().collect();
        println!("{package}: {} files: {}", files.len(), files.join(" "));
    }
    let mut crates: Vec<_> = std::fs::read_dir(target.join("package"))
        .map_err(|error| error.to_string())?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "crate"))
        .collect();
    crates.sort();
    for path in &crates {
        too_large.extend(held_against_limit(path)?);
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

/// Where `cargo package` verifies the packages, apart from the workspace's builds: cargo
/// takes the runtime's new package for a registry's, and a registry's packages are never
/// rebuilt for a change at the same version, so the runtime's build of the last verification
/// is removed first (`cargo clean --package` in this folder only). Without that, a runtime
/// changed since, at the same version, verified `generated/` against the old one.
const VERIFY_TARGET: &str = "target/package-verify";

/// Removes cargo's extracted sources of this workspace's packages from earlier verifications.
/// `cargo package` puts the packages in a registry of its own under the target folder, and
/// cargo extracts a registry's packages once into `$CARGO_HOME/registry/src/`, by registry and
/// version, never again: a runtime changed since, at the same version, was compiled from its
/// old sources there (the generated crate then missed a new module, or passed against old
/// code). Registries in a folder have directories named `-{hash}`; crates.io's are named
/// after its index, and are not touched.
fn forget_extracted_packages(packaged: &[String]) -> Result<(), String> {
    let cargo_home = match std::env::var_os("CARGO_HOME") {
        Some(home) => std::path::PathBuf::from(home),
        None => std::path::PathBuf::from(std::env::var_os("HOME").ok_or("neither CARGO_HOME nor HOME is set")?)
            .join(".cargo"),
    };
    let Ok(registries) = std::fs::read_dir(cargo_home.join("registry/src")) else { return Ok(()) };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for name in packaged {
            let extracted = registry.path().join(name);
            if extracted.exists() {
                std::fs::remove_dir_all(&extracted)
                    .map_err(|error| format!("cannot remove {}: {error}", extracted.display()))?;
            }
        }
    }
    Ok(())
}

/// Prints a `.crate`'s size against the registry's limit; the package's name when it is over.
fn held_against_limit(path: &Path) -> Result<Option<String>, String> {
    let size = std::fs::metadata(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?.len();
    let name = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    println!("{name}: {:.1} KiB packaged, of the registry's {} MiB", size as f64 / 1024.0, REGISTRY_LIMIT >> 20);
    Ok((size > REGISTRY_LIMIT).then(|| format!("{name} ({:.1} MiB)", size as f64 / (1024.0 * 1024.0))))
}

fn cargo_output(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = cargo().current_dir(root).args(args).output().map_err(|error| error.to_string())?;
    if !output.status.success() {
        return Err(format!("cargo {} failed:\n{}", args.join(" "), String::from_utf8_lossy(&output.stderr)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
