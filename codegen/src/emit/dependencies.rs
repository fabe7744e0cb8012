//! The crates a generated crate depends on, with the versions and features it takes, and the
//! edition and Rust version it is written for: one table for every manifest the generator
//! writes (the crate's, its models crates', a copied runtime's).
//!
//! Which of the optional ones a crate needs (`Needs`) is read off its types here too.
//!
//! `runtime/Cargo.toml` is a file cargo reads, not generated; a test below checks that it
//! asks for the same versions as `RUNTIME`, so the runtime a crate depends on and the one it
//! copies cannot drift apart.

use super::cargo_toml::Manifest;
use crate::ir::{Api, BodyKind, Payload, TypeKind, TypeRef};
use crate::options::{RUNTIME_PACKAGE, RuntimeSource};

/// A dependency as the generated crates ask for it: a version, and what else they ask.
#[derive(Clone, Copy, Debug)]
pub struct Dependency {
    pub name: &'static str,
    pub version: &'static str,
    /// `default-features = false` when false.
    pub default_features: bool,
    pub features: &'static [&'static str],
    pub optional: bool,
}

impl Dependency {
    /// Its value in `[dependencies]`: the version alone (`"1"`) where nothing else is asked,
    /// else an inline table.
    pub fn value(&self) -> toml_edit::Value {
        if self.default_features && self.features.is_empty() && !self.optional {
            return toml_edit::Value::from(self.version);
        }
        let mut table = toml_edit::InlineTable::new();
        table.insert("version", self.version.into());
        if !self.default_features {
            table.insert("default-features", false.into());
        }
        if !self.features.is_empty() {
            table.insert("features", toml_edit::Value::Array(super::cargo_toml::strings(self.features)));
        }
        if self.optional {
            table.insert("optional", true.into());
        }
        toml_edit::Value::InlineTable(table)
    }

    /// Adds it to `[dependencies]`.
    pub fn add_to(self, manifest: &mut Manifest) {
        manifest.dependency("dependencies", self.name, self.value());
    }
}

const fn plain(name: &'static str, version: &'static str) -> Dependency {
    Dependency { name, version, default_features: true, features: &[], optional: false }
}

const fn with(name: &'static str, version: &'static str, features: &'static [&'static str]) -> Dependency {
    Dependency { name, version, default_features: true, features, optional: false }
}

const fn lean(name: &'static str, version: &'static str, features: &'static [&'static str]) -> Dependency {
    Dependency { name, version, default_features: false, features, optional: false }
}

const fn optional(name: &'static str, version: &'static str) -> Dependency {
    Dependency { name, version, default_features: true, features: &[], optional: true }
}

