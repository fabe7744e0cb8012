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

/// Decisions the generator makes, not the document's words, are API too: a field that comes
/// to be boxed and an extra-keys field that must take another name both break user code.
#[test]
fn boxing_and_a_renamed_extra_keys_field_are_breaking() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api_diff");
    for (case, expected) in [
        ("boxing", "field `readme` of `Folder` retyped: `Document` to `Box<Document>`"),
        ("extra_keys_rename", "renamed in Rust: `additional_properties` to `additional_properties_2`"),
        (
            "mock_names",
            "the test doubles of `b.list_items` are `MockApi::list_items_2, ListItemsParams, ListItemsQuery2`",
        ),
    ] {
        let report = surface::diff(
            &surface_of(&dir.join(case).join("before.yaml")),
            &surface_of(&dir.join(case).join("after.yaml")),
        );
        let change = report.changes.iter().find(|change| change.text.contains(expected));
        assert_eq!(change.map(|change| change.bump), Some(surface::Bump::Major), "{case}: {report:?}");
    }
}

/// A surface written before constructors, setters and features were recorded reads, and
/// comparing it with a new one reports none of them as changed.
#[test]
fn an_older_surface_file_reports_no_invented_changes() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/realtimekit.yaml");
    let new = surface_of(&spec);
    let mut old = new.clone();
    for ty in old.types.values_mut() {
        ty.constructor = None;
        ty.setters = None;
        ty.default = None;
        ty.features = None;
    }
    for operation in old.operations.values_mut() {
        operation.feature.clear();
    }
    let old: surface::Surface = serde_json::from_str(&serde_json::to_string(&old).unwrap()).unwrap();
    let report = surface::diff(&old, &new);
    assert!(report.changes.is_empty(), "{report:?}");
}

/// Every object's keys sorted, recursively; lists keep their order.
fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(key, value)| (key, sorted(value))).collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Listing a document's properties, paths or components in another order is no change to the
/// API: constructors take required fields by name, and nothing else follows the order.
#[test]
fn a_key_sorted_copy_of_the_spec_is_no_api_change() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/realtimekit.yaml");
    let value: serde_json::Value = serde_yaml::from_slice(&std::fs::read(&spec).expect("readable")).expect("YAML");
    let text = serde_json::to_string_pretty(&sorted(value)).expect("JSON");
    assert_ne!(text.find("\"custom_participant_id\""), None);
    let (api, _) = codegen::lower("sorted.json", text.as_bytes()).unwrap_or_else(|failure| panic!("{failure}"));
    let report = surface::diff(&surface_of(&spec), &surface::surface(&api));
    assert!(report.changes.is_empty(), "{}", report.markdown("API changes of a key-sorted spec"));
    assert_eq!(report.bump(), surface::Bump::None);
}

/// How code calls an operation, its doubles' matchers and a model's setters are API: a change
/// of an argument's order or type, or of what a setter takes, breaks a user's call.
#[test]
fn a_change_in_what_a_call_or_a_setter_takes_is_breaking() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/realtimekit.yaml");
    let old = surface_of(&spec);
    let mut new = old.clone();
    let operation = new.operations.get_mut("meetings.get_meeting_participants").expect("the operation");
    operation.call.as_mut().expect("recorded").swap(0, 1);
    let queries = operation.mock_queries.as_mut().expect("recorded");
    queries[0] = ".query_page_no(u32)".to_owned();
    let participant = new.types.get_mut("Participant").expect("the type");
    participant.setter_arguments.as_mut().expect("recorded").insert("with_name".to_owned(), "(String)".to_owned());
    let report = surface::diff(&old, &new);
    for expected in [
        "`meetings.get_meeting_participants` takes (app_id: impl Into<String>, account_id: impl Into<String>",
        "the test doubles of `meetings.get_meeting_participants`: `.query_page_no(u32)` (was `.query_page_no(impl Into<f64>)`)",
        "setter `Participant::with_name` takes `(String)` (was `(impl Into<String>)`)",
    ] {
        let change = report.changes.iter().find(|change| change.text.contains(expected));
        assert_eq!(change.map(|change| change.bump), Some(surface::Bump::Major), "{expected}: {report:?}");
    }
}
