//! The values of the calls `corpus --prism` makes, read from the raw document: its own
//! examples first (when they fit their schema), else values made from the schemas that pass
//! what Prism validates (`enum`, `format`, bounds, lengths, `minItems`, required properties,
//! `pattern` where a simple value fits).
//!
//! The document is a `serde_json::Value`, not the generator's model, so that the calls say
//! what the document asks for and not what the generator understood of it. `$ref` is followed
//! by JSON pointer, `allOf` merged, the first alternative of `oneOf`/`anyOf` taken; OpenAPI
//! 3.1's `type` lists, `const` and `examples` lists are read too.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

/// What the notes of a call say when a value could not fit what the document asks.
pub const PATTERN_UNMET: &str = "a `pattern` no simple value meets";
/// A document flaw: a required property that no property describes, which a client that
/// sends the properties it knows cannot send.
pub const UNDESCRIBED_REQUIRED: &str = "a required property the schema does not describe";
/// A document flaw: enum values of another type than the schema's, which no value fits.
pub const ENUM_OF_ANOTHER_TYPE: &str = "an `enum` whose values are not of the schema's type";
/// A document flaw: a body schema of an object or a list for a media type that is neither
/// JSON nor a form, which the body (bytes or text) cannot be.
pub const STRUCTURED_BODY_NOT_JSON: &str = "an object schema for a body that is not JSON or a form";
/// The notes that mean no client could make the call pass Prism's validation.
pub const DOCUMENT_FLAWS: &[&str] = &[UNDESCRIBED_REQUIRED, ENUM_OF_ANOTHER_TYPE, STRUCTURED_BODY_NOT_JSON];
/// No alternative of a `oneOf` gave a value that fits it alone.
pub const AMBIGUOUS_ONE_OF: &str = "a `oneOf` whose made values fit several alternatives";

/// How deep values are made: a schema that nests deeper (or refers to itself) stops there.
const MAX_DEPTH: usize = 8;
/// How many `$ref` a chain may follow before it is taken as a loop.
const MAX_REFS: usize = 32;

/// Makes the values of one document's calls.
pub struct Sampler<'a> {
    document: &'a Value,
    /// What could not be honoured while making values (a pattern no simple value meets), for
    /// the classes of the calls that fail.
    pub notes: BTreeSet<String>,
    /// Whether a value came from the schemas because the document's example did not fit.
    pub examples_refused: usize,
}

impl<'a> Sampler<'a> {
    pub fn new(document: &'a Value) -> Self {
        Sampler { document, notes: BTreeSet::new(), examples_refused: 0 }
    }

