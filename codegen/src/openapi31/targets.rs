//! References into the middle of something (`#/components/schemas/Pet/properties/id`,
//! `#/paths/~1a/get/parameters/0`), which a 3.1 document may write: the lowering follows
//! references to components only, so each such target becomes a component, and its own place
//! refers to it, as every other reference now does.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::definitions::{DEFINITIONS, LISTS, MAPS, ONE, escape, moved_target, percent_decoded};
use super::{ComponentNames, Relocations};
use crate::lower::naming;
use crate::normalize::METHODS;
use crate::position;

/// What a reference stands for, by where it is written: the section of `components` its
/// target joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Schemas,
    Parameters,
    RequestBodies,
    Responses,
    Headers,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Parameters => "parameters",
            Section::RequestBodies => "requestBodies",
            Section::Responses => "responses",
            Section::Headers => "headers",
        }
    }
}

/// Segments of a pointer that say how a document is built, not what a thing is called: left
/// out of the names of the new components.
const STRUCTURE: &[&str] = &[
    "components",
    "schemas",
    "parameters",
    "requestBodies",
    "responses",
    "headers",
    "paths",
    "webhooks",
    "pathItems",
    "properties",
    "items",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "additionalProperties",
    "prefixItems",
    "schema",
    "content",
    "requestBody",
    "$defs",
    "definitions",
];

/// Makes a component of every place a reference points into, innermost first (an outer
/// target's pointer stays valid until it moves), and points the references at them.
pub(super) fn hoist(root: &mut Value, relocations: &mut Relocations) {
    let mut found = Vec::new();
    collect(root, &mut found);
    // Each target once, in the order of its first reference, under the section that reference
    // calls for.
    let mut targets: Vec<(String, Section)> = Vec::new();
    for (reference, section) in found {
        let Some(pointer) = reference.strip_prefix('#') else { continue };
        let pointer = percent_decoded(pointer);
        if !pointer.starts_with('/') || is_component(&pointer) || targets.iter().any(|(known, _)| *known == pointer) {
            continue;
        }
        if root.pointer(&pointer).is_some_and(Value::is_object) {
            targets.push((pointer, section));
        }
    }
    if targets.is_empty() {
        return;
    }
    let paths: Vec<Option<String>> = targets.iter().map(|(pointer, _)| dotted(root, pointer)).collect();
    let mut names: HashMap<&'static str, ComponentNames> = HashMap::new();
    let chosen: Vec<String> = targets
        .iter()
        .map(|(pointer, section)| {
            let base = match (section, root.pointer(pointer).and_then(|target| target.get("name"))) {
                (Section::Parameters, Some(Value::String(name))) => naming::pascal(name),
                _ => name_from(pointer),
            };
            names.entry(section.key()).or_insert_with(|| ComponentNames::of(root, section.key())).claim(&base)
        })
        .collect();

    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(targets[index].0.matches('/').count()));
    let mut taken: Vec<Option<Value>> = vec![None; targets.len()];
    for index in order {
        let (pointer, section) = &targets[index];
        let reference = format!("#/components/{}/{}", section.key(), escape(&chosen[index]));
        let Some(place) = root.pointer_mut(pointer) else { continue };
        let stand_in = Value::Object([("$ref".to_owned(), Value::String(reference))].into_iter().collect());
        taken[index] = Some(std::mem::replace(place, stand_in));
    }
    let Some(root_object) = root.as_object_mut() else { return };
    let Some(components) = root_object.entry("components").or_insert_with(|| Value::Object(Map::new())).as_object_mut()
    else {
        return;
    };
    let mut moved = Vec::new();
    for (index, value) in taken.into_iter().enumerate() {
        let Some(value) = value else { continue };
        let (pointer, section) = &targets[index];
        let entries = components.entry(section.key()).or_insert_with(|| Value::Object(Map::new()));
        let Some(entries) = entries.as_object_mut() else { continue };
        let name = &chosen[index];
        entries.insert(name.clone(), value);
        let made = position::key(&position::key("components", section.key()), name);
        if let Some(original) = &paths[index] {
            relocations.add(made, original.clone());
        }
        moved.push((format!("#{pointer}"), format!("#/components/{}/{}", section.key(), escape(name))));
    }
    redirect(root, &moved);
}

