//! Spelling type uses and identifiers as tokens: the prelude bare, everything else by its path.
//!
//! Generated code names the prelude's `Option`, `String`, `Vec`, `Box` and `Result` bare
//! (lowering reserves those names, so no schema takes them) and everything else by a full
//! path, so a schema named `Error` or `Client` cannot change what a path means.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::TypeRef;

/// An identifier for a name lowering produced; `r#` names become raw identifiers. Every name
/// comes from `lower::naming`, valid by construction: one that is not is a bug in lowering,
/// which `render` reports as an error naming the file (never renamed here, which would make
/// the code disagree with the API report).
pub fn ident(name: &str) -> Ident {
    let (raw, plain) = match name.strip_prefix("r#") {
        Some(plain) => (true, plain),
        None => (false, name),
    };
    let valid = plain.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic() || ch == '_')
        && plain.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
        && plain != "_";
    if !valid {
        panic!("lowering named something `{name}`, which is not a Rust identifier");
    }
    if raw { Ident::new_raw(plain, Span::call_site()) } else { Ident::new(plain, Span::call_site()) }
}

/// The Rust type for a use of a type, outside the models: types the crate defines are
/// `crate::models::Name`.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    spell(ty, Place::Crate)
}

/// The Rust type for a use of a type; in the models' own files (`in_models`), types the
/// crate defines are named bare, through the files' `use crate::models::*`.
pub fn rust_type_in(ty: &TypeRef, in_models: bool) -> TokenStream {
    spell(ty, if in_models { Place::Models } else { Place::Crate })
}

/// The Rust type for a use of a type in a program beside the crate (its examples), which
/// names the crate `api`: `api::models::Name`.
pub fn rust_type_beside(ty: &TypeRef) -> TokenStream {
    spell(ty, Place::Beside)
}

/// Where a type is spelled, which decides how the crate's own items are reached.
#[derive(Clone, Copy)]
enum Place {
    /// In the crate, outside the models' files: `crate::models::Name`.
    Crate,
    /// In the models' files: `Name`.
    Models,
    /// In a program that names the crate `api`: `api::models::Name`.
    Beside,
}

fn spell(ty: &TypeRef, place: Place) -> TokenStream {
    let root = match place {
        Place::Beside => quote!(api),
        Place::Crate | Place::Models => quote!(crate),
    };
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::U32 => quote!(u32),
        TypeRef::U64 => quote!(u64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::String => quote!(String),
        TypeRef::Uuid => quote!(::uuid::Uuid),
        TypeRef::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        TypeRef::Date => quote!(::chrono::NaiveDate),
        TypeRef::Uri => quote!(#root::Uri),
        TypeRef::Upload => quote!(#root::runtime::Upload),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::JsonObject => quote!(::serde_json::Map<String, ::serde_json::Value>),
        TypeRef::Named(named) => {
            let name = ident(&named.name);
            match place {
                Place::Models => quote!(#name),
                Place::Crate | Place::Beside => quote!(#root::models::#name),
            }
        }
        TypeRef::List(inner) => {
            let inner = spell(inner, place);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = spell(inner, place);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
    }
}

/// The runtime's `Constraints` value of a set of bounds, a constant expression: the keywords
/// the document states, the rest `NONE`'s.
pub fn constraints(bounds: &crate::ir::Constraints) -> TokenStream {
    let float = |value: f64| proc_macro2::Literal::f64_suffixed(value);
    let mut fields = Vec::new();
    if let Some(minimum) = bounds.minimum {
        let minimum = float(minimum);
        fields.push(quote::quote!(minimum: Some(#minimum)));
    }
    if bounds.exclusive_minimum {
        fields.push(quote::quote!(exclusive_minimum: true));
    }
    if let Some(maximum) = bounds.maximum {
        let maximum = float(maximum);
        fields.push(quote::quote!(maximum: Some(#maximum)));
    }
    if bounds.exclusive_maximum {
        fields.push(quote::quote!(exclusive_maximum: true));
    }
    if let Some(step) = bounds.multiple_of {
        let step = float(step);
        fields.push(quote::quote!(multiple_of: Some(#step)));
    }
    if let Some(min) = bounds.min_length {
        fields.push(quote::quote!(min_length: Some(#min)));
    }
    if let Some(max) = bounds.max_length {
        fields.push(quote::quote!(max_length: Some(#max)));
    }
    if let Some(pattern) = &bounds.pattern {
        fields.push(quote::quote!(pattern: Some(#pattern)));
    }
    if let Some(min) = bounds.min_items {
        fields.push(quote::quote!(min_items: Some(#min)));
    }
    if let Some(max) = bounds.max_items {
        fields.push(quote::quote!(max_items: Some(#max)));
    }
    if bounds.unique_items {
        fields.push(quote::quote!(unique_items: true));
    }
    if let Some(items) = &bounds.items {
        let items = constraints(items);
        fields.push(quote::quote!(items: Some(&#items)));
    }
    quote::quote!(crate::runtime::Constraints { #(#fields,)* ..crate::runtime::Constraints::NONE })
}
