//! Stage three: the model to files. No decisions are left here, only spelling them out.
//!
//! Each emitter describes its files as `Source`s; `render` builds and formats each once with
//! prettyplease and puts the do-not-edit header on top. Files are rendered on as many threads
//! as the machine has cores: formatting is most of the generator's time on large documents.

mod cargo_toml;
mod crate_root;
mod dependencies;
pub mod docs;
mod exercise;
mod features;
mod html;
mod layout;
mod manifest;
mod mock;
mod mock_shapes;
mod model_crates;
mod models;
mod operations;
mod products;
mod readme;
mod runtime;
mod types;
mod webhooks;

/// How code calls an operation and matches it in the doubles, as the emitters spell it: the
/// API report reads these, so that it cannot drift from the code.
pub(crate) use dependencies::{PUBLIC_DEPENDENCIES, RUNTIME_EXTERNAL_TYPES, needs, reexported_crates};
pub(crate) use mock::query_signatures;
pub(crate) use models::report as model_spelling;
pub(crate) use models::setter_signature;
pub(crate) use operations::call_signature;

/// The runtime's sources, which lowering's tests read the names of the runtime's methods from.
#[cfg(test)]
pub(crate) use runtime::FILES as RUNTIME_FILES;

use proc_macro2::TokenStream;

use crate::ir::Api;
use crate::options::{Options, RuntimeSource};

/// One file of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path inside the crate, with `/` separators: `src/lib.rs`.
    pub path: String,
    pub contents: String,
}

/// A file to render: its path, and how to build its tokens. Tokens are built on the thread
/// that formats them, because proc-macro2's `TokenStream` cannot cross threads.
pub struct Source<'a> {
    pub path: String,
    pub build: Box<dyn Fn() -> TokenStream + Send + Sync + 'a>,
    /// Roughly how much code the file holds, so that big files start first.
    pub weight: usize,
}

impl<'a> Source<'a> {
    pub fn new(path: String, weight: usize, build: impl Fn() -> TokenStream + Send + Sync + 'a) -> Self {
        Source { path, build: Box::new(build), weight }
    }
}

/// Formatted files from earlier runs, by a hash of their unformatted tokens: formatting is
/// most of the generator's time, and a regeneration after a small edit changes few files.
/// The caller keeps it between runs (the library does no I/O); it holds what one run formatted
/// or reused, so it does not grow with every run.
#[derive(Debug, Default)]
pub struct FormatCache {
    /// From earlier runs.
    earlier: std::collections::HashMap<u128, String>,
    /// This run's, moved or added as files are rendered.
    now: std::sync::Mutex<std::collections::HashMap<u128, String>>,
}

impl FormatCache {
    /// A cache of formatted files, as [`entries`](Self::into_entries) gave them.
    pub fn from_entries(entries: impl IntoIterator<Item = (u128, String)>) -> Self {
        FormatCache { earlier: entries.into_iter().collect(), now: Default::default() }
    }

    /// What the last run formatted or reused, to keep for the next.
    pub fn into_entries(self) -> Vec<(u128, String)> {
        let mut entries: Vec<(u128, String)> =
            self.now.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).into_iter().collect();
        entries.sort_by_key(|(key, _)| *key);
        entries
    }

    /// How many files this run found formatted already, and how many it formatted.
    pub fn counts(&self) -> (usize, usize) {
        let now = self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let reused = now.keys().filter(|key| self.earlier.contains_key(key)).count();
        (reused, now.len() - reused)
    }

    fn formatted(&self, tokens: TokenStream) -> Result<String, syn::Error> {
        let key = fingerprint(&tokens.to_string());
        let text = match self.earlier.get(&key) {
            Some(text) => text.clone(),
            None => format(tokens)?,
        };
        self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, text.clone());
        Ok(text)
    }
}

/// Two FNV-1a hashes of different bases: 128 bits, stable across runs and platforms.
fn fingerprint(text: &str) -> u128 {
    let hash = |basis: u64| {
        text.bytes().fold(basis, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3))
    };
    (u128::from(hash(0xcbf2_9ce4_8422_2325)) << 64) | u128::from(hash(0x6c62_272e_07bb_0142))
}

