//! `Options`: what the generated crate is called, and what its files say about where they come
//! from. The caller chooses them; the emitters read them.

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
    /// Where error answers keep their code and message, tried in order.
    pub error_shapes: Vec<ErrorShape>,
}

/// Where an error answer's JSON body keeps its code and message (the runtime's
/// `ErrorShape`): each names a top-level field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorShape {
    /// One object, or a bare message, under the field: `{"error": {"code", "message"}}`.
    Object(String),
    /// A list of objects under the field: `{"errors": [{"code", "message"}]}`.
    List(String),
    /// A message alone under the field, read when no other shape gave a detail.
    Message(String),
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
            // RealtimeKit's `error` object and Cloudflare's v4 `errors` envelope, as
            // API-NOTES describes, and a bare `message` as Cloudflare's edge sends.
            error_shapes: vec![
                ErrorShape::Object("error".to_owned()),
                ErrorShape::List("errors".to_owned()),
                ErrorShape::Message("message".to_owned()),
            ],
        }
    }
}
