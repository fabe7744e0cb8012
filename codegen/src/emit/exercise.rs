//! `examples/exercise.rs` (with `Options::exercise`): a program that calls every operation of
//! the crate against a server, with arguments read as JSON, and prints what each call gave.
//!
//! It reads one call a line on stdin, `{"operation": "<operationId>", "params": {"<wire
//! name>": <json>}, "body": <json>}` (a name the operation has in two places is given as
//! `"<in>:<name>"`, `"query:id"`), decodes each value into the parameter's (or the body's)
//! own type with `serde_json::from_value`, calls the operation as a user would (required
//! parameters as the method's arguments, optional ones through the builder's setters), and
//! prints one JSON line: the status and that the answer decoded, or the error. `--list` prints
//! the operations it knows, with their method, path and body media type, so that a harness
//! can find each one in the document. `cargo xtask corpus --prism` runs it against Prism.

use proc_macro2::TokenStream;
use quote::quote;

use super::Source;
use super::types::{ident, rust_type_beside};
use crate::ir::{Api, BodyContent, BodyKind, Operation, Output, Payload};
use crate::options::Options;

pub const PATH: &str = "examples/exercise.rs";

pub fn files<'a>(api: &'a Api, options: &'a Options) -> Vec<Source<'a>> {
    if !options.exercise {
        return Vec::new();
    }
    vec![Source::new(PATH.to_owned(), api.operations.len(), move || exercise_rs(api, options))]
}

