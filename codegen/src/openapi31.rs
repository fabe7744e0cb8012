//! OpenAPI 3.1 read as 3.0: the parsed document rewritten, before openapiv3 reads it, into the
//! 3.0 shape the generator knows; what 3.0 cannot hold is warned at the 3.1 document's path.
//!
//! Most of 3.1 is 3.0 with JSON Schema 2020-12 for schemas (`schemas.rs`). The rest is at the
//! document's level: `webhooks`, `components.pathItems`, `jsonSchemaDialect`, `info.summary`,
//! optional `paths` and `responses`, `mutualTLS`. What moves (a `$defs` entry, a webhook's
//! payload, a path item given by `$ref`) is recorded in `Relocations`, so that a later finding
//! about it names the place where the 3.1 document wrote it.

mod definitions;
mod schemas;
mod targets;

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Sink};
use crate::lower::naming;
use crate::normalize::{self, METHODS};
use crate::parse::describe;
use crate::position;

/// How many `$ref`s in a row may lead to further references before it counts as a cycle.
const MAX_HOPS: usize = 64;

/// Whether `version` is one of OpenAPI 3.1's (`3.1.0`, `3.1.1`).
pub fn is_version(version: &str) -> bool {
    version == "3.1" || version.starts_with("3.1.")
}

/// Rewrites an OpenAPI 3.1 document into OpenAPI 3.0's shape, in place.
pub fn down_convert(root: &mut Value, sink: &mut Sink, relocations: &mut Relocations) {
    let Some(object) = root.as_object_mut() else { return };
    top_level(object, sink);
    definitions::hoist(root, sink, relocations);
    targets::hoist(root, relocations);
    let mut converter = schemas::Converter::new(sink, relocations);
    normalize::for_each_schema_root(root, &mut |schema, place| converter.schema(schema, &place.path));
    converter.finish();
    path_items(root, sink, relocations);
    webhooks(root, sink, relocations);
    operations(root, sink);
}

/// Places the conversion made up, each with the place in the 3.1 document it stands for.
#[derive(Debug, Default)]
pub struct Relocations {
    moved: HashMap<String, String>,
}

impl Relocations {
    /// Records that what is now at `made` was written at `original` (itself perhaps made up
    /// by an earlier move: then where that came from). The first record of a place stands.
    fn add(&mut self, made: String, original: String) {
        let original = self.original(&original);
        self.moved.entry(made).or_insert(original);
    }

    /// `path` as the 3.1 document has it: its longest made-up prefix replaced. A prefix ends
    /// where a key, an index or a remark after a space begins (`X (as sent in requests)`).
    pub fn original(&self, path: &str) -> String {
        if self.moved.is_empty() {
            return path.to_owned();
        }
        let ends = path.char_indices().filter(|(_, ch)| matches!(ch, '.' | '[' | ' ')).map(|(end, _)| end);
        let mut ends: Vec<usize> = ends.collect();
        ends.push(path.len());
        ends.iter()
            .rev()
            .find_map(|&end| self.moved.get(&path[..end]).map(|original| format!("{original}{}", &path[end..])))
            .unwrap_or_else(|| path.to_owned())
    }

    /// Points every finding that is about a moved part at the 3.1 document's own place.
    pub fn apply(&self, diagnostics: &mut [Diagnostic]) {
        if self.moved.is_empty() {
            return;
        }
        for diagnostic in diagnostics {
            if diagnostic.location.line.is_none() {
                diagnostic.location.path = self.original(&diagnostic.location.path);
            }
        }
    }
}

/// New keys for a section of `components`: unlike every key there, unlike every type name
/// those keys give (so that a schema's type is called what the messages say), and no key's
/// prefix before a dot (so that dotted paths stay unambiguous).
struct ComponentNames {
    keys: HashSet<String>,
    types: HashSet<String>,
}