    /// `value` with its `$ref` chain followed (`#/...` pointers only); itself when it has none
    /// or the reference leads nowhere.
    pub fn resolve<'v>(&self, mut value: &'v Value) -> &'v Value
    where
        'a: 'v,
    {
        for _ in 0..MAX_REFS {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else { return value };
            match self.pointer(reference) {
                Some(target) => value = target,
                None => return value,
            }
        }
        value
    }

    fn pointer(&self, reference: &str) -> Option<&'a Value> {
        let pointer = reference.strip_prefix('#')?;
        let decoded = percent_decode(pointer);
        self.document.pointer(&decoded)
    }

    /// The value of a parameter object: its example, else one made from its schema.
    pub fn parameter(&mut self, parameter: &Value) -> Value {
        let parameter = self.resolve(parameter);
        let schema = match parameter.get("schema") {
            Some(schema) => schema.clone(),
            // A parameter with `content` instead: the schema of its one media type.
            None => parameter
                .get("content")
                .and_then(Value::as_object)
                .and_then(|content| content.values().next())
                .and_then(|media| media.get("schema"))
                .cloned()
                .unwrap_or_else(|| json!({"type": "string"})),
        };
        let schema = self.flatten(&schema, 0);
        if let Some(example) = self.example_of(parameter) {
            if let Some(value) = self.fitting(&example, &schema) {
                return value;
            }
        }
        self.value(&schema, 0)
    }

    /// Whether a parameter has an example of its own or in its schema (optional parameters
    /// are sent only then: a value the document shows).
    pub fn has_example(&self, parameter: &Value) -> bool {
        let parameter = self.resolve(parameter);
        let schema = parameter.get("schema").map(|schema| self.resolve(schema));
        self.example_of(parameter).is_some() || schema.is_some_and(|schema| self.example_of(schema).is_some())
    }

    /// The body of a request for `media_type`: the media type's example, else one made from
    /// its schema. `None` when the document has no such media type.
    pub fn body(&mut self, request_body: &Value, media_type: &str) -> Option<Value> {
        let request_body = self.resolve(request_body);
        let media = request_body.get("content")?.get(media_type)?;
        let schema = media.get("schema").cloned().unwrap_or_else(|| json!({}));
        let schema = self.flatten(&schema, 0);
        if let Some(example) = self.example_of(media) {
            if let Some(value) = self.fitting(&example, &schema) {
                return Some(value);
            }
        }
        let mut value = self.value(&schema, 0);
        // A required body sent empty reads as no body at all (an empty form): one property
        // the schema describes goes in.
        if value.as_object().is_some_and(Map::is_empty) {
            let first = schema
                .get("properties")
                .and_then(Value::as_object)
                .and_then(|properties| {
                    properties.iter().find(|(_, property)| property.get("readOnly") != Some(&Value::Bool(true)))
                })
                .map(|(name, property)| (name.clone(), property.clone()));
            if let Some((name, property)) = first {
                let property = self.flatten(&property, 1);
                let property_value = self.value(&property, 1);
                value[name] = property_value;
            }
        }
        // Text and binary bodies are strings whatever the schema says.
        let textual = !is_json_like(media_type) && !is_form(media_type);
        if textual && matches!(type_of(&schema).as_str(), "object" | "array") && schema.get("format").is_none() {
            self.notes.insert(STRUCTURED_BODY_NOT_JSON.to_owned());
        }
        Some(match value {
            Value::String(_) => value,
            other if textual => Value::String(match other {
                Value::Object(_) | Value::Array(_) => other.to_string(),
                _ => "example".to_owned(),
            }),
            other => other,
        })
    }

    /// The first example an object (parameter, media type or schema) gives: `example`, else
    /// the first of `examples` (a map of Example objects in parameters and media types, a
    /// list in OpenAPI 3.1 schemas).
    pub fn example_of(&self, holder: &Value) -> Option<Value> {
        if let Some(example) = holder.get("example") {
            return Some(example.clone());
        }
        match holder.get("examples")? {
            Value::Array(list) => list.first().cloned(),
            Value::Object(map) => {
                let example = self.resolve(map.values().next()?);
                // `externalValue` examples are files elsewhere: not read.
                example.get("value").cloned()
            }
            _ => None,
        }
    }

    /// `example` when it fits `schema`, after the conversions a parameter's text allows
    /// (`"5"` for an integer, `5` for a string); `None` when it does not fit.
    fn fitting(&mut self, example: &Value, schema: &Value) -> Option<Value> {
        let converted = convert_scalar(example, schema);
        if self.fits(&converted, schema, 0) {
            return Some(converted);
        }
        self.examples_refused += 1;
        None
    }

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
    fn alternatives(schema: &Value) -> Option<(bool, Vec<Value>)> {
        for (key, exactly_one) in [("oneOf", true), ("anyOf", false)] {
            if let Some(alternatives) = schema.get(key).and_then(Value::as_array).filter(|list| !list.is_empty()) {
                return Some((exactly_one, alternatives.clone()));
            }
        }
        None
    }

    /// A flattened schema with its alternative `alternative` merged in (and the
    /// discriminator's property set to the value that names it).
    fn with_alternative(&mut self, schema: &Value, alternative: &Value, depth: usize) -> Value {
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

    /// A value made from a flattened schema.
    fn value(&mut self, schema: &Value, depth: usize) -> Value {
        // Alternatives that name themselves again go no deeper than this.
        if depth > 2 * MAX_DEPTH {
            return Value::Null;
        }
        if let Some(example) = self.example_of(schema) {
            if let Some(value) = self.fitting(&example, schema) {
                return value;
            }
        }
        if let Some((exactly_one, alternatives)) = Self::alternatives(schema) {
            // The first alternative whose value the others do not also accept: Prism checks
            // that a `oneOf` value fits exactly one.
            let mut first = None;
            for alternative in alternatives.iter().take(8) {
                let merged = self.with_alternative(schema, alternative, depth);
                let value = self.value(&merged, depth + 1);
                if !exactly_one || self.fits(&value, schema, 0) {
                    return value;
                }
                first.get_or_insert(value);
            }
            self.notes.insert(AMBIGUOUS_ONE_OF.to_owned());
            return first.unwrap_or(Value::Null);
        }
        if let Some(constant) = schema.get("const") {
            return constant.clone();
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            let types = types_of(schema);
            let typed = values
                .iter()
                .find(|value| !value.is_null() && (types.is_empty() || types.iter().any(|ty| has_type(value, ty))));
            if let Some(value) = typed {
                return value.clone();
            }
            if let Some(value) = values.iter().find(|value| !value.is_null()) {
                self.notes.insert(ENUM_OF_ANOTHER_TYPE.to_owned());
                return convert_scalar(value, schema);
            }
        }
        if let Some(default) = schema.get("default") {
            if self.fits(default, schema, 0) {
                return default.clone();
            }
        }
        match type_of(schema).as_str() {
            "object" => self.object(schema, depth),
            "array" => self.array(schema, depth),
            "integer" => integer(schema),
            "number" => number(schema),
            "boolean" => Value::Bool(true),
            "null" => Value::Null,
            _ => Value::String(self.string(schema)),
        }
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Value {
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

    fn array(&mut self, schema: &Value, depth: usize) -> Value {
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

    fn string(&mut self, schema: &Value) -> String {
        let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
        let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = schema.get("maxLength").and_then(Value::as_u64).map(|max| max as usize);
        let formatted = for_format(format);
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            let candidate = formatted.clone().unwrap_or_else(|| "example".to_owned());
            if matches_pattern(pattern, &candidate) == Some(true) && length_fits(&candidate, min, max) {
                return candidate;
            }
            match string_for_pattern(pattern, min, max) {
                Some(text) => return text,
                None => {
                    self.notes.insert(PATTERN_UNMET.to_owned());
                }
            }
        }
        if let Some(text) = formatted {
            return text;
        }
        let mut text = "example".to_owned();
        if let Some(max) = max {
            text.truncate(max);
        }
        while text.chars().count() < min {
            text.push('x');
        }
        text
    }

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
fn schema_property_is_read_only(schema: &Value, name: &str) -> bool {
    schema
        .get("properties")
        .and_then(|properties| properties.get(name))
        .and_then(|property| property.get("readOnly"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// The types a schema allows: its `type` (a list in OpenAPI 3.1).
fn types_of(schema: &Value) -> Vec<String> {
    match schema.get("type") {
        Some(Value::String(ty)) => vec![ty.clone()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// The one type a value is made as: the first that is not `null`, else what the keywords
/// suggest (`properties` an object, `items` a list), else a string.
fn type_of(schema: &Value) -> String {
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

fn has_type(value: &Value, ty: &str) -> bool {
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
fn convert_scalar(example: &Value, schema: &Value) -> Value {
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

fn integer(schema: &Value) -> Value {
    let (low, high) = bounds(schema, 1.0);
    let multiple = schema.get("multipleOf").and_then(Value::as_f64).filter(|multiple| *multiple > 0.0);
    let mut value = 1f64.max(low.ceil()).min(high.floor());
    if let Some(multiple) = multiple {
        value = (value / multiple).ceil() * multiple;
        if value > high {
            value = (high / multiple).floor() * multiple;
        }
    }
    json!(value as i64)
}

fn number(schema: &Value) -> Value {
    let (low, high) = bounds(schema, 0.5);
    let multiple = schema.get("multipleOf").and_then(Value::as_f64).filter(|multiple| *multiple > 0.0);
    let mut value = 1f64.max(low).min(high);
    if let Some(multiple) = multiple {
        value = (value / multiple).ceil() * multiple;
    }
    if value.fract() == 0.0 && value.abs() < 1e15 { json!(value as i64) } else { json!(value) }
}

/// The smallest and largest values a number schema allows, exclusive bounds moved in by
/// `step`.
fn bounds(schema: &Value, step: f64) -> (f64, f64) {
    let get = |key: &str| schema.get(key).and_then(Value::as_f64);
    let flag = |key: &str| schema.get(key).and_then(Value::as_bool).unwrap_or(false);
    let mut low = get("minimum").unwrap_or(f64::MIN);
    let mut high = get("maximum").unwrap_or(f64::MAX);
    if flag("exclusiveMinimum") {
        low += step;
    }
    if flag("exclusiveMaximum") {
        high -= step;
    }
    if let Some(minimum) = get("exclusiveMinimum") {
        low = low.max(minimum + step);
    }
    if let Some(maximum) = get("exclusiveMaximum") {
        high = high.min(maximum - step);
    }
    (low, high.max(low))
}

/// A value of a string `format` that validators check.
fn for_format(format: &str) -> Option<String> {
    let text = match format {
        "date-time" => "2024-01-02T03:04:05Z",
        "date" => "2024-01-02",
        "time" => "03:04:05Z",
        "email" | "idn-email" => "user@example.com",
        "uri" | "url" | "iri" => "https://example.com/",
        "uri-reference" | "iri-reference" => "/example",
        "uri-template" => "https://example.com/{id}",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "uuid" | "guid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "byte" => "ZXhhbXBsZQ==",
        "duration" => "P1D",
        "json-pointer" => "/example",
        "regex" => "^example$",
        "int32" | "int64" => "1",
        _ => return None,
    };
    Some(text.to_owned())
}

/// Whether a string passes a format check as Prism's validator makes it (loosely: the shape).
fn fits_format(format: &str, text: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    match format {
        "date-time" => {
            let Some((date, time)) = text.split_once(['T', 't', ' ']) else { return false };
            fits_format("date", date)
                && time.len() >= 8
                && (time.ends_with(['Z', 'z']) || time[8..].contains(['+', '-']))
        }
        "date" => {
            let parts: Vec<&str> = text.split('-').collect();
            parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|part| digits(part))
        }
        "email" => text.contains('@') && !text.starts_with('@') && !text.ends_with('@'),
        "uri" | "url" => text.contains(':') && !text.contains(' '),
        "uuid" => {
            let parts: Vec<usize> = text.split('-').map(str::len).collect();
            parts == [8, 4, 4, 4, 12] && text.chars().all(|ch| ch == '-' || ch.is_ascii_hexdigit())
        }
        "ipv4" => {
            text.split('.').count() == 4 && text.split('.').all(|part| digits(part) && part.parse::<u8>().is_ok())
        }
        "ipv6" => text.parse::<std::net::Ipv6Addr>().is_ok(),
        _ => true,
    }
}

fn length_fits(text: &str, min: usize, max: Option<usize>) -> bool {
    let length = text.chars().count();
    length >= min && max.is_none_or(|max| length <= max)
}

/// Whether `text` matches a pattern (searched, as JSON Schema does); `None` when the pattern
/// is not one the `regex` crate reads (lookarounds, backreferences).
fn matches_pattern(pattern: &str, text: &str) -> Option<bool> {
    regex::Regex::new(pattern).ok().map(|regex| regex.is_match(text))
}

/// The shortest simple string that matches `pattern` within the length bounds: each
/// repetition its least, every alternation its first branch, every class a letter or digit
/// where it has one; repetitions grown one at a time to reach `min`.
fn string_for_pattern(pattern: &str, min: usize, max: Option<usize>) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let check = regex::Regex::new(pattern).ok()?;
    for extra in 0..=min.max(8) {
        let mut text = String::new();
        let mut budget = extra;
        if !generate(&hir, &mut text, &mut budget) {
            return None;
        }
        if length_fits(&text, min, max) && check.is_match(&text) {
            return Some(text);
        }
    }
    None
}

/// Appends to `text` a string `hir` matches; `budget` more repetitions than the least are
/// spent on the first repetitions that allow them. `false` for what no string matches.
fn generate(hir: &regex_syntax::hir::Hir, text: &mut String, budget: &mut usize) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(literal) => {
                text.push_str(literal);
                true
            }
            Err(_) => false,
        },
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges();
            let contains = |ch: char| ranges.iter().any(|range| range.start() <= ch && ch <= range.end());
            let preferred = ['a', 'b', 'c', 'x', 'A', 'B', 'X', '0', '1', '9', '-', '_', '.', ' '];
            let chosen = preferred
                .into_iter()
                .find(|ch| contains(*ch))
                .or_else(|| ranges.iter().map(|range| range.start()).find(|ch| !ch.is_control()));
            match chosen {
                Some(ch) => {
                    text.push(ch);
                    true
                }
                None => false,
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            match class.ranges().iter().map(|range| range.start()).find(|byte| byte.is_ascii_graphic()) {
                Some(byte) => {
                    text.push(char::from(byte));
                    true
                }
                None => false,
            }
        }
        HirKind::Repetition(repetition) => {
            let room = repetition.max.map_or(usize::MAX, |max| (max - repetition.min) as usize);
            let more = (*budget).min(room);
            *budget -= more;
            let times = repetition.min as usize + more;
            (0..times).all(|_| generate(&repetition.sub, text, budget))
        }
        HirKind::Capture(capture) => generate(&capture.sub, text, budget),
        HirKind::Concat(parts) => parts.iter().all(|part| generate(part, text, budget)),
        HirKind::Alternation(branches) => branches.first().is_some_and(|branch| generate(branch, text, budget)),
    }
}

pub fn is_json_like(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*" || essence.ends_with("/json")
}

fn is_form(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data"
}

/// A JSON pointer with its `%xx` escapes decoded (references in documents are URI fragments).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |byte: u8| char::from(byte).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[index + 1]), hex(bytes[index + 2])) {
                out.push((high * 16 + low) as u8);
                index += 3;
                continue;
            }
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small document with what the sampler must honour.
    fn document() -> Value {
        json!({
            "openapi": "3.0.3",
            "paths": {},
            "components": {
                "parameters": {
                    "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 10, "maximum": 20}},
                    "Id": {"name": "id", "in": "path", "required": true, "example": 42, "schema": {"type": "string"}}
                },
                "schemas": {
                    "Base": {
                        "type": "object",
                        "required": ["id", "kind"],
                        "properties": {
                            "id": {"type": "string", "format": "uuid", "readOnly": true},
                            "kind": {"type": "string", "enum": ["cat", "dog"]}
                        }
                    },
                    "Pet": {
                        "allOf": [
                            {"$ref": "#/components/schemas/Base"},
                            {
                                "type": "object",
                                "required": ["name", "born", "tags", "code", "weight", "email", "owner"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 12, "maxLength": 20},
                                    "born": {"type": "string", "format": "date-time"},
                                    "tags": {"type": "array", "minItems": 2, "items": {"type": "string", "format": "ipv4"}},
                                    "code": {"type": "string", "pattern": "^[A-Z]{3}-\\d{2,}$"},
                                    "weight": {"type": "number", "exclusiveMinimum": true, "minimum": 0, "multipleOf": 0.5},
                                    "email": {"type": ["string", "null"], "format": "email"},
                                    "owner": {"oneOf": [{"$ref": "#/components/schemas/Person"}, {"type": "string"}]},
                                    "nickname": {"type": "string", "example": "Rex"},
                                    "notes": {"type": "string"}
                                }
                            }
                        ]
                    },
                    "Person": {"type": "object", "required": ["age"], "properties": {"age": {"type": "integer", "examples": [7]}}},
                    "Shape": {
                        "oneOf": [{"$ref": "#/components/schemas/Square"}],
                        "discriminator": {"propertyName": "shape", "mapping": {"sq": "#/components/schemas/Square"}}
                    },
                    "Square": {"type": "object", "required": ["side"], "properties": {"side": {"type": "integer", "maximum": 0}}}
                }
            }
        })
    }

    #[test]
    fn parameters_take_their_examples_converted_or_values_within_bounds() {
        let document = document();
        let mut sampler = Sampler::new(&document);
        assert_eq!(sampler.parameter(&json!({"$ref": "#/components/parameters/Id"})), json!("42"));
        assert_eq!(sampler.parameter(&json!({"$ref": "#/components/parameters/Limit"})), json!(10));
        let wrong =
            json!({"name": "n", "in": "query", "example": "many", "schema": {"type": "integer", "maximum": -3}});
        assert_eq!(sampler.parameter(&wrong), json!(-3));
        assert_eq!(sampler.examples_refused, 1);
    }

    #[test]
    fn bodies_respect_what_the_schema_requires() {
        let document = document();
        let mut sampler = Sampler::new(&document);
        let body = json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}});
        let value = sampler.body(&body, "application/json").expect("a body");
        assert_eq!(value.get("id"), None, "read-only properties are left out of requests");
        assert_eq!(value["kind"], json!("cat"));
        let name = value["name"].as_str().expect("a name");
        assert!((12..=20).contains(&name.len()), "{name}");
        assert_eq!(value["born"], json!("2024-01-02T03:04:05Z"));
        assert_eq!(value["tags"], json!(["192.0.2.1", "192.0.2.1"]));
        let code = value["code"].as_str().expect("a code");
        assert!(regex::Regex::new(r"^[A-Z]{3}-\d{2,}$").expect("a pattern").is_match(code), "{code}");
        assert_eq!(value["weight"], json!(1));
        assert_eq!(value["email"], json!("user@example.com"));
        assert_eq!(value["owner"], json!({"age": 7}), "the first alternative, with its property's example");
        assert_eq!(value["nickname"], json!("Rex"), "optional properties with an example are sent");
        assert_eq!(value.get("notes"), None, "optional properties without one are not");
        assert!(sampler.notes.is_empty(), "{:?}", sampler.notes);
    }

    #[test]
    fn discriminators_name_the_alternative_taken() {
        let document = document();
        let mut sampler = Sampler::new(&document);
        let body = json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Shape"}}}});
        assert_eq!(sampler.body(&body, "application/json"), Some(json!({"shape": "sq", "side": 0})));
    }

    #[test]
    fn examples_that_do_not_fit_are_replaced() {
        let document = document();
        let mut sampler = Sampler::new(&document);
        let body = json!({"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Person"},
            "examples": {"first": {"value": {"age": "seven"}}}
        }}});
        assert_eq!(sampler.body(&body, "application/json"), Some(json!({"age": 7})));
        let text = json!({"content": {"text/plain": {"schema": {"type": "object"}}}});
        assert_eq!(sampler.body(&text, "text/plain"), Some(json!("{}")));
    }

    #[test]
    fn a_one_of_value_fits_one_alternative_only() {
        let document = document();
        let mut sampler = Sampler::new(&document);
        let schema = json!({"oneOf": [
            {"type": "object", "properties": {"a": {"type": "string", "example": "x"}}},
            {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}
        ]});
        let body = json!({"content": {"application/json": {"schema": schema}}});
        assert_eq!(sampler.body(&body, "application/json"), Some(json!({"a": "x"})));
        assert!(sampler.notes.contains(AMBIGUOUS_ONE_OF), "both alternatives accept {{\"a\": \"x\"}}");
        let mut sampler = Sampler::new(&document);
        let schema = json!({"oneOf": [{"type": "number"}, {"type": "string", "enum": ["b"]}]});
        let body = json!({"content": {"application/json": {"schema": {"type": "array", "items": schema}}}});
        assert_eq!(sampler.body(&body, "application/json"), Some(json!([1])));
        assert!(sampler.notes.is_empty());
        let schema = json!({"type": "integer", "enum": ["1", "32"]});
        let body = json!({"content": {"application/json": {"schema": schema}}});
        assert_eq!(sampler.body(&body, "application/json"), Some(json!(1)));
        assert!(sampler.notes.contains(ENUM_OF_ANOTHER_TYPE));
    }

    #[test]
    fn patterns_get_the_simplest_string_that_matches() {
        assert_eq!(string_for_pattern("^[a-z]+$", 0, None).as_deref(), Some("a"));
        assert_eq!(string_for_pattern("^[0-9]{4}-[0-9]{2}$", 0, None).as_deref(), Some("0000-00"));
        assert_eq!(string_for_pattern("^(foo|bar)\\d*$", 5, None).as_deref(), Some("foo00"));
        assert_eq!(string_for_pattern("^(?=a)a$", 0, None), None, "lookarounds are not read");
    }
}
