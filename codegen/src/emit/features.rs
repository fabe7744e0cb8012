//! Cargo features: one per group of operations, and `unreferenced-models` for schemas that no
//! operation uses; `#[cfg]` attributes that compile a type exactly when a feature needs it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, NeededBy};
use crate::lower::naming::unraw;

/// The feature behind the schemas that no operation uses.
pub const UNREFERENCED: &str = "unreferenced-models";

/// A group's feature name: its module name.
pub fn group_feature(module: &str) -> String {
    unraw(module).to_owned()
}

/// Whether a group has operations, and so a module and a feature.
pub fn group_is_used(api: &Api, group: usize) -> bool {
    api.operations.iter().any(|operation| operation.group == group)
}

/// Every feature, in order: the groups, then `unreferenced-models` when there is one.
pub fn all(api: &Api) -> Vec<String> {
    let mut features: Vec<String> = (0..api.groups.len())
        .filter(|&group| group_is_used(api, group))
        .map(|group| group_feature(&api.groups[group].module))
        .collect();
    if api.has_unreferenced {
        features.push(UNREFERENCED.to_owned());
    }
    features
}

/// The features that need a type.
pub fn needing(api: &Api, needed_by: &NeededBy) -> Vec<String> {
    let mut features: Vec<String> =
        needed_by.groups.iter().map(|&group| group_feature(&api.groups[group].module)).collect();
    if needed_by.unreferenced {
        features.push(UNREFERENCED.to_owned());
    }
    features
}

/// `#[cfg(...)]` compiling an item when any of `features` is on; nothing when they are all
/// the `feature_count` features there are.
pub fn cfg(features: &[String], feature_count: usize) -> TokenStream {
    if features.is_empty() || features.len() == feature_count {
        return TokenStream::new();
    }
    match features {
        [only] => quote!(#[cfg(feature = #only)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}