impl ComponentNames {
    fn of(root: &Value, section: &str) -> Self {
        let keys: HashSet<String> = root
            .get("components")
            .and_then(|components| components.get(section))
            .and_then(Value::as_object)
            .map(|schemas| schemas.keys().cloned().collect())
            .unwrap_or_default();
        let types = keys
            .iter()
            .map(|key| naming::pascal(key))
            .chain(naming::PRELUDE.iter().map(|name| (*name).to_owned()))
            .map(|name| name.to_ascii_lowercase())
            .collect();
        ComponentNames { keys, types }
    }

    fn claim(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "Schema" } else { base };
        let mut candidate = base.to_owned();
        let mut counter = 1;
        while !self.is_free(&candidate) {
            counter += 1;
            candidate = format!("{base}{counter}");
        }
        self.types.insert(naming::pascal(&candidate).to_ascii_lowercase());
        self.keys.insert(candidate.clone());
        candidate
    }

    fn is_free(&self, candidate: &str) -> bool {
        !self.keys.contains(candidate)
            && !self.types.contains(&naming::pascal(candidate).to_ascii_lowercase())
            && !self.keys.iter().any(|key| key.strip_prefix(candidate).is_some_and(|rest| rest.starts_with('.')))
    }
}

/// `jsonSchemaDialect`, `info.summary`, and `paths`, which 3.1 lets a document leave out.
fn top_level(root: &mut Map<String, Value>, sink: &mut Sink) {
    match root.shift_remove("jsonSchemaDialect") {
        None => {}
        Some(Value::String(dialect)) if schemas::is_default_dialect(&dialect) => {}
        Some(Value::String(dialect)) => sink.warning(
            "non-default JSON Schema dialect",
            "jsonSchemaDialect",
            format!("`jsonSchemaDialect: {dialect}` names another dialect; the schemas are read as OpenAPI 3.1's (JSON Schema 2020-12)"),
            "leave `jsonSchemaDialect` out, or check that the schemas mean the same in JSON Schema 2020-12",
        ),
        Some(other) => sink.error(
            "jsonSchemaDialect",
            format!("`jsonSchemaDialect` is {}, not a URI", describe(&other)),
            "leave `jsonSchemaDialect` out (OpenAPI 3.1's dialect is the default), or write it as a URI string",
        ),
    }
    if let Some(Value::Object(info)) = root.get_mut("info")
        && let Some(summary) = info.shift_remove("summary")
    {
        match (summary, info.get("description")) {
            (Value::String(summary), None) => {
                info.insert("description".to_owned(), Value::String(summary));
            }
            (Value::String(summary), Some(Value::String(description))) => {
                let both = format!("{summary}\n\n{description}");
                info.insert("description".to_owned(), Value::String(both));
            }
            (Value::String(_), Some(_)) => {}
            (other, _) => sink.error(
                "info.summary",
                format!("`info.summary` is {}, not a string", describe(&other)),
                "write `summary` as one line of text",
            ),
        }
    }
    if !root.contains_key("paths") {
        if !root.contains_key("components") && !root.contains_key("webhooks") {
            sink.error(
                "",
                "the document has none of `paths`, `components` and `webhooks`; an OpenAPI 3.1 document has at least one",
                "add `paths:` with the API's operations",
            );
        }
        root.insert("paths".to_owned(), Value::Object(Map::new()));
    }
}

