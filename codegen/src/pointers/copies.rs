//! Callbacks and path items given by reference, replaced by a copy of what they point to.
//!
//! openapiv3 reads an operation's callbacks, and a callback's path items, as objects with no
//! room for a reference, and OpenAPI 3.0 has no `components.pathItems` to move a path item
//! into; so such a reference is replaced by a copy of its target. Copies are made after every
//! other reference has been resolved, so the references inside them already name components,
//! and a target is copied only once the callbacks and path items it holds have been copied
//! themselves: one that holds itself, however indirectly, is an error rather than a copy
//! without end. A path item's `$ref` is one of its fields: its other fields are kept.
//!
//! A copy of a shared definition (`components.callbacks`, OpenAPI 3.1's
//! `components.pathItems`) stands for it: findings inside the copy name the place the
//! definition is written. A copy of another path's item does not: that path is an operation of
//! its own, and what is said about the copy (its name, made from its own path) is told apart
//! by the copy's place.

use serde_json::Value;

use super::{Target, pointer, resolve};
use crate::diagnostics::{Diagnostic, Sink};
use crate::grammar::{self, Kind, Site, Version};
use crate::parse::NESTING_LIMIT;
use crate::position;
use crate::relocations::Relocations;

/// How many values copies may add to the document in all: a few references to references can
/// otherwise double its size at each step.
const MAX_COPIED_VALUES: usize = 2_000_000;

/// Whether references of this kind are replaced by a copy rather than pointed at a component.
pub fn copied(kind: Kind) -> bool {
    matches!(kind, Kind::Callback | Kind::PathItem)
}

/// Replaces every callback and path item reference by a copy of its target. The references
/// were checked before: one that does not resolve is left to the check's error.
pub fn copy_all(root: &mut Value, version: Version, sink: &mut Sink, relocations: &mut Relocations) {
    let mut budget = MAX_COPIED_VALUES;
    loop {
        let sites =
            grammar::references(root, version, &mut |kind, reference| copied(kind) && reference.starts_with('#'));
        if sites.is_empty() {
            return;
        }
        let mut progress = false;
        for site in &sites {
            let Ok(Target::Definition(target)) = resolve(root, version, site.kind, &site.reference, false) else {
                continue;
            };
            // Its own references first (those met in this round; the next round sees the rest).
            if sites.iter().any(|other| other.tokens.starts_with(&target)) {
                continue;
            }
            let Ok(copy) = pointer::lookup(root, &target).cloned() else { continue };
            let (values, depth) = measure(&copy);
            if values > budget || site.tokens.len() + depth > NESTING_LIMIT {
                sink.push(too_large(&reference_path(root, site), &site.reference, site.kind));
                return;
            }
            budget -= values;
            replace(root, site, &target, copy, sink, relocations);
            progress = true;
        }
        if !progress {
            for site in &sites {
                sink.push(cycle(&reference_path(root, site), site));
            }
            return;
        }
    }
}

fn reference_path(root: &Value, site: &Site) -> String {
    position::key(&pointer::dotted(root, &site.tokens), "$ref")
}

/// Puts `copy` of what is at `target` where the reference at `site` is; a path item's own
/// fields win over its target's, with a warning, since OpenAPI leaves that case undefined.
fn replace(
    root: &mut Value,
    site: &Site,
    target: &[String],
    copy: Value,
    sink: &mut Sink,
    relocations: &mut Relocations,
) {
    let site_path = pointer::dotted(root, &site.tokens);
    let target_path = pointer::dotted(root, target);
    // Each field the copy takes from its target, one by one: the fields of the site's own (a
    // path item's `summary`) are where they are written.
    if let Value::Object(fields) = &copy {
        let shared = target.first().is_none_or(|section| section != "paths");
        for field in fields.keys().filter(|field| site.kind != Kind::PathItem || !has_field(root, site, field)) {
            let (from, to) = (position::key(&target_path, field), position::key(&site_path, field));
            if shared {
                relocations.moved(&from, &to);
            } else {
                relocations.carry(&from, &to);
            }
        }
    }
    let Some(place) = pointer::lookup_mut(root, &site.tokens) else { return };
    let own = std::mem::take(place);
    let (Value::Object(own), Value::Object(mut merged)) = (own, copy.clone()) else {
        *place = copy;
        return;
    };
    if site.kind == Kind::PathItem {
        for (key, value) in own.into_iter().filter(|(key, _)| key != "$ref") {
            if merged.contains_key(&key) {
                sink.push(
                    Diagnostic::warning(
                        "path item field beside $ref",
                        position::key(&site_path, &key),
                        format!(
                            "`{key}` is defined here and in `{}`, which this path item references; this one is used",
                            site.reference
                        ),
                    )
                    .help("OpenAPI leaves the result undefined: keep the field in one of the two places"),
                );
            }
            merged.insert(key, value);
        }
    }
    *place = Value::Object(merged);
}

