//! Thousands of warnings still fit on a screen: grouped by kind, counted, a few places each.

use codegen::diagnostics::{self, Severity};

/// A document with many findings of two kinds (as Twilio's has 181 of one kind), and one more.
fn noisy_document() -> String {
    let mut text = String::from("openapi: 3.0.3\ninfo: { title: Noisy, version: \"1\" }\nsecurity: []\npaths:\n");
    for index in 0..40 {
        text.push_str(&format!(
            "  /things{index}:\n    get:\n      responses:\n        \"200\": {{ description: OK }}\n"
        ));
    }
    text.push_str("components:\n  schemas:\n    Thing:\n      type: object\n      properties:\n");
    for index in 0..181 {
        text.push_str(&format!("        field{index}: {{ type: string, format: twilio-sid-{index} }}\n"));
    }
    text.push_str("        odd: { type: integer, maximum: 100000000000000000000000 }\n");
    text
}

#[test]
fn many_warnings_are_summarised_by_kind_on_one_screen() {
    let generated = codegen::generate("noisy.yaml", noisy_document().as_bytes(), &codegen::Options::default())
        .expect("the document generates");
    assert_eq!(generated.warnings.len(), 181 + 40 + 1);
    assert!(generated.warnings.iter().all(|warning| warning.severity == Severity::Warning && !warning.kind.is_empty()));

    let summary = diagnostics::summarize(&generated.warnings, "noisy.yaml", "`--verbose` lists every one");
    assert!(summary.lines().count() <= 24, "the summary does not fit on a screen:\n{summary}");
    insta::assert_snapshot!(summary);
}

#[test]
fn a_few_warnings_are_listed_in_full() {
    let text = "openapi: 3.0.3\ninfo: { title: Quiet, version: \"1\" }\nsecurity: []\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": { description: OK }\n";
    let generated = codegen::generate("quiet.yaml", text.as_bytes(), &codegen::Options::default()).expect("generates");
    let summary = diagnostics::summarize(&generated.warnings, "quiet.yaml", "unused");
    assert_eq!(summary, format!("{}1 warning in quiet.yaml\n", generated.warnings[0].render("quiet.yaml")));
}
