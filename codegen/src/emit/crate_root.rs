//! `src/lib.rs`: the crate's documentation, its modules and what it re-exports.
//!
//! Every module is declared `#[rustfmt::skip]`: the files are formatted by prettyplease, and
//! `cargo fmt` must neither fight it nor report the generated crate as unformatted.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::features;
use super::types::ident;
use crate::ir::{Api, KeyLocation, Operation, SchemeKind, TypeRef};
use crate::lower::naming::unraw;
use crate::options::{ErrorShape, Options, RuntimeSource};

const REEXPORTS: &[&str] = &[
    "ApiDescription",
    "ApiError",
    "Attempt",
    "AttemptOutcome",
    "BodyFuture",
    "BoxError",
    "ByteStream",
    "ConfigError",
    "Credential",
    "CredentialsError",
    "DecodeError",
    "Error",
    "ErrorDetail",
    "Hook",
    "HookError",
    "HookFuture",
    "InvalidArgument",
    "InvalidUri",
    "Items",
    "JsonLines",
    "KeyLocation",
    "Nullable",
    "Operation",
    "Pages",
    "PaginationError",
    "RateLimit",
    "RawRequest",
    "RefreshingToken",
    "RequestOptions",
    "Response",
    "ResponseFuture",
    "RetryPolicy",
    "SchemeKind",
    "SecurityScheme",
    "TokenSource",
    "TransportError",
    "TransportFailure",
    "Uri",
    "UrlParseError",
];

