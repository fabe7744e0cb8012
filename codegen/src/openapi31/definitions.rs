//! Schemas found by JSON Schema's own means, made OpenAPI 3.0 components: `$defs` (and the
//! older `definitions`) move to `components.schemas`, and `$ref`s by `$anchor`, by `$id` or into
//! a `$defs` point at the component they became, or at the schema's place by a JSON pointer,
//! which the `pointers` pass then follows like any other.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::ComponentNames;
use crate::diagnostics::Sink;
use crate::grammar::{self, Address as Place, Version};
use crate::json_pointer::percent_decode;
use crate::parse::describe;
use crate::relocations::Relocations;

const DEFINITIONS: [&str; 2] = ["$defs", "definitions"];

struct Definition {
    place: Place,
    /// The pointer of the `$defs` (or `definitions`) object that holds it.
    holder: String,
    keyword: &'static str,
    name: String,
}

#[derive(Default)]
struct Found {
    definitions: Vec<Definition>,
    /// `$anchor` and `$id` values, with the place of the schema that declares them.
    anchors: HashMap<String, Place>,
    ids: HashMap<String, Place>,
}

/// Moves every `$defs` entry to `components.schemas`, then rewrites every `$ref` that named a
/// schema by anchor, by `$id` or by its place in a `$defs`.
pub(super) fn hoist(root: &mut Value, sink: &mut Sink, relocations: &mut Relocations) {
    let mut found = Found::default();
    grammar::for_each_schema_root(root, &mut |schema, place| collect(schema, place, &mut found, sink));
    let moved = move_definitions(root, &found, relocations);
    rewrite_references(root, &Place { path: String::new(), pointer: "#".to_owned() }, &found, &moved, sink);
}

fn collect(schema: &Value, place: &Place, found: &mut Found, sink: &mut Sink) {
    let Value::Object(object) = schema else { return };
    for (keyword, table) in [("$anchor", &mut found.anchors), ("$id", &mut found.ids)] {
        if let Some(Value::String(name)) = object.get(keyword) {
            let name = name.trim_end_matches('#').to_owned();
            match table.get(&name) {
                Some(first) => sink.error(
                    place.key(keyword).path,
                    format!("`{keyword}: {name}` is declared twice: first at `{}`", first.path),
                    format!("give each schema its own `{keyword}`"),
                ),
                None => {
                    table.insert(name, Place { path: place.path.clone(), pointer: place.pointer.clone() });
                }
            }
        }
    }
    for keyword in DEFINITIONS {
        match object.get(keyword) {
            None => {}
            Some(Value::Object(definitions)) => {
                let holder = place.key(keyword);
                for (name, definition) in definitions {
                    let definition_place = holder.key(name);
                    collect(definition, &definition_place, found, sink);
                    found.definitions.push(Definition {
                        place: definition_place,
                        holder: holder.pointer.clone(),
                        keyword,
                        name: name.clone(),
                    });
                }
            }
            Some(other) => sink.error(
                place.key(keyword).path,
                format!("`{keyword}` is {}, not an object of schemas", describe(other)),
                format!("write `{keyword}` as an object whose keys name schemas"),
            ),
        }
    }
    // Every place a schema can hold another, in 3.1 and in the drafts before it; the
    // definitions themselves were walked above.
    let keywords = Version::V3_1.schema_keywords();
    for keyword in keywords.one {
        if let Some(inner) = object.get(*keyword)
            && inner.is_object()
        {
            collect(inner, &place.key(keyword), found, sink);
        }
    }
    for keyword in keywords.lists {
        if let Some(Value::Array(parts)) = object.get(*keyword) {
            let list = place.key(keyword);
            for (index, part) in parts.iter().enumerate() {
                collect(part, &list.index(index), found, sink);
            }
        }
    }
    for keyword in keywords.maps.iter().filter(|keyword| !DEFINITIONS.contains(keyword)) {
        if let Some(Value::Object(members)) = object.get(*keyword) {
            let map = place.key(keyword);
            for (name, member) in members {
                collect(member, &map.key(name), found, sink);
            }
        }
    }
}

/// Moves the definitions, innermost first (an outer one's pointer stays valid until it moves),
/// and adds them to `components.schemas` in document order. Returns each old pointer with the
/// component's pointer.
fn move_definitions(root: &mut Value, found: &Found, relocations: &mut Relocations) -> Vec<(String, String)> {
    if found.definitions.is_empty() {
        return Vec::new();
    }
    let Some(root_object) = root.as_object_mut() else { return Vec::new() };
    let components = root_object.entry("components").or_insert_with(|| Value::Object(Map::new()));
    let Some(components) = components.as_object_mut() else { return Vec::new() };
    if !components.get("schemas").is_some_and(Value::is_object) {
        if components.contains_key("schemas") {
            // Not an object: openapiv3 reports it; there is nowhere to move definitions to.
            return Vec::new();
        }
        components.insert("schemas".to_owned(), Value::Object(Map::new()));
    }
    let mut names = ComponentNames::of(root, "schemas");
    let new_names: Vec<String> = found.definitions.iter().map(|definition| names.claim(&definition.name)).collect();

    let mut order: Vec<usize> = (0..found.definitions.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(found.definitions[index].place.pointer.matches('/').count()));
    let mut taken: Vec<Option<Value>> = vec![None; found.definitions.len()];
    for index in order {
        let definition = &found.definitions[index];
        let holder_pointer = &definition.holder[1..];
        let Some(Value::Object(holder)) = root.pointer_mut(holder_pointer) else { continue };
        taken[index] = holder.shift_remove(&definition.name);
        if holder.is_empty() {
            let schema_pointer = &holder_pointer[..holder_pointer.len() - definition.keyword.len() - 1];
            if let Some(Value::Object(schema)) = root.pointer_mut(schema_pointer) {
                schema.shift_remove(definition.keyword);
            }
        }
    }
    let Some(Value::Object(schemas)) = root.pointer_mut("/components/schemas") else { return Vec::new() };
    let mut moved = Vec::new();
    for ((definition, name), value) in found.definitions.iter().zip(new_names).zip(taken) {
        let Some(value) = value else { continue };
        schemas.insert(name.clone(), value);
        relocations.moved(&definition.place.path, &crate::position::key("components.schemas", &name));
        moved.push((definition.place.pointer.clone(), format!("#/components/schemas/{}", escape(&name))));
    }
    moved
}

