//! Where each answered call is counted: decoded, or failed with a class made from what Prism
//! said of it (its status, its validator's first error, why it gave up), from the decoding
//! error, or from why it was not sent; and whether the failure is the client's, Prism's limit,
//! or the document's own flaw.

use serde_json::Value;

use super::counts::Calls;
use super::prism::{self, Answers};
use super::program::Listed;
use super::sampler;

/// Where a failed call is counted.
enum Bucket {
    /// The client's: what the generator or the runtime got wrong, or the harness's values.
    Failed,
    /// Prism's: an answer it cannot generate, a media type it cannot write.
    PrismLimit,
    /// The document's: no client could make the call succeed as the document is written.
    DocumentFlaw,
}

/// One call's answer: what the program said of it, what Prism logged of it, and where
/// Prism's answers came from.
pub(super) struct Answered<'a> {
    pub(super) outcome: &'a Value,
    pub(super) exchange: Option<&'a prism::Exchange>,
    pub(super) answers: Answers,
}

/// Counts one call's outcome in its class. `operation` is the document's operation object.
pub(super) fn classify(
    calls: &mut Calls,
    sampler: &mut sampler::Sampler<'_>,
    operation: Option<&Value>,
    listed: &Listed,
    answered: &Answered<'_>,
    notes: &[String],
) {
    let Answered { outcome, exchange, answers } = *answered;
    // Messages start with the operation (`getThing (GET /things) failed ...`): not part of a class.
    let text = |key: &str| {
        let text = outcome[key].as_str().unwrap_or_default();
        let without = text.strip_prefix(listed.operation.as_str()).and_then(|rest| rest.strip_prefix(" ("));
        match without.and_then(|rest| rest.split_once(") ")) {
            Some((_, rest)) => rest.to_owned(),
            None => text.to_owned(),
        }
    };
    let status = outcome["status"].as_u64().map_or_else(String::new, |status| status.to_string());
    let first = |detail: &str| format!("{}: {}", listed.operation, detail.chars().take(300).collect::<String>());
    // What could not be honoured in the call's values, which may be why it failed.
    let noted = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) };
    let flawed = notes.iter().any(|note| sampler::DOCUMENT_FLAWS.contains(&note.as_str()));
    // Prism answers an operation the document gives no success answer with the first it has.
    let no_success = operation
        .and_then(|operation| operation.get("responses"))
        .and_then(Value::as_object)
        .is_some_and(|responses| !responses.keys().any(|status| status.starts_with('2')));
    let (bucket, class, detail) = match text("outcome").as_str() {
        "decoded" => {
            calls.decoded += 1;
            return;
        }
        "status" => {
            let terminated = exchange.and_then(|exchange| exchange.terminated.as_deref());
            let violation = exchange.and_then(|exchange| exchange.violation.as_deref());
            match (violation, terminated) {
                (Some(violation), _) if is_prism_validation_limit(violation) => (
                    Bucket::PrismLimit,
                    format!("{status} Prism's validator: {}", normalize(violation)),
                    violation.to_owned(),
                ),
                (Some(violation), _) => (
                    if flawed { Bucket::DocumentFlaw } else { Bucket::Failed },
                    format!("{status} invalid request: {}{noted}", normalize(violation)),
                    violation.to_owned(),
                ),
                // A path with a fragment or a query in it (AWS's `/#X-Amz-Target=...`) is sent
                // without them, as a URL must be: Prism, which matches what it receives against
                // the whole template, finds no operation there.
                (None, Some(reason))
                    if matches!(prism_error(reason).as_str(), "NO_PATH_MATCHED_ERROR" | "NO_METHOD_MATCHED_ERROR")
                        && listed.path.contains(['#', '?']) =>
                {
                    (
                        Bucket::PrismLimit,
                        format!("{status} Prism: {} for a path with a `#` or `?` in its template", prism_error(reason)),
                        reason.to_owned(),
                    )
                }
                (None, Some(reason)) => (
                    if is_prism_limit(reason) { Bucket::PrismLimit } else { Bucket::Failed },
                    format!("{status} Prism: {}", prism_error(reason)),
                    reason.to_owned(),
                ),
                (None, None) if no_success => (
                    Bucket::DocumentFlaw,
                    format!("{status} answered: the document gives the operation no success answer"),
                    text("body"),
                ),
                (None, None) => (
                    Bucket::Failed,
                    format!("{status} answered without a validation error (the document's answer)"),
                    text("body"),
                ),
            }
        }
        "decode" => {
            let detail = format!("at `{}`: {}; body: {}", text("path"), text("message"), text("excerpt"));
            let class = format!("{status} answer did not decode: {}", normalize(&text("message")));
            let answer = operation.and_then(|operation| json_answer(sampler, operation, &status));
            match answer {
                Some(answer)
                    if matches!(text("excerpt").as_str(), "" | "(empty)")
                        && answer.get("schema").is_none()
                        && answer.get("example").is_none()
                        && answer.get("examples").is_none() =>
                {
                    (
                        Bucket::PrismLimit,
                        format!("{status} Prism: an empty body for a JSON answer with no schema or example"),
                        detail,
                    )
                }
                // Only an answer Prism took from the document's examples can be their flaw.
                Some(answer) if answers == Answers::Examples && example_misfits(sampler, &answer, &text("path")) => (
                    Bucket::DocumentFlaw,
                    format!("{class} (the document's example answer does not fit its schema)"),
                    detail,
                ),
                _ => match exchange.and_then(|exchange| exchange.answer_violation.as_deref()) {
                    // Prism made an answer that its own check finds does not fit the document.
                    Some(violation) => (
                        Bucket::PrismLimit,
                        format!("{status} Prism's answer does not fit the document: {}", normalize(violation)),
                        detail,
                    ),
                    // Prism's sampler said it could not make the answer right.
                    None => match exchange.and_then(|exchange| exchange.sampler_warning.as_deref()) {
                        Some(warning) => (
                            Bucket::PrismLimit,
                            format!("{status} Prism's sampler: {}", normalize(warning)),
                            format!("{detail} (Prism: {warning})"),
                        ),
                        None => (Bucket::Failed, class, detail),
                    },
                },
            }
        }
        "prism_crashed" => {
            (Bucket::PrismLimit, format!("Prism crashed: {}", normalize(&text("message"))), text("message"))
        }
        "arguments" => (
            Bucket::Failed,
            format!("value refused by the crate's types: {}{noted}", normalize(&text("message"))),
            text("message"),
        ),
        "invalid_argument" => {
            (Bucket::Failed, format!("refused before sending: {}", normalize(&text("message"))), text("message"))
        }
        "credentials" => (Bucket::Failed, "refused before sending: credentials".to_owned(), text("message")),
        "connection" | "timeout" => {
            (Bucket::Failed, format!("{}: {}", text("outcome"), normalize(&text("message"))), text("message"))
        }
        other => (Bucket::Failed, format!("harness: {other}"), text("message")),
    };
    let classes = match bucket {
        Bucket::Failed => &mut calls.failed,
        Bucket::PrismLimit => &mut calls.prism_limits,
        Bucket::DocumentFlaw => &mut calls.document_flaws,
    };
    classes.entry(class).or_insert((0, first(&detail))).0 += 1;
}