/// Path items given by `$ref` to `components.pathItems` are written out where they are used,
/// their own fields (a `summary`, a `description`) over the shared ones; findings about what
/// came from the shared item name its place there.
fn path_items(root: &mut Value, sink: &mut Sink, relocations: &mut Relocations) {
    let shared = match root.get_mut("components").and_then(Value::as_object_mut).map(|c| c.shift_remove("pathItems")) {
        Some(Some(Value::Object(shared))) => shared,
        Some(Some(other)) => {
            sink.error(
                "components.pathItems",
                format!("`components.pathItems` is {}, not an object", describe(&other)),
                "write `pathItems` as an object whose keys name path items",
            );
            return;
        }
        _ => Map::new(),
    };
    for section in ["paths", "webhooks"] {
        let Some(Value::Object(items)) = root.get_mut(section) else { continue };
        for (key, item) in items.iter_mut() {
            let Some(Value::String(reference)) = item.get("$ref") else { continue };
            // Another file: refused with every other reference to one.
            if !reference.starts_with('#') {
                continue;
            }
            let reference = reference.clone();
            let item_path = position::key(&position::key(section, key), "$ref");
            let Some((name, target)) = resolve_path_item(&reference, &shared, &item_path, sink) else { continue };
            let Value::Object(mut merged) = target.clone() else { continue };
            let target_path = position::key("components.pathItems", &name);
            for field in merged.keys() {
                let made = position::key(&position::key(section, key), field);
                if item.get(field).is_none() {
                    relocations.add(made, position::key(&target_path, field));
                }
            }
            if let Value::Object(local) = item {
                for (field, value) in local.iter().filter(|(field, _)| *field != "$ref") {
                    merged.insert(field.clone(), value.clone());
                }
            }
            *item = Value::Object(merged);
        }
    }
}