pub const BASE64: Dependency = plain("base64", "0.22");
pub const BYTES: Dependency = plain("bytes", "1");
pub const CHRONO: Dependency = lean("chrono", "0.4", &["serde", "std"]);
pub const FASTRAND: Dependency = plain("fastrand", "2");
pub const FORM_URLENCODED: Dependency = plain("form_urlencoded", "1");
pub const FUTURES_CORE: Dependency = plain("futures-core", "0.3");
/// Pacing's limiters, without their own clock and timer (see `runtime/Cargo.toml`).
pub const GOVERNOR: Dependency = lean("governor", "0.10", &["no_std"]);
pub const HTTPDATE: Dependency = plain("httpdate", "1");
pub const PERCENT_ENCODING: Dependency = plain("percent-encoding", "2");
/// A call's future projected onto the call it holds (see `runtime/Cargo.toml`).
pub const PIN_PROJECT_LITE: Dependency = plain("pin-project-lite", "0.2");
/// reqwest as a crate that uses the runtime crate takes it: TLS and HTTP/2 (the runtime asks
/// for multipart and streams itself).
pub const REQWEST: Dependency = lean("reqwest", "0.13", &["rustls", "http2"]);
/// reqwest as the runtime needs it: multipart bodies and uploads read from a stream too.
pub const REQWEST_FOR_RUNTIME: Dependency = lean("reqwest", "0.13", &["rustls", "http2", "multipart", "stream"]);
/// serde for models: their derives.
pub const SERDE_DERIVE: Dependency = with("serde", "1", &["derive"]);
pub const SERDE: Dependency = plain("serde", "1");
pub const SERDE_JSON: Dependency = plain("serde_json", "1");
pub const SERDE_PATH_TO_ERROR: Dependency = plain("serde_path_to_error", "0.1");
/// The room a call's future keeps for the call's state (see `runtime/Cargo.toml`); its default
/// `alloc` feature boxes a state that outgrows it.
pub const STACKFUTURE: Dependency = plain("stackfuture", "0.3");
pub const TOKIO: Dependency = with("tokio", "1", &["rt", "sync", "time"]);
/// tokio for the exercise program's `main`.
pub const TOKIO_FOR_PROGRAMS: Dependency = with("tokio", "1", &["rt", "macros"]);
pub const TRACING: Dependency = lean("tracing", "0.1", &["std"]);
pub const UUID: Dependency = with("uuid", "1", &["serde"]);
/// The test doubles' pattern checks (`mock` only).
pub const REGEX: Dependency = optional("regex", "1");
/// The test doubles' server (`mock` only).
pub const WIREMOCK: Dependency = optional("wiremock", "0.6");
/// Webhook signatures (`webhooks` only): the cryptography rustls already builds.
pub const AWS_LC_RS: Dependency =
    Dependency { name: "aws-lc-rs", version: "1", default_features: false, features: &["aws-lc-sys"], optional: true };
/// A published webhook key's PEM (`webhooks` only).
pub const RUSTLS_PKI_TYPES: Dependency = optional("rustls-pki-types", "1");

/// The runtime crate's dependencies, in `runtime/Cargo.toml`'s order: a copied runtime's
/// manifest lists them.
pub const RUNTIME: &[Dependency] = &[
    BASE64,
    BYTES,
    FASTRAND,
    FORM_URLENCODED,
    FUTURES_CORE,
    GOVERNOR,
    HTTPDATE,
    PERCENT_ENCODING,
    PIN_PROJECT_LITE,
    REQWEST_FOR_RUNTIME,
    SERDE,
    SERDE_JSON,
    SERDE_PATH_TO_ERROR,
    STACKFUTURE,
    TOKIO,
    TRACING,
    REGEX,
    WIREMOCK,
    AWS_LC_RS,
    RUSTLS_PKI_TYPES,
];

/// Adds the dependency on the runtime crate to a manifest in a folder `prefix` below the
/// crate's (`""` for the crate, `"../"` for its models and products' crates): a relative
/// `path` gains the prefix. Nothing for a runtime copied in as a module.
pub fn add_runtime_dependency(manifest: &mut Manifest, source: &RuntimeSource, prefix: &str) {
    let RuntimeSource::Crate { version, path, package } = source else { return };
    let mut table = toml_edit::InlineTable::new();
    table.insert("version", version.as_str().into());
    if let Some(path) = path {
        let path = if path.starts_with('/') { path.clone() } else { format!("{prefix}{path}") };
        table.insert("path", path.into());
    }
    if let Some(package) = package {
        table.insert("package", package.as_str().into());
    }
    manifest.dependency("dependencies", RUNTIME_PACKAGE, toml_edit::Value::InlineTable(table));
}

/// The foreign types the runtime's public API takes, returns or implements, by path: what a
/// user of any crate that depends on it (or copies it) meets. A test reads the runtime's
/// sources for others.
pub const RUNTIME_EXTERNAL_TYPES: &[&str] = &[
    "bytes::Bytes",
    "futures_core::Stream",
    "futures_core::stream::TryStream",
    "reqwest::Client",
    "reqwest::Error",
    "reqwest::Method",
    "reqwest::Response",
    "reqwest::StatusCode",
    "reqwest::Url",
    "reqwest::header::HeaderMap",
    "reqwest::header::HeaderName",
    "reqwest::header::HeaderValue",
    "serde::Deserialize",
    "serde::Deserializer",
    "serde::Serialize",
    "serde::Serializer",
    "serde::de::DeserializeOwned",
    "serde::de::Deserializer",
    "serde::de::Error",
    "serde::de::MapAccess",
    "serde::de::SeqAccess",
    "serde::de::Visitor",
    "serde_json::Error",
    "serde_json::Value",
];