fn exercise_rs(api: &Api, options: &Options) -> TokenStream {
    let krate = ident(&options.crate_name.replace('-', "_"));
    let listed = api.operations.iter().map(|operation| {
        let id = &operation.id;
        let method = operation.method.as_str();
        let path = &operation.path;
        // The media type the call's `body` is sent as: the harness picks its example.
        let body = operation.body.as_ref().map_or("", |body| body.first().media_type.as_str());
        quote!((#id, #method, #path, #body))
    });
    let arms = api.operations.iter().map(|operation| arm(api, operation));
    let streamed = streamed_helper(api);
    let used = !api.operations.is_empty();
    let sent = used.then(call_helpers);
    // With no operation, every call is to an operation the crate does not have.
    let prepare = if used {
        quote! {
            Ok(match call.operation.as_str() {
                #(#arms)*
                _ => return Err(::serde_json::json!({"outcome": "unknown_operation"})),
            })
        }
    } else {
        quote!(Err(::serde_json::json!({"outcome": "unknown_operation"})))
    };
    let (client, call) = if used { (quote!(client), quote!(call)) } else { (quote!(_client), quote!(_call)) };
    quote! {
        //! Calls operations of the crate against a server, to check that requests it builds are
        //! accepted and that answers decode: one call a JSON line on stdin, `{"operation":
        //! "<operationId>", "params": {"<wire name>": <value>}, "body": <value>}`, and one JSON
        //! line on stdout for each. `exercise BASE_URL` runs the calls; `exercise --list`
        //! prints the operations with their method, path and body media type.
        // Deprecated operations are called too.
        #![allow(deprecated)]
        // The helpers cover every kind of argument; an API whose operations take no body, say,
        // leaves some of them unused.
        #![allow(dead_code)]

        use ::std::io::{BufRead as _, Write as _};

        use #krate as api;

        /// A call's answer, as a line of the output.
        type Pending = ::std::pin::Pin<Box<dyn ::std::future::Future<Output = ::serde_json::Value>>>;

        /// Every operation: its id, method, path template, and the media type its body is sent
        /// as (empty without a body).
        const OPERATIONS: &[(&str, &str, &str, &str)] = &[#(#listed),*];

        /// One line of the input.
        struct Call {
            operation: String,
            params: ::serde_json::Map<String, ::serde_json::Value>,
            body: Option<::serde_json::Value>,
        }

        impl Call {
            fn read(line: &str) -> Result<Call, String> {
                let mut value: ::serde_json::Value = ::serde_json::from_str(line).map_err(|error| error.to_string())?;
                let operation = match value.get("operation").and_then(::serde_json::Value::as_str) {
                    Some(operation) => operation.to_owned(),
                    None => return Err("a call needs an `operation`".to_owned()),
                };
                let params = match value.get_mut("params").map(::serde_json::Value::take) {
                    Some(::serde_json::Value::Object(params)) => params,
                    None | Some(::serde_json::Value::Null) => ::serde_json::Map::new(),
                    Some(_) => return Err("`params` must be an object".to_owned()),
                };
                let body = value.get_mut("body").map(::serde_json::Value::take).filter(|body| !body.is_null());
                Ok(Call { operation, params, body })
            }
        }

        /// A client for `base_url` with a placeholder credential for every security scheme and
        /// no retries, so that every answer is seen as the server gave it.
        fn client(base_url: &str) -> Result<api::Client, api::Error> {
            let mut builder = api::Client::builder()
                .base_url(base_url)
                .max_retries(0)
                .timeout(::std::time::Duration::from_secs(30));
            for scheme in <api::Api as api::runtime::Api>::DESCRIPTION.security_schemes {
                let credential = match scheme.kind {
                    api::SchemeKind::Bearer => api::Credential::Token("exercise-token".to_owned()),
                    api::SchemeKind::Basic => api::Credential::Basic {
                        username: "exercise-user".to_owned(),
                        password: "exercise-password".to_owned(),
                    },
                    api::SchemeKind::ApiKey { .. } => api::Credential::Key("exercise-key".to_owned()),
                };
                builder = builder.credential(scheme.name, credential);
            }
            builder.build()
        }

        /// The request for a call, sent when awaited; `Err` when its arguments do not fit.
        fn prepare(#client: &api::Client, #call: &Call) -> Result<Pending, ::serde_json::Value> {
            #prepare
        }

        #sent
        #streamed

        #[::tokio::main(flavor = "current_thread")]
        async fn main() -> ::std::process::ExitCode {
            let Some(base_url) = ::std::env::args().nth(1) else {
                eprintln!("usage: exercise BASE_URL < calls.jsonl, or exercise --list");
                return ::std::process::ExitCode::FAILURE;
            };
            let stdout = ::std::io::stdout();
            let mut out = stdout.lock();
            if base_url == "--list" {
                for (operation, method, path, body) in OPERATIONS {
                    let line = ::serde_json::json!({"operation": operation, "method": method, "path": path, "body": body});
                    if writeln!(out, "{line}").is_err() {
                        return ::std::process::ExitCode::FAILURE;
                    }
                }
                return ::std::process::ExitCode::SUCCESS;
            }
            let client = match client(&base_url) {
                Ok(client) => client,
                Err(error) => {
                    eprintln!("exercise: the client could not be built: {error}");
                    return ::std::process::ExitCode::FAILURE;
                }
            };
            for line in ::std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                if line.trim().is_empty() {
                    continue;
                }
                let outcome = match Call::read(&line) {
                    Ok(call) => {
                        let mut outcome = match prepare(&client, &call) {
                            Ok(pending) => pending.await,
                            Err(outcome) => outcome,
                        };
                        outcome["operation"] = ::serde_json::Value::String(call.operation);
                        outcome
                    }
                    Err(message) => ::serde_json::json!({"outcome": "bad_input", "message": message}),
                };
                // Flushed line by line: the harness reads each answer as it comes.
                if writeln!(out, "{outcome}").and_then(|()| out.flush()).is_err() {
                    return ::std::process::ExitCode::FAILURE;
                }
            }
            ::std::process::ExitCode::SUCCESS
        }
    }
}

/// `streamed`, for the operations whose answer is JSON lines, where there are some.
fn streamed_helper(api: &Api) -> Option<TokenStream> {
    let streams =
        api.operations.iter().any(|operation| matches!(operation.output, Output::Single(Payload::JsonLines(_))));
    streams.then(|| {
        quote! {
            /// Sends a request whose answer is JSON lines and reads every line.
            fn streamed<T: ::serde::de::DeserializeOwned + 'static>(
                future: api::ResponseFuture<api::JsonLines<T>>,
            ) -> Pending {
                Box::pin(async move {
                    match future.await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            match response.into_body().collect().await {
                                Ok(_) => ::serde_json::json!({"outcome": "decoded", "status": status}),
                                Err(error) => failure(&error),
                            }
                        }
                        Err(error) => failure(&error),
                    }
                })
            }
        }
    })
}

