//! `Options`: what the generated crate is called, and what its files say about where they come
//! from. The caller chooses them; the emitters read them.

/// What the generated crate is called and how its files describe their origin.
#[derive(Clone, Debug)]
pub struct Options {
    /// The package name, such as `petstore-client`.
    pub crate_name: String,
    pub crate_version: String,
    /// The package description; by default one naming the API.
    pub description: Option<String>,
    pub license: String,
    /// The package's `repository`, for the registry's page; none by default.
    pub repository: Option<String>,
    /// The package's `keywords` (at most five on crates.io).
    pub keywords: Vec<String>,
    /// The package's `categories`, from crates.io's list.
    pub categories: Vec<String>,
    /// How the do-not-edit header names the document, such as `spec/petstore.yaml`.
    pub source_name: String,
    /// The command the header tells readers to run to regenerate.
    pub generator_command: String,
    /// The start of the environment variables `Client::from_env` reads: `{PREFIX}_BASE_URL`,
    /// and per security scheme `{PREFIX}_{SCHEME}` (`_USERNAME` and `_PASSWORD` for HTTP
    /// basic). By default the crate name in capitals (`API_CLIENT`).
    pub env_prefix: Option<String>,
    /// Variables for particular schemes instead of the derived ones: the scheme's name in
    /// the document, and one variable (two for HTTP basic: user name, then password).
    pub credential_env: Vec<(String, Vec<String>)>,
    /// The variable the base URL is read from instead of `{PREFIX}_BASE_URL`.
    pub base_url_env: Option<String>,
    /// The header the API identifies requests by in its answers (Cloudflare's `cf-ray`),
    /// read into errors and responses; `None` where the API has none.
    pub request_id_header: Option<String>,
    /// Where the crate's runtime (client, retries, errors) comes from.
    pub runtime: RuntimeSource,
    /// Where error answers keep their code and message, tried in order; by default what the
    /// document's error response schemas say (an `errors` list, an `error` object, a
    /// `message`), or all three when they say nothing.
    pub error_shapes: Option<Vec<ErrorShape>>,
    /// Past this many types, the models move into crates of their own of about this many
    /// types each (`models-{k}/`), which the crate depends on and re-exports: rustc holds a
    /// whole crate at once, and a document of GitHub's or Cloudflare's size does not fit a CI
    /// runner's memory as one crate. `None` keeps one crate whatever the size.
    pub split_models: Option<usize>,
    /// How a split document's crates depend on each other (`CrateGraph::Products` by default).
    pub crate_graph: CrateGraph,
    /// Also write `examples/exercise.rs`, a program that calls every operation with arguments
    /// read as JSON and says how each answer went (what `cargo xtask corpus --prism` runs
    /// against Prism), with the dev-dependencies it needs. Off by default: a crate for users
    /// does not need it.
    pub exercise: bool,
    /// How many threads format the files: by default one per core for a large document and
    /// one for a small one, where threads cost more than they save.
    pub render_threads: Option<usize>,
}

impl Options {
    /// The prefix of the crate's environment variables.
    pub fn env_prefix(&self) -> String {
        match &self.env_prefix {
            Some(prefix) => prefix.clone(),
            None => heck::ToShoutySnakeCase::to_shouty_snake_case(self.crate_name.as_str()),
        }
    }

    /// The variable `Client::from_env` reads the base URL from.
    pub fn base_url_env(&self) -> String {
        self.base_url_env.clone().unwrap_or_else(|| format!("{}_BASE_URL", self.env_prefix()))
    }

    /// The variables a security scheme's credential is read from.
    pub fn credential_env(&self, scheme: &str, basic: bool) -> Vec<String> {
        if let Some((_, names)) = self.credential_env.iter().find(|(name, _)| name == scheme) {
            return names.clone();
        }
        let base = format!("{}_{}", self.env_prefix(), heck::ToShoutySnakeCase::to_shouty_snake_case(scheme));
        if basic { vec![format!("{base}_USERNAME"), format!("{base}_PASSWORD")] } else { vec![base] }
    }
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

/// The package name of the runtime crate generated crates depend on (or copy).
pub const RUNTIME_PACKAGE: &str = "openapi-client-runtime";

/// The version of the runtime crate this generator writes code for.
pub const RUNTIME_VERSION: &str = "0.1.0";

/// Where a generated crate's runtime comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeSource {
    /// A dependency on the runtime crate (`openapi-client-runtime`): of `version` on the
    /// registry, and at `path` (relative to the generated crate's folder, or absolute) where
    /// one is at hand, which cargo builds from while developing and leaves out when the crate
    /// is published. `package` names the crate when it is published under another name (the
    /// runtime a split crate ships beside it). Crates generated from several documents then
    /// share one `Error`, `RetryPolicy` and client core.
    Crate { version: String, path: Option<String>, package: Option<String> },
    /// The runtime's sources copied into the crate as its `runtime` module: a crate that
    /// stands alone, to publish or vendor on its own.
    Copied,
}

impl RuntimeSource {
    /// The runtime crate of this generator's version, at `path` too.
    pub fn crate_at(path: impl Into<String>) -> RuntimeSource {
        RuntimeSource::Crate { version: RUNTIME_VERSION.to_owned(), path: Some(path.into()), package: None }
    }

    /// The runtime crate of this generator's version, from the registry alone.
    pub fn published() -> RuntimeSource {
        RuntimeSource::Crate { version: RUNTIME_VERSION.to_owned(), path: None, package: None }
    }
}

/// How the crates of a document past `Options::split_models` types are laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CrateGraph {
    /// Wide: the groups put together into products by the types they use, each product a
    /// crate of operations above models crates of its own types, beside the other products,
    /// all above the crates of the types several products share; the crate itself is a
    /// facade re-exporting them. Products check in parallel, and a change to one product's
    /// types rebuilds that product alone.
    #[default]
    Products,
    /// Deep: the models in a chain of crates (each depends on every earlier one) below the
    /// crate, which holds every operation. Kept as the baseline the benchmarks compare with.
    Chained,
}

/// The default of `Options::split_models`: checked alone, 1,500 of GitHub's types take
/// about 1.7 GiB, so that two crates checked at once stay within 4 GiB.
pub const DEFAULT_SPLIT_MODELS: usize = 1500;

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "api-client".to_owned(),
            crate_version: "0.1.0".to_owned(),
            description: None,
            license: "MIT OR Apache-2.0".to_owned(),
            repository: None,
            keywords: ["api", "client", "openapi"].map(str::to_owned).to_vec(),
            categories: vec!["api-bindings".to_owned()],
            source_name: "the API document".to_owned(),
            generator_command: "cargo xtask codegen".to_owned(),
            env_prefix: None,
            credential_env: Vec::new(),
            base_url_env: None,
            request_id_header: None,
            runtime: RuntimeSource::Copied,
            error_shapes: None,
            split_models: Some(DEFAULT_SPLIT_MODELS),
            crate_graph: CrateGraph::Products,
            exercise: false,
            render_threads: None,
        }
    }
}
