//! Every schema of a document, in one fixed order: the places that hold a schema directly
//! (component schemas; the `schema` of parameters, media types and headers, wherever path
//! items are), and the schemas inside those by the grammar's keywords. A test checks each
//! place visited against the grammar (`Place::of`).

use serde_json::{Map, Value};

use super::{METHODS, Version};
use crate::position;

/// Calls `visit` on every schema object of the document, outermost first, with its path.
pub fn for_each_schema(root: &mut Value, visit: &mut dyn FnMut(&mut Value, &str)) {
    for_each_schema_root(root, &mut |schema, place| walk_schema(schema, &place.path, visit));
}

/// Where a schema is: its dotted path, for messages, and its JSON pointer (`#/paths/~1x/...`),
/// which is how `$ref`s name it.
pub struct Address {
    pub path: String,
    pub pointer: String,
}

impl Address {
    fn root() -> Self {
        Address { path: String::new(), pointer: "#".to_owned() }
    }

    pub fn key(&self, key: &str) -> Address {
        Address {
            path: position::key(&self.path, key),
            pointer: format!("{}/{}", self.pointer, key.replace('~', "~0").replace('/', "~1")),
        }
    }

    pub fn index(&self, index: usize) -> Address {
        Address { path: position::index(&self.path, index), pointer: format!("{}/{index}", self.pointer) }
    }
}

/// Calls `visit` on every place of the document that holds a schema directly (component
/// schemas; the `schema` of parameters, media types and headers), not on the schemas inside
/// those. Path items are looked into wherever they are: `paths`, callbacks, and OpenAPI 3.1's
/// `webhooks` and `components.pathItems`.
pub fn for_each_schema_root(root: &mut Value, visit: &mut dyn FnMut(&mut Value, &Address)) {
    let Some(root) = root.as_object_mut() else { return };
    let top = Address::root();
    if let Some(Value::Object(components)) = root.get_mut("components") {
        let place = top.key("components");
        if let Some(Value::Object(schemas)) = components.get_mut("schemas") {
            let section = place.key("schemas");
            for (name, schema) in schemas.iter_mut() {
                visit(schema, &section.key(name));
            }
        }
        if let Some(Value::Object(parameters)) = components.get_mut("parameters") {
            let section = place.key("parameters");
            for (name, parameter) in parameters.iter_mut() {
                walk_holder(parameter, &section.key(name), visit);
            }
        }
        for section in ["responses", "requestBodies", "headers"] {
            if let Some(Value::Object(items)) = components.get_mut(section) {
                let section = place.key(section);
                for (name, item) in items.iter_mut() {
                    walk_holder(item, &section.key(name), visit);
                }
            }
        }
        if let Some(Value::Object(callbacks)) = components.get_mut("callbacks") {
            walk_callbacks(callbacks, &place.key("callbacks"), visit);
        }
        if let Some(Value::Object(items)) = components.get_mut("pathItems") {
            walk_path_items(items, &place.key("pathItems"), visit);
        }
    }
    for section in ["paths", "webhooks"] {
        if let Some(Value::Object(items)) = root.get_mut(section) {
            walk_path_items(items, &top.key(section), visit);
        }
    }
}

fn walk_path_items(items: &mut Map<String, Value>, place: &Address, visit: &mut dyn FnMut(&mut Value, &Address)) {
    for (name, item) in items.iter_mut() {
        walk_path_item(item, &place.key(name), visit);
    }
}

fn walk_path_item(item: &mut Value, place: &Address, visit: &mut dyn FnMut(&mut Value, &Address)) {
    let Some(item) = item.as_object_mut() else { return };
    walk_parameters(item.get_mut("parameters"), place, visit);
    for method in METHODS {
        let Some(Value::Object(operation)) = item.get_mut(method) else { continue };
        let place = place.key(method);
        walk_parameters(operation.get_mut("parameters"), &place, visit);
        if let Some(body) = operation.get_mut("requestBody") {
            walk_holder(body, &place.key("requestBody"), visit);
        }
        if let Some(Value::Object(responses)) = operation.get_mut("responses") {
            let responses_place = place.key("responses");
            for (status, response) in responses.iter_mut() {
                walk_holder(response, &responses_place.key(status), visit);
            }
        }
        if let Some(Value::Object(callbacks)) = operation.get_mut("callbacks") {
            walk_callbacks(callbacks, &place.key("callbacks"), visit);
        }
    }
}

