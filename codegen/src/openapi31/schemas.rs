//! OpenAPI 3.1's schemas (JSON Schema 2020-12) rewritten in place into OpenAPI 3.0's keywords;
//! what 3.0 cannot hold is warned at the 3.1 document's own path, never dropped unsaid.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diagnostics::Sink;
use crate::parse::describe;
use crate::position;
use crate::relocations::Relocations;

mod tuples;
mod type_lists;

use type_lists::fits;

/// The JSON types, in the order a type list is split into a `oneOf`.
const TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "object", "array"];

/// Keywords that constrain one type only: they go with that type when a type list is split.
const STRING_KEYWORDS: &[&str] = &["minLength", "maxLength", "pattern"];
const NUMBER_KEYWORDS: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const OBJECT_KEYWORDS: &[&str] =
    &["properties", "required", "additionalProperties", "minProperties", "maxProperties", "discriminator"];
const ARRAY_KEYWORDS: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];

/// Formats of numbers; any other format belongs to strings.
const INTEGER_FORMATS: &[&str] =
    &["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "integer", "timestamp", "unix-time"];
const NUMBER_FORMATS: &[&str] = &["float", "double", "decimal"];

/// The dialects a 3.1 document's schemas are read in without a word: OpenAPI 3.1's own (by
/// any of its published identifiers) and plain JSON Schema 2020-12, which it extends.
pub(super) fn is_default_dialect(dialect: &str) -> bool {
    let dialect = dialect.trim_end_matches('#');
    dialect.starts_with("https://spec.openapis.org/oas/3.1/dialect/")
        || dialect == "https://json-schema.org/draft/2020-12/schema"
}

/// Rewrites schemas, one place at a time, and remembers the OpenAPI 3.0 keywords it met, to
/// report each once at the end. What it moves (a tuple's schemas into `items`, a type list's
/// keywords into a `oneOf`) is recorded, so that later findings name the place written.
pub(super) struct Converter<'s> {
    sink: &'s mut Sink,
    relocations: &'s mut Relocations,
    /// OpenAPI 3.0 keywords 3.1 no longer has: the first place each was met, and how often.
    legacy: IndexMap<&'static str, (String, usize)>,
}

impl<'s> Converter<'s> {
    pub(super) fn new(sink: &'s mut Sink, relocations: &'s mut Relocations) -> Self {
        Converter { sink, relocations, legacy: IndexMap::new() }
    }

    /// Records that the keyword `made` of the schema at `path` holds what `written` held.
    fn moved(&mut self, path: &str, made: &str, written: &str) {
        self.relocations.add(position::key(path, made), &position::key(path, written));
    }

    /// One warning per OpenAPI 3.0 keyword met: such a document uses it everywhere, and it is
    /// read as 3.0 reads it, so one word with the count and the first place says all.
    pub(super) fn finish(self) {
        for (keyword, (first, count)) in self.legacy {
            let places = if count == 1 { "1 place".to_owned() } else { format!("{count} places, the first here") };
            let (message, help) = match keyword {
                "nullable" => (
                    format!(
                        "`nullable` is an OpenAPI 3.0 keyword that 3.1 no longer has ({places}); it is read as in 3.0: the value may be null"
                    ),
                    "in OpenAPI 3.1, add \"null\" to the type (`type: [string, \"null\"]`), or `{type: \"null\"}` to a `oneOf`",
                ),
                _ => (
                    format!(
                        "`{keyword}: true` is OpenAPI 3.0's form ({places}); it is read as in 3.0: the bound itself is excluded"
                    ),
                    "in OpenAPI 3.1 the keyword holds the bound: `exclusiveMinimum: 5` instead of `minimum: 5` with `exclusiveMinimum: true`",
                ),
            };
            self.sink.warning("OpenAPI 3.0 keyword in a 3.1 document", first, message, help);
        }
    }

