//! `Cargo.toml` of the generated crate: dependencies it needs, and one feature per group.

use std::fmt::Write as _;

use super::dependencies::{self, *};
use super::features;
use crate::ir::{Api, ModelCrates};
use crate::options::{Options, RUNTIME_PACKAGE, RuntimeSource};

/// `split`: the models crates the crate depends on, whose features its own turn on.
pub fn manifest(api: &Api, options: &Options, header: &str, split: Option<&ModelCrates>) -> String {
    let needs = dependencies::needs(api);
    let description = options
        .description
        .clone()
        .unwrap_or_else(|| format!("Client for the {}, generated from its OpenAPI document.", api.title));
    let mut out = package_section(header, &options.crate_name, &options.crate_version, &description, &options.license);
    if let Some(repository) = &options.repository {
        let _ = writeln!(out, "repository = {}", toml_string(repository));
    }
    let _ = writeln!(out, "readme = {}", toml_string(super::readme::PATH));
    let list = |items: &[String]| items.iter().map(|item| toml_string(item)).collect::<Vec<_>>().join(", ");
    let _ = writeln!(out, "keywords = [{}]", list(&options.keywords));
    let _ = writeln!(out, "categories = [{}]", list(&options.categories));
    // docs.rs documents every feature, and marks what each item needs (`doc(cfg)`, which
    // the crate root turns on under `docsrs`).
    out.push_str("\n[package.metadata.docs.rs]\nall-features = true\nrustdoc-args = [\"--cfg\", \"docsrs\"]\n");
    out.push_str("\n[lints.rust]\nunexpected_cfgs = { level = \"warn\", check-cfg = [\"cfg(docsrs)\"] }\n");

    out.push_str("\n[features]\ndefault = [\"full\"]\n");
    let all = api.features();
    let _ = writeln!(
        out,
        "# Everything the document describes.\nfull = [{}]",
        all.iter().map(|feature| toml_string(feature)).collect::<Vec<_>>().join(", ")
    );
    // A feature also turns on the models crates' features of the same name. Each crate's
    // features are found once: asking for each feature would be features × crates × types.
    let crate_features: Vec<std::collections::HashSet<String>> = match split {
        None => Vec::new(),
        Some(split) => (0..split.count).map(|index| split.features_of(api, index).into_iter().collect()).collect(),
    };
    let forwarded = |feature: &str| {
        (crate_features.iter().enumerate())
            .filter(|(_, features)| features.contains(feature))
            .map(|(index, _)| toml_string(&format!("{}/{feature}", split.expect("split").package(options, index))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // With products, a group's feature also compiles its product's crate.
    let product = |feature: &str| match api
        .products
        .as_ref()
        .and_then(|products| Some((products, products.of_feature(api, feature)?)))
    {
        Some((products, index)) => {
            let package = products.package(options, index);
            format!("{}, {}, ", toml_string(&format!("dep:{package}")), toml_string(&format!("{package}/{feature}")))
        }
        None => String::new(),
    };
    for group in api.used_groups() {
        let _ = writeln!(
            out,
            "# Operations tagged `{}`.\n{} = [{}{}]",
            group.tag.replace(['\n', '\r'], " "),
            group.feature(),
            product(group.feature()),
            forwarded(group.feature())
        );
    }
    if api.has_unreferenced {
        let _ = writeln!(
            out,
            "# Schemas of the document that no operation uses.\n{} = [{}]",
            features::UNREFERENCED,
            forwarded(features::UNREFERENCED)
        );
    }
    let copied = options.runtime == RuntimeSource::Copied;
    // With products, the doubles of each product compiled.
    let product_mocks: String = match &api.products {
        Some(products) => (0..products.count())
            .map(|index| format!(", {}", toml_string(&format!("{}?/mock", products.package(options, index)))))
            .collect(),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "# Test doubles: an in-process mock of the API for the tests of code that uses this crate.\n{} = {}",
        super::mock::FEATURE,
        if copied {
            dependencies::RUNTIME_MOCK_FEATURE.to_owned()
        } else {
            format!("[\"{RUNTIME_PACKAGE}/mock\"{product_mocks}]")
        }
    );
    out.push_str("\n[dependencies]\n");
    // A copied runtime brings the runtime crate's own dependencies along.
    if copied {
        out.push_str(&dependencies::BASE64.line());
    }
    out.push_str(&dependencies::BYTES.line());
    if needs.chrono {
        out.push_str(&dependencies::CHRONO.line());
    }
    if let Some(runtime) = dependencies::runtime_dependency(&options.runtime, "") {
        out.push_str(&runtime);
    }
    if let Some(split) = split {
        out.push_str(&super::model_crates::dependencies(options, split));
    }
    if let Some(products) = &api.products {
        out.push_str(&super::products::dependencies(options, products));
    }
    // A copied runtime brings the runtime crate's own dependencies along.
    if copied {
        for dependency in [FASTRAND, FORM_URLENCODED, FUTURES_CORE, HTTPDATE, PERCENT_ENCODING] {
            out.push_str(&dependency.line());
        }
    }
    // A copied runtime builds multipart bodies and streams uploads; the runtime crate asks
    // for those features itself.
    out.push_str(&if copied { REQWEST_FOR_RUNTIME } else { REQWEST }.line());
    out.push_str(&SERDE_DERIVE.line());
    out.push_str(&SERDE_JSON.line());
    if copied {
        for dependency in [SERDE_PATH_TO_ERROR, TOKIO, TRACING] {
            out.push_str(&dependency.line());
        }
    }
    if needs.uuid {
        out.push_str(&UUID.line());
    }
    if copied {
        out.push_str(&REGEX.line());
        out.push_str(&WIREMOCK.line());
    }
    if options.exercise {
        // The exercise program calls operations of every group.
        out.push_str("\n[dev-dependencies]\n");
        out.push_str(&TOKIO_FOR_PROGRAMS.line());
        let _ = writeln!(
            out,
            "\n[[example]]\nname = \"exercise\"\npath = {}\nrequired-features = [\"full\"]",
            toml_string(super::exercise::PATH)
        );
    }
    out
}
