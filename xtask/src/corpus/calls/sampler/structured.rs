//! Objects and lists made from their schemas: the required properties and the optional ones
//! the document shows a value for, read-only ones left out, and as many items or properties
//! as the schema asks for (distinct ones where it wants them unique).

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::schema::schema_property_is_read_only;
use super::{MAX_DEPTH, Sampler, UNDESCRIBED_REQUIRED};

impl Sampler<'_> {
    pub(super) fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let mut object = Map::new();
        if depth >= MAX_DEPTH {
            return Value::Object(object);
        }
        let required: BTreeSet<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                let property = self.flatten(property, depth + 1);
                // What the server writes is not sent.
                if property.get("readOnly").and_then(Value::as_bool).unwrap_or(false) {
                    continue;
                }
                // Optional properties only where the document shows a value: fewer guesses.
                let shown = self.example_of(&property).is_some();
                if required.contains(name.as_str()) || shown {
                    let value = self.value(&property, depth + 1);
                    object.insert(name.clone(), value);
                }
            }
        }
        // Required names that no property describes: any value will do, though a client
        // that knows only the properties will not send it.
        for name in required {
            if !object.contains_key(name) && !schema_property_is_read_only(schema, name) {
                if schema.get("properties").and_then(|properties| properties.get(name)).is_none() {
                    self.notes.insert(UNDESCRIBED_REQUIRED.to_owned());
                }
                let value = match schema.get("additionalProperties") {
                    Some(additional) if additional.is_object() => {
                        let additional = self.flatten(additional, depth + 1);
                        self.value(&additional, depth + 1)
                    }
                    _ => Value::String("example".to_owned()),
                };
                object.insert(name.to_owned(), value);
            }
        }
        let min_properties = schema.get("minProperties").and_then(Value::as_u64).unwrap_or(0) as usize;
        let mut extra = 1;
        while object.len() < min_properties {
            let value = match schema.get("additionalProperties") {
                Some(additional) if additional.is_object() => {
                    let additional = self.flatten(additional, depth + 1);
                    self.value(&additional, depth + 1)
                }
                _ => Value::String("example".to_owned()),
            };
            object.insert(format!("key{extra}"), value);
            extra += 1;
        }
        Value::Object(object)
    }

    pub(super) fn array(&mut self, schema: &Value, depth: usize) -> Value {
        let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = schema.get("maxItems").and_then(Value::as_u64).map(|max| max as usize);
        // One item shows the item's encoding; more only when the document asks for them.
        let count = min.max(1).min(max.unwrap_or(usize::MAX));
        if depth >= MAX_DEPTH || count == 0 {
            return Value::Array(Vec::new());
        }
        let items = schema.get("items").cloned().unwrap_or_else(|| json!({}));
        let items = self.flatten(&items, depth + 1);
        let first = self.value(&items, depth + 1);
        let mut values = vec![first];
        let unique = schema.get("uniqueItems").and_then(Value::as_bool).unwrap_or(false);
        let choices: Vec<Value> = items.get("enum").and_then(Value::as_array).cloned().unwrap_or_default();
        while values.len() < count {
            let next = match (&values[values.len() - 1], unique) {
                // Distinct items: the enum's next value, or a number or string made different.
                (_, true) if !choices.is_empty() => choices.get(values.len()).cloned().unwrap_or(Value::Null),
                (Value::Number(number), true) => json!(number.as_i64().unwrap_or(0) + 1),
                (Value::String(text), true) => Value::String(format!("{text}{}", values.len())),
                (last, _) => last.clone(),
            };
            values.push(next);
        }
        Value::Array(values)
    }
}
