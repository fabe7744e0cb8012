//! References to any place in the document, made references to `components`.
//!
//! A JSON Reference may point anywhere in the document: into a schema's `properties`, at an
//! alternative of a `oneOf`, at a response or a parameter written inline in another operation.
//! Lowering resolves references to entries of `components` (`#/components/schemas/Pet`),
//! which is what keeps generated types shared and `$ref` cycles detectable. So before the
//! document is read, every other reference is resolved here, on the raw document, and its
//! target moved into `components` under the name lowering would have given it where it was,
//! with a reference to it left in its place: the target's own place and every reference to it
//! then share one component, hence one type. Callbacks and path items are copied instead:
//! once read, an operation's callback cannot be a reference, and OpenAPI 3.0 has no
//! `components.pathItems`.
//!
//! A reference that points nowhere, at the wrong kind of object (a schema reference at a
//! parameter), or around a cycle of references is an error, with its place and what to do.
//! What moved is recorded in the load stage's `Relocations`, so that findings inside it, and
//! the generated docs' "Defined at", name the place in the document as written.
//!
//! OpenAPI 3.0 and 3.1 documents both go through this pass, a 3.1 document once JSON Schema's
//! own references (`$defs`, `$anchor`, `$id`) have been made pointers and before its schemas
//! are rewritten into 3.0's keywords: a pointer into a `prefixItems` finds its schema there,
//! and a shared path item (`components.pathItems`, which 3.0 does not have) is copied like a
//! path item given by reference in 3.0 (`crate::grammar` knows each version's places).

mod copies;
mod names;

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Sink};
use crate::grammar::{self, Kind, Place, Site, Version};
use crate::json_pointer as pointer;
use crate::position;
use crate::relocations::Relocations;

/// How many references in a row may point to further references before it counts as a cycle.
const MAX_HOPS: usize = 64;

/// Rewrites every reference that does not name an entry of `components` of its kind, as the
/// module documentation says, except those of callbacks and path items, which are checked here
/// and copied by `copy_all`. Returns whether every reference resolved; when one does not, each
/// such is reported and nothing changes.
pub fn resolve_all(root: &mut Value, version: Version, sink: &mut Sink, relocations: &mut Relocations) -> bool {
    let sites = grammar::references(root, version, &mut |kind, reference| {
        // In 3.1, a name after `#` is an `$anchor`: `openapi31` resolved those, and reported
        // the ones no schema declares.
        let anchor = version == Version::V3_1 && !reference.starts_with("#/") && reference != "#";
        reference.starts_with('#')
            && !anchor
            && (copies::copied(kind) || !grammar::names_component(kind, reference, version))
    });
    if sites.is_empty() {
        return true;
    }
    let mut rewrites: Vec<(&Site, Target)> = Vec::new();
    let mut moves: Vec<(Vec<String>, Kind)> = Vec::new();
    let mut planned: HashSet<Vec<String>> = HashSet::new();
    let mut failed = false;
    for site in &sites {
        if copies::copied(site.kind) {
            // Checked here, copied once everything else has moved.
            if let Err(problem) = resolve(root, version, site.kind, &site.reference, false) {
                failed |= report(root, version, site, problem, sink);
            }
            continue;
        }
        match resolve(root, version, site.kind, &site.reference, true) {
            Ok(target) => {
                if let Target::Definition(tokens) = &target
                    && planned.insert(tokens.clone())
                {
                    moves.push((tokens.clone(), site.kind));
                }
                rewrites.push((site, target));
            }
            Err(problem) => failed |= report(root, version, site, problem, sink),
        }
    }
    if failed {
        return false;
    }
    let duplicates = take_schemas_along(root, &mut moves, &mut planned);

    let names = component_names(root, version, &mut moves);
    for (tokens, kind) in &moves {
        if let (Some(section), Some(name)) = (kind.section(version), names.get(tokens)) {
            let made = position::key(&position::key("components", section), name);
            relocations.moved(&pointer::dotted(root, tokens), &made);
        }
    }
    for (site, target) in rewrites {
        let reference = match target {
            Target::Component(reference) => reference,
            Target::Definition(tokens) => match names.get(&tokens) {
                Some(name) => component_reference(site.kind, version, name),
                None => continue,
            },
        };
        set_reference(root, site, reference);
    }
    for (place, first) in &duplicates {
        if let (Some(target), Some(name)) = (pointer::lookup_mut(root, place), names.get(first)) {
            *target = reference_object(Kind::Schema, version, name);
        }
    }
    // Deepest first: moving a definition leaves the places of those around it as they were.
    moves.sort_by_key(|(tokens, _)| std::cmp::Reverse(tokens.len()));
    for (tokens, kind) in &moves {
        let Some(name) = names.get(tokens) else { continue };
        if !hoist(root, version, tokens, *kind, name, sink) {
            return false;
        }
    }
    true
}

