//! A document split into products (`CrateGraph::Products`): each product's operations in a
//! crate of their own, `operations-{name}/`, above the models crates of its own types and
//! the shared ones, beside the other products, so that cargo checks products in parallel and
//! a change to one product's types rebuilds that product alone. The crate is the facade: it
//! re-exports each product's groups, gives its `Client` their accessors, and holds the
//! doubles' `MockApi`.

use proc_macro2::TokenStream;
use quote::quote;

use super::cargo_toml::Manifest;
use super::dependencies::{self, *};
use super::operations::{Placement, group_files};
use super::types::ident;
use super::{GeneratedFile, Source};
use crate::ir::{Api, ModelCrates, Products};
use crate::options::Options;

impl Products {
    /// The folder of product `index`'s crate: `operations-{name}`.
    pub fn folder(&self, index: usize) -> String {
        format!("operations-{}", self.names[index])
    }

    /// The package name of product `index`'s crate.
    pub fn package(&self, options: &Options, index: usize) -> String {
        format!("{}-{}", options.crate_name, self.folder(index))
    }

    /// The library name (`use ::{name}`) of product `index`'s crate.
    pub fn library(&self, options: &Options, index: usize) -> String {
        self.package(options, index).replace('-', "_")
    }

    /// The groups of product `index` that have operations, in the document's order.
    pub fn used_groups_of(&self, api: &Api, index: usize) -> Vec<usize> {
        let operations = api.operations_per_group();
        self.groups_of(index).filter(|&group| operations[group] > 0).collect()
    }

    /// The features of product `index`: its groups'.
    pub fn features_of(&self, api: &Api, index: usize) -> Vec<String> {
        self.used_groups_of(api, index).into_iter().map(|group| api.groups[group].feature().to_owned()).collect()
    }

    /// Which product's crate holds the group that has feature `feature`, if any.
    pub fn of_feature(&self, api: &Api, feature: &str) -> Option<usize> {
        let group = api.groups.iter().position(|group| group.feature() == feature)?;
        self.of_group[group]
    }
}

/// Every file of the products' crates: manifests, roots, group modules and doubles.
pub fn files<'a>(
    api: &'a Api,
    options: &'a Options,
    products: &'a Products,
    split: &'a ModelCrates,
    header: &str,
) -> (Vec<Source<'a>>, Vec<GeneratedFile>) {
    let mut sources = Vec::new();
    let mut manifests = Vec::new();
    let needs = dependencies::needs(api);
    for index in 0..products.count() {
        let folder = products.folder(index);
        let groups = products.used_groups_of(api, index);
        manifests.push(GeneratedFile {
            path: format!("{folder}/Cargo.toml"),
            contents: manifest(api, options, products, split, index, needs, header),
        });
        sources.extend(group_files(api, &groups, &format!("{folder}/src"), Placement::Product));
        sources.push(super::mock::product_file(api, groups, &format!("{folder}/src")));
        sources
            .push(Source::new(format!("{folder}/src/lib.rs"), 1, move || lib_rs(api, options, products, split, index)));
    }
    (sources, manifests)
}

