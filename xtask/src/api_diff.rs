//! `cargo xtask api-diff`: what a spec change does to the crate's public API, as Markdown for a
//! pull-request description, and whether the crate's version carries the bump it needs.

use std::path::Path;
use std::process::Command;

use codegen::surface::{self, Bump, Surface};

use crate::project::{CRATE_NAME, OUT, SPEC, version};
use crate::workspace_root;

struct Args {
    base: Option<String>,
    fail_on_breaking: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args { base: None, fail_on_breaking: false };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--base" => parsed.base = Some(rest.next().ok_or("api-diff: --base needs a git revision")?.clone()),
            "--fail-on-breaking" => parsed.fail_on_breaking = true,
            other => return Err(format!("api-diff: unknown argument `{other}`\n\n{}", crate::USAGE)),
        }
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let root = workspace_root();
    let base = match args.base {
        Some(base) => base,
        None => git(&root, &["merge-base", "HEAD", "main"])
            .map(|base| base.trim().to_owned())
            .unwrap_or_else(|_| "HEAD".to_owned()),
    };
    let short = base.chars().take(12).collect::<String>();

    let before = match git(&root, &["show", &format!("{base}:{SPEC}")]) {
        Ok(text) => surface_of(&format!("{SPEC} at {short}"), text.as_bytes())?,
        // The spec did not exist then: everything is new.
        Err(_) => Surface::default(),
    };
    let now = std::fs::read(root.join(SPEC)).map_err(|error| format!("cannot read {SPEC}: {error}"))?;
    let after = surface_of(SPEC, &now)?;
    let report = surface::diff(&before, &after);
    print!("{}", report.markdown(&format!("API changes of `{}` since `{short}`", CRATE_NAME)));

    if args.fail_on_breaking && report.bump() == Bump::Major {
        let old_version =
            git(&root, &["show", &format!("{base}:{OUT}/Cargo.toml")]).ok().and_then(|text| version(&text));
        let new_version =
            std::fs::read_to_string(root.join(OUT).join("Cargo.toml")).ok().and_then(|text| version(&text));
        match (old_version, new_version) {
            (Some(old), Some(new)) if bumped(&old, &new, Bump::Major) => {
                println!("\nThe version goes from {old} to {new}, which carries the breaking change.");
            }
            (Some(old), Some(new)) => {
                return Err(format!(
                    "\nbreaking changes, but the version of {OUT}/Cargo.toml goes from {old} to {new}: bump it to {} (then run `cargo xtask codegen`)",
                    next_breaking(&old)
                ));
            }
            _ => {
                return Err(format!(
                    "\nbreaking changes, and the version of {OUT}/Cargo.toml at {short} or now is unreadable"
                ));
            }
        }
    }
    Ok(())
}

fn surface_of(name: &str, document: &[u8]) -> Result<Surface, String> {
    codegen::lower(name, document).map(|(api, _)| surface::surface(&api)).map_err(|failure| failure.to_string())
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn numbers(version: &str) -> (u64, u64, u64) {
    let core = version.split(['-', '+']).next().unwrap_or(version);
    let mut parts = core.split('.').map(|part| part.parse::<u64>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// Whether going from `old` to `new` is at least the bump `needed`, as Cargo reads versions:
/// below 1.0 the minor number is the breaking one, and the patch number the additive one.
pub fn bumped(old: &str, new: &str, needed: Bump) -> bool {
    let (old, new) = (numbers(old), numbers(new));
    let breaking = |(major, minor, _): (u64, u64, u64)| if major == 0 { (0, minor) } else { (major, 0) };
    match needed {
        Bump::Major => breaking(new) > breaking(old),
        Bump::Minor if old.0 == 0 => new > old,
        Bump::Minor => (new.0, new.1) > (old.0, old.1),
        Bump::Patch => new > old,
        Bump::None => true,
    }
}

fn next_breaking(old: &str) -> String {
    match numbers(old) {
        (0, minor, _) => format!("0.{}.0", minor + 1),
        (major, _, _) => format!("{}.0.0", major + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bumps_as_cargo_does() {
        assert!(bumped("1.2.3", "2.0.0", Bump::Major));
        assert!(!bumped("1.2.3", "1.3.0", Bump::Major));
        assert!(bumped("0.1.4", "0.2.0", Bump::Major), "below 1.0 the minor number breaks");
        assert!(!bumped("0.1.4", "0.1.5", Bump::Major));
        assert!(bumped("0.1.4", "0.1.5", Bump::Minor), "below 1.0 the patch number adds");
        assert!(!bumped("1.2.3", "1.2.4", Bump::Minor));
        assert!(bumped("1.2.3", "1.3.0", Bump::Minor));
        assert!(!bumped("1.2.3", "1.2.3", Bump::Patch));
        assert_eq!(next_breaking("0.1.4"), "0.2.0");
        assert_eq!(next_breaking("3.1.4"), "4.0.0");
    }
}
