//! Stage three: the model to files. No decisions are left here, only spelling them out.
//!
//! Each emitter returns tokens for one file; `render` formats them once with prettyplease
//! and puts the do-not-edit header on top.

mod crate_root;
pub mod docs;
mod features;
mod manifest;
mod models;
mod operations;
mod runtime;
mod types;

use proc_macro2::TokenStream;

use crate::Options;
use crate::ir::Api;

/// One file of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path inside the crate, with `/` separators: `src/lib.rs`.
    pub path: String,
    pub contents: String,
}

/// The files of the crate, sorted by path. `Err` names a file whose tokens did not parse as
/// Rust: a bug in this generator, reported rather than panicking.
pub fn emit(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>, String> {
    let header = header(options);
    let mut files =
        vec![GeneratedFile { path: "Cargo.toml".to_owned(), contents: manifest::manifest(api, options, &header) }];
    let mut sources = vec![("src/lib.rs".to_owned(), crate_root::lib_rs(api, options))];
    sources.extend(models::files(api));
    sources.extend(operations::files(api));
    for (path, tokens) in sources {
        let contents = render(&tokens, &header).map_err(|error| format!("{path}: {error}"))?;
        files.push(GeneratedFile { path, contents });
    }
    files.extend(runtime::files(&header));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn header(options: &Options) -> String {
    format!(
        "This file is @generated from {} by {}. Do not edit it: change the document and regenerate.",
        options.source_name, options.generator_command
    )
}

/// Formats tokens as a Rust file with the header on top.
fn render(tokens: &TokenStream, header: &str) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(format!("// {header}\n\n{}", separate_items(&prettyplease::unparse(&file))))
}

/// Puts a blank line between items, which prettyplease writes back to back, so that the
/// files read like hand-written ones in a diff. An item starts where a line opens a doc
/// comment, an attribute or an item keyword right after a closing brace at the same
/// indentation, or after the file's inner attributes.
fn separate_items(text: &str) -> String {
    const STARTS: &[&str] =
        &["///", "#[", "pub ", "impl", "fn ", "const ", "struct ", "enum ", "mod ", "async fn ", "crate::"];
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(before) = previous {
            let indent = line.len() - trimmed.len();
            let before_trimmed = before.trim_start();
            let closes_item = before.len() - before_trimmed.len() == indent && matches!(before_trimmed, "}" | "};");
            let after_inner_attributes = before_trimmed.starts_with("#![") && !trimmed.starts_with("#![");
            if (closes_item || after_inner_attributes) && STARTS.iter().any(|start| trimmed.starts_with(start)) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}