/// Whether a pointer names a component itself (`/components/schemas/Pet`).
fn is_component(pointer: &str) -> bool {
    pointer
        .strip_prefix("/components/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(_, name)| !name.contains('/'))
}

/// A name for a new component from its pointer: its last two names, or its last name and
/// what follows it (`Order` + `allOf/0`).
fn name_from(pointer: &str) -> String {
    let segments: Vec<String> =
        pointer.split('/').skip(1).map(|raw| raw.replace("~1", "/").replace("~0", "~")).collect();
    let meaningful: Vec<usize> = (0..segments.len())
        .filter(|&index| {
            let segment = segments[index].as_str();
            !STRUCTURE.contains(&segment)
                && !METHODS.contains(&segment)
                && segment.parse::<usize>().is_err()
                && !segment.contains('/')
        })
        .collect();
    let words: Vec<&str> = match meaningful.as_slice() {
        [] => segments.iter().rev().take(2).rev().map(String::as_str).collect(),
        [only] => segments[*only..].iter().map(String::as_str).collect(),
        [.., before, last] => vec![segments[*before].as_str(), segments[*last].as_str()],
    };
    naming::pascal(&words.join(" "))
}

/// The dotted path of the place a pointer names in the document, as messages write it.
fn dotted(root: &Value, pointer: &str) -> Option<String> {
    let mut current = root;
    let mut path = String::new();
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        match current {
            Value::Object(object) => {
                current = object.get(&segment)?;
                path = position::key(&path, &segment);
            }
            Value::Array(items) => {
                let index: usize = segment.parse().ok()?;
                current = items.get(index)?;
                path = position::index(&path, index);
            }
            _ => return None,
        }
    }
    Some(path)
}

/// Points every reference to a moved place (or into one) at where it is now.
fn redirect(value: &mut Value, moved: &[(String, String)]) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get("$ref")
                && let Some(pointer) = reference.strip_prefix('#')
                && let Some(now) = moved_target(&format!("#{}", percent_decoded(pointer)), moved)
            {
                object.insert("$ref".to_owned(), Value::String(now));
            }
            for inner in object.values_mut() {
                if inner.is_object() || inner.is_array() {
                    redirect(inner, moved);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| redirect(item, moved)),
        _ => {}
    }
}

/// Every reference of the document with the section its place calls for, in document order.
fn collect(root: &Value, found: &mut Vec<(String, Section)>) {
    if let Some(Value::Object(components)) = root.get("components") {
        for (section, kind) in [
            ("schemas", Section::Schemas),
            ("parameters", Section::Parameters),
            ("requestBodies", Section::RequestBodies),
            ("responses", Section::Responses),
            ("headers", Section::Headers),
        ] {
            if let Some(Value::Object(entries)) = components.get(section) {
                for entry in entries.values() {
                    match kind {
                        Section::Schemas => schema(entry, found),
                        kind => holder(entry, kind, found),
                    }
                }
            }
        }
        if let Some(Value::Object(items)) = components.get("pathItems") {
            items.values().for_each(|item| path_item(item, found));
        }
    }
    for section in ["paths", "webhooks"] {
        if let Some(Value::Object(items)) = root.get(section) {
            items.values().for_each(|item| path_item(item, found));
        }
    }
}

