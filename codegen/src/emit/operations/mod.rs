//! `src/{group}.rs`: a handle per group with one method per operation, and a request builder
//! per operation that validates, encodes and sends it.
//!
//! Required parameters are arguments of the method; optional ones are setters on the builder.
//! The builder is sent with `.send()`, `.send_with_response()` or simply `.await`.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{ident, rust_type};
use super::{Source, docs};
use crate::ir::{Api, Group, HttpMethod, Operation, Param, ParamLocation, Taking, TypeRef};
use crate::lower::naming::unraw;

mod answers;
mod pagination;
mod request;

use answers::*;
use pagination::*;
use request::*;
pub(super) use request::{form_fields, style};

/// Past this many operations, a group's file is split by the first letters of the method
/// names, as model files are.
const MAX_OPERATIONS_PER_FILE: usize = 40;

/// Where a group's module sits: in the crate whose `Client` it extends, or in a product's
/// crate below it (`CrateGraph::Products`), where `crate::Client` is the runtime's `Caller`
/// and the crate above writes the accessor (`accessor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Crate,
    Product,
}

/// Every group's files, under `src/`.
pub fn files(api: &Api) -> Vec<Source<'_>> {
    let groups: Vec<usize> = (0..api.groups.len()).collect();
    group_files(api, &groups, "src", Placement::Crate)
}

/// The files of `groups` that have operations, under `dir`.
pub fn group_files<'a>(api: &'a Api, groups: &[usize], dir: &str, placement: Placement) -> Vec<Source<'a>> {
    let mut files = Vec::new();
    for &index in groups {
        let group = &api.groups[index];
        let operations: Vec<&Operation> = api.operations.iter().filter(|operation| operation.group == index).collect();
        if operations.is_empty() {
            continue;
        }
        let module = unraw(&group.module);
        // An operation is about as much code as four types.
        let weight = operations.len() * 4;
        let parts = super::split_by_name(&operations, MAX_OPERATIONS_PER_FILE, |operation| {
            unraw(&operation.method_name).trim_start_matches('_')
        });
        if parts.len() == 1 {
            files.push(Source::new(format!("{dir}/{module}.rs"), weight, move || {
                let header = group_header(group, placement);
                let items = operations_items(api, group, &operations, false);
                quote!(#header #items)
            }));
            continue;
        }
        let part_modules: Vec<String> = parts.iter().map(|(key, _)| format!("part_{key}")).collect();
        files.push(Source::new(format!("{dir}/{module}/mod.rs"), 1, move || {
            let header = group_header(group, placement);
            let modules = part_modules.iter().map(|module| ident(module));
            quote! {
                #header
                #(
                    mod #modules;
                    pub use #modules::*;
                )*
            }
        }));
        for (key, part) in parts {
            let doc = format!(" Operations tagged `{}` whose names start with `{key}`.", group.tag);
            files.push(Source::new(format!("{dir}/{module}/part_{key}.rs"), part.len() * 4, move || {
                let items = operations_items(api, group, &part, true);
                quote! {
                    #![doc = #doc]
                    #![allow(deprecated)]
                    #items
                }
            }));
        }
    }
    files
}

/// The group's docs, line by line (its tag when the document gives none).
fn group_docs(group: &Group) -> Vec<String> {
    let mut module_doc = docs::lines(&group.docs);
    if module_doc.is_empty() {
        module_doc.push(format!("Operations tagged `{}`.", group.tag));
    }
    module_doc
}

/// The client's accessor for a group (`client.{group}()`), for a crate whose groups sit in
/// products' crates below it: it hands the handle the client without its API's type.
pub fn accessor(group: &Group) -> TokenStream {
    let handle = ident(&group.handle);
    let accessor = ident(&group.module);
    let module = ident(&group.module);
    let feature = group.feature();
    let accessor_doc = docs::attrs(&group_docs(group));
    quote! {
        #[cfg(feature = #feature)]
        impl Client {
            #accessor_doc
            pub fn #accessor(&self) -> #module::#handle {
                #module::#handle::new(self.core.caller())
            }
        }
    }
}

