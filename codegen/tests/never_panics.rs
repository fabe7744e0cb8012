//! Mutated versions of the fixture documents never panic or hang the generator: each one
//! generates, or fails with errors that describe the document. A failure saves the input to
//! `target/fuzz-failures/` to replay.
//!
//! `FUZZ_CASES` sets how many cases run (10,000 by default, as in CI) and `FUZZ_SEED` where
//! the random sequence starts, so `FUZZ_CASES=200000 FUZZ_SEED=7 cargo test -p codegen
//! --release --test never_panics` goes much further on demand.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

/// xorshift64*: small, deterministic, and enough to explore.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const KEYWORDS: &[&str] = &[
    "type",
    "format",
    "enum",
    "nullable",
    "properties",
    "items",
    "additionalProperties",
    "$ref",
    "required",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "discriminator",
    "x-pagination",
    "in",
    "name",
    "style",
    "explode",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
    "description",
    "title",
    "maxLength",
    "minimum",
    "content",
    "schema",
    "tags",
    "operationId",
    "parameters",
    "responses",
    "requestBody",
    // OpenAPI 3.1 and JSON Schema 2020-12, which the load stage rewrites.
    "const",
    "examples",
    "exclusiveMinimum",
    "prefixItems",
    "patternProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentEncoding",
    "contentMediaType",
    "if",
    "then",
    "dependentSchemas",
    "propertyNames",
    "$defs",
    "$anchor",
    "$id",
    "$schema",
    "webhooks",
    "pathItems",
    "jsonSchemaDialect",
];

fn random_scalar(rng: &mut Rng) -> Value {
    match rng.below(17) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(0),
        4 => json!(1.5),
        5 => json!(1e308),
        6 => json!(""),
        7 => json!("string"),
        8 => json!("#/components/schemas/Missing"),
        9 => json!(rng.pick(KEYWORDS)),
        10 => json!("{id}/../..//?#%2F"),
        11 => json!("ünïcødé ✓ \u{0} \\ `code` */"),
        12 => json!("x".repeat(300)),
        13 => json!(["integer", "null"]),
        14 => json!("#/components/schemas/Pet/properties/name"),
        15 => json!(rng.pick(&["#anchor", "#/components/pathItems/Missing", "https://example.com/schema"])),
        _ => json!(["a", null, 1, "a"]),
    }
}

/// A random path from the root to some node.
fn random_path(value: &Value, rng: &mut Rng) -> Vec<Value> {
    let mut path = Vec::new();
    let mut current = value;
    loop {
        let children: Vec<(Value, &Value)> = match current {
            Value::Object(object) => object.iter().map(|(key, child)| (json!(key), child)).collect(),
            Value::Array(items) => items.iter().enumerate().map(|(index, child)| (json!(index), child)).collect(),
            _ => return path,
        };
        if children.is_empty() || (rng.chance(25) && !path.is_empty()) {
            return path;
        }
        let (step, child) = &children[rng.below(children.len())];
        path.push(step.clone());
        current = child;
    }
}

fn node_mut<'v>(value: &'v mut Value, path: &[Value]) -> &'v mut Value {
    path.iter().fold(value, |node, step| match step {
        Value::String(key) => node.get_mut(key.as_str()).expect("path exists"),
        _ => node.get_mut(step.as_u64().expect("index") as usize).expect("path exists"),
    })
}

/// A JSON pointer to `path`, escaped as RFC 6901 says, percent-encoding braces and spaces at
/// random as URI fragments do.
fn pointer_to(path: &[Value]) -> String {
    let mut pointer = String::from("#");
    for (index, step) in path.iter().enumerate() {
        let token = match step {
            Value::String(key) => key.replace('~', "~0").replace('/', "~1"),
            other => other.to_string(),
        };
        let token =
            if index % 2 == 0 { token.replace('{', "%7B").replace('}', "%7D").replace(' ', "%20") } else { token };
        pointer.push('/');
        pointer.push_str(&token);
    }
    pointer
}

/// One structural change somewhere in the document.
fn mutate(document: &mut Value, pool: &[Value], rng: &mut Rng) {
    let path = random_path(document, rng);
    let donor = {
        let source = rng.pick(pool);
        let donor_path = random_path(source, rng);
        let mut source = source.clone();
        node_mut(&mut source, &donor_path).clone()
    };
    // A place of the same document, for a reference that points anywhere (into a property,
    // at another operation's response, at the node itself or one around it).
    let target = random_path(document, rng);
    let kind = rng.below(10);
    if kind == 0 && !path.is_empty() {
        let (last, parent_path) = path.split_last().expect("not empty");
        match node_mut(document, parent_path) {
            Value::Object(object) => {
                object.shift_remove(last.as_str().expect("a key"));
            }
            Value::Array(items) => {
                items.remove(last.as_u64().expect("an index") as usize);
            }
            _ => {}
        }
        return;
    }
    let node = node_mut(document, &path);
    match kind {
        1 => *node = random_scalar(rng),
        2 => *node = donor,
        3 => *node = json!({"allOf": [node.clone()]}),
        4 => *node = json!({"oneOf": [node.clone(), {"nullable": true}, donor]}),
        5 if rng.chance(50) => *node = json!({"$ref": pointer_to(&target)}),
        5 => {
            *node = json!({"$ref": format!("#/components/schemas/{}", rng.pick(&["Node", "Thing", "Pet", "Event", "Self", "Missing"]))})
        }
        6 | 7 => {
            if let Value::Object(object) = node {
                let value = if rng.chance(50) { random_scalar(rng) } else { donor };
                object.insert((*rng.pick(KEYWORDS)).to_owned(), value);
            } else {
                *node = json!({ *rng.pick(KEYWORDS): node.clone() });
            }
        }
        8 => {
            if let Value::Array(items) = node
                && !items.is_empty()
            {
                let copy = items[rng.below(items.len())].clone();
                items.push(copy);
            } else if let Value::String(text) = node {
                let at = rng.below(text.len() + 1);
                if text.is_char_boundary(at) {
                    const PIECES: &[&str] = &["{", "}", "/", "$", "..", " ", "-", "é", ""];
                    text.insert_str(at, PIECES[rng.below(PIECES.len())]);
                }
            }
        }
        _ => {
            if let Value::Object(object) = node
                && let Some(key) = object.keys().nth(rng.below(object.len())).cloned()
            {
                let value = object.shift_remove(&key).expect("present");
                let renamed = format!("{key}{}", rng.pick(&["", "-2", "_", " x", "$", "0", "X"]));
                object.insert(renamed, value);
            }
        }
    }
}

