//! Why openapiv3 refused a schema, said precisely: a keyword whose value has the wrong JSON
//! type, named at its own place.
//!
//! openapiv3 reads a schema through untagged enums, whose errors name only the outermost
//! object that failed (`invalid type: integer 0, expected a string` at a component), not the
//! keyword inside it. When reading fails, the schemas under that place are searched for
//! keywords OpenAPI 3.0 types strictly, and each one found is an error of its own.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::parse::describe;
use crate::position;

/// The JSON type OpenAPI 3.0 requires of a schema keyword.
#[derive(Clone, Copy)]
enum Wanted {
    Text,
    Boolean,
    Count,
    Number,
    Names,
}

const KEYWORDS: &[(&str, Wanted)] = &[
    ("type", Wanted::Text),
    ("format", Wanted::Text),
    ("pattern", Wanted::Text),
    ("title", Wanted::Text),
    ("description", Wanted::Text),
    ("nullable", Wanted::Boolean),
    ("readOnly", Wanted::Boolean),
    ("writeOnly", Wanted::Boolean),
    ("deprecated", Wanted::Boolean),
    ("uniqueItems", Wanted::Boolean),
    ("exclusiveMinimum", Wanted::Boolean),
    ("exclusiveMaximum", Wanted::Boolean),
    ("minLength", Wanted::Count),
    ("maxLength", Wanted::Count),
    ("minItems", Wanted::Count),
    ("maxItems", Wanted::Count),
    ("minProperties", Wanted::Count),
    ("maxProperties", Wanted::Count),
    ("minimum", Wanted::Number),
    ("maximum", Wanted::Number),
    ("multipleOf", Wanted::Number),
    ("required", Wanted::Names),
];

/// One error for each keyword of the wrong type in the schemas at or under `failed_at`.
pub fn wrong_types(root: &mut Value, failed_at: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    crate::grammar::for_each_schema(root, &mut |schema, path| {
        let inside = path.strip_prefix(failed_at).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']));
        let Some(schema) = schema.as_object().filter(|_| inside || failed_at.is_empty()) else { return };
        for &(keyword, wanted) in KEYWORDS {
            if let Some(value) = schema.get(keyword)
                && !fits(value, wanted)
            {
                found.push(wrong_type(&position::key(path, keyword), keyword, value, wanted));
            }
        }
    });
    found
}

fn fits(value: &Value, wanted: Wanted) -> bool {
    match wanted {
        Wanted::Text => value.is_string(),
        Wanted::Boolean => value.is_boolean(),
        Wanted::Count => value.is_u64(),
        Wanted::Number => value.is_number(),
        Wanted::Names => value.as_array().is_some_and(|names| names.iter().all(Value::is_string)),
    }
}

fn wrong_type(path: &str, keyword: &str, value: &Value, wanted: Wanted) -> Diagnostic {
    let written = match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => format!(" (`{value}`)"),
        Value::String(text) if text.chars().count() <= 40 && !text.contains('`') => format!(" (`{text}`)"),
        _ => String::new(),
    };
    let (what, help) = match (wanted, keyword) {
        (Wanted::Text, "pattern") => (
            "a string (a regular expression)",
            "write the regular expression as a string in quotes, such as `pattern: \"^[0-9]+$\"`, or remove `pattern`"
                .to_owned(),
        ),
        (Wanted::Text, "type") => (
            "a string",
            "write one of `string`, `number`, `integer`, `boolean`, `array`, `object`; OpenAPI 3.0 has one type per schema, and `nullable: true` for null".to_owned(),
        ),
        (Wanted::Text, _) => ("a string", format!("write `{keyword}` as a string, in quotes")),
        (Wanted::Boolean, _) => ("`true` or `false`", format!("write `{keyword}: true` or `{keyword}: false`")),
        (Wanted::Count, _) => ("a whole number, 0 or more", format!("write `{keyword}` as a whole number, such as `1`")),
        (Wanted::Number, _) => ("a number", format!("write `{keyword}` as a number, without quotes")),
        (Wanted::Names, _) => ("a list of property names", "list the required properties' names as strings".to_owned()),
    };
    Diagnostic::error(path, format!("`{keyword}` is {}{written}; OpenAPI 3.0 wants {what} here", describe(value)))
        .help(help)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn names_each_keyword_of_the_wrong_type_under_the_failed_place() {
        let mut root = json!({"components": {"schemas": {
            "Pick": {"type": "object", "properties": {"timecode": {"type": "string", "pattern": 0}}},
            "Other": {"type": "string", "nullable": "yes"}
        }}});
        let found = wrong_types(&mut root, "components.schemas.Pick");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location.path, "components.schemas.Pick.properties.timecode.pattern");
        assert_eq!(
            found[0].message,
            "`pattern` is a number (`0`); OpenAPI 3.0 wants a string (a regular expression) here"
        );
        assert_eq!(wrong_types(&mut root, "").len(), 2);
        assert!(wrong_types(&mut root, "components.schemas.Pic").is_empty());
    }
}
