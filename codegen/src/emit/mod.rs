//! Stage three: the model to files. No decisions are left here, only spelling them out.
//!
//! Each emitter returns tokens for one file; `render` formats them once with prettyplease
//! and puts the do-not-edit header on top.

mod crate_root;
pub mod docs;
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
    Ok(format!("// {header}\n\n{}", prettyplease::unparse(&file)))
}
