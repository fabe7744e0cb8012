//! The values of the calls `corpus --prism` makes, read from the raw document: its own
//! examples first (when they fit their schema), else values made from the schemas that pass
//! what Prism validates (`enum`, `format`, bounds, lengths, `minItems`, required properties,
//! `pattern` where a simple value fits).
//!
//! The document is a `serde_json::Value`, not the generator's model, so that the calls say
//! what the document asks for and not what the generator understood of it. `$ref` is followed
//! by JSON pointer, `allOf` merged, the first alternative of `oneOf`/`anyOf` taken; OpenAPI
//! 3.1's `type` lists, `const` and `examples` lists are read too.
//!
//! This file holds the sampler and what it is asked for (a parameter, a body), and makes a
//! value by its schema's kind: `structured` objects and lists, `numbers`, `strings` (formats
//! and patterns); `schema` reads a schema as one object of keywords, and `fits` checks a value
//! against one as Prism would.

mod fits;
mod numbers;
mod schema;
mod strings;
mod structured;

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use numbers::{integer, number};
use schema::{convert_scalar, has_type, type_of, types_of};

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
}
