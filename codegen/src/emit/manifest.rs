//! `Cargo.toml` of the generated crate: dependencies it needs, and one feature per group.

use std::fmt::Write as _;

use super::features;
use super::model_crates::Split;
use super::types::Needs;
use crate::ir::{Api, BodyKind, Payload, TypeKind};
use crate::options::{Options, RuntimeSource};

/// `split`: the models crates the crate depends on, whose features its own turn on.
pub fn manifest(api: &Api, options: &Options, header: &str, split: Option<&Split>) -> String {
    let needs = needs(api);
    let description = options
        .description
        .clone()
        .unwrap_or_else(|| format!("Client for the {}, generated from its OpenAPI document.", api.title));
    let mut out = String::new();
    let _ = writeln!(out, "# {header}\n");
    out.push_str("[package]\n");
    let _ = writeln!(out, "name = {}", toml_string(&options.crate_name));
    let _ = writeln!(out, "version = {}", toml_string(&options.crate_version));
    out.push_str("edition = \"2024\"\nrust-version = \"1.85\"\n");
    let _ = writeln!(out, "description = {}", toml_string(&description));
    let _ = writeln!(out, "license = {}", toml_string(&options.license));

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
            .map(|(index, _)| toml_string(&format!("{}/{feature}", Split::package(options, index))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for group in api.used_groups() {
        let _ = writeln!(
            out,
            "# Operations tagged `{}`.\n{} = [{}]",
            group.tag.replace(['\n', '\r'], " "),
            group.feature(),
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
    let _ = writeln!(
        out,
        "# Test doubles: an in-process mock of the API for the tests of code that uses this crate.\n{} = [{}]",
        super::mock::FEATURE,
        if copied { "\"dep:wiremock\", \"dep:regex\"" } else { "\"codegen-runtime/mock\"" }
    );
    out.push_str("\n[dependencies]\n");
    // A copied runtime brings the runtime crate's own dependencies along.
    if copied {
        out.push_str("base64 = \"0.22\"\n");
    }
    out.push_str("bytes = \"1\"\n");
    if needs.chrono {
        out.push_str("chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }\n");
    }
    if let RuntimeSource::Crate { dependency } = &options.runtime {
        let _ = writeln!(out, "codegen-runtime = {dependency}");
    }
    if let Some(split) = split {
        out.push_str(&super::model_crates::dependencies(options, split));
    }
    // A copied runtime brings the runtime crate's own dependencies along.
    if copied {
        out.push_str("fastrand = \"2\"\n");
        out.push_str("form_urlencoded = \"1\"\n");
        out.push_str("futures-core = \"0.3\"\n");
        out.push_str("httpdate = \"1\"\n");
        out.push_str("percent-encoding = \"2\"\n");
    }
    // A copied runtime builds multipart bodies and streams uploads; the runtime crate asks
    // for those features itself.
    if copied {
        out.push_str("reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\", \"http2\", \"multipart\", \"stream\"] }\n");
    } else {
        out.push_str(
            "reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\", \"http2\"] }\n",
        );
    }
    out.push_str("serde = { version = \"1\", features = [\"derive\"] }\n");
    out.push_str("serde_json = \"1\"\n");
    if copied {
        out.push_str("serde_path_to_error = \"0.1\"\n");
        out.push_str("tokio = { version = \"1\", features = [\"rt\", \"time\"] }\n");
        out.push_str("tracing = { version = \"0.1\", default-features = false, features = [\"std\"] }\n");
    }
    if needs.uuid {
        out.push_str("uuid = { version = \"1\", features = [\"serde\"] }\n");
    }
    if copied {
        out.push_str("regex = { version = \"1\", optional = true }\n");
        out.push_str("wiremock = { version = \"0.6\", optional = true }\n");
    }
    if options.exercise {
        // The exercise program calls operations of every group.
        out.push_str("\n[dev-dependencies]\n");
        out.push_str("tokio = { version = \"1\", features = [\"rt\", \"macros\"] }\n");
        let _ = writeln!(
            out,
            "\n[[example]]\nname = \"exercise\"\npath = {}\nrequired-features = [\"full\"]",
            toml_string(super::exercise::PATH)
        );
    }
    out
}

/// Which optional dependencies the crate's types need.
pub fn needs(api: &Api) -> Needs {
    let mut needs = Needs::default();
    for definition in &api.types {
        add_type_needs(&mut needs, definition);
    }
    for operation in &api.operations {
        operation.params.iter().for_each(|param| needs.add(&param.ty));
        for content in operation.body.iter().flat_map(|body| &body.contents) {
            match &content.kind {
                BodyKind::Binary => needs.uploads = true,
                kind => kind.ty().into_iter().for_each(|ty| needs.add(ty)),
            }
        }
        let answers = operation.responses.iter().filter_map(|response| response.body.as_ref());
        for payload in answers.chain(operation.alternates.iter().map(|alternate| &alternate.payload)) {
            match payload {
                Payload::Json(ty) | Payload::JsonLines(ty) => needs.add(ty),
                Payload::Bytes => needs.bytes = true,
                Payload::Text => {}
            }
        }
    }
    needs
}

/// What one type's fields and variants need.
pub fn add_type_needs(needs: &mut Needs, definition: &crate::ir::TypeDef) {
    match &definition.kind {
        TypeKind::Struct(body) => {
            body.fields.iter().for_each(|field| needs.add(&field.ty));
            body.additional.iter().for_each(|ty| needs.add(ty));
        }
        TypeKind::Union(union) => union.variants.iter().for_each(|variant| needs.add(&variant.ty)),
        TypeKind::Newtype(inner) => needs.add(inner),
        TypeKind::Enum(_) => {}
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            ch if ch.is_control() => {
                let _ = write!(out, "\\u{:04X}", ch as u32);
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}
