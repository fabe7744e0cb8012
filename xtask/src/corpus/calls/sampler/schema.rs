//! A schema as the sampler reads it: one object of keywords, its `$ref` followed and its
//! `allOf` merged, a `oneOf`/`anyOf` alternative merged in when one is chosen (with the
//! discriminator's value that names it); and what its keywords say of the value's type.

use serde_json::{Map, Value, json};

use super::{MAX_DEPTH, Sampler};

impl Sampler<'_> {
    /// A schema with its `$ref` followed and `allOf` merged, as one object of keywords;
    /// `oneOf`/`anyOf` are kept, for `alternative` to choose from.
    pub fn flatten(&mut self, schema: &Value, depth: usize) -> Value {
        // A `$ref` alone stands for its target; beside other keywords (OpenAPI 3.1) it is one
        // more part of the schema.
        let alone = schema.as_object().is_some_and(|object| object.len() == 1);
        let schema = if alone { self.resolve(schema) } else { schema };
        let Some(object) = schema.as_object() else {
            // `true`, `false` or something that is not a schema: anything goes.
            return json!({});
        };
        if depth > MAX_DEPTH {
            return json!({});
        }
        let mut merged = Map::new();
        for (key, value) in object {
            if !matches!(key.as_str(), "allOf" | "$ref") {
                merged.insert(key.clone(), value.clone());
            }
        }
        let mut parts: Vec<Value> = object.get("allOf").and_then(Value::as_array).cloned().unwrap_or_default();
        if let Some(reference) = object.get("$ref") {
            parts.push(json!({"$ref": reference}));
        }
        for part in parts {
            let part = self.flatten(&part, depth + 1);
            merge_into(&mut merged, part);
        }
        Value::Object(merged)
    }

    /// The `oneOf` (`true`) or `anyOf` (`false`) alternatives of a flattened schema.
    pub(super) fn alternatives(schema: &Value) -> Option<(bool, Vec<Value>)> {
        for (key, exactly_one) in [("oneOf", true), ("anyOf", false)] {
            if let Some(alternatives) = schema.get(key).and_then(Value::as_array).filter(|list| !list.is_empty()) {
                return Some((exactly_one, alternatives.clone()));
            }
        }
        None
    }

    /// A flattened schema with its alternative `alternative` merged in (and the
    /// discriminator's property set to the value that names it).
    pub(super) fn with_alternative(&mut self, schema: &Value, alternative: &Value, depth: usize) -> Value {
        let mut merged = schema.as_object().cloned().unwrap_or_default();
        merged.remove("oneOf");
        merged.remove("anyOf");
        if let Some((property, value)) = discriminator_value(schema, alternative) {
            let properties = merged.entry("properties").or_insert_with(|| json!({}));
            if let Some(properties) = properties.as_object_mut() {
                properties.insert(property.clone(), json!({"type": "string", "enum": [value]}));
            }
            push_required(&mut merged, &property);
        }
        let alternative = self.flatten(alternative, depth + 1);
        merge_into(&mut merged, alternative);
        Value::Object(merged)
    }

    /// A flattened schema with its first `oneOf`/`anyOf` alternative merged in; itself when
    /// it has none.
    pub fn one_alternative(&mut self, schema: &Value) -> Value {
        match Self::alternatives(schema) {
            Some((_, alternatives)) => self.with_alternative(schema, &alternatives[0], 0),
            None => schema.clone(),
        }
    }
}

/// The value of a discriminator's property that names `alternative`, when the schema has a
/// discriminator: the mapping's key for the alternative's `$ref`, else the schema's name.
fn discriminator_value(schema: &Value, alternative: &Value) -> Option<(String, String)> {
    let discriminator = schema.get("discriminator")?;
    let property = discriminator.get("propertyName")?.as_str()?.to_owned();
    let reference = alternative.get("$ref")?.as_str()?;
    if let Some(mapping) = discriminator.get("mapping").and_then(Value::as_object) {
        if let Some((key, _)) = mapping.iter().find(|(_, target)| target.as_str() == Some(reference)) {
            return Some((property, key.clone()));
        }
    }
    let name = reference.rsplit('/').next()?.to_owned();
    Some((property, name))
}

/// Adds what `part` says to `merged`: properties and required names joined, the other
/// keywords where `merged` has none.
fn merge_into(merged: &mut Map<String, Value>, part: Value) {
    let Value::Object(part) = part else { return };
    for (key, value) in part {
        match key.as_str() {
            "properties" => {
                let target = merged.entry("properties").or_insert_with(|| json!({}));
                if let (Some(target), Value::Object(properties)) = (target.as_object_mut(), value) {
                    for (name, property) in properties {
                        target.entry(name).or_insert(property);
                    }
                }
            }
            "required" => {
                for name in value.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    push_required(merged, name);
                }
            }
            _ => {
                merged.entry(key).or_insert(value);
            }
        }
    }
}

fn push_required(schema: &mut Map<String, Value>, name: &str) {
    let required = schema.entry("required").or_insert_with(|| json!([]));
    if let Some(list) = required.as_array_mut() {
        if !list.iter().any(|item| item.as_str() == Some(name)) {
            list.push(Value::String(name.to_owned()));
        }
    }
}

/// Whether the schema's property `name` is `readOnly`: a required name a request leaves out.
pub(super) fn schema_property_is_read_only(schema: &Value, name: &str) -> bool {
    schema
        .get("properties")
        .and_then(|properties| properties.get(name))
        .and_then(|property| property.get("readOnly"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// The types a schema allows: its `type` (a list in OpenAPI 3.1).
pub(super) fn types_of(schema: &Value) -> Vec<String> {
    match schema.get("type") {
        Some(Value::String(ty)) => vec![ty.clone()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// The one type a value is made as: the first that is not `null`, else what the keywords
/// suggest (`properties` an object, `items` a list), else a string.
pub(super) fn type_of(schema: &Value) -> String {
    if let Some(ty) = types_of(schema).into_iter().find(|ty| ty != "null") {
        return ty;
    }
    if schema.get("properties").is_some()
        || schema.get("additionalProperties").is_some()
        || schema.get("required").is_some()
    {
        "object".to_owned()
    } else if schema.get("items").is_some() {
        "array".to_owned()
    } else if schema.get("minimum").is_some() || schema.get("maximum").is_some() {
        "number".to_owned()
    } else {
        "string".to_owned()
    }
}

pub(super) fn has_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => {
            value.as_i64().is_some()
                || value.as_u64().is_some()
                || value.as_f64().is_some_and(|number| number.fract() == 0.0)
        }
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

/// A scalar example as the schema's type wants it, as a parameter's text would be read:
/// `"5"` for an integer, `5` for a string, `"true"` for a boolean.
pub(super) fn convert_scalar(example: &Value, schema: &Value) -> Value {
    let ty = type_of(schema);
    match (example, ty.as_str()) {
        (Value::Number(number), "string") => Value::String(number.to_string()),
        (Value::Bool(flag), "string") => Value::String(flag.to_string()),
        (Value::String(text), "integer") => {
            text.trim().parse::<i64>().map(Value::from).unwrap_or_else(|_| example.clone())
        }
        (Value::String(text), "number") => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| example.clone(), Value::Number),
        (Value::String(text), "boolean") => match text.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => example.clone(),
        },
        _ => example.clone(),
    }
}
