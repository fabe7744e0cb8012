//! The name a definition gets when it moves into `components`: the name lowering would have
//! given it where it was, so that moving it changes no type's name.
//!
//! Lowering names an inline schema by its `title`, else after where it is:
//! `{Operation}Response`, `{Operation}Error404`, `{Operation}Request`, `{Operation}{Parameter}`,
//! `{Parent}{Property}`, `{Parent}Item` for a list's items (`{Parent}Item2` for the second of
//! an OpenAPI 3.1 tuple), `{Parent}Value` for a map's values, `{Parent}Variant2` for an
//! alternative; the parts of an `allOf` are merged into their parent
//! (a part that moves is a type of its own: `{Parent}Part2`).

use serde_json::Value;

use crate::grammar::Kind;
use crate::json_pointer as pointer;
use crate::lower::naming;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The base of the component name for the definition at `tokens` (PascalCase; the caller
/// numbers it when taken).
pub fn base_name(root: &Value, tokens: &[String], kind: Kind) -> String {
    if kind == Kind::Schema
        && let Ok(Value::Object(schema)) = pointer::lookup(root, tokens)
        && let Some(Value::String(title)) = schema.get("title")
        && !title.trim().is_empty()
    {
        return naming::pascal(title);
    }
    let mut words: Vec<String> = Vec::new();
    let rest = match tokens {
        // An operation of an OpenAPI 3.1 shared path item or webhook: its `operationId`, else
        // the item's name (the method too, for a shared item: it is written out under paths).
        [section, item, method, rest @ ..] if section == "webhooks" && METHODS.contains(&method.as_str()) => {
            words.push(operation_id(root, &tokens[..3]).unwrap_or_else(|| item.clone()));
            rest
        }
        [components, path_items, item, method, rest @ ..]
            if components == "components" && path_items == "pathItems" && METHODS.contains(&method.as_str()) =>
        {
            words.push(operation_id(root, &tokens[..4]).unwrap_or_else(|| format!("{method}_{item}")));
            rest
        }
        [components, _, name, rest @ ..] if components == "components" => {
            words.push(name.clone());
            rest
        }
        [webhooks, name, rest @ ..] if webhooks == "webhooks" => {
            words.push(name.clone());
            rest
        }
        [paths, template, method, rest @ ..] if paths == "paths" && METHODS.contains(&method.as_str()) => {
            words.push(operation_id(root, &tokens[..3]).unwrap_or_else(|| {
                std::iter::once(method.to_owned()).chain(template_words(template)).collect::<Vec<_>>().join("_")
            }));
            rest
        }
        [paths, template, rest @ ..] if paths == "paths" => {
            words.extend(template_words(template));
            rest
        }
        other => other,
    };
    let offset = tokens.len() - rest.len();
    let mut index = 0;
    while index < rest.len() {
        let token = rest[index].as_str();
        let next = rest.get(index + 1);
        let mut step = 1;
        match (token, next) {
            ("parameters", Some(position)) => {
                let place = &tokens[..offset + index + 2];
                let name = pointer::lookup(root, place).ok().and_then(|p| p.get("name")).and_then(Value::as_str);
                words.push(name.map(str::to_owned).unwrap_or_else(|| format!("Parameter{position}")));
                step = 2;
            }
            ("responses", Some(status)) => {
                // Lowering names a response's types `{name}Response`: a success answer that
                // moves is named after its operation alone, so its type keeps its name.
                let whole_response = kind == Kind::Response && index + 2 == rest.len();
                if !(whole_response && status.starts_with('2')) {
                    words.push(response_word(status));
                }
                step = 2;
            }
            ("properties" | "headers" | "examples" | "links" | "callbacks" | "encoding", Some(name)) => {
                words.push(name.clone());
                step = 2;
            }
            ("content", Some(_)) => step = 2,
            // A part of an `allOf` is merged into its parent; one that moves is a type of its
            // own, named apart from the parent it is merged into.
            ("allOf", Some(position)) => {
                if index + 2 == rest.len() {
                    words.push(format!("Part{}", position.parse::<usize>().map(|n| n + 1).unwrap_or_default()));
                }
                step = 2;
            }
            // A position of an OpenAPI 3.1 tuple.
            ("prefixItems", Some(position)) => {
                let number = position.parse::<usize>().map(|n| n + 1).unwrap_or_default();
                words.push(format!("Item{number}"));
                step = 2;
            }
            ("oneOf" | "anyOf", Some(position)) => {
                let number = position.parse::<usize>().map(|n| n + 1).unwrap_or_default();
                words.push(format!("Variant{number}"));
                step = 2;
            }
            ("requestBody", _) => words.push("Request".to_owned()),
            ("items", _) => words.push("Item".to_owned()),
            ("additionalProperties", _) => words.push("Value".to_owned()),
            ("schema", _) => {}
            (other, _) => words.push(other.to_owned()),
        }
        index += step;
    }
    let name: String = words.iter().map(|word| naming::pascal(word)).collect();
    if name.is_empty() { "Definition".to_owned() } else { name }
}

/// What lowering names an operation's types after, when the operation at `operation` has it:
/// its `operationId`.
fn operation_id(root: &Value, operation: &[String]) -> Option<String> {
    let operation = pointer::lookup(root, operation).ok()?;
    let id = operation.get("operationId")?.as_str()?.trim();
    (!id.is_empty()).then(|| id.to_owned())
}

fn template_words(template: &str) -> impl Iterator<Item = String> + '_ {
    template
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| segment.trim_start_matches('{').trim_end_matches('}').to_owned())
}

