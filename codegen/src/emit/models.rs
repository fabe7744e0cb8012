//! `src/models/`: structs, enums and unions, one file per group plus one for shared types.
//!
//! A type used by one group's operations lives in that group's file, behind its feature; a
//! type used by several (or by none) lives in `shared.rs`, behind the features of the groups
//! that use it. Everything is re-exported flat from `crate::models`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{ident, is_copy, rust_type};
use crate::ir::{Api, Field, FieldShape, Struct, TypeDef, TypeKind, TypeRef, Union};
use crate::lower::naming::unraw;

const SHARED: &str = "shared";

pub fn files(api: &Api) -> Vec<(String, TokenStream)> {
    let mut by_file: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
    for definition in &api.types {
        by_file.entry(file_of(api, definition)).or_default().push(definition);
    }
    let mut files = Vec::new();
    let mut declarations = Vec::new();
    for (module, definitions) in &by_file {
        let module_ident = ident(module);
        let cfg = if module == SHARED { TokenStream::new() } else { feature_cfg(api, &[module.as_str()]) };
        declarations.push(quote! {
            #cfg
            mod #module_ident;
            #cfg
            pub use #module_ident::*;
        });
        let items = definitions.iter().map(|definition| type_definition(api, definition, module == SHARED));
        let doc = if module == SHARED {
            "Types that more than one group of operations uses, or that no operation uses.".to_owned()
        } else {
            let group = api
                .groups
                .iter()
                .find(|group| group.module == *module)
                .map(|group| group.tag.as_str())
                .unwrap_or(module);
            format!("Types that only the `{group}` operations use.")
        };
        let doc = format!(" {doc}");
        files.push((
            format!("src/models/{}.rs", naming_file(module)),
            quote! {
                #![doc = #doc]
                #![allow(deprecated)]
                #(#items)*
            },
        ));
    }
    files.push((
        "src/models/mod.rs".to_owned(),
        quote! {
            //! The data types of requests and responses, all re-exported here.
            #(#declarations)*
        },
    ));
    files
}

fn naming_file(module: &str) -> &str {
    module.strip_prefix("r#").unwrap_or(module)
}

fn file_of(api: &Api, definition: &TypeDef) -> String {
    match definition.used_by.iter().collect::<Vec<_>>().as_slice() {
        [only] => api.groups[**only].module.clone(),
        _ => SHARED.to_owned(),
    }
}

