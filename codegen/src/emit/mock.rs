//! `src/mock.rs` of the generated crate, behind its `mock` feature: the typed layer of the test doubles.
//!
//! The machinery (server, contract check, expectations, recorded requests) is the runtime's
//! `mock` module; here each operation gets what the check needs to know about it (an
//! `OperationSpec` on its request builder type, through `MockOperation`) and a method on
//! `MockApi` that starts an expectation, taking the path parameters as the client does.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Source;
use super::types::{ident, rust_type};
use crate::ir::{Api, BodyKind, Operation, Output, ParamLocation, TypeKind, TypeRef};
use crate::lower::naming::unraw;

/// The module's path in the crate and the feature behind it.
pub const FEATURE: &str = "mock";

pub fn files(api: &Api) -> Vec<Source<'_>> {
    vec![Source::new("src/mock.rs".to_owned(), api.operations.len(), move || mock_rs(api))]
}

fn mock_rs(api: &Api) -> TokenStream {
    let registrations = api.operations.iter().map(|operation| {
        let cfg = group_cfg(api, operation);
        let builder = builder_path(api, operation);
        quote! {
            #cfg
            operations.push(<#builder as crate::runtime::mock::MockOperation>::SPEC);
        }
    });
    let methods = api.operations.iter().map(|operation| expectation_method(api, operation, &operation.mock.method));
    let impls = api.operations.iter().map(|operation| operation_impl(api, operation));
    let query_traits = api.operations.iter().map(|operation| query_trait(api, operation, &operation.mock.query_trait));
    quote! {
        //! Test doubles for code that uses this crate (feature `mock`): [`MockApi`] starts a
        //! mock of the API on 127.0.0.1 and gives a [`Client`](crate::Client) pointed at it.
        //!
        //! Each operation has a method that starts an expectation, matching the path
        //! parameters given (and, with `.query_{name}(..)` from the operation's `…Query`
        //! trait, brought in by `use` of this module's `*`, and `.body(..)`, query values and
        //! a predicate on the typed body); answer with `.respond(output)`, `.error(status,
        //! body)`, `.status(status)`, `.drop_connection()`, add `.header(..)` or `.delay(..)`
        //! to an answer, chain
        //! answers for a sequence, say `.times(n)`, then `.mount().await`. Every request is
        //! checked against the API document, and `verify()` or dropping the mock fails the
        //! test with every request the document does not allow, every request no expectation
        //! matched, and every `times` not met. `received::<Operation>()` reads the requests
        //! an operation received, bodies typed.

        /// A mock of the API, in this process, and the expectations set on it. Read the
        /// runtime's `MockServer` (through `Deref`) for `client_builder`, `received` and
        /// `verify`.
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

        #(#impls)*

        #(#query_traits)*
    }
}

/// `{Builder}Query`, implemented for the operation's expectation: one `query_{name}` method
/// per query parameter, taking the client's types. A trait, because inherent methods cannot be
/// added to the runtime's `Expectation`; prefixed, so that no parameter name can hide (or be
/// hidden by) the expectation's own methods.
fn query_trait(api: &Api, operation: &Operation, name: &str) -> TokenStream {
    let query: Vec<_> =
        operation.params.iter().filter(|param| param.location == ParamLocation::Query && checkable(param)).collect();
    if query.is_empty() {
        return TokenStream::new();
    }
    let cfg = group_cfg(api, operation);
    let builder = builder_path(api, operation);
    let name = ident(name);
    let signatures: Vec<TokenStream> = query
        .iter()
        .map(|param| {
            let method = format_ident!("query_{}", unraw(&param.rust_name));
            let doc = format!(" Matches only requests whose query parameter `{}` is this.", param.name);
            let argument = match &param.ty {
                TypeRef::String => quote!(value: impl Into<String>),
                TypeRef::List(inner) => {
                    let inner = rust_type(inner);
                    quote!(values: impl IntoIterator<Item = #inner>)
                }
                ty => {
                    let ty = rust_type(ty);
                    quote!(value: impl Into<#ty>)
                }
            };
            quote!(#[doc = #doc] fn #method(self, #argument) -> Self)
        })
        .collect();
    let bodies = query.iter().zip(&signatures).map(|(param, signature)| {
        let wire = &param.name;
        let body = match &param.ty {
            TypeRef::String => quote!(self.query(#wire, value.into())),
            TypeRef::List(_) => {
                let explode = param.explode;
                quote! {
                    let values = values.into_iter().map(|value| crate::runtime::mock::query_text(&value)).collect();
                    self.query_list(#wire, values, #explode)
                }
            }
            ty => {
                let ty = rust_type(ty);
                quote!(self.query(#wire, crate::runtime::mock::query_text::<#ty>(&value.into())))
            }
        };
        quote!(#signature { #body })
    });
    let doc =
        format!(" Typed query matchers for `{}` expectations (bring them in with `use crate::mock::*`).", operation.id);
    quote! {
        #cfg
        #[doc = #doc]
        pub trait #name: Sized {
            #(#signatures;)*
        }

        #cfg
        impl #name for crate::runtime::mock::Expectation<'_, crate::Api, #builder> {
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

/// `MockApi::{operation}(path parameters…)`: an expectation matching those values.
fn expectation_method(api: &Api, operation: &Operation, method: &str) -> TokenStream {
    let cfg = group_cfg(api, operation);
    let builder = builder_path(api, operation);
    let method = ident(method);
    let path_params: Vec<_> = operation.params.iter().filter(|param| param.location == ParamLocation::Path).collect();
    let arguments = path_params.iter().map(|param| {
        let name = ident(&param.rust_name);
        match &param.ty {
            TypeRef::String => quote!(#name: impl Into<String>),
            ty @ (TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 | TypeRef::Uuid) => {
                let ty = rust_type(ty);
                quote!(#name: #ty)
            }
            _ => quote!(#name: impl ::std::fmt::Display),
        }
    });
    let values = path_params.iter().map(|param| {
        let wire = &param.name;
        let name = ident(&param.rust_name);
        match &param.ty {
            TypeRef::String => quote!((#wire, #name.into())),
            _ => quote!((#wire, #name.to_string())),
        }
    });
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
            self.server.expect(vec![#(#values),*])
        }
    }
}

/// Whether the contract check and the typed matchers can read a parameter: scalars, and
/// lists in the query's form style. Objects, delimited or path and header lists, and cookies
/// are spelled in ways the check does not parse; they are accepted as sent.
fn checkable(param: &crate::ir::Param) -> bool {
    param.location != ParamLocation::Cookie
        && (!param.structured
            || (param.location == ParamLocation::Query
                && matches!(param.ty, TypeRef::List(_))
                && param.style == crate::ir::ParamStyle::Form
                && !param.allow_reserved))
}

/// `impl MockOperation for {Builder}`: what the contract check knows about the operation.
fn operation_impl(api: &Api, operation: &Operation) -> TokenStream {
    let cfg = group_cfg(api, operation);
    let builder = builder_path(api, operation);
    let id = &operation.id;
    let method = operation.method.as_str();
    let path = &operation.path;
    let params = operation.params.iter().filter(|param| checkable(param)).map(|param| {
        let name = &param.name;
        let location = format_ident!(
            "{}",
            match param.location {
                ParamLocation::Path => "Path",
                ParamLocation::Query => "Query",
                ParamLocation::Header => "Header",
                // Left out by `checkable`.
                ParamLocation::Cookie => "Header",
            }
        );
        let required = param.required;
        let (item, list) = match &param.ty {
            TypeRef::List(inner) => (inner.as_ref(), true),
            ty => (ty, false),
        };
        let (kind, allowed) = kind(api, item);
        let kind = format_ident!("{kind}");
        quote! {
            crate::runtime::mock::ParamSpec {
                name: #name,
                location: crate::runtime::mock::Location::#location,
                required: #required,
                kind: crate::runtime::mock::Kind::#kind,
                list: #list,
                allowed: &[#(#allowed),*],
            }
        }
    });
    let (body_type, body_spec) = match &operation.body {
        Some(body) => {
            let required = body.required;
            match (body.contents.as_slice(), body.choice.is_some()) {
                ([content], false) if matches!(content.kind, BodyKind::Json(_)) => {
                    let ty = rust_type(content.kind.ty().unwrap_or(&TypeRef::Json));
                    (
                        ty.clone(),
                        quote!(Some(crate::runtime::mock::BodySpec {
                            required: #required,
                            check: crate::runtime::mock::check_json::<#ty>,
                        })),
                    )
                }
                // Forms, multipart, text and binary bodies (or a choice of media types): only
                // their presence is checked, and `received` reads them as JSON when they are.
                _ => (
                    quote!(::serde_json::Value),
                    quote!(Some(crate::runtime::mock::BodySpec { required: #required, check: |_| Ok(()) })),
                ),
            }
        }
        None => (quote!(()), quote!(None)),
    };
    let output = match &operation.output {
        Output::Empty => quote!(()),
        Output::Single(crate::ir::Payload::Json(ty)) => rust_type(ty),
        // The enum of several success bodies is read, not written; an answer is given as
        // JSON, as are answers the crate reads as text, bytes or JSON lines.
        Output::Single(_) | Output::ByStatus { .. } => quote!(::serde_json::Value),
    };
    let success_status = operation
        .responses
        .iter()
        .filter(|response| response.status.is_success())
        .find_map(|response| match response.status {
            crate::ir::Status::Code(code) => Some(code),
            _ => None,
        })
        .unwrap_or(200);
    quote! {
        #cfg
        impl crate::runtime::mock::MockOperation for #builder {
            const SPEC: &'static crate::runtime::mock::OperationSpec = &crate::runtime::mock::OperationSpec {
                id: #id,
                method: #method,
                path: #path,
                params: &[#(#params),*],
                body: #body_spec,
                success_status: #success_status,
            };
            type Body = #body_type;
            type Output = #output;
        }
    }
}

/// What a parameter's text must parse as (the runtime's `Kind`), and the values an enum allows.
fn kind(api: &Api, ty: &TypeRef) -> (&'static str, Vec<String>) {
    match ty {
        TypeRef::Bool => ("Boolean", Vec::new()),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => ("Integer", Vec::new()),
        TypeRef::F32 | TypeRef::F64 => ("Number", Vec::new()),
        TypeRef::Uuid => ("Uuid", Vec::new()),
        TypeRef::Named(named) => match &api.get(named.id).kind {
            TypeKind::Enum(variants) => ("String", variants.iter().map(|variant| variant.value.clone()).collect()),
            TypeKind::Newtype(inner) => kind(api, inner),
            _ => ("String", Vec::new()),
        },
        _ => ("String", Vec::new()),
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