/// `Response` for a success answer, `Error{Status}` for the others, as lowering's hints say.
fn response_word(status: &str) -> String {
    if status.starts_with('2') { "Response".to_owned() } else { naming::pascal(&format!("error {status}")) }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn name(root: &Value, reference: &str, kind: Kind) -> String {
        base_name(root, &pointer::parse(reference).unwrap(), kind)
    }

    #[test]
    fn names_after_where_the_definition_is() {
        let root = json!({
            "paths": {
                "/v2/1-clicks": {"get": {"operationId": "oneClicks_list", "parameters": [{"name": "type"}]}},
                "/things/{id}": {"get": {}}
            },
            "components": {"schemas": {"Titled": {"properties": {"a": {"title": "Fancy name"}}}}}
        });
        let schema = Kind::Schema;
        assert_eq!(name(&root, "#/components/schemas/Disk/properties/filesystem", schema), "DiskFilesystem");
        assert_eq!(name(&root, "#/components/schemas/Channel/properties/from/oneOf/1", schema), "ChannelFromVariant2");
        assert_eq!(name(&root, "#/components/schemas/M/allOf/3/properties/actions/items", schema), "MActionsItem");
        assert_eq!(name(&root, "#/components/schemas/M/allOf/1", schema), "MPart2");
        assert_eq!(name(&root, "#/components/schemas/Titled/properties/a", schema), "FancyName");
        let error = "#/paths/~1v2~11-clicks/get/responses/401/content/application~1json/schema";
        assert_eq!(name(&root, error, schema), "OneClicksListError401");
        assert_eq!(name(&root, "#/paths/~1v2~11-clicks/get/responses/401", Kind::Response), "OneClicksListError401");
        assert_eq!(name(&root, "#/paths/~1v2~11-clicks/get/parameters/0", Kind::Parameter), "OneClicksListType");
        assert_eq!(name(&root, "#/paths/~1things~1%7Bid%7D/get/responses/201", Kind::Response), "GetThingsId");
        let schema_of_201 = "#/paths/~1things~1%7Bid%7D/get/responses/201/content/application~1json/schema";
        assert_eq!(name(&root, schema_of_201, schema), "GetThingsIdResponse");
        assert_eq!(name(&root, "#/paths/~1things~1%7Bid%7D/parameters/0", Kind::Parameter), "ThingsIdParameter0");
        assert_eq!(
            name(&root, "#/paths/~1things~1%7Bid%7D/post/requestBody/content/application~1json/schema", schema),
            "PostThingsIdRequest"
        );
    }

    #[test]
    fn names_after_openapi_3_1_webhooks_and_shared_path_items() {
        let root = json!({
            "webhooks": {"pet.created": {"post": {}}, "pet.named": {"post": {"operationId": "petNamed"}}},
            "components": {"pathItems": {"Pets": {"get": {}}}}
        });
        let body = "requestBody/content/application~1json/schema/properties/owner";
        assert_eq!(name(&root, &format!("#/webhooks/pet.created/post/{body}"), Kind::Schema), "PetCreatedRequestOwner");
        assert_eq!(name(&root, &format!("#/webhooks/pet.named/post/{body}"), Kind::Schema), "PetNamedRequestOwner");
        assert_eq!(name(&root, "#/components/pathItems/Pets/get/responses/404", Kind::Response), "GetPetsError404");
        assert_eq!(name(&root, "#/components/schemas/Point/prefixItems/1", Kind::Schema), "PointItem2");
    }
}
