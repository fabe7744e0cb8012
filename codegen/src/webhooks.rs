//! Webhooks, the requests an API sends rather than answers, in either version's form: 3.1's
//! `webhooks` and the `x-webhooks` extension 3.0 documents use (GitHub's does). Before
//! openapiv3 reads the document they leave it: each inline payload schema is kept as a
//! component schema, so that the crate has a type to decode it with, and what lowering needs
//! of each webhook is listed under [`LIST`] (`lower/webhooks.rs` reads it).

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::diagnostics::Sink;
use crate::grammar::{METHODS, Version};
use crate::lower::naming;
use crate::openapi31::ComponentNames;
use crate::parse::describe;
use crate::position;
use crate::relocations::Relocations;

/// The root key of the list of webhooks, made here, read by lowering.
pub(crate) const LIST: &str = "x-openapi-client-webhooks";

/// How many `$ref`s in a row may lead to further references before it counts as a cycle.
const MAX_HOPS: usize = 64;

/// Moves the document's webhooks into [`LIST`], their inline payloads into
/// `components.schemas`.
pub(crate) fn collect(root: &mut Value, version: Version, sink: &mut Sink, relocations: &mut Relocations) {
    let mut listed = Vec::new();
    let sections: &[&str] = if version == Version::V3_1 { &["webhooks", "x-webhooks"] } else { &["x-webhooks"] };
    for section in sections {
        let Some(object) = root.as_object_mut() else { return };
        let webhooks = match object.shift_remove(*section) {
            None => continue,
            Some(Value::Object(webhooks)) => webhooks,
            Some(other) => {
                sink.error(
                    *section,
                    format!("`{section}` is {}, not an object", describe(&other)),
                    format!("write `{section}` as an object of webhook names to path items"),
                );
                continue;
            }
        };
        listed.extend(read_section(root, section, &webhooks, sink, relocations));
    }
    if let Some(object) = root.as_object_mut()
        && !listed.is_empty()
    {
        object.insert(LIST.to_owned(), Value::Array(listed));
    }
}

/// The webhooks of one section, each as lowering reads it.
fn read_section(
    root: &mut Value,
    section: &str,
    webhooks: &Map<String, Value>,
    sink: &mut Sink,
    relocations: &mut Relocations,
) -> Vec<Value> {
    let mut names = ComponentNames::of(root, "schemas");
    // By the place a payload schema was written, the name it was kept under: a request body
    // shared by several webhooks gives one type.
    let mut kept: HashMap<String, String> = HashMap::new();
    let mut payloads: Vec<(String, Value)> = Vec::new();
    let mut listed = Vec::new();
    // The headers the webhooks declare that the receiver does not read, said once.
    let read = headers_read(root);
    let mut unread: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (webhook, item) in webhooks {
        let item_path = position::key(section, webhook);
        let Value::Object(item) = item else {
            sink.error(
                &item_path,
                format!("the webhook `{webhook}` is {}, not a path item", describe(item)),
                "write the webhook as a path item: an object of operations by method",
            );
            continue;
        };
        if item.contains_key("$ref") {
            // In 3.1, a shared path item is copied here before this pass; a reference left is
            // to another file (refused with the others) or was reported.
            if section == "x-webhooks" {
                sink.warning(
                    "webhook given by reference",
                    position::key(&item_path, "$ref"),
                    format!("the webhook `{webhook}` is a `$ref`, which `x-webhooks` cannot share; it is left out"),
                    "write the webhook's path item in place",
                );
            }
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
            let mut payload = None;
            if let Some((body, body_path)) = request_body(root, operation, &operation_path, sink) {
                let media_types: Vec<(&String, &Value)> =
                    body.get("content").and_then(Value::as_object).into_iter().flatten().collect();
                let json = media_types.iter().find(|(media, _)| is_json(media));
                for (media, _) in media_types.iter().filter(|(media, _)| !is_json(media)) {
                    sink.warning(
                        "webhook payload not JSON",
                        position::key(&position::key(&body_path, "content"), media),
                        format!("the webhook `{webhook}` may send `{media}`, which the crate does not decode; only its JSON payload is typed"),
                        "decode that media type yourself from the verified body",
                    );
                }
                if let Some((media, entry)) = json
                    && let Some(schema) = entry.get("schema")
                {
                    payload = Some(match component_name(schema) {
                        Some(name) => name,
                        None => {
                            let source =
                                position::key(&position::key(&position::key(&body_path, "content"), media), "schema");
                            kept.entry(source.clone())
                                .or_insert_with(|| {
                                    let name = names.claim(&base);
                                    relocations.moved(&source, &position::key("components.schemas", &name));
                                    payloads
                                        .push((name.clone(), described_payload(schema, webhook, method, operation)));
                                    name
                                })
                                .clone()
                        }
                    });
                }
            }
            let headers = header_values(root, item, operation);
            unread.extend(
                header_parameters(root, item, operation)
                    .map(|(name, _)| name)
                    .filter(|name| !read.contains(&name.to_ascii_lowercase()))
                    .map(str::to_owned),
            );
            listed.push(json!({
                "name": webhook,
                "method": method,
                "at": operation_path,
                "operationId": operation.get("operationId"),
                "summary": operation.get("summary"),
                "description": operation.get("description"),
                "deprecated": operation.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                "payload": payload,
                "headers": headers,
            }));
        }
    }
    keep_payloads(root, payloads);
    if !unread.is_empty() {
        let names: Vec<String> = unread.iter().map(|name| format!("`{name}`")).collect();
        sink.warning(
            "webhook headers not typed",
            section,
            format!(
                "the webhooks declare headers the crate does not read: {}; it reads the signature, the delivery id and where the event is named",
                names.join(", ")
            ),
            "read them from the delivery's headers, which the handler has",
        );
    }
    listed
}

fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// The headers a receiver reads, by the document's extensions, in lower case: the signature's,
/// the delivery id's (Standard Webhooks' three), and those that name the event.
fn headers_read(root: &Value) -> std::collections::HashSet<String> {
    let mut read = std::collections::HashSet::new();
    let signature = root.get("x-webhook-signature");
    for key in ["header", "delivery-id"] {
        if let Some(name) = signature.and_then(|signature| signature.get(key)).and_then(Value::as_str) {
            read.insert(name.to_ascii_lowercase());
        }
    }
    if signature.and_then(|signature| signature.get("scheme")).and_then(Value::as_str) == Some("standard-webhooks") {
        read.extend(["webhook-id", "webhook-timestamp", "webhook-signature"].map(str::to_owned));
    }
    for part in root.get("x-webhook-event").and_then(Value::as_array).into_iter().flatten() {
        if part.get("in").and_then(Value::as_str) == Some("header")
            && let Some(name) = part.get("name").and_then(Value::as_str)
        {
            read.insert(name.to_ascii_lowercase());
        }
    }
    read
}

/// The webhook's header parameters (the path item's and the operation's), each with its
/// name, references followed.
fn header_parameters<'d>(
    root: &'d Value,
    item: &'d Map<String, Value>,
    operation: &'d Map<String, Value>,
) -> impl Iterator<Item = (&'d str, &'d Value)> + 'd {
    [item.get("parameters"), operation.get("parameters")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(move |parameter| follow(root, parameter, "parameters"))
        .filter(|parameter| parameter.get("in").and_then(Value::as_str) == Some("header"))
        .filter_map(|parameter| Some((parameter.get("name").and_then(Value::as_str)?, parameter)))
}

/// The value each header parameter of the webhook is declared with: its schema's one `enum`
/// value, else its `example`; by the header's name in lower case. How a delivery that names its
/// event in a header (`X-GitHub-Event: push`) is told apart.
fn header_values(root: &Value, item: &Map<String, Value>, operation: &Map<String, Value>) -> Map<String, Value> {
    let mut values = Map::new();
    for (name, parameter) in header_parameters(root, item, operation) {
        let schema = parameter.get("schema");
        let only =
            schema.and_then(|schema| schema.get("enum")).and_then(Value::as_array).filter(|values| values.len() == 1);
        let value = only
            .and_then(|values| values[0].as_str())
            .or_else(|| schema.and_then(|schema| schema.get("const")).and_then(Value::as_str))
            .or_else(|| parameter.get("example").and_then(Value::as_str));
        if let Some(value) = value {
            values.insert(name.to_ascii_lowercase(), Value::String(value.to_owned()));
        }
    }
    values
}

/// A value given in place or by a reference to `components.{section}`.
fn follow<'d>(root: &'d Value, mut value: &'d Value, section: &str) -> Option<&'d Value> {
    for _ in 0..MAX_HOPS {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else { return Some(value) };
        let name = crate::pointers::component_name(reference, section)?;
        value = root.get("components")?.get(section)?.get(&name)?;
    }
    None
}

/// The kept payload schemas, added to `components.schemas`.
fn keep_payloads(root: &mut Value, payloads: Vec<(String, Value)>) {
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
        let Some(name) = crate::pointers::component_name(reference, "requestBodies") else {
            // Lowering reports references to the wrong section; a webhook is not lowered.
            sink.error(
                position::key(&path, "$ref"),
                format!("`{reference}` is not a reference to `components.requestBodies`"),
                "point the reference at an entry of `components.requestBodies`",
            );
            return None;
        };
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
    crate::pointers::component_name(reference, "schemas").filter(|_| object.len() == 1)
}
