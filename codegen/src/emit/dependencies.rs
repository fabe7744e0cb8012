//! The crates a generated crate depends on, with the versions and features it takes, and the
//! edition and Rust version it is written for: one table for every manifest the generator
//! writes (the crate's, its models crates', a copied runtime's).
//!
//! Which of the optional ones a crate needs (`Needs`) is read off its types here too.
//!
//! `runtime/Cargo.toml` is a file cargo reads, not generated; a test below checks that it
//! asks for the same versions as `RUNTIME`, so the runtime a crate depends on and the one it
//! copies cannot drift apart.

use crate::ir::{Api, BodyKind, Payload, TypeKind, TypeRef};
use crate::options::{RUNTIME_PACKAGE, RuntimeSource};

/// The edition and minimum Rust version of every generated crate.
pub const PACKAGE_EDITION: &str = "edition = \"2024\"\nrust-version = \"1.85\"\n";

/// A dependency as one line of `[dependencies]`: its name and its TOML value.
#[derive(Clone, Copy, Debug)]
pub struct Dependency {
    pub name: &'static str,
    pub value: &'static str,
}

impl Dependency {
    /// The `name = value` line, with its newline.
    pub fn line(self) -> String {
        format!("{} = {}\n", self.name, self.value)
    }
}

const fn dependency(name: &'static str, value: &'static str) -> Dependency {
    Dependency { name, value }
}

pub const BASE64: Dependency = dependency("base64", "\"0.22\"");
pub const BYTES: Dependency = dependency("bytes", "\"1\"");
pub const CHRONO: Dependency =
    dependency("chrono", "{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }");
pub const FASTRAND: Dependency = dependency("fastrand", "\"2\"");
pub const FORM_URLENCODED: Dependency = dependency("form_urlencoded", "\"1\"");
pub const FUTURES_CORE: Dependency = dependency("futures-core", "\"0.3\"");
pub const HTTPDATE: Dependency = dependency("httpdate", "\"1\"");
pub const PERCENT_ENCODING: Dependency = dependency("percent-encoding", "\"2\"");
/// reqwest as a crate that uses the runtime crate takes it: TLS and HTTP/2 (the runtime asks
/// for multipart and streams itself).
pub const REQWEST: Dependency =
    dependency("reqwest", "{ version = \"0.13\", default-features = false, features = [\"rustls\", \"http2\"] }");
/// reqwest as the runtime needs it: multipart bodies and uploads read from a stream too.
pub const REQWEST_FOR_RUNTIME: Dependency = dependency(
    "reqwest",
    "{ version = \"0.13\", default-features = false, features = [\"rustls\", \"http2\", \"multipart\", \"stream\"] }",
);
/// serde for models: their derives.
pub const SERDE_DERIVE: Dependency = dependency("serde", "{ version = \"1\", features = [\"derive\"] }");
pub const SERDE: Dependency = dependency("serde", "\"1\"");
pub const SERDE_JSON: Dependency = dependency("serde_json", "\"1\"");
pub const SERDE_PATH_TO_ERROR: Dependency = dependency("serde_path_to_error", "\"0.1\"");
pub const TOKIO: Dependency = dependency("tokio", "{ version = \"1\", features = [\"rt\", \"time\"] }");
/// tokio for the exercise program's `main`.
pub const TOKIO_FOR_PROGRAMS: Dependency = dependency("tokio", "{ version = \"1\", features = [\"rt\", \"macros\"] }");
pub const TRACING: Dependency =
    dependency("tracing", "{ version = \"0.1\", default-features = false, features = [\"std\"] }");
pub const UUID: Dependency = dependency("uuid", "{ version = \"1\", features = [\"serde\"] }");
/// The test doubles' pattern checks (`mock` only).
pub const REGEX: Dependency = dependency("regex", "{ version = \"1\", optional = true }");
/// The test doubles' server (`mock` only).
pub const WIREMOCK: Dependency = dependency("wiremock", "{ version = \"0.6\", optional = true }");

/// The runtime crate's dependencies, in `runtime/Cargo.toml`'s order: a copied runtime's
/// manifest lists them.
pub const RUNTIME: &[Dependency] = &[
    BASE64,
    BYTES,
    FASTRAND,
    FORM_URLENCODED,
    FUTURES_CORE,
    HTTPDATE,
    PERCENT_ENCODING,
    REQWEST_FOR_RUNTIME,
    SERDE,
    SERDE_JSON,
    SERDE_PATH_TO_ERROR,
    TOKIO,
    TRACING,
    REGEX,
    WIREMOCK,
];

