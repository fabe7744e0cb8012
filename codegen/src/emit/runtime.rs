//! The runtime, for a crate that stands alone: the `openapi-client-runtime` crate's sources copied
//! in as the module `src/runtime/`, with the few changes a module needs that a crate does not.

use super::GeneratedFile;
use crate::options::{Options, RuntimeSource};

/// The runtime crate's files, by name. They are the crate's own sources (`runtime/src/`),
/// compiled, linted and tested there; here they are only text.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("api.rs", include_str!("../../../runtime/src/api.rs")),
    ("auth.rs", include_str!("../../../runtime/src/auth.rs")),
    ("body.rs", include_str!("../../../runtime/src/body.rs")),
    ("call.rs", include_str!("../../../runtime/src/call.rs")),
    ("client.rs", include_str!("../../../runtime/src/client.rs")),
    ("constraints.rs", include_str!("../../../runtime/src/constraints.rs")),
    ("de.rs", include_str!("../../../runtime/src/de.rs")),
    ("enums.rs", include_str!("../../../runtime/src/enums.rs")),
    ("error.rs", include_str!("../../../runtime/src/error.rs")),
    ("execute.rs", include_str!("../../../runtime/src/execute.rs")),
    ("hooks.rs", include_str!("../../../runtime/src/hooks.rs")),
    ("json.rs", include_str!("../../../runtime/src/json.rs")),
    ("lib.rs", include_str!("../../../runtime/src/lib.rs")),
    ("mock.rs", include_str!("../../../runtime/src/mock.rs")),
    ("mock_request.rs", include_str!("../../../runtime/src/mock_request.rs")),
    ("mock_shape.rs", include_str!("../../../runtime/src/mock_shape.rs")),
    ("mock_text.rs", include_str!("../../../runtime/src/mock_text.rs")),
    ("nullable.rs", include_str!("../../../runtime/src/nullable.rs")),
    ("numbers.rs", include_str!("../../../runtime/src/numbers.rs")),
    ("pacing.rs", include_str!("../../../runtime/src/pacing.rs")),
    ("pagination.rs", include_str!("../../../runtime/src/pagination.rs")),
    ("raw.rs", include_str!("../../../runtime/src/raw.rs")),
    ("request.rs", include_str!("../../../runtime/src/request.rs")),
    ("response.rs", include_str!("../../../runtime/src/response.rs")),
    ("retry.rs", include_str!("../../../runtime/src/retry.rs")),
    ("uri.rs", include_str!("../../../runtime/src/uri.rs")),
    ("webhooks.rs", include_str!("../../../runtime/src/webhooks.rs")),
    ("webhooks/dedup.rs", include_str!("../../../runtime/src/webhooks/dedup.rs")),
    ("webhooks/keys.rs", include_str!("../../../runtime/src/webhooks/keys.rs")),
    ("webhooks/verify.rs", include_str!("../../../runtime/src/webhooks/verify.rs")),
    ("mock_webhooks.rs", include_str!("../../../runtime/src/mock_webhooks.rs")),
];

/// The macros the runtime exports at its root, by the file that defines them. Copied in, they
/// are not exported (a crate's `#[macro_export]` macros cannot be named by path from inside
/// it): each is made a path-scoped item of its module, and re-exported from `runtime`.
const MACROS: &[(&str, &str)] = &[
    ("de.rs", "impl_deserialize"),
    ("de.rs", "impl_serialize"),
    ("enums.rs", "open_enum_impls"),
    ("json.rs", "impl_json"),
];

pub fn copied(options: &Options, header: &str) -> Vec<GeneratedFile> {
    let path = format!("{}::runtime::", lib_name(&options.crate_name));
    FILES
        .iter()
        .map(|(name, text)| {
            let (name, mut text) = match *name {
                "lib.rs" => ("mod.rs", as_module_root(text)),
                name => (name, as_module(text)),
            };
            text = in_examples(&text, &path);
            for (file, mac) in MACROS {
                if name == *file {
                    text = text.replace("#[macro_export]\n", "");
                    text.push_str(&format!("pub(crate) use {mac};\n"));
                }
                if name == "mod.rs" {
                    let module = file.trim_end_matches(".rs");
                    text.push_str(&format!("pub(crate) use {module}::{mac};\n"));
                }
            }
            GeneratedFile {
                path: format!("src/runtime/{name}"),
                contents: format!("// {header}\n// Copied from runtime/src/{name} of the generator.\n\n{text}"),
            }
        })
        .collect()
}

