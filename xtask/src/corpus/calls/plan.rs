//! One operation's call line, read from the raw document: its parameters (the path's and the
//! operation's, keyed as the program reads them) and its body, with values from `sampler`.

use serde_json::{Map, Value, json};

use super::program::Listed;
use super::sampler;

/// The call line for one operation: its parameters (the required ones, and the optional ones
/// the document shows a value for) and its body; `Err` with the reason it cannot be made.
pub(super) fn plan(sampler: &mut sampler::Sampler<'_>, raw: &Value, listed: &Listed) -> Result<Value, String> {
    let path_item = raw
        .get("paths")
        .and_then(|paths| paths.get(&listed.path))
        .map(|item| sampler.resolve(item))
        .ok_or("the operation's path is not in the document")?;
    let operation = path_item
        .get(listed.method.to_ascii_lowercase())
        .ok_or("the operation's method is not in the document's path")?;
    // The path's parameters, then the operation's, which replace those of the same name and place.
    let mut parameters: Vec<&Value> = Vec::new();
    for parameter in
        [path_item, operation].iter().filter_map(|holder| holder.get("parameters").and_then(Value::as_array)).flatten()
    {
        let resolved = sampler.resolve(parameter);
        let key = |value: &Value| (value.get("name").cloned(), value.get("in").cloned());
        parameters.retain(|earlier| key(sampler.resolve(earlier)) != key(resolved));
        parameters.push(parameter);
    }
    // A name the operation has in two places (a path and a query `id_user`) is keyed by its
    // place too, `query:id_user`, as the program reads it.
    let names: Vec<&str> =
        parameters.iter().filter_map(|parameter| sampler.resolve(parameter).get("name")?.as_str()).collect();
    let mut params = Map::new();
    for parameter in parameters {
        let resolved = sampler.resolve(parameter);
        let Some(name) = resolved.get("name").and_then(Value::as_str) else { continue };
        let location = resolved.get("in").and_then(Value::as_str).unwrap_or("query");
        let key = if names.iter().filter(|other| **other == name).count() > 1 {
            format!("{location}:{name}")
        } else {
            name.to_owned()
        };
        let required = resolved.get("required").and_then(Value::as_bool).unwrap_or(false)
            || resolved.get("in").and_then(Value::as_str) == Some("path");
        if required || sampler.has_example(parameter) {
            let value = sampler.parameter(parameter);
            params.insert(key, value);
        }
    }
    let mut line = json!({"operation": listed.operation, "params": params});
    if !listed.body.is_empty() {
        let request_body = operation.get("requestBody").ok_or("the operation's body is not in the document")?;
        let body = sampler.body(request_body, &listed.body).ok_or("the body's media type is not in the document")?;
        line["body"] = body;
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_planned_from_the_document() {
        let document = json!({
            "openapi": "3.0.0",
            "paths": {"/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "post": {
                    "parameters": [
                        {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
                        {"name": "id", "in": "query", "example": "seven", "schema": {"type": "string"}},
                        {"name": "tag", "in": "query", "example": "small", "schema": {"type": "string"}}
                    ],
                    "requestBody": {"content": {"application/json": {"example": {"name": "Rex"}}}}
                }
            }}
        });
        let mut sampler = sampler::Sampler::new(&document);
        let listed = Listed {
            operation: "addPet".to_owned(),
            method: "POST".to_owned(),
            path: "/pets/{id}".to_owned(),
            body: "application/json".to_owned(),
        };
        assert_eq!(
            plan(&mut sampler, &document, &listed),
            Ok(json!({
                "operation": "addPet",
                "params": {"path:id": 1, "query:id": "seven", "tag": "small"},
                "body": {"name": "Rex"}
            }))
        );
        let missing = Listed { path: "/other".to_owned(), ..listed };
        assert_eq!(
            plan(&mut sampler, &document, &missing),
            Err("the operation's path is not in the document".to_owned())
        );
    }
}
