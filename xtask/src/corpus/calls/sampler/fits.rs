//! Whether a value passes what Prism's validator checks of it against a schema: used to tell
//! a document's example that fits its schema from one that does not.

use serde_json::{Value, json};

use super::schema::{has_type, schema_property_is_read_only, types_of};
use super::strings::{fits_format, length_fits, matches_pattern};
use super::{MAX_DEPTH, Sampler};

impl Sampler<'_> {
    /// Whether `value` passes what Prism would check of it against `schema` (types, enums,
    /// bounds, lengths, patterns, formats, required properties), to a depth.
    pub fn fits(&mut self, value: &Value, schema: &Value, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return true;
        }
        let nullable = schema.get("nullable").and_then(Value::as_bool).unwrap_or(false)
            || types_of(schema).iter().any(|ty| ty == "null");
        if value.is_null() {
            return nullable
                || schema.get("enum").and_then(Value::as_array).is_some_and(|values| values.contains(value));
        }
        if let Some((exactly_one, alternatives)) = Self::alternatives(schema) {
            let mut fitting = 0;
            for alternative in &alternatives {
                let merged = self.with_alternative(schema, alternative, depth);
                if self.fits(value, &merged, depth + 1) {
                    fitting += 1;
                }
            }
            return if exactly_one { fitting == 1 } else { fitting >= 1 };
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            if !values.contains(value) {
                return false;
            }
        }
        let types = types_of(schema);
        if !types.is_empty() && !types.iter().any(|ty| has_type(value, ty)) {
            return false;
        }
        match value {
            Value::String(text) => {
                let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
                let max = schema.get("maxLength").and_then(Value::as_u64).map(|max| max as usize);
                if !length_fits(text, min, max) {
                    return false;
                }
                if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
                    if matches_pattern(pattern, text) == Some(false) {
                        return false;
                    }
                }
                let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
                fits_format(format, text)
            }
            Value::Number(number) => {
                let Some(number) = number.as_f64() else { return true };
                let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
                let exclusive = |key: &str| schema.get(key).and_then(Value::as_bool).unwrap_or(false);
                if let Some(minimum) = bound("minimum") {
                    if number < minimum || (exclusive("exclusiveMinimum") && number == minimum) {
                        return false;
                    }
                }
                if let Some(maximum) = bound("maximum") {
                    if number > maximum || (exclusive("exclusiveMaximum") && number == maximum) {
                        return false;
                    }
                }
                if bound("exclusiveMinimum").is_some_and(|minimum| number <= minimum)
                    || bound("exclusiveMaximum").is_some_and(|maximum| number >= maximum)
                {
                    return false;
                }
                true
            }
            Value::Array(items) => {
                let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
                let max = schema.get("maxItems").and_then(Value::as_u64).map_or(usize::MAX, |max| max as usize);
                if items.len() < min || items.len() > max {
                    return false;
                }
                let item_schema = schema.get("items").cloned().unwrap_or_else(|| json!({}));
                let item_schema = self.flatten(&item_schema, depth + 1);
                items.iter().all(|item| self.fits(item, &item_schema, depth + 1))
            }
            Value::Object(object) => {
                let required =
                    schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
                for name in required {
                    if !object.contains_key(name) && !schema_property_is_read_only(schema, name) {
                        return false;
                    }
                }
                let properties = schema.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
                for (name, value) in object {
                    let Some(property) = properties.get(name) else {
                        if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
                            return false;
                        }
                        continue;
                    };
                    let property = self.flatten(property, depth + 1);
                    if !self.fits(value, &property, depth + 1) {
                        return false;
                    }
                }
                true
            }
            Value::Bool(_) | Value::Null => true,
        }
    }
}