/// The shared path item a reference leads to, through other references, with its name.
fn resolve_path_item<'s>(
    reference: &str,
    shared: &'s Map<String, Value>,
    path: &str,
    sink: &mut Sink,
) -> Option<(String, &'s Value)> {
    let mut current = reference.to_owned();
    for _ in 0..MAX_HOPS {
        let Some(name) = current.strip_prefix("#/components/pathItems/") else {
            sink.error(
                path,
                format!("`{current}` is not a reference to `components.pathItems`"),
                "keep shared path items under `components.pathItems` and refer to them as `#/components/pathItems/Name`, or write the path item inline",
            );
            return None;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        let Some(target) = shared.get(&name) else {
            sink.error(
                path,
                format!("unresolved reference `{current}`: there is no `{name}` in `components.pathItems`"),
                format!("define `{name}` under `components.pathItems`, or correct the reference"),
            );
            return None;
        };
        match target.get("$ref").and_then(Value::as_str) {
            Some(next) => current = next.to_owned(),
            None if target.is_object() => return Some((name, target)),
            None => {
                sink.error(
                    position::key("components.pathItems", &name),
                    format!("the path item `{name}` is {}, not an object", describe(target)),
                    "write the path item as an object of operations by method",
                );
                return None;
            }
        }
    }
    sink.error(
        path,
        format!("`{reference}` starts a cycle of references that never reaches a path item"),
        "make one of the references in the cycle point to a real path item",
    );
    None
}

/// Webhooks are requests the API sends, not operations a client calls: each is warned, with
/// what is left out, and its payload schema is kept as a component schema, so that the crate
/// has a type to decode it with.
fn webhooks(root: &mut Value, sink: &mut Sink, relocations: &mut Relocations) {
    let Some(object) = root.as_object_mut() else { return };
    let webhooks = match object.shift_remove("webhooks") {
        None => return,
        Some(Value::Object(webhooks)) => webhooks,
        Some(other) => {
            sink.error(
                "webhooks",
                format!("`webhooks` is {}, not an object", describe(&other)),
                "write `webhooks` as an object of webhook names to path items",
            );
            return;
        }
    };
    let mut names = ComponentNames::of(root, "schemas");
    // By the place a payload schema was written, the name it was kept under: a request body
    // shared by several webhooks gives one type.
    let mut kept: HashMap<String, String> = HashMap::new();
    let mut payloads: Vec<(String, Value)> = Vec::new();
    for (webhook, item) in &webhooks {
        let item_path = position::key("webhooks", webhook);
        let Value::Object(item) = item else {
            sink.error(
                &item_path,
                format!("the webhook `{webhook}` is {}, not a path item", describe(item)),
                "write the webhook as a path item: an object of operations by method",
            );
            continue;
        };
        if item.contains_key("$ref") {
            // A reference to another file, refused with the others, or one already reported.
            continue;
        }
        let methods: Vec<&str> =
            METHODS.into_iter().filter(|method| item.get(*method).is_some_and(Value::is_object)).collect();
        for method in &methods {
            let operation_path = position::key(&item_path, method);
            let Some(Value::Object(operation)) = item.get(*method) else { continue };
            let base = if methods.len() == 1 {
                format!("{}Payload", naming::pascal(webhook))
            } else {
                format!("{}{}Payload", naming::pascal(webhook), naming::pascal(method))
            };
            let mut types = Vec::new();
            if let Some((body, body_path)) = request_body(root, operation, &operation_path, sink) {
                let media_types = body.get("content").and_then(Value::as_object).into_iter().flatten();
                for (media, entry) in media_types {
                    let Some(schema) = entry.get("schema") else { continue };
                    if let Some(name) = component_name(schema) {
                        types.push(naming::pascal(&name));
                        continue;
                    }
                    let source = position::key(&position::key(&position::key(&body_path, "content"), media), "schema");
                    let name = kept.entry(source.clone()).or_insert_with(|| {
                        let name = names.claim(&base);
                        relocations.add(position::key("components.schemas", &name), source.clone());
                        payloads.push((name.clone(), described_payload(schema, webhook, method, operation)));
                        name
                    });
                    types.push(naming::pascal(name));
                }
            }
            types.dedup();
            // A webhook written out from `components.pathItems` is named where it is listed.
            let shared = relocations.original(&operation_path) != operation_path;
            sink.warning(
                "webhook not generated as an operation",
                if shared { &item_path } else { &operation_path },
                webhook_message(webhook, method, &types, item, operation),
                "decode the requests your server receives with the payload's type (in `models`, behind the `unreferenced-models` feature unless an operation uses it)",
            );
        }
    }
    if payloads.is_empty() {
        return;
    }
    if let Some(Value::Object(schemas)) = root.pointer_mut("/components/schemas") {
        schemas.extend(payloads);
    } else if let Some(Value::Object(components)) = root.get_mut("components") {
        if !components.contains_key("schemas") {
            components.insert("schemas".to_owned(), Value::Object(payloads.into_iter().collect()));
        }
    } else if let Some(root) = root.as_object_mut()
        && !root.contains_key("components")
    {
        let schemas = Value::Object(payloads.into_iter().collect());
        root.insert("components".to_owned(), Value::Object([("schemas".to_owned(), schemas)].into_iter().collect()));
    }
}

/// A payload schema with no description of its own is described by its webhook, so that the
/// type's docs say what it is for.
fn described_payload(schema: &Value, webhook: &str, method: &str, operation: &Map<String, Value>) -> Value {
    let mut schema = schema.clone();
    if let Value::Object(object) = &mut schema
        && !object.contains_key("description")
    {
        let mut text = format!("The payload of the webhook `{webhook}` ({}).", method.to_ascii_uppercase());
        if let Some(about) =
            ["summary", "description"].iter().find_map(|key| operation.get(*key).and_then(Value::as_str))
        {
            text.push_str("\n\n");
            text.push_str(about);
        }
        object.insert("description".to_owned(), Value::String(text));
    }
    schema
}

fn webhook_message(
    webhook: &str,
    method: &str,
    types: &[String],
    item: &Map<String, Value>,
    operation: &Map<String, Value>,
) -> String {
    let mut message = format!(
        "webhook `{webhook}` ({}) is a request the API sends, not one this client makes: no method is generated for it",
        method.to_ascii_uppercase()
    );
    match types {
        [] => message.push_str("; it has no payload schema"),
        [one] => message.push_str(&format!("; its payload is the type `{one}`")),
        several => message.push_str(&format!(
            "; its payload is one of the types {}",
            several.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
        )),
    }
    let count = |value: Option<&Value>| value.and_then(Value::as_array).map_or(0, Vec::len);
    let parameters = count(item.get("parameters")) + count(operation.get("parameters"));
    let mut left_out = Vec::new();
    if parameters > 0 {
        left_out.push(format!("{parameters} parameter{}", if parameters == 1 { "" } else { "s" }));
    }
    if let Some(Value::Object(responses)) = operation.get("responses")
        && !responses.is_empty()
    {
        let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
        left_out.push(format!("the answers it expects ({})", statuses.join(", ")));
    }
    if operation.get("callbacks").and_then(Value::as_object).is_some_and(|callbacks| !callbacks.is_empty()) {
        left_out.push("its callbacks".to_owned());
    }
    if !left_out.is_empty() {
        message.push_str(&format!("; left out: {}", left_out.join(", ")));
    }
    message
}

/// An operation's request body, through a reference to `components.requestBodies`, with the
/// place it is written at.
fn request_body<'d>(
    root: &'d Value,
    operation: &'d Map<String, Value>,
    operation_path: &str,
    sink: &mut Sink,
) -> Option<(&'d Value, String)> {
    let mut body = operation.get("requestBody")?;
    let mut path = position::key(operation_path, "requestBody");
    for _ in 0..MAX_HOPS {
        let Some(reference) = body.get("$ref").and_then(Value::as_str) else { return Some((body, path)) };
        let Some(name) = reference.strip_prefix("#/components/requestBodies/") else {
            // Lowering reports references to the wrong section; a webhook is not lowered.
            sink.error(
                position::key(&path, "$ref"),
                format!("`{reference}` is not a reference to `components.requestBodies`"),
                "point the reference at an entry of `components.requestBodies`",
            );
            return None;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        let Some(target) = root.pointer("/components/requestBodies").and_then(|bodies| bodies.get(&name)) else {
            sink.error(
                position::key(&path, "$ref"),
                format!("unresolved reference `{reference}`: there is no `{name}` in `components.requestBodies`"),
                format!("define `{name}` under `components.requestBodies`, or correct the reference"),
            );
            return None;
        };
        body = target;
        path = position::key("components.requestBodies", &name);
    }
    None
}

/// The component a schema is only a reference to.
fn component_name(schema: &Value) -> Option<String> {
    let object = schema.as_object()?;
    let reference = object.get("$ref")?.as_str()?;
    let name = reference.strip_prefix("#/components/schemas/")?;
    (object.len() == 1).then(|| name.replace("~1", "/").replace("~0", "~"))
}

/// Operations: `responses`, optional in 3.1, is added empty; `mutualTLS` schemes (a client
/// certificate, given in TLS, not in the request) leave the client's credentials; a
/// description beside a `$ref`, which 3.0 does not read, is named.
fn operations(root: &mut Value, sink: &mut Sink) {
    let mut mutual = Vec::new();
    if let Some(Value::Object(schemes)) = root.pointer_mut("/components/securitySchemes") {
        schemes.retain(|name, scheme| {
            let is_mutual = scheme.get("type").and_then(Value::as_str) == Some("mutualTLS");
            if is_mutual {
                mutual.push(name.clone());
            }
            !is_mutual
        });
    }
    for name in &mutual {
        sink.warning(
            "mutualTLS security scheme",
            position::key("components.securitySchemes", name),
            format!("`{name}` is a `mutualTLS` scheme: the client certificate is set up in TLS, not sent with a request, so the client takes no credential for it"),
            "build a `reqwest::Client` with the certificate (`reqwest::Identity`) and give it to the client builder's `http_client`",
        );
    }
    let Some(root) = root.as_object_mut() else { return };
    strip_schemes(root.get_mut("security"), &mutual);
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (template, item) in paths.iter_mut() {
            let item_path = position::key("paths", template);
            if let Value::Object(item) = item {
                described_references(item.get("parameters"), &position::key(&item_path, "parameters"), sink);
            }
            each_operation(item, &item_path, &mut |operation, path| {
                described_references(operation.get("parameters"), &position::key(path, "parameters"), sink);
                if let Some(body) = operation.get("requestBody") {
                    described_reference(body, &position::key(path, "requestBody"), sink);
                }
                if let Some(Value::Object(responses)) = operation.get("responses") {
                    for (status, response) in responses {
                        described_reference(response, &position::key(&position::key(path, "responses"), status), sink);
                    }
                }
            });
        }
    }
    let mut fix = |operation: &mut Map<String, Value>, _: &str| {
        operation.entry("responses").or_insert_with(|| Value::Object(Map::new()));
        strip_schemes(operation.get_mut("security"), &mutual);
    };
    if let Some(Value::Object(items)) = root.get_mut("paths") {
        for (template, item) in items.iter_mut() {
            each_operation(item, &position::key("paths", template), &mut fix);
        }
    }
    if let Some(Value::Object(callbacks)) = root.get_mut("components").and_then(|c| c.get_mut("callbacks")) {
        for (name, callback) in callbacks.iter_mut() {
            if let Value::Object(items) = callback {
                for (expression, item) in items.iter_mut() {
                    let path = position::key(&position::key("components.callbacks", name), expression);
                    each_operation(item, &path, &mut fix);
                }
            }
        }
    }
}