    /// Converts the schema at `path` and every schema inside it, the inner ones first, so that
    /// what moves (the items of a tuple, the values of key patterns) has been converted.
    pub(super) fn schema(&mut self, schema: &mut Value, path: &str) {
        let object = match schema {
            Value::Object(object) => object,
            Value::Bool(true) => {
                *schema = Value::Object(Map::new());
                return;
            }
            Value::Bool(false) => {
                self.sink.warning(
                    "`false` schema",
                    path,
                    "`false` (a schema no value matches) has no OpenAPI 3.0 form here; it is read as any value",
                    "leave the schema out, or describe the values it stands for",
                );
                *schema = Value::Object(Map::new());
                return;
            }
            // Not a schema: openapiv3 names the place when it reads the document.
            _ => return,
        };
        self.children(object, path);
        self.identifiers(object, path);
        self.unheld_keywords(object, path);
        self.legacy_keywords(object, path);
        if let Some(constant) = object.shift_remove("const") {
            // The one value says its type; without one, 3.0 would read a number as any value.
            let kind = match &constant {
                Value::Bool(_) => Some("boolean"),
                Value::Number(_) if fits(&constant, "integer") => Some("integer"),
                Value::Number(_) => Some("number"),
                Value::String(_) => Some("string"),
                _ => None,
            };
            if let Some(kind) = kind
                && !object.contains_key("type")
            {
                object.insert("type".to_owned(), Value::from(kind));
                self.moved(path, "type", "const");
            }
            if !object.contains_key("enum") {
                self.moved(path, "enum", "const");
            }
            object.insert("enum".to_owned(), Value::Array(vec![constant]));
        }
        match object.shift_remove("examples") {
            Some(Value::Array(mut examples)) if !examples.is_empty() && !object.contains_key("example") => {
                object.insert("example".to_owned(), examples.swap_remove(0));
            }
            // Examples have no effect on the generated crate; a malformed list loses nothing.
            _ => {}
        }
        self.exclusive_bounds(object, path);
        self.content(object, path);
        self.tuples(object, path);
        self.key_patterns(object, path);
        self.type_list(object, path);
    }

