//! Crates generated from real documents nobody here wrote, GitHub's REST API and Swagger's
//! Petstore, send one request of each kind they need to a loopback server that checks it
//! (`tests/real_clients/`): credentials, JSON, text, binary, form and multipart bodies, and
//! answers in JSON, text, HTML and GitHub's diff media type.
//!
//! The documents come from npm packages pinned in `tools/package-lock.json`, which
//! `cargo xtask test` installs before the tests run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen is in the workspace").to_path_buf()
}

fn document(relative: &str) -> Vec<u8> {
    let path = workspace_root().join("tools/node_modules").join(relative);
    std::fs::read(&path).unwrap_or_else(|error| {
        panic!(
            "{} cannot be read ({error}): run `cargo xtask test`, or `npm ci` in tools/, to install it",
            path.display()
        )
    })
}

#[test]
fn crates_from_github_and_petstore_send_what_their_apis_need() {
    let root = workspace_root();
    let dir = root.join("target/real-crates");
    let _ = std::fs::remove_dir_all(&dir);
    let runtime = root.join("runtime").display().to_string();
    for (name, relative) in [
        ("real-github", "@octokit/openapi/generated/api.github.com.json"),
        ("real-petstore", "@readme/oas-examples/3.0/json/petstore.json"),
    ] {
        let options = codegen::Options {
            crate_name: name.to_owned(),
            source_name: relative.to_owned(),
            runtime: codegen::RuntimeSource::crate_at(runtime.clone()),
            ..codegen::Options::default()
        };
        let mut bytes = document(relative);
        if name == "real-github" {
            bytes = with_github_webhook_extensions(&bytes);
        }
        let generated = codegen::generate(relative, &bytes, &options)
            .unwrap_or_else(|failure| panic!("{relative} does not generate:\n{failure}"));
        for file in &generated.files {
            let target = dir.join(name).join(&file.path);
            std::fs::create_dir_all(target.parent().expect("has a folder")).expect("create folder");
            std::fs::write(&target, &file.contents).expect("write file");
        }
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real_clients");
    for file in ["Cargo.toml", "tests/github.rs", "tests/petstore.rs"] {
        let target = dir.join("real-clients").join(file);
        std::fs::create_dir_all(target.parent().expect("has a folder")).expect("create folder");
        let text = std::fs::read_to_string(source.join(file)).expect("real client file");
        let text = text
            .replace("CLIENT_TESTS", &root.join("client-tests").to_string_lossy())
            .replace("TOOLS_NODE_MODULES", &root.join("tools/node_modules").to_string_lossy());
        std::fs::write(&target, text).expect("write file");
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"real-clients\", \"real-github\", \"real-petstore\"]\n",
    )
    .expect("write workspace manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");

    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .current_dir(&dir)
        .args(["test", "--package", "real-clients", "--quiet"])
        .env("CARGO_TARGET_DIR", root.join("target/real-check"))
        .env_remove("RUSTFLAGS");
    common::run(command);
}

/// GitHub's document with what it does not say of its webhooks, as a user adds it (our
/// extensions, in the README): each delivery names its event in `X-GitHub-Event` and the
/// body's `action`, and is signed with HMAC-SHA256 in `X-Hub-Signature-256` (GitHub's
/// "Validating webhook deliveries" page).
fn with_github_webhook_extensions(bytes: &[u8]) -> Vec<u8> {
    let mut document: serde_json::Value = serde_json::from_slice(bytes).expect("GitHub's document is JSON");
    let root = document.as_object_mut().expect("an object");
    root.insert(
        "x-webhook-event".to_owned(),
        serde_json::json!([{"in": "header", "name": "X-GitHub-Event"}, {"in": "body", "name": "action"}]),
    );
    root.insert(
        "x-webhook-signature".to_owned(),
        serde_json::json!({
            "scheme": "hmac-sha256",
            "header": "X-Hub-Signature-256",
            "prefix": "sha256=",
            "delivery-id": "X-GitHub-Delivery"
        }),
    );
    serde_json::to_vec(&document).expect("JSON")
}
