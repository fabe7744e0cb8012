//! Test doubles: an in-process mock of the API, built on wiremock, that checks every request against the document.
//!
//! The generated crate's `mock` module wraps [`MockServer`] in a `MockApi` with one method
//! per operation, which starts a typed [`Expectation`]. What the checks need to know about
//! each operation is generated as an [`OperationSpec`]. Every request the server receives is
//! checked against the specs first: a request the document does not allow (unknown path,
//! wrong method, missing required parameter, value of the wrong type or outside its enum, a
//! body that does not decode into the operation's request type) is answered with a 400 and
//! recorded, and so is a valid request that no expectation matches (answered with a 404);
//! [`MockServer::verify`] and dropping the server fail the test with every such message, and
//! with every expectation whose `times` was not met.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::Api;
use crate::client::ClientBuilder;

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

impl Location {
    fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        }
    }
}

/// What a parameter's text must parse as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Any text.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A UUID in its hyphenated form.
    Uuid,
}

/// One parameter of an operation, as the document declares it.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    /// The name on the wire.
    pub name: &'static str,
    /// Where it travels.
    pub location: Location,
    /// Whether a request must carry it.
    pub required: bool,
    /// What each value must parse as.
    pub kind: Kind,
    /// Whether it is a list (in a query, `a=1&a=2` or `a=1,2`).
    pub list: bool,
    /// The values the document allows, when it lists them (an enum); empty when any is allowed.
    pub allowed: &'static [&'static str],
}

/// The request body of an operation.
#[derive(Clone, Copy, Debug)]
pub struct BodySpec {
    /// Whether a request must carry one.
    pub required: bool,
    /// Decodes the body into the operation's request type; `Err` says what does not fit and where.
    pub check: fn(&[u8]) -> Result<(), String>,
}

/// What the mock knows about one operation: enough to check a request against the document.
#[derive(Clone, Copy, Debug)]
pub struct OperationSpec {
    /// The operation's name (its `operationId`).
    pub id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template, such as `/things/{thing_id}`.
    pub path: &'static str,
    /// Every parameter.
    pub params: &'static [ParamSpec],
    /// The request body, if the operation takes one.
    pub body: Option<BodySpec>,
    /// The status [`Expectation::respond`] answers with: the operation's first success status.
    pub success_status: u16,
}

impl OperationSpec {
    fn describe(&self) -> String {
        format!("{} ({} {})", self.id, self.method, self.path)
    }

    /// The path parameters' values if `path` fits the template, percent-decoded.
    fn captures(&self, path: &str) -> Option<Vec<(&'static str, String)>> {
        let template: Vec<&'static str> = self.path.trim_start_matches('/').split('/').collect();
        let actual: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        if template.len() != actual.len() {
            return None;
        }
        let mut captures = Vec::new();
        for (pattern, segment) in template.into_iter().zip(actual) {
            match (pattern.find('{'), pattern.find('}')) {
                (Some(open), Some(close)) if open < close => {
                    let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
                    let value = segment.strip_prefix(prefix)?.strip_suffix(suffix)?;
                    if value.is_empty() {
                        return None;
                    }
                    let decoded = percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned();
                    captures.push((&pattern[open + 1..close], decoded));
                }
                _ if pattern == segment => {}
                _ => return None,
            }
        }
        Some(captures)
    }

