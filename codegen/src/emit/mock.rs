//! `src/mock.rs` of the generated crate, behind its `mock` feature: the typed layer of the test doubles.
//!
//! The machinery (server, contract check, expectations, recorded requests) is the runtime's
//! `mock` module; here each operation gets what the check needs to know about it (an
//! `OperationSpec` on its request builder type, through `MockOperation`) and a method on
//! `MockApi` that starts an expectation, taking the path parameters as the client does.

use proc_macro2::TokenStream;
use quote::quote;

use super::Source;
use super::mock_shapes::Bounded;
use super::types::{constraints, ident, rust_type};
use crate::ir::{Api, BodyKind, Operation, Output, Param, ParamLocation, ParamStyle, Payload, Status, TypeRef};

/// The module's path in the crate and the feature behind it.
pub const FEATURE: &str = "mock";

pub fn files(api: &Api) -> Vec<Source<'_>> {
    vec![Source::new("src/mock.rs".to_owned(), api.operations.len(), move || mock_rs(api, None))]
}

/// `src/mock.rs` of a product's crate (`CrateGraph::Products`): what each of its operations
/// needs where its request builder is defined (the `MockOperation` impl, the parameters'
/// struct, the shapes of its bodies), which the crate above re-exports into its own `mock`.
pub fn product_file<'a>(api: &'a Api, groups: Vec<usize>, dir: &str) -> Source<'a> {
    let operations: Vec<&Operation> =
        api.operations.iter().filter(|operation| groups.contains(&operation.group)).collect();
    Source::new(format!("{dir}/mock.rs"), operations.len(), move || {
        let bounded = Bounded::of(api);
        let impls = operations.iter().map(|operation| operation_impl(api, operation, &bounded));
        let shapes =
            bounded.module_of(api, |definition| definition.needed_by.groups.iter().any(|group| groups.contains(group)));
        let params = operations.iter().map(|operation| params_struct(api, operation));
        let query_traits =
            operations.iter().map(|operation| query_trait(api, operation, &operation.mock.query_trait, true));
        quote! {
            //! What the test doubles know of this crate's operations (feature `mock`): the
            //! crate that re-exports this one has the doubles themselves, in its `mock`.
            // The doubles name every operation and parameter type, deprecated ones too.
            #![allow(deprecated)]

            #(#params)*

            #(#impls)*

            #(#query_traits)*

            #shapes
        }
    })
}

