//! `Options::exercise`: every fixture's crate gets `examples/exercise.rs`, whose `prepare`
//! has one arm per operation that passes each parameter where the client takes it (required
//! ones as the method's arguments, optional ones through their setters) and the body; the
//! manifest names the program and its dev-dependency. Without the option, nothing changes
//! (the snapshots hold the rest).

mod common;

use codegen::ir::{Operation, ParamLocation};
use quote::ToTokens;

const PROGRAM: &str = "examples/exercise.rs";

/// The arms of `prepare`'s match (`Ok(match call.operation.as_str() { .. })`), by the
/// operation id they match, as token text; none when `prepare` is not that.
fn arms(source: &str) -> Vec<(String, String)> {
    let file: syn::File = syn::parse_file(source).expect("the program parses");
    let prepare = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Fn(function) if function.sig.ident == "prepare" => Some(function),
            _ => None,
        })
        .expect("a `prepare` function");
    // Without operations, `prepare` is one `Err(..)`: no arm.
    let Some(syn::Stmt::Expr(syn::Expr::Call(ok), None)) = prepare.block.stmts.first() else { return Vec::new() };
    let Some(syn::Expr::Match(matched)) = ok.args.first() else { return Vec::new() };
    matched
        .arms
        .iter()
        .filter_map(|arm| match &arm.pat {
            syn::Pat::Lit(syn::ExprLit { lit: syn::Lit::Str(id), .. }) => {
                Some((id.value(), arm.body.to_token_stream().to_string()))
            }
            _ => None,
        })
        .collect()
}

/// Every arm that `prepare` should have for `operation`, checked against its text.
fn check_arm(fixture: &str, operation: &Operation, arm: &str) {
    let method = &operation.method_name;
    assert!(arm.contains(&format!(". {method} (")), "{fixture}: `{}` does not call `{method}`: {arm}", operation.id);
    for param in &operation.params {
        let wire = format!("\"{}\"", param.name.replace('\\', "\\\\").replace('"', "\\\""));
        assert!(arm.contains(&wire), "{fixture}: `{}` does not pass `{}`: {arm}", operation.id, param.name);
        let optional = param.location != ParamLocation::Path && !param.required;
        if optional {
            let setter = &param.rust_name;
            assert!(
                arm.contains(&format!(". {setter} (value)")),
                "{fixture}: `{}` does not set `{}`: {arm}",
                operation.id,
                param.name
            );
        }
    }
    if let Some(body) = &operation.body {
        assert!(arm.contains("call . body ::"), "{fixture}: `{}` does not pass its body: {arm}", operation.id);
        if !body.required {
            let setter = &body.first().setter;
            assert!(arm.contains(&format!(". {setter} (body)")), "{fixture}: `{}` does not set its body", operation.id);
        }
    }
}

#[test]
fn the_exercise_program_calls_every_operation() {
    let mut operations = 0;
    for path in common::fixtures() {
        let fixture = path.file_name().expect("a file").to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).expect("fixture readable");
        let options = codegen::Options { exercise: true, ..common::options(&path) };
        let Ok(generated) = codegen::generate(&options.source_name, &bytes, &options) else { continue };
        let program = generated.files.iter().find(|file| file.path == PROGRAM).expect("the program is written");
        let arms = arms(&program.contents);
        assert_eq!(arms.len(), generated.api.operations.len(), "{fixture}: one arm per operation");
        for operation in &generated.api.operations {
            let (_, arm) = arms
                .iter()
                .find(|(id, _)| *id == operation.id)
                .unwrap_or_else(|| panic!("{fixture}: no arm for `{}`", operation.id));
            check_arm(&fixture, operation, arm);
            operations += 1;
        }
        let manifest = generated.files.iter().find(|file| file.path == "Cargo.toml").expect("a manifest");
        assert!(manifest.contents.contains("[dev-dependencies]\ntokio = "), "{fixture}: {}", manifest.contents);
        assert!(manifest.contents.contains("[[example]]\nname = \"exercise\""), "{fixture}");
        assert!(program.contents.contains("const OPERATIONS: &[(&str, &str, &str, &str)] = &["));
    }
    assert!(operations > 50, "only {operations} operations in the fixtures");
}

#[test]
fn without_the_option_there_is_no_program() {
    for path in common::fixtures() {
        let bytes = std::fs::read(&path).expect("fixture readable");
        let options = common::options(&path);
        let Ok(generated) = codegen::generate(&options.source_name, &bytes, &options) else { continue };
        assert!(generated.files.iter().all(|file| !file.path.starts_with("examples/")), "{}", path.display());
        let manifest = generated.files.iter().find(|file| file.path == "Cargo.toml").expect("a manifest");
        assert!(!manifest.contents.contains("[dev-dependencies]"), "{}", path.display());
    }
}
