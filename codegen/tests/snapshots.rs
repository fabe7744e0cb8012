//! One snapshot per fixture document in `tests/fixtures/`: every generated file except the
//! runtime (copied verbatim, the same for all), preceded by the warnings. Review changes
//! with `cargo insta review`.

mod common;

use std::path::Path;

fn render(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture readable");
    let options = common::options(path);
    match codegen::generate(&options.source_name, &bytes, &options) {
        Ok(generated) => {
            let mut out = String::new();
            for warning in &generated.warnings {
                out.push_str(&warning.render(&options.source_name));
            }
            for file in generated.files.iter().filter(|file| !file.path.starts_with("src/runtime/")) {
                out.push_str(&format!("=== {} ===\n{}\n", file.path, file.contents));
            }
            out
        }
        Err(failure) => format!("{failure}\n"),
    }
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.{yaml,json}", |path| {
        insta::assert_snapshot!(render(path));
    });
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    for path in common::fixtures() {
        assert_eq!(render(&path), render(&path), "{} generates differently twice", path.display());
    }
}

/// A snapshot whose fixture was renamed or deleted would otherwise linger unnoticed.
#[test]
fn every_snapshot_has_a_fixture() {
    let fixtures: Vec<String> = common::fixtures()
        .iter()
        .map(|path| path.file_name().expect("a file").to_string_lossy().into_owned())
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in std::fs::read_dir(dir).expect("snapshots folder") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        let fixture = name.strip_prefix("snapshots__fixtures@").and_then(|rest| rest.strip_suffix(".snap"));
        if let Some(fixture) = fixture {
            assert!(fixtures.iter().any(|known| known == fixture), "{name} has no fixture: delete it");
        }
    }
}