    fn children(&mut self, object: &mut Map<String, Value>, path: &str) {
        for keyword in ["properties", "patternProperties"] {
            let Some(Value::Object(members)) = object.get_mut(keyword) else { continue };
            let keyword_path = position::key(path, keyword);
            let mut never = Vec::new();
            for (name, member) in members.iter_mut() {
                let member_path = position::key(&keyword_path, name);
                if keyword == "properties" && *member == Value::Bool(false) {
                    never.push((name.clone(), member_path));
                    continue;
                }
                self.schema(member, &member_path);
            }
            for (name, member_path) in never {
                members.shift_remove(&name);
                // `properties: {additionalProperties: false}` is a common slip for the keyword.
                let help = if OBJECT_KEYWORDS.contains(&name.as_str()) {
                    format!("if `{name}: false` is meant for the object itself, move it out of `properties`")
                } else {
                    "leave the property out of `properties`".to_owned()
                };
                self.sink.warning(
                    "`false` schema",
                    member_path,
                    format!("property `{name}` is `false`: it must never be present, so it is left out of the type"),
                    help,
                );
            }
        }
        // Booleans here are read where they stand: `additionalProperties: false` is 3.0 too,
        // the array and unevaluated keywords are folded by `tuples` and `key_patterns`, and
        // `not: false` excludes nothing while `not: true` excludes everything, as `not: {}`.
        match object.get("not") {
            Some(Value::Bool(false)) => {
                object.shift_remove("not");
            }
            Some(Value::Bool(true)) => {
                object.insert("not".to_owned(), Value::Object(Map::new()));
            }
            _ => {}
        }
        for keyword in
            ["additionalProperties", "items", "additionalItems", "not", "unevaluatedItems", "unevaluatedProperties"]
        {
            if let Some(inner) = object.get_mut(keyword) {
                let inner_path = position::key(path, keyword);
                match inner {
                    Value::Bool(_) => {}
                    Value::Array(items) if keyword == "items" => {
                        for (index, item) in items.iter_mut().enumerate() {
                            self.schema(item, &position::index(&inner_path, index));
                        }
                    }
                    inner => self.schema(inner, &inner_path),
                }
            }
        }
        for keyword in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            let Some(Value::Array(parts)) = object.get_mut(keyword) else { continue };
            let keyword_path = position::key(path, keyword);
            // An alternative no value matches changes nothing: left out, unless it is the only
            // one. The alternatives after it keep their places in messages.
            let drop_never =
                matches!(keyword, "anyOf" | "oneOf") && parts.iter().any(|part| *part != Value::Bool(false));
            let mut kept = Vec::new();
            for (index, part) in parts.iter_mut().enumerate() {
                if drop_never && *part == Value::Bool(false) {
                    continue;
                }
                kept.push(index);
                self.schema(part, &position::index(&keyword_path, index));
            }
            if kept.len() < parts.len() {
                parts.retain(|part| *part != Value::Bool(false));
                for (now, was) in kept.into_iter().enumerate().filter(|(now, was)| now != was) {
                    self.relocations.add(position::index(&keyword_path, now), &position::index(&keyword_path, was));
                }
            }
        }
    }

    /// `$id` and `$anchor` were followed when references were resolved; `$comment` is a
    /// comment; `$schema` names the dialect, warned when it is not OpenAPI 3.1's.
    fn identifiers(&mut self, object: &mut Map<String, Value>, path: &str) {
        for keyword in ["$id", "$anchor", "$comment"] {
            object.shift_remove(keyword);
        }
        if let Some(dialect) = object.shift_remove("$schema") {
            let named = dialect.as_str().map(str::to_owned).unwrap_or_else(|| dialect.to_string());
            if !is_default_dialect(&named) {
                self.sink.warning(
                    "non-default JSON Schema dialect",
                    position::key(path, "$schema"),
                    format!("`$schema: {named}` names another dialect; the schema is read as OpenAPI 3.1's (JSON Schema 2020-12)"),
                    "leave `$schema` out, or check that the schema means the same in JSON Schema 2020-12",
                );
            }
        }
    }

    /// JSON Schema keywords with no OpenAPI 3.0 counterpart: each is named, with what the
    /// generated type leaves out, and removed.
    fn unheld_keywords(&mut self, object: &mut Map<String, Value>, path: &str) {
        const UNHELD: &[(&str, &str)] = &[
            (
                "if",
                "a conditional schema (`if`/`then`/`else`) is left out: the type has only the schema's other keywords",
            ),
            ("then", "`then` without its `if` is left out"),
            ("else", "`else` without its `if` is left out"),
            (
                "dependentSchemas",
                "schemas that apply when a property is present (`dependentSchemas`) are left out of the type",
            ),
            (
                "dependentRequired",
                "properties required when another one is present (`dependentRequired`) are not checked",
            ),
            (
                "dependencies",
                "`dependencies` (properties or schemas that apply when a property is present) is left out",
            ),
            ("propertyNames", "the schema of the object's keys (`propertyNames`) is not checked"),
            ("contains", "`contains` (a list must hold an item of a schema) is not checked"),
            ("minContains", "`minContains` is not checked"),
            ("maxContains", "`maxContains` is not checked"),
            ("contentSchema", "the schema of the decoded content (`contentSchema`) is not read: the value is a string"),
            ("$dynamicRef", "a dynamic reference (`$dynamicRef`) is not followed: the schema is read without it"),
            ("$dynamicAnchor", "`$dynamicAnchor` is not followed"),
            ("$vocabulary", "`$vocabulary` is not read"),
        ];
        for (keyword, what) in UNHELD {
            // `then` and `else` are reported with their `if`, when there is one.
            let beside_if = matches!(*keyword, "then" | "else") && object.contains_key("if");
            let minor_contains = matches!(*keyword, "minContains" | "maxContains") && object.contains_key("contains");
            if object.contains_key(*keyword) && !beside_if && !minor_contains {
                self.sink.warning(
                    "JSON Schema keyword with no OpenAPI 3.0 form",
                    position::key(path, keyword),
                    format!("{what}; OpenAPI 3.0 cannot hold it"),
                    "describe the values with keywords OpenAPI 3.0 also has (`properties`, `oneOf`, `enum`, ...) if the generated type must follow it",
                );
            }
        }
        for (keyword, _) in UNHELD {
            object.shift_remove(*keyword);
        }
    }

    /// `nullable` and a boolean `exclusiveMinimum` are OpenAPI 3.0's; a 3.1 document that
    /// still writes them means what 3.0 means, so they are kept and counted.
    fn legacy_keywords(&mut self, object: &Map<String, Value>, path: &str) {
        for keyword in ["nullable", "exclusiveMinimum", "exclusiveMaximum"] {
            let counts = match object.get(keyword) {
                Some(_) if keyword == "nullable" => true,
                Some(Value::Bool(_)) => true,
                _ => false,
            };
            if counts {
                self.legacy.entry(keyword).or_insert_with(|| (position::key(path, keyword), 0)).1 += 1;
            }
        }
    }

    /// `exclusiveMinimum: 5` is 3.0's `minimum: 5` with `exclusiveMinimum: true`; beside a
    /// `minimum` of its own, the stricter bound of the two is kept.
    fn exclusive_bounds(&mut self, object: &mut Map<String, Value>, path: &str) {
        for (exclusive, bound, lower) in [("exclusiveMinimum", "minimum", true), ("exclusiveMaximum", "maximum", false)]
        {
            let limit = match object.get(exclusive) {
                None | Some(Value::Bool(_)) => continue,
                Some(Value::Number(limit)) => limit.clone(),
                Some(other) => {
                    self.sink.error(
                        position::key(path, exclusive),
                        format!("`{exclusive}` is {}, not a number", describe(other)),
                        format!("in OpenAPI 3.1 `{exclusive}` is the bound itself, a number: `{exclusive}: 0`"),
                    );
                    continue;
                }
            };
            let inclusive_is_stricter = match (object.get(bound).and_then(Value::as_f64), limit.as_f64()) {
                (Some(inclusive), Some(exclusive)) => {
                    if lower {
                        inclusive > exclusive
                    } else {
                        inclusive < exclusive
                    }
                }
                _ => false,
            };
            if inclusive_is_stricter {
                object.shift_remove(exclusive);
            } else {
                object.insert(bound.to_owned(), Value::Number(limit));
                object.insert(exclusive.to_owned(), Value::Bool(true));
                self.moved(path, bound, exclusive);
            }
        }
    }

    /// `contentEncoding: base64` is 3.0's `format: byte`; a string of a media type that is not
    /// text, unencoded, is 3.0's `format: binary` (a file part of a multipart body, say).
    fn content(&mut self, object: &mut Map<String, Value>, path: &str) {
        let encoding = object.shift_remove("contentEncoding");
        let media = object.shift_remove("contentMediaType");
        if encoding.is_none() && media.is_none() {
            return;
        }
        for (keyword, value, example) in
            [("contentEncoding", &encoding, "base64"), ("contentMediaType", &media, "image/png")]
        {
            if let Some(value) = value
                && !value.is_string()
            {
                self.sink.error(
                    position::key(path, keyword),
                    format!("`{keyword}` is {}, not a string", describe(value)),
                    format!("write `{keyword}` as a string, such as `{example}`"),
                );
                return;
            }
        }
        // Content keywords describe strings only; on other types they say nothing.
        let about_strings = match object.get("type") {
            None => true,
            Some(Value::String(kind)) => kind == "string",
            Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == "string"),
            Some(_) => false,
        };
        if !about_strings {
            return;
        }
        let format = object.get("format").and_then(Value::as_str).map(str::to_owned);
        match encoding.as_ref().and_then(Value::as_str) {
            Some(encoding) if encoding.eq_ignore_ascii_case("base64") => {
                if format.is_none() {
                    object.insert("format".to_owned(), Value::from("byte"));
                    self.moved(path, "format", "contentEncoding");
                }
            }
            Some(encoding) => self.sink.warning(
                "content encoding with no OpenAPI 3.0 format",
                position::key(path, "contentEncoding"),
                format!("`contentEncoding: {encoding}` has no OpenAPI 3.0 format; the value is a string, left encoded"),
                "decode the string yourself; only `base64` has a 3.0 format (`byte`)",
            ),
            None => {
                let media = media.as_ref().and_then(Value::as_str).unwrap_or_default();
                if !is_text_media(media) && format.is_none() {
                    object.insert("format".to_owned(), Value::from("binary"));
                    self.moved(path, "format", "contentMediaType");
                }
            }
        }
    }
}

