//! `cargo xtask bench --edit-loop`: the loop a user lives in (edit the document, regenerate,
//! `cargo check`) and the first check before it, for the two crate graphs of a split document
//! side by side (`CrateGraph::Products`, the default, and `CrateGraph::Chained`, the layout
//! before it), on Cloudflare's shape (the synthetic document) and on GitHub's real document.
//!
//! For each document and graph, in one target folder (the dependencies built once), with
//! cargo's incremental compilation as a user's `cargo check` has it: one product's feature
//! alone and every feature, the generated crates checked anew each time; then one optional
//! field added to one schema that only one product uses, the crate regenerated over the last
//! one (only changed files written) and checked again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Row, clean, generated_packages, memory, timed};
use crate::feature_check::{self, Cost};
use crate::synthetic::{self, Size};

/// A document measured: its name in the table, its crate's name and how to read it.
struct Document {
    name: &'static str,
    crate_name: &'static str,
    bytes: Vec<u8>,
}

/// What one document in one graph cost.
struct Measured {
    generation: Duration,
    full: Cost,
    alone: Cost,
    alone_feature: String,
    regeneration: Duration,
    after_edit: Cost,
    rewritten: Vec<String>,
    crates: usize,
}

/// The rows of both documents, both graphs side by side.
pub fn rows(root: &Path) -> Result<Vec<Row>, String> {
    crate::tools::node_tools(root)?;
    let github = root.join(feature_check::GITHUB_DOCUMENT);
    let documents = [
        Document {
            name: "the synthetic document of Cloudflare's size",
            crate_name: "cloudflare-synthetic",
            bytes: serde_json::to_vec_pretty(&synthetic::document(Size::CLOUDFLARE, 1)).map_err(|e| e.to_string())?,
        },
        Document {
            name: "GitHub's document",
            crate_name: "github-client",
            bytes: std::fs::read(&github).map_err(|error| format!("cannot read {}: {error}", github.display()))?,
        },
    ];
    let mut rows = Vec::new();
    for document in &documents {
        let edit = edited(document)?;
        let products = measure(root, document, &edit, codegen::CrateGraph::Products)?;
        let chained = measure(root, document, &edit, codegen::CrateGraph::Chained)?;
        rows.extend(document_rows(document, &edit.schema, &products, &chained));
    }
    Ok(rows)
}

/// The document with one optional field added to a schema of one product's own, and which.
struct Edit {
    schema: String,
    bytes: Vec<u8>,
}

/// Finds, in the products graph, the first schema whose type lives in a product's own models
/// crate and has properties, and adds a field to it.
fn edited(document: &Document) -> Result<Edit, String> {
    let options = options(document, codegen::CrateGraph::Products);
    let api =
        codegen::generate(&options.source_name, &document.bytes, &options).map_err(|failure| failure.to_string())?.api;
    let (Some(split), Some(_)) = (&api.model_crates, &api.products) else {
        return Err(format!("{} was not split into products", document.name));
    };
    let mut parsed: Value = serde_json::from_slice(&document.bytes).map_err(|error| error.to_string())?;
    let (schema, pointer) = api
        .types
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            let name = &split.names[split.crate_of[*index]];
            !name.starts_with("shared") && !name.starts_with("unreferenced")
        })
        .filter_map(|(_, definition)| definition.origin.strip_prefix("components.schemas."))
        .find_map(|name| Some((name.to_owned(), properties_of(&parsed, name)?)))
        .ok_or_else(|| format!("{} has no schema of one product's own with properties", document.name))?;
    let properties =
        parsed.pointer_mut(&pointer).and_then(Value::as_object_mut).ok_or("the schema lost its properties")?;
    properties.insert("bench_note".to_owned(), serde_json::json!({"type": "string", "description": "A note."}));
    Ok(Edit { schema, bytes: serde_json::to_vec(&parsed).map_err(|error| error.to_string())? })
}

/// Where the properties of schema `name` are: its own, or those of the first object of its
/// `allOf` or `oneOf` that has some.
fn properties_of(document: &Value, name: &str) -> Option<String> {
    let schema = format!("/components/schemas/{}", pointer_escape(name));
    let own = format!("{schema}/properties");
    if document.pointer(&own).is_some_and(Value::is_object) {
        return Some(own);
    }
    ["allOf", "oneOf"].into_iter().find_map(|keyword| {
        let parts = document.pointer(&format!("{schema}/{keyword}"))?.as_array()?;
        let index = parts.iter().position(|part| part.get("properties").is_some_and(Value::is_object))?;
        Some(format!("{schema}/{keyword}/{index}/properties"))
    })
}

fn pointer_escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn options(document: &Document, graph: codegen::CrateGraph) -> codegen::Options {
    codegen::Options {
        crate_name: document.crate_name.to_owned(),
        source_name: format!("{}.json", document.crate_name),
        crate_graph: graph,
        ..codegen::Options::default()
    }
}

/// Generates `bytes` into `dir/{crate}` (a workspace of its own, locked to this workspace's
/// versions, depending on its `runtime/`), writing only the files that changed; returns how
/// long generation took and which files it rewrote.
fn write(
    root: &Path,
    dir: &Path,
    document: &Document,
    bytes: &[u8],
    graph: codegen::CrateGraph,
) -> Result<(Duration, Vec<String>, usize), String> {
    let mut options = options(document, graph);
    options.runtime = crate::project::runtime_crate(root);
    let started = Instant::now();
    let generated = codegen::generate(&options.source_name, bytes, &options).map_err(|failure| failure.to_string())?;
    let crate_dir = dir.join(document.crate_name);
    let changes = crate::output::update_dir(&crate_dir, &generated.files)
        .map_err(|error| format!("cannot write {}: {error}", crate_dir.display()))?;
    let took = started.elapsed();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [\"{}\"]\n", document.crate_name);
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|error| error.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|error| error.to_string())?;
    let mut rewritten: Vec<String> = changes.modified.iter().map(|(path, ..)| path.clone()).collect();
    rewritten.extend(changes.added.iter().cloned());
    rewritten.extend(changes.removed.iter().cloned());
    let crates = generated.files.iter().filter(|file| file.path.ends_with("Cargo.toml")).count();
    Ok((took, rewritten, crates))
}

