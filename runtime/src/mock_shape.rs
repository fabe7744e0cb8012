//! The test doubles' check of a JSON body against every bound the document states, anywhere
//! in it: the [`Constraints`] of each value, found through a [`Shape`] the generated crate
//! writes for each request body (only the parts that have something to check).

use serde_json::Value;

use crate::constraints::Constraints;

/// Where the bounds are in a JSON value.
#[derive(Debug)]
pub enum Shape {
    /// Nothing to check.
    Any,
    /// A value with bounds (a list's own, and its items' through `Constraints::items`).
    Value(Constraints),
    /// A list with bounds of its own whose items have shapes of their own.
    List(Constraints, &'static Shape),
    /// An object whose every value has the shape.
    Map(&'static Shape),
    /// An object: the properties (by wire name) that have something to check.
    Object(&'static [(&'static str, &'static Shape)]),
    /// One of several shapes (`oneOf`, `anyOf`): the value must pass one of them.
    OneOf(&'static [&'static Shape]),
    /// Several shapes of one value (a struct and the parts it keeps whole): it must pass all.
    AllOf(&'static [&'static Shape]),
}

/// Every problem of `value` by `shape`, each with the JSON path of the value (`at` is the
/// path so far: `` for the body itself).
pub(crate) fn problems(value: &Value, shape: &Shape, at: &str, found: &mut Vec<String>) {
    match shape {
        Shape::Any => {}
        Shape::Value(constraints) => value_problems(value, constraints, at, found),
        Shape::List(constraints, items) => {
            value_problems(value, constraints, at, found);
            if let Value::Array(list) = value {
                for (index, item) in list.iter().enumerate() {
                    problems(item, items, &format!("{at}[{index}]"), found);
                }
            }
        }
        Shape::Map(values) => {
            if let Value::Object(map) = value {
                for (key, item) in map {
                    problems(item, values, &join(at, key), found);
                }
            }
        }
        Shape::Object(properties) => {
            if let Value::Object(map) = value {
                for (name, property) in *properties {
                    if let Some(item) = map.get(*name) {
                        problems(item, property, &join(at, name), found);
                    }
                }
            }
        }
        Shape::AllOf(shapes) => {
            for shape in *shapes {
                problems(value, shape, at, found);
            }
        }
        Shape::OneOf(shapes) => {
            let mut first = None;
            for shape in *shapes {
                let mut own = Vec::new();
                problems(value, shape, at, &mut own);
                if own.is_empty() {
                    return;
                }
                first.get_or_insert(own);
            }
            if let Some(own) = first {
                found.push(format!("{}fits none of its alternatives; the first: {}", place(at), own.join("; ")));
            }
        }
    }
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() { key.to_owned() } else { format!("{at}.{key}") }
}

fn place(at: &str) -> String {
    if at.is_empty() { String::new() } else { format!("at `{at}`: ") }
}

/// The problems of one value with bounds: a number's, a string's, a list's and its items'.
fn value_problems(value: &Value, constraints: &Constraints, at: &str, found: &mut Vec<String>) {
    let problem = match value {
        Value::Number(number) => number.as_f64().and_then(|number| constraints.number_problem(number)),
        Value::String(text) => constraints.length_problem(text).or_else(|| pattern_problem(text, constraints)),
        Value::Array(items) => {
            let problem = constraints.count_problem(items.len()).or_else(|| {
                if !constraints.unique_items {
                    return None;
                }
                (1..items.len()).find_map(|index| {
                    let first = items[..index].iter().position(|earlier| *earlier == items[index])?;
                    Some(format!("repeats item {first} as item {index}; the API needs every item unique"))
                })
            });
            if let Some(item_constraints) = constraints.items {
                for (index, item) in items.iter().enumerate() {
                    value_problems(item, item_constraints, &format!("{at}[{index}]"), found);
                }
            }
            problem
        }
        _ => None,
    };
    if let Some(problem) = problem {
        found.push(format!("{}{problem}", place(at)));
    }
}

/// A string that does not match its `pattern` (anywhere in it, as JSON Schema reads one).
pub(crate) fn pattern_problem(text: &str, constraints: &Constraints) -> Option<String> {
    let pattern = constraints.pattern?;
    match regex::Regex::new(pattern) {
        Ok(regex) if regex.is_match(text) => None,
        Ok(_) => Some(format!("`{text}` does not match the pattern `{pattern}`")),
        // A pattern in a syntax the regex engine does not read is no reason to refuse.
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    static NAME: Shape =
        Shape::Value(Constraints { max_length: Some(5), pattern: Some("^[a-z]+$"), ..Constraints::NONE });
    static SCORES: Constraints = Constraints { minimum: Some(0.0), ..Constraints::NONE };
    static PERSON: Shape = Shape::Object(&[
        ("name", &NAME),
        ("scores", &Shape::Value(Constraints { max_items: Some(2), items: Some(&SCORES), ..Constraints::NONE })),
        ("friends", &Shape::List(Constraints::NONE, &PERSON)),
    ]);

    fn all(value: Value) -> Vec<String> {
        let mut found = Vec::new();
        problems(&value, &PERSON, "", &mut found);
        found
    }

    #[test]
    fn every_bound_is_checked_with_the_path_of_the_value() {
        assert_eq!(all(json!({"name": "ada", "scores": [1, 2], "friends": []})), Vec::<String>::new());
        assert_eq!(
            all(json!({"name": "Ada", "scores": [1, -2, 3], "friends": [{"name": "toolong"}]})),
            [
                "at `name`: `Ada` does not match the pattern `^[a-z]+$`",
                "at `scores[1]`: is -2; the API accepts at least 0",
                "at `scores`: has 3 items; the API accepts at most 2 items",
                "at `friends[0].name`: is 7 characters long; the API accepts at most 5",
            ]
        );
    }
}
