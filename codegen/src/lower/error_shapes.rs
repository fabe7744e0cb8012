//! Where the API's error answers keep their code and message, read from the document's error
//! response schemas: a list under `errors`, an object under `error`, a `message` string.

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

use crate::ir::ErrorShape;

/// The shapes an error response's JSON schema has, added to `shapes` in a stable order.
pub(super) fn collect(document: &OpenAPI, response: &openapiv3::Response, shapes: &mut Vec<ErrorShape>) {
    for (media, content) in &response.content {
        if !super::media::is_json(media) {
            continue;
        }
        let Some(schema) = &content.schema else { continue };
        let mut fields = Vec::new();
        properties(document, schema, 0, &mut fields);
        for (name, is_list) in fields {
            let shape = match (name.as_str(), is_list) {
                ("errors", true) => ErrorShape::List(name),
                ("error", false) => ErrorShape::Object(name),
                ("message" | "detail", false) => ErrorShape::Message(name),
                _ => continue,
            };
            if !shapes.contains(&shape) {
                shapes.push(shape);
            }
        }
    }
    // Lists and objects first, a bare message last: the runtime reads a message only when no
    // other shape gave a detail.
    shapes.sort_by_key(|shape| matches!(shape, ErrorShape::Message(_)));
}

/// The top-level property names of a schema (through `$ref`s and `allOf`), each with whether
/// it is an array.
fn properties(document: &OpenAPI, schema: &ReferenceOr<Schema>, depth: usize, out: &mut Vec<(String, bool)>) {
    if depth > 8 {
        return;
    }
    let Some(schema) = resolve(document, schema) else { return };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            for (name, property) in &object.properties {
                let is_list = match property {
                    ReferenceOr::Item(property) => matches!(property.schema_kind, SchemaKind::Type(Type::Array(_))),
                    ReferenceOr::Reference { reference } => {
                        let target = ReferenceOr::<Schema>::Reference { reference: reference.clone() };
                        resolve(document, &target)
                            .is_some_and(|schema| matches!(schema.schema_kind, SchemaKind::Type(Type::Array(_))))
                    }
                };
                out.push((name.clone(), is_list));
            }
        }
        SchemaKind::AllOf { all_of } => {
            for part in all_of {
                properties(document, part, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn resolve<'d>(document: &'d OpenAPI, schema: &'d ReferenceOr<Schema>) -> Option<&'d Schema> {
    let mut current = schema;
    for _ in 0..8 {
        match current {
            ReferenceOr::Item(schema) => return Some(schema),
            ReferenceOr::Reference { reference } => {
                let name = crate::pointers::component_name(reference, "schemas")?;
                current = document.components.as_ref()?.schemas.get(&name)?;
            }
        }
    }
    None
}