    /// What is wrong with a request to this operation, if anything.
    fn check(&self, request: &wiremock::Request, captures: &[(&'static str, String)]) -> Vec<String> {
        let mut problems = Vec::new();
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        for param in self.params {
            let values: Vec<String> = match param.location {
                Location::Path => {
                    captures.iter().filter(|(name, _)| *name == param.name).map(|(_, value)| value.clone()).collect()
                }
                Location::Query => query
                    .iter()
                    .filter(|(name, _)| name == param.name)
                    .flat_map(|(_, value)| {
                        // An unexploded list is one value with commas.
                        if param.list { value.split(',').map(str::to_owned).collect() } else { vec![value.clone()] }
                    })
                    .collect(),
                Location::Header => request
                    .headers
                    .get_all(param.name)
                    .iter()
                    .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                    .collect(),
            };
            let label = format!("{} parameter `{}`", param.location.as_str(), param.name);
            if values.is_empty() && param.required {
                problems.push(format!("the required {label} is missing"));
            }
            for value in values {
                if let Some(expected) = kind_problem(param.kind, &value) {
                    problems.push(format!("{label}: `{value}` is not {expected}"));
                } else if !param.allowed.is_empty() && !param.allowed.contains(&value.as_str()) {
                    problems.push(format!("{label}: `{value}` is not one of {}", quoted_list(param.allowed)));
                }
            }
        }
        if let Some(body) = &self.body {
            if request.body.is_empty() {
                if body.required {
                    problems.push("the required request body is missing".to_owned());
                }
            } else if let Err(problem) = (body.check)(&request.body) {
                problems.push(format!("request body: {problem}"));
            }
        }
        problems
    }
}

fn kind_problem(kind: Kind, value: &str) -> Option<&'static str> {
    let fits = match kind {
        Kind::String => true,
        Kind::Integer => value.parse::<i64>().is_ok() || value.parse::<u64>().is_ok(),
        Kind::Number => value.parse::<f64>().is_ok_and(f64::is_finite),
        Kind::Boolean => value == "true" || value == "false",
        Kind::Uuid => is_uuid(value),
    };
    (!fits).then_some(match kind {
        Kind::String => "text",
        Kind::Integer => "a whole number",
        Kind::Number => "a number",
        Kind::Boolean => "`true` or `false`",
        Kind::Uuid => "a UUID",
    })
}

fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

fn quoted_list(values: &[&str]) -> String {
    values.iter().map(|value| format!("`{value}`")).collect::<Vec<_>>().join(", ")
}

/// A value as the query carries it: strings as they are, whole numbers without a fraction
/// (`50`, not `50.0`, as the client sends them), enums by their wire value.
#[doc(hidden)]
pub fn query_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(serde_json::Value::Number(number)) => match number.as_f64() {
            Some(float) if number.is_f64() && float.fract() == 0.0 && float.abs() < 9.0e15 => {
                format!("{}", float as i64)
            }
            _ => number.to_string(),
        },
        Ok(other) => other.to_string(),
        Err(error) => error.to_string(),
    }
}

/// Decodes `bytes` as JSON into `T`: the [`BodySpec::check`] of an operation whose body is `T`.
/// The error names the JSON path of the value that does not fit.
#[doc(hidden)]
pub fn check_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<(), String> {
    decode_json::<T>(bytes).map(|_| ())
}

fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        if path == "." { error.inner().to_string() } else { format!("at `{path}`: {}", error.inner()) }
    })
}

/// One operation of the API, as the mock sees it; the generated crate implements it for each
/// operation's request builder type, so that `received::<AddParticipant>()` reads typed bodies.
pub trait MockOperation: Send + Sync + 'static {
    /// What the document says about the operation.
    const SPEC: &'static OperationSpec;
    /// The request body's type, `()` when the operation takes none.
    type Body: DeserializeOwned + Send + Sync + 'static;
    /// What a successful call returns, `()` when its answer has no body.
    type Output: Serialize;
}

/// The operation `request` is for, or what is wrong with it: the check every request meets.
fn find<'a>(specs: &'a [&'static OperationSpec], request: &wiremock::Request) -> Result<&'a OperationSpec, String> {
    let path = request.url.path();
    let method = request.method.as_str();
    let on_path: Vec<&OperationSpec> = specs.iter().copied().filter(|spec| spec.captures(path).is_some()).collect();
    if on_path.is_empty() {
        return Err(format!("{method} {path}: no operation of the document has this path"));
    }
    let Some(spec) = on_path.iter().find(|spec| spec.method == method) else {
        let mut message = format!("{method} {path}: the document has no {method} for this path; it has");
        for spec in &on_path {
            let _ = write!(message, " {} ({}),", spec.method, spec.id);
        }
        message.pop();
        return Err(message);
    };
    let captures = spec.captures(path).unwrap_or_default();
    let problems = spec.check(request, &captures);
    if problems.is_empty() { Ok(spec) } else { Err(format!("{}: {}", spec.describe(), problems.join("; "))) }
}

/// What went wrong during a test, reported by `verify` and on drop.
type Failures = Arc<Mutex<Vec<String>>>;

fn record(failures: &Failures, message: String) {
    failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(message);
}

/// Matches the requests the document does not allow; answers them with a 400 naming the problem.
struct Contract {
    specs: Arc<Vec<&'static OperationSpec>>,
    failures: Failures,
}

impl wiremock::Match for Contract {
    fn matches(&self, request: &wiremock::Request) -> bool {
        find(&self.specs, request).is_err()
    }
}

impl wiremock::Respond for Contract {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let message = find(&self.specs, request).err().unwrap_or_default();
        record(&self.failures, format!("a request the document does not allow: {message}"));
        wiremock::ResponseTemplate::new(400).set_body_string(message)
    }
}