/// The files of the crate, sorted by path. `Err` names a file whose tokens did not parse as
/// Rust: a bug in this generator, reported rather than panicking.
pub fn emit(api: &Api, options: &Options, cache: &FormatCache) -> Result<Vec<GeneratedFile>, String> {
    let header = header(options);
    let split = api.model_crates.as_ref();
    // A crate that stands alone and is split ships its runtime as a crate beside its models
    // crates, which need it too, rather than as a module of the crate.
    let runtime_crate = split.is_some() && options.runtime == RuntimeSource::Copied;
    let crate_options;
    let options = if runtime_crate {
        crate_options = Options { runtime: runtime::own_crate(options), ..options.clone() };
        &crate_options
    } else {
        options
    };
    let mut sources = vec![Source::new("src/lib.rs".to_owned(), 1, || crate_root::lib_rs(api, options))];
    let mut manifests = Vec::new();
    match split {
        None => sources.extend(models::files(api)),
        Some(split) => {
            sources.push(Source::new("src/models/mod.rs".to_owned(), 1, || {
                model_crates::models_module(api, options, split)
            }));
            let (model_sources, model_manifests) = model_crates::files(api, options, split, &header);
            sources.extend(model_sources);
            manifests = model_manifests;
        }
    }
    match (&api.products, split) {
        (Some(products), Some(split)) => {
            let (product_sources, product_manifests) = products::files(api, options, products, split, &header);
            sources.extend(product_sources);
            manifests.extend(product_manifests);
            let reexported = products::mock_products(api, options, products);
            sources.push(Source::new("src/mock.rs".to_owned(), api.operations.len() / 4 + 1, move || {
                mock::mock_rs(api, Some(&reexported))
            }));
        }
        _ => {
            sources.extend(operations::files(api));
            sources.extend(mock::files(api));
        }
    }
    if let Some(webhooks) = &api.webhooks {
        sources.push(Source::new("src/webhooks.rs".to_owned(), webhooks.events.len() / 8 + 1, move || {
            webhooks::webhooks_rs(api, webhooks)
        }));
    }
    sources.extend(exercise::files(api, options));
    sources.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.path.cmp(&b.path)));

    let mut files = render_all(&sources, &header, cache, options.render_threads)?;
    files.extend(manifests);
    files.push(GeneratedFile {
        path: "Cargo.toml".to_owned(),
        contents: manifest::manifest(api, options, &header, split),
    });
    files.push(GeneratedFile { path: SURFACE_FILE.to_owned(), contents: surface_json(api)? });
    files.push(GeneratedFile { path: readme::PATH.to_owned(), contents: readme::readme(api, options) });
    if runtime_crate {
        files.extend(runtime::crate_files(options, &header));
    } else if options.runtime == RuntimeSource::Copied {
        files.extend(runtime::copied(options, &header));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// How many bytes of generated Rust source pack into one byte of a `.crate` (gzip), at the
/// least: measured 8.9 to 15 on the crates of GitHub's document (descriptions in prose), 12
/// to 32 on the synthetic document's.
pub const PACKED_RATIO: u64 = 8;

/// The largest source a crate may hold and still pack within a registry's 10 MiB.
const MOST_SOURCE_BYTES: u64 = 10 * 1024 * 1024 * PACKED_RATIO;

/// The first crate among `files` (the crate itself, `.`, or the folder of a models crate, a
/// product's crate or the runtime) whose files hold more source than a registry would take
/// packed, and how much.
pub fn too_large_to_publish(files: &[GeneratedFile]) -> Option<(String, u64)> {
    let mut sizes: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for file in files {
        let folder = match file.path.split_once('/') {
            Some((folder, _))
                if folder.starts_with("models-") || folder.starts_with("operations-") || folder == "runtime" =>
            {
                folder
            }
            _ => ".",
        };
        *sizes.entry(folder).or_default() += file.contents.len() as u64;
    }
    sizes.into_iter().find(|(_, bytes)| *bytes > MOST_SOURCE_BYTES).map(|(folder, bytes)| (folder.to_owned(), bytes))
}

/// Renders every source, on several threads when there is enough to do (`threads`, when
/// given, however little there is). Every file is rendered or the whole run fails: a panic
/// while building or formatting one file is an error naming that file, never a crate with
/// the file missing.
fn render_all(
    sources: &[Source<'_>],
    header: &str,
    cache: &FormatCache,
    threads: Option<usize>,
) -> Result<Vec<GeneratedFile>, String> {
    let render_one = |source: &Source<'_>| {
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cache.formatted((source.build)())));
        match rendered {
            Ok(Ok(text)) => Ok(GeneratedFile { path: source.path.clone(), contents: format!("// {header}\n\n{text}") }),
            Ok(Err(error)) => Err(format!("{}: {error}", source.path)),
            Err(payload) => Err(format!(
                "{}: the generator panicked while writing this file ({}); this is a bug in the generator",
                source.path,
                panic_message(payload.as_ref())
            )),
        }
    };
    let total: usize = sources.iter().map(|source| source.weight).sum();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = threads.unwrap_or_else(|| cores.min(total / 200 + 1)).min(sources.len());
    if threads <= 1 {
        return sources.iter().map(render_one).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let rendered: Vec<Result<Vec<Result<GeneratedFile, String>>, String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(source) = sources.get(index) else { return done };
                        done.push(render_one(source));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker.join().map_err(|payload| {
                    format!("a thread formatting files panicked ({})", panic_message(payload.as_ref()))
                })
            })
            .collect()
    });
    let mut files = Vec::with_capacity(sources.len());
    for worker in rendered {
        for file in worker? {
            files.push(file?);
        }
    }
    Ok(files)
}

/// What a panic said, for the error that reports it.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
        (Some(text), _) => (*text).to_owned(),
        (_, Some(text)) => text.clone(),
        _ => "no message".to_owned(),
    }
}

