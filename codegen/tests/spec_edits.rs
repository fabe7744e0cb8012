//! What a reviewer sees in the diff of `generated/` is what changed in the spec, and no more.

use std::path::Path;

fn generate(text: &str) -> Vec<codegen::GeneratedFile> {
    let options = codegen::Options {
        crate_name: "cloudflare-realtimekit".to_owned(),
        source_name: "spec/realtimekit.yaml".to_owned(),
        ..codegen::Options::default()
    };
    codegen::generate(&options.source_name, text.as_bytes(), &options).expect("the spec generates").files
}

fn read_spec() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/realtimekit.yaml"))
        .expect("the spec is readable")
}

#[test]
fn editing_one_description_changes_exactly_its_doc_comment() {
    let spec = read_spec();
    let before = "description: Preset applied to the participant.";
    assert_eq!(spec.matches(before).count(), 1, "the test edits a description that appears once");
    let edited = spec.replace(before, "description: The preset this participant joined with.");

    let old = generate(&spec);
    let new = generate(&edited);

    assert_eq!(old.iter().map(|f| &f.path).collect::<Vec<_>>(), new.iter().map(|f| &f.path).collect::<Vec<_>>());
    let mut changed = Vec::new();
    for (old, new) in old.iter().zip(&new) {
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
            (old.contents.lines().collect(), new.contents.lines().collect());
        assert_eq!(old_lines.len(), new_lines.len(), "{} changed length", old.path);
        for (line, (a, b)) in old_lines.iter().zip(&new_lines).enumerate() {
            if a != b {
                changed.push((old.path.clone(), line, a.trim().to_owned(), b.trim().to_owned()));
            }
        }
    }
    // The API surface records descriptions, as documentation: those lines change with them.
    let (surface, code): (Vec<_>, Vec<_>) = changed.into_iter().partition(|(path, ..)| path == codegen::SURFACE_FILE);
    assert!(!surface.is_empty() && surface.iter().all(|(_, _, old, _)| old.starts_with("\"docs\"")), "{surface:#?}");
    // `Participant` has the field, and so does `ParticipantWithToken`, which is
    // `allOf: [Participant, ...]`: both doc comments change, and no code.
    assert_eq!(code.len(), 2, "{code:#?}");
    for (path, _, old, new) in &code {
        assert_eq!(path, "src/models/meetings.rs");
        assert_eq!(old, "/// Preset applied to the participant.");
        assert_eq!(new, "/// The preset this participant joined with.");
    }
}

/// What adding one optional field changes in the generated files, outside `public-api.json`:
/// `(path, line)` for every line added and every line removed, by a line diff of each file.
struct LineChanges {
    added: Vec<(String, String)>,
    removed: Vec<(String, String)>,
    /// The diffs themselves, shown when an assertion fails.
    shown: String,
}

fn line_changes(old: &[codegen::GeneratedFile], new: &[codegen::GeneratedFile]) -> LineChanges {
    assert_eq!(old.iter().map(|f| &f.path).collect::<Vec<_>>(), new.iter().map(|f| &f.path).collect::<Vec<_>>());
    let mut changes = LineChanges { added: Vec::new(), removed: Vec::new(), shown: String::new() };
    for (old, new) in old.iter().zip(new).filter(|(old, _)| old.path != codegen::SURFACE_FILE) {
        let diff = similar::TextDiff::from_lines(&old.contents, &new.contents);
        for change in diff.iter_all_changes() {
            let line = (old.path.clone(), change.value().trim_end().to_owned());
            match change.tag() {
                similar::ChangeTag::Insert => changes.added.push(line),
                similar::ChangeTag::Delete => changes.removed.push(line),
                similar::ChangeTag::Equal => {}
            }
        }
        if old.contents != new.contents {
            let unified = diff.unified_diff().header(&old.path, &new.path).to_string();
            changes.shown.push_str(&unified);
        }
    }
    changes
}

