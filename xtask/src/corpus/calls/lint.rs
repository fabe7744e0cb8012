//! `--clippy`: the exercised crates and their programs linted with clippy, each crate's
//! messages counted by lint.

use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

use super::counts::Calls;
use crate::cargo;

/// Lints the exercised crates and their programs with clippy (`-D warnings`), one invocation
/// for all of them; the messages go to each crate's `Calls`.
pub fn lint(work: &Path, crates: &mut [(&str, &mut Calls)]) -> Result<(), String> {
    if crates.is_empty() {
        return Ok(());
    }
    let mut command = cargo();
    command.current_dir(work.join("crates")).args([
        "clippy",
        "--examples",
        "--lib",
        "--keep-going",
        "--message-format=json",
        "--quiet",
    ]);
    for (name, _) in crates.iter() {
        command.args(["-p", name]);
    }
    let output = command
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot run cargo clippy: {error}"))?;
    let crates_dir = work.join("crates");
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else { continue };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let level = message["message"]["level"].as_str().unwrap_or_default();
        let text = message["message"]["message"].as_str().unwrap_or_default();
        if !matches!(level, "error" | "warning") || text.starts_with("aborting due to") || text.ends_with("emitted") {
            continue;
        }
        let Some(name) = message["target"]["src_path"].as_str().and_then(|path| {
            let relative = Path::new(path).strip_prefix(&crates_dir).ok()?;
            Some(relative.components().next()?.as_os_str().to_string_lossy().into_owned())
        }) else {
            continue;
        };
        let code = message["message"]["code"]["code"].as_str().unwrap_or("");
        let rendered = message["message"]["rendered"].as_str().unwrap_or(text);
        let first: String = rendered.lines().take(3).collect::<Vec<_>>().join(" | ");
        if let Some((_, calls)) = crates.iter_mut().find(|(crate_name, _)| *crate_name == name) {
            calls.lints.entry(format!("{level} {code}").trim().to_owned()).or_insert((0, first)).0 += 1;
        }
    }
    Ok(())
}
