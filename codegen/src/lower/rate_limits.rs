//! The `x-rate-limit` extension: the rate limits a client paces its calls to, declared on the
//! document (every call), on a tag (its operations' calls together) or on an operation.
//!
//! ```yaml
//! x-rate-limit:                # or a list of such objects
//!   requests: 250              # calls allowed in a window
//!   window: 10s                # its length: seconds, or `500ms`, `10s`, `5m`, `1h`
//!   burst: 12                  # calls that may go out at once (optional)
//! ```

use serde_json::Value;

use super::Lowerer;
use crate::ir::{Operation, RateLimit};
use crate::position;

const KEYS: &[&str] = &["requests", "window", "burst"];
const EXAMPLE: &str = "write it as `{requests: 250, window: 10s}`, or a list of such objects";

impl Lowerer<'_> {
    /// Every `x-rate-limit` of the document, its tags' and its operations', in that order.
    pub(super) fn lower_rate_limits(&mut self, operations: &[Operation]) -> Vec<RateLimit> {
        let document = self.document;
        let mut limits = Vec::new();
        // Each lowered operation's id by its path and method, found once: a document may
        // declare a limit on each of thousands of operations.
        let ids: std::collections::HashMap<(&str, String), &str> = operations
            .iter()
            .map(|operation| {
                ((operation.path.as_str(), operation.method.as_str().to_ascii_lowercase()), operation.id.as_str())
            })
            .collect();
        let lowered_id =
            |template: &str, method: &str| ids.get(&(template, method.to_ascii_lowercase())).map(|id| (*id).to_owned());
        if let Some(value) = document.extensions.get("x-rate-limit") {
            limits.extend(self.read_limits(value, "x-rate-limit", None));
        }
        for (index, tag) in document.tags.iter().enumerate() {
            let Some(value) = tag.extensions.get("x-rate-limit") else { continue };
            let path = position::key(&position::index("tags", index), "x-rate-limit");
            let ids: Vec<String> = document
                .paths
                .paths
                .iter()
                .filter_map(|(template, item)| Some((template, item.as_item()?)))
                .flat_map(|(template, item)| item.iter().map(move |(method, operation)| (template, method, operation)))
                .filter(|(_, _, operation)| operation.tags.contains(&tag.name))
                .filter_map(|(template, method, _)| lowered_id(template, method))
                .collect();
            if ids.is_empty() {
                self.sink.warning(
                    "rate limit of no operation",
                    path.clone(),
                    format!("the tag `{}` has a rate limit but no operation", tag.name),
                    "move the limit to a tag that operations have, or remove it",
                );
                continue;
            }
            limits.extend(self.read_limits(value, &path, Some(ids)));
        }
        for (template, item) in &document.paths.paths {
            let Some(item) = item.as_item() else { continue };
            for (method, operation) in item.iter() {
                let Some(value) = operation.extensions.get("x-rate-limit") else { continue };
                let path = position::key(&position::key(&position::key("paths", template), method), "x-rate-limit");
                if let Some(id) = lowered_id(template, method) {
                    limits.extend(self.read_limits(value, &path, Some(vec![id])));
                }
            }
        }
        limits
    }

    /// One `x-rate-limit` value: an object or a list of them. A malformed one is an error:
    /// a limit silently left out would be a burst of 429s later.
    fn read_limits(&mut self, value: &Value, path: &str, operations: Option<Vec<String>>) -> Vec<RateLimit> {
        let items: Vec<(String, &Value)> = match value {
            Value::Array(items) => {
                items.iter().enumerate().map(|(index, item)| (position::index(path, index), item)).collect()
            }
            _ => vec![(path.to_owned(), value)],
        };
        let mut limits = Vec::new();
        for (path, item) in items {
            let Some(object) = item.as_object() else {
                self.sink.error(&path, "`x-rate-limit` is not an object", EXAMPLE);
                continue;
            };
            self.unknown_settings("unknown x-rate-limit setting", "x-rate-limit", &path, object, KEYS);
            let requests = object.get("requests").and_then(Value::as_u64).filter(|requests| *requests > 0);
            let Some(requests) = requests.and_then(|requests| u32::try_from(requests).ok()) else {
                self.sink.error(
                    position::key(&path, "requests"),
                    "`x-rate-limit` needs `requests`, a whole number of calls above zero",
                    EXAMPLE,
                );
                continue;
            };
            let Some(window_ms) = object.get("window").and_then(window_ms) else {
                self.sink.error(
                    position::key(&path, "window"),
                    "`x-rate-limit` needs `window`, a length of time above zero",
                    "write seconds (`10`) or a number with a unit: `500ms`, `10s`, `5m`, `1h`",
                );
                continue;
            };
            let burst = match object.get("burst") {
                None => None,
                Some(burst) => match burst.as_u64().and_then(|burst| u32::try_from(burst).ok()) {
                    Some(burst) if (1..=requests).contains(&burst) => Some(burst),
                    _ => {
                        self.sink.error(
                            position::key(&path, "burst"),
                            format!("`burst` must be a whole number from 1 to `requests` ({requests})"),
                            "leave it out for the default: a twentieth of `requests`",
                        );
                        continue;
                    }
                },
            };
            limits.push(RateLimit { requests, window_ms, burst, operations: operations.clone() });
        }
        limits
    }
}

