//! Prism (`prism-process`) on one document, answering from the document's examples or from
//! its schemas; its log cut into one block per request, so that a failed call can be told by
//! what Prism's validator said of it.

use std::path::Path;
use std::time::Duration;

use prism_process::Prism;

/// How long Prism may take to read a document and listen: large documents take a while.
const START_LIMIT: Duration = Duration::from_secs(180);

/// Where Prism's answers come from (`--prism-answers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answers {
    /// Every answer made from its schema, examples not consulted (`prism mock --dynamic`,
    /// with a fixed seed so that a run can be repeated): what the client is held to is then
    /// the schemas alone, with values of every property and format they allow. The default.
    Schemas,
    /// Prism's own default: a response's example when it has one, else one made from its
    /// schema. A document's example that does not fit its own schema is then its flaw,
    /// counted apart.
    Examples,
}

impl Answers {
    /// The mode in words, for the run's output and its table.
    pub fn describe(self) -> &'static str {
        match self {
            Answers::Examples => "answering from the documents' examples where they have them",
            Answers::Schemas => "answering with values made from the schemas (examples not consulted)",
        }
    }
}

/// Starts Prism on `document`, answering as `answers` says: from the document's examples (its
/// default), or with values made from the schemas, the same ones every run (a fixed seed).
pub fn start(root: &Path, document: &Path, answers: Answers) -> Result<Prism, String> {
    let options: &[&str] = match answers {
        Answers::Examples => &[],
        Answers::Schemas => &["--dynamic", "--seed", "1"],
    };
    Prism::start(root, document, options, START_LIMIT).map_err(|error| error.to_string())
}

/// What Prism logged of one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The method, in capitals.
    pub method: String,
    /// The first error its validator reported (`[VALIDATOR] ✖ error ...`), without the
    /// `Violation: ...` repeats that follow the answer.
    pub violation: Option<String>,
    /// Why Prism gave up on the request (`Request terminated with error: ...`), its own error
    /// code and message.
    pub terminated: Option<String>,
    /// The first thing Prism found wrong with its own answer (`Violation: response...`): an
    /// answer it made that does not fit the document.
    pub answer_violation: Option<String>,
    /// What Prism's JSON Schema Sampler said it could not do while making the answer from the
    /// schema (`found allOf with "array" type. Result may be incorrect`).
    pub sampler_warning: Option<String>,
}

/// Prism's log, one exchange per request in the order they arrived.
pub fn exchanges(log: &[String]) -> Vec<Exchange> {
    let mut exchanges: Vec<Exchange> = Vec::new();
    for line in log {
        if let Some(rest) = after(line, "[HTTP SERVER] ") {
            if rest.contains("Request received") {
                let method = rest.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                exchanges.push(Exchange { method, ..Exchange::default() });
                continue;
            }
            if let (Some(exchange), Some(reason)) =
                (exchanges.last_mut(), after(rest, "Request terminated with error: "))
            {
                exchange.terminated.get_or_insert_with(|| reason.trim().to_owned());
            }
            continue;
        }
        let Some(exchange) = exchanges.last_mut() else { continue };
        if let Some(warning) = after(line, "JSON Schema Sampler: ") {
            exchange.sampler_warning.get_or_insert_with(|| warning.trim().to_owned());
        }
        if let Some(rest) = after(line, "[VALIDATOR] ") {
            if let Some(message) = rest.split_once(" error ").map(|(_, message)| message.trim()) {
                match message.strip_prefix("Violation: ") {
                    Some(violation) if violation.starts_with("response") => {
                        let detail = violation.split_once(' ').map_or(violation, |(_, detail)| detail);
                        exchange.answer_violation.get_or_insert_with(|| detail.to_owned());
                    }
                    Some(_) => {}
                    None => {
                        exchange.violation.get_or_insert_with(|| message.to_owned());
                    }
                }
            }
        }
    }
    exchanges
}

/// Why Prism died, from its log: the first line of the JavaScript error it printed
/// (`TypeError: invalid media type`).
pub fn crash_message(log: &[String]) -> String {
    log.iter()
        .map(|line| line.trim())
        .find(|line| {
            line.split_once(':')
                .is_some_and(|(name, _)| name.ends_with("Error") && !name.contains(' ') && !name.starts_with('['))
        })
        .unwrap_or("Prism stopped")
        .to_owned()
}

fn after<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    line.find(marker).map(|at| &line[at + marker.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_is_named_by_its_error() {
        let log: Vec<String> = [
            "[1:00:10 PM] › [HTTP SERVER] post /auth ℹ  info      Request received",
            "",
            "/work/tools/node_modules/content-type/index.js:126",
            "    throw new TypeError('invalid media type')",
            "TypeError: invalid media type",
            "    at Object.parse (index.js:126:11)",
        ]
        .iter()
        .map(|line| (*line).to_owned())
        .collect();
        assert_eq!(crash_message(&log), "TypeError: invalid media type");
    }

    #[test]
    fn the_log_is_cut_into_requests_with_their_first_violation() {
        let log: Vec<String> = [
            "[1:00:10 PM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:4099",
            "[1:00:10 PM] › [HTTP SERVER] get /auth/validate ℹ  info      Request received",
            "[1:00:10 PM] ›     [VALIDATOR] ✔  success   The request passed the validation rules. Looking for the best response",
            "[1:00:10 PM] ›     [VALIDATOR] ✖  error     Violation: response.body Response body must have required property 'premium'",
            "JSON Schema Sampler: found allOf with \"array\" type. Result may be incorrect",
            "[1:00:10 PM] › [HTTP SERVER] post /auth/start ℹ  info      Request received",
            "[1:00:10 PM] ›     [VALIDATOR] ⚠  warning   Request did not pass the validation rules",
            "[1:00:10 PM] ›     [VALIDATOR] ✖  error     Invalid security scheme used",
            "[1:00:10 PM] ›     [VALIDATOR] ✖  error     Request body property email must be string",
            "[1:00:10 PM] ›     [VALIDATOR] ✖  error     Violation: request Invalid security scheme used",
            "[1:00:10 PM] › [HTTP SERVER] get /v1/auth ℹ  info      Request received",
            "[1:00:10 PM] › [HTTP SERVER] get /v1/auth ✖  error     Request terminated with error: https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR: Route not resolved, no path matched",
        ]
        .iter()
        .map(|line| (*line).to_owned())
        .collect();
        let exchanges = exchanges(&log);
        assert_eq!(exchanges.len(), 3);
        assert_eq!(exchanges[0].method, "GET");
        assert_eq!(exchanges[0].violation, None);
        assert_eq!(
            exchanges[0].answer_violation.as_deref(),
            Some("Response body must have required property 'premium'")
        );
        assert_eq!(
            exchanges[0].sampler_warning.as_deref(),
            Some("found allOf with \"array\" type. Result may be incorrect")
        );
        assert_eq!(exchanges[1].violation.as_deref(), Some("Invalid security scheme used"));
        assert_eq!(exchanges[1].sampler_warning, None);
        assert_eq!(
            exchanges[2].terminated.as_deref(),
            Some("https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR: Route not resolved, no path matched")
        );
    }
}
