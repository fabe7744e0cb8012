// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.

//! # Cloudflare RealtimeKit API
//!
//! Participants of RealtimeKit meetings and sessions.
//!
//! RealtimeKit answers with `{ "success": true, "data": ... }` rather than the
//! `result` / `result_info` envelope that most other Cloudflare endpoints use.
//!
//! Generated from version 4.0.0 of the API document by `cargo xtask codegen`: every type, field and method carries the document's own description.
//!
//! ## Quick start
//!
//! ```no_run
//! # async fn example() -> Result<(), cloudflare_realtimekit::Error> {
//! let client = cloudflare_realtimekit::Client::from_env()?;
//! let answer = client.meetings().get_meeting_participant("account_id", "app_id", cloudflare_realtimekit::uuid::Uuid::nil(), "participant_id").await?;
//! println!("{answer:?}");
//! # Ok(())
//! # }
//! ```
//!
//! ## How this crate is organised
//!
//! - [`Client`] holds the credentials, base URL, timeouts and retry policy: build it with [`Client::from_env`], [`Client::new`] (a token) or [`Client::builder`].
//! - Operations are grouped by the document's tags; each group is a module, a handle on the client and a cargo feature:
//!   - `client.meetings()` ([`meetings`]), feature `meetings`: 3 operations
//!   - `client.sessions()` ([`sessions`]), feature `sessions`: 1 operation
//! - Each operation method returns a request builder: set optional parameters, then `.await` it for the body, or call `send_with_response()` for status and headers too.
//! - [`models`] holds every request and response type. Optional fields are `Option`, fields that may also be `null` are [`Nullable`], and enums keep values they do not know in an `Unknown` variant.
//! - [`Error`] is the one error type: match on its variants for the status, or ask [`Error::is_retryable`]. Transient failures are already retried under the [`RetryPolicy`].
//!
//! ## Configuration, errors, retries
//!
//! - **Configuration.** [`Client::from_env`] reads the base URL from `CLOUDFLARE_BASE_URL` (default: the document's server) and the credentials of the document's security schemes: `api_token`, a bearer token ([`ClientBuilder::token`]), from `CLOUDFLARE_API_TOKEN`; `api_email`, a key in the header `X-Auth-Email` ([`ClientBuilder::api_key`]), from `CLOUDFLARE_EMAIL`; `api_key`, a key in the header `X-Auth-Key` ([`ClientBuilder::api_key`]), from `CLOUDFLARE_API_KEY`. Each request sends what its operation accepts, choosing among the credentials given. Every operation needs credentials: a client without any fails at construction; a call whose operation needs one the client lacks fails before sending. [`ClientBuilder`] also sets timeouts, the [`RetryPolicy`], the user agent, default headers (types in [`header`]), or takes your own `reqwest::Client` (the crate is re-exported as [`reqwest`]). No `Debug` output or log line shows a credential, and none follows a redirect to another host.
//! - **Errors.** [`Error`] has a variant per status class (`BadRequest`, `Authentication`, `PermissionDenied`, `NotFound`, `Conflict`, `UnprocessableEntity`, `RateLimited`, `Server`, `UnexpectedStatus`), each with an [`ApiError`] carrying the status, the API's code and message (from `{"error": {..}}` or `{"errors": [..]}` or `{"message": ".."}` bodies), the request id (`cf-ray`), the body (the title of an HTML error page), the server's `retry-after` hint ([`ApiError::retry_after`]) and, for a redirect the client refused to follow, its target ([`ApiError::redirect_target`]); plus `Connection`, `Timeout`, `InvalidArgument` and `Credentials` (refused before sending) and `Decode` (with the JSON path of the value that did not match).
//! - **Retries.** 408, 409, 429, 5xx, connection failures and timeouts are retried (5 times by default) with exponential backoff and jitter, honouring `retry-after-ms`, `retry-after` and `x-should-retry`. A server hint longer than the policy's `max_retry_after` (60 s) ends the call at once with the error, whose [`ApiError::retry_after`] says when to try again. A POST or PATCH is never sent again once the server may have acted on it. See [`RetryPolicy`].
//! - **Pagination.** Operations whose document says how they page (the `x-pagination` extension) get `pages()` and `items()` on their request: streams ([`Pages`], [`Items`]) over every page or every item, each page fetched once, stopping at the total, at an empty page, or with [`Error::Pagination`] when the server repeats a page.
//! - **Timeouts.** 60 s per attempt and 5 s to connect by default, and no bound on the whole call unless you set one: [`ClientBuilder::total_timeout`] bounds every attempt and wait of a call together, and is the one to set to what a caller can wait (see [`ClientBuilder`]). A request can override both timeouts, its retries and headers with [`RequestOptions`].
//! - **Arguments.** Path parameters are percent-encoded as one segment each, so no value can reach another endpoint; empty values and values over the document's `maxLength` are refused before anything is sent.
//! - **Tracing.** Each call is a `tracing` span `api_call` named and filled as OpenTelemetry's HTTP client conventions say (`otel.name`, `http.request.method`, `url.template`, `url.full` with any key in the query redacted, `server.address`, `server.port`, `http.response.status_code`, `http.request.resend_count`, `error.type`), with the `operation` and `duration_ms`; retries are logged with their attempt number and reason.
//! - **Production traffic.** Calls are paced to the rate limits the document declares (250 calls per 10 s, 1200 calls per 5 min) or you set ([`ClientBuilder::rate_limit`], [`RateLimit`]), to those the server states (`RateLimit-Policy`), and held back while the server asks for a pause (`retry-after` on a 429, `RateLimit` with nothing left), shared by every clone of a client; [`ClientBuilder::max_in_flight`] bounds calls in flight. A [`Hook`] runs around every attempt (sign a request, count calls), and [`ClientBuilder::token_source`] takes a token that renews itself ([`RefreshingToken`]). For what the document lags behind on: extra query parameters, headers and JSON body fields on any call ([`RequestOptions`]), a raw call to any path with the client's credentials, retries and errors (`client.raw(..)`), and every answer's status, headers and request id (`send_with_response`, `Pages::next_with_response`).
//!
//! ## Testing code that uses this crate
//!
//! With the feature `mock` (off by default; add it to your `[dev-dependencies]`), `mock::MockApi::start().await` starts a mock of the API on 127.0.0.1 and `mock.client()` gives a [`Client`] pointed at it. Each operation has a method on the mock that expects it, matching its path parameters; narrow it with typed query values (`.query_{name}(..)`), a predicate on the operation's parameters (`.params(..)`, every parameter as the crate's type) or on the typed request body (`.body(..)`). Answer with the crate's own response types (`.respond(..)`, in the document's media type and status), an API error and its status (`.error(..)`), any bytes (`.raw(..)`), a delay, a dropped connection, or a sequence of answers (429, then 200); `.times(n)` says how often. Every request is read with the crate's types and checked against the API document (path, method, required parameters, body and body fields, types, enums and every bound the document states, in parameters and bodies): a request the document does not allow, or that no expectation matches, fails the test with a message naming the operation and the problem, on `verify()` or when the mock is dropped; `take_problems()` gives the same messages without failing. `received::<Operation>()` reads what an operation received, parameters and bodies typed. Answers are built in one expression: every model type has `new(..)` with its required fields, in alphabetical order, and a `with_*` setter for each optional one.
//!
//! ```no_run
//! # #[cfg(feature = "mock")]
//! # async fn example() {
//! use cloudflare_realtimekit::mock::MockApi;
//!
//! // Every `get_meeting_participant` request is answered with a 503, once.
//! let mock = MockApi::start().await;
//! mock.get_meeting_participant("account_id", "app_id", cloudflare_realtimekit::uuid::Uuid::nil(), "participant_id")
//!     .error(503, cloudflare_realtimekit::serde_json::json!({"message": "down for maintenance"}))
//!     .times(1)
//!     .mount()
//!     .await;
//! // The code under test, given the mock's client, sees the API's error.
//! let error = mock.client().meetings().get_meeting_participant("account_id", "app_id", cloudflare_realtimekit::uuid::Uuid::nil(), "participant_id").await.expect_err("the mock answers 503");
//! assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
//! mock.verify().await;
//! # }
//! ```
//!
//! ## Cargo features
//!
//! Every group is on by default (feature `full`). To compile only what you use, turn default features off and name the groups: the crate then contains only their operations and the types they need.
//!
//! Schemas of the document that no operation uses are behind the feature `unreferenced-models` (part of `full`).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]
#![allow(clippy::too_many_arguments)]
#![allow(clippy::large_enum_variant)]