/// A window's length in milliseconds: a number of seconds, or a number with a unit.
fn window_ms(value: &Value) -> Option<u64> {
    let seconds = match value {
        Value::Number(number) => number.as_f64()?,
        Value::String(text) => {
            let text = text.trim();
            let split = text.find(|character: char| character.is_ascii_alphabetic()).unwrap_or(text.len());
            let (number, unit) = text.split_at(split);
            let number: f64 = number.trim().parse().ok()?;
            number
                * match unit.trim() {
                    "ms" => 0.001,
                    "" | "s" => 1.0,
                    "m" | "min" => 60.0,
                    "h" => 3600.0,
                    "d" => 86400.0,
                    _ => return None,
                }
        }
        _ => return None,
    };
    let millis = (seconds * 1000.0).round();
    (1.0..=366.0 * 86_400_000.0).contains(&millis).then_some(millis as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(document_limit: &str, tag_limit: &str, operation_limit: &str) -> String {
        format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: \"1\"}}\n{document_limit}\ntags:\n  - name: a\n{tag_limit}\n  - name: b\npaths:\n  /a:\n    get:\n      operationId: get_a\n      tags: [a]\n      responses: {{\"204\": {{description: none}}}}\n    post:\n      operationId: post_a\n      tags: [a]\n{operation_limit}\n      responses: {{\"204\": {{description: none}}}}\n  /b:\n    get:\n      operationId: get_b\n      tags: [b]\n      responses: {{\"204\": {{description: none}}}}\n"
        )
    }

    #[test]
    fn limits_are_read_from_the_document_its_tags_and_its_operations() {
        let text = document(
            "x-rate-limit: [{requests: 250, window: 10s}, {requests: 1200, window: 5m, burst: 60}]",
            "    x-rate-limit: {requests: 1000, window: 60}",
            "      x-rate-limit: {requests: 5, window: 1s}",
        );
        let (api, diagnostics) = crate::lower("t.yaml", text.as_bytes()).expect("lowers");
        let unexpected: Vec<_> =
            diagnostics.iter().filter(|diagnostic| diagnostic.kind != "no security declared").collect();
        assert!(unexpected.is_empty(), "{unexpected:?}");
        let limit = |requests, window_ms, burst, operations: Option<&[&str]>| RateLimit {
            requests,
            window_ms,
            burst,
            operations: operations.map(|ids| ids.iter().map(|id| (*id).to_owned()).collect()),
        };
        assert_eq!(
            api.rate_limits,
            [
                limit(250, 10_000, None, None),
                limit(1200, 300_000, Some(60), None),
                limit(1000, 60_000, None, Some(&["get_a", "post_a"])),
                limit(5, 1000, None, Some(&["post_a"])),
            ]
        );
    }

    #[test]
    fn a_malformed_limit_is_an_error_naming_its_place_never_left_out() {
        for (limit, place, message) in [
            ("x-rate-limit: {window: 10s}", "x-rate-limit.requests", "needs `requests`"),
            ("x-rate-limit: {requests: 5, window: ten s}", "x-rate-limit.window", "needs `window`"),
            (
                "x-rate-limit: [{requests: 5, window: 1}, {requests: 5, window: 1, burst: 9}]",
                "x-rate-limit[1].burst",
                "from 1 to `requests` (5)",
            ),
            ("x-rate-limit: 5", "x-rate-limit", "is not an object"),
        ] {
            let failure = crate::lower("t.yaml", document(limit, "", "").as_bytes()).expect_err(limit);
            let error = failure.errors().next().expect("an error");
            let rendered = error.render("t.yaml");
            assert!(rendered.contains(place) && rendered.contains(message), "{limit}: {rendered}");
        }
        let (_, diagnostics) =
            crate::lower("t.yaml", document("x-rate-limit: {requests: 5, window: 1, per: user}", "", "").as_bytes())
                .expect("a warning only");
        assert!(diagnostics.iter().any(|diagnostic| diagnostic.render("t.yaml").contains("no setting `per`")));
    }

    #[test]
    fn windows_read_in_seconds_or_with_a_unit() {
        assert_eq!(window_ms(&serde_json::json!(10)), Some(10_000));
        assert_eq!(window_ms(&serde_json::json!(0.5)), Some(500));
        assert_eq!(window_ms(&serde_json::json!("250ms")), Some(250));
        assert_eq!(window_ms(&serde_json::json!("5m")), Some(300_000));
        assert_eq!(window_ms(&serde_json::json!("1 h")), Some(3_600_000));
        for bad in
            [serde_json::json!(0), serde_json::json!("ten s"), serde_json::json!("5 fortnights"), serde_json::json!(-1)]
        {
            assert_eq!(window_ms(&bad), None, "{bad}");
        }
    }
}