/// For a crate that stands alone and is split (`model_crates`): the runtime as a crate of its
/// own in `runtime/`, which the crate and its models crates depend on as `openapi-client-runtime`
/// (renamed: the package is `{crate}-runtime`, of the crate's version).
/// Its sources are the runtime crate's, unit tests left behind.
pub fn crate_files(options: &Options, header: &str) -> Vec<GeneratedFile> {
    let mut files: Vec<GeneratedFile> = FILES
        .iter()
        .map(|(name, text)| {
            let text = in_examples(without_tests(text), &format!("{}::", lib_name(&runtime_package(options))));
            GeneratedFile {
                path: format!("runtime/src/{name}"),
                contents: format!("// {header}\n// Copied from runtime/src/{name} of the generator.\n\n{text}"),
            }
        })
        .collect();
    let description = format!(
        "The runtime of the crate `{}`: HTTP, retries, errors and the value types its models use.",
        options.crate_name
    );
    let mut manifest = super::cargo_toml::Manifest::new(
        header,
        &runtime_package(options),
        &options.crate_version,
        &description,
        &options.license,
    );
    let mock: Vec<String> =
        super::dependencies::RUNTIME_MOCK_FEATURE.iter().map(|feature| (*feature).to_owned()).collect();
    manifest.feature("mock", &mock, None);
    let webhooks: Vec<String> =
        super::dependencies::RUNTIME_WEBHOOKS_FEATURE.iter().map(|feature| (*feature).to_owned()).collect();
    manifest.feature("webhooks", &webhooks, None);
    for dependency in super::dependencies::RUNTIME {
        dependency.add_to(&mut manifest);
    }
    let manifest = manifest.finish();
    files.push(GeneratedFile { path: "runtime/Cargo.toml".to_owned(), contents: manifest });
    files
}

/// The runtime's doc examples name it as the runtime crate does (`openapi_client_runtime::`);
/// a copy names it where it is (`path`), so that its examples compile as the crate's doctests.
fn in_examples(text: &str, path: &str) -> String {
    text.replace("openapi_client_runtime::", path)
}

/// The name code uses for a package: `-` read as `_`.
fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

fn runtime_package(options: &Options) -> String {
    format!("{}-runtime", options.crate_name)
}

/// The crate's own runtime, as `crate_files` writes it beside the crate.
pub fn own_crate(options: &Options) -> RuntimeSource {
    RuntimeSource::Crate {
        version: options.crate_version.clone(),
        path: Some("runtime".to_owned()),
        package: Some(runtime_package(options)),
    }
}

/// A file of the runtime crate as a file of the module `crate::runtime`: paths from the crate
/// root gain `runtime::` (doc comments keep theirs: the crate root re-exports what they
/// name), and the unit tests stay behind, tested once in the runtime crate.
/// A runtime file up to its unit tests, which stay behind: tested once in the runtime crate.
pub(crate) fn without_tests(text: &str) -> &str {
    match text.find(TESTS_MODULE) {
        Some(start) => &text[..start + 1],
        None => text,
    }
}

/// Where a runtime file's tests start; nothing but them follows (a test below checks).
const TESTS_MODULE: &str = "\n#[cfg(test)]\nmod tests {";

fn as_module(text: &str) -> String {
    let text = without_tests(text);
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            out.push_str(line);
        } else {
            out.push_str(&line.replace("crate::", "crate::runtime::"));
        }
        out.push('\n');
    }
    out
}

/// The runtime crate's `lib.rs` as the module's `mod.rs`: inner attributes of a crate have no
/// place in a module.
fn as_module_root(text: &str) -> String {
    let without_crate_attributes: String =
        text.lines().filter(|line| !line.starts_with("#![")).map(|line| format!("{line}\n")).collect();
    as_module(&without_crate_attributes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy keeps each file up to its tests module: an item written after it would be
    /// left out of every copied runtime.
    #[test]
    fn every_runtime_file_ends_with_its_tests() {
        for (name, text) in FILES {
            let Some(start) = text.find(TESTS_MODULE) else { continue };
            let after = &text[start + 1..];
            let items_after = after.lines().skip(2).filter(|line| !line.is_empty() && !line.starts_with([' ', '}']));
            assert_eq!(items_after.count(), 0, "runtime/src/{name} has items after its tests module");
        }
    }

    #[test]
    fn paths_move_under_the_module_and_tests_stay_behind() {
        let text = "use crate::Error;\n/// See [`Error`](crate::Error).\nfn f() { $crate::Key }\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
        assert_eq!(
            as_module(text),
            "use crate::runtime::Error;\n/// See [`Error`](crate::Error).\nfn f() { $crate::runtime::Key }\n\n"
        );
        let options = Options { crate_name: "shop-client".to_owned(), ..Options::default() };
        for file in copied(&options, "header") {
            assert!(!file.contents.contains("mod tests {"), "{} ships its tests", file.path);
            assert!(!file.contents.contains("openapi_client_runtime::"), "{}'s examples name the crate", file.path);
            assert!(!file.contents.contains("#![") || !file.path.ends_with("mod.rs"), "{}", file.path);
            assert!(!file.contents.contains("#[macro_export]"), "{} exports a macro from the crate", file.path);
        }
    }
}