/// The dependency on the runtime crate, for a manifest in a folder `prefix` below the
/// crate's (`""` for the crate, `"../"` for its models crates): a relative `path` gains the
/// prefix. `None` for a runtime copied in as a module.
pub fn runtime_dependency(source: &RuntimeSource, prefix: &str) -> Option<String> {
    let RuntimeSource::Crate { version, path, package } = source else { return None };
    let mut value = format!("version = {}", toml_string(version));
    if let Some(path) = path {
        let path = if path.starts_with('/') { path.clone() } else { format!("{prefix}{path}") };
        value.push_str(&format!(", path = {}", toml_string(&path)));
    }
    if let Some(package) = package {
        value.push_str(&format!(", package = {}", toml_string(package)));
    }
    Some(format!("{RUNTIME_PACKAGE} = {{ {value} }}\n"))
}

/// The start of every manifest the generator writes: the do-not-edit header, then the
/// package's name, version, edition, description and licence.
pub fn package_section(header: &str, name: &str, version: &str, description: &str, license: &str) -> String {
    let mut out = format!("# {header}\n\n[package]\n");
    out.push_str(&format!("name = {}\nversion = {}\n", toml_string(name), toml_string(version)));
    out.push_str(PACKAGE_EDITION);
    out.push_str(&format!("description = {}\nlicense = {}\n", toml_string(description), toml_string(license)));
    out
}

/// A TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            ch if ch.is_control() => out.push_str(&format!("\\u{:04X}", ch as u32)),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// The foreign types the runtime's public API takes, returns or implements, by path: what a
/// user of any crate that depends on it (or copies it) meets. A test reads the runtime's
/// sources for others.
pub const RUNTIME_EXTERNAL_TYPES: &[&str] = &[
    "bytes::Bytes",
    "futures_core::Stream",
    "futures_core::stream::TryStream",
    "reqwest::Client",
    "reqwest::Method",
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
pub const RUNTIME_MOCK_FEATURE: &str = "[\"dep:wiremock\", \"dep:regex\"]";

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

/// The version a TOML value asks for: `"1"` or `{ version = "1", ... }`.
pub fn version_of(value: &str) -> Option<&str> {
    let value = value.trim();
    let quoted = match value.strip_prefix('{') {
        Some(table) => table.split_once("version = ")?.1,
        None => value,
    };
    quoted.strip_prefix('"')?.split('"').next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::RUNTIME_VERSION;

    /// `[section]`'s `name = value` lines of a manifest.
    fn section<'m>(manifest: &'m str, name: &str) -> Vec<(&'m str, &'m str)> {
        let header = format!("[{name}]");
        manifest
            .lines()
            .skip_while(|line| line.trim() != header)
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter(|line| !line.trim_start().starts_with('#'))
            .filter_map(|line| line.split_once(" = "))
            .collect()
    }

    #[test]
    fn the_runtime_crate_asks_for_what_a_copied_runtime_asks_for() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let read = |path: &str| std::fs::read_to_string(root.join(path)).expect("the workspace's manifests");
        let runtime = read("runtime/Cargo.toml");
        let workspace = read("Cargo.toml");
        let workspace_dependencies = section(&workspace, "workspace.dependencies");
        let declared = section(&runtime, "dependencies");
        let names: Vec<&str> = declared.iter().map(|(name, _)| *name).collect();
        let table: Vec<&str> = RUNTIME.iter().map(|dependency| dependency.name).collect();
        assert_eq!(names, table, "runtime/Cargo.toml's dependencies, in order");
        for ((name, value), dependency) in declared.iter().zip(RUNTIME) {
            let value = match value.contains("workspace = true") {
                true => workspace_dependencies.iter().find(|(other, _)| other == name).expect("in the workspace").1,
                false => value,
            };
            assert_eq!(version_of(value), version_of(dependency.value), "the version of {name}");
            assert_eq!(value.contains("optional = true"), dependency.value.contains("optional = true"), "{name}");
        }
        let package = section(&runtime, "package");
        assert!(package.contains(&("name", &format!("\"{RUNTIME_PACKAGE}\"")[..])), "{package:?}");
        assert!(package.contains(&("version", &format!("\"{RUNTIME_VERSION}\"")[..])), "{package:?}");
        let mock = section(&runtime, "features").into_iter().find(|(name, _)| *name == "mock").expect("mock");
        assert_eq!(mock.1, RUNTIME_MOCK_FEATURE);
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

    #[test]
    fn versions_are_read_from_either_form() {
        assert_eq!(version_of("\"0.22\""), Some("0.22"));
        assert_eq!(version_of(REQWEST.value), Some("0.13"));
        assert_eq!(version_of("{ workspace = true }"), None);
    }
}