/// The module docs, the group's handle, and the client's accessor for it (or, in a product's
/// crate, the constructor the accessor calls).
fn group_header(group: &Group, placement: Placement) -> TokenStream {
    let handle = ident(&group.handle);
    let accessor = ident(&group.module);
    let module_doc = group_docs(group);
    let module_doc_attrs = module_doc.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#![doc = #text])
    });
    let mut handle_doc = module_doc.clone();
    let name = unraw(&group.module);
    docs::push_paragraph(
        &mut handle_doc,
        match placement {
            Placement::Crate => format!("Get one with [`Client::{name}`](crate::Client::{name})."),
            Placement::Product => {
                format!("Get one with `client.{name}()` on the client of the crate that re-exports this one.")
            }
        },
    );
    let handle_doc = docs::attrs(&handle_doc);
    let accessor_doc = docs::attrs(&module_doc);
    let access = match placement {
        Placement::Crate => quote! {
            impl crate::Client {
                #accessor_doc
                pub fn #accessor(&self) -> #handle {
                    #handle { client: self.clone() }
                }
            }
        },
        Placement::Product => quote! {
            impl #handle {
                /// The handle on a client's connections and settings; the client's accessor
                /// calls it.
                #[doc(hidden)]
                pub fn new(client: crate::Client) -> Self {
                    #handle { client }
                }
            }
        },
    };
    quote! {
        #(#module_doc_attrs)*
        #![allow(deprecated)]

        #handle_doc
        #[derive(Clone, Debug)]
        pub struct #handle {
            client: crate::Client,
        }

        #access
    }
}

