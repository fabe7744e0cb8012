//! External tools the checks use, installed on first use into `target/tools/`.
//!
//! Python packages go into a virtual environment, npm packages into `tools/node_modules`
//! from the committed `tools/package-lock.json`. Nothing is installed globally; a missing Python
//! or Node.js stops with a message saying what to install.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python packages the checks run, pinned.
const PYTHON_PACKAGES: &[&str] = &["openapi-spec-validator==0.9.0"];

/// The virtual environment's `bin` folder, created and filled on first use.
pub fn python_tools(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("target/tools/venv");
    let bin = venv.join("bin");
    let marker = venv.join(".installed");
    let wanted = PYTHON_PACKAGES.join("\n");
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(bin);
    }
    let python = find_program(&["python3", "python"]).ok_or_else(|| {
        "Python 3 is needed to validate the spec, and none was found: install Python 3.9 or later (with its venv module), then run this again".to_owned()
    })?;
    println!("installing {} into {}", PYTHON_PACKAGES.join(", "), venv.display());
    run(Command::new(&python).args(["-m", "venv"]).arg(&venv), "create the Python virtual environment")?;
    run(
        Command::new(bin.join("pip")).args(["install", "--quiet", "--disable-pip-version-check"]).args(PYTHON_PACKAGES),
        "install the Python packages",
    )?;
    std::fs::write(&marker, wanted).map_err(|error| format!("cannot write {}: {error}", marker.display()))?;
    Ok(bin)
}

/// `tools/node_modules/.bin`, after `npm ci --prefix tools` when the lock file changed since
/// the last install (or nothing is installed).
pub fn node_tools(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("tools");
    let bin = tools.join("node_modules/.bin");
    let marker = tools.join("node_modules/.installed-from-lock");
    let lock = std::fs::read_to_string(tools.join("package-lock.json"))
        .map_err(|error| format!("cannot read tools/package-lock.json: {error}"))?;
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(lock.as_str()) {
        return Ok(bin);
    }
    for program in ["node", "npm"] {
        if find_program(&[program]).is_none() {
            return Err(format!(
                "`{program}` was not found: Node.js 18 or later, with npm, is needed to run Prism and Spectral; install it (https://nodejs.org), then run this again"
            ));
        }
    }
    println!("installing Prism and Spectral into tools/node_modules (npm ci)");
    run(
        Command::new("npm").arg("ci").arg("--prefix").arg(&tools).args(["--no-audit", "--no-fund", "--loglevel=error"]),
        "install the npm packages in tools/package-lock.json",
    )?;
    std::fs::write(&marker, lock).map_err(|error| format!("cannot write {}: {error}", marker.display()))?;
    Ok(bin)
}

/// The first of `names` that runs.
pub fn find_program(names: &[&str]) -> Option<String> {
    names
        .iter()
        .find(|name| Command::new(name).arg("--version").output().is_ok_and(|output| output.status.success()))
        .map(|name| (*name).to_owned())
}

pub fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command.status().map_err(|error| format!("cannot {what}: {error}"))?;
    if status.success() { Ok(()) } else { Err(format!("could not {what} ({status})")) }
}
