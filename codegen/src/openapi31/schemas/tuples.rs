//! Tuples (`prefixItems`, or `items` as a list) and key patterns (`patternProperties`,
//! `propertyNames`): read as the nearest 3.0 list or map, warned with what they are read as.

use super::*;

impl Converter<'_> {
    /// Arrays: `prefixItems` (a tuple), `items` as a list (the older tuple), `items: false`
    /// and `unevaluatedItems`, down to one `items` schema.
    pub(super) fn tuples(&mut self, object: &mut Map<String, Value>, path: &str) {
        if let Some(unevaluated) = object.shift_remove("unevaluatedItems")
            && !object.contains_key("items")
        {
            // Beside `items` it never applies; alone, it stands for the items after the tuple,
            // or, with no tuple, for every item.
            if unevaluated == Value::Bool(false) && !object.contains_key("prefixItems") {
                self.sink.warning(
                    "`false` schema",
                    position::key(path, "unevaluatedItems"),
                    "`unevaluatedItems: false` with no tuple allows only an empty list, which OpenAPI 3.0 cannot say; the list is read as a list of any value",
                    "leave `unevaluatedItems` out, or give the items' schema",
                );
            } else {
                object.insert("items".to_owned(), unevaluated);
                self.moved(path, "items", "unevaluatedItems");
            }
        }
        let (prefix, prefix_keyword) = match (object.shift_remove("prefixItems"), object.get("items")) {
            (Some(Value::Array(prefix)), _) => (prefix, "prefixItems"),
            (Some(other), _) => {
                self.sink.error(
                    position::key(path, "prefixItems"),
                    format!("`prefixItems` is {}, not a list of schemas", describe(&other)),
                    "write `prefixItems` as a list with one schema per position",
                );
                return;
            }
            (None, Some(Value::Array(_))) => match object.shift_remove("items") {
                Some(Value::Array(prefix)) => {
                    // The older tuple form: `additionalItems` then holds the rest.
                    if let Some(rest) = object.shift_remove("additionalItems") {
                        object.insert("items".to_owned(), rest);
                        self.moved(path, "items", "additionalItems");
                    }
                    (prefix, "items")
                }
                _ => return,
            },
            (None, Some(Value::Bool(false))) => {
                self.sink.warning(
                    "`false` schema",
                    position::key(path, "items"),
                    "`items: false` allows only an empty list, which OpenAPI 3.0 cannot say; the list is read as a list of any value",
                    "leave `items` out, or give the items' schema",
                );
                object.insert("items".to_owned(), Value::Object(Map::new()));
                return;
            }
            (None, Some(Value::Bool(true))) => {
                object.insert("items".to_owned(), Value::Object(Map::new()));
                return;
            }
            (None, _) => {
                // Without a list of `items` there is no tuple for the rest to follow.
                if object.shift_remove("additionalItems").is_some() {
                    self.sink.warning(
                        "JSON Schema keyword with no OpenAPI 3.0 form",
                        position::key(path, "additionalItems"),
                        "`additionalItems` without a list of `items` applies to no item, and is left out",
                        "leave `additionalItems` out, or give the items' schema in `items`",
                    );
                }
                return;
            }
        };
        if prefix.is_empty() {
            return;
        }
        let closed = matches!(object.get("items"), Some(Value::Bool(false)));
        // Each schema with the place it was written at (relative to the schema).
        let mut members: Vec<(Value, String)> = prefix
            .iter()
            .enumerate()
            .map(|(index, member)| (member.clone(), format!("{prefix_keyword}[{index}]")))
            .collect();
        let mut any_rest = false;
        match object.shift_remove("items") {
            None | Some(Value::Bool(true)) => any_rest = true,
            Some(Value::Bool(false)) => {}
            Some(Value::Object(rest)) if rest.is_empty() => any_rest = true,
            Some(rest) => members.push((rest, "items".to_owned())),
        }
        let mut distinct: Vec<Value> = Vec::new();
        let mut written: Vec<String> = Vec::new();
        for (member, place) in members {
            if !distinct.contains(&member) {
                distinct.push(member);
                written.push(place);
            }
        }
        let read_as = if any_rest {
            "a list of any value, since items past the tuple may be anything".to_owned()
        } else if distinct.len() == 1 {
            "a list of the one schema its positions share".to_owned()
        } else {
            format!("a list whose items are any of its {} schemas", distinct.len())
        };
        let items = if any_rest {
            self.moved(path, "items", prefix_keyword);
            Value::Object(Map::new())
        } else if distinct.len() == 1 {
            self.moved(path, "items", &written[0]);
            distinct.swap_remove(0)
        } else {
            self.moved(path, "items", prefix_keyword);
            for (index, place) in written.iter().enumerate() {
                self.moved(path, &format!("items.anyOf[{index}]"), place);
            }
            Value::Object([("anyOf".to_owned(), Value::Array(distinct))].into_iter().collect())
        };
        if closed && !object.contains_key("maxItems") {
            object.insert("maxItems".to_owned(), Value::from(prefix.len()));
        }
        object.insert("items".to_owned(), items);
        self.sink.warning(
            "tuple read as a list",
            position::key(path, prefix_keyword),
            format!("`{prefix_keyword}` (a tuple: each position its own schema) has no OpenAPI 3.0 form; it is read as {read_as}, positions not checked"),
            "if the positions matter, describe the value as an object with named properties",
        );
    }

    /// Objects: `patternProperties` (values by key pattern) and `unevaluatedProperties`, down to
    /// OpenAPI 3.0's `additionalProperties`.
    pub(super) fn key_patterns(&mut self, object: &mut Map<String, Value>, path: &str) {
        if let Some(unevaluated) = object.shift_remove("unevaluatedProperties")
            && !object.contains_key("additionalProperties")
        {
            // Beside `additionalProperties` it never applies: that keyword evaluates every
            // other key. Alone, after `allOf` is merged into one type, it is the same thing.
            object.insert("additionalProperties".to_owned(), unevaluated);
            self.moved(path, "additionalProperties", "unevaluatedProperties");
        }
        let patterns = match object.shift_remove("patternProperties") {
            None => return,
            Some(Value::Object(patterns)) => patterns,
            Some(other) => {
                self.sink.error(
                    position::key(path, "patternProperties"),
                    format!("`patternProperties` is {}, not an object", describe(&other)),
                    "write `patternProperties` as an object of key patterns to schemas",
                );
                return;
            }
        };
        if patterns.is_empty() {
            return;
        }
        // Each distinct schema with the place it was written at (relative to the schema).
        let mut values: Vec<Value> = Vec::new();
        let mut written: Vec<String> = Vec::new();
        let mut any_value = false;
        for (pattern, schema) in &patterns {
            match schema {
                Value::Object(schema) if schema.is_empty() => any_value = true,
                schema if !values.contains(schema) => {
                    values.push(schema.clone());
                    written.push(position::key("patternProperties", pattern));
                }
                _ => {}
            }
        }
        let had_additional = object.contains_key("additionalProperties");
        match object.get("additionalProperties") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => any_value = true,
            Some(Value::Object(other)) if other.is_empty() => any_value = true,
            Some(other) => {
                if !values.contains(other) {
                    values.push(other.clone());
                    written.push("additionalProperties".to_owned());
                }
            }
        }
        let names: Vec<String> = patterns.keys().map(|pattern| format!("`{pattern}`")).collect();
        if !had_additional {
            self.moved(path, "additionalProperties", "patternProperties");
        }
        let (value, read_as) = if any_value || values.is_empty() {
            (Value::Object(Map::new()), "a map of any value".to_owned())
        } else if values.len() == 1 {
            if !had_additional {
                self.moved(path, "additionalProperties", &written[0]);
            }
            (values.swap_remove(0), "a map of the pattern's schema".to_owned())
        } else {
            for (index, place) in written.iter().enumerate() {
                self.moved(path, &format!("additionalProperties.anyOf[{index}]"), place);
            }
            let count = values.len();
            (
                Value::Object([("anyOf".to_owned(), Value::Array(values))].into_iter().collect()),
                format!("a map whose values are any of {count} schemas"),
            )
        };
        object.insert("additionalProperties".to_owned(), value);
        self.sink.warning(
            "key patterns read as a map",
            position::key(path, "patternProperties"),
            format!(
                "`patternProperties` (values typed by the pattern of their key: {}) has no OpenAPI 3.0 form; the other keys are read as {read_as}, key patterns not checked",
                names.join(", ")
            ),
            "use `additionalProperties` for the values of the keys not listed in `properties`",
        );
    }
}
