//! `src/models/`: structs, enums and unions, one file per group plus one for shared types.
//!
//! A type used by one group's operations lives in that group's file, behind its feature; a
//! type used by several (or by none) lives in `shared.rs`, behind the features of the groups
//! that use it. Everything is re-exported flat from `crate::models`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{ident, rust_type_in};
use super::{Source, docs, features};
use crate::ir::{
    Api, Argument, Field, FieldShape, JsonBody, SerdeImpl, Struct, Taking, TypeDef, TypeKind, TypeRef, Union,
    UnionVariant,
};
use crate::lower::naming::unraw;

const SHARED: &str = "shared";
const UNREFERENCED_FILE: &str = "unreferenced";
/// The types only webhooks' payloads use (a group cannot be called so when there are some).
const WEBHOOKS_FILE: &str = "webhooks";
/// Past this many types, a file is split by the first letters of the type names: files that
/// editors and rustc handle comfortably, and a type's file does not change as others come.
const MAX_TYPES_PER_FILE: usize = 150;

pub fn files(api: &Api) -> Vec<Source<'_>> {
    let (mut files, declarations) = type_files(api, api.types.iter().collect(), "src/models");
    let feature_count = api.features().len();
    files.push(Source::new("src/models/mod.rs".to_owned(), 1, move || {
        let declarations = module_declarations(&declarations, feature_count);
        quote! {
            //! The data types of requests and responses, all re-exported here.
            #declarations
        }
    }));
    files
}

/// A module of model files, the features it is compiled for, and whether one of its types is
/// compiled whatever the features.
pub struct Declaration {
    module: String,
    features: Vec<String>,
    always: bool,
}

/// `mod {file}; pub use {file}::*;` for each declaration, under its `#[cfg]`.
pub fn module_declarations(declarations: &[Declaration], feature_count: usize) -> TokenStream {
    let declarations = declarations.iter().map(|declaration| {
        let cfg = features::module_cfg(&declaration.features, feature_count, declaration.always);
        let module = ident(&declaration.module);
        quote! {
            #cfg
            mod #module;
            #cfg
            pub use #module::*;
        }
    });
    quote!(#(#declarations)*)
}

/// The files of `definitions` under `dir` (`src/models`, or a models crate's `src`): one per
/// group, `shared` and `unreferenced`, each split by name past `MAX_TYPES_PER_FILE`; and the
/// modules the folder's root must declare.
pub fn type_files<'a>(api: &'a Api, definitions: Vec<&'a TypeDef>, dir: &str) -> (Vec<Source<'a>>, Vec<Declaration>) {
    let mut by_file: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
    for definition in definitions {
        by_file.entry(file_of(api, definition)).or_default().push(definition);
    }
    let mut files = Vec::new();
    // Each file's module, and the features it is compiled for: any that one of its types
    // needs. A type whose features are fewer carries its own `#[cfg]`.
    let all_features = api.features();
    let feature_count = all_features.len();
    // Whether one of `definitions` is compiled whatever the features: one every feature needs.
    let always = |definitions: &[&TypeDef]| {
        definitions.iter().any(|definition| api.needing(&definition.needed_by).len() == feature_count)
    };
    let mut declarations = Vec::new();
    for (module, definitions) in by_file {
        let needed: std::collections::BTreeSet<String> =
            definitions.iter().flat_map(|definition| api.needing(&definition.needed_by)).collect();
        let module_features: Vec<String> =
            all_features.iter().filter(|feature| needed.contains(*feature)).cloned().collect();
        let module_always = always(&definitions);
        declarations.push(Declaration {
            module: module.clone(),
            features: module_features.clone(),
            always: module_always,
        });
        let doc = match module.as_str() {
            SHARED => "Types that operations of more than one group use.".to_owned(),
            UNREFERENCED_FILE => {
                format!("Schemas of the document that no operation uses (feature `{}`).", features::UNREFERENCED)
            }
            WEBHOOKS_FILE => format!("The payloads of the webhooks the API sends (feature `{}`).", features::WEBHOOKS),
            _ => {
                let tag = api
                    .groups
                    .iter()
                    .find(|group| group.module == module)
                    .map(|group| group.tag.as_str())
                    .unwrap_or(&module);
                format!("Types that only the `{tag}` operations use.")
            }
        };
        let file = unraw(&module).to_owned();
        let parts = super::split_by_name(&definitions, MAX_TYPES_PER_FILE, |definition| definition.name.as_str());
        if parts.len() == 1 {
            let path = format!("{dir}/{file}.rs");
            files.push(Source::new(path, definitions.len(), move || {
                model_file(api, &doc, &definitions, &module_features, feature_count)
            }));
            continue;
        }
        // Each part is compiled for the features its own types need: a part whose types are
        // all off under some feature is off with them, so that its `pub use` never re-exports
        // nothing (an `unused import` warning). A part needs no `#[cfg]` of its own when its
        // features are the module's, unless the module is on with no feature and it is not.
        let mut part_modules = Vec::new();
        for (key, part) in parts {
            let needed: std::collections::BTreeSet<String> =
                part.iter().flat_map(|definition| api.needing(&definition.needed_by)).collect();
            let part_features: Vec<String> =
                all_features.iter().filter(|feature| needed.contains(*feature)).cloned().collect();
            let part_always = always(&part);
            let own = (part_features != module_features || (module_always && !part_always))
                .then(|| (part_features.clone(), part_always));
            part_modules.push((format!("part_{key}"), own));
            let part_doc = format!("{doc} Those whose names start with `{key}`.");
            let path = format!("{dir}/{file}/part_{key}.rs");
            files.push(Source::new(path, part.len(), move || {
                model_file(api, &part_doc, &part, &part_features, feature_count)
            }));
        }
        files.push(Source::new(format!("{dir}/{file}/mod.rs"), 1, move || {
            let doc = format!(" {doc}");
            let parts = part_modules.iter().map(|(module, own)| {
                let cfg = own.as_ref().map(|(own, always)| features::module_cfg(own, feature_count, *always));
                let module = ident(module);
                quote! {
                    #cfg
                    mod #module;
                    #cfg
                    pub use #module::*;
                }
            });
            quote! {
                #![doc = #doc]
                #(#parts)*
            }
        }));
    }
    (files, declarations)
}