/// Adds `field` (YAML, indented as a property) right after `anchor`, which must appear once.
fn with_field(spec: &str, anchor: &str, field: &str) -> String {
    assert_eq!(spec.matches(anchor).count(), 1, "the test edits after a line that appears once: {anchor}");
    spec.replacen(anchor, &format!("{anchor}{field}"), 1)
}

/// Asserts that a diff only adds lines, only in `files`, and at most `most` of them outside doc
/// comments, blank lines included: what a reviewer has to read besides the new docs.
fn assert_small_and_local(changes: &LineChanges, field: &str, files: &[&str], most: usize) {
    let diff = &changes.shown;
    assert!(changes.removed.is_empty(), "adding a field removed or rewrote lines:\n{diff}");
    assert!(
        changes.added.iter().all(|(path, _)| files.contains(&path.as_str())),
        "lines added outside {files:?}:\n{diff}"
    );
    let code: Vec<&str> =
        changes.added.iter().map(|(_, line)| line.trim()).filter(|line| !line.starts_with("///")).collect();
    assert!(code.len() <= most, "{} lines added besides docs, more than {most}:\n{diff}", code.len());
    // The field itself, an entry in each serde macro, and its initialiser in `new()`.
    let naming = code.iter().filter(|line| line.contains(field)).count();
    assert!(naming >= 4, "the field, two macro entries and an initialiser expected:\n{diff}");
}

#[test]
fn adding_an_optional_field_to_a_small_response_type_adds_its_lines_and_a_setter() {
    let spec = read_spec();
    // `ErrorBody` has two fields: short lists, which prettyplease would keep on one line and
    // rewrap as they grow. Every model type has setters (tests build answers with them), so
    // the field also gets a `with_` setter: a blank line and four lines of code.
    let edited = with_field(
        &spec,
        "        error:\n          $ref: \"#/components/schemas/ErrorDetail\"\n",
        "        request_id:\n          type: string\n          description: The request's ID, for support.\n",
    );
    let changes = line_changes(&generate(&spec), &generate(&edited));
    assert_small_and_local(&changes, "request_id", &["src/models/shared.rs"], 9);
}

#[test]
fn adding_an_optional_field_to_a_request_type_adds_its_lines_and_a_setter() {
    let spec = read_spec();
    // The field gets a `with_` setter too: a blank line and four lines of code besides its doc. The field goes second of five, where a list
    // flowed like text would rewrap every line after it.
    let edited = with_field(
        &spec,
        "          description: A unique participant ID. You must specify a unique ID for the participant, for example, UUID, email address, and so on.\n",
        "        client_tag:\n          type: string\n          description: A label of the caller's own.\n",
    );
    let changes = line_changes(&generate(&spec), &generate(&edited));
    assert_small_and_local(&changes, "client_tag", &["src/models/meetings.rs"], 9);
}

/// A regeneration reuses the formatting of every file whose code did not change: after one
/// description is edited, only the file that holds it is formatted again, and the output is
/// byte for byte what a run without the cache writes.
#[test]
fn a_regeneration_formats_only_the_files_that_changed() {
    let options = codegen::Options {
        crate_name: "cloudflare-realtimekit".to_owned(),
        source_name: "spec/realtimekit.yaml".to_owned(),
        ..codegen::Options::default()
    };
    let spec = read_spec();
    let edited = spec.replace(
        "description: Preset applied to the participant.",
        "description: The preset this participant joined with.",
    );
    let first = codegen::FormatCache::default();
    codegen::generate_with(&options.source_name, spec.as_bytes(), &options, &first).expect("the spec generates");
    let (reused, formatted) = first.counts();
    assert_eq!(reused, 0);
    assert!(formatted >= 5, "every Rust file is formatted once: {formatted}");

    let second = codegen::FormatCache::from_entries(first.into_entries());
    let cached = codegen::generate_with(&options.source_name, edited.as_bytes(), &options, &second)
        .expect("the edited spec generates");
    assert_eq!(second.counts(), (formatted - 1, 1), "only src/models/meetings.rs is formatted again");
    let fresh = generate(&edited);
    assert_eq!(cached.files, fresh, "the cache changes no byte");
}
