//! Text to a JSON value, losing nothing: every repeated key is found, numbers of any size are
//! read, and the nesting limit is named.
//!
//! serde_json's and serde_yaml's own `Value` keep the last of two equal keys without a word
//! (so a path item, a property or a schema would vanish) and refuse integers beyond 64 bits.
//! This module drives either parser with one visitor of its own that builds the same
//! `serde_json::Value`, records the dotted path of every repeated key, and reads a too-large
//! integer as the floating-point number it is.

use std::fmt::{self, Write as _};

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// How deeply both parsers let a document nest (serde_json's and serde_yaml's fixed limit).
pub const NESTING_LIMIT: usize = 128;

/// Which syntax the text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

/// A short description of a value's kind, for the messages of every stage that checks the
/// parsed document before openapiv3 reads it.
pub fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A parsed document, with every key that appeared again in its mapping.
pub struct Parsed {
    pub value: Value,
    pub repeated_keys: Vec<RepeatedKey>,
}

/// A key that a mapping lists more than once (reported once, however often it repeats).
pub struct RepeatedKey {
    /// The dotted path of the key's value.
    pub path: String,
    /// The dotted path of the mapping (empty for the document itself).
    pub parent: String,
    pub key: String,
}

/// Why the text could not be read.
pub struct ParseError {
    pub message: String,
    pub help: &'static str,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

pub fn parse(text: &str, syntax: Syntax) -> Result<Parsed, ParseError> {
    let mut state = State { path: String::new(), repeated_keys: Vec::new() };
    let (result, kind) = match syntax {
        Syntax::Json => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let result = Node { state: &mut state }
                .deserialize(&mut deserializer)
                .and_then(|value| deserializer.end().map(|()| value))
                .map_err(|error| {
                    let (line, column) = (error.line(), error.column());
                    let message = error.to_string();
                    let message = strip_position(&message).to_owned();
                    (message, Some(line).filter(|&l| l > 0), Some(column).filter(|&c| c > 0))
                });
            (result, "JSON")
        }
        Syntax::Yaml => {
            let result =
                Node { state: &mut state }.deserialize(serde_yaml::Deserializer::from_str(text)).map_err(|error| {
                    let place = error.location().map(|location| (location.line(), location.column()));
                    (error.to_string(), place.map(|p| p.0), place.map(|p| p.1))
                });
            (result, "YAML")
        }
    };
    match result {
        Ok(value) => Ok(Parsed { value, repeated_keys: state.repeated_keys }),
        Err((message, line, column)) if message.contains("recursion limit exceeded") => Err(ParseError {
            message: format!(
                "the document nests deeper than {NESTING_LIMIT} levels, the most this generator reads (a {kind} parser limit that keeps a hostile document from exhausting the stack)"
            ),
            help: "flatten the deepest part: move nested schemas into `components.schemas` and refer to them with `$ref`",
            line,
            column,
        }),
        Err((message, line, column)) => Err(ParseError {
            message: format!("the document is not valid {kind}: {message}"),
            help: "an OpenAPI document is a YAML or JSON object; fix the syntax at the place shown",
            line,
            column,
        }),
    }
}

/// serde_json ends its messages with " at line L column C", which the diagnostic already
/// says. (serde_yaml's name a second place as well, so they are kept whole.)
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(offset) if message[offset..].contains(" column ") => &message[..offset],
        _ => message,
    }
}

struct State {
    /// The dotted path of the value being read.
    path: String,
    repeated_keys: Vec<RepeatedKey>,
}

/// Reads one value at `state.path`.
struct Node<'s> {
    state: &'s mut State,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML or JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    /// An integer beyond 64 bits is still a number: kept as the nearest float, as JSON
    /// parsers read it (serde_json does so for JSON text; serde_yaml hands it over as i128).
    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(i64::try_from(value).map(Value::from).unwrap_or_else(|_| float(value as f64)))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(u64::try_from(value).map(Value::from).unwrap_or_else(|_| float(value as f64)))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        let parent = self.state.path.len();
        loop {
            // Writing to a String cannot fail.
            let _ = write!(self.state.path, "[{}]", items.len());
            let item = seq.next_element_seed(Node { state: &mut *self.state });
            self.state.path.truncate(parent);
            match item? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        let parent = self.state.path.len();
        while let Some(key) = map.next_key::<String>()? {
            if !self.state.path.is_empty() {
                self.state.path.push('.');
            }
            self.state.path.push_str(&key);
            let value = map.next_value_seed(Node { state: &mut *self.state })?;
            if !object.contains_key(&key) {
                object.insert(key, value);
            } else if !self.state.repeated_keys.iter().any(|seen| seen.path == self.state.path) {
                let parent = self.state.path[..parent].to_owned();
                self.state.repeated_keys.push(RepeatedKey { path: self.state.path.clone(), parent, key });
            }
            self.state.path.truncate(parent);
        }
        Ok(Value::Object(object))
    }
}

/// A float as a JSON number; `.inf` and `.nan`, which JSON cannot hold, as null (as
/// serde_json's own `Value` reads them).
fn float(value: f64) -> Value {
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}