/// Changes to the text itself: cut short, a byte dropped or added.
fn mutate_text(text: &mut Vec<u8>, rng: &mut Rng) {
    match rng.below(3) {
        0 => text.truncate(rng.below(text.len() + 1)),
        1 if !text.is_empty() => {
            let at = rng.below(text.len());
            text.remove(at);
        }
        _ => {
            let at = rng.below(text.len() + 1);
            text.insert(at, *rng.pick(b"{}[]:\"'\t\n-#&*!|>%@`\\\xff"));
        }
    }
}

fn case(seed: u64, pool: &[Value], texts: &[Vec<u8>]) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    if rng.chance(15) {
        let mut text = rng.pick(texts).clone();
        for _ in 0..=rng.below(3) {
            mutate_text(&mut text, &mut rng);
        }
        return text;
    }
    let mut document = rng.pick(pool).clone();
    for _ in 0..=rng.below(4) {
        mutate(&mut document, pool, &mut rng);
    }
    if rng.chance(50) {
        serde_json::to_vec_pretty(&document).expect("serializes")
    } else {
        serde_yaml::to_string(&document).expect("serializes").into_bytes()
    }
}

#[test]
fn mutated_documents_never_panic_or_hang() {
    let cases: u64 = std::env::var("FUZZ_CASES").ok().and_then(|text| text.parse().ok()).unwrap_or(10_000);
    let first_seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|text| text.parse().ok()).unwrap_or(1);
    let texts: Vec<Vec<u8>> = common::fixtures().iter().map(|path| std::fs::read(path).expect("fixture")).collect();
    // serde_json's `Value` holds no integer past 64 bits: such fixtures are mutated as text only.
    let pool: Vec<Value> = texts.iter().filter_map(|text| serde_yaml::from_slice(text).ok()).collect();
    assert!(pool.len() + 2 >= texts.len(), "most fixtures should be readable as values");

    let failures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-failures");
    let (send, receive) = mpsc::channel::<(u64, Vec<u8>, Result<bool, String>)>();
    // The generator's panics are caught and reported below; keep them off the console.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("fuzz-worker") {
            default_hook(info);
        }
    }));
    let worker = std::thread::Builder::new().name("fuzz-worker".to_owned()).spawn(move || {
        let options = codegen::Options { crate_name: "fuzzed".to_owned(), ..Default::default() };
        // Small documents are formatted on one thread; every other case forces several, so
        // that the parallel path meets the mutations too.
        let parallel = codegen::Options { render_threads: Some(3), ..options.clone() };
        for seed in first_seed..first_seed + cases {
            let input = case(seed, &pool, &texts);
            let options = if seed % 2 == 0 { &options } else { &parallel };
            let outcome = catch_unwind(AssertUnwindSafe(|| codegen::generate("fuzzed.yaml", &input, options)));
            let verdict = match outcome {
                Err(panic) => Err(format!(
                    "panicked: {}",
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_default()
                )),
                Ok(Err(failure)) if failure.to_string().contains("internal error") => Err(failure.to_string()),
                Ok(generated) => Ok(generated.is_ok()),
            };
            if send.send((seed, input, verdict)).is_err() {
                return;
            }
        }
    });
    let worker = worker.expect("the worker starts");

    let mut generated = 0;
    for _ in 0..cases {
        let (seed, input, verdict) = match receive.recv_timeout(Duration::from_secs(30)) {
            Ok(result) => result,
            Err(_) => panic!("a case ran for more than 30 seconds: the generator hangs (the worker stopped reporting)"),
        };
        generated += usize::from(verdict == Ok(true));
        if let Err(problem) = verdict {
            std::fs::create_dir_all(&failures).expect("create the failures folder");
            let saved = failures.join(format!("seed-{seed}.yaml"));
            std::fs::write(&saved, &input).expect("save the input");
            panic!("seed {seed}: {problem}\ninput saved to {}", saved.display());
        }
    }
    worker.join().expect("the worker finishes");
    // Mutations that break every document would only exercise the first checks.
    assert!(
        generated as u64 * 10 >= cases,
        "only {generated} of {cases} cases generated: the mutations are too destructive"
    );
    eprintln!("{cases} cases, {generated} generated a crate, the rest failed with errors");
}