/// Replaces every callback and path item given by reference with a copy of its target (see
/// `copies.rs`); for after `resolve_all` has resolved every reference.
pub fn copy_all(root: &mut Value, version: Version, sink: &mut Sink, relocations: &mut Relocations) {
    copies::copy_all(root, version, sink, relocations);
}

/// The entry of `components.{section}` that `reference` names (`#/components/schemas/a~1b`
/// is `a/b`), if it names one.
pub fn component_name(reference: &str, section: &str) -> Option<String> {
    match pointer::parse(reference).ok()?.as_mut_slice() {
        [components, found, name] if components == "components" && found == section => Some(std::mem::take(name)),
        _ => None,
    }
}

/// What a reference stands for, once followed.
enum Target {
    /// An entry of `components` of the right section, which lowering resolves and checks.
    Component(String),
    /// A definition somewhere else in the document.
    Definition(Vec<String>),
}

/// Why a reference does not stand for anything.
enum Problem {
    NotAPointer { reference: String },
    OtherFile { reference: String },
    Missing { reference: String, tokens: Vec<String>, found: usize },
    WrongKind { reference: String, tokens: Vec<String> },
    Cycle { chain: Vec<String> },
}

/// Follows `reference` and the references it leads to, until a definition of `kind` (or, when
/// `stop_at_components`, an entry of its section).
fn resolve(
    root: &Value,
    version: Version,
    kind: Kind,
    reference: &str,
    stop_at_components: bool,
) -> Result<Target, Problem> {
    let mut chain: Vec<String> = Vec::new();
    let mut current = reference.to_owned();
    loop {
        if stop_at_components && grammar::names_component(kind, &current, version) {
            return Ok(Target::Component(current));
        }
        let tokens = match pointer::parse(&current) {
            Ok(tokens) => tokens,
            Err(pointer::NotAPointer::OtherFile) => return Err(Problem::OtherFile { reference: current }),
            Err(pointer::NotAPointer::NotAPath) => return Err(Problem::NotAPointer { reference: current }),
        };
        let target = match pointer::lookup(root, &tokens) {
            Ok(target) => target,
            Err(missing) => return Err(Problem::Missing { reference: current, tokens, found: missing.found }),
        };
        if Place::of(version, &tokens).and_then(Place::kind) != Some(kind) {
            return Err(Problem::WrongKind { reference: current, tokens });
        }
        let next = match target {
            Value::Object(object) if kind.is_reference(object) => object.get("$ref").and_then(Value::as_str),
            _ => None,
        };
        let Some(next) = next else { return Ok(Target::Definition(tokens)) };
        chain.push(current);
        if chain.iter().any(|seen| seen == next) || chain.len() > MAX_HOPS {
            chain.push(next.to_owned());
            return Err(Problem::Cycle { chain });
        }
        current = next.to_owned();
    }
}

/// Reports why `site`'s reference stands for nothing; returns whether that is an error. A
/// `discriminator.mapping` entry is only a hint for decoding, which lowering matches against
/// the alternatives: one that names nothing is left as it is, as before.
fn report(root: &Value, version: Version, site: &Site, problem: Problem, sink: &mut Sink) -> bool {
    if site.mapping.is_some() {
        return false;
    }
    let at = position::key(&pointer::dotted(root, &site.tokens), "$ref");
    let (message, help) = explain(root, version, site.kind, &site.reference, problem);
    sink.push(Diagnostic::error(at, message).help(help));
    true
}

