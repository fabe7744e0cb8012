//! `Cargo.toml` of the generated crate: dependencies it needs, and one feature per group.

use super::cargo_toml::{Manifest, sibling, strings};
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
    let mut out = Manifest::new(header, &options.crate_name, &options.crate_version, &description, &options.license);
    if let Some(repository) = &options.repository {
        out.set(&["package"], "repository", repository.as_str(), None);
    }
    out.set(&["package"], "readme", super::readme::PATH, None);
    out.set(&["package"], "keywords", strings(&options.keywords), None);
    out.set(&["package"], "categories", strings(&options.categories), None);
    docs_rs_and_lints(&mut out);

    out.feature("default", &["full".to_owned()], None);
    let all = api.features();
    out.feature("full", &all, Some("Everything the document describes."));
    // A feature also turns on the models crates' features of the same name. Each crate's
    // features are found once: asking for each feature would be features × crates × types.
    let crate_features: Vec<std::collections::HashSet<String>> = match split {
        None => Vec::new(),
        Some(split) => (0..split.count).map(|index| split.features_of(api, index).into_iter().collect()).collect(),
    };
    let forwarded = |feature: &str| -> Vec<String> {
        let mut enables = Vec::new();
        // With products, a group's feature also compiles its product's crate.
        if let Some(products) = &api.products
            && let Some(index) = products.of_feature(api, feature)
        {
            let package = products.package(options, index);
            enables.push(format!("dep:{package}"));
            enables.push(format!("{package}/{feature}"));
        }
        for (index, features) in crate_features.iter().enumerate() {
            if features.contains(feature) {
                let split = split.expect("crate features come from the split");
                enables.push(format!("{}/{feature}", split.package(options, index)));
            }
        }
        enables
    };
    for group in api.used_groups() {
        let comment = format!("Operations tagged `{}`.", group.tag);
        out.feature(group.feature(), &forwarded(group.feature()), Some(&comment));
    }
    if api.has_unreferenced {
        let comment = "Schemas of the document that no operation uses.";
        out.feature(features::UNREFERENCED, &forwarded(features::UNREFERENCED), Some(comment));
    }
    let copied = options.runtime == RuntimeSource::Copied;
    // A copied runtime's webhook verification is behind the feature whether or not the
    // document has webhooks: its sources name the feature.
    if api.webhooks.is_some() || copied {
        let mut enables = forwarded(features::WEBHOOKS);
        if copied {
            enables.extend(RUNTIME_WEBHOOKS_FEATURE.iter().map(|feature| (*feature).to_owned()));
        } else {
            enables.push(format!("{RUNTIME_PACKAGE}/webhooks"));
        }
        let comment = if api.webhooks.is_some() {
            "The webhooks the API sends: their events, and a receiver that verifies them."
        } else {
            "Verifying webhook deliveries (the document declares no webhooks)."
        };
        out.feature(features::WEBHOOKS, &enables, Some(comment));
    }
    let mut mock: Vec<String> = if copied {
        RUNTIME_MOCK_FEATURE.iter().map(|feature| (*feature).to_owned()).collect()
    } else {
        vec![format!("{RUNTIME_PACKAGE}/mock")]
    };
    // With products, the doubles of each product compiled.
    if let Some(products) = &api.products {
        mock.extend((0..products.count()).map(|index| format!("{}?/mock", products.package(options, index))));
    }
    out.feature(
        super::mock::FEATURE,
        &mock,
        Some("Test doubles: an in-process mock of the API for the tests of code that uses this crate."),
    );

    // A copied runtime brings the runtime crate's own dependencies along.
    if copied {
        BASE64.add_to(&mut out);
    }
    BYTES.add_to(&mut out);
    if needs.chrono {
        CHRONO.add_to(&mut out);
    }
    dependencies::add_runtime_dependency(&mut out, &options.runtime, "");
    if let Some(split) = split {
        for index in 0..split.count {
            out.dependency("dependencies", &split.package(options, index), split.dependency(options, index, ""));
        }
    }
    if let Some(products) = &api.products {
        for index in 0..products.count() {
            let value = sibling(&options.crate_version, &products.folder(index), true);
            out.dependency("dependencies", &products.package(options, index), value);
        }
    }
    if copied {
        for dependency in
            [FASTRAND, FORM_URLENCODED, FUTURES_CORE, GOVERNOR, HTTPDATE, PERCENT_ENCODING, PIN_PROJECT_LITE]
        {
            dependency.add_to(&mut out);
        }
    }
    // A copied runtime builds multipart bodies and streams uploads; the runtime crate asks
    // for those features itself.
    if copied { REQWEST_FOR_RUNTIME } else { REQWEST }.add_to(&mut out);
    SERDE_DERIVE.add_to(&mut out);
    SERDE_JSON.add_to(&mut out);
    if copied {
        for dependency in [SERDE_PATH_TO_ERROR, STACKFUTURE, TOKIO, TRACING, AWS_LC_RS, RUSTLS_PKI_TYPES] {
            dependency.add_to(&mut out);
        }
    }
    if needs.uuid {
        UUID.add_to(&mut out);
    }
    if copied {
        REGEX.add_to(&mut out);
        WIREMOCK.add_to(&mut out);
    }
    if options.exercise {
        // The exercise program calls operations of every group.
        out.dependency("dev-dependencies", TOKIO_FOR_PROGRAMS.name, TOKIO_FOR_PROGRAMS.value());
        let mut example = toml_edit::Table::new();
        example.insert("name", toml_edit::value("exercise"));
        example.insert("path", toml_edit::value(super::exercise::PATH));
        example.insert("required-features", toml_edit::value(strings(&["full"])));
        let mut examples = toml_edit::ArrayOfTables::new();
        examples.push(example);
        out.array_of_tables("example", examples);
    }
    out.finish()
}

/// docs.rs documents every feature, and marks what each item needs (`doc(cfg)`, which the
/// crate root turns on under `docsrs`); `cfg(docsrs)` is a cfg the compiler expects.
pub fn docs_rs_and_lints(out: &mut Manifest) {
    out.set(&["package", "metadata", "docs", "rs"], "all-features", true, None);
    out.set(&["package", "metadata", "docs", "rs"], "rustdoc-args", strings(&["--cfg", "docsrs"]), None);
    let mut unexpected = toml_edit::InlineTable::new();
    unexpected.insert("level", "warn".into());
    unexpected.insert("check-cfg", toml_edit::Value::Array(strings(&["cfg(docsrs)"])));
    out.set(&["lints", "rust"], "unexpected_cfgs", unexpected, None);
}
