//! Type lists (`type: [string, null]`): a nullable type, or a `oneOf` with each type's own
//! keywords, narrowed to the types an `enum` has.

use super::*;

impl Converter<'_> {
    /// `type: [T, "null"]` is 3.0's `type: T` with `nullable: true`; several types other than
    /// null become a `oneOf` of one schema per type, each with its own keywords.
    pub(super) fn type_list(&mut self, object: &mut Map<String, Value>, path: &str) {
        let type_path = position::key(path, "type");
        let listed = match object.get("type") {
            None | Some(Value::String(_)) => return,
            Some(Value::Array(listed)) => listed,
            Some(other) => {
                // As the lowering does with a type name JSON Schema does not know.
                self.sink.warning(
                    "unknown schema type",
                    &type_path,
                    format!(
                        "`type` is {}, not a type name or a list of them; the value is typed as any JSON value",
                        describe(other)
                    ),
                    "use one of string, number, integer, boolean, object, array and null, or a list of them",
                );
                object.shift_remove("type");
                return;
            }
        };
        let mut kinds: Vec<String> = Vec::new();
        let mut nullable = false;
        let mut strays = Vec::new();
        for (index, kind) in listed.iter().enumerate() {
            match kind.as_str() {
                Some("null") => nullable = true,
                Some(kind) if !kinds.iter().any(|known| known == kind) => kinds.push(kind.to_owned()),
                Some(_) => {}
                None => strays.push((index, describe(kind))),
            }
        }
        for (index, kind) in strays {
            self.sink.warning(
                "unknown schema type",
                position::index(&type_path, index),
                format!("`type` lists {kind}, which is not a type name; it is left out"),
                "list type names as strings: `type: [string, \"null\"]`",
            );
        }
        if kinds.is_empty() && !nullable {
            self.sink.warning(
                "unknown schema type",
                &type_path,
                "`type` lists no type name; the value is typed as any JSON value",
                "list at least one type, or leave `type` out for any value",
            );
            object.shift_remove("type");
            return;
        }
        // Integers are numbers: `[integer, number]` is `number`.
        if kinds.iter().any(|kind| kind == "number") {
            kinds.retain(|kind| kind != "integer");
        }
        // An `enum` keeps only the types some of its values have (all of them, if it has none
        // of them: the lowering then names the values that fit no type).
        if let Some(Value::Array(values)) = object.get("enum") {
            let with_values: Vec<String> =
                kinds.iter().filter(|kind| values.iter().any(|value| fits(value, kind))).cloned().collect();
            if !with_values.is_empty() {
                kinds = with_values;
            }
        }
        if nullable {
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
        let every_type =
            ["string", "number", "boolean", "object", "array"].iter().all(|kind| kinds.iter().any(|k| k == kind));
        if every_type {
            object.shift_remove("type");
            return;
        }
        match kinds.len() {
            0 => {
                object.insert("type".to_owned(), Value::from("null"));
                return;
            }
            1 => {
                object.insert("type".to_owned(), Value::from(kinds.swap_remove(0)));
                return;
            }
            _ => {}
        }
        if object.contains_key("oneOf") || object.contains_key("anyOf") {
            let first = kinds.swap_remove(0);
            self.sink.warning(
                "type list beside oneOf or anyOf",
                &type_path,
                format!("a list of several types beside `oneOf` or `anyOf` has no OpenAPI 3.0 form; the schema is read as `type: {first}`"),
                "give each alternative of the `oneOf` its own type, and leave the list out",
            );
            object.insert("type".to_owned(), Value::from(first));
            return;
        }
        object.shift_remove("type");
        let known: Vec<&String> = kinds.iter().filter(|kind| TYPES.contains(&kind.as_str())).collect();
        let mut alternatives = Vec::new();
        for kind in &kinds {
            let mut alternative = Map::new();
            alternative.insert("type".to_owned(), Value::from(kind.as_str()));
            let moved: &[&str] = match kind.as_str() {
                "string" => STRING_KEYWORDS,
                "integer" | "number" => NUMBER_KEYWORDS,
                "object" => OBJECT_KEYWORDS,
                "array" => ARRAY_KEYWORDS,
                _ => &[],
            };
            for keyword in moved {
                if let Some(value) = object.get(*keyword) {
                    alternative.insert((*keyword).to_owned(), value.clone());
                }
            }
            if let Some(format) = object.get("format").and_then(Value::as_str)
                && format_owner(format, &known).is_some_and(|owner| owner == kind)
            {
                alternative.insert("format".to_owned(), Value::from(format));
            }
            if let Some(Value::Array(values)) = object.get("enum") {
                let own: Vec<Value> = values.iter().filter(|value| fits(value, kind)).cloned().collect();
                alternative.insert("enum".to_owned(), Value::Array(own));
            }
            alternatives.push(Value::Object(alternative));
        }
        for keyword in STRING_KEYWORDS.iter().chain(NUMBER_KEYWORDS).chain(OBJECT_KEYWORDS).chain(ARRAY_KEYWORDS) {
            object.shift_remove(*keyword);
        }
        if object.get("format").and_then(Value::as_str).is_some_and(|format| format_owner(format, &known).is_some()) {
            object.shift_remove("format");
        }
        object.shift_remove("enum");
        // Each alternative holds the schema's own keywords: findings about them name the schema.
        for index in 0..alternatives.len() {
            self.relocations.add(position::index(&position::key(path, "oneOf"), index), path);
        }
        object.insert("oneOf".to_owned(), Value::Array(alternatives));
    }
}

/// Which of the listed types a `format` describes, if any.
pub(super) fn format_owner<'k>(format: &str, kinds: &[&'k String]) -> Option<&'k String> {
    let wanted: &[&str] = if INTEGER_FORMATS.contains(&format) {
        &["integer", "number"]
    } else if NUMBER_FORMATS.contains(&format) {
        &["number", "integer"]
    } else {
        &["string"]
    };
    wanted.iter().find_map(|want| kinds.iter().find(|kind| kind.as_str() == *want).copied())
}

/// Whether `value` is of the JSON type `kind`.
pub(super) fn fits(value: &Value, kind: &str) -> bool {
    match (value, kind) {
        (Value::String(_), "string") | (Value::Bool(_), "boolean") => true,
        (Value::Number(_), "number") => true,
        (Value::Number(number), "integer") => {
            number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|float| float.fract() == 0.0)
        }
        (Value::Object(_), "object") | (Value::Array(_), "array") => true,
        // A value of an unknown type name: kept with it, for the lowering to warn about.
        (_, other) => !TYPES.contains(&other) && other != "null",
    }
}