/// The handle's methods for `operations` and their request builders; `in_part` when they sit
/// in a submodule of the group's module.
fn operations_items(api: &Api, group: &Group, operations: &[&Operation], in_part: bool) -> TokenStream {
    let handle = ident(&group.handle);
    let handle = if in_part { quote!(super::#handle) } else { quote!(#handle) };
    let methods = operations.iter().map(|operation| handle_method(operation));
    let builders = operations.iter().map(|operation| builder(api, operation));
    quote! {
        impl #handle {
            #(#methods)*
        }

        #(#builders)*
    }
}

/// Whether the builder has setters: optional parameters, or a body that is optional or comes
/// in several media types.
fn has_setters(operation: &Operation) -> bool {
    optional(operation).next().is_some()
        || operation.body.as_ref().is_some_and(|body| !body.required || body.contents.len() > 1)
}

fn optional(operation: &Operation) -> impl Iterator<Item = &Param> {
    operation.params.iter().filter(|param| param.location != ParamLocation::Path && !param.required)
}

/// How code calls an operation, spelled as this emitter writes it, for the API report: the
/// group method's arguments in order (`name: Type`), then each setter (`.name(Type)`).
pub(crate) fn call_signature(operation: &Operation) -> Vec<String> {
    let mut spelled: Vec<String> = operation
        .positional_params()
        .into_iter()
        .map(|param| format!("{}: {}", unraw(&param.rust_name), spell(argument_type(param))))
        .collect();
    spelled.extend(
        optional(operation).map(|param| format!(".{}({})", unraw(&param.rust_name), spell(argument_type(param)))),
    );
    spelled
}

/// Tokens as code reads: `impl Into<::uuid::Uuid>`, not `impl Into < :: uuid :: Uuid >`.
pub(crate) fn spell(tokens: TokenStream) -> String {
    let text = tokens.to_string();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(character) = chars.next() {
        if character == ' ' {
            let previous = out.chars().last();
            let next = chars.peek().copied();
            let glued = matches!(next, Some('<' | '>' | ',' | ':'))
                && !(next == Some(':') && matches!(previous, Some('=' | ',' | '<' | '(') | None))
                || matches!(previous, Some('<' | ':' | '&'))
                || (previous == Some('>') && next == Some('>'));
            let keeps_space_before_path = next == Some(':') && previous.is_some_and(|p| p.is_alphanumeric()) && {
                // `impl ::std` keeps its space; `Into ::` (a path going on) does not.
                out.ends_with("impl") || out.ends_with("dyn")
            };
            if glued && !keeps_space_before_path {
                continue;
            }
        }
        out.push(character);
    }
    out
}

/// The type of the argument a caller passes for `param`.
pub(super) fn argument_type(param: &Param) -> TokenStream {
    let ty = rust_type(&param.ty);
    match (param.taking, &param.ty) {
        (Taking::EachInto, TypeRef::List(inner)) => {
            let inner = rust_type(inner);
            quote!(impl ::std::iter::IntoIterator<Item = impl Into<#inner>>)
        }
        (Taking::Own, _) => ty,
        _ => quote!(impl Into<#ty>),
    }
}

/// `value`, an argument given as [`argument_type`] says, as the parameter's own type.
pub(super) fn convert_argument(param: &Param, value: TokenStream) -> TokenStream {
    match param.taking {
        Taking::EachInto => quote!(#value.into_iter().map(Into::into).collect()),
        Taking::Own => value,
        Taking::Into | Taking::PairsInto => quote!(#value.into()),
    }
}

fn param_doc(param: &Param) -> String {
    let mut text = docs::lines(&param.docs).join(" ");
    if text.is_empty() {
        text = format!("The `{}` {} parameter.", param.name, param.location.as_str());
    }
    let bounds = docs::bounds(&param.constraints);
    if !bounds.is_empty() && !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    for bound in bounds {
        text.push(' ');
        text.push_str(&bound);
    }
    text
}

/// The operation's constant: what the runtime needs to know of it besides its arguments.
fn operation_const(api: &Api, operation: &Operation) -> TokenStream {
    let id = &operation.id;
    let template = &operation.path;
    let method = method_const(operation.method);
    let idempotent = operation.method.is_idempotent();
    let alternatives = operation.security.iter().map(|alternative| {
        let schemes = alternative.iter().map(|&index| {
            let name = ident(&api.security_schemes[index].index_const);
            quote!(crate::security::#name)
        });
        quote!(&[#(#schemes),*])
    });
    quote! {
        /// What the client needs to know about the operation besides its arguments.
        pub const OPERATION: crate::runtime::Operation = crate::runtime::Operation {
            id: #id,
            method: #method,
            path_template: #template,
            idempotent: #idempotent,
            security: &[#(#alternatives),*],
        };
    }
}

fn handle_method(operation: &Operation) -> TokenStream {
    let method_name = ident(&operation.method_name);
    let builder = ident(&operation.builder);
    let mut lines = docs::lines(&operation.docs);
    docs::push_paragraph(&mut lines, format!("`{} {}`", operation.method.as_str(), operation.path.replace('`', "'")));
    let positional = operation.positional_params();
    let body = operation.body.as_ref().filter(|body| body.required);
    if !positional.is_empty() || body.is_some() {
        lines.push(String::new());
        for param in &positional {
            lines.push(format!("- `{}`: {}", unraw(&param.rust_name), param_doc(param)));
        }
        if let Some(body) = body {
            let mut text = docs::lines(&body.docs).join(" ");
            if text.is_empty() {
                text = "The request body.".to_owned();
            }
            lines.push(format!("- `body`: {text}"));
        }
    }
    let builder_name = unraw(&operation.builder);
    let has_setters = has_setters(operation);
    docs::push_paragraph(
        &mut lines,
        format!(
            "Returns {} [`{builder_name}`] to send with `.await` (or `.send()`){}.",
            docs::article(builder_name),
            if has_setters { ", after setting any optional parameters" } else { "" }
        ),
    );
    let doc = docs::attrs(&lines);
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    let mut arguments = Vec::new();
    let mut initialisers = Vec::new();
    for param in &positional {
        let name = ident(&param.rust_name);
        let ty = argument_type(param);
        arguments.push(quote!(#name: #ty));
        initialisers.push(if param.taking == Taking::Own {
            quote!(#name)
        } else {
            let store = convert_argument(param, quote!(#name));
            quote!(#name: #store)
        });
    }
    for param in optional(operation) {
        let name = ident(&param.rust_name);
        initialisers.push(quote!(#name: None));
    }
    if let Some(request_body) = &operation.body {
        if request_body.required {
            let first = request_body.first();
            let (ty, convert) = body_argument(first);
            arguments.push(quote!(body: #ty));
            let stored = stored_body(request_body, first, convert);
            // `body: body` would be clippy's `redundant_field_names`.
            if stored.to_string() == "body" {
                initialisers.push(quote!(body));
            } else {
                initialisers.push(quote!(body: #stored));
            }
        } else {
            initialisers.push(quote!(body: None));
        }
    }
    quote! {
        #doc
        #deprecated
        pub fn #method_name(&self, #(#arguments),*) -> #builder {
            #builder {
                client: self.client.clone(),
                #(#initialisers,)*
                options: Default::default(),
            }
        }
    }
}

fn builder(api: &Api, operation: &Operation) -> TokenStream {
    let builder = ident(&operation.builder);
    let output = output_type(operation);
    let mut fields = Vec::new();
    for param in &operation.params {
        let name = ident(&param.rust_name);
        let ty = rust_type(&param.ty);
        if param.location == ParamLocation::Path || param.required {
            fields.push(quote!(#name: #ty));
        } else {
            fields.push(quote!(#name: Option<#ty>));
        }
    }
    if let Some(body) = &operation.body {
        let ty = body_field_type(body);
        if body.required {
            fields.push(quote!(body: #ty));
        } else {
            fields.push(quote!(body: Option<#ty>));
        }
    }

    let setters = optional(operation).map(|param| {
        let name = ident(&param.rust_name);
        let ty = argument_type(param);
        let store = convert_argument(param, quote!(#name));
        let doc = docs::attrs(&docs::sanitize(&param_doc(param)));
        let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #doc
            #deprecated
            pub fn #name(mut self, #name: #ty) -> Self {
                self.#name = Some(#store);
                self
            }
        }
    });
    let body_setter = body_setters(operation);
    let choice_enum = choice_enum(operation);

    let operation_const = operation_const(api, operation);
    let other_sends = other_sends(operation);
    let build = build_request(operation);
    let (decode, streaming) = decode(operation);
    let call = if streaming { quote!(call_streaming) } else { quote!(call) };
    let has_setters = has_setters(operation);
    let article = if docs::article(&operation.id) == "an" { "An" } else { "A" };
    let struct_doc = format!(
        "{article} `{}` request: {}`.await` it (or call `send`). Cloning it gives an independent request.",
        operation.id,
        if has_setters { "set optional parameters, then " } else { "" }
    );
    let errors_doc = errors_doc(operation);
    let documented_error = operation.error_body.as_ref().map(|ty| {
        let ty = rust_type(ty);
        quote! {
            impl crate::runtime::DocumentedError for #builder {
                type Body = #ty;
            }
        }
    });
    let output_enum = output_enum(operation);
    let pagination = pagination(operation);
    let decode_fn = decode_fn(operation);

    let mut struct_doc = vec![struct_doc];
    if let Some(errors_doc) = errors_doc {
        struct_doc.extend([String::new(), errors_doc]);
    }
    let struct_doc = docs::attrs(&struct_doc);
    quote! {
        #struct_doc
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        pub struct #builder {
            client: crate::Client,
            #(#fields,)*
            options: crate::RequestOptions,
        }

        impl #builder {
            #operation_const

            #(#setters)*
            #body_setter

            /// Overrides the client's timeout, retries or headers for this request only.
            pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
                self.options = options;
                self
            }

            /// Sends the request; the future gives the decoded body.
            pub fn send(self) -> crate::BodyFuture<#output> {
                crate::BodyFuture::new(self.send_with_response())
            }

            /// Sends the request; the future gives the decoded body with the status and headers.
            pub fn send_with_response(self) -> crate::ResponseFuture<#output> {
                let parts = self.parts();
                self.client.#call(&Self::OPERATION, parts, self.options, #decode)
            }

            #other_sends

            /// The request's path, query, headers and body, checked.
            fn parts(&self) -> Result<crate::runtime::RequestParts, crate::Error> {
                #build
                Ok(request)
            }

            #decode_fn
        }

        impl ::std::future::IntoFuture for #builder {
            type Output = Result<#output, crate::Error>;
            type IntoFuture = crate::BodyFuture<#output>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }

        #documented_error
        #choice_enum
        #output_enum
        #pagination
    }
}

/// What the builder's docs say of the operation's documented error bodies: their types by
/// status, and how to read one.
fn errors_doc(operation: &Operation) -> Option<String> {
    let mut by_type: Vec<(String, Vec<String>)> = Vec::new();
    for (status, ty) in operation.error_bodies() {
        let name = ty.named().map(|named| named.name.clone()).unwrap_or_default();
        match by_type.iter_mut().find(|(known, _)| *known == name) {
            Some((_, statuses)) => statuses.push(status.to_string()),
            None => by_type.push((name, vec![status.to_string()])),
        }
    }
    if by_type.is_empty() {
        return None;
    }
    let listed: Vec<String> = by_type
        .iter()
        .map(|(name, statuses)| format!("[`{name}`](crate::models::{name}) ({})", statuses.join(", ")))
        .collect();
    let read = match &operation.error_body {
        Some(_) => format!("read one with `error.documented_body::<{}>()`", unraw(&operation.builder)),
        None => format!("read one with `error.api_error().map(|answer| answer.json::<{}>())`", by_type[0].0),
    };
    Some(format!("Error answers have a body of the API's own type: {}; {read}.", listed.join(", ")))
}

fn method_const(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(::reqwest::Method::GET),
        HttpMethod::Put => quote!(::reqwest::Method::PUT),
        HttpMethod::Post => quote!(::reqwest::Method::POST),
        HttpMethod::Delete => quote!(::reqwest::Method::DELETE),
        HttpMethod::Options => quote!(::reqwest::Method::OPTIONS),
        HttpMethod::Head => quote!(::reqwest::Method::HEAD),
        HttpMethod::Patch => quote!(::reqwest::Method::PATCH),
        HttpMethod::Trace => quote!(::reqwest::Method::TRACE),
    }
}