/// Answers the valid requests that no expectation matched, with a 404, and records them.
struct Unexpected {
    specs: Arc<Vec<&'static OperationSpec>>,
    failures: Failures,
}

impl wiremock::Respond for Unexpected {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let operation = find(&self.specs, request).map(OperationSpec::describe).unwrap_or_default();
        let mut message = format!("{operation}: no expectation matches {} {}", request.method, request.url.path());
        if let Some(query) = request.url.query() {
            let _ = write!(message, "?{query}");
        }
        if !request.body.is_empty() {
            let _ = write!(message, " with body {}", String::from_utf8_lossy(&request.body));
        }
        record(&self.failures, message.clone());
        wiremock::ResponseTemplate::new(404).set_body_string(message)
    }
}

/// A mock of the API on 127.0.0.1, in this process; the generated `MockApi` wraps it.
pub struct MockServer<A: Api> {
    server: wiremock::MockServer,
    specs: Arc<Vec<&'static OperationSpec>>,
    failures: Failures,
    api: PhantomData<A>,
}

impl<A: Api> MockServer<A> {
    /// Starts a server that knows the given operations; requests to anything else fail the test.
    #[doc(hidden)]
    pub async fn start(specs: Vec<&'static OperationSpec>) -> Self {
        let server = wiremock::MockServer::start().await;
        let specs = Arc::new(specs);
        let failures = Failures::default();
        // Priority 1 is tried before every expectation (5 by default), so a request the
        // document does not allow is reported even when an expectation would match it.
        wiremock::Mock::given(Contract { specs: specs.clone(), failures: failures.clone() })
            .respond_with(Contract { specs: specs.clone(), failures: failures.clone() })
            .with_priority(1)
            .named("the document's contract")
            .mount(&server)
            .await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(Unexpected { specs: specs.clone(), failures: failures.clone() })
            .with_priority(u8::MAX)
            .named("requests no expectation matches")
            .mount(&server)
            .await;
        MockServer { server, specs, failures, api: PhantomData }
    }

    /// The server's base URL, `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A client builder pointed at the server, with a placeholder credential for every security
    /// scheme and retries off, so that your
    /// code sees every answer the mock gives; change what you need and `build` it.
    pub fn client_builder(&self) -> ClientBuilder<A> {
        let mut builder = ClientBuilder::default().base_url(self.uri()).max_retries(0);
        for scheme in A::DESCRIPTION.security_schemes {
            let credential = match scheme.kind {
                crate::SchemeKind::Bearer => crate::Credential::Token("mock-token".to_owned()),
                crate::SchemeKind::Basic => {
                    crate::Credential::Basic { username: "mock-user".to_owned(), password: "mock-password".to_owned() }
                }
                crate::SchemeKind::ApiKey { .. } => crate::Credential::Key("mock-key".to_owned()),
            };
            builder = builder.credential(scheme.name, credential);
        }
        builder
    }

    /// A client pointed at the server (see [`client_builder`](Self::client_builder)).
    pub fn client(&self) -> A::Client {
        match self.client_builder().build() {
            Ok(client) => client,
            Err(error) => panic!("the mock's client could not be built: {error}"),
        }
    }