fn explain(root: &Value, version: Version, kind: Kind, original: &str, problem: Problem) -> (String, String) {
    let via = |reference: &str| {
        if reference == original { String::new() } else { format!(" (through `{reference}`)") }
    };
    let noun = kind.noun();
    match problem {
        Problem::NotAPointer { reference } => (
            format!("`{reference}` is not a JSON pointer{}", via(&reference)),
            "a reference within the document is `#` and a path from its root, such as `#/components/schemas/Name`"
                .to_owned(),
        ),
        Problem::OtherFile { reference } => (
            format!("`{original}` leads to `{reference}`, in another file; this generator reads a single document"),
            "bundle the document into one file first, for example `npx @redocly/cli bundle openapi.yaml -o bundled.yaml`"
                .to_owned(),
        ),
        Problem::Missing { reference, tokens, found } => {
            missing(root, version, kind, original, &reference, &tokens, found)
        }
        Problem::WrongKind { reference, tokens } => {
            let place = pointer::dotted(root, &tokens);
            let what = match Place::of(version, &tokens).and_then(Place::kind) {
                Some(other) => format!("{} (`{place}`)", other.noun()),
                None if tokens.is_empty() => "the document's root".to_owned(),
                None => format!("`{place}`"),
            };
            let message = format!("`{original}` points at {what}{}, where {noun} belongs", via(&reference));
            (message, wrong_kind_help(root, version, kind, &reference, &tokens))
        }
        Problem::Cycle { chain } => (
            format!(
                "`{original}` starts a cycle of references that never reaches a definition: {}",
                chain.iter().map(|reference| format!("`{reference}`")).collect::<Vec<_>>().join(" → ")
            ),
            "make one of the references in the cycle point to a real definition".to_owned(),
        ),
    }
}

fn missing(
    root: &Value,
    version: Version,
    kind: Kind,
    original: &str,
    reference: &str,
    tokens: &[String],
    found: usize,
) -> (String, String) {
    let lead = if reference == original {
        format!("unresolved reference `{original}`")
    } else {
        format!("unresolved reference `{original}` (through `{reference}`)")
    };
    let token = &tokens[found];
    let parent = &tokens[..found];
    let holder = pointer::lookup(root, parent).ok();
    let parent_place =
        if parent.is_empty() { "the document".to_owned() } else { format!("`{}`", pointer::dotted(root, parent)) };
    // A pointer is followed through the text as written, not through the references in it.
    if let Some(Value::Object(object)) = holder
        && let Some(Value::String(inner)) = object.get("$ref")
    {
        let rest: Vec<&str> = tokens[found..].iter().map(String::as_str).collect();
        let suggestion = format!("{inner}{}", &pointer::format(&rest)[1..]);
        return (
            format!(
                "{lead}: {parent_place} is a reference to `{inner}`, and a JSON pointer does not pass through references"
            ),
            format!("point at the definition itself: `{suggestion}`"),
        );
    }
    let message = match holder {
        Some(Value::Array(items)) => format!("{lead}: {parent_place} has no item {token} (it has {})", items.len()),
        _ => format!("{lead}: {parent_place} has no `{token}`"),
    };
    let section = kind.section(version);
    let help = match tokens {
        [components, path_items, ..]
            if components == "components" && path_items == "pathItems" && version == Version::V3_0 =>
        {
            "OpenAPI 3.0 has no `components.pathItems` (3.1 does): write the path item under `paths`, or point the reference at one there, such as `#/paths/~1things`".to_owned()
        }
        [components, found, name] if components == "components" && Some(found.as_str()) != section => {
            match section {
                Some(own) => format!(
                    "a reference here stands for {}: point it at one, such as `{}`",
                    kind.noun(),
                    pointer::format(&["components", own, name])
                ),
                None => format!("a reference here stands for {}: point it at one", kind.noun()),
            }
        }
        [components, found, name] if components == "components" => {
            format!("define `{name}` under `components.{found}`, or correct the reference")
        }
        _ => "correct the reference so that it names a place the document has: a path from the root, with `~1` for `/` and `~0` for `~` in names, such as `#/paths/~1things~1{id}/get/responses/200`".to_owned(),
    };
    (message, help)
}

