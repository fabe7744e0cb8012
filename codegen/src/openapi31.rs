//! OpenAPI 3.1 read as 3.0: the parsed document rewritten, before openapiv3 reads it, into the
//! 3.0 shape the generator knows; what 3.0 cannot hold is warned at the 3.1 document's path.
//!
//! Most of 3.1 is 3.0 with JSON Schema 2020-12 for schemas (`schemas.rs`). The rest is at the
//! document's level: `webhooks`, `components.pathItems`, `jsonSchemaDialect`, `info.summary`,
//! optional `paths` and `responses`, `mutualTLS`. What moves (a `$defs` entry, a webhook's
//! payload, a type list's keywords) is recorded in the load stage's `Relocations`, so that a
//! later finding about it names the place where the 3.1 document wrote it.
//!
//! References are the `pointers` pass's, as in a 3.0 document: the load stage runs it between
//! `prepare`, which makes JSON Schema's own references (`$defs`, `$anchor`, `$id`) pointers to
//! components, and `convert_schemas`, so that a pointer into a schema finds it where the
//! document wrote it; it copies shared path items (`components.pathItems`) where they are used
//! before `finish` leaves them out.

mod definitions;
mod schemas;

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::diagnostics::Sink;
use crate::grammar::{self, METHODS};
use crate::lower::naming;
use crate::parse::describe;
use crate::position;
use crate::relocations::Relocations;

/// Whether `version` is one of OpenAPI 3.1's (`3.1.0`, `3.1.1`).
pub fn is_version(version: &str) -> bool {
    version == "3.1" || version.starts_with("3.1.")
}

/// The document's level as 3.0's checks read it (`paths` present, `info` as 3.0 has it), and
/// schemas found by `$defs`, `$anchor` or `$id` made components, referred to by JSON pointers.
pub fn prepare(root: &mut Value, sink: &mut Sink, relocations: &mut Relocations) {
    let Some(object) = root.as_object_mut() else { return };
    top_level(object, sink);
    definitions::hoist(root, sink, relocations);
}

/// JSON Schema 2020-12's keywords rewritten into OpenAPI 3.0's, in every schema of the document.
pub fn convert_schemas(root: &mut Value, sink: &mut Sink, relocations: &mut Relocations) {
    let mut converter = schemas::Converter::new(sink, relocations);
    grammar::for_each_schema_root(root, &mut |schema, place| converter.schema(schema, &place.path));
    converter.finish();
}

/// The rest of 3.0's shape, once references are resolved and shared path items copied where
/// they are used: `components.pathItems` left out, operations as 3.0 has them (webhooks are
/// `crate::webhooks`'s, for both versions).
pub fn finish(root: &mut Value, sink: &mut Sink) {
    shared_path_items(root, sink);
    operations(root, sink);
}

/// New keys for a section of `components`: unlike every key there, unlike every type name
/// those keys give (so that a schema's type is called what the messages say), and no key's
/// prefix before a dot (so that dotted paths stay unambiguous).
pub(crate) struct ComponentNames {
    keys: HashSet<String>,
    types: HashSet<String>,
}