/// The crates whose types a public API can expose, by the name paths start with, with the
/// dependency that gives their version.
pub const PUBLIC_DEPENDENCIES: &[(&str, Dependency)] = &[
    ("bytes", BYTES),
    ("chrono", CHRONO),
    ("futures_core", FUTURES_CORE),
    ("reqwest", REQWEST),
    ("serde", SERDE),
    ("serde_json", SERDE_JSON),
    ("uuid", UUID),
];

/// The crates the crate root re-exports whole, so that a user needs none of them in their
/// own manifest: reqwest and serde_json always, the others where the types need them
/// (`crate_root::dependency_reexports` writes what this says).
pub fn reexported_crates(needs: Needs) -> Vec<&'static str> {
    let mut crates = vec!["reqwest", "serde_json"];
    crates.extend(needs.chrono.then_some("chrono"));
    crates.extend(needs.uuid.then_some("uuid"));
    crates.extend((needs.uploads || needs.bytes).then_some("bytes"));
    crates
}

/// The features the runtime's `mock` turns on.
pub const RUNTIME_MOCK_FEATURE: &[&str] = &["dep:wiremock", "dep:regex"];

/// The features the runtime's `webhooks` turns on.
pub const RUNTIME_WEBHOOKS_FEATURE: &[&str] = &["dep:aws-lc-rs", "dep:rustls-pki-types"];

/// What the crate needs besides its fixed dependencies to spell a type.
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    pub uuid: bool,
    pub chrono: bool,
    /// An operation takes a binary body or a file part, as a `runtime::Upload` (made from
    /// `bytes::Bytes` among others).
    pub uploads: bool,
    /// An operation answers with bytes (`bytes::Bytes`).
    pub bytes: bool,
}

impl Needs {
    pub fn add(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Uuid => self.uuid = true,
            TypeRef::DateTime | TypeRef::Date => self.chrono = true,
            TypeRef::Upload => self.uploads = true,
            TypeRef::List(inner) | TypeRef::Map(inner) => self.add(inner),
            _ => {}
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::RUNTIME_VERSION;

    /// The version a dependency's value asks for: `"1"` or `{ version = "1", ... }`.
    fn version_of(item: &toml_edit::Item) -> Option<&str> {
        item.as_str().or_else(|| item.get("version").and_then(toml_edit::Item::as_str))
    }

    #[test]
    fn the_runtime_crate_asks_for_what_a_copied_runtime_asks_for() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let read = |path: &str| -> toml_edit::DocumentMut {
            let text = std::fs::read_to_string(root.join(path)).expect("the workspace's manifests");
            text.parse().expect("a manifest is TOML")
        };
        let runtime = read("runtime/Cargo.toml");
        let workspace = read("Cargo.toml");
        let declared = runtime["dependencies"].as_table_like().expect("[dependencies]");
        let names: Vec<&str> = declared.iter().map(|(name, _)| name).collect();
        let table: Vec<&str> = RUNTIME.iter().map(|dependency| dependency.name).collect();
        assert_eq!(names, table, "runtime/Cargo.toml's dependencies, in order");
        for ((name, value), dependency) in declared.iter().zip(RUNTIME) {
            let inherited = value.get("workspace").and_then(toml_edit::Item::as_bool) == Some(true);
            let version =
                if inherited { version_of(&workspace["workspace"]["dependencies"][name]) } else { version_of(value) };
            assert_eq!(version, Some(dependency.version), "the version of {name}");
            let optional = value.get("optional").and_then(toml_edit::Item::as_bool) == Some(true);
            assert_eq!(optional, dependency.optional, "{name}");
        }
        assert_eq!(runtime["package"]["name"].as_str(), Some(RUNTIME_PACKAGE));
        assert_eq!(runtime["package"]["version"].as_str(), Some(RUNTIME_VERSION));
        let mock: Vec<&str> = (runtime["features"]["mock"].as_array().expect("mock").iter())
            .filter_map(toml_edit::Value::as_str)
            .collect();
        assert_eq!(mock, RUNTIME_MOCK_FEATURE);
        let webhooks: Vec<&str> = (runtime["features"]["webhooks"].as_array().expect("webhooks").iter())
            .filter_map(toml_edit::Value::as_str)
            .collect();
        assert_eq!(webhooks, RUNTIME_WEBHOOKS_FEATURE);
    }

