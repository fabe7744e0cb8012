//! `src/{group}.rs`: a handle per group with one method per operation, and a request builder
//! per operation that validates, encodes and sends it.
//!
//! Required parameters are arguments of the method; optional ones are setters on the builder.
//! The builder is sent with `.send()`, `.send_with_response()` or simply `.await`.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{constraints, ident, rust_type};
use super::{Source, docs};
use crate::ir::{
    Api, BodyContent, BodyKind, FieldShape, FieldStep, Group, HttpMethod, Operation, Output, Param, ParamLocation,
    ParamStyle, PartKind, PathSegment, Payload, RequestBody, Status, Taking, TypeRef,
};
use crate::lower::naming::unraw;

/// Past this many operations, a group's file is split by the first letters of the method
/// names, as model files are.
const MAX_OPERATIONS_PER_FILE: usize = 40;

pub fn files(api: &Api) -> Vec<Source<'_>> {
    let mut files = Vec::new();
    for (index, group) in api.groups.iter().enumerate() {
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
            files.push(Source::new(format!("src/{module}.rs"), weight, move || {
                let header = group_header(group);
                let items = operations_items(api, group, &operations, false);
                quote!(#header #items)
            }));
            continue;
        }
        let part_modules: Vec<String> = parts.iter().map(|(key, _)| format!("part_{key}")).collect();
        files.push(Source::new(format!("src/{module}/mod.rs"), 1, move || {
            let header = group_header(group);
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
            files.push(Source::new(format!("src/{module}/part_{key}.rs"), part.len() * 4, move || {
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

/// The module docs, the group's handle, and the client's accessor for it.
fn group_header(group: &Group) -> TokenStream {
    let handle = ident(&group.handle);
    let accessor = ident(&group.module);
    let mut module_doc = docs::lines(&group.docs);
    if module_doc.is_empty() {
        module_doc.push(format!("Operations tagged `{}`.", group.tag));
    }
    let module_doc_attrs = module_doc.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#![doc = #text])
    });
    let mut handle_doc = module_doc.clone();
    docs::push_paragraph(
        &mut handle_doc,
        format!("Get one with [`Client::{}`](crate::Client::{}).", unraw(&group.module), unraw(&group.module)),
    );
    let handle_doc = docs::attrs(&handle_doc);
    let accessor_doc = docs::attrs(&module_doc);
    quote! {
        #(#module_doc_attrs)*
        #![allow(deprecated)]

        #handle_doc
        #[derive(Clone, Debug)]
        pub struct #handle {
            client: crate::Client,
        }

        impl crate::Client {
            #accessor_doc
            pub fn #accessor(&self) -> #handle {
                #handle { client: self.clone() }
            }
        }
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

fn output_type(operation: &Operation) -> TokenStream {
    match &operation.output {
        Output::Empty => quote!(()),
        Output::Single(payload) => payload_type(payload),
        Output::ByStatus { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

fn payload_type(payload: &Payload) -> TokenStream {
    match payload {
        Payload::Json(ty) => rust_type(ty),
        Payload::JsonLines(ty) => {
            let ty = rust_type(ty);
            quote!(crate::runtime::JsonLines<#ty>)
        }
        Payload::Text => quote!(String),
        Payload::Bytes => quote!(::bytes::Bytes),
    }
}

/// The runtime function that reads a payload, and whether it reads it as a stream.
fn payload_decoder(payload: &Payload) -> (TokenStream, bool) {
    match payload {
        // A type of the crate decodes with the code compiled in its own crate (`impl_json!`).
        Payload::Json(TypeRef::Named(_)) => (quote!(crate::runtime::model), false),
        Payload::Json(_) => (quote!(crate::runtime::json), false),
        Payload::JsonLines(_) => (quote!(crate::runtime::json_lines), true),
        Payload::Text => (quote!(crate::runtime::text), false),
        Payload::Bytes => (quote!(crate::runtime::bytes), false),
    }
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

/// `send_stream` for a binary answer, and a `send_*` method per other media type offered.
fn other_sends(operation: &Operation) -> TokenStream {
    let stream = matches!(operation.output, Output::Single(Payload::Bytes)).then(|| {
        quote! {
            /// Sends the request; the future gives the body as a stream, read as it arrives
            /// (for downloads too large to hold at once), with the status and headers.
            pub fn send_stream(self) -> crate::ResponseFuture<crate::runtime::ByteStream> {
                let parts = self.parts();
                self.client.call_streaming(&Self::OPERATION, parts, self.options, crate::runtime::stream)
            }
        }
    });
    let alternates = operation.alternates.iter().map(|alternate| {
        let method = ident(&alternate.method);
        let media_type = &alternate.media_type;
        let output = payload_type(&alternate.payload);
        let (decoder, streaming) = payload_decoder(&alternate.payload);
        let call = if streaming { quote!(call_streaming) } else { quote!(call) };
        let doc = docs::attrs(&[format!(
            "Sends the request asking for `{media_type}` (the `Accept` header); the future gives that body."
        )]);
        quote! {
            #doc
            pub fn #method(self) -> crate::BodyFuture<#output> {
                let parts = self.parts().map(|mut parts| {
                    parts.accept(#media_type);
                    parts
                });
                crate::BodyFuture::new(self.client.#call(&Self::OPERATION, parts, self.options, #decoder))
            }
        }
    });
    quote!(#stream #(#alternates)*)
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

/// The stored type of one media type's body.
fn body_type(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart { ty, .. } => rust_type(ty),
        BodyKind::Text => quote!(String),
        BodyKind::Binary => quote!(crate::runtime::Upload),
    }
}

/// What the builder stores for the body: the one type, or the choice enum.
fn body_field_type(body: &RequestBody) -> TokenStream {
    match &body.choice {
        Some(choice) => {
            let choice = ident(choice);
            quote!(#choice)
        }
        None => body_type(&body.first().kind),
    }
}

/// The argument type a caller passes for a media type's body, and how it is converted
/// (`body` names the argument).
fn body_argument(content: &BodyContent) -> (TokenStream, TokenStream) {
    match &content.kind {
        BodyKind::Text => (quote!(impl Into<String>), quote!(body.into())),
        BodyKind::Binary => (quote!(impl Into<crate::runtime::Upload>), quote!(body.into())),
        kind => (body_type(kind), quote!(body)),
    }
}

/// The stored value of a body given as `content`.
fn stored_body(body: &RequestBody, content: &BodyContent, convert: TokenStream) -> TokenStream {
    match &body.choice {
        Some(choice) => {
            let choice = ident(choice);
            let variant = ident(&content.variant);
            quote!(#choice::#variant(#convert))
        }
        None => convert,
    }
}

/// The builder's private enum of the media types a body can be sent as.
fn choice_enum(operation: &Operation) -> TokenStream {
    let Some(body) = &operation.body else { return TokenStream::new() };
    let Some(choice) = &body.choice else { return TokenStream::new() };
    let choice = ident(choice);
    let doc = format!(" The media type a `{}` body is sent as, with its value.", operation.id);
    let variants = body.contents.iter().map(|content| {
        let variant = ident(&content.variant);
        let ty = body_type(&content.kind);
        let doc = format!(" `{}`.", content.media_type);
        quote!(#[doc = #doc] #variant(#ty),)
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        enum #choice {
            #(#variants)*
        }
    }
}

/// The body setters: `body` for an optional body, and one per other media type.
fn body_setters(operation: &Operation) -> TokenStream {
    let Some(body) = &operation.body else { return TokenStream::new() };
    let several = body.choice.is_some();
    let setters = body.contents.iter().enumerate().filter(|(index, _)| !(body.required && *index == 0)).map(
        |(index, content)| {
            let setter = ident(&content.setter);
            let (ty, convert) = body_argument(content);
            let stored = stored_body(body, content, convert);
            let stored = if body.required { stored } else { quote!(Some(#stored)) };
            let media = content.media_type.replace('`', "'");
            let doc = match (several, index) {
                (false, _) => " Sets the request body.".to_owned(),
                (true, 0) => format!(" Sets the request body, sent as `{media}`."),
                (true, _) => format!(
                    " Sets the request body, sent as `{media}` (instead of `{}`).",
                    body.first().media_type.replace('`', "'")
                ),
            };
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, body: #ty) -> Self {
                    self.body = #stored;
                    self
                }
            }
        },
    );
    quote!(#(#setters)*)
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

/// An expression that displays a parameter's value as it goes on the wire.
fn wire_value(value: TokenStream, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::DateTime => quote!(&#value.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true)),
        _ => quote!(#value),
    }
}

fn build_request(operation: &Operation) -> TokenStream {
    let mut statements = Vec::new();
    for param in operation.params.iter().filter(|param| param.checked) {
        let name = ident(&param.rust_name);
        let wire = &param.name;
        let bounds = constraints(&param.constraints);
        statements.push(quote!(crate::runtime::check(&Self::OPERATION, #wire, &self.#name, &#bounds)?;));
    }

    statements.push(quote!(let mut path = crate::runtime::PathBuilder::new(&Self::OPERATION);));
    for segment in &operation.segments {
        match segment {
            PathSegment::Literal(text) => statements.push(quote!(path.literal(#text);)),
            PathSegment::Param(index) => {
                let param = &operation.params[*index];
                let name = ident(&param.rust_name);
                let wire = &param.name;
                if param.ty == TypeRef::String {
                    statements.push(quote!(path.param_str(#wire, &self.#name)?;));
                } else if param.structured {
                    let explode = param.explode;
                    statements.push(quote!(path.param_value(#wire, &self.#name, #explode)?;));
                } else {
                    let value = wire_value(quote!(&self.#name), &param.ty);
                    statements.push(quote!(path.param(#wire, #value)?;));
                }
            }
        }
    }
    let adds_parts = operation.body.is_some()
        || operation.accept.is_some()
        || operation.params.iter().any(|param| param.location != ParamLocation::Path);
    let mutable = adds_parts.then(|| quote!(mut));
    statements.push(quote!(let #mutable request = crate::runtime::RequestParts::new(path.finish());));
    if let Some(accept) = &operation.accept {
        statements.push(quote!(request.accept(#accept);));
    }
    for param in operation.params.iter().filter(|param| param.location != ParamLocation::Path) {
        let name = ident(&param.rust_name);
        let wire = &param.name;
        let scalar = !param.structured;
        let add = match (&param.ty, param.location) {
            (_, ParamLocation::Cookie) => quote!(request.cookie(&Self::OPERATION, #wire, value)?;),
            (ty, ParamLocation::Header) if scalar => {
                let value = wire_value(quote!(value), ty);
                quote!(request.header(&Self::OPERATION, #wire, #value)?;)
            }
            (_, ParamLocation::Header) => {
                let explode = param.explode;
                quote!(request.header_value(&Self::OPERATION, #wire, value, #explode)?;)
            }
            (ty, _) if scalar && param.allow_reserved => {
                let value = wire_value(quote!(value), ty);
                quote!(request.query_reserved(#wire, #value);)
            }
            (ty, _) if scalar => {
                let value = wire_value(quote!(value), ty);
                quote!(request.query(#wire, #value);)
            }
            (TypeRef::List(inner), _) if param.style == ParamStyle::Form && !param.allow_reserved => {
                let explode = param.explode;
                let items = match inner.as_ref() {
                    TypeRef::DateTime => {
                        quote!(value.iter().map(|item| item.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true)))
                    }
                    _ => quote!(value.iter()),
                };
                quote!(request.query_list(#wire, #items, #explode);)
            }
            _ => {
                let style = style(param.style);
                let explode = param.explode;
                let reserved = param.allow_reserved;
                quote!(request.query_value(
                    &Self::OPERATION,
                    #wire,
                    value,
                    crate::runtime::Encoding { style: crate::runtime::Style::#style, explode: #explode },
                    #reserved,
                )?;)
            }
        };
        if param.required {
            statements.push(quote!({ let value = &self.#name; #add }));
        } else {
            statements.push(quote!(if let Some(value) = &self.#name { #add }));
        }
    }
    if let Some(body) = &operation.body {
        let add = match &body.choice {
            None => add_body(body.first()),
            Some(choice) => {
                let choice = ident(choice);
                let arms = body.contents.iter().map(|content| {
                    let variant = ident(&content.variant);
                    let add = add_body(content);
                    quote!(#choice::#variant(value) => { #add })
                });
                quote!(match value { #(#arms)* })
            }
        };
        if body.required {
            statements.push(quote!({ let value = &self.body; #add }));
        } else {
            statements.push(quote!(if let Some(value) = &self.body { #add }));
        }
    }
    quote!(#(#statements)*)
}

/// The statements that put `value`, a body of one media type, on the request.
fn add_body(content: &BodyContent) -> TokenStream {
    let media = &content.media_type;
    match &content.kind {
        BodyKind::Json(TypeRef::Named(_)) => quote!(request.model_body(&Self::OPERATION, value, #media)?;),
        BodyKind::Json(_) => quote!(request.json_body(&Self::OPERATION, value, #media)?;),
        BodyKind::Form { fields, .. } => {
            let fields = form_fields(fields);
            quote!(request.form_body(&Self::OPERATION, value, #fields, #media)?;)
        }
        BodyKind::Multipart { parts: None, .. } => quote! {
            let mut parts = crate::runtime::MultipartParts::new();
            parts.properties(&Self::OPERATION, value)?;
            request.multipart_body(parts);
        },
        BodyKind::Multipart { parts: Some(parts), .. } => {
            let statements = parts.iter().map(|part| {
                let name = &part.name;
                let field = ident(&part.rust_name);
                let content_type = match &part.content_type {
                    Some(content_type) => quote!(Some(#content_type)),
                    None => quote!(None),
                };
                match part.kind {
                    PartKind::Value => quote!(parts.value(&Self::OPERATION, #name, &value.#field, #content_type)?;),
                    PartKind::File | PartKind::Files => quote!(parts.files(#name, &value.#field, #content_type);),
                }
            });
            quote! {
                let mut parts = crate::runtime::MultipartParts::new();
                #(#statements)*
                request.multipart_body(parts);
            }
        }
        BodyKind::Text => quote!(request.text_body(value, #media);),
        BodyKind::Binary => quote!(request.upload_body(value, #media);),
    }
}

/// The runtime's `&[FormField]` for a form body's `encoding` object.
pub(super) fn form_fields(fields: &[crate::ir::FormEncoding]) -> TokenStream {
    let fields = fields.iter().map(|field| {
        let name = &field.name;
        let style = style(field.style);
        let explode = field.explode;
        quote!(crate::runtime::FormField {
            name: #name,
            encoding: crate::runtime::Encoding { style: crate::runtime::Style::#style, explode: #explode },
        })
    });
    quote!(&[#(#fields),*])
}

/// The runtime's `Style` variant that writes a document's style (`simple` is `form` without a name).
pub(super) fn style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form | ParamStyle::Simple => quote!(Form),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(Brackets),
    }
}

/// The function that decodes a success answer, and whether it reads the body as a stream.
fn decode(operation: &Operation) -> (TokenStream, bool) {
    match &operation.output {
        Output::Empty => (quote!(crate::runtime::empty), false),
        Output::Single(payload) => payload_decoder(payload),
        Output::ByStatus { .. } => (quote!(Self::decode), false),
    }
}

/// For success answers that differ by status: `decode`, which picks the variant.
fn decode_fn(operation: &Operation) -> TokenStream {
    let Output::ByStatus { name, variants, unlisted } = &operation.output else { return TokenStream::new() };
    let name = ident(name);
    let value = |variant: &crate::ir::StatusVariant| {
        let variant_name = ident(&variant.rust_name);
        match &variant.body {
            // Each body is read as the operation would read it alone. (Lowering has made a
            // stream of JSON lines among other answers a body of bytes: none streams here.)
            Some(payload) => {
                let (decoder, _) = payload_decoder(payload);
                quote!(#decoder(response)?.map(#name::#variant_name))
            }
            None => quote!(response.empty().map(|()| #name::#variant_name)),
        }
    };
    let arms = variants.iter().map(|variant| {
        let pattern = match variant.status {
            Status::Code(code) => quote!(#code),
            Status::Range(hundreds) => {
                let low = hundreds * 100;
                let high = low + 99;
                quote!(#low..=#high)
            }
            Status::Default => quote!(_),
        };
        let value = value(variant);
        quote!(#pattern => #value,)
    });
    let fallback = unlisted.and_then(|index| variants.get(index)).map(|variant| {
        let value = value(variant);
        quote!(_ => #value,)
    });
    quote! {
        /// Decodes the answer by its status.
        fn decode(response: crate::runtime::RawResponse) -> Result<crate::Response<#name>, crate::Error> {
            Ok(match response.status().as_u16() {
                #(#arms)*
                #fallback
            })
        }
    }
}

fn output_enum(operation: &Operation) -> TokenStream {
    let Output::ByStatus { name, variants, .. } = &operation.output else { return TokenStream::new() };
    let name = ident(name);
    let doc = docs::attrs(&[format!("What a successful `{}` returns, by status.", operation.id)]);
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let doc = docs::attrs(&[format!("Status {}.", variant.status)]);
        match &variant.body {
            Some(payload) => {
                let ty = payload_type(payload);
                quote!(#doc #variant_name(#ty),)
            }
            None => quote!(#doc #variant_name,),
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// `pages()`, `items()` and the `Paginated` impl of an operation with `x-pagination`.
fn pagination(operation: &Operation) -> TokenStream {
    let Some(pagination) = &operation.pagination else { return TokenStream::new() };
    let Output::Single(Payload::Json(page_type)) = &operation.output else { return TokenStream::new() };
    let builder = ident(&operation.builder);
    let page_type = rust_type(page_type);
    let item_type = rust_type(&pagination.item_type);
    let first = pagination.first_page;

    let page_param = &operation.params[pagination.page_param];
    let page_field = ident(&page_param.rust_name);
    let page_ty = rust_type(&page_param.ty);
    // Page numbers and sizes are read with `runtime::count`, which takes only whole numbers of
    // at least zero: a page set to `2.5` or `-1` is the first page, not one a cast made up
    // (the client refuses such a value before sending anyway, where the document bounds it).
    let (start, set) = if page_param.required {
        (
            quote!(crate::runtime::count(&self.#page_field).unwrap_or(#first)),
            quote!(self.#page_field = page as #page_ty;),
        )
    } else {
        (
            quote!(self.#page_field.as_ref().and_then(crate::runtime::count).unwrap_or(#first)),
            quote!(self.#page_field = Some(page as #page_ty);),
        )
    };
    let size = match pagination.size_param.map(|index| &operation.params[index]) {
        Some(param) if param.required => {
            let field = ident(&param.rust_name);
            quote!(crate::runtime::count(&self.#field))
        }
        Some(param) => {
            let field = ident(&param.rust_name);
            quote!(self.#field.as_ref().and_then(crate::runtime::count))
        }
        None => quote!(None),
    };
    let (items_ref, items_optional) = access(&pagination.items, false);
    let items =
        if items_optional { quote!(#items_ref.map_or(&[], |items| items.as_slice())) } else { quote!(&#items_ref) };
    let (items_owned, owned_optional) = access(&pagination.items, true);
    let into_items = if owned_optional { quote!(#items_owned.unwrap_or_default()) } else { items_owned };
    let total = match &pagination.total {
        Some(steps) => {
            let (total, optional) = access(steps, false);
            if optional {
                quote!(#total.and_then(crate::runtime::count))
            } else {
                quote!(crate::runtime::count(&#total))
            }
        }
        None => quote!(None),
    };
    // Without a total the page goes unread.
    let total_param = if pagination.total.is_some() { quote!(page) } else { quote!(_page) };
    let page_name = &page_param.name;
    let pages_doc = docs::attrs(&[
        format!("Every page, in order, as a stream: from the page set with `{}`, else page {first}, the first page the API counts.", unraw(&page_param.rust_name)),
        String::new(),
        "Each page is asked for once. The listing stops when the items seen reach the total the server reports, at an empty page, or when a page is shorter than the page size; a server that repeats a page ends it with [`Error::Pagination`](crate::Error::Pagination) instead of a loop.".to_owned(),
    ]);
    let items_doc = docs::attrs(&[format!(
        "Every item of every page, in order, as a stream; see [`pages`](Self::pages) for where it starts and stops. Page numbers go in `{page_name}`."
    )]);
    quote! {
        impl #builder {
            #pages_doc
            pub fn pages(self) -> crate::Pages<Self> {
                crate::Pages::new(self)
            }

            #items_doc
            pub fn items(self) -> crate::Items<Self> {
                crate::Items::new(self)
            }
        }

        impl crate::runtime::Paginated for #builder {
            type Page = #page_type;
            type Item = #item_type;

            fn operation() -> &'static crate::Operation {
                &Self::OPERATION
            }

            fn first_page() -> u64 {
                #first
            }

            fn start_page(&self) -> u64 {
                #start
            }

            fn set_page(&mut self, page: u64) {
                #set
            }

            fn page_size(&self) -> Option<u64> {
                #size
            }

            fn fetch(self) -> crate::runtime::BoxFuture<Result<Self::Page, crate::Error>> {
                Box::pin(self.send())
            }

            fn items(page: &Self::Page) -> &[Self::Item] {
                #items
            }

            fn into_items(page: Self::Page) -> Vec<Self::Item> {
                #into_items
            }

            fn total(#total_param: &Self::Page) -> Option<u64> {
                #total
            }
        }
    }
}

/// An expression reaching from `page` along `steps`, and whether it is an `Option` (because a
/// field on the way may be absent). `owned` moves out of the page instead of borrowing.
fn access(steps: &[FieldStep], owned: bool) -> (TokenStream, bool) {
    let mut expression = quote!(page);
    let mut optional = false;
    for step in steps {
        let field = ident(&step.rust_name);
        let may_be_absent = !matches!(step.shape, FieldShape::Plain);
        let unwrap = match (step.shape, owned) {
            (FieldShape::OptionalNullable, false) => quote!(.value()),
            (FieldShape::OptionalNullable, true) => quote!(.into_option()),
            (_, false) => quote!(.as_ref()),
            (_, true) => TokenStream::new(),
        };
        expression = match (optional, may_be_absent) {
            (false, false) => quote!(#expression.#field),
            (false, true) => quote!(#expression.#field #unwrap),
            (true, false) if owned => quote!(#expression.map(|value| value.#field)),
            (true, false) => quote!(#expression.map(|value| &value.#field)),
            (true, true) => quote!(#expression.and_then(|value| value.#field #unwrap)),
        };
        optional |= may_be_absent;
    }
    (expression, optional)
}
