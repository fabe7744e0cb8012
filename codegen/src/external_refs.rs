//! References to other files: found anywhere in the document, all at once, before anything
//! tries to read the objects they stand for.
//!
//! A multi-file document puts `{ $ref: other.yaml }` where a path item, a schema or even a
//! description belongs; read as it stands, each one fails on its own with a type error that
//! says nothing about files. The generator reads one file, so it names every such reference,
//! with where it is, and says how to bundle the document.

use std::fmt::Write as _;

use serde_json::Value;

use crate::diagnostics::Sink;
use crate::position;

/// Reports every `$ref` whose target is not inside this document (does not start with `#`).
pub fn check_external(root: &Value, sink: &mut Sink) {
    let mut found = Vec::new();
    collect(root, &mut String::new(), &mut found);
    let count = found.len();
    for (path, target) in found {
        let file = match target.split_once('#') {
            Some((file, _)) => format!(" (`{file}`)"),
            None => String::new(),
        };
        sink.error(
            path,
            format!("`{target}` refers to another file{file}; this generator reads a single document"),
            format!(
                "bundle the document into one file first (this one has {count} such reference{}), for example `npx @redocly/cli bundle openapi.yaml -o bundled.yaml` or `npx swagger-cli bundle openapi.yaml -o bundled.yaml -t yaml`, and generate from the bundle",
                if count == 1 { "" } else { "s" }
            ),
        );
    }
}

fn collect(value: &Value, path: &mut String, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(target)) = object.get("$ref")
                && !target.starts_with('#')
            {
                found.push((position::key(path, "$ref"), target.clone()));
            }
            for (key, inner) in object {
                if inner.is_object() || inner.is_array() {
                    let parent = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    collect(inner, path, found);
                    path.truncate(parent);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let parent = path.len();
                // Writing to a String cannot fail.
                let _ = write!(path, "[{index}]");
                collect(item, path, found);
                path.truncate(parent);
            }
        }
        _ => {}
    }
}