/// `src/lib.rs` of product `index`'s crate: the names its group modules use from `crate::`
/// (the runtime's items, `Client` as the runtime's `Caller`, the security schemes, every
/// model type it names), then the modules.
fn lib_rs(api: &Api, options: &Options, products: &Products, split: &ModelCrates, index: usize) -> TokenStream {
    let tags: Vec<String> =
        products.used_groups_of(api, index).iter().map(|&group| format!("`{}`", api.groups[group].tag)).collect();
    let doc = format!(
        " Operations of {} tagged {}: the crate `{}` re-exports them and gives its `Client` their accessors; depend on that one.",
        api.title.replace('`', "'"),
        tags.join(", "),
        options.crate_name
    );
    let models = products.model_crates[index].iter().map(|&crate_index| {
        let library = ident(&split.library(options, crate_index));
        quote!(#[allow(unused_imports)] pub(crate) use ::#library::*;)
    });
    let modules = products.used_groups_of(api, index).into_iter().map(|group| {
        let group = &api.groups[group];
        let module = ident(&group.module);
        let feature = group.feature();
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    let security = super::crate_root::security_module(api);
    quote! {
        #![doc = #doc]
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #![warn(missing_docs)]
        #![allow(clippy::too_many_arguments)]
        #![allow(clippy::large_enum_variant)]

        #[allow(unused_imports)]
        use ::openapi_client_runtime as runtime;
        #[allow(unused_imports)]
        use runtime::{BodyFuture, Error, Items, Nullable, Operation, Pages, RequestOptions, Response, ResponseFuture, Uri};

        /// What the request builders hold: the client's connections and settings, without the
        /// API's type, which the crate above defines.
        type Client = runtime::Caller;

        /// Every model type the operations name: this product's own and the shared ones.
        mod models {
            #(#models)*
        }

        #security

        #(#modules)*

        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock;
    }
}

/// `Cargo.toml` of product `index`'s crate: a feature per group, turning on the features of
/// the models crates it reads of the same name, and `mock`.
fn manifest(
    api: &Api,
    options: &Options,
    products: &Products,
    split: &ModelCrates,
    index: usize,
    needs: Needs,
    header: &str,
) -> String {
    let what = format!("Operations of {} ({})", api.title.replace('\n', " "), products.names[index]);
    let mut out = Manifest::beside(header, options, &products.package(options, index), &what);
    super::manifest::docs_rs_and_lints(&mut out);
    let crate_features: Vec<(usize, Vec<String>)> = products.model_crates[index]
        .iter()
        .map(|&crate_index| (crate_index, split.features_of(api, crate_index)))
        .collect();
    for feature in products.features_of(api, index) {
        let forwarded: Vec<String> = crate_features
            .iter()
            .filter(|(_, features)| features.contains(&feature))
            .map(|(crate_index, _)| format!("{}/{feature}", split.package(options, *crate_index)))
            .collect();
        out.feature(&feature, &forwarded, None);
    }
    out.feature(super::mock::FEATURE, &[format!("{}/mock", crate::options::RUNTIME_PACKAGE)], None);
    BYTES.add_to(&mut out);
    if needs.chrono {
        CHRONO.add_to(&mut out);
    }
    add_runtime_dependency(&mut out, &options.runtime, "../");
    for &crate_index in &products.model_crates[index] {
        let value = split.dependency(options, crate_index, "../");
        out.dependency("dependencies", &split.package(options, crate_index), value);
    }
    REQWEST.add_to(&mut out);
    SERDE_DERIVE.add_to(&mut out);
    SERDE_JSON.add_to(&mut out);
    if needs.uuid {
        UUID.add_to(&mut out);
    }
    out.finish()
}

/// For the crate's root: each product's groups re-exported as modules of the crate, and the
/// `Client`'s accessor for each.
pub fn reexports(api: &Api, options: &Options, products: &Products) -> TokenStream {
    let items = api.groups.iter().enumerate().filter_map(|(group_index, group)| {
        let product = products.of_group[group_index]?;
        if !api.operations.iter().any(|operation| operation.group == group_index) {
            return None;
        }
        let library = ident(&products.library(options, product));
        let module = ident(&group.module);
        let feature = group.feature();
        let accessor = super::operations::accessor(group);
        Some(quote! {
            #[cfg(feature = #feature)]
            pub use ::#library::#module;
            #accessor
        })
    });
    quote!(#(#items)*)
}

/// The products' libraries, for the crate's `mock` module to re-export their doubles, each
/// with the features of the groups whose operations give it public items (a parameters'
/// struct or a query trait): a glob of nothing would be an unused import.
pub fn mock_products(api: &Api, options: &Options, products: &Products) -> Vec<(String, Vec<String>)> {
    (0..products.count())
        .map(|index| {
            let features = products
                .used_groups_of(api, index)
                .into_iter()
                .filter(|&group| {
                    api.operations.iter().filter(|operation| operation.group == group).any(|operation| {
                        operation.mock.params.is_some()
                            || operation.params.iter().any(|param| param.location == crate::ir::ParamLocation::Query)
                    })
                })
                .map(|group| api.groups[group].feature().to_owned())
                .collect();
            (products.library(options, index), features)
        })
        .filter(|(_, features): &(String, Vec<String>)| !features.is_empty())
        .collect()
}