/// Splits `items` into parts by the first letters of their names, as few letters as keep each
/// part within `max`; one part, keyed `""`, when they fit. Keys are lower case. A file per
/// part keeps files small, and an item's part does not change as others come.
fn split_by_name<'a, T>(items: &[&'a T], max: usize, name: impl Fn(&T) -> &str) -> Vec<(String, Vec<&'a T>)> {
    fn bucket<'a, T>(
        items: Vec<&'a T>,
        letters: usize,
        max: usize,
        name: &impl Fn(&T) -> &str,
        out: &mut Vec<(String, Vec<&'a T>)>,
    ) {
        let mut buckets: std::collections::BTreeMap<String, Vec<&'a T>> = std::collections::BTreeMap::new();
        for item in items {
            let key: String = name(item).chars().take(letters).collect::<String>().to_ascii_lowercase();
            buckets.entry(key).or_default().push(item);
        }
        for (key, members) in buckets {
            let longest = members.iter().map(|item| name(item).len()).max().unwrap_or(0);
            if members.len() > max && longest > letters {
                bucket(members, letters + 1, max, name, out);
            } else {
                out.push((key, members));
            }
        }
    }
    if items.len() <= max {
        return vec![(String::new(), items.to_vec())];
    }
    let mut out = Vec::new();
    bucket(items.to_vec(), 1, max, &name, &mut out);
    out
}

/// The crate's public API as JSON, in the crate, so that the next regeneration can report
/// what changed against it.
pub const SURFACE_FILE: &str = "public-api.json";

fn surface_json(api: &Api) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(&crate::surface::surface(api))
        .map_err(|error| format!("{SURFACE_FILE}: the API report could not be written: {error}"))?;
    text.push('\n');
    Ok(text)
}

fn header(options: &Options) -> String {
    format!(
        "This file is @generated from {} by {}. Do not edit it: change the document and regenerate.",
        options.source_name, options.generator_command
    )
}

/// Formats tokens as a Rust file: prettyplease, then lists one item a line and blank lines
/// between items, for diffs that show what changed and no more.
fn format(tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    let text = layout::blank_line_after_items(&layout::one_item_a_line(&prettyplease::unparse(&file)));
    Ok(separate_items(&text))
}

/// Puts a blank line between items, which prettyplease writes back to back, so that the
/// files read like hand-written ones in a diff. An item starts where a line opens a doc
/// comment, an attribute or an item keyword right after a closing brace (or the `});` of a
/// field-list macro) at the same indentation, or after the file's inner attributes.
fn separate_items(text: &str) -> String {
    const STARTS: &[&str] =
        &["///", "#[", "pub ", "impl", "fn ", "const ", "struct ", "enum ", "mod ", "async fn ", "crate::"];
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(before) = previous {
            let indent = line.len() - trimmed.len();
            let before_trimmed = before.trim_start();
            let closes_item =
                before.len() - before_trimmed.len() == indent && matches!(before_trimmed, "}" | "};" | "});");
            let after_inner_attributes = before_trimmed.starts_with("#![") && !trimmed.starts_with("#![");
            if (closes_item || after_inner_attributes) && STARTS.iter().any(|start| trimmed.starts_with(start)) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crate_past_what_a_registry_takes_is_named_with_its_size() {
        let file = |path: &str, len: u64| GeneratedFile { path: path.into(), contents: "x".repeat(len as usize) };
        let most = MOST_SOURCE_BYTES;
        let within = [file("src/lib.rs", most / 2), file("models-shared/src/a.rs", most), file("README.md", 10)];
        assert_eq!(too_large_to_publish(&within), None);
        let crate_over = [file("src/lib.rs", most / 2), file("src/repos.rs", most / 2 + 1)];
        assert_eq!(too_large_to_publish(&crate_over), Some((".".to_owned(), most + 1)));
        let product_over = [file("src/lib.rs", 1), file("operations-repos/src/repos.rs", most + 1)];
        assert_eq!(too_large_to_publish(&product_over), Some(("operations-repos".to_owned(), most + 1)));
    }

    fn sources(panicking: &str) -> Vec<Source<'_>> {
        (0..8)
            .map(|index| {
                let path = format!("src/file_{index}.rs");
                let panics = path == panicking;
                Source::new(path, 500, move || {
                    assert!(!panics, "a bug while building this file");
                    quote::quote!(
                        pub fn f() {}
                    )
                })
            })
            .collect()
    }

    #[test]
    fn a_file_that_panics_fails_the_run_and_is_named_on_every_thread_count() {
        for threads in [1, 2, 4] {
            let error = render_all(&sources("src/file_5.rs"), "header", &FormatCache::default(), Some(threads))
                .expect_err("a file is missing");
            assert!(error.starts_with("src/file_5.rs: the generator panicked"), "{threads} threads: {error}");
            assert!(error.contains("a bug while building this file"), "{error}");
        }
        let files = render_all(&sources("none"), "header", &FormatCache::default(), Some(2)).expect("all rendered");
        assert_eq!(files.len(), 8);
    }
}