/// `#[cfg(any(feature = ...))]` for the groups, or nothing when every group is listed.
pub fn feature_cfg(api: &Api, modules: &[&str]) -> TokenStream {
    if modules.is_empty() || modules.len() == api.groups.len() {
        return TokenStream::new();
    }
    let features: Vec<String> = modules.iter().map(|module| naming_file(module).to_owned()).collect();
    match features.as_slice() {
        [only] => quote!(#[cfg(feature = #only)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

fn type_definition(api: &Api, definition: &TypeDef, shared: bool) -> TokenStream {
    let cfg = if shared {
        let modules: Vec<&str> = definition.used_by.iter().map(|&group| api.groups[group].module.as_str()).collect();
        feature_cfg(api, &modules)
    } else {
        TokenStream::new()
    };
    let mut lines = docs::lines(&definition.docs);
    if lines.is_empty() {
        lines.push(format!("Defined at `{}` in the API document.", definition.origin.replace('`', "'")));
    }
    let doc = docs::attrs(&lines);
    let deprecated = definition.deprecated.then(|| quote!(#[deprecated]));
    let body = match &definition.kind {
        TypeKind::Struct(body) => struct_definition(&definition.name, body),
        TypeKind::Enum(variants) => enum_definition(&definition.name, variants),
        TypeKind::Union(union) => union_definition(&definition.name, union),
        TypeKind::Newtype(inner) => {
            let name = ident(&definition.name);
            let whole =
                inner.holds_floats().then(|| quote!(#[serde(serialize_with = "crate::runtime::serialize_whole")]));
            let inner = rust_type(inner);
            vec![quote! {
                #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(#whole pub #inner);
            }]
        }
    };
    // The attributes go on every item the definition expands to.
    let items = split_items(body);
    let items = items.into_iter().map(|item| {
        let is_type = item.is_type;
        let tokens = item.tokens;
        if is_type { quote!(#cfg #doc #deprecated #tokens) } else { quote!(#cfg #tokens) }
    });
    quote!(#(#items)*)
}

struct Item {
    is_type: bool,
    tokens: TokenStream,
}

/// The first item of a definition is the type itself (it takes the docs); the rest are impls.
fn split_items(body: Vec<TokenStream>) -> Vec<Item> {
    body.into_iter().enumerate().map(|(index, tokens)| Item { is_type: index == 0, tokens }).collect()
}

fn field_type(field: &Field) -> TokenStream {
    let inner = rust_type(&field.ty);
    let inner = if field.boxed { quote!(::std::boxed::Box<#inner>) } else { inner };
    match field.shape() {
        _ if field.flatten => inner,
        FieldShape::Plain => inner,
        FieldShape::Nullable | FieldShape::Optional => quote!(::std::option::Option<#inner>),
        FieldShape::OptionalNullable => quote!(crate::Nullable<#inner>),
    }
}

fn field_docs(field: &Field) -> Vec<String> {
    let mut lines = docs::lines(&field.docs);
    if field.flatten {
        docs::push_paragraph(&mut lines, "Its fields are part of this object on the wire.");
    }
    if let Some(default) = &field.default {
        let ticks = if default.contains('`') { "``" } else { "`" };
        docs::push_paragraph(&mut lines, format!("Default: {ticks}{default}{ticks}."));
    }
    if field.read_only {
        docs::push_paragraph(&mut lines, "Read-only: set by the server, and left out of requests when unset.");
    }
    if field.write_only {
        docs::push_paragraph(&mut lines, "Write-only: sent in requests, not returned in responses.");
    }
    if field.shape() == FieldShape::OptionalNullable {
        docs::push_paragraph(
            &mut lines,
            "Absent, explicitly `null`, or a value: [`Nullable`](crate::Nullable) keeps the three apart.",
        );
    }
    if lines.is_empty() {
        lines.push(format!("The `{}` field.", field.name));
    }
    lines
}

fn struct_definition(name: &str, body: &Struct) -> Vec<TokenStream> {
    let type_name = ident(name);
    let mut fields = Vec::new();
    for field in &body.fields {
        let field_name = ident(&field.rust_name);
        let ty = field_type(field);
        let doc = docs::attrs(&field_docs(field));
        let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
        let wire = &field.name;
        let mut serde = Vec::new();
        if field.flatten {
            serde.push(quote!(flatten));
        } else if unraw(&field.rust_name) != wire {
            serde.push(quote!(rename = #wire));
        }
        match field.shape() {
            _ if field.flatten => {}
            FieldShape::Plain | FieldShape::Nullable => {}
            FieldShape::Optional => serde.push(quote!(default, skip_serializing_if = "::std::option::Option::is_none")),
            FieldShape::OptionalNullable => {
                serde.push(quote!(default, skip_serializing_if = "crate::Nullable::is_absent"))
            }
        }
        if field.ty.holds_floats() {
            serde.push(quote!(serialize_with = "crate::runtime::serialize_whole"));
        }
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        fields.push(quote! {
            #doc
            #deprecated
            #serde
            pub #field_name: #ty,
        });
    }
    let additional_name = body.additional.as_ref().map(|_| {
        let mut name = "additional_properties".to_owned();
        while body.fields.iter().any(|field| field.rust_name == name) {
            name.push('_');
        }
        ident(&name)
    });
    if let (Some(additional), Some(additional_name)) = (&body.additional, &additional_name) {
        let value = rust_type(additional);
        let whole = additional.holds_floats().then(|| quote!(, serialize_with = "crate::runtime::serialize_whole"));
        fields.push(quote! {
            /// Properties the document does not name, by key.
            #[serde(flatten #whole)]
            pub #additional_name: ::std::collections::BTreeMap<::std::string::String, #value>,
        });
    }

    let required: Vec<&Field> = body
        .fields
        .iter()
        .filter(|field| field.flatten || matches!(field.shape(), FieldShape::Plain | FieldShape::Nullable))
        .collect();
    let derive_default = required.is_empty();
    let default = derive_default.then(|| quote!(Default,));

    let arguments = required.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let ty = field_type(field);
        if field.ty == TypeRef::String && !field.boxed && field.shape() == FieldShape::Plain && !field.flatten {
            quote!(#field_name: impl ::std::convert::Into<::std::string::String>)
        } else {
            quote!(#field_name: #ty)
        }
    });
    let initialisers = body.fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        if field.flatten {
            return quote!(#field_name);
        }
        match field.shape() {
            FieldShape::Plain if field.ty == TypeRef::String && !field.boxed => quote!(#field_name: #field_name.into()),
            FieldShape::Plain | FieldShape::Nullable => quote!(#field_name),
            FieldShape::Optional => quote!(#field_name: ::std::option::Option::None),
            FieldShape::OptionalNullable => quote!(#field_name: crate::Nullable::Absent),
        }
    });
    let additional_init = additional_name.as_ref().map(|name| quote!(#name: ::std::collections::BTreeMap::new(),));
    let new_doc = docs::attrs(&[if required.is_empty() {
        format!("An empty `{name}`: every field starts unset.")
    } else {
        format!("A `{name}` from its required fields; the optional ones start unset.")
    }]);
    let setters = body.fields.iter().filter(|field| !field.flatten).filter_map(|field| {
        let field_name = ident(&field.rust_name);
        let setter = format_ident!("with_{}", unraw(&field.rust_name).trim_start_matches('_'));
        let inner = rust_type(&field.ty);
        let (argument, mut value) = if is_copy(&field.ty) {
            (quote!(value: #inner), quote!(value))
        } else {
            (quote!(value: impl ::std::convert::Into<#inner>), quote!(value.into()))
        };
        if field.boxed {
            value = quote!(::std::boxed::Box::new(#value));
        }
        let (value, doc) = match field.shape() {
            FieldShape::Optional => (quote!(::std::option::Option::Some(#value)), format!("Sets `{}`.", field.name)),
            FieldShape::OptionalNullable => (
                quote!(crate::Nullable::Present(#value)),
                format!(
                    "Sets `{}` to a value. To send an explicit `null`, assign [`Nullable::Null`](crate::Nullable::Null) to the field.",
                    field.name
                ),
            ),
            FieldShape::Plain | FieldShape::Nullable => return None,
        };
        let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
        let doc = docs::attrs(&[doc]);
        Some(quote! {
            #doc
            #deprecated
            pub fn #setter(mut self, #argument) -> Self {
                self.#field_name = #value;
                self
            }
        })
    });

    vec![
        quote! {
            #[derive(Clone, Debug, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
            #[non_exhaustive]
            pub struct #type_name {
                #(#fields)*
            }
        },
        quote! {
            impl #type_name {
                #new_doc
                pub fn new(#(#arguments),*) -> Self {
                    Self {
                        #(#initialisers,)*
                        #additional_init
                    }
                }
                #(#setters)*
            }
        },
    ]
}

fn enum_definition(name: &str, variants: &[crate::ir::EnumVariant]) -> Vec<TokenStream> {
    let type_name = ident(name);
    let names: Vec<_> = variants.iter().map(|variant| ident(&variant.rust_name)).collect();
    let values: Vec<&str> = variants.iter().map(|variant| variant.value.as_str()).collect();
    let variant_docs = variants.iter().map(|variant| {
        let mut lines = docs::lines(&variant.docs);
        if lines.is_empty() {
            lines.push(format!("`{}`", variant.value.replace('`', "'")));
        }
        docs::attrs(&lines)
    });
    vec![
        quote! {
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #type_name {
                #(#variant_docs #names,)*
                /// A value this version of the crate does not know, kept as it was received so
                /// that it is sent back unchanged.
                Unknown(::std::string::String),
            }
        },
        quote! {
            impl #type_name {
                /// Every value the API document lists.
                pub const KNOWN: &'static [Self] = &[#(Self::#names),*];

                /// The value as it is sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#names => #values,)*
                        Self::Unknown(value) => value,
                    }
                }
            }
        },
        quote! {
            impl ::std::convert::From<&str> for #type_name {
                fn from(value: &str) -> Self {
                    match value {
                        #(#values => Self::#names,)*
                        other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                    }
                }
            }
        },
        quote! {
            impl ::std::convert::From<::std::string::String> for #type_name {
                fn from(value: ::std::string::String) -> Self {
                    match Self::from(value.as_str()) {
                        Self::Unknown(_) => Self::Unknown(value),
                        known => known,
                    }
                }
            }
        },
        quote! {
            impl ::std::str::FromStr for #type_name {
                type Err = ::std::convert::Infallible;
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                    ::std::result::Result::Ok(Self::from(value))
                }
            }
        },
        quote! {
            impl ::std::fmt::Display for #type_name {
                fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    formatter.write_str(self.as_str())
                }
            }
        },
        quote! {
            impl ::serde::Serialize for #type_name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        },
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #type_name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::runtime::deserialize_open_enum(deserializer)
                }
            }
        },
    ]
}

fn union_definition(name: &str, union: &Union) -> Vec<TokenStream> {
    let type_name = ident(name);
    let variant_names: Vec<_> = union.variants.iter().map(|variant| ident(&variant.rust_name)).collect();
    let variant_types: Vec<TokenStream> = union
        .variants
        .iter()
        .map(|variant| {
            let ty = rust_type(&variant.ty);
            if variant.boxed { quote!(::std::boxed::Box<#ty>) } else { ty }
        })
        .collect();
    let variant_docs: Vec<TokenStream> = union
        .variants
        .iter()
        .map(|variant| {
            let mut lines = docs::lines(&variant.docs);
            if lines.is_empty() {
                lines.push(format!("The `{}` alternative.", variant.rust_name));
            }
            docs::attrs(&lines)
        })
        .collect();
    let variant_serde: Vec<TokenStream> = union
        .variants
        .iter()
        .map(|variant| {
            if variant.ty.holds_floats() {
                quote!(#[serde(serialize_with = "crate::runtime::serialize_whole")])
            } else {
                TokenStream::new()
            }
        })
        .collect();
    let Some(tag) = &union.tag else {
        return vec![quote! {
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #type_name {
                #(#variant_docs #variant_serde #variant_names(#variant_types),)*
            }
        }];
    };
    // Tagged: the tag picks the variant, and the variant's type reads the whole object, tag
    // included, so that the same struct also works on its own. An unknown tag is kept.
    let arms = union.variants.iter().zip(&variant_names).map(|(variant, name)| {
        let values = &variant.tag_values;
        let build = if variant.boxed {
            quote!(|value| Self::#name(::std::boxed::Box::new(value)))
        } else {
            quote!(Self::#name)
        };
        quote! {
            ::std::option::Option::Some(#(#values)|*) => ::serde_json::from_value(value).map(#build).map_err(<D::Error as ::serde::de::Error>::custom),
        }
    });
    vec![
        quote! {
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #type_name {
                #(#variant_docs #variant_serde #variant_names(#variant_types),)*
                /// An alternative this version of the crate does not know, kept as received.
                Unknown(::serde_json::Value),
            }
        },
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #type_name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let tag = value.get(#tag).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
                    match tag.as_deref() {
                        #(#arms)*
                        _ => ::std::result::Result::Ok(Self::Unknown(value)),
                    }
                }
            }
        },
    ]
}
