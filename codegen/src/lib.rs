//! Turns an OpenAPI 3.0 document into a Rust client crate: parse, lower, emit.
//!
//! The library is pure: document bytes in, a sorted list of files out. Writing them, and
//! everything else that touches the file system, is `xtask`'s job.

pub mod diagnostics;
mod emit;
mod extensions;
pub mod ir;
mod load;
mod lower;
mod normalize;
mod parse;
mod position;
mod references;
pub mod surface;

pub use diagnostics::{Diagnostic, Failure, Location, Severity};
pub use emit::{GeneratedFile, SURFACE_FILE};

use diagnostics::Sink;

/// What the generated crate is called and how its files describe their origin.
#[derive(Clone, Debug)]
pub struct Options {
    /// The package name, such as `cloudflare-realtimekit`.
    pub crate_name: String,
    pub crate_version: String,
    /// The package description; by default one naming the API.
    pub description: Option<String>,
    pub license: String,
    /// How the do-not-edit header names the document, such as `spec/realtimekit.yaml`.
    pub source_name: String,
    /// The command the header tells readers to run to regenerate.
    pub generator_command: String,
    /// The environment variable `Client::from_env` reads the token from.
    pub token_env: String,
    /// The environment variable `Client::from_env` reads the base URL from.
    pub base_url_env: String,
    /// The header the API identifies requests by in its answers (Cloudflare's `cf-ray`),
    /// read into errors and responses; `None` where the API has none.
    pub request_id_header: Option<String>,
    /// Where the crate's runtime (client, retries, errors) comes from.
    pub runtime: RuntimeSource,
}

/// Where a generated crate's runtime comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeSource {
    /// A dependency on the `codegen-runtime` crate, as the TOML value `dependency` says
    /// (`{ path = "../runtime" }`, or a version): crates generated from several documents
    /// then share one `Error`, `RetryPolicy` and client core.
    Crate { dependency: String },
    /// The runtime's sources copied into the crate as its `runtime` module: a crate that
    /// stands alone, to publish or vendor on its own.
    Copied,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "api-client".to_owned(),
            crate_version: "0.1.0".to_owned(),
            description: None,
            license: "MIT OR Apache-2.0".to_owned(),
            source_name: "the API document".to_owned(),
            generator_command: "cargo xtask codegen".to_owned(),
            token_env: "CLOUDFLARE_API_TOKEN".to_owned(),
            base_url_env: "CLOUDFLARE_BASE_URL".to_owned(),
            request_id_header: Some("cf-ray".to_owned()),
            runtime: RuntimeSource::Copied,
        }
    }
}

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
    let api = load::load(document, &mut sink).and_then(|document| lower::lower(&document, &mut sink));
    let mut diagnostics = sink.into_vec();
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
    let (api, warnings) = lower(source_name, document)?;
    let files = emit::emit(&api, options).map_err(|error| {
        fail(
            format!("internal error: the generator produced invalid Rust in {error}"),
            "this is a bug in the generator; please report it with the document",
        )
    })?;
    Ok(Generated { files, warnings, api })
}

fn is_package_name(name: &str) -> bool {
    name.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic())
        && name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
}