/// The document's operation object for a listed operation.
pub(super) fn operation_of<'a>(sampler: &sampler::Sampler<'a>, raw: &'a Value, listed: &Listed) -> Option<&'a Value> {
    let item = sampler.resolve(raw.get("paths")?.get(&listed.path)?);
    item.get(listed.method.to_ascii_lowercase())
}

/// The JSON media type object of the operation's answer with `status` (or its range, or
/// `default`).
fn json_answer(sampler: &sampler::Sampler<'_>, operation: &Value, status: &str) -> Option<Value> {
    let responses = operation.get("responses")?;
    let range = format!("{}XX", status.chars().next()?);
    let response = [status, range.as_str(), "default"].iter().find_map(|key| responses.get(*key))?;
    let content = sampler.resolve(response).get("content")?.as_object()?;
    content.iter().find(|(media_type, _)| sampler::is_json_like(media_type)).map(|(_, media)| media.clone())
}

/// Whether the example Prism answered with does not fit the answer's schema at `path`, the
/// place decoding failed (`data.items[0].id`): the media type's example, or the `example`
/// (or `default`) of a schema on the way there, which Prism answers with when the media type
/// has none, read at the rest of the path and checked against the schema there.
fn example_misfits(sampler: &mut sampler::Sampler<'_>, answer: &Value, path: &str) -> bool {
    let Some(schema) = answer.get("schema") else { return false };
    let steps: Vec<&str> =
        path.split(['.', '[']).map(|step| step.trim_end_matches(']')).filter(|step| !step.is_empty()).collect();
    // The schemas along the path, the answer's first.
    let mut schemas = vec![sampler.flatten(schema, 0)];
    for step in &steps {
        let current = sampler.one_alternative(&schemas[schemas.len() - 1]);
        let next = if step.bytes().all(|byte| byte.is_ascii_digit()) {
            current.get("items")
        } else {
            current
                .get("properties")
                .and_then(|properties| properties.get(*step))
                .or_else(|| current.get("additionalProperties").filter(|additional| additional.is_object()))
        };
        let Some(next) = next.cloned() else { return false };
        schemas.push(sampler.flatten(&next, 0));
    }
    let Some(target) = schemas.last().cloned() else { return false };
    // Where Prism's answer comes from: the media type's example, else the first schema on the
    // way that has one (the deeper ones are read only when the outer ones have none).
    let mut sources: Vec<(Value, usize)> = Vec::new();
    if let Some(example) = sampler.example_of(answer) {
        sources.push((example, 0));
    }
    for (depth, schema) in schemas.iter().enumerate() {
        for keyword in ["example", "default"] {
            if let Some(example) = schema.get(keyword) {
                sources.push((example.clone(), depth));
            }
        }
        // Without them, an enum's first value.
        if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|values| values.first()) {
            sources.push((first.clone(), depth));
        }
    }
    sources.into_iter().any(|(example, depth)| {
        let at_path = steps[depth..].iter().try_fold(&example, |value, step| match step.parse::<usize>() {
            Ok(index) if value.is_array() => value.get(index),
            _ => value.get(*step),
        });
        at_path.is_some_and(|value| !sampler.fits(value, &target, 0))
    })
}

