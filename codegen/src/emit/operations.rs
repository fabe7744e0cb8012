//! `src/{group}.rs`: a handle per group with one method per operation, and a request builder
//! per operation that validates, encodes and sends it.
//!
//! Required parameters are arguments of the method; optional ones are setters on the builder.
//! The builder is sent with `.send()`, `.send_with_response()` or simply `.await`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, is_copy, rust_type};
use crate::ir::{
    Api, BodyKind, FieldShape, FieldStep, Group, HttpMethod, Operation, Output, Param, ParamLocation, PathSegment,
    Status, TypeRef,
};

pub fn files(api: &Api) -> Vec<(String, TokenStream)> {
    api.groups
        .iter()
        .enumerate()
        .filter_map(|(index, group)| {
            let operations: Vec<&Operation> =
                api.operations.iter().filter(|operation| operation.group == index).collect();
            if operations.is_empty() {
                return None;
            }
            let path = format!("src/{}.rs", group.module.strip_prefix("r#").unwrap_or(&group.module));
            Some((path, group_file(api, group, &operations)))
        })
        .collect()
}

fn group_file(api: &Api, group: &Group, operations: &[&Operation]) -> TokenStream {
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
    let methods = operations.iter().map(|operation| handle_method(operation));
    let builders = operations.iter().map(|operation| builder(api, operation));
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

        impl #handle {
            #(#methods)*
        }

        #(#builders)*
    }
}

fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Parameters that are arguments of the handle method, in order: path, then required query
/// and header parameters.
fn positional(operation: &Operation) -> Vec<&Param> {
    let mut params: Vec<&Param> = operation
        .segments
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Param(index) => Some(&operation.params[*index]),
            PathSegment::Literal(_) => None,
        })
        .collect();
    params.extend(operation.params.iter().filter(|param| param.location != ParamLocation::Path && param.required));
    params
}

fn optional(operation: &Operation) -> impl Iterator<Item = &Param> {
    operation.params.iter().filter(|param| param.location != ParamLocation::Path && !param.required)
}

