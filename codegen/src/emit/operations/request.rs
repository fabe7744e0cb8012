//! Building the request: the body's types, argument and setters (one per media type, and the
//! enum of them), and the function that writes path, query, headers, cookies and body.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::types::{constraints, ident, rust_type};
use crate::ir::{
    BodyContent, BodyKind, Operation, ParamLocation, ParamStyle, PartKind, PathSegment, RequestBody, TypeRef,
};

/// The stored type of one media type's body.
pub(super) fn body_type(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart { ty, .. } => rust_type(ty),
        BodyKind::Text => quote!(String),
        BodyKind::Binary => quote!(crate::runtime::Upload),
    }
}

/// What the builder stores for the body: the one type, or the choice enum.
pub(super) fn body_field_type(body: &RequestBody) -> TokenStream {
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
pub(super) fn body_argument(content: &BodyContent) -> (TokenStream, TokenStream) {
    match &content.kind {
        BodyKind::Text => (quote!(impl Into<String>), quote!(body.into())),
        BodyKind::Binary => (quote!(impl Into<crate::runtime::Upload>), quote!(body.into())),
        kind => (body_type(kind), quote!(body)),
    }
}

/// The stored value of a body given as `content`.
pub(super) fn stored_body(body: &RequestBody, content: &BodyContent, convert: TokenStream) -> TokenStream {
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
pub(super) fn choice_enum(operation: &Operation) -> TokenStream {
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
pub(super) fn body_setters(operation: &Operation) -> TokenStream {
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

/// An expression that displays a parameter's value as it goes on the wire.
pub(super) fn wire_value(value: TokenStream, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::DateTime => quote!(&#value.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true)),
        _ => quote!(#value),
    }
}

pub(super) fn build_request(operation: &Operation) -> TokenStream {
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
pub(super) fn add_body(content: &BodyContent) -> TokenStream {
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
pub(crate) fn form_fields(fields: &[crate::ir::FormEncoding]) -> TokenStream {
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
pub(crate) fn style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form | ParamStyle::Simple => quote!(Form),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(Brackets),
    }
}