impl ComponentNames {
    pub(crate) fn of(root: &Value, section: &str) -> Self {
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

    pub(crate) fn claim(&mut self, base: &str) -> String {
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

/// `components.pathItems`, which 3.0 does not have, leaves the document: `pointers` has copied
/// each path item given by reference where it is used.
fn shared_path_items(root: &mut Value, sink: &mut Sink) {
    let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) else { return };
    match components.shift_remove("pathItems") {
        None | Some(Value::Object(_)) => {}
        Some(other) => sink.error(
            "components.pathItems",
            format!("`components.pathItems` is {}, not an object", describe(&other)),
            "write `pathItems` as an object whose keys name path items",
        ),
    }
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
        crate::load::rewrite(&mut document, crate::grammar::Version::V3_1, &mut sink, &mut relocations);
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
    fn a_document_of_webhooks_only_keeps_their_payloads_as_schemas_and_lists_them() {
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
                "paths": {},
                "x-openapi-client-webhooks": [
                    {"name": "pet.created", "method": "post", "at": "webhooks.pet.created.post", "operationId": null,
                     "summary": null, "description": null, "deprecated": false, "payload": "PetCreatedPayload", "headers": {}},
                    {"name": "pet.deleted", "method": "post", "at": "webhooks.pet.deleted.post", "operationId": null,
                     "summary": null, "description": null, "deprecated": false, "payload": "Pet", "headers": {}}
                ]
            })
        );
        assert_eq!(findings, Vec::<String>::new(), "webhooks are events now, not warned");
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
        // As for a path item given by reference in 3.0: the path's own field is used, and the
        // reader is told, since OpenAPI leaves that case undefined.
        assert_eq!(
            findings,
            vec![
                "path item field beside $ref paths./pets.summary: `summary` is defined here and in `#/components/pathItems/Pets`, which this path item references; this one is used"
            ]
        );
        assert_eq!(
            document["paths"],
            json!({"/pets": {"summary": "Pets here", "get": {"operationId": "listPets", "responses": {}}}})
        );
        assert!(document["components"].get("pathItems").is_none(), "3.0 has no `components.pathItems`");
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
                " paths./a.$ref: unresolved reference `#/components/pathItems/Missing`: `components.pathItems` has no `Missing`",
                " paths./b.$ref: `#/components/pathItems/Loop` starts a cycle of references that never reaches a definition: `#/components/pathItems/Loop` → `#/components/pathItems/Loop`",
                " components.pathItems.Loop.$ref: `#/components/pathItems/Loop` starts a cycle of references that never reaches a definition: `#/components/pathItems/Loop` → `#/components/pathItems/Loop`",
            ]
        );
    }

    #[test]
    fn an_anchor_or_an_id_naming_a_schema_inside_another_makes_it_a_component() {
        let (document, findings, relocations) = converted(json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "Pet": {"$id": "https://example.com/pet", "properties": {"owner": {
                    "$anchor": "owner", "type": "object", "properties": {"name": {"type": "string"}}
                }}},
                "Shelter": {"properties": {
                    "keeper": {"$ref": "#owner"},
                    "name": {"$ref": "https://example.com/pet#/properties/owner/properties/name"}
                }}
            }}
        }));
        assert!(findings.is_empty(), "{findings:?}");
        let schemas = &document["components"]["schemas"];
        assert_eq!(schemas["Pet"]["properties"]["owner"], json!({"$ref": "#/components/schemas/PetOwner"}));
        assert_eq!(schemas["Shelter"]["properties"]["keeper"], json!({"$ref": "#/components/schemas/PetOwner"}));
        assert_eq!(schemas["Shelter"]["properties"]["name"], json!({"$ref": "#/components/schemas/PetOwnerName"}));
        assert_eq!(schemas["PetOwnerName"], json!({"type": "string"}));
        assert_eq!(
            relocations.original("components.schemas.PetOwner.properties.name"),
            "components.schemas.Pet.properties.owner.properties.name"
        );
    }

    #[test]
    fn pointers_into_3_1_places_find_their_targets_as_written() {
        let (document, findings, relocations) = converted(json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "webhooks": {"pet.created": {"post": {"requestBody": {"content": {"application/json": {"schema": {
                "type": "object",
                "properties": {"point": {"$ref": "#/components/schemas/Shape/prefixItems/0"}}
            }}}}}}},
            "components": {"schemas": {
                "Shape": {"type": "array", "prefixItems": [{"type": ["number", "null"]}]},
                "Echo": {"$ref": "#/webhooks/pet.created/post/requestBody/content/application~1json/schema/properties/point"}
            }}
        }));
        assert!(findings.len() == 1 && findings[0].starts_with("tuple read as a list"), "{findings:?}");
        // The tuple's first schema became a component before tuples were rewritten, and the
        // reference through the webhook's payload reached it.
        let schemas = &document["components"]["schemas"];
        assert_eq!(schemas["ShapeItem1"], json!({"type": "number", "nullable": true}), "{schemas}");
        assert_eq!(schemas["Echo"], json!({"$ref": "#/components/schemas/ShapeItem1"}));
        assert_eq!(
            relocations.original("components.schemas.ShapeItem1.type"),
            "components.schemas.Shape.prefixItems[0].type"
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