/// The program's helpers for sending a call and reading its arguments and outcome.
fn call_helpers() -> TokenStream {
    quote! {
        /// Sends a request and says how its answer went.
        fn sent<T: 'static>(future: api::ResponseFuture<T>) -> Pending {
            Box::pin(async move {
                match future.await {
                    Ok(response) => ::serde_json::json!({"outcome": "decoded", "status": response.status().as_u16()}),
                    Err(error) => failure(&error),
                }
            })
        }

        /// An error, as a line of the output: its kind, the status the server gave, and what
        /// went wrong.
        fn failure(error: &api::Error) -> ::serde_json::Value {
            let message = error.to_string();
            let status = error.status().map(|status| status.as_u16());
            match error {
                api::Error::Decode(decode) => ::serde_json::json!({
                    "outcome": "decode",
                    "status": status,
                    "path": decode.path(),
                    "message": decode.message(),
                    "excerpt": decode.excerpt(),
                }),
                api::Error::Connection(_) => ::serde_json::json!({"outcome": "connection", "message": message}),
                api::Error::Timeout(_) => ::serde_json::json!({"outcome": "timeout", "message": message}),
                api::Error::InvalidArgument(_) => ::serde_json::json!({"outcome": "invalid_argument", "message": message}),
                api::Error::Credentials(_) => ::serde_json::json!({"outcome": "credentials", "message": message}),
                _ => match error.api_error() {
                    Some(answer) => ::serde_json::json!({
                        "outcome": "status",
                        "status": status,
                        "message": message,
                        "body": answer.body_excerpt(),
                    }),
                    None => ::serde_json::json!({"outcome": "error", "message": message}),
                },
            }
        }

        impl Call {
            /// The value given for a parameter: under `{location}:{name}` (for a name the
            /// operation has in two places, such as a path and a query `id`), else `name`.
            fn param(&self, location: &str, name: &str) -> Option<&::serde_json::Value> {
                self.params.get(&format!("{location}:{name}")).or_else(|| self.params.get(name))
            }

            /// A required parameter, as its type.
            fn required<T: ::serde::de::DeserializeOwned>(&self, location: &str, name: &str) -> Result<T, ::serde_json::Value> {
                match self.param(location, name) {
                    Some(value) => decoded(name, value),
                    None => Err(arguments(format!("the required parameter `{name}` was not given"))),
                }
            }

            /// An optional parameter, as its type, when given.
            fn optional<T: ::serde::de::DeserializeOwned>(&self, location: &str, name: &str) -> Result<Option<T>, ::serde_json::Value> {
                self.param(location, name).map(|value| decoded(name, value)).transpose()
            }

            /// The body, as its type, when given.
            fn body<T: ::serde::de::DeserializeOwned>(&self) -> Result<Option<T>, ::serde_json::Value> {
                self.body.as_ref().map(|value| decoded("body", value)).transpose()
            }
        }

        fn decoded<T: ::serde::de::DeserializeOwned>(name: &str, value: &::serde_json::Value) -> Result<T, ::serde_json::Value> {
            ::serde_json::from_value(value.clone()).map_err(|error| arguments(format!("`{name}` does not fit its type: {error}")))
        }

        /// A call whose arguments do not fit the crate's types: nothing was sent.
        fn arguments(message: String) -> ::serde_json::Value {
            ::serde_json::json!({"outcome": "arguments", "message": message})
        }
    }
}

/// The match arm that calls one operation.
fn arm(api: &Api, operation: &Operation) -> TokenStream {
    let id = &operation.id;
    let accessor = ident(&api.groups[operation.group].module);
    let method = ident(&operation.method_name);
    let mut arguments: Vec<TokenStream> = operation
        .positional_params()
        .into_iter()
        .map(|param| {
            let wire = &param.name;
            let location = param.location.as_str();
            let ty = rust_type_beside(&param.ty);
            quote!(call.required::<#ty>(#location, #wire)?)
        })
        .collect();
    let required_body = operation.body.as_ref().filter(|body| body.required).map(|body| body.first());
    if let Some(content) = required_body {
        let ty = body_value_type(content);
        arguments.push(quote! {
            match call.body::<#ty>()? {
                Some(body) => body,
                None => return Err(arguments("the required body was not given".to_owned())),
            }
        });
    }
    let setters = operation
        .params
        .iter()
        .filter(|param| !param.required && param.location != crate::ir::ParamLocation::Path)
        .map(|param| {
            let wire = &param.name;
            let location = param.location.as_str();
            let ty = rust_type_beside(&param.ty);
            let setter = ident(&param.rust_name);
            quote! {
                if let Some(value) = call.optional::<#ty>(#location, #wire)? {
                    request = request.#setter(value);
                }
            }
        });
    let optional_body = operation.body.as_ref().filter(|body| !body.required).map(|body| {
        let content = body.first();
        let ty = body_value_type(content);
        let setter = ident(&content.setter);
        quote! {
            if let Some(body) = call.body::<#ty>()? {
                request = request.#setter(body);
            }
        }
    });
    let sets_anything =
        operation.params.iter().any(|param| !param.required && param.location != crate::ir::ParamLocation::Path)
            || optional_body.is_some();
    let mutable = sets_anything.then(|| quote!(mut));
    let send = match &operation.output {
        Output::Single(Payload::JsonLines(_)) => quote!(streamed(request.send_with_response())),
        _ => quote!(sent(request.send_with_response())),
    };
    quote! {
        #id => {
            let #mutable request = client.#accessor().#method(#(#arguments),*);
            #(#setters)*
            #optional_body
            #send
        }
    }
}

/// The type a body of one media type is read as: its own, `String` for text, and an `Upload`
/// (read from a JSON string, its bytes) for binary content.
fn body_value_type(content: &BodyContent) -> TokenStream {
    match &content.kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart { ty, .. } => rust_type_beside(ty),
        BodyKind::Text => quote!(String),
        BodyKind::Binary => quote!(api::runtime::Upload),
    }
}