/// Calls `visit` on each operation of a path item, and of the path items of its callbacks.
fn each_operation(item: &mut Value, path: &str, visit: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    let Some(item) = item.as_object_mut() else { return };
    for method in METHODS {
        let Some(Value::Object(operation)) = item.get_mut(method) else { continue };
        let operation_path = position::key(path, method);
        visit(operation, &operation_path);
        if let Some(Value::Object(callbacks)) = operation.get_mut("callbacks") {
            for (name, callback) in callbacks.iter_mut() {
                if let Value::Object(items) = callback {
                    for (expression, item) in items.iter_mut() {
                        let path = position::key(
                            &position::key(&position::key(&operation_path, "callbacks"), name),
                            expression,
                        );
                        each_operation(item, &path, visit);
                    }
                }
            }
        }
    }
}

/// Removes the `mutualTLS` schemes from each alternative of a `security` list.
fn strip_schemes(security: Option<&mut Value>, schemes: &[String]) {
    if schemes.is_empty() {
        return;
    }
    let Some(Value::Array(alternatives)) = security else { return };
    for alternative in alternatives {
        if let Value::Object(alternative) = alternative {
            alternative.retain(|name, _| !schemes.contains(name));
        }
    }
}

fn described_references(list: Option<&Value>, path: &str, sink: &mut Sink) {
    let Some(Value::Array(items)) = list else { return };
    for (index, item) in items.iter().enumerate() {
        described_reference(item, &position::index(path, index), sink);
    }
}

