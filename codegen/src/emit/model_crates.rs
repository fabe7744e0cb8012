//! The models in crates of their own, for a document too large to compile as one crate.
//!
//! rustc holds a whole crate at once: GitHub's document, 7,300 types, peaks at 7.6 GiB when
//! checked as one crate, more than a CI runner has. Past `Options::split_models` types, the
//! types move into `models-{k}/` crates of about that many types each, which the crate
//! depends on and re-exports as `models`, so that a user still names one crate and
//! `crate::models::X` still holds. A type's crate comes after the crates of every type it
//! holds: types are taken in the order of the strongly connected components of the "mentions"
//! graph, dependencies first (Tarjan's order), and a component is never cut. Each models
//! crate has the features that compile its types, which the crate's own features turn on.

use proc_macro2::TokenStream;
use quote::quote;

use super::Source;
use super::cargo_toml::Manifest;
use super::dependencies::Needs;
use super::models::{module_declarations, type_files};
use super::types::ident;
use crate::ir::{Api, ModelCrates, TypeDef};
use crate::options::Options;

impl ModelCrates {
    /// The folder (and package suffix) of models crate `index`: `models-0`, `models-shared`.
    pub fn folder(&self, index: usize) -> String {
        format!("models-{}", self.names[index])
    }

    /// The package name of models crate `index`.
    pub fn package(&self, options: &Options, index: usize) -> String {
        format!("{}-{}", options.crate_name, self.folder(index))
    }

    /// The dependency on models crate `index`, from a folder `prefix` below the crate's:
    /// by version and path, so that the crates publish together.
    pub fn dependency(&self, options: &Options, index: usize, prefix: &str) -> toml_edit::Value {
        super::cargo_toml::sibling(&options.crate_version, &format!("{prefix}{}", self.folder(index)), false)
    }

    /// The library name (`use ::{name}`) of models crate `index`.
    pub fn library(&self, options: &Options, index: usize) -> String {
        self.package(options, index).replace('-', "_")
    }

    /// The features whose types models crate `index` compiles.
    pub fn features_of(&self, api: &Api, index: usize) -> Vec<String> {
        let mut needed = std::collections::BTreeSet::new();
        for (definition, _) in api.types.iter().zip(&self.crate_of).filter(|(_, crate_index)| **crate_index == index) {
            needed.extend(api.needing(&definition.needed_by));
        }
        api.features().into_iter().filter(|feature| needed.contains(feature)).collect()
    }

    pub fn types_of<'a>(&self, api: &'a Api, index: usize) -> Vec<&'a TypeDef> {
        api.types.iter().zip(&self.crate_of).filter(|(_, crate_index)| **crate_index == index).map(|(d, _)| d).collect()
    }
}