fn measure(root: &Path, document: &Document, edit: &Edit, graph: codegen::CrateGraph) -> Result<Measured, String> {
    let label = format!("{graph:?}").to_lowercase();
    let dir = root.join("target/edit-loop").join(format!("{}-{label}", document.crate_name));
    // One target folder for every document and graph: the dependencies are built once, and
    // every figure is of the generated crates alone.
    let target: PathBuf = root.join("target/edit-loop/target");
    let envs = [("CARGO_TARGET_DIR", target.as_os_str())];
    let check = |flags: &[&str]| -> Result<Cost, String> {
        let mut args = vec!["check", "--quiet", "--package", document.crate_name];
        args.extend(flags);
        timed(&dir, &envs, &args)
    };
    let (generation, _, crates) = write(root, &dir, document, &document.bytes, graph)?;
    let generated = generated_packages(&dir.join(document.crate_name), document.crate_name);
    println!("{}, {label} crate graph ({crates} crates): checking (several minutes)", document.name);
    check(&["--no-default-features", "--features=mock"])?;

    let api = codegen::generate("alone", &document.bytes, &options(document, graph)).map_err(|f| f.to_string())?.api;
    let alone_feature = alone_feature(&api);
    clean(&dir, &envs, &generated)?;
    let alone = check(&["--no-default-features", &format!("--features={alone_feature}")])?;
    clean(&dir, &envs, &generated)?;
    let full = check(&["--all-features"])?;

    let (regeneration, rewritten, _) = write(root, &dir, document, &edit.bytes, graph)?;
    let after_edit = check(&["--all-features"]);
    // Put back as it was, whatever the check said.
    write(root, &dir, document, &document.bytes, graph)?;
    let after_edit = after_edit?;
    Ok(Measured { generation, full, alone, alone_feature, regeneration, after_edit, rewritten, crates })
}

/// The feature of the group with the most operations: the largest product a user would
/// compile alone.
fn alone_feature(api: &codegen::ir::Api) -> String {
    let counts = api.operations_per_group();
    let largest = (0..api.groups.len()).max_by_key(|&group| (counts[group], std::cmp::Reverse(group))).unwrap_or(0);
    api.groups[largest].feature().to_owned()
}

fn document_rows(document: &Document, schema: &str, products: &Measured, chained: &Measured) -> Vec<Row> {
    let seconds = |duration: Duration| duration.as_secs_f64();
    let name = document.name;
    let loop_ratio = |measured: &Measured| {
        (seconds(measured.regeneration) + seconds(measured.after_edit.took))
            / (seconds(measured.generation) + seconds(measured.full.took))
    };
    vec![
        Row {
            figure: format!(
                "{name}: check every feature, products ({} crates) against the chain ({} crates)",
                products.crates, chained.crates
            ),
            measured: format!("{:.0} s, {}", seconds(products.full.took), memory(&products.full)),
            floor: format!("{:.0} s, {}", seconds(chained.full.took), memory(&chained.full)),
            ratio: format!("{:.2}", seconds(products.full.took) / seconds(chained.full.took)),
            target: "≤ 0.55, peak ≤ 4 GiB".to_owned(),
        },
        Row {
            figure: format!(
                "{name}: the loop (one field added to `{schema}`, regenerate, check every feature) against the first generation and check, products"
            ),
            measured: format!("{:.1} s + {:.1} s", seconds(products.regeneration), seconds(products.after_edit.took)),
            floor: format!("{:.1} s + {:.1} s", seconds(products.generation), seconds(products.full.took)),
            ratio: format!("{:.0} %", 100.0 * loop_ratio(products)),
            target: "≤ 10 %".to_owned(),
        },
        Row {
            figure: format!("{name}: the same loop, chained"),
            measured: format!("{:.1} s + {:.1} s", seconds(chained.regeneration), seconds(chained.after_edit.took)),
            floor: format!("{:.1} s + {:.1} s", seconds(chained.generation), seconds(chained.full.took)),
            ratio: format!("{:.0} %", 100.0 * loop_ratio(chained)),
            target: String::new(),
        },
        Row {
            figure: format!("{name}: the check after the edit against a full one, products"),
            measured: format!("{:.1} s", seconds(products.after_edit.took)),
            floor: format!("{:.1} s", seconds(products.full.took)),
            ratio: format!("{:.0} %", 100.0 * seconds(products.after_edit.took) / seconds(products.full.took)),
            target: "≤ 25 %".to_owned(),
        },
        Row {
            figure: format!("{name}: files the edit rewrote, products"),
            measured: products.rewritten.len().to_string(),
            floor: products.rewritten.join(", "),
            ratio: String::new(),
            target: "1, plus the API report".to_owned(),
        },
        Row {
            figure: format!("{name}: check `{}` alone, products", products.alone_feature),
            measured: format!("{:.1} s", seconds(products.alone.took)),
            floor: memory(&products.alone),
            ratio: String::new(),
            target: "≤ 15 s, ≤ 1 GiB".to_owned(),
        },
    ]
}
