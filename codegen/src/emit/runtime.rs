//! `src/runtime/`: the hand-written runtime, copied verbatim into every generated crate.

use super::GeneratedFile;

/// The runtime's files, by name. They live in `codegen/runtime/` as ordinary Rust so that
/// they are read, formatted and reviewed like the rest of the code.
const FILES: &[(&str, &str)] = &[
    ("call.rs", include_str!("../../runtime/call.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("de.rs", include_str!("../../runtime/de.rs")),
    ("enums.rs", include_str!("../../runtime/enums.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("execute.rs", include_str!("../../runtime/execute.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("nullable.rs", include_str!("../../runtime/nullable.rs")),
    ("numbers.rs", include_str!("../../runtime/numbers.rs")),
    ("pagination.rs", include_str!("../../runtime/pagination.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("uri.rs", include_str!("../../runtime/uri.rs")),
];

pub fn files(header: &str) -> Vec<GeneratedFile> {
    FILES
        .iter()
        .map(|(name, text)| GeneratedFile {
            path: format!("src/runtime/{name}"),
            contents: format!("// {header}\n// Copied verbatim from codegen/runtime/{name}.\n\n{text}"),
        })
        .collect()
}