fn has_field(root: &Value, site: &Site, field: &str) -> bool {
    pointer::lookup(root, &site.tokens).is_ok_and(|own| own.get(field).is_some())
}

/// How many values `value` holds, and how deeply they nest.
fn measure(value: &Value) -> (usize, usize) {
    let children: Box<dyn Iterator<Item = &Value>> = match value {
        Value::Object(object) => Box::new(object.values()),
        Value::Array(items) => Box::new(items.iter()),
        _ => return (1, 0),
    };
    children.fold((1, 1), |(values, depth), child| {
        let (inner_values, inner_depth) = measure(child);
        (values + inner_values, depth.max(inner_depth + 1))
    })
}

fn cycle(at: &str, site: &Site) -> Diagnostic {
    Diagnostic::error(
        at,
        format!(
            "`{}` cannot be written out: {} it points to holds, through references, this reference itself",
            site.reference,
            site.kind.noun()
        ),
    )
    .help("callbacks and path items given by `$ref` are copied where they are used: make the chain of references end in one that does not refer back")
}

fn too_large(at: &str, reference: &str, kind: Kind) -> Diagnostic {
    Diagnostic::error(
        at,
        format!(
            "copying {} `{reference}` here would make the document too large, or nest it more than {NESTING_LIMIT} levels deep",
            kind.noun()
        ),
    )
    .help("callbacks and path items given by `$ref` are copied where they are used: give fewer of them by reference, or less deeply")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn copies_callbacks_and_path_items() {
        let mut root = json!({
            "paths": {
                "/a": {"$ref": "#/paths/~1b", "summary": "own"},
                "/b": {"summary": "target", "post": {"callbacks": {"done": {"$ref": "#/components/callbacks/Done"}}}}
            },
            "components": {"callbacks": {"Done": {"{$url}": {"post": {"responses": {}}}}}}
        });
        let mut sink = Sink::default();
        let mut relocations = Relocations::default();
        copy_all(&mut root, Version::V3_0, &mut sink, &mut relocations);
        let warnings = sink.into_vec();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].location.path, "paths./a.summary");
        assert_eq!(root["paths"]["/a"]["summary"], "own");
        assert_eq!(root["paths"]["/a"]["post"]["callbacks"]["done"]["{$url}"]["post"], json!({"responses": {}}));
        assert_eq!(root["paths"]["/b"]["post"]["callbacks"]["done"], root["components"]["callbacks"]["Done"]);
        // What the shared callback says is where it is written; what the other path's item
        // says, where each path is.
        assert_eq!(
            relocations.original("paths./a.post.callbacks.done.{$url}.post"),
            "components.callbacks.Done.{$url}.post"
        );
        assert_eq!(relocations.original("paths./a.post.operationId"), "paths./a.post.operationId");
    }

    #[test]
    fn copies_openapi_3_1_shared_path_items_where_paths_and_webhooks_use_them() {
        let mut root = json!({
            "paths": {"/a": {"$ref": "#/components/pathItems/A"}},
            "webhooks": {"done": {"$ref": "#/components/pathItems/A"}},
            "components": {"pathItems": {"A": {"post": {"responses": {}}}}}
        });
        let mut sink = Sink::default();
        let mut relocations = Relocations::default();
        copy_all(&mut root, Version::V3_1, &mut sink, &mut relocations);
        assert!(sink.into_vec().is_empty());
        assert_eq!(root["paths"]["/a"], json!({"post": {"responses": {}}}));
        assert_eq!(root["webhooks"]["done"], json!({"post": {"responses": {}}}));
        assert_eq!(relocations.original("webhooks.done.post.responses"), "components.pathItems.A.post.responses");
        assert_eq!(relocations.original("webhooks.done"), "webhooks.done");
    }

    #[test]
    fn refuses_a_callback_that_holds_itself() {
        let mut root = json!({
            "paths": {},
            "components": {"callbacks": {"Loop": {"{$url}": {"post": {"callbacks": {
                "again": {"$ref": "#/components/callbacks/Loop"}
            }}}}}}
        });
        let mut sink = Sink::default();
        copy_all(&mut root, Version::V3_0, &mut sink, &mut Relocations::default());
        let errors = sink.into_vec();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("cannot be written out"), "{}", errors[0].message);
        assert_eq!(errors[0].location.path, "components.callbacks.Loop.{$url}.post.callbacks.again.$ref");
    }
}