fn wrong_kind_help(root: &Value, version: Version, kind: Kind, reference: &str, tokens: &[String]) -> String {
    let section = kind.section(version).unwrap_or("schemas");
    if let Some(name) = tokens.last() {
        let same_name = ["components", section, name.as_str()].map(str::to_owned);
        if tokens.len() == 3 && pointer::lookup(root, &same_name).is_ok() {
            let suggestion = pointer::format(&["components", section, name]);
            return format!("`{suggestion}` is {} of that name: point the reference there", kind.noun());
        }
    }
    let target = Place::of(version, tokens).and_then(Place::kind);
    if kind == Kind::Schema
        && matches!(target, Some(Kind::Parameter | Kind::Header))
        && pointer::lookup(root, tokens).is_ok_and(|value| value.get("schema").is_some())
    {
        return format!("to use its schema, point at `{reference}/schema`");
    }
    match kind.section(version) {
        Some(section) => format!("point the reference at {}, such as an entry of `components.{section}`", kind.noun()),
        None => format!("point the reference at {}", kind.noun()),
    }
}

fn component_reference(kind: Kind, version: Version, name: &str) -> String {
    pointer::format(&["components", kind.section(version).unwrap_or_default(), name])
}

fn reference_object(kind: Kind, version: Version, name: &str) -> Value {
    Value::Object(Map::from_iter([("$ref".to_owned(), Value::String(component_reference(kind, version, name)))]))
}

/// A parameter or request body that moves takes its inline schemas along into
/// `components.schemas`: lowering lowers a component parameter's or request body's schema once
/// for each operation that uses it, so left inline they would give every such operation a copy
/// of the same types. (A response's are lowered once.) Returns the schemas equal to one taken
/// before them from the same definition (a body's JSON and form schemas, say), each with the
/// place of that one: they become references to it, as lowering would have made them one type.
fn take_schemas_along(
    root: &Value,
    moves: &mut Vec<(Vec<String>, Kind)>,
    planned: &mut HashSet<Vec<String>>,
) -> Vec<(Vec<String>, Vec<String>)> {
    let holders: Vec<Vec<String>> = moves
        .iter()
        .filter(|(_, kind)| matches!(kind, Kind::Parameter | Kind::RequestBody))
        .map(|(tokens, _)| tokens.clone())
        .collect();
    let mut duplicates = Vec::new();
    for holder in holders {
        let Ok(Value::Object(definition)) = pointer::lookup(root, &holder) else { continue };
        let mut places: Vec<Vec<String>> = Vec::new();
        if definition.contains_key("schema") {
            places.push([holder.as_slice(), &["schema".to_owned()]].concat());
        }
        if let Some(Value::Object(content)) = definition.get("content") {
            for media in content.keys() {
                places.push([holder.as_slice(), &["content".to_owned(), media.clone(), "schema".to_owned()]].concat());
            }
        }
        let mut taken: Vec<(&Value, Vec<String>)> = Vec::new();
        for place in places {
            let Ok(schema) = pointer::lookup(root, &place) else { continue };
            if matches!(schema, Value::Object(object) if Kind::Schema.is_reference(object)) {
                continue;
            }
            // A schema that something points into moves itself, whatever it equals.
            let pointed_into = planned.iter().any(|target| target.starts_with(&place));
            if !pointed_into && let Some((_, first)) = taken.iter().find(|(seen, _)| *seen == schema) {
                duplicates.push((place, first.clone()));
                continue;
            }
            taken.push((schema, place.clone()));
            if planned.insert(place.clone()) {
                moves.push((place, Kind::Schema));
            }
        }
    }
    duplicates
}