/// 3.1 lets a reference carry a `description` that replaces its target's; 3.0 reads a
/// reference alone, so the generated docs keep the target's, and the reader is told.
fn described_reference(item: &Value, path: &str, sink: &mut Sink) {
    let Some(object) = item.as_object() else { return };
    let (Some(Value::String(reference)), Some(Value::String(_))) = (object.get("$ref"), object.get("description"))
    else {
        return;
    };
    sink.warning(
        "description beside a reference",
        position::key(path, "description"),
        format!("the `description` beside `$ref: {reference}` is not used: the generated docs keep the description of its target"),
        "move the description into the component it refers to, or write the object inline",
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn converted(mut document: Value) -> (Value, Vec<String>, Relocations) {
        let mut sink = Sink::default();
        let mut relocations = Relocations::default();
        down_convert(&mut document, &mut sink, &mut relocations);
        let findings = sink
            .into_vec()
            .into_iter()
            .map(|finding| format!("{} {}: {}", finding.kind, finding.location.path, finding.message))
            .collect();
        (document, findings, relocations)
    }

    #[test]
    fn versions() {
        assert!(is_version("3.1.0") && is_version("3.1.1") && is_version("3.1"));
        assert!(!is_version("3.10.0") && !is_version("3.0.3") && !is_version("3.2.0"));
    }

    #[test]
    fn a_document_of_webhooks_only_keeps_their_payloads_as_schemas() {
        let (document, findings, relocations) = converted(json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1", "summary": "Short."},
            "webhooks": {
                "pet.created": {"post": {
                    "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": ["string", "null"]}}}}}},
                    "responses": {"200": {"description": "ok"}}
                }},
                "pet.deleted": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}
            },
            "components": {"schemas": {"Pet": {"type": "object"}}}
        }));
        assert_eq!(
            document,
            json!({
                "openapi": "3.1.0",
                "info": {"title": "T", "version": "1", "description": "Short."},
                "components": {"schemas": {
                    "Pet": {"type": "object"},
                    "PetCreatedPayload": {
                        "type": "object",
                        "properties": {"id": {"type": "string", "nullable": true}},
                        "description": "The payload of the webhook `pet.created` (POST)."
                    }
                }},
                "paths": {}
            })
        );
        assert_eq!(
            findings,
            vec![
                "webhook not generated as an operation webhooks.pet.created.post: webhook `pet.created` (POST) is a request the API sends, not one this client makes: no method is generated for it; its payload is the type `PetCreatedPayload`; left out: the answers it expects (200)",
                "webhook not generated as an operation webhooks.pet.deleted.post: webhook `pet.deleted` (POST) is a request the API sends, not one this client makes: no method is generated for it; its payload is the type `Pet`",
            ]
        );
        assert_eq!(
            relocations.original("components.schemas.PetCreatedPayload.properties.id"),
            "webhooks.pet.created.post.requestBody.content.application/json.schema.properties.id"
        );
    }

    #[test]
    fn shared_path_items_are_written_out_where_they_are_used() {
        let (document, findings, relocations) = converted(json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "paths": {"/pets": {"$ref": "#/components/pathItems/Pets", "summary": "Pets here"}},
            "components": {"pathItems": {"Pets": {"summary": "Pets", "get": {"operationId": "listPets"}}}}
        }));
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(
            document["paths"],
            json!({"/pets": {"summary": "Pets here", "get": {"operationId": "listPets", "responses": {}}}})
        );
        assert_eq!(relocations.original("paths./pets.get.operationId"), "components.pathItems.Pets.get.operationId");
        assert_eq!(relocations.original("paths./pets.summary"), "paths./pets.summary");
    }

    #[test]
    fn a_missing_shared_path_item_and_a_cycle_are_errors_with_their_place() {
        let (_, findings, _) = converted(json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"$ref": "#/components/pathItems/Missing"}, "/b": {"$ref": "#/components/pathItems/Loop"}},
            "components": {"pathItems": {"Loop": {"$ref": "#/components/pathItems/Loop"}}}
        }));
        assert_eq!(
            findings,
            vec![
                " paths./a.$ref: unresolved reference `#/components/pathItems/Missing`: there is no `Missing` in `components.pathItems`",
                " paths./b.$ref: `#/components/pathItems/Loop` starts a cycle of references that never reaches a path item",
            ]
        );
    }

    #[test]
    fn a_dialect_other_than_3_1_s_is_warned_and_the_default_one_is_not() {
        let document = |dialect: &str| json!({"openapi": "3.1.0", "jsonSchemaDialect": dialect, "info": {"title": "T", "version": "1"}, "paths": {}});
        let (converted_document, findings, _) = converted(document("https://spec.openapis.org/oas/3.1/dialect/base"));
        assert!(findings.is_empty(), "{findings:?}");
        assert!(converted_document.get("jsonSchemaDialect").is_none(), "openapiv3 has no such field");
        let (_, findings, _) = converted(document("https://json-schema.org/draft/2019-09/schema"));
        assert_eq!(
            findings,
            vec![
                "non-default JSON Schema dialect jsonSchemaDialect: `jsonSchemaDialect: https://json-schema.org/draft/2019-09/schema` names another dialect; the schemas are read as OpenAPI 3.1's (JSON Schema 2020-12)"
            ]
        );
    }

    #[test]
    fn mutual_tls_leaves_the_credentials_with_a_warning() {
        let (document, findings, _) = converted(json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "security": [{"mtls": []}, {"key": []}],
            "paths": {},
            "components": {"securitySchemes": {"mtls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "in": "header", "name": "K"}}}
        }));
        assert_eq!(document["security"], json!([{}, {"key": []}]));
        assert_eq!(
            document["components"]["securitySchemes"],
            json!({"key": {"type": "apiKey", "in": "header", "name": "K"}})
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
    }
}