/// `mod security`: the index of each scheme in the description's list, by name, so that an
/// operation's constant names the schemes it accepts (`&[security::API_TOKEN]`).
pub(super) fn security_module(api: &Api) -> TokenStream {
    let consts = api.security_schemes.iter().enumerate().map(|(index, scheme)| {
        let name = ident(&scheme.index_const);
        let doc = format!(" The index of `{}` in [`Api`]'s security schemes.", scheme.name);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote!(#[doc = #doc] pub(crate) const #name: usize = #index;)
    });
    quote! {
        /// The API's security schemes by name, for the operations' lists of the schemes they
        /// accept (a scheme whose operations' features are all off is unused).
        #[allow(dead_code)]
        mod security {
            #(#consts)*
        }
    }
}

pub fn lib_rs(api: &Api, options: &Options) -> TokenStream {
    let doc_attrs = crate_docs(api, options).into_iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#![doc = #text])
    });
    let runtime = runtime_module(options);
    let reexports = REEXPORTS.iter().map(|name| {
        let name = ident(name);
        quote!(pub use runtime::#name;)
    });
    let modules = match &api.products {
        // The groups sit in the products' crates: re-exported, with the client's accessors.
        Some(products) => super::products::reexports(api, options, products),
        None => {
            let modules = api.groups.iter().enumerate().filter_map(|(index, group)| {
                if !api.operations.iter().any(|operation| operation.group == index) {
                    return None;
                }
                let module = ident(&group.module);
                let feature = group.feature();
                Some(quote! {
                    #[cfg(feature = #feature)]
                    #[rustfmt::skip]
                    pub mod #module;
                })
            });
            quote!(#(#modules)*)
        }
    };
    let dependencies = dependency_reexports(api);
    let description = api_description(api, options);
    let security_module = security_module(api);
    let client = client_items(api, options);
    let webhooks = api.webhooks.is_some().then(|| {
        quote! {
            #[cfg(feature = "webhooks")]
            #[rustfmt::skip]
            pub mod webhooks;
        }
    });
    quote! {
        #(#doc_attrs)*
        // On docs.rs: what each item needs, from its `#[cfg]`.
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #![warn(missing_docs)]
        // Operations take one argument per path parameter, and constructors one per required
        // field: documents decide how many there are.
        #![allow(clippy::too_many_arguments)]
        // Alternatives of a `oneOf` differ in size as the document makes them.
        #![allow(clippy::large_enum_variant)]

        #runtime
        #(#reexports)*

        #[rustfmt::skip]
        pub mod models;
        #modules

        #webhooks

        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock;

        #dependencies

        #description

        #security_module

        #client
    }
}

/// The crate's docs, line by line: what it is, a quick start, how it is organised, its
/// configuration, errors and retries, how to test code that uses it, its features.
fn crate_docs(api: &Api, options: &Options) -> Vec<String> {
    let crate_ident = options.crate_name.replace('-', "_");
    let mut lines = vec![format!("# {}", api.title)];
    let description = docs::lines(&api.docs);
    if !description.is_empty() {
        lines.push(String::new());
        lines.extend(description);
    }
    docs::push_paragraph(
        &mut lines,
        format!(
            "Generated from version {} of the API document by `{}`: every type, field and method carries the document's own description.",
            api.version.replace('`', "'"),
            options.generator_command
        ),
    );
    docs::push_paragraph(&mut lines, "## Quick start");
    lines.push(String::new());
    lines.extend(example(api, &crate_ident));
    let sections =
        [organisation_docs(api), configuration_docs(api, options), testing_docs(api, &crate_ident), features_docs(api)];
    for section in sections {
        lines.push(String::new());
        lines.extend(section);
    }
    lines
}

/// `## How this crate is organised`: the client, the groups with their features, builders,
/// models, the error type.
fn organisation_docs(api: &Api) -> Vec<String> {
    let mut lines = Vec::new();
    docs::push_paragraph(&mut lines, "## How this crate is organised");
    lines.push(String::new());
    let constructors =
        if has_bearer(api) { "[`Client::new`] (a token) or [`Client::builder`]" } else { "[`Client::builder`]" };
    lines.push(format!(
        "- [`Client`] holds the credentials, base URL, timeouts and retry policy: build it with [`Client::from_env`], {constructors}.",
    ));
    if api.operations.is_empty() {
        // A document of schemas alone (a 3.1 document with only webhooks, say).
        lines.push("- The document describes no operation: the crate holds its types.".to_owned());
    } else {
        lines.push("- Operations are grouped by the document's tags; each group is a module, a handle on the client and a cargo feature:".to_owned());
    }
    let counts = api.operations_per_group();
    for (group, &count) in api.groups.iter().zip(&counts) {
        if count == 0 {
            continue;
        }
        let module = unraw(&group.module);
        lines.push(format!(
            "  - `client.{module}()` ([`{module}`]), feature `{}`: {count} operation{}",
            group.feature(),
            if count == 1 { "" } else { "s" }
        ));
    }
    lines.push("- Each operation method returns a request builder: set optional parameters, then `.await` it for the body, or call `send_with_response()` for status and headers too.".to_owned());
    lines.push("- [`models`] holds every request and response type. Optional fields are `Option`, fields that may also be `null` are [`Nullable`], and enums keep values they do not know in an `Unknown` variant.".to_owned());
    lines.push("- [`Error`] is the one error type: match on its variants for the status, or ask [`Error::is_retryable`]. Transient failures are already retried under the [`RetryPolicy`].".to_owned());
    lines
}

/// `## Configuration, errors, retries`, with pagination, timeouts, arguments and tracing.
fn configuration_docs(api: &Api, options: &Options) -> Vec<String> {
    let mut lines = Vec::new();
    docs::push_paragraph(&mut lines, "## Configuration, errors, retries");
    lines.push(String::new());
    lines.extend([
        format!(
            "- **Configuration.** [`Client::from_env`] reads the base URL from `{}` (default: the document's server) and {}. [`ClientBuilder`] also sets timeouts, the [`RetryPolicy`], the user agent, default headers (types in [`header`]), or takes your own `reqwest::Client` (the crate is re-exported as [`reqwest`]). No `Debug` output or log line shows a credential, and none follows a redirect to another host.",
            options.base_url_env(),
            credentials_doc(api, options)
        ),
        format!(
            "- **Errors.** [`Error`] has a variant per status class (`BadRequest`, `Authentication`, `PermissionDenied`, `NotFound`, `Conflict`, `UnprocessableEntity`, `RateLimited`, `Server`, `UnexpectedStatus`), each with an [`ApiError`] carrying the status, the API's code and message{}{}, the body (the title of an HTML error page), the server's `retry-after` hint ([`ApiError::retry_after`]) and, for a redirect the client refused to follow, its target ([`ApiError::redirect_target`]); plus `Connection`, `Timeout`, `InvalidArgument` and `Credentials` (refused before sending) and `Decode` (with the JSON path of the value that did not match).",
            error_shapes_doc(&error_shapes(api, options)),
            options.request_id_header.as_ref().map(|header| format!(", the request id (`{header}`)")).unwrap_or_default()
        ),
        "- **Retries.** 408, 409, 429, 5xx, connection failures and timeouts are retried (5 times by default) with exponential backoff and jitter, honouring `retry-after-ms`, `retry-after` and `x-should-retry`. A server hint longer than the policy's `max_retry_after` (60 s) ends the call at once with the error, whose [`ApiError::retry_after`] says when to try again. A POST or PATCH is never sent again once the server may have acted on it. See [`RetryPolicy`].".to_owned(),
        "- **Pagination.** Operations whose document says how they page (the `x-pagination` extension) get `pages()` and `items()` on their request: streams ([`Pages`], [`Items`]) over every page or every item, each page fetched once, stopping at the total, at an empty page, or with [`Error::Pagination`] when the server repeats a page.".to_owned(),
        "- **Timeouts.** 60 s per attempt and 5 s to connect by default, and no bound on the whole call unless you set one: [`ClientBuilder::total_timeout`] bounds every attempt and wait of a call together, and is the one to set to what a caller can wait (see [`ClientBuilder`]). A request can override both timeouts, its retries and headers with [`RequestOptions`].".to_owned(),
        "- **Arguments.** Path parameters are percent-encoded as one segment each, so no value can reach another endpoint; empty values and values over the document's `maxLength` are refused before anything is sent.".to_owned(),
        "- **Tracing.** Each call is a `tracing` span `api_call` named and filled as OpenTelemetry's HTTP client conventions say (`otel.name`, `http.request.method`, `url.template`, `url.full` with any key in the query redacted, `server.address`, `server.port`, `http.response.status_code`, `http.request.resend_count`, `error.type`), with the `operation` and `duration_ms`; retries are logged with their attempt number and reason.".to_owned(),
        format!(
            "- **Production traffic.** Calls are paced to the rate limits {} ([`ClientBuilder::rate_limit`], [`RateLimit`]), to those the server states (`RateLimit-Policy`), and held back while the server asks for a pause (`retry-after` on a 429, `RateLimit` with nothing left), shared by every clone of a client; [`ClientBuilder::max_in_flight`] bounds calls in flight. A [`Hook`] runs around every attempt (sign a request, count calls), and [`ClientBuilder::token_source`] takes a token that renews itself ([`RefreshingToken`]). For what the document lags behind on: extra query parameters, headers and JSON body fields on any call ([`RequestOptions`]), a raw call to any path with the client's credentials, retries and errors (`client.raw(..)`), and every answer's status, headers and request id (`send_with_response`, `Pages::next_with_response`).",
            rate_limits_doc(api)
        ),
    ]);
    lines
}

/// What the production line says of the document's own rate limits.
fn rate_limits_doc(api: &Api) -> String {
    let every_call: Vec<String> = api
        .rate_limits
        .iter()
        .filter(|limit| limit.operations.is_none())
        .map(|limit| format!("{} calls per {}", limit.requests, window_text(limit.window_ms)))
        .collect();
    let some = api.rate_limits.iter().filter(|limit| limit.operations.is_some()).count();
    match (every_call.as_slice(), some) {
        ([], 0) => "you set".to_owned(),
        ([], _) => "the document declares for some operations and those you set".to_owned(),
        (limits, _) => format!("the document declares ({}) or you set", limits.join(", ")),
    }
}

/// `10_000` as `10 s`, `300_000` as `5 min`.
fn window_text(window_ms: u64) -> String {
    match window_ms {
        millis if millis % 60_000 == 0 => format!("{} min", millis / 60_000),
        millis if millis % 1000 == 0 => format!("{} s", millis / 1000),
        millis => format!("{millis} ms"),
    }
}

/// `## Testing code that uses this crate`: the doubles, with an example.
fn testing_docs(api: &Api, crate_ident: &str) -> Vec<String> {
    let mut lines = Vec::new();
    docs::push_paragraph(&mut lines, "## Testing code that uses this crate");
    docs::push_paragraph(
        &mut lines,
        "With the feature `mock` (off by default; add it to your `[dev-dependencies]`), `mock::MockApi::start().await` starts a mock of the API on 127.0.0.1 and `mock.client()` gives a [`Client`] pointed at it. Each operation has a method on the mock that expects it, matching its path parameters; narrow it with typed query values (`.query_{name}(..)`), a predicate on the operation's parameters (`.params(..)`, every parameter as the crate's type) or on the typed request body (`.body(..)`). Answer with the crate's own response types (`.respond(..)`, in the document's media type and status), an API error and its status (`.error(..)`), any bytes (`.raw(..)`), a delay, a dropped connection, or a sequence of answers (429, then 200); `.times(n)` says how often. Every request is read with the crate's types and checked against the API document (path, method, required parameters, body and body fields, types, enums and every bound the document states, in parameters and bodies): a request the document does not allow, or that no expectation matches, fails the test with a message naming the operation and the problem, on `verify()` or when the mock is dropped; `take_problems()` gives the same messages without failing. `received::<Operation>()` reads what an operation received, parameters and bodies typed. Answers are built in one expression: every model type has `new(..)` with its required fields, in alphabetical order, and a `with_*` setter for each optional one.",
    );
    lines.extend(mock_example(api, crate_ident));
    lines
}

/// `## Cargo features`.
fn features_docs(api: &Api) -> Vec<String> {
    let mut lines = Vec::new();
    docs::push_paragraph(&mut lines, "## Cargo features");
    docs::push_paragraph(
        &mut lines,
        "Every group is on by default (feature `full`). To compile only what you use, turn default features off and name the groups: the crate then contains only their operations and the types they need.",
    );
    if api.has_unreferenced {
        docs::push_paragraph(
            &mut lines,
            format!(
                "Schemas of the document that no operation uses are behind the feature `{}` (part of `full`).",
                features::UNREFERENCED
            ),
        );
    }
    lines
}

/// The runtime: a module of copied sources, or the runtime crate re-exported.
fn runtime_module(options: &Options) -> TokenStream {
    match options.runtime {
        RuntimeSource::Copied => quote! {
            /// The runtime every call goes through: the client core, errors, retries,
            /// pagination (copied from the generator's `openapi-client-runtime` crate).
            // The runtime serves every document, and each uses only part of it.
            #[allow(dead_code, unused_imports, unused_macros)]
            #[rustfmt::skip]
            pub mod runtime;
        },
        RuntimeSource::Crate { .. } => quote! {
            /// The runtime every call goes through: the client core, errors, retries,
            /// pagination (the `openapi-client-runtime` crate).
            pub use ::openapi_client_runtime as runtime;
        },
    }
}

/// The dependencies whose types the public API takes or returns, re-exported.
fn dependency_reexports(api: &Api) -> TokenStream {
    let needs = super::dependencies::needs(api);
    // Which crates: decided once, with the API report's external types.
    let reexported = |name| super::dependencies::reexported_crates(needs).contains(&name);
    let uuid = reexported("uuid").then(|| {
        quote! {
            /// The `uuid` crate, whose `Uuid` the API's identifiers use.
            pub use ::uuid;
        }
    });
    let chrono = reexported("chrono").then(|| {
        quote! {
            /// The `chrono` crate, whose types the API's dates and times use.
            pub use ::chrono;
        }
    });
    let bytes = reexported("bytes").then(|| {
        let what = if needs.uploads { "an [`Upload`] is made from" } else { "binary answers come in" };
        let doc = format!(" The `bytes` crate, whose `Bytes` {what}.");
        let upload = needs.uploads.then(|| {
            quote!(
                pub use runtime::Upload;
            )
        });
        quote! {
            #[doc = #doc]
            pub use ::bytes;
            #upload
        }
    });
    quote! {
        // The dependencies whose types the public API takes or returns, so that a user needs
        // none of them in their own `Cargo.toml` (nor to match this crate's versions). In
        // rustfmt's order, so that `cargo fmt --check` passes on the generated crate.
        #bytes
        #chrono
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
        #uuid

    }
}

/// `enum Api` and its `runtime::Api` impl: the `ApiDescription` the runtime reads.
fn api_description(api: &Api, options: &Options) -> TokenStream {
    let requires_credentials = api.requires_credentials;
    let schemes = api.security_schemes.iter().map(|scheme| {
        let name = &scheme.name;
        let env = options.credential_env(&scheme.name, scheme.kind == SchemeKind::Basic);
        let kind = match &scheme.kind {
            SchemeKind::Bearer => quote!(runtime::SchemeKind::Bearer),
            SchemeKind::Basic => quote!(runtime::SchemeKind::Basic),
            SchemeKind::ApiKey { location, name } => {
                let location = match location {
                    KeyLocation::Header => quote!(Header),
                    KeyLocation::Query => quote!(Query),
                    KeyLocation::Cookie => quote!(Cookie),
                };
                quote!(runtime::SchemeKind::ApiKey { location: runtime::KeyLocation::#location, name: #name })
            }
        };
        quote!(runtime::SecurityScheme { name: #name, kind: #kind, env: &[#(#env),*] })
    });
    let title = &api.title;
    let request_id_header = match &options.request_id_header {
        Some(header) => quote!(Some(#header)),
        None => quote!(None),
    };
    // Public either way, so that the docs of the re-exported types (and of `Client`'s core)
    // can be read and linked to.
    let error_shapes = error_shapes(api, options);
    let error_shapes = error_shapes.iter().map(|shape| match shape {
        ErrorShape::Object(field) => quote!(runtime::ErrorShape::Object { field: #field }),
        ErrorShape::List(field) => quote!(runtime::ErrorShape::List { field: #field }),
        ErrorShape::Message(field) => quote!(runtime::ErrorShape::Message { field: #field }),
    });
    let default_security = api.default_security.iter().map(|alternative| {
        let names = alternative.iter().map(|&index| {
            let name = ident(&api.security_schemes[index].index_const);
            quote!(security::#name)
        });
        quote!(&[#(#names),*])
    });
    let rate_limits = api.rate_limits.iter().map(|limit| {
        let requests = proc_macro2::Literal::u32_unsuffixed(limit.requests);
        let window_ms = proc_macro2::Literal::u64_unsuffixed(limit.window_ms);
        let burst = match limit.burst.map(proc_macro2::Literal::u32_unsuffixed) {
            Some(burst) => quote!(Some(#burst)),
            None => quote!(None),
        };
        let operations = match &limit.operations {
            Some(ids) => quote!(Some(&[#(#ids),*])),
            None => quote!(None),
        };
        quote!(runtime::DeclaredLimit { requests: #requests, window_ms: #window_ms, burst: #burst, operations: #operations })
    });
    quote! {
        /// This API as the runtime knows it: where it is, how it is configured, how it names
        /// itself. [`Client`] is the runtime's client for it.
        #[derive(Clone, Copy, Debug)]
        pub enum Api {}

        // Laid out by prettyplease, as the rest of the crate; rustfmt would join the shapes.
        #[rustfmt::skip]
        impl runtime::Api for Api {
            type Client = Client;
            const DESCRIPTION: ApiDescription = ApiDescription {
                name: #title,
                default_base_url: DEFAULT_BASE_URL,
                base_url_env: BASE_URL_ENV,
                security_schemes: &[#(#schemes),*],
                requires_credentials: #requires_credentials,
                user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
                request_id_header: #request_id_header,
                error_shapes: &[#(#error_shapes),*],
                rate_limits: &[#(#rate_limits),*],
                default_security: &[#(#default_security),*],
            };
        }

    }
}

/// `Client`, its constructors and conversions, `ClientBuilder`, and the constants they read.
fn client_items(api: &Api, options: &Options) -> TokenStream {
    let base_url = match &api.base_url {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let base_url_env = options.base_url_env();
    let bearer = api.security_schemes.iter().find(|scheme| scheme.kind == SchemeKind::Bearer);
    let token_env =
        bearer.and_then(|scheme| options.credential_env(&scheme.name, false).into_iter().next()).map(|env| {
            quote! {
                /// The environment variable [`Client::from_env`] reads the bearer token from.
                pub const TOKEN_ENV: &str = #env;
            }
        });
    // The example accessor is this API's own first group, not one of another API.
    let example = api.groups.first().map(|group| format!(" (`client.{}()`)", unraw(&group.module))).unwrap_or_default();
    let client_doc = format!(
        " A client of the API. Cheap to clone: clones share one connection pool and configuration. Build one with {}; each group of operations is a method{example}.",
        if has_bearer(api) {
            "[`Client::from_env`], [`Client::new`] or [`Client::builder`]"
        } else {
            "[`Client::from_env`] or [`Client::builder`]"
        }
    );
    let new = has_bearer(api).then(|| {
        quote! {
            /// A client that sends `token` where an operation takes a bearer token, and uses
            /// the default for everything else.
            pub fn new(token: impl Into<String>) -> Result<Client, Error> {
                Client::builder().token(token).build()
            }
        }
    });
    quote! {
        #[doc = #client_doc]
        ///
        /// It dereferences to the runtime's client core, for [`base_url`](runtime::Client::base_url),
        /// [`retry_policy`](runtime::Client::retry_policy) and [`api`](runtime::Client::api).
        #[derive(Clone)]
        pub struct Client {
            core: runtime::Client<Api>,
        }

        impl Client {
            #new

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
        pub const DEFAULT_BASE_URL: Option<&str> = #base_url;
        #token_env
        /// The environment variable [`Client::from_env`] reads the base URL from.
        pub const BASE_URL_ENV: &str = #base_url_env;
    }
}

/// The operation the examples call: the first that needs no body and whose arguments are
/// plain values, with those arguments written out.
fn example_operation<'a>(api: &'a Api, crate_ident: &str) -> Option<(&'a Operation, Vec<String>)> {
    api.operations.iter().find_map(|operation| {
        if operation.body.is_some() {
            return None;
        }
        Some((operation, example_arguments(operation, crate_ident)?))
    })
}

/// A compiled (not run) example calling the first operation that needs no body.
pub(super) fn example(api: &Api, crate_ident: &str) -> Vec<String> {
    let mut lines = vec![
        "```no_run".to_owned(),
        format!("# async fn example() -> Result<(), {crate_ident}::Error> {{"),
        format!("let client = {crate_ident}::Client::from_env()?;"),
    ];
    if let Some((operation, arguments)) = example_operation(api, crate_ident) {
        let group = &api.groups[operation.group];
        lines.push(format!(
            "let answer = client.{}().{}({}).await?;",
            group.module,
            operation.method_name,
            arguments.join(", ")
        ));
        lines.push("println!(\"{answer:?}\");".to_owned());
    }
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    lines
}

/// A compiled example of the test doubles, on the same operation: its mock answers a 503 once,
/// and the code under test sees the API's error. Compiled where the crate's doc tests run with
/// the `mock` feature on.
fn mock_example(api: &Api, crate_ident: &str) -> Vec<String> {
    let Some((operation, arguments)) = example_operation(api, crate_ident) else { return Vec::new() };
    let group = &api.groups[operation.group];
    let path_params =
        operation.positional_params().iter().filter(|param| param.location == crate::ir::ParamLocation::Path).count();
    vec![
        String::new(),
        "```no_run".to_owned(),
        "# #[cfg(feature = \"mock\")]".to_owned(),
        "# async fn example() {".to_owned(),
        format!("use {crate_ident}::mock::MockApi;"),
        String::new(),
        format!("// Every `{}` request is answered with a 503, once.", operation.id.replace('`', "'")),
        "let mock = MockApi::start().await;".to_owned(),
        format!("mock.{}({})", operation.mock.method, arguments[..path_params].join(", ")),
        format!("    .error(503, {crate_ident}::serde_json::json!({{\"message\": \"down for maintenance\"}}))"),
        "    .times(1)".to_owned(),
        "    .mount()".to_owned(),
        "    .await;".to_owned(),
        "// The code under test, given the mock's client, sees the API's error.".to_owned(),
        format!(
            "let error = mock.client().{}().{}({}).await.expect_err(\"the mock answers 503\");",
            group.module,
            operation.method_name,
            arguments.join(", ")
        ),
        "assert_eq!(error.status().map(|status| status.as_u16()), Some(503));".to_owned(),
        "mock.verify().await;".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ]
}

fn example_arguments(operation: &Operation, crate_ident: &str) -> Option<Vec<String>> {
    operation
        .positional_params()
        .iter()
        .map(|param| {
            Some(match &param.ty {
                TypeRef::String => format!("\"{}\"", param.name.replace(['"', '\\'], "")),
                TypeRef::Uuid => format!("{crate_ident}::uuid::Uuid::nil()"),
                TypeRef::Bool => "true".to_owned(),
                TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "1".to_owned(),
                TypeRef::F32 | TypeRef::F64 => "1.0".to_owned(),
                _ => return None,
            })
        })
        .collect()
}

fn has_bearer(api: &Api) -> bool {
    api.security_schemes.iter().any(|scheme| scheme.kind == SchemeKind::Bearer)
}

/// The error shapes the crate reads: the options', else the document's, else all three.
fn error_shapes(api: &Api, options: &Options) -> Vec<ErrorShape> {
    if let Some(shapes) = &options.error_shapes {
        return shapes.clone();
    }
    if !api.error_shapes.is_empty() {
        return api.error_shapes.clone();
    }
    vec![
        ErrorShape::List("errors".to_owned()),
        ErrorShape::Object("error".to_owned()),
        ErrorShape::Message("message".to_owned()),
    ]
}

fn error_shapes_doc(shapes: &[ErrorShape]) -> String {
    let shapes: Vec<String> = shapes
        .iter()
        .map(|shape| match shape {
            ErrorShape::Object(field) => format!("`{{\"{field}\": {{..}}}}`"),
            ErrorShape::List(field) => format!("`{{\"{field}\": [..]}}`"),
            ErrorShape::Message(field) => format!("`{{\"{field}\": \"..\"}}`"),
        })
        .collect();
    if shapes.is_empty() { String::new() } else { format!(" (from {} bodies)", shapes.join(" or ")) }
}

/// What the crate docs say about credentials: each scheme, how it is sent, its variables.
pub(super) fn credentials_doc(api: &Api, options: &Options) -> String {
    if api.security_schemes.is_empty() {
        return "sends no credentials: the document declares none".to_owned();
    }
    let schemes: Vec<String> = api
        .security_schemes
        .iter()
        .map(|scheme| {
            let env = options.credential_env(&scheme.name, scheme.kind == SchemeKind::Basic);
            let env: Vec<String> = env.iter().map(|name| format!("`{name}`")).collect();
            let how = match &scheme.kind {
                SchemeKind::Bearer => "a bearer token ([`ClientBuilder::token`])".to_owned(),
                SchemeKind::Basic => "a user name and password ([`ClientBuilder::basic_auth`])".to_owned(),
                SchemeKind::ApiKey { location, name } => {
                    let location = match location {
                        KeyLocation::Header => "header",
                        KeyLocation::Query => "query parameter",
                        KeyLocation::Cookie => "cookie",
                    };
                    format!("a key in the {location} `{name}` ([`ClientBuilder::api_key`])")
                }
            };
            format!("`{}`, {how}, from {}", scheme.name, env.join(" and "))
        })
        .collect();
    let need = if api.requires_credentials {
        "Every operation needs credentials: a client without any fails at construction; a call whose operation needs one the client lacks fails before sending"
    } else {
        "A call whose operation needs a credential the client lacks fails before sending"
    };
    format!(
        "the credentials of the document's security schemes: {}. Each request sends what its operation accepts, choosing among the credentials given. {need}",
        schemes.join("; ")
    )
}