fn model_file(
    api: &Api,
    doc: &str,
    definitions: &[&TypeDef],
    module_features: &[String],
    feature_count: usize,
) -> TokenStream {
    let doc = format!(" {doc}");
    let items = definitions.iter().map(|definition| type_definition(api, definition, module_features, feature_count));
    quote! {
        #![doc = #doc]
        #![allow(deprecated)]

        #[allow(unused_imports)]
        use crate::models::*;

        #(#items)*
    }
}

/// Types in the models' own files name each other bare.
fn model_type(ty: &TypeRef) -> TokenStream {
    rust_type_in(ty, true)
}

fn file_of(api: &Api, definition: &TypeDef) -> String {
    let needed_by = &definition.needed_by;
    match needed_by.groups.iter().collect::<Vec<_>>().as_slice() {
        [only] => api.groups[**only].module.clone(),
        [] if needed_by.webhooks => WEBHOOKS_FILE.to_owned(),
        [] if needed_by.unreferenced => UNREFERENCED_FILE.to_owned(),
        _ => SHARED.to_owned(),
    }
}

/// A type's items, each with the `#[cfg]` the type needs beyond its file's (`module_features`).
fn type_definition(api: &Api, definition: &TypeDef, module_features: &[String], feature_count: usize) -> TokenStream {
    let features = api.needing(&definition.needed_by);
    let cfg = if features.as_slice() == module_features {
        TokenStream::new()
    } else {
        features::cfg(&features, feature_count)
    };
    let mut lines = docs::lines(&definition.docs);
    if lines.is_empty() {
        lines.push(format!("Defined at `{}` in the API document.", definition.origin.replace('`', "'")));
    }
    let doc = docs::attrs(&lines);
    let deprecated = definition.deprecated.then(|| quote!(#[deprecated]));
    let mut body = match &definition.kind {
        TypeKind::Struct(body) => struct_definition(&definition.name, body),
        TypeKind::Enum(variants) => enum_definition(&definition.name, variants),
        TypeKind::Union(union) => union_definition(&definition.name, union),
        TypeKind::Newtype(inner) => {
            let name = ident(&definition.name);
            let whole =
                inner.holds_floats().then(|| quote!(#[serde(serialize_with = "crate::runtime::serialize_whole")]));
            let inner = model_type(inner);
            vec![quote! {
                #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(#whole pub #inner);
            }]
        }
    };
    body.extend(json_impls(definition));
    body.extend(error_detail_conversion(definition));
    // The `#[cfg]` goes on every item the definition expands to (each element is exactly one
    // item: an attribute covers one); the first is the type itself, which also takes the
    // docs, the rest are its impls.
    let items = body
        .into_iter()
        .enumerate()
        .map(|(index, tokens)| if index == 0 { quote!(#cfg #doc #deprecated #tokens) } else { quote!(#cfg #tokens) });
    quote!(#(#items)*)
}

/// For an entry of the error bodies' list (or object): the runtime's `ErrorDetail` of it, so
/// that what `ApiError::details` read compares with the model (`ErrorDetail::from(&detail)`).
fn error_detail_conversion(definition: &TypeDef) -> Option<TokenStream> {
    let fields = definition.error_detail.as_ref()?;
    let name = ident(&definition.name);
    let code = match &fields.code {
        None => quote!(None),
        Some((field, optional, narrow)) => {
            let field = ident(field);
            match (optional, narrow) {
                (false, false) => quote!(Some(detail.#field)),
                (false, true) => quote!(Some(i64::from(detail.#field))),
                (true, false) => quote!(detail.#field),
                (true, true) => quote!(detail.#field.map(i64::from)),
            }
        }
    };
    let (message, optional) = &fields.message;
    let message_field = ident(message);
    let message = if *optional {
        quote!(detail.#message_field.clone().unwrap_or_default())
    } else {
        quote!(detail.#message_field.clone())
    };
    Some(quote! {
        impl From<&#name> for crate::runtime::ErrorDetail {
            fn from(detail: &#name) -> Self {
                crate::runtime::ErrorDetail { code: #code, message: #message }
            }
        }
    })
}

/// For a type operations carry as a whole JSON body: its JSON code, compiled here, in the
/// type's own crate, rather than in the crate of the operations that use it.
fn json_impls(definition: &TypeDef) -> Option<TokenStream> {
    let JsonBody { decoded, encoded } = definition.json_body;
    let mut directions = Vec::new();
    if decoded {
        directions.push(quote!(decode));
    }
    if encoded {
        directions.push(quote!(encode));
    }
    if directions.is_empty() {
        return None;
    }
    let name = ident(&definition.name);
    Some(quote!(crate::runtime::impl_json!(#name, #(#directions),*);))
}

fn field_type(field: &Field) -> TokenStream {
    let inner = model_type(&field.ty);
    let inner = if field.boxed { quote!(Box<#inner>) } else { inner };
    match field.shape() {
        _ if field.flatten => inner,
        FieldShape::Plain => inner,
        FieldShape::Nullable | FieldShape::Optional => quote!(Option<#inner>),
        FieldShape::OptionalNullable => quote!(crate::Nullable<#inner>),
    }
}

/// The map of properties the document does not name, of values of `ty`.
fn additional_type(ty: &TypeRef) -> TokenStream {
    let value = model_type(ty);
    quote!(::std::collections::BTreeMap<String, #value>)
}

/// What `new` takes for a required field, `None` for a field it does not take.
fn constructor_argument(field: &Field) -> Option<TokenStream> {
    Some(match field.argument? {
        Argument::IntoString => quote!(impl Into<String>),
        Argument::Value => field_type(field),
    })
}

fn variant_type(variant: &UnionVariant) -> TokenStream {
    let ty = model_type(&variant.ty);
    if variant.boxed { quote!(Box<#ty>) } else { ty }
}

/// How the models' code spells what the API report records of a type: the spellings of
/// this emitter, so that the report cannot drift from the code.
pub(crate) mod report {
    use super::super::operations::spell;
    use super::*;

    /// A type as the models files write it (`Vec<Pet>`, `::uuid::Uuid`).
    pub(crate) fn type_spelling(ty: &TypeRef) -> String {
        spell(model_type(ty))
    }

    /// A field's type as its struct declares it (`Option<Box<Node>>`).
    pub(crate) fn field_spelling(field: &Field) -> String {
        spell(field_type(field))
    }

    /// What `new` takes for a required field (`impl Into<String>`).
    pub(crate) fn constructor_argument_spelling(field: &Field) -> Option<String> {
        constructor_argument(field).map(spell)
    }

    /// The extra-keys field's type, of values of `ty`.
    pub(crate) fn additional_spelling(ty: &TypeRef) -> String {
        spell(additional_type(ty))
    }

    /// A union variant's type (`Box<Node>` where boxed).
    pub(crate) fn variant_spelling(variant: &UnionVariant) -> String {
        spell(variant_type(variant))
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

/// What a field's `with_*` setter takes: its generic parameters, the argument's type, and the
/// expression that makes the field's value of `value`.
fn setter_argument(field: &Field) -> (Option<TokenStream>, TokenStream, TokenStream) {
    let inner = model_type(&field.ty);
    match (field.taking, &field.ty) {
        (Taking::Own, _) => (None, inner, quote!(value)),
        (Taking::PairsInto, TypeRef::Map(item)) => {
            let item = model_type(item);
            (
                Some(quote!(<K: Into<String>, V: Into<#item>>)),
                quote!(impl IntoIterator<Item = (K, V)>),
                quote!(value.into_iter().map(|(key, item)| (key.into(), item.into())).collect()),
            )
        }
        _ => (None, quote!(impl Into<#inner>), quote!(value.into())),
    }
}

/// A setter's signature as this emitter writes it, for the API report:
/// `<K: Into<String>, V: Into<String>>(impl IntoIterator<Item = (K, V)>)`.
pub(crate) fn setter_signature(field: &Field) -> String {
    let (generics, argument, _) = setter_argument(field);
    let generics = generics.map(super::operations::spell).unwrap_or_default();
    format!("{generics}({})", super::operations::spell(argument))
}

fn struct_definition(name: &str, body: &Struct) -> Vec<TokenStream> {
    let type_name = ident(name);
    let fields = struct_fields(body);
    let default = body.shape.derives_default.then(|| quote!(Default,));
    let constructor = constructor(name, body);
    let setters = setters(body);
    let compact = body.shape.serde == SerdeImpl::Compact;
    let derive_serde = (!compact).then(|| quote!(::serde::Serialize, ::serde::Deserialize));
    let mut items = vec![quote! {
        #[derive(Clone, Debug, PartialEq, #default #derive_serde)]
        #[non_exhaustive]
        pub struct #type_name {
            #(#fields)*
        }
    }];
    if compact {
        items.extend(compact_serde(&type_name, body));
    }
    items.push(quote! {
            impl #type_name {
                #constructor
                #(#setters)*
            }
    });
    items
}

/// The struct's fields, with their docs and (for serde's derive) attributes, and the
/// extra-keys field.
fn struct_fields(body: &Struct) -> Vec<TokenStream> {
    let compact = body.shape.serde == SerdeImpl::Compact;
    let mut fields = Vec::new();
    for field in &body.fields {
        let field_name = ident(&field.rust_name);
        let ty = field_type(field);
        let doc = docs::attrs(&field_docs(field));
        let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
        let wire = &field.name;
        // Compact structs implement serde through the runtime's macros, which need no field
        // attributes; the others use serde's derive.
        let mut serde = Vec::new();
        if !compact {
            if field.flatten {
                serde.push(quote!(flatten));
            } else if unraw(&field.rust_name) != wire {
                serde.push(quote!(rename = #wire));
            }
            match field.shape() {
                _ if field.flatten => {}
                FieldShape::Plain | FieldShape::Nullable => {}
                FieldShape::Optional => serde.push(quote!(default, skip_serializing_if = "Option::is_none")),
                FieldShape::OptionalNullable => {
                    serde.push(quote!(default, skip_serializing_if = "crate::Nullable::is_absent"))
                }
            }
            if field.ty.holds_floats() {
                serde.push(quote!(serialize_with = "crate::runtime::serialize_whole"));
            }
        }
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        fields.push(quote! {
            #doc
            #deprecated
            #serde
            pub #field_name: #ty,
        });
    }
    let additional_name = body.shape.additional_field.as_deref().map(ident);
    if let (Some(additional), Some(additional_name)) = (&body.additional, &additional_name) {
        let ty = additional_type(additional);
        let whole = additional.holds_floats().then(|| quote!(, serialize_with = "crate::runtime::serialize_whole"));
        fields.push(quote! {
            /// Properties the document does not name, by key.
            #[serde(flatten #whole)]
            pub #additional_name: #ty,
        });
    }

    fields
}

/// `new`, taking the required fields by name, the optional ones unset.
fn constructor(name: &str, body: &Struct) -> TokenStream {
    let additional_name = body.shape.additional_field.as_deref().map(ident);
    let arguments = body.shape.arguments.iter().filter_map(|&index| {
        let field = &body.fields[index];
        let field_name = ident(&field.rust_name);
        let ty = constructor_argument(field)?;
        Some(quote!(#field_name: #ty))
    });
    let initialisers = body.fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        if field.flatten {
            return quote!(#field_name);
        }
        match field.shape() {
            _ if field.argument == Some(Argument::IntoString) => quote!(#field_name: #field_name.into()),
            FieldShape::Plain | FieldShape::Nullable => quote!(#field_name),
            FieldShape::Optional => quote!(#field_name: None),
            FieldShape::OptionalNullable => quote!(#field_name: crate::Nullable::Absent),
        }
    });
    let additional_init = additional_name.as_ref().map(|name| quote!(#name: ::std::collections::BTreeMap::new(),));
    let new_doc = docs::attrs(&[if body.shape.derives_default {
        format!("An empty `{name}`: every field starts unset.")
    } else {
        let article = if docs::article(name) == "an" { "An" } else { "A" };
        format!("{article} `{name}` from its required fields; the optional ones start unset.")
    }]);
    quote! {
        #new_doc
        pub fn new(#(#arguments),*) -> Self {
            Self {
                #(#initialisers,)*
                #additional_init
            }
        }
    }
}

/// A `with_*` setter for each optional field.
fn setters(body: &Struct) -> Vec<TokenStream> {
    body.fields.iter().filter_map(|field| {
        let field_name = ident(&field.rust_name);
        let setter = ident(field.setter.as_deref()?);
        let (generics, argument, mut value) = setter_argument(field);
        let argument = quote!(value: #argument);
        if field.boxed {
            value = quote!(Box::new(#value));
        }
        let (value, doc) = match field.shape() {
            FieldShape::Optional => (quote!(Some(#value)), format!("Sets `{}`.", field.name)),
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
            pub fn #setter #generics(mut self, #argument) -> Self {
                self.#field_name = #value;
                self
            }
        })
    })
    .collect()
}

/// The runtime's `impl_deserialize!` and `impl_serialize!` for a compact struct: two items,
/// not one, since `type_definition` puts the type's `#[cfg]` on each item, and an attribute
/// covers only the one item after it.
fn compact_serde(type_name: &proc_macro2::Ident, body: &Struct) -> Vec<TokenStream> {
    let reads = body.fields.iter().map(|field| {
        let wire = &field.name;
        let field_name = ident(&field.rust_name);
        let kind = if field.shape() == FieldShape::Plain { quote!(required) } else { quote!(optional) };
        quote!(#wire => #field_name: #kind)
    });
    let writes = body.fields.iter().map(|field| {
        let wire = &field.name;
        let field_name = ident(&field.rust_name);
        let optional = matches!(field.shape(), FieldShape::Optional | FieldShape::OptionalNullable);
        let kind = match (optional, field.ty.holds_floats()) {
            (false, false) => quote!(required),
            (true, false) => quote!(optional),
            (false, true) => quote!(required_whole),
            (true, true) => quote!(optional_whole),
        };
        quote!(#wire => #field_name: #kind)
    });
    vec![
        quote!(crate::runtime::impl_deserialize!(#type_name { #(#reads),* });),
        quote!(crate::runtime::impl_serialize!(#type_name { #(#writes),* });),
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
                Unknown(String),
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
        quote!(crate::runtime::open_enum_impls!(#type_name);),
    ]
}

fn union_definition(name: &str, union: &Union) -> Vec<TokenStream> {
    let type_name = ident(name);
    let variant_names: Vec<_> = union.variants.iter().map(|variant| ident(&variant.rust_name)).collect();
    let variant_types: Vec<TokenStream> = union.variants.iter().map(variant_type).collect();
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
            quote!(|value| Self::#name(Box::new(value)))
        } else {
            quote!(Self::#name)
        };
        quote! {
            Some(#(#values)|*) => ::serde_json::from_value(value).map(#build).map_err(<D::Error as ::serde::de::Error>::custom),
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
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let tag = value.get(#tag).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
                    match tag.as_deref() {
                        #(#arms)*
                        _ => Ok(Self::Unknown(value)),
                    }
                }
            }
        },
    ]
}
