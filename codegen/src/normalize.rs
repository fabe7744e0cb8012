//! Rewrites what openapiv3 would silently drop into forms it keeps, before deserialising.
//!
//! openapiv3 reads `{ $ref, description }` as a bare reference and loses the `description`;
//! OpenAPI 3.0 says siblings of `$ref` are ignored, but real documents rely on them. Such a
//! schema becomes `{ allOf: [{ $ref }], description }`, which the lowering reads as "that
//! type, with these overrides".

use serde_json::{Map, Value};

use crate::diagnostics::Sink;
use crate::grammar::{self, METHODS};
use crate::parse::describe;
use crate::position;

pub fn normalize(root: &mut Value, sink: &mut Sink) {
    check_keys(root, sink);
    grammar::for_each_schema(root, &mut |schema, path| {
        wrap_ref_siblings(schema);
        whole_integer_bounds(schema, path, sink);
    });
}

/// openapiv3 reads an integer schema's `minimum` and `maximum` as 64-bit integers, so a bound
/// written as a float (`1.0`), or past 64 bits (`-9223372036854776000`, which is `i64::MIN`
/// as a float), would refuse a valid document. A bound becomes the nearest whole number on
/// the allowed side, held in 64 bits; only a bound past what the generated `i64` holds is
/// worth a warning, since values there would not decode.
fn whole_integer_bounds(schema: &mut Value, path: &str, sink: &mut Sink) {
    let Some(object) = schema.as_object_mut() else { return };
    if object.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    // 2^63: `i64::MAX` and `i64::MIN` both round to it (or its negative) as floats.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    for (bound, lower) in [("minimum", true), ("maximum", false)] {
        let Some(Value::Number(number)) = object.get(bound) else { continue };
        if number.is_i64() || number.is_u64() {
            continue;
        }
        let Some(float) = number.as_f64() else { continue };
        let whole = if lower { float.ceil() } else { float.floor() };
        if !(-LIMIT..=LIMIT).contains(&whole) {
            sink.warning(
                "integer bound past 64 bits",
                position::key(path, bound),
                format!("`{bound}: {number}` lies beyond what a 64-bit integer holds; the generated `i64` cannot hold every value the schema allows"),
                "values past the 64-bit range will fail to decode: if the API sends them, type the field `type: number` or `type: string`",
            );
        }
        let clamped = whole.clamp(-LIMIT, LIMIT);
        let value = if clamped >= LIMIT { Value::from(i64::MAX) } else { Value::from(clamped as i64) };
        object.insert(bound.to_owned(), value);
    }
}

/// Reports keys that openapiv3 would silently skip: paths that do not start with `/`, and
/// response keys that are not status codes.
fn check_keys(root: &Value, sink: &mut Sink) {
    let Some(Value::Object(paths)) = root.get("paths") else { return };
    for (template, item) in paths {
        let item_path = position::key("paths", template);
        if !template.starts_with('/') && !template.starts_with("x-") {
            sink.error(
                &item_path,
                format!("the path `{template}` does not start with `/`"),
                format!("write it as `/{template}`: paths are relative to the server URL and start with `/`"),
            );
            continue;
        }
        check_parameters(item.get("parameters"), &position::key(&item_path, "parameters"), sink);
        for method in METHODS {
            let operation_path = position::key(&item_path, method);
            let operation = item.get(method);
            check_parameters(
                operation.and_then(|o| o.get("parameters")),
                &position::key(&operation_path, "parameters"),
                sink,
            );
            let Some(Value::Object(responses)) = operation.and_then(|operation| operation.get("responses")) else {
                continue;
            };
            for status in responses.keys() {
                if !is_status_key(status) {
                    sink.error(
                        position::key(&position::key(&operation_path, "responses"), status),
                        format!("`{status}` is not a response status"),
                        "use a three-digit status such as `200`, a range such as `4XX`, or `default`",
                    );
                }
            }
        }
    }
}

/// Each parameter needs a `name`, an `in` that is a location, and a `schema` or `content`;
/// openapiv3 would report only the first one missing, and without its place.
fn check_parameters(parameters: Option<&Value>, path: &str, sink: &mut Sink) {
    let Some(Value::Array(parameters)) = parameters else { return };
    for (index, parameter) in parameters.iter().enumerate() {
        let parameter_path = position::index(path, index);
        let Some(object) = parameter.as_object() else {
            sink.error(
                &parameter_path,
                format!("a parameter is {}, not an object", describe(parameter)),
                "write the parameter as an object with `name`, `in` and `schema`",
            );
            continue;
        };
        if object.contains_key("$ref") {
            continue;
        }
        let name = object.get("name").and_then(Value::as_str);
        let called = name.map(|name| format!("parameter `{name}`")).unwrap_or_else(|| "the parameter".to_owned());
        if name.is_none() {
            sink.error(
                &parameter_path,
                "the parameter has no `name`",
                "add `name:` with the parameter's name on the wire",
            );
        }
        match object.get("in") {
            Some(Value::String(location)) if ["query", "header", "path", "cookie"].contains(&location.as_str()) => {}
            Some(other) => sink.error(
                position::key(&parameter_path, "in"),
                format!(
                    "{called} has `in: {}`, which is not a parameter location",
                    other.as_str().map(str::to_owned).unwrap_or_else(|| other.to_string())
                ),
                "use `in: query`, `path`, `header` or `cookie`",
            ),
            None => sink.error(
                &parameter_path,
                format!("{called} has no `in`"),
                "add `in: query`, `path`, `header` or `cookie`",
            ),
        }
        if !object.contains_key("schema") && !object.contains_key("content") {
            sink.error(
                &parameter_path,
                format!("{called} has neither `schema` nor `content`"),
                "add a `schema` that says what the value is",
            );
        }
    }
}

fn is_status_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    key == "default"
        || key.starts_with("x-")
        || (bytes.len() == 3
            && (b'1'..=b'5').contains(&bytes[0])
            && ((bytes[1].is_ascii_digit() && bytes[2].is_ascii_digit())
                || (bytes[1].eq_ignore_ascii_case(&b'X') && bytes[2].eq_ignore_ascii_case(&b'X'))))
}

fn wrap_ref_siblings(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else { return };
    if object.len() < 2 || !object.contains_key("$ref") {
        return;
    }
    let reference = object.remove("$ref").unwrap_or(Value::Null);
    let mut only_ref = Map::new();
    only_ref.insert("$ref".to_owned(), reference);
    match object.get_mut("allOf") {
        Some(Value::Array(parts)) => parts.insert(0, Value::Object(only_ref)),
        _ => {
            object.insert("allOf".to_owned(), Value::Array(vec![Value::Object(only_ref)]));
        }
    }
}
