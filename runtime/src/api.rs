//! What the runtime knows of the API a generated crate calls, stated once as one value, and
//! of each of its operations: plain descriptions, which depend on nothing else here.

/// The facts about one API that the runtime cannot know by itself: where it is, which
/// environment variables configure it, how it names itself and how its answers are traced.
///
/// A generated crate states them in its [`Api`] implementation; nothing in the runtime is
/// looked up by name in the crate that uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiDescription {
    /// The API's name, as messages say it (the document's title).
    pub name: &'static str,
    /// The document's first server, used when no base URL is configured.
    pub default_base_url: Option<&'static str>,
    /// The environment variable `Client::from_env` reads the base URL from.
    pub base_url_env: &'static str,
    /// The ways the API accepts credentials, as its document declares them; operations name
    /// them by index ([`Operation::security`](crate::Operation::security)).
    pub security_schemes: &'static [SecurityScheme],
    /// Whether every operation needs a credential, so that a client given none is refused
    /// when built rather than at its first call.
    pub requires_credentials: bool,
    /// The default `User-Agent` (the generated crate's name and version).
    pub user_agent: &'static str,
    /// The request-id header: the answer header that identifies a request to the API's
    /// operators (as the generator's options name it), read into errors and responses; `None`
    /// where the API has none.
    pub request_id_header: Option<&'static str>,
    /// Where error answers keep their code and message, tried in order: every shape that
    /// matches adds its details, so an answer in either of two shapes is read.
    pub error_shapes: &'static [ErrorShape],
    /// The rate limits the document declares (`x-rate-limit`), which the client paces its
    /// calls to unless told otherwise.
    pub rate_limits: &'static [DeclaredLimit],
    /// The credentials the document asks for where an operation says nothing (its top-level
    /// `security`), as [`Operation::security`] says them: what a raw call sends.
    pub default_security: &'static [&'static [usize]],
}

/// A rate limit the API document declares: at most `requests` calls in any window of
/// `window_ms` milliseconds, for every operation or for some.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeclaredLimit {
    /// The calls allowed in a window.
    pub requests: u32,
    /// The window's length, in milliseconds.
    pub window_ms: u64,
    /// The calls that may go out at once, where the document says.
    pub burst: Option<u32>,
    /// The operations the limit counts together (a tag's, or one operation's), by id;
    /// `None` for every call to the API.
    pub operations: Option<&'static [&'static str]>,
}

/// Where an error answer's JSON body keeps its code and message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorShape {
    /// One object (or a bare message) under `field`: `{"error": {"code": 404, "message": ".."}}`.
    Object {
        /// The top-level field, such as `error`.
        field: &'static str,
    },
    /// A list of objects under `field`: `{"errors": [{"code": 1003, "message": ".."}]}`.
    List {
        /// The top-level field, such as `errors`.
        field: &'static str,
    },
    /// A message alone under `field`, read only when no other shape gave a detail:
    /// `{"message": ".."}`.
    Message {
        /// The top-level field, such as `message`.
        field: &'static str,
    },
}

/// An API a client can call: implemented by one type in each generated crate (its `Api`).
pub trait Api: Sized + Send + Sync + 'static {
    /// The API's description.
    const DESCRIPTION: ApiDescription;
    /// The generated crate's own client: a handle around the runtime's [`Client`](crate::Client)
    /// core, with one accessor per group of operations.
    type Client: From<crate::Client<Self>>;
}

/// One way the API accepts a credential, as its document declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the document (`api_token`).
    pub name: &'static str,
    /// How the credential travels.
    pub kind: SchemeKind,
    /// The environment variables `ClientBuilder::from_env` reads it from: one, or for HTTP
    /// basic a user name and a password.
    pub env: &'static [&'static str],
}

/// How a scheme's credential travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, and the access tokens of OAuth 2 and
    /// OpenID Connect, which the client is given once obtained.
    Bearer,
    /// `Authorization: Basic <user:password in base64>`.
    Basic,
    /// A key sent as it is, in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: KeyLocation,
        /// The header, query parameter or cookie name (`X-API-Key`).
        name: &'static str,
    },
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// What the client needs to know about an operation besides its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The `operationId` (or the name derived from method and path).
    pub id: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path as written in the API document, with `{placeholders}`.
    pub path_template: &'static str,
    /// Whether sending the request twice has the effect of sending it once. Requests that
    /// are not are only retried when the server says it did not act on them.
    pub idempotent: bool,
    /// The combinations of credentials the operation accepts, any one of them: each a list
    /// of indexes into [`ApiDescription::security_schemes`],
    /// all sent together. An empty combination means "no credentials"; no combinations at
    /// all, that the operation takes none.
    pub security: &'static [&'static [usize]],
}

impl Operation {
    /// Whether the operation takes credentials at all.
    pub fn takes_credentials(&self) -> bool {
        self.security.iter().any(|alternative| !alternative.is_empty())
    }
}

#[cfg(test)]
mod tests {
    /// The runtime is copied into crates for any API, so none of its files names the API this
    /// project generates a client for: that belongs in the generator's options.
    #[test]
    fn no_source_file_names_a_particular_api() {
        // Spelt in pieces, so that this file does not name them either.
        let names = [concat!("cloud", "flare"), concat!("cf", "-ray"), concat!("realtime", "kit")];
        let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut read = 0;
        let mut found = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("the runtime's sources can be listed") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                if path.extension().is_none_or(|extension| extension != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
                read += 1;
                for (number, line) in text.lines().enumerate() {
                    let lower = line.to_lowercase();
                    if names.iter().any(|name| lower.contains(name)) {
                        found.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
                    }
                }
            }
        }
        assert!(read >= 15, "only {read} source files were found");
        assert!(found.is_empty(), "the runtime names a particular API:\n{}", found.join("\n"));
    }
}