/// Callbacks: by name, a map of expressions to path items.
fn walk_callbacks(callbacks: &mut Map<String, Value>, place: &Address, visit: &mut dyn FnMut(&mut Value, &Address)) {
    for (name, callback) in callbacks.iter_mut() {
        if let Value::Object(items) = callback {
            walk_path_items(items, &place.key(name), visit);
        }
    }
}

fn walk_parameters(parameters: Option<&mut Value>, place: &Address, visit: &mut dyn FnMut(&mut Value, &Address)) {
    let Some(Value::Array(parameters)) = parameters else { return };
    let list = place.key("parameters");
    for (index, parameter) in parameters.iter_mut().enumerate() {
        walk_holder(parameter, &list.index(index), visit);
    }
}

/// Something that may carry a `schema`, `content` (media types with schemas and encodings)
/// or `headers`: parameters, request bodies, responses and headers.
fn walk_holder(holder: &mut Value, place: &Address, visit: &mut dyn FnMut(&mut Value, &Address)) {
    let Some(holder) = holder.as_object_mut() else { return };
    if let Some(schema) = holder.get_mut("schema") {
        visit(schema, &place.key("schema"));
    }
    if let Some(Value::Object(content)) = holder.get_mut("content") {
        let content_place = place.key("content");
        for (media, entry) in content.iter_mut() {
            let Some(entry) = entry.as_object_mut() else { continue };
            let media_place = content_place.key(media);
            if let Some(schema) = entry.get_mut("schema") {
                visit(schema, &media_place.key("schema"));
            }
            if let Some(Value::Object(encodings)) = entry.get_mut("encoding") {
                let encoding_place = media_place.key("encoding");
                for (name, encoding) in encodings.iter_mut() {
                    walk_holder(encoding, &encoding_place.key(name), visit);
                }
            }
        }
    }
    if let Some(Value::Object(headers)) = holder.get_mut("headers") {
        let headers_place = place.key("headers");
        for (name, header) in headers.iter_mut() {
            walk_holder(header, &headers_place.key(name), visit);
        }
    }
}

fn walk_schema(schema: &mut Value, path: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    visit(schema, path);
    let Some(object) = schema.as_object_mut() else { return };
    // Run after a 3.1 document's schemas are 3.0's: 3.0's keywords are all there is.
    let keywords = Version::V3_0.schema_keywords();
    for map in keywords.maps {
        if let Some(Value::Object(members)) = object.get_mut(*map) {
            let map_path = position::key(path, map);
            for (name, member) in members.iter_mut() {
                walk_schema(member, &position::key(&map_path, name), visit);
            }
        }
    }
    for single in keywords.one {
        if let Some(inner) = object.get_mut(*single)
            && inner.is_object()
        {
            walk_schema(inner, &position::key(path, single), visit);
        }
    }
    for list in keywords.lists {
        if let Some(Value::Array(parts)) = object.get_mut(*list) {
            let list_path = position::key(path, list);
            for (index, part) in parts.iter_mut().enumerate() {
                walk_schema(part, &position::index(&list_path, index), visit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{Kind, Place};
    use crate::json_pointer;
    use crate::parse::{self, Syntax};

    /// The walker and the grammar say the same of where schemas are: every place the walker
    /// visits as a schema, in every fixture, is a place the grammar says holds one.
    #[test]
    fn every_schema_the_walker_visits_is_a_schema_by_the_grammar() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut visited = 0;
        for entry in std::fs::read_dir(&fixtures).expect("the fixtures") {
            let path = entry.expect("a fixture").path();
            let syntax = match path.extension().and_then(|extension| extension.to_str()) {
                Some("yaml") => Syntax::Yaml,
                Some("json") => Syntax::Json,
                _ => continue,
            };
            let text = std::fs::read_to_string(&path).expect("readable");
            let Ok(parsed) = parse::parse(&text, syntax) else { continue };
            let mut document = parsed.value;
            let version = match document.get("openapi").and_then(Value::as_str) {
                Some(version) if version.starts_with("3.1") => Version::V3_1,
                _ => Version::V3_0,
            };
            let mut wrong = Vec::new();
            for_each_schema_root(&mut document, &mut |_, address| {
                visited += 1;
                let tokens = json_pointer::parse(&address.pointer).expect("a pointer");
                if Place::of(version, &tokens).and_then(Place::kind) != Some(Kind::Schema) {
                    wrong.push(address.path.clone());
                }
            });
            assert!(wrong.is_empty(), "{}: not schemas by the grammar: {wrong:?}", path.display());
        }
        assert!(visited > 100, "the fixtures hold schemas: {visited}");
    }
}