/// The argument type a caller passes, and how it becomes the stored value.
fn argument(param: &Param) -> (TokenStream, TokenStream) {
    let name = ident(&param.rust_name);
    match &param.ty {
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            (
                quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#inner>>),
                quote!(#name.into_iter().map(::std::convert::Into::into).collect()),
            )
        }
        // Numbers convert, so that `page(2)` works where the document says `number`.
        ty if ty.is_number() => {
            let ty = rust_type(ty);
            (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
        }
        ty if is_copy(ty) => (rust_type(ty), TokenStream::new()),
        ty => {
            let ty = rust_type(ty);
            (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
        }
    }
}

fn param_doc(param: &Param) -> String {
    let mut text = docs::lines(&param.docs).join(" ");
    if text.is_empty() {
        text = format!("The `{}` {} parameter.", param.name, location_word(param.location));
    }
    if let Some(max) = param.max_length {
        text.push_str(&format!(" At most {max} characters."));
    }
    if let Some(min) = param.min_length.filter(|min| *min > 0) {
        text.push_str(&format!(" At least {min} characters."));
    }
    text
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

fn output_type(operation: &Operation) -> TokenStream {
    match &operation.output {
        Output::Empty => quote!(()),
        Output::Single(ty) => rust_type(ty),
        Output::ByStatus { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

fn handle_method(operation: &Operation) -> TokenStream {
    let method_name = ident(&operation.method_name);
    let builder = ident(&operation.builder);
    let mut lines = docs::lines(&operation.docs);
    docs::push_paragraph(&mut lines, format!("`{} {}`", operation.method.as_str(), operation.path.replace('`', "'")));
    let positional = positional(operation);
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
    docs::push_paragraph(
        &mut lines,
        format!(
            "Returns a [`{}`] to send with `.await` (or `.send()`), after setting any optional parameters.",
            operation.builder
        ),
    );
    let doc = docs::attrs(&lines);
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    let mut arguments = Vec::new();
    let mut initialisers = Vec::new();
    for param in &positional {
        let name = ident(&param.rust_name);
        let (ty, store) = argument(param);
        arguments.push(quote!(#name: #ty));
        initialisers.push(if store.is_empty() { quote!(#name) } else { quote!(#name: #store) });
    }
    for param in optional(operation) {
        let name = ident(&param.rust_name);
        initialisers.push(quote!(#name: ::std::option::Option::None));
    }
    if let Some(request_body) = &operation.body {
        let ty = body_type(&request_body.kind);
        if request_body.required {
            arguments.push(quote!(body: #ty));
            initialisers.push(quote!(body));
        } else {
            initialisers.push(quote!(body: ::std::option::Option::None));
        }
    }
    quote! {
        #doc
        #deprecated
        pub fn #method_name(&self, #(#arguments),*) -> #builder {
            #builder {
                client: self.client.clone(),
                #(#initialisers,)*
                options: ::std::default::Default::default(),
            }
        }
    }
}

fn body_type(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) => rust_type(ty),
        BodyKind::Raw => quote!(::bytes::Bytes),
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
            fields.push(quote!(#name: ::std::option::Option<#ty>));
        }
    }
    if let Some(body) = &operation.body {
        let ty = body_type(&body.kind);
        if body.required {
            fields.push(quote!(body: #ty));
        } else {
            fields.push(quote!(body: ::std::option::Option<#ty>));
        }
    }

    let setters = optional(operation).map(|param| {
        let name = ident(&param.rust_name);
        let (ty, store) = argument(param);
        let store = if store.is_empty() { quote!(#name) } else { store };
        let doc = docs::attrs(&docs::sanitize(&param_doc(param)));
        let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #doc
            #deprecated
            pub fn #name(mut self, #name: #ty) -> Self {
                self.#name = ::std::option::Option::Some(#store);
                self
            }
        }
    });
    let body_setter = operation.body.as_ref().filter(|body| !body.required).map(|body| {
        let ty = body_type(&body.kind);
        quote! {
            /// Sets the request body.
            pub fn body(mut self, body: #ty) -> Self {
                self.body = ::std::option::Option::Some(body);
                self
            }
        }
    });

    let id = &operation.id;
    let template = &operation.path;
    let method = method_const(operation.method);
    let idempotent = operation.method.is_idempotent();
    let authenticated = operation.authenticated;
    let build = build_request(operation);
    let decode = decode(operation);
    let struct_doc = format!(
        "A `{}` request: set optional parameters, then `.await` it (or call `send`). Cloning it gives an independent request.",
        operation.id
    );
    let output_enum = output_enum(operation);
    let pagination = pagination(operation);
    let send_body = match operation.output {
        Output::Empty => quote! {
            self.send_with_response().await?;
            ::std::result::Result::Ok(())
        },
        _ => quote!(::std::result::Result::Ok(self.send_with_response().await?.into_body())),
    };
    let _ = api;

    let struct_doc = docs::attrs(&[struct_doc]);
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
            /// What the client needs to know about the operation besides its arguments.
            pub const OPERATION: crate::runtime::Operation = crate::runtime::Operation {
                id: #id,
                method: #method,
                path_template: #template,
                idempotent: #idempotent,
                authenticated: #authenticated,
            };

            #(#setters)*
            #body_setter

            /// Overrides the client's timeout, retries or headers for this request only.
            pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
                self.options = options;
                self
            }

            /// Sends the request and returns the decoded body.
            pub async fn send(self) -> ::std::result::Result<#output, crate::Error> {
                #send_body
            }

            /// Sends the request and returns the decoded body with the status and headers.
            pub async fn send_with_response(self) -> ::std::result::Result<crate::Response<#output>, crate::Error> {
                #build
                let response = self.client.execute(&Self::OPERATION, request, self.options).await?;
                #decode
            }
        }

        impl ::std::future::IntoFuture for #builder {
            type Output = ::std::result::Result<#output, crate::Error>;
            type IntoFuture = crate::runtime::BoxFuture<Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }

        #output_enum
        #pagination
    }
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
    for param in &operation.params {
        if param.ty != TypeRef::String || (param.max_length.is_none() && param.min_length.is_none()) {
            continue;
        }
        let name = ident(&param.rust_name);
        let wire = &param.name;
        let max = option_usize(param.max_length);
        let min = option_usize(param.min_length);
        let check = quote!(crate::runtime::check_length(&Self::OPERATION, #wire, value, #min, #max)?;);
        if param.location == ParamLocation::Path || param.required {
            statements.push(quote!({ let value = &self.#name; #check }));
        } else {
            statements.push(quote!(if let ::std::option::Option::Some(value) = &self.#name { #check }));
        }
    }

    statements.push(quote!(let mut path = crate::runtime::PathBuilder::new(&Self::OPERATION);));
    for segment in &operation.segments {
        match segment {
            PathSegment::Literal(text) => statements.push(quote!(path.literal(#text);)),
            PathSegment::Param(index) => {
                let param = &operation.params[*index];
                let name = ident(&param.rust_name);
                let wire = &param.name;
                let value = wire_value(quote!(&self.#name), &param.ty);
                statements.push(quote!(path.param(#wire, #value)?;));
            }
        }
    }
    let adds_parts =
        operation.body.is_some() || operation.params.iter().any(|param| param.location != ParamLocation::Path);
    let mutable = adds_parts.then(|| quote!(mut));
    statements.push(quote!(let #mutable request = crate::runtime::RequestParts::new(path.finish());));
    for param in operation.params.iter().filter(|param| param.location != ParamLocation::Path) {
        let name = ident(&param.rust_name);
        let wire = &param.name;
        let add = match (&param.ty, param.location) {
            (TypeRef::List(inner), _) => {
                let explode = param.explode;
                let items = match inner.as_ref() {
                    TypeRef::DateTime => {
                        quote!(value.iter().map(|item| item.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true)))
                    }
                    _ => quote!(value.iter()),
                };
                quote!(request.query_list(#wire, #items, #explode);)
            }
            (ty, ParamLocation::Header) => {
                let value = wire_value(quote!(value), ty);
                quote!(request.header(&Self::OPERATION, #wire, #value)?;)
            }
            (ty, _) => {
                let value = wire_value(quote!(value), ty);
                quote!(request.query(#wire, #value);)
            }
        };
        if param.required {
            statements.push(quote!({ let value = &self.#name; #add }));
        } else {
            statements.push(quote!(if let ::std::option::Option::Some(value) = &self.#name { #add }));
        }
    }
    if let Some(body) = &operation.body {
        let media = &body.media_type;
        let add = match &body.kind {
            BodyKind::Json(_) => quote!(request.json_body(&Self::OPERATION, value, #media)?;),
            BodyKind::Raw => quote!(request.raw_body(value, #media);),
        };
        if body.required {
            statements.push(quote!({ let value = self.body; #add }));
        } else {
            statements.push(quote!(if let ::std::option::Option::Some(value) = self.body { #add }));
        }
    }
    quote!(#(#statements)*)
}

fn option_usize(value: Option<usize>) -> TokenStream {
    match value {
        Some(value) => quote!(::std::option::Option::Some(#value)),
        None => quote!(::std::option::Option::None),
    }
}

fn decode(operation: &Operation) -> TokenStream {
    match &operation.output {
        Output::Empty => quote!(::std::result::Result::Ok(response.empty())),
        Output::Single(_) => quote!(response.json()),
        Output::ByStatus { name, variants } => {
            let name = ident(name);
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
                let variant_name = ident(&variant.rust_name);
                let value = match &variant.ty {
                    Some(_) => quote!(response.json()?.map(#name::#variant_name)),
                    None => quote!(response.empty().map(|()| #name::#variant_name)),
                };
                quote!(#pattern => #value,)
            });
            let has_default = variants.iter().any(|variant| variant.status == Status::Default);
            // A success status the document does not list reads as the first one listed.
            let fallback = (!has_default).then(|| {
                let first = &variants[0];
                let variant_name = ident(&first.rust_name);
                let value = match &first.ty {
                    Some(_) => quote!(response.json()?.map(#name::#variant_name)),
                    None => quote!(response.empty().map(|()| #name::#variant_name)),
                };
                quote!(_ => #value,)
            });
            quote! {
                ::std::result::Result::Ok(match response.status().as_u16() {
                    #(#arms)*
                    #fallback
                })
            }
        }
    }
}

fn output_enum(operation: &Operation) -> TokenStream {
    let Output::ByStatus { name, variants } = &operation.output else { return TokenStream::new() };
    let name = ident(name);
    let doc = docs::attrs(&[format!("What a successful `{}` returns, by status.", operation.id)]);
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let doc = docs::attrs(&[format!("Status {}.", variant.status)]);
        match &variant.ty {
            Some(ty) => {
                let ty = rust_type(ty);
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
    let Output::Single(page_type) = &operation.output else { return TokenStream::new() };
    let builder = ident(&operation.builder);
    let page_type = rust_type(page_type);
    let item_type = rust_type(&pagination.item_type);
    let first = pagination.first_page;

    let page_param = &operation.params[pagination.page_param];
    let page_field = ident(&page_param.rust_name);
    let page_ty = rust_type(&page_param.ty);
    let (start, set) = if page_param.required {
        (quote!(self.#page_field as u64), quote!(self.#page_field = page as #page_ty;))
    } else {
        (
            quote!(self.#page_field.map_or(#first, |page| page as u64)),
            quote!(self.#page_field = ::std::option::Option::Some(page as #page_ty);),
        )
    };
    let size = match pagination.size_param.map(|index| &operation.params[index]) {
        Some(param) if param.required => {
            let field = ident(&param.rust_name);
            quote!(::std::option::Option::Some(self.#field as u64))
        }
        Some(param) => {
            let field = ident(&param.rust_name);
            quote!(self.#field.map(|size| size as u64))
        }
        None => quote!(::std::option::Option::None),
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
        None => quote!(::std::option::Option::None),
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

            fn page_size(&self) -> ::std::option::Option<u64> {
                #size
            }

            fn fetch(self) -> crate::runtime::BoxFuture<::std::result::Result<Self::Page, crate::Error>> {
                ::std::boxed::Box::pin(self.send())
            }

            fn items(page: &Self::Page) -> &[Self::Item] {
                #items
            }

            fn into_items(page: Self::Page) -> ::std::vec::Vec<Self::Item> {
                #into_items
            }

            fn total(#total_param: &Self::Page) -> ::std::option::Option<u64> {
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