/// Whether a string of this media type is text (kept as a string), rather than bytes.
fn is_text_media(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence.is_empty()
        || essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || essence.ends_with("+yaml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xml"
                | "application/yaml"
                | "application/x-yaml"
                | "application/javascript"
                | "application/ecmascript"
                | "application/graphql"
                | "application/sql"
                | "application/x-www-form-urlencoded"
                | "application/x-ndjson"
                | "application/jwt"
        )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn converted(schema: Value) -> (Value, Vec<String>) {
        let mut sink = Sink::default();
        let mut relocations = Relocations::default();
        let mut schema = schema;
        let mut converter = Converter::new(&mut sink, &mut relocations);
        converter.schema(&mut schema, "components.schemas.S");
        converter.finish();
        let findings = sink
            .into_vec()
            .into_iter()
            .map(|finding| format!("{} {}: {}", finding.kind, finding.location.path, finding.message))
            .collect();
        (schema, findings)
    }

    /// The converter walks keyword by keyword, each with its own rewrite; the grammar says
    /// where schemas nest. Every place the grammar names is converted or warned about: none
    /// is passed on in 3.1's form without a word.
    #[test]
    fn every_keyword_the_grammar_says_holds_schemas_is_converted_or_warned() {
        let keywords = crate::grammar::Version::V3_1.schema_keywords();
        let inner = || json!({"type": ["string", "null"]});
        let mut shapes: Vec<(&str, Value)> = Vec::new();
        shapes.extend(keywords.one.iter().map(|keyword| (*keyword, inner())));
        shapes.extend(keywords.lists.iter().map(|keyword| (*keyword, json!([inner()]))));
        shapes.extend(keywords.maps.iter().map(|keyword| (*keyword, json!({"a": inner()}))));
        for (keyword, value) in shapes {
            // `$defs` moved to components before this pass (`definitions.rs`).
            if matches!(keyword, "$defs" | "definitions") {
                continue;
            }
            let (schema, findings) = converted(json!({ keyword: value }));
            let passed_on = schema.to_string().contains(r#"["string","null"]"#);
            let warned = findings.iter().any(|finding| finding.contains(keyword));
            assert!(!passed_on || warned, "`{keyword}`: {schema} {findings:?}");
        }
        // The older tuple's rest is converted before it becomes `items`.
        let (schema, _) = converted(json!({"items": [{"type": "string"}], "additionalItems": inner()}));
        assert!(!schema.to_string().contains(r#"["string","null"]"#), "{schema}");
    }

    #[test]
    fn a_type_with_null_is_nullable() {
        let (schema, findings) = converted(json!({"type": ["string", "null"], "maxLength": 3}));
        assert_eq!(schema, json!({"type": "string", "maxLength": 3, "nullable": true}));
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn several_types_become_one_alternative_each_with_its_own_keywords() {
        let (schema, findings) = converted(json!({
            "type": ["string", "integer", "null"], "description": "d", "maxLength": 8, "minimum": 1,
            "format": "int64", "enum": ["a", 2, null]
        }));
        assert_eq!(
            schema,
            json!({
                "description": "d", "nullable": true,
                "oneOf": [
                    {"type": "string", "maxLength": 8, "enum": ["a"]},
                    {"type": "integer", "minimum": 1, "format": "int64", "enum": [2]}
                ]
            })
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn a_type_list_narrows_to_the_types_its_enum_has_and_integers_are_numbers() {
        assert_eq!(
            converted(json!({"type": ["string", "boolean"], "enum": ["a"]})).0,
            json!({"type": "string", "enum": ["a"]})
        );
        assert_eq!(converted(json!({"type": ["integer", "number"]})).0, json!({"type": "number"}));
        assert_eq!(converted(json!({"type": ["null"]})).0, json!({"type": "null", "nullable": true}));
    }

    #[test]
    fn a_type_that_is_not_names_is_warned_with_its_place() {
        let (schema, findings) = converted(json!({"type": ["string", 3]}));
        assert_eq!(schema, json!({"type": "string"}));
        assert_eq!(
            findings,
            vec![
                "unknown schema type components.schemas.S.type[1]: `type` lists a number, which is not a type name; it is left out"
            ]
        );
        let (schema, findings) = converted(json!({"type": {"type": "string"}, "description": "d"}));
        assert_eq!(schema, json!({"description": "d"}));
        assert_eq!(
            findings,
            vec![
                "unknown schema type components.schemas.S.type: `type` is an object, not a type name or a list of them; the value is typed as any JSON value"
            ]
        );
    }

    #[test]
    fn const_examples_and_numeric_exclusive_bounds_take_their_3_0_forms() {
        let (schema, findings) = converted(
            json!({"type": "integer", "const": 3, "examples": [3, 4], "exclusiveMinimum": 0, "exclusiveMaximum": 10, "maximum": 5}),
        );
        assert_eq!(
            schema,
            json!({"type": "integer", "maximum": 5, "enum": [3], "example": 3, "minimum": 0, "exclusiveMinimum": true})
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn content_keywords_become_formats() {
        assert_eq!(
            converted(json!({"type": "string", "contentEncoding": "base64"})).0,
            json!({"type": "string", "format": "byte"})
        );
        assert_eq!(
            converted(json!({"type": "string", "contentMediaType": "image/png"})).0,
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(
            converted(json!({"type": "string", "contentMediaType": "application/json"})).0,
            json!({"type": "string"})
        );
        let (schema, findings) = converted(json!({"type": "string", "contentEncoding": "base32"}));
        assert_eq!(schema, json!({"type": "string"}));
        assert_eq!(
            findings,
            vec![
                "content encoding with no OpenAPI 3.0 format components.schemas.S.contentEncoding: `contentEncoding: base32` has no OpenAPI 3.0 format; the value is a string, left encoded"
            ]
        );
    }

    #[test]
    fn tuples_and_key_patterns_are_warned_with_what_they_are_read_as() {
        let (schema, findings) = converted(
            json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": ["integer", "null"]}], "items": false}),
        );
        assert_eq!(
            schema,
            json!({"type": "array", "maxItems": 2, "items": {"anyOf": [{"type": "string"}, {"type": "integer", "nullable": true}]}})
        );
        assert_eq!(
            findings,
            vec![
                "tuple read as a list components.schemas.S.prefixItems: `prefixItems` (a tuple: each position its own schema) has no OpenAPI 3.0 form; it is read as a list whose items are any of its 2 schemas, positions not checked"
            ]
        );
        let (schema, findings) = converted(json!({"type": "object", "patternProperties": {"^x-": {"type": "string"}}}));
        assert_eq!(schema, json!({"type": "object", "additionalProperties": {"type": "string"}}));
        assert_eq!(findings.len(), 1, "{findings:?}");
    }

    #[test]
    fn keywords_3_0_cannot_hold_are_named_and_legacy_ones_counted_once() {
        let (schema, findings) = converted(json!({
            "type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}, "$comment": "c",
            "properties": {"a": {"type": "string", "nullable": true}, "b": {"nullable": true}, "gone": false}
        }));
        assert_eq!(
            schema,
            json!({"type": "object", "properties": {"a": {"type": "string", "nullable": true}, "b": {"nullable": true}}})
        );
        assert_eq!(
            findings,
            vec![
                "`false` schema components.schemas.S.properties.gone: property `gone` is `false`: it must never be present, so it is left out of the type",
                "JSON Schema keyword with no OpenAPI 3.0 form components.schemas.S.if: a conditional schema (`if`/`then`/`else`) is left out: the type has only the schema's other keywords; OpenAPI 3.0 cannot hold it",
                "OpenAPI 3.0 keyword in a 3.1 document components.schemas.S.properties.a.nullable: `nullable` is an OpenAPI 3.0 keyword that 3.1 no longer has (2 places, the first here); it is read as in 3.0: the value may be null",
            ]
        );
    }
}