/// The doubles; `products`, when the operations sit in products' crates (`CrateGraph::Products`):
/// the library of each and the features of its groups, whose `mock` modules this one
/// re-exports instead of holding what they hold.
pub fn mock_rs(api: &Api, products: Option<&[(String, Vec<String>)]>) -> TokenStream {
    let registrations = api.operations.iter().map(|operation| {
        let cfg = group_cfg(api, operation);
        let builder = builder_path(api, operation);
        quote! {
            #cfg
            operations.push(<#builder as crate::runtime::mock::MockOperation>::SPEC);
        }
    });
    let methods = api.operations.iter().map(|operation| expectation_method(api, operation, &operation.mock.method));
    let per_operation = match products {
        None => {
            let query_traits =
                api.operations.iter().map(|operation| query_trait(api, operation, &operation.mock.query_trait, false));
            let bounded = Bounded::of(api);
            let impls = api.operations.iter().map(|operation| operation_impl(api, operation, &bounded));
            let shapes = bounded.module(api);
            let params = api.operations.iter().map(|operation| params_struct(api, operation));
            quote! {
                #(#params)*

                #(#impls)*

                #(#query_traits)*

                #shapes
            }
        }
        Some(products) => {
            let feature_count = api.features().len();
            let reexports = products.iter().map(|(library, features)| {
                let library = ident(library);
                let cfg = super::features::module_cfg(features, feature_count, false);
                quote!(#cfg pub use ::#library::mock::*;)
            });
            quote!(#(#reexports)*)
        }
    };
    // The webhooks' sending side: deliveries signed as the API signs them, with test keys.
    let webhook_sender = api.webhooks.is_some().then(|| {
        quote! {
            #[cfg(feature = "webhooks")]
            pub use crate::runtime::mock::{SignedDelivery, WebhookSender};
        }
    });
    quote! {
        //! Test doubles for code that uses this crate (feature `mock`): [`MockApi`] starts a
        //! mock of the API on 127.0.0.1 and gives a [`Client`](crate::Client) pointed at it.
        //!
        //! Each operation has a method that starts an expectation, matching the path
        //! parameters given. Narrow it with `.query_{name}(..)` (from the operation's
        //! `…Query` trait: `use` this module's `*`), `.params(|params| ..)`, a predicate on
        //! the operation's `…Params` struct (every parameter as the crate's type), and
        //! `.body(|body| ..)`, a predicate on the typed body; answer with `.respond(output)`
        //! (the crate's own type, in the document's media type and status), `.error(status,
        //! body)`, `.status(status)`, `.raw(status, media_type, bytes)` or
        //! `.drop_connection()`, add `.header(..)` or `.delay(..)` to an answer, chain
        //! answers for a sequence, say `.times(n)`, then `.mount().await`. Every request is
        //! checked against the API document (types, enums, required parts and every bound the
        //! document states), and `verify()` or dropping the mock fails the test with every
        //! request the document does not allow, every request no expectation matched, and
        //! every `times` not met; `take_problems()` gives the same messages without failing.
        //! `received::<Operation>()` reads the requests an operation received, parameters and
        //! bodies typed.
        // The doubles name every operation and parameter type, deprecated ones too.
        #![allow(deprecated)]

        #webhook_sender

        /// A mock of the API, in this process, and the expectations set on it. Read the
        /// runtime's `MockServer` (through `Deref`) for `client_builder`, `received`,
        /// `verify` and `take_problems`.
        pub struct MockApi {
            server: crate::runtime::mock::MockServer<crate::Api>,
        }

        impl MockApi {
            /// Starts the mock on 127.0.0.1, on a free port.
            pub async fn start() -> MockApi {
                #[allow(unused_mut)]
                let mut operations: Vec<&'static crate::runtime::mock::OperationSpec> = Vec::new();
                #(#registrations)*
                MockApi { server: crate::runtime::mock::MockServer::start(operations).await }
            }

            /// A client pointed at the mock, with retries off so that your code sees every
            /// answer; use `client_builder()` to change that.
            pub fn client(&self) -> crate::Client {
                self.server.client()
            }

            #(#methods)*
        }

        impl ::std::ops::Deref for MockApi {
            type Target = crate::runtime::mock::MockServer<crate::Api>;
            fn deref(&self) -> &Self::Target {
                &self.server
            }
        }

        impl ::std::fmt::Debug for MockApi {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.debug_struct("MockApi").field("uri", &self.server.uri()).finish()
            }
        }

        #per_operation
    }
}

/// `{Builder}Query`, implemented for the operation's expectation: one `query_{name}` method
/// per query parameter, taking the client's types and matching the value the mock reads. A
/// trait, because inherent methods cannot be added to the runtime's `Expectation`; prefixed,
/// so that no parameter name can hide (or be hidden by) the expectation's own methods.
/// The typed query matchers of an operation's expectations, spelled as written here, for the
/// API report: `.query_per_page(impl Into<f64>)`.
pub(crate) fn query_signatures(operation: &Operation) -> Vec<String> {
    operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Query)
        .zip(&operation.mock.query_matchers)
        .map(|(param, matcher)| {
            let argument = super::operations::spell(super::operations::argument_type(param));
            format!(".{matcher}({argument})")
        })
        .collect()
}

/// `any_api`: for a product's crate, below the crate that defines the API: implemented for
/// the expectations of any API, since this crate cannot name the one it belongs to.
fn query_trait(api: &Api, operation: &Operation, name: &str, any_api: bool) -> TokenStream {
    let query: Vec<&Param> = operation.params.iter().filter(|param| param.location == ParamLocation::Query).collect();
    if query.is_empty() {
        return TokenStream::new();
    }
    let cfg = group_cfg(api, operation);
    let builder = builder_path(api, operation);
    let name = ident(name);
    // The argument is `value` and the closure's `params` whatever the parameter is called,
    // so that no parameter's name can shadow either.
    let signatures: Vec<TokenStream> = query
        .iter()
        .zip(&operation.mock.query_matchers)
        .map(|(param, matcher)| {
            let method = ident(matcher);
            let doc = format!(" Matches only requests whose query parameter `{}` is this.", param.name);
            let argument = super::operations::argument_type(param);
            quote!(#[doc = #doc] fn #method(self, value: #argument) -> Self)
        })
        .collect();
    let bodies = query.iter().zip(&signatures).map(|(param, signature)| {
        let field = ident(&param.rust_name);
        let value = super::operations::convert_argument(param, quote!(value));
        let ty = rust_type(&param.ty);
        let compare = if param.required {
            quote!(params.#field == value)
        } else {
            quote!(params.#field.as_ref() == Some(&value))
        };
        quote!(#signature {
            let value: #ty = #value;
            self.params(move |params| #compare)
        })
    });
    let doc =
        format!(" Typed query matchers for `{}` expectations (bring them in with `use crate::mock::*`).", operation.id);
    let implementation = if any_api {
        quote!(impl<A: crate::runtime::Api> #name for crate::runtime::mock::Expectation<'_, A, #builder>)
    } else {
        quote!(impl #name for crate::runtime::mock::Expectation<'_, crate::Api, #builder>)
    };
    quote! {
        #cfg
        #[doc = #doc]
        pub trait #name: Sized {
            #(#signatures;)*
        }

        #cfg
        #implementation {
            #(#bodies)*
        }
    }
}

fn group_cfg(api: &Api, operation: &Operation) -> TokenStream {
    let feature = api.groups[operation.group].feature();
    quote!(#[cfg(feature = #feature)])
}

fn builder_path(api: &Api, operation: &Operation) -> TokenStream {
    let module = ident(&api.groups[operation.group].module);
    let builder = ident(&operation.builder);
    quote!(crate::#module::#builder)
}

/// `MockApi::{operation}(path parameters…)`: an expectation matching those values, taken as
/// the client takes them and compared as the mock reads them.
fn expectation_method(api: &Api, operation: &Operation, method: &str) -> TokenStream {
    let cfg = group_cfg(api, operation);
    let builder = builder_path(api, operation);
    let method = ident(method);
    let path_params: Vec<&Param> =
        operation.positional_params().into_iter().filter(|param| param.location == ParamLocation::Path).collect();
    let arguments = path_params.iter().map(|param| {
        let name = ident(&param.rust_name);
        let argument = super::operations::argument_type(param);
        quote!(#name: #argument)
    });
    // The values expected, in one tuple: the closure names only it and its own `params`,
    // whatever the parameters are called.
    let expectation = if path_params.is_empty() {
        quote!(self.server.expect::<#builder>())
    } else {
        let types = path_params.iter().map(|param| rust_type(&param.ty));
        let values = path_params.iter().map(|param| {
            let name = ident(&param.rust_name);
            super::operations::convert_argument(param, quote!(#name))
        });
        let fields = path_params.iter().map(|param| {
            let name = ident(&param.rust_name);
            quote!(&params.#name)
        });
        let indexes = (0..path_params.len()).map(syn::Index::from);
        quote! {
            let expected: (#(#types,)*) = (#(#values,)*);
            self.server.expect::<#builder>().params(move |params| (#(#fields,)*) == (#(&expected.#indexes,)*))
        }
    };
    let doc = format!(
        " Expects `{}` requests ({} `{}`) with these path parameters.",
        operation.id,
        operation.method.as_str(),
        operation.path
    );
    quote! {
        #cfg
        #[doc = #doc]
        pub fn #method(&self, #(#arguments),*) -> crate::runtime::mock::Expectation<'_, crate::Api, #builder> {
            #expectation
        }
    }
}

/// `{Builder}Params`: the operation's parameters as the mock reads them, typed as the client
/// takes them (optional ones in an `Option`).
fn params_struct(api: &Api, operation: &Operation) -> TokenStream {
    let Some(name) = &operation.mock.params else { return TokenStream::new() };
    let cfg = group_cfg(api, operation);
    let name = ident(name);
    let fields = operation.params.iter().map(|param| {
        let field = ident(&param.rust_name);
        let ty = param_type(param);
        let doc = format!(" The `{}` {} parameter.", param.name, param.location.as_str());
        quote!(#[doc = #doc] pub #field: #ty,)
    });
    let doc = format!(" The parameters of a `{}` request, as the mock received them.", operation.id);
    quote! {
        #cfg
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}

/// A parameter's type in the parameters' struct: `Option` unless it is always sent.
fn param_type(param: &Param) -> TokenStream {
    let ty = rust_type(&param.ty);
    if param.required || param.location == ParamLocation::Path { ty } else { quote!(Option<#ty>) }
}

/// `impl MockOperation for {Builder}`: what the contract check knows about the operation, and
/// how its parameters, body and answers are read and written.
fn operation_impl(api: &Api, operation: &Operation, bounded: &Bounded) -> TokenStream {
    let cfg = group_cfg(api, operation);
    let builder = builder_path(api, operation);
    let id = &operation.id;
    let rust_name = operation.method_name.trim_start_matches("r#");
    let method = operation.method.as_str();
    let path = &operation.path;
    let specs = operation.params.iter().map(param_spec);
    let body_spec = match &operation.body {
        Some(body) => {
            let required = body.required;
            let shape = bounded.body(api, operation);
            quote!(Some(crate::runtime::mock::BodySpec { required: #required, shape: #shape }))
        }
        None => quote!(None),
    };
    let success_status = success_status(operation);
    // Every parameter is read (so that every problem is recorded) before any is missed; the
    // values sit in one tuple, so that no parameter's name can shadow `request`.
    let (params_type, read_params) = match &operation.mock.params {
        Some(name) => {
            let name = ident(name);
            let reads = operation.params.iter().map(|param| {
                let wire = &param.name;
                quote!(request.param(#wire))
            });
            let fields = operation.params.iter().enumerate().map(|(index, param)| {
                let field = ident(&param.rust_name);
                let index = syn::Index::from(index);
                quote!(#field: values.#index?)
            });
            (quote!(#name), quote!(let values = (#(#reads,)*); Some(#name { #(#fields),* })))
        }
        None => (quote!(()), quote!(Some(()))),
    };
    let params_argument = if operation.params.is_empty() { quote!(_) } else { quote!(request) };
    let (body_type, read_body) = body_reader(operation);
    let body_argument = if operation.body.is_none() { quote!(_) } else { quote!(request) };
    let (output_type, answer) = answer(api, operation, success_status);
    quote! {
        #cfg
        impl crate::runtime::mock::MockOperation for #builder {
            const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
                id: #id,
                rust_name: #rust_name,
                method: #method,
                path: #path,
                params: &[#(#specs),*],
                body: #body_spec,
                success_status: #success_status,
                read: crate::runtime::mock::check::<Self>,
            };
            type Params = #params_type;
            type Body = #body_type;
            type Output = #output_type;
            fn params(#params_argument: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Params> {
                #read_params
            }
            fn body(#body_argument: &crate::runtime::mock::RequestView<'_>) -> Option<Self::Body> {
                #read_body
            }
            fn answer(output: Self::Output) -> crate::runtime::mock::Answer {
                #answer
            }
        }
    }
}

/// `ParamSpec::query("name")`, with what differs from the location's default way of writing.
fn param_spec(param: &Param) -> TokenStream {
    let name = &param.name;
    let (constructor, default_explode) = match param.location {
        ParamLocation::Path => (quote!(path), false),
        ParamLocation::Query => (quote!(query), true),
        ParamLocation::Header => (quote!(header), false),
        ParamLocation::Cookie => (quote!(cookie), false),
    };
    let mut spec = quote!(crate::runtime::mock::ParamSpec::#constructor(#name));
    // Cookies are written joined whatever `explode` says (`request.rs`).
    if param.location != ParamLocation::Cookie && param.explode != default_explode {
        spec = if param.explode { quote!(#spec.exploded()) } else { quote!(#spec.unexploded()) };
    }
    if param.location == ParamLocation::Query && !matches!(param.style, ParamStyle::Form | ParamStyle::Simple) {
        let style = super::operations::style(param.style);
        spec = quote!(#spec.style(crate::runtime::Style::#style));
    }
    if param.structured && !matches!(param.ty, TypeRef::List(_)) {
        spec = quote!(#spec.object());
    }
    if !param.constraints.is_empty() {
        let bounds = constraints(&param.constraints);
        spec = quote!(#spec.bounded(&#bounds));
    }
    spec
}

/// The first success status the document lists, which an answer without one takes.
fn success_status(operation: &Operation) -> u16 {
    operation
        .responses
        .iter()
        .filter(|response| response.status.is_success())
        .find_map(|response| match response.status {
            Status::Code(code) => Some(code),
            _ => None,
        })
        .unwrap_or(200)
}

/// The body's type as the mock reads it, and the statements that read it: the type of the
/// preferred media type, read by the request's media type when there are several (others,
/// of other types, are not read).
fn body_reader(operation: &Operation) -> (TokenStream, TokenStream) {
    let Some(body) = &operation.body else { return (quote!(()), quote!(None)) };
    let first = body.first();
    let ty = mock_body_type(&first.kind);
    if body.contents.len() == 1 {
        return (ty, read_content(&first.kind));
    }
    let spelled = ty.to_string();
    let arms: Vec<TokenStream> = body
        .contents
        .iter()
        .filter(|content| mock_body_type(&content.kind).to_string() == spelled)
        .map(|content| {
            let media = content.media_type.to_ascii_lowercase();
            let read = read_content(&content.kind);
            quote!(#media => #read,)
        })
        .collect();
    (ty, quote!(match request.media_type().as_str() { #(#arms)* _ => None }))
}

/// What the mock reads a body of one media type as: its type; text as a `String`; bytes as
/// sent for binary and multipart bodies.
fn mock_body_type(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } => rust_type(ty),
        BodyKind::Text => quote!(String),
        BodyKind::Binary | BodyKind::Multipart { .. } => quote!(::bytes::Bytes),
    }
}

fn read_content(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(_) => quote!(request.json_body()),
        BodyKind::Form { fields, .. } => {
            let fields = super::operations::form_fields(fields);
            quote!(request.form_body(#fields))
        }
        BodyKind::Text => quote!(request.text_body()),
        BodyKind::Binary | BodyKind::Multipart { .. } => quote!(request.bytes_body()),
    }
}

/// What `respond` takes, and the answer it gives: the output in its media type and status.
fn answer(api: &Api, operation: &Operation, success_status: u16) -> (TokenStream, TokenStream) {
    let media_of = |status: Status| {
        let response = operation.responses.iter().find(|response| response.status == status && response.body.is_some());
        response.and_then(|response| response.media_type.clone()).unwrap_or_else(|| "application/json".to_owned())
    };
    match &operation.output {
        Output::Empty => (quote!(()), quote!(let () = output; crate::runtime::mock::Answer::empty(#success_status))),
        Output::Single(payload) => {
            let status = operation
                .responses
                .iter()
                .filter(|response| response.status.is_success() && response.body.is_some())
                .map(|response| response.status)
                .next()
                .unwrap_or(Status::Code(success_status));
            let code = status_code(operation, status, success_status);
            let media = media_of(status);
            (payload_type(payload), payload_answer(payload, code, &media, quote!(output)))
        }
        Output::ByStatus { name, variants, .. } => {
            let module = ident(&api.groups[operation.group].module);
            let name = ident(name);
            let arms = variants.iter().map(|variant| {
                let variant_name = ident(&variant.rust_name);
                let code = status_code(operation, variant.status, success_status);
                match &variant.body {
                    Some(payload) => {
                        let answer = payload_answer(payload, code, &media_of(variant.status), quote!(body));
                        quote!(crate::#module::#name::#variant_name(body) => #answer,)
                    }
                    None => quote!(crate::#module::#name::#variant_name => crate::runtime::mock::Answer::empty(#code),),
                }
            });
            (quote!(crate::#module::#name), quote!(match output { #(#arms)* }))
        }
    }
}

/// The status an answer of `status` is sent with: the code, the first of a range, and for
/// `default` the first 2XX code the document does not list.
fn status_code(operation: &Operation, status: Status, success_status: u16) -> u16 {
    match status {
        Status::Code(code) => code,
        Status::Range(hundreds) => hundreds * 100,
        Status::Default => (200..300)
            .find(|code| {
                !operation.responses.iter().any(|response| match response.status {
                    Status::Code(listed) => listed == *code,
                    Status::Range(hundreds) => hundreds == code / 100,
                    Status::Default => false,
                })
            })
            .unwrap_or(success_status),
    }
}

/// The type `respond` takes for a payload: JSON lines as a list of their items.
fn payload_type(payload: &Payload) -> TokenStream {
    match payload {
        Payload::Json(ty) => rust_type(ty),
        Payload::JsonLines(ty) => {
            let ty = rust_type(ty);
            quote!(Vec<#ty>)
        }
        Payload::Text => quote!(String),
        Payload::Bytes => quote!(::bytes::Bytes),
    }
}

fn payload_answer(payload: &Payload, status: u16, media: &str, value: TokenStream) -> TokenStream {
    match payload {
        Payload::Json(_) => quote!(crate::runtime::mock::Answer::json(#status, #media, &#value)),
        Payload::JsonLines(_) => quote!(crate::runtime::mock::Answer::json_lines(#status, #media, &#value)),
        Payload::Text => quote!(crate::runtime::mock::Answer::text(#status, #media, #value)),
        Payload::Bytes => quote!(crate::runtime::mock::Answer::bytes(#status, #media, #value)),
    }
}

#[cfg(test)]
mod tests {
    // Two groups may each have a `list_items` (lowering scopes names per group), and an operation
    // may be called `start`: on `MockApi` they share one namespace.
    #[test]
    fn names_shared_across_groups_and_with_mock_api_are_made_unique() {
        let document = br#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get: {operationId: listItems, tags: [A], parameters: [{name: q, in: query, schema: {type: string}}], responses: {"200": {description: ok}}}
  /b:
    get: {operationId: list_items, tags: [B], parameters: [{name: q, in: query, schema: {type: string}}], responses: {"200": {description: ok}}}
  /c:
    get: {operationId: start, tags: [A], responses: {"200": {description: ok}}}
"#;
        let (api, _) = crate::lower("t.yaml", document).expect("lowers");
        let names: Vec<(String, String)> = api
            .operations
            .iter()
            .map(|operation| (operation.mock.method.clone(), operation.mock.query_trait.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("list_items".to_owned(), "ListItemsQuery".to_owned()),
                ("list_items_2".to_owned(), "ListItemsQuery2".to_owned()),
                ("start_2".to_owned(), "StartQuery".to_owned()),
            ]
        );
    }
}
