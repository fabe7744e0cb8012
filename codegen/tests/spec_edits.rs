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

#[test]
fn editing_one_description_changes_exactly_its_doc_comment() {
    let spec = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/realtimekit.yaml"))
        .expect("the spec is readable");
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