/// A name for each definition that moves, unused in its section, in document order so that
/// the first keeps the plain name whichever reference is met first.
fn component_names(root: &Value, version: Version, moves: &mut [(Vec<String>, Kind)]) -> HashMap<Vec<String>, String> {
    moves.sort_by_cached_key(|(tokens, _)| document_order(root, tokens));
    let mut taken: HashMap<&str, Vec<String>> = HashMap::new();
    let mut names = HashMap::new();
    for (tokens, kind) in moves.iter() {
        let Some(section) = kind.section(version) else { continue };
        let used = taken.entry(section).or_insert_with(|| {
            let existing = root.get("components").and_then(|c| c.get(section)).and_then(Value::as_object);
            existing.map(|entries| entries.keys().map(|key| key.to_ascii_lowercase()).collect()).unwrap_or_default()
        });
        let base = names::base_name(root, tokens, *kind);
        let mut name = base.clone();
        let mut counter = 1;
        while is_taken(used, &name) {
            counter += 1;
            name = format!("{base}{counter}");
        }
        used.push(name.to_ascii_lowercase());
        names.insert(tokens.clone(), name);
    }
    names
}

/// Taken case-insensitively, as lowering's name scopes count names; and a name that starts
/// another with `.` or `[` would make dotted paths ambiguous.
fn is_taken(used: &[String], name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    used.iter()
        .any(|key| key == &name || key.strip_prefix(name.as_str()).is_some_and(|rest| rest.starts_with(['.', '['])))
}

