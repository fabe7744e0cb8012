//! One snapshot per fixture document in `tests/fixtures/`: every generated file except the
//! runtime (copied verbatim, the same for all), preceded by the warnings; the crate root as
//! its difference from the crate root of a reference document, which has a snapshot of its
//! own (`crate_root`), so that a change to what every crate root says changes one snapshot,
//! not one per fixture. Review changes with `cargo insta review`.

mod common;

use std::path::Path;

/// A document of one operation, whose crate root is what every crate root has in common.
const REFERENCE: &str = r#"
openapi: 3.0.3
info: {title: Reference, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      tags: [things]
      responses:
        "200":
          description: the things
          content:
            application/json:
              schema: {type: array, items: {type: string}}
"#;

/// The files every crate has, whose text is mostly the same for every document: the
/// fixtures' snapshots hold their difference from the reference's.
const COMMON_FILES: [&str; 2] = ["src/lib.rs", "README.md"];

/// A file of the reference crate, generated once for every fixture.
fn reference_file(path: &str) -> String {
    static FILES: std::sync::OnceLock<Vec<codegen::GeneratedFile>> = std::sync::OnceLock::new();
    let files = FILES.get_or_init(|| {
        let options = codegen::Options {
            crate_name: "fixture-reference".to_owned(),
            source_name: "fixtures/reference.yaml".to_owned(),
            ..codegen::Options::default()
        };
        codegen::generate("reference.yaml", REFERENCE.as_bytes(), &options).expect("generates").files
    });
    files.iter().find(|file| file.path == path).expect("a common file").contents.clone()
}

fn reference_crate_root() -> String {
    let mut out = COMMON_FILES.map(|path| format!("=== {path} ===\n{}", reference_file(path))).join("\n");
    let report = reference_file(codegen::SURFACE_FILE);
    let (_, external) = without_external_types(&report);
    out.push_str(&format!("\n=== {}: external_types ===\n{external}\n", codegen::SURFACE_FILE));
    out
}

/// The API report without its last entry, `external_types` (the runtime's foreign types, the
/// same in every crate but for the crates re-exported), and that entry.
fn without_external_types(report: &str) -> (String, String) {
    match report.find(",\n  \"external_types\": ") {
        Some(start) => {
            let end = report.rfind("\n}").unwrap_or(report.len());
            (format!("{}{}", &report[..start], &report[end..]), report[start + 2..end].to_owned())
        }
        None => (report.to_owned(), String::new()),
    }
}

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
                if COMMON_FILES.contains(&file.path.as_str()) {
                    let reference = reference_file(&file.path);
                    // The fixture's own names, spelled as the reference's, so that the
                    // difference is what the document changes.
                    let mut contents = file.contents.replace(&options.source_name, "fixtures/reference.yaml");
                    for (own, reference) in [
                        (options.crate_name.clone(), "fixture-reference"),
                        (options.crate_name.replace('-', "_"), "fixture_reference"),
                        (options.crate_name.replace('-', "_").to_ascii_uppercase(), "FIXTURE_REFERENCE"),
                    ] {
                        contents = contents.replace(&own, reference);
                    }
                    let diff = similar::TextDiff::from_lines(&reference, &contents);
                    let unified = diff.unified_diff().context_radius(2).to_string();
                    out.push_str(&format!(
                        "=== {}, against the reference's (the fixture's names made the reference's) ===\n{unified}\n",
                        file.path
                    ));
                } else if file.path == codegen::SURFACE_FILE {
                    let (report, external) = without_external_types(&file.contents);
                    let reference = without_external_types(&reference_file(codegen::SURFACE_FILE)).1;
                    out.push_str(&format!("=== {} ===\n{report}\n", file.path));
                    if external != reference {
                        let diff = similar::TextDiff::from_lines(&reference, &external);
                        let unified = diff.unified_diff().context_radius(1).to_string();
                        out.push_str(&format!(
                            "=== {}: external_types, against the reference's ===\n{unified}\n",
                            file.path
                        ));
                    }
                } else {
                    out.push_str(&format!("=== {} ===\n{}\n", file.path, file.contents));
                }
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

/// What every crate root and README have in common, once.
#[test]
fn crate_root() {
    insta::assert_snapshot!(reference_crate_root());
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
