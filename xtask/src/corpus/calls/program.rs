//! The crate's exercise program (`examples/exercise.rs`, written by the generator with
//! `Options::exercise`): built, asked for the operations it knows, and given one call a line,
//! its answers read back within a time limit.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::cargo;

/// How long one document's calls may take in all: each call has its own 30 s timeout in the
/// program, and Prism answers in milliseconds.
const CALLS_LIMIT: Duration = Duration::from_secs(600);

/// One operation, as the program lists it.
#[derive(Clone, Debug)]
pub(super) struct Listed {
    pub(super) operation: String,
    pub(super) method: String,
    pub(super) path: String,
    /// The media type its body is sent as; empty without a body.
    pub(super) body: String,
}

/// `cargo build --examples -p CRATE` in the corpus workspace; the program's path.
pub(super) fn build(work: &Path, crate_name: &str) -> Result<PathBuf, String> {
    let output = cargo()
        .current_dir(work.join("crates"))
        .args(["build", "--examples", "--quiet", "--message-format=short", "-p", crate_name])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run cargo build: {error}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|line| line.contains("error")).unwrap_or("cargo build failed");
        return Err(format!("the exercise program did not build: {first}"));
    }
    // Every crate's program is called `exercise`: this one is the last built.
    Ok(work.join("target/debug/examples/exercise"))
}

/// The operations the program knows (`exercise --list`).
pub(super) fn list(program: &Path) -> Result<Vec<Listed>, String> {
    let output = Command::new(program)
        .arg("--list")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run {}: {error}", program.display()))?;
    if !output.status.success() {
        return Err(format!("`exercise --list` failed: {}", String::from_utf8_lossy(&output.stderr).trim()));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .map(|line| {
            let text = |key: &str| line[key].as_str().unwrap_or_default().to_owned();
            Listed { operation: text("operation"), method: text("method"), path: text("path"), body: text("body") }
        })
        .collect())
}

/// Runs the program on `lines` against `url` and reads its answers, one per line, within
/// the time limit.
pub(super) fn run(program: &Path, url: &str, lines: Vec<String>) -> Result<Vec<Value>, String> {
    let mut child = Command::new(program)
        .arg(url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot run {}: {error}", program.display()))?;
    let mut stdin = child.stdin.take().ok_or("the program's stdin")?;
    let stdout = child.stdout.take().ok_or("the program's stdout")?;
    let writer = std::thread::spawn(move || {
        for line in lines {
            if writeln!(stdin, "{line}").is_err() {
                break;
            }
        }
    });
    let (sender, receiver) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + CALLS_LIMIT;
    let mut outcomes = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(left) {
            Ok(line) => outcomes.push(
                serde_json::from_str(&line).unwrap_or_else(|_| json!({"outcome": "bad_output", "message": line})),
            ),
            // The program finished (stdout closed) or ran out of time: either way, done.
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = writer.join();
    let _ = reader.join();
    Ok(outcomes)
}