/// Where a place comes in the document: its index in each object and list on the way.
fn document_order(root: &Value, tokens: &[String]) -> Vec<usize> {
    let mut order = Vec::with_capacity(tokens.len());
    let mut current = Some(root);
    for token in tokens {
        order.push(match current {
            Some(Value::Object(object)) => object.keys().position(|key| key == token).unwrap_or(usize::MAX),
            Some(Value::Array(_)) => token.parse().unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        current = current.and_then(|value| pointer::child(value, token));
    }
    order
}

fn set_reference(root: &mut Value, site: &Site, reference: String) {
    let Some(Value::Object(holder)) = pointer::lookup_mut(root, &site.tokens) else { return };
    match &site.mapping {
        None => {
            holder.insert("$ref".to_owned(), Value::String(reference));
        }
        Some(key) => {
            let mapping = holder.get_mut("discriminator").and_then(|d| d.get_mut("mapping"));
            if let Some(Value::Object(mapping)) = mapping {
                mapping.insert(key.clone(), Value::String(reference));
            }
        }
    }
}

/// Moves the definition at `tokens` to `components.{section}.{name}`, leaving a reference;
/// returns whether `components` could take it.
fn hoist(root: &mut Value, version: Version, tokens: &[String], kind: Kind, name: &str, sink: &mut Sink) -> bool {
    let section = kind.section(version).unwrap_or_default();
    let Some(place) = pointer::lookup_mut(root, tokens) else { return true };
    let definition = std::mem::replace(place, reference_object(kind, version, name));
    let Value::Object(root) = root else { return true };
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(components) = components else {
        not_an_object("components", sink);
        return false;
    };
    let entries = components.entry(section).or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(entries) = entries else {
        not_an_object(&format!("components.{section}"), sink);
        return false;
    };
    entries.insert(name.to_owned(), definition);
    true
}

fn not_an_object(path: &str, sink: &mut Sink) {
    sink.error(
        path,
        format!("`{path}` is not an object, so the definitions that references point to cannot join it"),
        format!("write `{path}` as an object of named definitions"),
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn resolved_in(version: Version, mut root: Value) -> (Value, Relocations, Vec<Diagnostic>) {
        let mut sink = Sink::default();
        let mut relocations = Relocations::default();
        if resolve_all(&mut root, version, &mut sink, &mut relocations) {
            copy_all(&mut root, version, &mut sink, &mut relocations);
        }
        (root, relocations, sink.into_vec())
    }

    fn resolved(root: Value) -> (Value, Relocations, Vec<Diagnostic>) {
        resolved_in(Version::V3_0, root)
    }

    #[test]
    fn moves_each_target_once_and_points_every_use_at_it() {
        let (root, relocations, diagnostics) = resolved(json!({
            "paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Disk/properties/size"}}}}}}}},
            "components": {"schemas": {
                "Disk": {"properties": {"size": {"type": "object"}, "used": {"$ref": "#/components/schemas/Disk/properties/size"}}},
                "DiskSize": {"type": "string"}
            }}
        }));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let schemas = &root["components"]["schemas"];
        assert_eq!(schemas["DiskSize2"], json!({"type": "object"}));
        assert_eq!(schemas["Disk"]["properties"]["size"], json!({"$ref": "#/components/schemas/DiskSize2"}));
        assert_eq!(schemas["Disk"]["properties"]["used"], json!({"$ref": "#/components/schemas/DiskSize2"}));
        let response = &root["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(response, &json!({"$ref": "#/components/schemas/DiskSize2"}));
        assert_eq!(
            relocations.original("components.schemas.DiskSize2.type"),
            "components.schemas.Disk.properties.size.type"
        );
        assert_eq!(relocations.original("components.schemas.DiskSize.type"), "components.schemas.DiskSize.type");
    }

    #[test]
    fn rewrites_discriminator_mappings_and_takes_a_bodys_schemas_along() {
        let (root, _, diagnostics) = resolved(json!({
            "paths": {
                "/a": {"post": {"operationId": "postA", "requestBody": {"content": {
                    "application/json": {"schema": {"type": "object", "properties": {"x": {"type": "string"}}}},
                    "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"x": {"type": "string"}}}}
                }}}},
                "/b": {"post": {"requestBody": {"$ref": "#/paths/~1a/post/requestBody"}}}
            },
            "components": {"schemas": {
                "Pet": {
                    "oneOf": [{"$ref": "#/components/schemas/Zoo/properties/cat"}],
                    "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Zoo/properties/cat"}}
                },
                "Zoo": {"properties": {"cat": {"type": "object"}}}
            }}
        }));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let pet = &root["components"]["schemas"]["Pet"];
        assert_eq!(pet["discriminator"]["mapping"]["cat"], "#/components/schemas/ZooCat");
        assert_eq!(pet["oneOf"][0]["$ref"], "#/components/schemas/ZooCat");
        assert_eq!(root["paths"]["/b"]["post"]["requestBody"]["$ref"], "#/components/requestBodies/PostARequest");
        let body = &root["components"]["requestBodies"]["PostARequest"]["content"];
        // The form schema equals the JSON one: one component, as lowering would make one type.
        assert_eq!(body["application/json"]["schema"]["$ref"], "#/components/schemas/PostARequest");
        assert_eq!(body["application/x-www-form-urlencoded"]["schema"]["$ref"], "#/components/schemas/PostARequest");
        assert_eq!(root["components"]["schemas"]["PostARequest"]["properties"]["x"]["type"], "string");
    }

    #[test]
    fn follows_references_to_references_and_reports_cycles() {
        let (root, _, diagnostics) = resolved(json!({
            "paths": {},
            "components": {"schemas": {
                "A": {"properties": {"b": {"$ref": "#/components/schemas/B"}, "c": {"$ref": "#/components/schemas/A/properties/b"}}},
                "B": {"type": "string"}
            }}
        }));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(root["components"]["schemas"]["A"]["properties"]["c"], json!({"$ref": "#/components/schemas/B"}));

        let (_, _, diagnostics) = resolved(json!({
            "paths": {},
            "components": {"schemas": {"A": {"properties": {
                "b": {"$ref": "#/components/schemas/A/properties/c"},
                "c": {"$ref": "#/components/schemas/A/properties/b"}
            }}}}
        }));
        assert_eq!(diagnostics.len(), 2);
        assert!(diagnostics[0].message.contains("starts a cycle"), "{}", diagnostics[0].message);
        assert_eq!(diagnostics[0].location.path, "components.schemas.A.properties.b.$ref");
    }
}
