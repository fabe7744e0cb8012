//! What the fixture tests share: where fixtures are and how they are generated.

use std::path::{Path, PathBuf};

/// Every fixture document, sorted.
#[allow(dead_code)]
pub fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "json")))
        .collect();
    paths.sort();
    paths
}

/// The options every fixture is generated with.
#[allow(dead_code)]
pub fn options(path: &Path) -> codegen::Options {
    let stem = path.file_stem().expect("a file").to_string_lossy().replace('_', "-");
    codegen::Options {
        crate_name: format!("fixture-{stem}"),
        source_name: format!("fixtures/{}", path.file_name().expect("a file").to_string_lossy()),
        ..codegen::Options::default()
    }
}

/// Runs a command, failing the test with its output when it fails.
#[allow(dead_code)]
pub fn run(mut command: std::process::Command) {
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