    /// Starts an expectation for operation `O`, matching the path parameters given.
    #[doc(hidden)]
    pub fn expect<O: MockOperation>(&self, path: Vec<(&'static str, String)>) -> Expectation<'_, A, O> {
        Expectation {
            server: self,
            path,
            query: Vec::new(),
            body: None,
            answers: Vec::new(),
            times: None,
            operation: PhantomData,
        }
    }

    /// The requests to operation `O` the server has received, in order, with their bodies
    /// decoded into the operation's request type.
    pub async fn received<O: MockOperation>(&self) -> Vec<Received<O>> {
        let requests = self.server.received_requests().await.unwrap_or_default();
        requests
            .iter()
            .filter(|request| request.method.as_str() == O::SPEC.method)
            .filter_map(|request| {
                let path = O::SPEC.captures(request.url.path())?;
                let body = match O::SPEC.body {
                    Some(_) if !request.body.is_empty() => decode_json::<O::Body>(&request.body).ok(),
                    _ => None,
                };
                Some(Received {
                    path: path.into_iter().map(|(name, value)| (name.to_owned(), value)).collect(),
                    query: request.url.query_pairs().into_owned().collect(),
                    body,
                    operation: PhantomData,
                })
            })
            .collect()
    }

    /// Fails (panics) with every request the document does not allow, every request no
    /// expectation matched and every expectation whose `times` was not met. Dropping the
    /// server checks the same.
    pub async fn verify(&self) {
        self.fail_on_recorded();
        self.server.verify().await;
    }

    fn fail_on_recorded(&self) {
        let failures = std::mem::take(&mut *self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        if !failures.is_empty() {
            panic!("the API mock saw {} problem(s):\n- {}", failures.len(), failures.join("\n- "));
        }
    }

    /// The operations the server knows.
    pub fn operations(&self) -> &[&'static OperationSpec] {
        &self.specs
    }
}

impl<A: Api> Drop for MockServer<A> {
    fn drop(&mut self) {
        // A second panic while the test already fails would abort the process and hide both.
        if !std::thread::panicking() {
            self.fail_on_recorded();
        }
    }
}

/// A request the mock received for one operation.
pub struct Received<O: MockOperation> {
    /// The path parameters, by name, percent-decoded.
    pub path: BTreeMap<String, String>,
    /// The query's pairs, in order.
    pub query: Vec<(String, String)>,
    /// The body, decoded; `None` when there was none (or it did not decode, which the
    /// contract check reports).
    pub body: Option<O::Body>,
    operation: PhantomData<O>,
}

impl<O: MockOperation> std::fmt::Debug for Received<O>
where
    O::Body: std::fmt::Debug,
{
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Received")
            .field("operation", &O::SPEC.id)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &self.body)
            .finish()
    }
}

/// One answer of an expectation.
#[derive(Clone, Debug)]
struct Answer {
    status: u16,
    body: Option<Vec<u8>>,
    headers: Vec<(String, String)>,
    delay: Option<Duration>,
}

type BodyPredicate<B> = Arc<dyn Fn(&B) -> bool + Send + Sync>;

/// What the mock answers to requests for operation `O` that match: built with the generated
/// `MockApi`'s method for the operation, then `mount`ed. Answers are given in order, the last
/// one repeated: `.error(429, ..).respond(..)` answers 429 once, then 200.
#[must_use = "an expectation does nothing until it is mounted"]
pub struct Expectation<'a, A: Api, O: MockOperation> {
    server: &'a MockServer<A>,
    path: Vec<(&'static str, String)>,
    query: Vec<(&'static str, String)>,
    body: Option<BodyPredicate<O::Body>>,
    answers: Vec<Answer>,
    times: Option<u64>,
    operation: PhantomData<O>,
}

impl<A: Api, O: MockOperation> Expectation<'_, A, O> {
    /// Matches only requests whose query parameter `name` has this value (among others).
    ///
    /// # Panics
    ///
    /// If the operation has no query parameter `name`: a misspelt name would never match.
    pub fn query(mut self, name: &'static str, value: impl ToString) -> Self {
        let known = O::SPEC.params.iter().any(|param| param.location == Location::Query && param.name == name);
        assert!(known, "{} has no query parameter `{name}`", O::SPEC.describe());
        self.query.push((name, value.to_string()));
        self
    }

    /// Matches only requests whose query carries every one of `values` for `name`: one pair
    /// each when `explode`, else one pair with them joined by commas. (The generated
    /// `query_{name}` methods call it with the document's style.)
    #[doc(hidden)]
    pub fn query_list(self, name: &'static str, values: Vec<String>, explode: bool) -> Self {
        if explode {
            values.into_iter().fold(self, |this, value| this.query(name, value))
        } else {
            self.query(name, values.join(","))
        }
    }

    /// Matches only requests whose body, decoded into the operation's request type, passes
    /// `predicate`.
    pub fn body(mut self, predicate: impl Fn(&O::Body) -> bool + Send + Sync + 'static) -> Self {
        self.body = Some(Arc::new(predicate));
        self
    }

    /// The expectation must be met exactly `times` times; `verify` and drop check it.
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }

    /// Answers with the operation's success status and `output` as its body.
    pub fn respond(self, output: O::Output) -> Self {
        let body = serde_json::to_vec(&output).ok().filter(|body| body.as_slice() != b"null");
        self.answer(O::SPEC.success_status, body)
    }

    /// Answers with an error: `status` and `body` (serialized as JSON), such as
    /// `json!({"success": false, "errors": [{"code": 404, "message": "not found"}]})`.
    pub fn error(self, status: u16, body: impl Serialize) -> Self {
        let body = serde_json::to_vec(&body).ok();
        self.answer(status, body)
    }

    /// Answers with `status` and no body.
    pub fn status(self, status: u16) -> Self {
        self.answer(status, None)
    }

    fn answer(mut self, status: u16, body: Option<Vec<u8>>) -> Self {
        self.answers.push(Answer { status, body, headers: Vec::new(), delay: None });
        self
    }

    fn last(&mut self, what: &str) -> &mut Answer {
        let describe = O::SPEC.describe();
        match self.answers.last_mut() {
            Some(answer) => answer,
            None => panic!("{describe}: `{what}` applies to the answer before it; give one first"),
        }
    }

    /// Adds a header to the answer before it, such as `retry-after`.
    pub fn header(mut self, name: &str, value: impl ToString) -> Self {
        self.last("header").headers.push((name.to_owned(), value.to_string()));
        self
    }

    /// Answers with the start of a response and then closes the connection, as a server or
    /// proxy that fails mid-answer: the client sees a connection error. (The answer announces
    /// a longer body than it sends, which makes the server abort the connection.)
    pub fn drop_connection(mut self) -> Self {
        self.answers.push(Answer {
            status: O::SPEC.success_status,
            body: Some(b"{".to_vec()),
            headers: vec![("content-length".to_owned(), "1000".to_owned())],
            delay: None,
        });
        self
    }

    /// Delays the answer before it.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.last("delay").delay = Some(delay);
        self
    }

    /// Installs the expectation on the server.
    pub async fn mount(self) {
        let describe = O::SPEC.describe();
        let answers = if self.answers.is_empty() {
            vec![Answer { status: O::SPEC.success_status, body: None, headers: Vec::new(), delay: None }]
        } else {
            self.answers
        };
        let matcher = OperationMatcher::<O> { path: self.path, query: self.query, body: self.body };
        let mut mock =
            wiremock::Mock::given(matcher).respond_with(Answers { answers, next: AtomicUsize::new(0) }).named(describe);
        if let Some(times) = self.times {
            mock = mock.expect(times);
        }
        mock.mount(&self.server.server).await;
    }
}