/// The runtime every call goes through: the client core, errors, retries,
/// pagination (the `openapi-client-runtime` crate).
pub use ::openapi_client_runtime as runtime;
pub use runtime::ApiDescription;
pub use runtime::ApiError;
pub use runtime::Attempt;
pub use runtime::AttemptOutcome;
pub use runtime::BodyFuture;
pub use runtime::BoxError;
pub use runtime::ByteStream;
pub use runtime::ConfigError;
pub use runtime::Credential;
pub use runtime::CredentialsError;
pub use runtime::DecodeError;
pub use runtime::Error;
pub use runtime::ErrorDetail;
pub use runtime::Hook;
pub use runtime::HookError;
pub use runtime::HookFuture;
pub use runtime::InvalidArgument;
pub use runtime::InvalidUri;
pub use runtime::Items;
pub use runtime::JsonLines;
pub use runtime::KeyLocation;
pub use runtime::Nullable;
pub use runtime::Operation;
pub use runtime::Pages;
pub use runtime::PaginationError;
pub use runtime::RateLimit;
pub use runtime::RawRequest;
pub use runtime::RefreshingToken;
pub use runtime::RequestOptions;
pub use runtime::Response;
pub use runtime::ResponseFuture;
pub use runtime::RetryPolicy;
pub use runtime::SchemeKind;
pub use runtime::SecurityScheme;
pub use runtime::TokenSource;
pub use runtime::TransportError;
pub use runtime::TransportFailure;
pub use runtime::Uri;
pub use runtime::UrlParseError;

