//! Turns an OpenAPI 3.0 or 3.1 document into a Rust client crate: parse, lower, emit.
//!
//! The library is pure: document bytes in, a sorted list of files out. Writing them, and
//! everything else that touches the file system, is `xtask`'s job.

pub mod diagnostics;
mod emit;
mod extensions;
mod external_refs;
mod grammar;
pub mod ir;
mod json_pointer;
mod load;
mod lower;
mod normalize;
mod openapi31;
mod options;
mod parse;
mod pointers;
mod position;
mod relocations;
mod schema_keywords;
pub mod surface;
mod webhooks;

pub use diagnostics::{Diagnostic, Failure, Location, Severity};
pub use emit::{FormatCache, GeneratedFile, SURFACE_FILE};
pub use options::{CrateGraph, ErrorShape, Options, RUNTIME_PACKAGE, RUNTIME_VERSION, RuntimeSource};

use diagnostics::Sink;

/// A generated crate.
#[derive(Debug)]
pub struct Generated {
    /// Every file, sorted by path, paths relative to the crate root.
    pub files: Vec<GeneratedFile>,
    /// What the generator could not honour as written, with where it is.
    pub warnings: Vec<Diagnostic>,
    /// The lowered model the files were emitted from.
    pub api: ir::Api,
}

/// Merely parses a document into openapiv3's model, as any tool reading it must: the floor
/// the benchmarks compare generation with.
pub fn parse_openapi(document: &[u8]) -> Result<openapiv3::OpenAPI, String> {
    match document.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{') => serde_json::from_slice(document).map_err(|error| error.to_string()),
        _ => serde_yaml::from_slice(document).map_err(|error| error.to_string()),
    }
}

/// Parses and lowers a document into the model, without emitting anything.
/// `source_name` is how messages name the document.
pub fn lower(source_name: &str, document: &[u8]) -> Result<(ir::Api, Vec<Diagnostic>), Failure> {
    let mut sink = Sink::default();
    let loaded = load::load(document, &mut sink);
    let mut api = loaded.document.as_ref().and_then(|document| lower::lower(document, &mut sink));
    let mut diagnostics = sink.into_vec();
    // What loading moved (a reference's target into `components`, a shared path item where it
    // is used, a 3.1 `$defs` entry) is named where the document writes it.
    loaded.relocations.apply(&mut diagnostics);
    for definition in api.iter_mut().flat_map(|api| api.types.iter_mut()) {
        definition.origin = loaded.relocations.original(&definition.origin);
    }
    if let Ok(text) = std::str::from_utf8(document) {
        position::PositionIndex::new(text).locate_all(&mut diagnostics);
    }
    match api {
        Some(api) if !diagnostics.iter().any(|d| d.severity == Severity::Error) => Ok((api, diagnostics)),
        _ => Err(Failure { file: source_name.to_owned(), diagnostics }),
    }
}

/// Generates a crate from a document (YAML or JSON).
pub fn generate(source_name: &str, document: &[u8], options: &Options) -> Result<Generated, Failure> {
    generate_with(source_name, document, options, &FormatCache::default())
}

/// [`generate`], reusing the formatting of files whose code is what it was in the run `cache`
/// comes from (and recording this run's in it).
pub fn generate_with(
    source_name: &str,
    document: &[u8],
    options: &Options,
    cache: &FormatCache,
) -> Result<Generated, Failure> {
    let fail = |message: String, help: &str| Failure {
        file: source_name.to_owned(),
        diagnostics: vec![Diagnostic::error("", message).help(help)],
    };
    if !is_package_name(&options.crate_name) {
        return Err(fail(
            format!("`{}` is not a valid crate name", options.crate_name),
            "use letters, digits, `-` and `_`, starting with a letter",
        ));
    }
    let (mut api, warnings) = lower(source_name, document)?;
    lower::split_models(&mut api, options.split_models, options.crate_graph);
    let files = emit::emit(&api, options, cache).map_err(|error| {
        fail(
            format!("internal error: the generator produced invalid Rust in {error}"),
            "this is a bug in the generator; please report it with the document",
        )
    })?;
    if let Some((folder, bytes)) = emit::too_large_to_publish(&files) {
        let package =
            if folder == "." { options.crate_name.clone() } else { format!("{}-{folder}", options.crate_name) };
        return Err(fail(
            format!(
                "the crate `{package}` would hold {:.0} MiB of source, more than a registry takes: crates.io refuses a packaged crate over 10 MiB, and generated Rust packs at least about {}:1",
                bytes as f64 / (1024.0 * 1024.0),
                emit::PACKED_RATIO
            ),
            "split the document into more crates: lower `--split-models` (`Options::split_models`), or leave it on if it was off",
        ));
    }
    Ok(Generated { files, warnings, api })
}

fn is_package_name(name: &str) -> bool {
    name.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic())
        && name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
}

#[cfg(test)]
mod invariants {
    /// ARCHITECTURE.md: nothing of the project's own API is in the generator. Every source file
    /// of `codegen/src` is read; none may name the project's API, its resources or its calls
    /// (the words are spelled in pieces here, so that this file passes too).
    #[test]
    fn no_source_file_names_this_projects_api() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("codegen/src reads") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|extension| extension == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file").to_ascii_lowercase();
                    for word in [concat!("realtime", "kit"), concat!("partici", "pant"), concat!("meet", "ing")] {
                        if text.contains(word) {
                            found.push(format!("{}: {word}", path.display()));
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
        assert!(found.is_empty(), "the generator names this project's API: {found:?}");
    }
}