struct OperationMatcher<O: MockOperation> {
    path: Vec<(&'static str, String)>,
    query: Vec<(&'static str, String)>,
    body: Option<BodyPredicate<O::Body>>,
}

impl<O: MockOperation> wiremock::Match for OperationMatcher<O> {
    fn matches(&self, request: &wiremock::Request) -> bool {
        if request.method.as_str() != O::SPEC.method {
            return false;
        }
        let Some(captures) = O::SPEC.captures(request.url.path()) else { return false };
        let path_matches = self.path.iter().all(|expected| captures.contains(expected));
        let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let query_matches =
            self.query.iter().all(|(name, value)| pairs.iter().any(|(key, got)| key == name && got == value));
        let body_matches = match &self.body {
            None => true,
            Some(predicate) => decode_json::<O::Body>(&request.body).is_ok_and(|body| predicate(&body)),
        };
        path_matches && query_matches && body_matches
    }
}

struct Answers {
    answers: Vec<Answer>,
    next: AtomicUsize,
}

impl wiremock::Respond for Answers {
    fn respond(&self, _request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let index = self.next.fetch_add(1, Ordering::Relaxed).min(self.answers.len() - 1);
        let Answer { status, body, headers, delay } = &self.answers[index];
        let mut template = wiremock::ResponseTemplate::new(*status);
        for (name, value) in headers {
            template = template.insert_header(name.as_str(), value.as_str());
        }
        if let Some(body) = body {
            template = template.set_body_raw(body.clone(), "application/json");
        }
        if let Some(delay) = delay {
            template = template.set_delay(*delay);
        }
        template
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THING: OperationSpec = OperationSpec {
        id: "get_thing",
        method: "GET",
        path: "/things/{id}.json",
        params: &[],
        body: None,
        success_status: 200,
    };

    #[test]
    fn templates_capture_decoded_values_and_refuse_other_shapes() {
        assert_eq!(THING.captures("/things/a%20b.json"), Some(vec![("id", "a b".to_owned())]));
        assert_eq!(THING.captures("/things/.json"), None);
        assert_eq!(THING.captures("/things/a.xml"), None);
        assert_eq!(THING.captures("/things/a.json/more"), None);
    }

    const LIST: OperationSpec = OperationSpec {
        id: "list_things",
        method: "GET",
        path: "/things",
        params: &[
            ParamSpec {
                name: "limit",
                location: Location::Query,
                required: true,
                kind: Kind::Integer,
                list: false,
                allowed: &[],
            },
            ParamSpec {
                name: "x-tenant",
                location: Location::Header,
                required: true,
                kind: Kind::String,
                list: false,
                allowed: &[],
            },
            ParamSpec {
                name: "sort",
                location: Location::Query,
                required: false,
                kind: Kind::String,
                list: true,
                allowed: &["name", "age"],
            },
        ],
        body: None,
        success_status: 200,
    };

    fn request(url: &str, headers: &[(&'static str, &str)]) -> wiremock::Request {
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().expect("a header value"));
        }
        wiremock::Request {
            url: url.parse().expect("a URL"),
            method: reqwest::Method::GET,
            headers: map,
            body: Vec::new(),
        }
    }

    // The generated crate of this project has no required query or header parameter, so the
    // messages for those are checked here, on a spec written by hand.
    #[test]
    fn required_parameters_are_reported_by_location_and_name() {
        let specs = [&LIST];
        let message = find(&specs, &request("http://127.0.0.1/things", &[])).expect_err("two are missing");
        assert_eq!(
            message,
            "list_things (GET /things): the required query parameter `limit` is missing; \
             the required header parameter `x-tenant` is missing"
        );
        let valid = request("http://127.0.0.1/things?limit=5&sort=name,age", &[("x-tenant", "t")]);
        assert_eq!(find(&specs, &valid).map(|spec| spec.id), Ok("list_things"));
        let unexploded = request("http://127.0.0.1/things?limit=5&sort=name,size", &[("x-tenant", "t")]);
        assert_eq!(
            find(&specs, &unexploded).expect_err("size is not allowed"),
            "list_things (GET /things): query parameter `sort`: `size` is not one of `name`, `age`"
        );
    }

    #[test]
    fn kinds_are_checked() {
        assert_eq!(kind_problem(Kind::Integer, "1.5"), Some("a whole number"));
        assert_eq!(kind_problem(Kind::Number, "1.5"), None);
        assert_eq!(kind_problem(Kind::Boolean, "yes"), Some("`true` or `false`"));
        assert!(is_uuid("67e55044-10b1-426f-9247-bb680e5fe0c8"));
        assert_eq!(query_text(&50.0), "50");
        assert_eq!(query_text(&0.5), "0.5");
        assert_eq!(query_text(&true), "true");
        assert_eq!(query_text(&"a b"), "a b");
        assert!(!is_uuid("67e55044-10b1-426f-9247-bb680e5fe0c"));
    }
}