#[rustfmt::skip]
pub mod models;
#[cfg(feature = "meetings")]
#[rustfmt::skip]
pub mod meetings;
#[cfg(feature = "sessions")]
#[rustfmt::skip]
pub mod sessions;
#[cfg(feature = "webhooks")]
#[rustfmt::skip]
pub mod webhooks;
#[cfg(feature = "mock")]
#[rustfmt::skip]
pub mod mock;
/// The `chrono` crate, whose types the API's dates and times use.
pub use ::chrono;
/// The `reqwest` crate, whose `Client` [`ClientBuilder::http_client`] takes.
pub use ::reqwest;
/// The HTTP method of an [`Operation`].
pub use ::reqwest::Method;
/// The HTTP status of an answer ([`Response::status`], [`Error::status`]).
pub use ::reqwest::StatusCode;
/// A parsed URL, as [`Uri::to_url`] returns it.
pub use ::reqwest::Url;
/// HTTP header names, values and maps: what [`ClientBuilder::default_header`],
/// [`RequestOptions::header`] and the headers of answers use.
pub use ::reqwest::header;
/// The `serde_json` crate, whose error [`ApiError::json`] returns and whose `Value`
/// holds fields the document gives no type.
pub use ::serde_json;
/// The `uuid` crate, whose `Uuid` the API's identifiers use.
pub use ::uuid;