/// Every file of the models crates: their manifests, roots and type files.
pub fn files<'a>(
    api: &'a Api,
    options: &'a Options,
    split: &'a ModelCrates,
    header: &str,
) -> (Vec<Source<'a>>, Vec<super::GeneratedFile>) {
    let feature_count = api.features().len();
    let mut sources = Vec::new();
    let mut manifests = Vec::new();
    for index in 0..split.count {
        let folder = split.folder(index);
        let definitions = split.types_of(api, index);
        manifests.push(super::GeneratedFile {
            path: format!("{folder}/Cargo.toml"),
            contents: manifest(api, options, split, index, &definitions, header),
        });
        let (files, declarations) = type_files(api, definitions, &format!("{folder}/src"));
        sources.extend(files);
        let earlier: Vec<String> =
            split.depends_on[index].iter().map(|&earlier| split.library(options, earlier)).collect();
        sources.push(Source::new(format!("{folder}/src/lib.rs"), 1, move || {
            let doc = format!(
                " Types of the {} API ({}, crate {} of {} of types): the crate `{}` re-exports them all as its `models`.",
                api.title.replace('`', "'"),
                split.names[index],
                index + 1,
                split.count,
                options.crate_name
            );
            let declarations = module_declarations(&declarations, feature_count);
            let earlier = earlier.iter().map(|library| {
                let library = ident(library);
                quote!(#[allow(unused_imports)] pub(crate) use ::#library::*;)
            });
            quote! {
                #![doc = #doc]
                #![warn(missing_docs)]
                #![allow(clippy::too_many_arguments)]
                #![allow(clippy::large_enum_variant)]

                /// The runtime the types' serde impls and values come from.
                #[allow(unused_imports)]
                use ::openapi_client_runtime as runtime;
                #[allow(unused_imports)]
                use runtime::{Nullable, Uri};

                #declarations

                /// Every model type, this crate's and those of the crates it depends on, for the
                /// files of this crate to name each other bare (`use crate::models::*`).
                mod models {
                    #[allow(unused_imports)]
                    pub(crate) use crate::*;
                    #(#earlier)*
                }
            }
        }));
    }
    (sources, manifests)
}

/// `src/models/mod.rs` of the crate: every models crate re-exported, when a feature that
/// compiles some of its types is on (a glob of nothing is an `unused import`).
pub fn models_module(api: &Api, options: &Options, split: &ModelCrates) -> TokenStream {
    let feature_count = api.features().len();
    let crates = (0..split.count).map(|index| {
        let library = ident(&split.library(options, index));
        let always = split
            .types_of(api, index)
            .iter()
            .any(|definition| api.needing(&definition.needed_by).len() == feature_count);
        let cfg = super::features::module_cfg(&split.features_of(api, index), feature_count, always);
        quote!(#cfg pub use ::#library::*;)
    });
    let doc = format!(
        " The data types of requests and responses, all re-exported here from the crates `{}` to `{}`, which define them so that no one crate is too large to compile.",
        split.package(options, 0),
        split.package(options, split.count - 1)
    );
    quote! {
        #![doc = #doc]
        #(#crates)*
    }
}

/// `Cargo.toml` of models crate `index`.
fn manifest(
    api: &Api,
    options: &Options,
    split: &ModelCrates,
    index: usize,
    definitions: &[&TypeDef],
    header: &str,
) -> String {
    let what = format!("Types of the {} API ({})", api.title.replace('\n', " "), split.names[index]);
    let mut out = Manifest::beside(header, options, &split.package(options, index), &what);
    for feature in split.features_of(api, index) {
        out.feature(&feature, &[], None);
    }
    let mut needs = Needs::default();
    for definition in definitions {
        super::dependencies::add_type_needs(&mut needs, definition);
    }
    if needs.chrono {
        super::dependencies::CHRONO.add_to(&mut out);
    }
    // The crate's own runtime (`emit` made a copied one a crate beside it), one folder up.
    super::dependencies::add_runtime_dependency(&mut out, &options.runtime, "../");
    for &earlier in &split.depends_on[index] {
        out.dependency("dependencies", &split.package(options, earlier), split.dependency(options, earlier, "../"));
    }
    super::dependencies::SERDE_DERIVE.add_to(&mut out);
    super::dependencies::SERDE_JSON.add_to(&mut out);
    if needs.uuid {
        super::dependencies::UUID.add_to(&mut out);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::dependencies::add_runtime_dependency;
    use crate::options::RuntimeSource;

    #[test]
    fn dependencies_name_a_version_and_move_relative_paths_one_level_down() {
        let at = |path: &str| RuntimeSource::Crate { version: "0.1.0".into(), path: Some(path.into()), package: None };
        let runtime = |source: &RuntimeSource| {
            let mut manifest = Manifest::new("h", "m", "1.0.0", "d", "MIT");
            add_runtime_dependency(&mut manifest, source, "../");
            let text = manifest.finish();
            text.lines().find(|line| line.starts_with("openapi-client-runtime")).unwrap_or_default().to_owned()
        };
        assert_eq!(
            runtime(&at("../runtime")),
            "openapi-client-runtime = { version = \"0.1.0\", path = \"../../runtime\" }"
        );
        assert_eq!(
            runtime(&at("/abs/runtime")),
            "openapi-client-runtime = { version = \"0.1.0\", path = \"/abs/runtime\" }"
        );
        assert_eq!(runtime(&RuntimeSource::published()), "openapi-client-runtime = { version = \"0.1.0\" }");
        let options = Options { crate_name: "shop".into(), crate_version: "2.0.1".into(), ..Options::default() };
        let split = ModelCrates {
            crate_of: Vec::new(),
            count: 2,
            names: vec!["shared".into(), "orders".into()],
            depends_on: vec![vec![], vec![0]],
        };
        assert_eq!(split.package(&options, 1), "shop-models-orders");
        assert_eq!(
            split.dependency(&options, 1, "../").to_string(),
            "{ version = \"2.0.1\", path = \"../models-orders\" }"
        );
    }
}
