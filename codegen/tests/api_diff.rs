//! The API report for pairs of documents in `tests/api_diff/<case>/{before,after}.yaml`, one
//! snapshot each: every kind of change, marked breaking or not, and the bump that follows.

use std::path::Path;

use codegen::surface;

fn surface_of(path: &Path) -> surface::Surface {
    let bytes = std::fs::read(path).expect("readable");
    let (api, _) = codegen::lower(&path.display().to_string(), &bytes).unwrap_or_else(|failure| panic!("{failure}"));
    surface::surface(&api)
}

#[test]
fn reports() {
    insta::glob!("api_diff/*/before.yaml", |before| {
        let case = before.parent().expect("a case folder");
        let report = surface::diff(&surface_of(before), &surface_of(&case.join("after.yaml")));
        let name = case.file_name().expect("named").to_string_lossy();
        insta::assert_snapshot!(report.markdown(&format!("API changes: {name}")));
    });
}

#[test]
fn the_same_document_has_no_changes() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/realtimekit.yaml");
    let report = surface::diff(&surface_of(&spec), &surface_of(&spec));
    assert!(report.changes.is_empty(), "{report:?}");
    assert_eq!(report.bump(), surface::Bump::None);
}
