//! `#[cfg]` attributes that compile an item exactly when a cargo feature needs it. Which
//! features there are, and which need what, the model says (`Api::features`, `Api::needing`).

use proc_macro2::TokenStream;
use quote::quote;

pub use crate::ir::{UNREFERENCED, WEBHOOKS};

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

/// `#[cfg(...)]` compiling a module of types when any of `features` is on. Unlike `cfg`, it is
/// spelled out even when they are all the features there are, unless one of the module's
/// types is compiled whatever the features (`always`): with no feature on, a module whose
/// types are all off would be re-exported empty, an `unused import` warning.
pub fn module_cfg(features: &[String], feature_count: usize, always: bool) -> TokenStream {
    match features {
        _ if always => TokenStream::new(),
        [] => TokenStream::new(),
        [only] => quote!(#[cfg(feature = #only)]),
        _ if features.len() < feature_count => cfg(features, feature_count),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}
