//! The generator's formatting of each file, kept under `target/` between runs of
//! `cargo xtask codegen`: a regeneration formats only the files whose code changed.
//!
//! The cache is tied to the generator that wrote it (a hash of the running program), so a
//! change to the generator, which may format differently, starts from an empty cache.

use std::path::Path;

use codegen::FormatCache;
use serde_json::{Value, json};

/// The cache in `file`, or an empty one when there is none, it is unreadable, or another
/// build of the generator wrote it.
pub fn load(file: &Path) -> FormatCache {
    let Some(identity) = generator_identity() else { return FormatCache::default() };
    let Ok(text) = std::fs::read_to_string(file) else { return FormatCache::default() };
    let Ok(value) = serde_json::from_str::<Value>(&text) else { return FormatCache::default() };
    if value["generator"].as_str() != Some(identity.as_str()) {
        return FormatCache::default();
    }
    let entries = value["files"].as_array().into_iter().flatten().filter_map(|entry| {
        let key = u128::from_str_radix(entry[0].as_str()?, 16).ok()?;
        Some((key, entry[1].as_str()?.to_owned()))
    });
    FormatCache::from_entries(entries)
}

/// Writes what this run formatted or reused to `file`.
pub fn save(file: &Path, cache: FormatCache) -> std::io::Result<()> {
    let Some(identity) = generator_identity() else { return Ok(()) };
    let files: Vec<Value> =
        cache.into_entries().into_iter().map(|(key, text)| json!([format!("{key:032x}"), text])).collect();
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(file, json!({"generator": identity, "files": files}).to_string())
}

/// The running program's path, size and modification time: any rebuild of the generator
/// changes them (reading the whole program to hash it would cost more than it saves).
fn generator_identity() -> Option<String> {
    let program = std::env::current_exe().ok()?;
    let metadata = std::fs::metadata(&program).ok()?;
    let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{} {} {}", program.display(), metadata.len(), modified.as_nanos()))
}