/// Prism's errors that say what Prism cannot do, not what is wrong with the request.
fn is_prism_limit(reason: &str) -> bool {
    let code = prism_error(reason);
    !matches!(
        code.as_str(),
        "NO_PATH_MATCHED_ERROR"
            | "NO_METHOD_MATCHED_ERROR"
            | "INVALID_CONTENT_TYPE"
            | "UNPROCESSABLE_ENTITY"
            | "UNAUTHORIZED"
    )
}

/// Validation messages that are Prism not reading the document, rather than the request
/// not fitting it.
fn is_prism_validation_limit(violation: &str) -> bool {
    violation.contains("unknown format")
        || violation.contains("schema is invalid")
        || violation.contains("can't resolve reference")
}

/// The code of a Prism error (`https://stoplight.io/prism/errors#NO_RESPONSE_DEFINED: ...`),
/// or the message's class when it has none.
fn prism_error(reason: &str) -> String {
    match reason.split_once('#') {
        Some((_, rest)) => rest.split(':').next().unwrap_or(rest).trim().to_owned(),
        None => normalize(reason),
    }
}

/// A message with what varies between operations taken out: names (quoted, in parentheses,
/// or the word after `property`, `parameter` or `header`) and numbers.
fn normalize(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    // Quoted and parenthesised spans first: they may hold spaces.
    let mut spans = String::new();
    let mut closing: Option<char> = None;
    let mut previous = ' ';
    for ch in first.chars() {
        match closing {
            Some(end) if ch == end => closing = None,
            Some(_) => {}
            None if matches!(ch, '"' | '`') || (ch == '\'' && !previous.is_alphanumeric()) => {
                closing = Some(ch);
                spans.push('…');
            }
            None if ch == '(' => {
                closing = Some(')');
                spans.push_str("(…)");
            }
            None => spans.push(ch),
        }
        previous = ch;
    }
    let mut out: Vec<String> = Vec::new();
    let mut hide_next = false;
    for word in spans.split_whitespace() {
        if hide_next {
            out.push("…".to_owned());
        } else {
            let mut digits_hidden = String::new();
            let mut in_number = false;
            for ch in word.chars() {
                if !ch.is_ascii_digit() {
                    digits_hidden.push(ch);
                } else if !in_number {
                    digits_hidden.push('N');
                }
                in_number = ch.is_ascii_digit();
            }
            out.push(digits_hidden);
        }
        hide_next = matches!(word, "property" | "parameter" | "header" | "field" | "variant" | "operation");
    }
    out.join(" ").chars().take(110).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn messages_lose_their_names_and_numbers() {
        assert_eq!(normalize("Request body property email must be string"), "Request body property … must be string");
        assert_eq!(normalize("Request query parameter limit must be <= 100"), "Request query parameter … must be <= N");
        assert_eq!(normalize("must have required property 'name'"), "must have required property …");
        assert_eq!(
            normalize("invalid type: string \"ClearBlade Platform\", expected a map (AboutInfo) at line 1"),
            "invalid type: string …, expected a map (…) at line N"
        );
        assert_eq!(normalize("the API's answer isn't JSON"), "the API's answer isn't JSON");
        assert_eq!(
            prism_error("https://stoplight.io/prism/errors#NO_RESPONSE_DEFINED: No response"),
            "NO_RESPONSE_DEFINED"
        );
    }

    #[test]
    fn an_answer_that_does_not_decode_is_the_document_s_when_its_example_does_not_fit() {
        let document = json!({"openapi": "3.0.0", "paths": {}});
        let mut sampler = sampler::Sampler::new(&document);
        let schema = json!({"type": "array", "items": {"type": "object", "properties": {
            "pk": {"type": "boolean"},
            "ttl": {"type": "integer", "example": "432000"}
        }}});
        let answer = json!({"schema": schema, "example": [{"pk": "false"}]});
        assert!(example_misfits(&mut sampler, &answer, "[0].pk"));
        let answer = json!({"schema": schema, "example": [{"pk": false}]});
        assert!(!example_misfits(&mut sampler, &answer, "[0].pk"), "the example fits there");
        let answer = json!({"schema": schema});
        assert!(example_misfits(&mut sampler, &answer, "[0].ttl"), "the property's own example");
        assert!(!example_misfits(&mut sampler, &answer, "[0].pk"), "made from the schema: the client's failure");
    }
}
