//! Test doubles: an in-process mock of the API, built on wiremock, that checks every request against the document.
//!
//! The generated crate's `mock` module wraps [`MockServer`] in a `MockApi` with one method
//! per operation, which starts a typed [`Expectation`]. What the checks need to know about
//! each operation is generated: an [`OperationSpec`], a struct of its parameters and a reader
//! of them and of its body ([`MockOperation`]). Every request the server receives is checked
//! against the specs first: a request the document does not allow (unknown path, wrong method,
//! a missing required parameter or body, a value of the wrong type or outside its enum, in a
//! parameter or anywhere in the body) is answered with a 400 and recorded, and so is a valid
//! request that no expectation matches (answered with a 404); [`MockServer::verify`] and
//! dropping the server fail the test with every such message, and with every expectation
//! whose `times` was not met, each naming the operation by its Rust method and its
//! `operationId`; [`MockServer::take_problems`] gives the same messages without failing.

use std::fmt::Write as _;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;

use crate::api::Api;
use crate::client::ClientBuilder;
use crate::mock_request::contract_problems;
pub use crate::mock_request::{BodySpec, Location, OperationSpec, ParamSpec, RequestView};
pub use crate::mock_shape::Shape;
#[cfg(feature = "webhooks")]
pub use crate::mock_webhooks::{SignedDelivery, WebhookSender};

