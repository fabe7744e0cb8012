//! Vendor extensions (`x-...`): the generator reads `x-pagination`, `x-rate-limit` and the webhooks'
//! (`x-webhooks`, `x-webhook-signature`, `x-webhook-event`); every other one is
//! reported once, at its first place, so that a document's author knows it had no effect.
//!
//! Extensions are keys of OpenAPI objects. Keys of maps whose keys are names (properties,
//! headers, media types, components) are not extensions even when they start with `x-`, and
//! nothing inside examples, defaults or enums is looked at.

use indexmap::IndexMap;
use serde_json::Value;

use crate::diagnostics::Sink;
use crate::position;

/// Extensions the generator acts on.
const UNDERSTOOD: &[&str] = &[
    "x-pagination",
    "x-rate-limit",
    "x-webhooks",
    "x-webhook-signature",
    "x-webhook-event",
    // The webhooks as the load stage lists them (`crate::webhooks::LIST`), for lowering.
    crate::webhooks::LIST,
];

#[derive(Clone, Copy)]
enum Kind {
    /// An OpenAPI object: `x-` keys are extensions.
    Object,
    /// A map of names to objects (`properties`, `headers`, `content`, ...).
    Names,
    /// A map of names to objects that may also hold extensions (`paths`, `responses`).
    NamesWithExtensions,
    /// Free-form data (examples, defaults, enums): not looked at.
    Data,
}

fn child_kind(key: &str, parent: Kind) -> Kind {
    if matches!(parent, Kind::Names | Kind::NamesWithExtensions) {
        return Kind::Object;
    }
    match key {
        "example" | "examples" | "default" | "enum" | "const" | "value" | "mapping" | "scopes" => Kind::Data,
        "paths" | "responses" | "callbacks" => Kind::NamesWithExtensions,
        "properties" | "headers" | "content" | "schemas" | "requestBodies" | "securitySchemes" | "links"
        | "variables" | "encoding" | "patternProperties" | "definitions" => Kind::Names,
        _ => Kind::Object,
    }
}

/// Warns once per extension name the generator does not act on.
pub fn report_unknown(root: &Value, sink: &mut Sink) {
    let mut found: IndexMap<String, (String, usize)> = IndexMap::new();
    walk(root, "", Kind::Object, &mut found);
    for (name, (first, count)) in found {
        let places = if count == 1 { "1 place".to_owned() } else { format!("{count} places, the first here") };
        sink.warning(
            "vendor extension not acted on",
            first,
            format!("vendor extension `{name}` has no effect on the generated crate ({places})"),
            "nothing to do if it is meant for other tools; the generator acts on x-pagination, x-rate-limit, x-webhooks, x-webhook-signature and x-webhook-event only",
        );
    }
}

fn walk(value: &Value, path: &str, kind: Kind, found: &mut IndexMap<String, (String, usize)>) {
    match (value, kind) {
        (_, Kind::Data) => {}
        (Value::Array(items), _) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, &position::index(path, index), kind, found);
            }
        }
        (Value::Object(object), _) => {
            for (key, child) in object {
                let child_path = position::key(path, key);
                let is_extension = key.starts_with("x-") && matches!(kind, Kind::Object | Kind::NamesWithExtensions);
                if is_extension {
                    if !UNDERSTOOD.contains(&key.as_str()) {
                        found.entry(key.clone()).or_insert_with(|| (child_path, 0)).1 += 1;
                    }
                    continue;
                }
                // The components section is a map of maps of names.
                let next = if path == "components" { Kind::Names } else { child_kind(key, kind) };
                walk(child, &child_path, next, found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_extension_once_and_ignores_names_that_look_like_extensions() {
        let document: Value = serde_json::json!({
            "x-top": 1,
            "paths": {
                "x-internal": true,
                "/a": {"get": {"x-top": 2, "x-pagination": {}, "responses": {"x-cache": 1, "200": {
                    "headers": {"x-rate-limit": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {"example": {"x-data": 1}}}
                }}}}
            },
            "components": {"schemas": {"x-name": {"type": "object", "properties": {"x-field": {"type": "string"}}}}}
        });
        let mut sink = Sink::default();
        report_unknown(&document, &mut sink);
        let messages: Vec<String> =
            sink.into_vec().into_iter().map(|d| format!("{} {}", d.location.path, d.message)).collect();
        assert_eq!(
            messages,
            vec![
                "x-top vendor extension `x-top` has no effect on the generated crate (2 places, the first here)",
                "paths.x-internal vendor extension `x-internal` has no effect on the generated crate (1 place)",
                "paths./a.get.responses.x-cache vendor extension `x-cache` has no effect on the generated crate (1 place)",
            ]
        );
    }
}