    /// Every foreign type a `pub` signature, field or trait impl of the runtime names (by path,
    /// or by a name a `use` brought in) is in `RUNTIME_EXTERNAL_TYPES`.
    #[test]
    fn the_runtime_exposes_no_foreign_type_the_list_lacks() {
        let crates: Vec<&str> = PUBLIC_DEPENDENCIES.iter().map(|(name, _)| *name).collect();
        let mut found = std::collections::BTreeSet::new();
        for (name, text) in crate::emit::RUNTIME_FILES {
            let text = crate::emit::runtime::without_tests(text);
            let imported = imports(text, &crates);
            let mut in_signature = false;
            for line in text.lines().map(str::trim) {
                let starts = ["pub fn ", "pub async fn ", "pub const fn ", "pub type ", "pub struct ", "pub enum "]
                    .iter()
                    .any(|start| line.starts_with(start))
                    || (line.starts_with("pub ") && line.contains(": ") && !line.contains('('))
                    || (line.starts_with("impl") && line.contains(" for "));
                in_signature |= starts;
                if !in_signature {
                    continue;
                }
                for path in paths(line, &crates) {
                    found.insert((path, *name));
                }
                for (bare, path) in &imported {
                    let named = line.match_indices(bare.as_str()).any(|(at, _)| {
                        let before = line[..at].chars().next_back();
                        let after = line[at + bare.len()..].chars().next();
                        !before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == ':')
                            && !after.is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
                    });
                    if named {
                        found.insert((path.clone(), *name));
                    }
                }
                if line.contains('{') || line.ends_with(';') {
                    in_signature = false;
                }
            }
        }
        let missing: Vec<String> = (found.iter())
            .filter(|(path, _)| !RUNTIME_EXTERNAL_TYPES.contains(&path.as_str()))
            .map(|(path, file)| format!("{path} (runtime/src/{file})"))
            .collect();
        assert!(missing.is_empty(), "add to RUNTIME_EXTERNAL_TYPES: {missing:?}");
    }

    /// The paths into `crates` a line names, to a type (a segment in capitals).
    fn paths(line: &str, crates: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for (at, _) in line.match_indices("::") {
            let start = line[..at].rfind(|ch: char| !(ch.is_alphanumeric() || ch == '_')).map_or(0, |i| i + 1);
            if !crates.contains(&&line[start..at]) || line[..start].ends_with("::") {
                continue;
            }
            let rest: String =
                line[start..].chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_' || *ch == ':').collect();
            let mut path = Vec::new();
            for segment in rest.split("::") {
                path.push(segment);
                if segment.starts_with(|ch: char| ch.is_ascii_uppercase()) {
                    out.push(path.join("::"));
                    break;
                }
            }
        }
        out
    }

    /// The names `use` lines bring in from `crates`, with their paths.
    fn imports(text: &str, crates: &[&str]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for line in text.lines().filter_map(|line| line.strip_prefix("use ")) {
            let line = line.trim_end_matches(';');
            let (base, names) = match line.split_once("::{") {
                Some((base, names)) => (base, names.trim_end_matches('}')),
                None => line.rsplit_once("::").unwrap_or((line, "")),
            };
            if !crates.iter().any(|name| base == *name || base.starts_with(&format!("{name}::"))) {
                continue;
            }
            for name in names.split(',').map(str::trim) {
                let name = name.split(" as ").next().unwrap_or(name);
                let last = name.rsplit("::").next().unwrap_or(name);
                if last.starts_with(|ch: char| ch.is_ascii_uppercase()) {
                    out.push((last.to_owned(), format!("{base}::{name}")));
                }
            }
        }
        out
    }
}