/// One operation of the API, as the mock sees it; the generated crate implements it for each
/// operation's request builder type, so that `received::<SomeOperation>()` reads typed
/// requests.
pub trait MockOperation: Send + Sync + 'static {
    /// What the document says about the operation.
    const SPEC: &'static OperationSpec;
    /// The operation's parameters as the crate's types (a struct generated for it), `()`
    /// when it has none.
    type Params: Send + Sync + 'static;
    /// The request body's type, `()` when the operation takes none.
    type Body: Send + Sync + 'static;
    /// What a successful call returns, as an expectation's `respond` takes it.
    type Output;
    /// Reads the parameters of a request; `None` (the problems recorded in the view) when one
    /// does not fit its type.
    fn params(request: &RequestView<'_>) -> Option<Self::Params>;
    /// Reads the body of a request; `None` when it does not decode.
    fn body(request: &RequestView<'_>) -> Option<Self::Body>;
    /// The answer that gives `output`: its status, media type and body.
    fn answer(output: Self::Output) -> Answer;
}

/// Reads every parameter and the body of a request to `O`: the [`OperationSpec::read`] of
/// each operation.
#[doc(hidden)]
pub fn check<O: MockOperation>(request: &RequestView<'_>) {
    O::params(request);
    if request.has_body() {
        O::body(request);
    }
}

/// The operation `request` is for, or what is wrong with it: the check every request meets.
fn find<'a>(specs: &'a [&'static OperationSpec], request: &wiremock::Request) -> Result<&'a OperationSpec, String> {
    let path = request.url.path();
    let method = request.method.as_str();
    let on_path: Vec<&'static OperationSpec> =
        specs.iter().copied().filter(|spec| spec.captures(path).is_some()).collect();
    if on_path.is_empty() {
        return Err(format!("{method} {path}: no operation of the document has this path"));
    }
    let Some(spec) = on_path.iter().copied().find(|spec| spec.method == method) else {
        let mut message = format!("{method} {path}: the document has no {method} for this path; it has");
        for spec in &on_path {
            let _ = write!(message, " {} ({}),", spec.method, spec.id);
        }
        message.pop();
        return Err(message);
    };
    let problems = contract_problems(spec, request);
    if problems.is_empty() { Ok(spec) } else { Err(format!("{}: {}", spec.describe(), problems.join("; "))) }
}

/// What went wrong during a test, reported by `verify` and on drop.
type Failures = Arc<Mutex<Vec<String>>>;

fn record(failures: &Failures, message: String) {
    failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(message);
}

/// An expectation with `times`: how many requests it must answer, and how many it has.
struct Counted {
    spec: &'static OperationSpec,
    times: u64,
    answered: Arc<AtomicU64>,
}

impl Counted {
    /// The problem, when the count is not met, in the words of every other problem.
    fn problem(&self) -> Option<String> {
        let answered = self.answered.load(Ordering::Relaxed);
        let plural = |count: u64| if count == 1 { "request" } else { "requests" };
        (answered != self.times).then(|| {
            format!(
                "{}: expected {} {} (`times({})`), received {answered}",
                self.spec.describe(),
                self.times,
                plural(self.times),
                self.times
            )
        })
    }
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
    counted: Mutex<Vec<Counted>>,
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
        MockServer { server, specs, failures, counted: Mutex::default(), api: PhantomData }
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

    /// Starts an expectation for operation `O` that matches every request to it; the
    /// generated `MockApi` methods add the path parameters given.
    #[doc(hidden)]
    pub fn expect<O: MockOperation>(&self) -> Expectation<'_, A, O> {
        Expectation { server: self, params: Vec::new(), body: None, answers: Vec::new(), times: None }
    }

    /// The requests to operation `O` the document allows that the server has received, in
    /// order, with their parameters and bodies as the crate's types. (Requests the document
    /// does not allow are not among them: `verify` reports those.)
    pub async fn received<O: MockOperation>(&self) -> Vec<Received<O>> {
        let requests = self.server.received_requests().await.unwrap_or_default();
        let address = *self.server.address();
        requests
            .into_iter()
            .filter_map(|request| {
                let view = RequestView::new(O::SPEC, &request)?;
                let params = O::params(&view)?;
                let body = if view.has_body() { O::body(&view) } else { None };
                drop(view);
                // The server records the URL with the `Host` it serves under; the client sent
                // to the address itself.
                let mut url = request.url;
                let _ = url.set_ip_host(address.ip());
                let _ = url.set_port(Some(address.port()));
                Some(Received { params, body, url, headers: request.headers })
            })
            .collect()
    }

    /// Every problem found so far, one line each, without failing the test: requests the
    /// document does not allow, requests no expectation matched, and expectations whose
    /// `times` is not met (yet). They are taken: neither `verify` nor dropping the server
    /// reports them again, so a test can assert that a request was refused.
    pub fn take_problems(&self) -> Vec<String> {
        let mut problems =
            std::mem::take(&mut *self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let counted = std::mem::take(&mut *self.counted.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        problems.extend(counted.iter().filter_map(Counted::problem));
        problems
    }

    /// Fails (panics) with every problem [`take_problems`](Self::take_problems) would give:
    /// every request the document does not allow, every request no expectation matched and
    /// every expectation whose `times` was not met. Dropping the server checks the same.
    pub async fn verify(&self) {
        self.fail_on_problems();
    }

    fn fail_on_problems(&self) {
        let problems = self.take_problems();
        if !problems.is_empty() {
            panic!("the API mock saw {} problem(s):\n- {}", problems.len(), problems.join("\n- "));
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
            self.fail_on_problems();
        }
    }
}

/// A request the mock received for one operation, read with the crate's types.
pub struct Received<O: MockOperation> {
    /// Its parameters: path, query, header and cookie.
    pub params: O::Params,
    /// Its body, decoded; `None` when there was none.
    pub body: Option<O::Body>,
    /// The whole URL it was sent to.
    pub url: reqwest::Url,
    /// Its headers.
    pub headers: reqwest::header::HeaderMap,
}

impl<O: MockOperation> std::fmt::Debug for Received<O>
where
    O::Params: std::fmt::Debug,
    O::Body: std::fmt::Debug,
{
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Received")
            .field("operation", &O::SPEC.id)
            .field("params", &self.params)
            .field("body", &self.body)
            .field("url", &self.url.as_str())
            .finish()
    }
}

/// One answer of an expectation: a status, headers, a body in its media type, a delay.
/// The generated `MockOperation::answer` makes one from an operation's output.
#[derive(Clone, Debug)]
pub struct Answer {
    status: u16,
    body: Option<(Vec<u8>, String)>,
    headers: Vec<(String, String)>,
    delay: Option<Duration>,
}

impl Answer {
    /// `status` with no body.
    pub fn empty(status: u16) -> Answer {
        Answer { status, body: None, headers: Vec::new(), delay: None }
    }

    /// `status` with `body` as it is, sent as `media_type`.
    pub fn raw(status: u16, media_type: &str, body: impl Into<Vec<u8>>) -> Answer {
        Answer { body: Some((body.into(), media_type.to_owned())), ..Answer::empty(status) }
    }

    /// `status` with `value` encoded as JSON (a value that cannot be encoded is sent as the
    /// message that says why, which the client then fails to decode).
    pub fn json<T: Serialize + ?Sized>(status: u16, media_type: &str, value: &T) -> Answer {
        let body = serde_json::to_vec(value).unwrap_or_else(|error| error.to_string().into_bytes());
        Answer::raw(status, media_type, body)
    }

    /// `status` with one JSON value a line (`application/x-ndjson`).
    pub fn json_lines<T: Serialize>(status: u16, media_type: &str, items: &[T]) -> Answer {
        let mut body = Vec::new();
        for item in items {
            match serde_json::to_writer(&mut body, item) {
                Ok(()) => body.push(b'\n'),
                Err(error) => body.extend_from_slice(error.to_string().as_bytes()),
            }
        }
        Answer::raw(status, media_type, body)
    }

    /// `status` with `text` as the body.
    pub fn text(status: u16, media_type: &str, text: String) -> Answer {
        Answer::raw(status, media_type, text)
    }

    /// `status` with `bytes` as the body.
    pub fn bytes(status: u16, media_type: &str, bytes: bytes::Bytes) -> Answer {
        Answer::raw(status, media_type, bytes.to_vec())
    }
}

type Predicate<T> = Arc<dyn Fn(&T) -> bool + Send + Sync>;

/// What the mock answers to requests for operation `O` that match: built with the generated
/// `MockApi`'s method for the operation, then `mount`ed. Answers are given in order, the last
/// one repeated: `.error(429, ..).respond(..)` answers 429 once, then 200.
#[must_use = "an expectation does nothing until it is mounted"]
pub struct Expectation<'a, A: Api, O: MockOperation> {
    server: &'a MockServer<A>,
    params: Vec<Predicate<O::Params>>,
    body: Option<Predicate<O::Body>>,
    answers: Vec<Answer>,
    times: Option<u64>,
}

impl<A: Api, O: MockOperation> Expectation<'_, A, O> {
    /// Matches only requests whose parameters, read as the crate's types, pass `predicate`
    /// (`.params(|params| params.per_page == Some(50.0))`); several calls must all pass.
    pub fn params(mut self, predicate: impl Fn(&O::Params) -> bool + Send + Sync + 'static) -> Self {
        self.params.push(Arc::new(predicate));
        self
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

    /// Answers with `output`, the crate's own type of what a successful call returns, in the
    /// media type and with the status the document gives it (for an operation whose answers
    /// differ by status, the status of the variant).
    pub fn respond(mut self, output: O::Output) -> Self {
        self.answers.push(O::answer(output));
        self
    }

    /// Answers with an error: `status` and `body` (serialized as JSON), such as
    /// `json!({"success": false, "errors": [{"code": 404, "message": "not found"}]})`.
    pub fn error(mut self, status: u16, body: impl Serialize) -> Self {
        self.answers.push(Answer::json(status, "application/json", &body));
        self
    }

    /// Answers with `status` and no body.
    pub fn status(mut self, status: u16) -> Self {
        self.answers.push(Answer::empty(status));
        self
    }

    /// Answers with `status` and `body` as it is, sent as `media_type`: an answer in a media
    /// type `respond` does not write (an alternate such as XML), or one that does not fit the
    /// document, to test how your code copes.
    pub fn raw(mut self, status: u16, media_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.answers.push(Answer::raw(status, media_type, body));
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
        let mut answer = Answer::raw(O::SPEC.success_status, "application/json", b"{".to_vec());
        answer.headers.push(("content-length".to_owned(), "1000".to_owned()));
        self.answers.push(answer);
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
        let answers = if self.answers.is_empty() { vec![Answer::empty(O::SPEC.success_status)] } else { self.answers };
        let matcher = OperationMatcher::<O> { params: self.params, body: self.body };
        let answered = Arc::new(AtomicU64::new(0));
        if let Some(times) = self.times {
            let counted = Counted { spec: O::SPEC, times, answered: answered.clone() };
            self.server.counted.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(counted);
        }
        let answers = Answers { answers, next: AtomicUsize::new(0), answered };
        wiremock::Mock::given(matcher).respond_with(answers).named(describe).mount(&self.server.server).await;
    }
}

struct OperationMatcher<O: MockOperation> {
    params: Vec<Predicate<O::Params>>,
    body: Option<Predicate<O::Body>>,
}

impl<O: MockOperation> wiremock::Match for OperationMatcher<O> {
    fn matches(&self, request: &wiremock::Request) -> bool {
        let Some(view) = RequestView::new(O::SPEC, request) else { return false };
        if !self.params.is_empty() {
            let Some(params) = O::params(&view) else { return false };
            if !self.params.iter().all(|predicate| predicate(&params)) {
                return false;
            }
        }
        match &self.body {
            None => true,
            Some(predicate) => view.has_body() && O::body(&view).is_some_and(|body| predicate(&body)),
        }
    }
}

struct Answers {
    answers: Vec<Answer>,
    next: AtomicUsize,
    /// How many requests the expectation answered, for its `times`.
    answered: Arc<AtomicU64>,
}

impl wiremock::Respond for Answers {
    fn respond(&self, _request: &wiremock::Request) -> wiremock::ResponseTemplate {
        self.answered.fetch_add(1, Ordering::Relaxed);
        let index = self.next.fetch_add(1, Ordering::Relaxed).min(self.answers.len() - 1);
        let Answer { status, body, headers, delay } = &self.answers[index];
        let mut template = wiremock::ResponseTemplate::new(*status);
        for (name, value) in headers {
            template = template.insert_header(name.as_str(), value.as_str());
        }
        if let Some((body, media_type)) = body {
            template = template.set_body_raw(body.clone(), media_type);
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

    fn read_list(view: &RequestView<'_>) {
        let _: Option<i64> = view.param("limit");
        let _: Option<Option<Vec<String>>> = view.param("sort");
    }

    const LIST: OperationSpec = OperationSpec {
        id: "list_things",
        rust_name: "list_things",
        method: "GET",
        path: "/things",
        params: &[ParamSpec::query("limit"), ParamSpec::query("sort").unexploded()],
        body: None,
        success_status: 200,
        read: read_list,
    };

    fn request(url: &str, method: reqwest::Method) -> wiremock::Request {
        wiremock::Request {
            url: url.parse().expect("a URL"),
            method,
            headers: reqwest::header::HeaderMap::new(),
            body: Vec::new(),
        }
    }

    #[test]
    fn requests_are_found_by_path_and_method_then_checked() {
        let specs = [&LIST];
        let get = reqwest::Method::GET;
        assert_eq!(
            find(&specs, &request("http://127.0.0.1/things?limit=5&sort=a,b", get.clone())).map(|spec| spec.id),
            Ok("list_things")
        );
        assert_eq!(
            find(&specs, &request("http://127.0.0.1/other", get.clone())).expect_err("unknown path"),
            "GET /other: no operation of the document has this path"
        );
        assert_eq!(
            find(&specs, &request("http://127.0.0.1/things?limit=5", reqwest::Method::DELETE))
                .expect_err("wrong method"),
            "DELETE /things: the document has no DELETE for this path; it has GET (list_things)"
        );
        assert_eq!(
            find(&specs, &request("http://127.0.0.1/things", get)).expect_err("limit is required"),
            "list_things (GET /things): the required query parameter `limit` is missing"
        );
    }

    #[test]
    fn answers_carry_their_media_type() {
        let answer = Answer::json_lines(200, "application/x-ndjson", &[1, 2]);
        assert_eq!(answer.body, Some((b"1\n2\n".to_vec(), "application/x-ndjson".to_owned())));
        assert_eq!(Answer::text(201, "text/plain", "hi".to_owned()).status, 201);
        assert_eq!(Answer::empty(204).body, None);
    }
}