fn rewrite_references(value: &mut Value, place: &Place, found: &Found, moved: &[(String, String)], sink: &mut Sink) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get("$ref")
                && let Some(target) = resolve(reference, place, found, moved, sink)
            {
                object.insert("$ref".to_owned(), Value::String(target));
            }
            for (key, inner) in object.iter_mut() {
                if inner.is_object() || inner.is_array() {
                    rewrite_references(inner, &place.key(key), found, moved, sink);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                rewrite_references(item, &place.index(index), found, moved, sink);
            }
        }
        _ => {}
    }
}

/// The reference OpenAPI 3.0 can follow for `reference`, when it differs from what is written.
fn resolve(
    reference: &str,
    place: &Place,
    found: &Found,
    moved: &[(String, String)],
    sink: &mut Sink,
) -> Option<String> {
    let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let fragment = percent_decode(fragment);
    let by_name = !(base.is_empty() && fragment.starts_with('/'));
    if reference == "#" {
        // The document itself: no schema; the lowering names the reference.
        return None;
    }
    let target = if base.is_empty() {
        if fragment.starts_with('/') {
            format!("#{fragment}")
        } else {
            match found.anchors.get(&fragment) {
                Some(anchored) => anchored.pointer.clone(),
                None => {
                    sink.error(
                        place.key("$ref").path,
                        format!("`{reference}` names the anchor `{fragment}`, which no schema declares"),
                        format!("add `$anchor: {fragment}` to the schema meant, or refer to it as `#/components/schemas/Name`"),
                    );
                    return None;
                }
            }
        }
    } else {
        // Another document, unless one of this document's schemas has that `$id`: refused
        // with the other references to files.
        let identified = found.ids.get(base.trim_end_matches('#'))?;
        if fragment.is_empty() {
            identified.pointer.clone()
        } else if fragment.starts_with('/') {
            format!("{}{fragment}", identified.pointer)
        } else {
            found.anchors.get(&fragment)?.pointer.clone()
        }
    };
    let moved_to = moved_target(&target, moved);
    if !by_name && moved_to.is_none() {
        // A pointer into the document, as OpenAPI 3.0 writes them: left as it is.
        return None;
    }
    // A schema inside another one (an `$anchor` on a property) is named by its pointer: the
    // `pointers` pass makes it a component, as it does for any reference into an object.
    let target = moved_to.unwrap_or(target);
    (target != reference).then_some(target)
}

/// Where `target` is now, if it is (or is inside) one of the `moved` places (old pointer, new
/// pointer).
fn moved_target(target: &str, moved: &[(String, String)]) -> Option<String> {
    moved
        .iter()
        .filter(|(old, _)| {
            target == *old || target.strip_prefix(old.as_str()).is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|(old, _)| old.len())
        .map(|(old, new)| format!("{new}{}", &target[old.len()..]))
}

/// A JSON pointer's escaping of one key.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn hoisted(mut document: Value) -> (Value, Vec<String>, Relocations) {
        let mut sink = Sink::default();
        let mut relocations = Relocations::default();
        hoist(&mut document, &mut sink, &mut relocations);
        let findings = sink.into_vec().into_iter().map(|d| format!("{}: {}", d.location.path, d.message)).collect();
        (document, findings, relocations)
    }

    #[test]
    fn definitions_become_components_and_references_follow_them() {
        let (document, findings, relocations) = hoisted(json!({
            "components": {"schemas": {
                "Pet": {
                    "$id": "https://example.com/pet",
                    "properties": {"tag": {"$ref": "#/components/schemas/Pet/$defs/Tag"}, "owner": {"$ref": "#owner"}},
                    "$defs": {"Tag": {"type": "string"}, "Owner": {"$anchor": "owner", "type": "object"}}
                },
                "Tag": {"type": "integer"},
                "Shelter": {"properties": {"pet": {"$ref": "https://example.com/pet"}}}
            }}
        }));
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(
            document,
            json!({"components": {"schemas": {
                "Pet": {
                    "$id": "https://example.com/pet",
                    "properties": {"tag": {"$ref": "#/components/schemas/Tag2"}, "owner": {"$ref": "#/components/schemas/Owner"}}
                },
                "Tag": {"type": "integer"},
                "Shelter": {"properties": {"pet": {"$ref": "#/components/schemas/Pet"}}},
                "Tag2": {"type": "string"},
                "Owner": {"$anchor": "owner", "type": "object"}
            }}})
        );
        assert_eq!(relocations.original("components.schemas.Tag2.type"), "components.schemas.Pet.$defs.Tag.type");
    }

    #[test]
    fn an_anchor_no_schema_declares_is_an_error_with_its_place() {
        let (_, findings, _) = hoisted(json!({
            "components": {"schemas": {"A": {"$anchor": "a"}, "B": {"properties": {"x": {"$ref": "#nowhere"}}}}}
        }));
        assert_eq!(
            findings,
            vec![
                "components.schemas.B.properties.x.$ref: `#nowhere` names the anchor `nowhere`, which no schema declares"
            ]
        );
    }
}