fn path_item(item: &Value, found: &mut Vec<(String, Section)>) {
    let Some(item) = item.as_object() else { return };
    let parameters = |operation: &Map<String, Value>, found: &mut Vec<(String, Section)>| {
        if let Some(Value::Array(list)) = operation.get("parameters") {
            list.iter().for_each(|parameter| holder(parameter, Section::Parameters, found));
        }
    };
    parameters(item, found);
    for method in METHODS {
        let Some(Value::Object(operation)) = item.get(method) else { continue };
        parameters(operation, found);
        if let Some(body) = operation.get("requestBody") {
            holder(body, Section::RequestBodies, found);
        }
        if let Some(Value::Object(responses)) = operation.get("responses") {
            responses.values().for_each(|response| holder(response, Section::Responses, found));
        }
    }
}

/// A parameter, request body, response or header: a reference, or a `schema`, `content` and
/// `headers` of its own.
fn holder(value: &Value, section: Section, found: &mut Vec<(String, Section)>) {
    let Some(object) = value.as_object() else { return };
    if let Some(Value::String(reference)) = object.get("$ref") {
        found.push((reference.clone(), section));
        return;
    }
    if let Some(inner) = object.get("schema") {
        schema(inner, found);
    }
    if let Some(Value::Object(content)) = object.get("content") {
        for media in content.values() {
            if let Some(inner) = media.get("schema") {
                schema(inner, found);
            }
            if let Some(Value::Object(encodings)) = media.get("encoding") {
                encodings.values().for_each(|encoding| holder(encoding, Section::Headers, found));
            }
        }
    }
    if let Some(Value::Object(headers)) = object.get("headers") {
        headers.values().for_each(|header| holder(header, Section::Headers, found));
    }
}

fn schema(value: &Value, found: &mut Vec<(String, Section)>) {
    let Some(object) = value.as_object() else { return };
    if let Some(Value::String(reference)) = object.get("$ref") {
        found.push((reference.clone(), Section::Schemas));
    }
    for keyword in ONE {
        if let Some(inner) = object.get(*keyword) {
            schema(inner, found);
        }
    }
    for keyword in LISTS {
        if let Some(Value::Array(parts)) = object.get(*keyword) {
            parts.iter().for_each(|part| schema(part, found));
        }
    }
    for keyword in MAPS.iter().chain(&DEFINITIONS) {
        if let Some(Value::Object(members)) = object.get(*keyword) {
            members.values().for_each(|member| schema(member, found));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn places_referred_into_become_components() {
        let mut document = json!({
            "paths": {"/a/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "get": {"parameters": [{"$ref": "#/paths/~1a~1%7Bid%7D/parameters/0"}]}
            }},
            "components": {"schemas": {
                "Company": {"properties": {"created": {"type": "string", "format": "date-time"}}},
                "Connection": {"properties": {"created": {"$ref": "#/components/schemas/Company/properties/created"}}}
            }}
        });
        let mut relocations = Relocations::default();
        hoist(&mut document, &mut relocations);
        assert_eq!(
            document,
            json!({
                "paths": {"/a/{id}": {
                    "parameters": [{"$ref": "#/components/parameters/Id"}],
                    "get": {"parameters": [{"$ref": "#/components/parameters/Id"}]}
                }},
                "components": {
                    "schemas": {
                        "Company": {"properties": {"created": {"$ref": "#/components/schemas/CompanyCreated"}}},
                        "Connection": {"properties": {"created": {"$ref": "#/components/schemas/CompanyCreated"}}},
                        "CompanyCreated": {"type": "string", "format": "date-time"}
                    },
                    "parameters": {"Id": {"name": "id", "in": "path", "schema": {"type": "string"}}}
                }
            })
        );
        assert_eq!(relocations.original("components.parameters.Id.in"), "paths./a/{id}.parameters[0].in");
    }

    #[test]
    fn names_come_from_the_last_names_of_the_pointer() {
        assert_eq!(name_from("/components/schemas/Transaction/allOf/1/properties/currency"), "TransactionCurrency");
        assert_eq!(name_from("/components/schemas/Order/allOf/0"), "OrderAllOf0");
        assert_eq!(name_from("/components/parameters/companyId/schema"), "CompanyIdSchema");
    }
}