/// This API as the runtime knows it: where it is, how it is configured, how it names
/// itself. [`Client`] is the runtime's client for it.
#[derive(Clone, Copy, Debug)]
pub enum Api {}
#[rustfmt::skip]
impl runtime::Api for Api {
    type Client = Client;
    const DESCRIPTION: ApiDescription = ApiDescription {
        name: "Cloudflare RealtimeKit API",
        default_base_url: DEFAULT_BASE_URL,
        base_url_env: BASE_URL_ENV,
        security_schemes: &[
            runtime::SecurityScheme {
                name: "api_token",
                kind: runtime::SchemeKind::Bearer,
                env: &["CLOUDFLARE_API_TOKEN"],
            },
            runtime::SecurityScheme {
                name: "api_email",
                kind: runtime::SchemeKind::ApiKey {
                    location: runtime::KeyLocation::Header,
                    name: "X-Auth-Email",
                },
                env: &["CLOUDFLARE_EMAIL"],
            },
            runtime::SecurityScheme {
                name: "api_key",
                kind: runtime::SchemeKind::ApiKey {
                    location: runtime::KeyLocation::Header,
                    name: "X-Auth-Key",
                },
                env: &["CLOUDFLARE_API_KEY"],
            },
        ],
        requires_credentials: true,
        user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
        request_id_header: Some("cf-ray"),
        error_shapes: &[
            runtime::ErrorShape::Object {
                field: "error",
            },
            runtime::ErrorShape::List {
                field: "errors",
            },
            runtime::ErrorShape::Message {
                field: "message",
            },
        ],
        rate_limits: &[
            runtime::DeclaredLimit {
                requests: 250,
                window_ms: 10000,
                burst: None,
                operations: None,
            },
            runtime::DeclaredLimit {
                requests: 1200,
                window_ms: 300000,
                burst: None,
                operations: None,
            },
        ],
        default_security: &[
            &[security::API_TOKEN],
            &[security::API_EMAIL, security::API_KEY],
        ],
    };
}

/// The API's security schemes by name, for the operations' lists of the schemes they
/// accept (a scheme whose operations' features are all off is unused).
#[allow(dead_code)]
mod security {
    /// The index of `api_token` in [`Api`]'s security schemes.
    pub(crate) const API_TOKEN: usize = 0;
    /// The index of `api_email` in [`Api`]'s security schemes.
    pub(crate) const API_EMAIL: usize = 1;
    /// The index of `api_key` in [`Api`]'s security schemes.
    pub(crate) const API_KEY: usize = 2;
}

/// A client of the API. Cheap to clone: clones share one connection pool and configuration. Build one with [`Client::from_env`], [`Client::new`] or [`Client::builder`]; each group of operations is a method (`client.meetings()`).
///
/// It dereferences to the runtime's client core, for [`base_url`](runtime::Client::base_url),
/// [`retry_policy`](runtime::Client::retry_policy) and [`api`](runtime::Client::api).
#[derive(Clone)]
pub struct Client {
    core: runtime::Client<Api>,
}

impl Client {
    /// A client that sends `token` where an operation takes a bearer token, and uses
    /// the default for everything else.
    pub fn new(token: impl Into<String>) -> Result<Client, Error> {
        Client::builder().token(token).build()
    }

    /// A client configured from the environment: the credentials from the variables
    /// the security schemes name ([`ApiDescription::security_schemes`]) and, when set,
    /// the base URL from [`BASE_URL_ENV`]. Fails at once, not at the first call, when
    /// the API needs credentials and none is set.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env().build()
    }

    /// A builder starting from the defaults (and no credentials).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
}

impl From<runtime::Client<Api>> for Client {
    fn from(core: runtime::Client<Api>) -> Client {
        Client { core }
    }
}

impl ::std::ops::Deref for Client {
    type Target = runtime::Client<Api>;
    fn deref(&self) -> &runtime::Client<Api> {
        &self.core
    }
}

impl ::std::fmt::Debug for Client {
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.core, formatter)
    }
}

/// The settings of a [`Client`]: credentials, base URL, timeouts, retries, headers.
pub type ClientBuilder = runtime::ClientBuilder<Api>;
/// The API document's server, the default base URL.
pub const DEFAULT_BASE_URL: Option<&str> = Some("https://api.cloudflare.com/client/v4");
/// The environment variable [`Client::from_env`] reads the bearer token from.
pub const TOKEN_ENV: &str = "CLOUDFLARE_API_TOKEN";
/// The environment variable [`Client::from_env`] reads the base URL from.
pub const BASE_URL_ENV: &str = "CLOUDFLARE_BASE_URL";
