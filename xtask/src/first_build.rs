//! A user's first build: a small program calling one operation of the four-endpoint crate,
//! built cold (its own target folder, nothing compiled), against the same program written by
//! hand with reqwest and serde, the floor a generated client is held to. Crates compiled,
//! seconds, and the size of the release binary, side by side in one run.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::{cargo, project};

/// What one cold build cost.
pub struct Build {
    pub crates: usize,
    pub seconds: f64,
    pub binary_bytes: u64,
}

/// The two programs built cold, generated first: (with the generated crate, by hand).
pub fn measure(root: &Path) -> Result<(Build, Build), String> {
    let dir = root.join("target/bench/first-build");
    let generated_dir = dir.join("with-generated-crate");
    let generated = project::CRATE_NAME;
    let generated_path = root.join(project::OUT);
    write_program(
        &generated_dir,
        &format!(
            "{generated} = {{ path = {:?} }}\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n",
            generated_path.display().to_string()
        ),
        &WITH_GENERATED.replace("CRATE", &generated.replace('-', "_")),
        root,
    )?;
    let by_hand_dir = dir.join("by-hand");
    write_program(
        &by_hand_dir,
        "reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\", \"http2\", \"json\"] }\n\
         serde = { version = \"1\", features = [\"derive\"] }\n\
         serde_json = \"1\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n",
        BY_HAND,
        root,
    )?;
    Ok((cold_build(&generated_dir)?, cold_build(&by_hand_dir)?))
}

fn write_program(dir: &Path, dependencies: &str, main: &str, root: &Path) -> Result<(), String> {
    let write = |path: PathBuf, text: &str| {
        std::fs::create_dir_all(path.parent().expect("a folder")).map_err(|error| error.to_string())?;
        std::fs::write(&path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
    };
    write(
        dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"first-call\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{dependencies}\n[workspace]\n"
        ),
    )?;
    write(dir.join("src/main.rs"), main)?;
    // The workspace's lock: both programs build the same versions of what they share.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|error| error.to_string())?;
    Ok(())
}

/// `cargo build --release` in a target folder of its own, emptied first.
fn cold_build(dir: &Path) -> Result<Build, String> {
    let target = dir.join("target");
    let _ = std::fs::remove_dir_all(&target);
    println!("building {} cold", dir.display());
    let started = Instant::now();
    let output = cargo()
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .args(["build", "--release"])
        .output()
        .map_err(|error| error.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("building {} failed:\n{stderr}", dir.display()));
    }
    let crates = stderr.lines().filter(|line| line.trim_start().starts_with("Compiling ")).count();
    let binary = target.join("release/first-call");
    let binary_bytes = std::fs::metadata(&binary).map_err(|error| format!("{}: {error}", binary.display()))?.len();
    Ok(Build { crates, seconds, binary_bytes })
}

/// One call through the generated crate: a participant of a meeting, printed.
const WITH_GENERATED: &str = r#"#[tokio::main]
async fn main() -> Result<(), CRATE::Error> {
    let client = CRATE::Client::from_env()?;
    let meeting = CRATE::uuid::Uuid::nil();
    let participant =
        client.meetings().get_meeting_participant("account", "app", meeting, "participant").await?;
    println!("{participant:?}");
    Ok(())
}
"#;

/// The same call written by hand: the URL, the token, the envelope and the type.
const BY_HAND: &str = r#"use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Envelope {
    data: Participant,
}

#[derive(Debug, Deserialize)]
struct Participant {
    id: String,
    name: Option<String>,
    custom_participant_id: String,
    preset_name: String,
    created_at: String,
    updated_at: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("CLOUDFLARE_API_TOKEN")?;
    let url = "https://api.cloudflare.com/client/v4/accounts/account/realtime/kit/app/meetings/00000000-0000-0000-0000-000000000000/participants/participant";
    let answer: Envelope = reqwest::Client::new().get(url).bearer_auth(token).send().await?.error_for_status()?.json().await?;
    println!("{:?}", answer.data);
    Ok(())
}
"#;
