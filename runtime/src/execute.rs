//! Sending a request: attempts, retries, timeouts, and one tracing span per call.
//!
//! Two clocks bound a call: the timeout of each attempt, and the optional total timeout of
//! the call, which cuts an attempt short and forbids a wait that would end past it. Both are
//! real time, under Tokio's paused clock too (`within`); the waits between attempts are Tokio
//! sleeps, which a paused clock skips.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::mpsc;
use std::task::Poll;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::StatusCode;

use reqwest::header::{CONTENT_TYPE, COOKIE, HeaderMap, HeaderValue};
use tracing::Instrument;
use tracing::field::Empty;

use std::sync::Arc;

use crate::auth::{self, Applied, Chosen};
use crate::body::Body;
use crate::client::Inner;
use crate::error::HookError;
use crate::error::{ApiError, TransportError, TransportFailure};
use crate::hooks::{Attempt as Seen, AttemptOutcome, BoxError, TokenSource};
use crate::pacing::Admitted;
use crate::response::RawResponse;
use crate::retry::{Attempt, GaveUp, may_retry, retry_after};
use crate::{Error, RequestOptions};
use crate::{Operation, RequestParts};

/// A call ready to be sent, worked out when its future is built: what every attempt sends,
/// and how long and how often it may try. It is held in the call's future, whose room for the
/// call's state (`CALL_ROOM` in `call.rs`) every call's future keeps: so it is kept small.
pub(crate) struct Prepared {
    operation: &'static Operation,
    /// The alternative of the operation's credentials that the call sends (`auth::choose`).
    alternative: &'static [usize],
    /// Base URL, path and query, with any credential that goes in the query.
    url: String,
    /// The request options' headers, the operation's parameters over them, then the `Accept`
    /// it asks with; the client's own and the credentials' are added to each attempt's.
    headers: HeaderMap,
    /// The `Cookie` header: the operation's cookie parameters and any cookie credential.
    cookie: Option<HeaderValue>,
    body: Body,
    limits: Limits,
    /// Whether the answer's body is handed over unread.
    streaming: bool,
}

impl Inner {
    /// Works out the call of `operation` with `parts` and `options`: the credentials it sends
    /// (a call that lacks them sends nothing), its URL, headers and limits.
    pub(crate) fn prepare(
        &self,
        operation: &'static Operation,
        mut parts: RequestParts,
        mut options: RequestOptions,
        streaming: bool,
    ) -> Result<Prepared, Error> {
        let credentials = auth::choose(self.api, operation, &self.credentials)?;
        options.apply(operation, &mut parts)?;
        let url = self.request_url(&mut parts, credentials);
        let mut headers = options.headers;
        replace_names(&mut headers, &parts.headers);
        if let Some(accept) = parts.accept {
            headers.insert(reqwest::header::ACCEPT, HeaderValue::from_static(accept));
        }
        let max_retries = options.max_retries.unwrap_or(self.retry.max_retries);
        let limits = Limits {
            // No retry for a body read from a stream: the first attempt consumes it.
            max_retries: if parts.body.is_replayable() { max_retries } else { 0 },
            timeout: options.timeout.or(self.timeout),
            total_timeout: options.total_timeout.or(self.total_timeout),
        };
        let alternative = credentials.alternative;
        Ok(Prepared {
            operation,
            alternative,
            url,
            headers,
            cookie: parts.cookie_header(),
            body: parts.body,
            limits,
            streaming,
        })
    }

    /// Prepares and sends a call outside the generated operations (a raw call, a webhook
    /// key's fetch), whose futures are not the generated operations' `ResponseFuture`.
    pub(crate) async fn send(
        &self,
        operation: &'static Operation,
        parts: RequestParts,
        options: RequestOptions,
    ) -> Result<RawResponse, Error> {
        let call = self.prepare(operation, parts, options, false)?;
        self.execute(&call).await
    }

    /// Sends the call, retrying under the client's policy, and returns the first answer with
    /// a success status; any other outcome is an error.
    ///
    /// The call is borrowed from the caller's future rather than moved in: an argument moved
    /// into an async function is stored twice in its future (as the argument and as the
    /// local it becomes).
    pub(crate) fn execute<'a>(&'a self, call: &'a Prepared) -> impl Future<Output = Result<RawResponse, Error>> + 'a {
        let operation = call.operation;
        let span = tracing::info_span!(
            "api_call",
            otel.name = Empty,
            otel.kind = "client",
            otel.status_code = Empty,
            operation = operation.id,
            http.request.method = %operation.method,
            url.template = operation.path_template,
            url.full = Empty,
            server.address = Empty,
            server.port = Empty,
            http.response.status_code = Empty,
            http.request.resend_count = Empty,
            error.type = Empty,
            duration_ms = Empty,
        );
        let recorded = !span.is_disabled();
        if recorded {
            span.record("otel.name", format!("{} {}", operation.method, operation.path_template));
        }
        // A disabled span (no subscriber wants it) costs a branch on each poll.
        self.attempts(call, recorded).instrument(span)
    }

    /// The attempts of `call`, inside its span; `recorded` says whether that span is enabled,
    /// since when it is not the current span is the caller's, which the call must not write on.
    async fn attempts(&self, call: &Prepared, recorded: bool) -> Result<RawResponse, Error> {
        let started = Instant::now();
        let operation = call.operation;
        // The alternative `prepare` chose, over the client's credentials, which the prepared
        // call cannot borrow.
        let credentials = Chosen { alternative: call.alternative, credentials: &self.credentials };
        let limits = &call.limits;
        // When the total timeout runs out.
        let deadline = limits.total_timeout.and_then(|total| started.checked_add(total));
        let parse = |url: &str| {
            reqwest::Url::parse(url)
                .map_err(|error| Error::config(format!("the request URL for {} is not valid: {error}", operation.id)))
        };
        let span = if recorded { tracing::Span::current() } else { tracing::Span::none() };
        let finish = |status: Option<u16>, attempts: u32, error_type: Option<&str>| {
            if span.is_disabled() {
                return;
            }
            if let Some(status) = status {
                span.record("http.response.status_code", status);
            }
            if attempts > 1 {
                span.record("http.request.resend_count", attempts - 1);
            }
            if let Some(error_type) = error_type {
                span.record("error.type", error_type);
                span.record("otel.status_code", "ERROR");
            }
            span.record("duration_ms", started.elapsed().as_millis() as u64);
        };
        let sources: Vec<&Arc<dyn TokenSource>> = credentials
            .iter()
            .filter_map(|credential| match credential {
                Applied::Source(source) => Some(source),
                _ => None,
            })
            .collect();

        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            // Paced before the request is built and the attempt's clock starts: a wait for the
            // rate limit is not the server's slowness. A client without limits waits for
            // nothing; one with limits waits in a future of its own, off the call's.
            let admitted =
                if self.pacing.idle() { Admitted::default() } else { Box::pin(self.pacing.admit(operation)).await };
            // Built in a block of its own, so that its locals (the parsed URL) take no room in
            // the call's future.
            let request = {
                // Parsed for each attempt, rather than kept: the parsed URL would be held in
                // the call's future through every attempt.
                let attempt_url = parse(&call.url)?;
                if attempt == 1 && !span.is_disabled() {
                    record_url(&span, &attempt_url, credentials);
                }
                // Merged for each attempt, rather than once and cloned: one copy of the
                // client's headers for a call that needs one attempt.
                let headers = self.attempt_headers(&call.headers, credentials);
                attempt_request(&self.http, call, attempt_url, headers)?
            };
            let (request, seen) = if sources.is_empty() && self.hooks.is_empty() {
                // No hook is shown when the attempt started: the clock is not read for it.
                (request, Seen { operation, number: attempt, call_started: started, started })
            } else {
                Box::pin(self.before_attempt(request, &sources, operation, attempt, started)).await?
            };
            let (limit, cut_short) = limits.of_attempt(deadline);
            // Handed to reqwest here: the call's future holds the exchange's state, not the
            // request's as well.
            let exchange = exchange_within(self.http.execute(request), call.streaming, limit);
            // The call's result, or the wait before a retry: the answer is read in a block of
            // its own, so that the call's future keeps no room for it during the wait.
            let delay = {
                let answer = match exchange.await {
                    Ok(Received::Open(response)) if response.status().is_success() => {
                        let status = response.status();
                        self.after_attempt(&seen, &AttemptOutcome::Answered { status, headers: response.headers() });
                        drop(admitted);
                        tracing::debug!(attempt, status = status.as_u16(), "answered; streaming the body");
                        finish(Some(status.as_u16()), attempt, None);
                        return Ok(RawResponse::streaming(operation, self.api.request_id_header, response));
                    }
                    // A streamed call's error answer is read whole, as any other.
                    Ok(Received::Open(response)) => Box::pin(Whole::read(response)).await,
                    Ok(Received::Whole(whole)) => Ok(whole),
                    Err(failure) => Err(failure),
                };
                drop(admitted);
                match answer {
                    Ok(Whole { status, headers, body, .. }) if status.is_success() => {
                        self.after_attempt(&seen, &AttemptOutcome::Answered { status, headers: &headers });
                        tracing::debug!(attempt, status = status.as_u16(), "answered");
                        finish(Some(status.as_u16()), attempt, None);
                        return Ok(RawResponse::new(operation, self.api.request_id_header, status, headers, body));
                    }
                    Ok(Whole { status, headers, body, url }) => 'answered: {
                        self.after_attempt(&seen, &AttemptOutcome::Answered { status, headers: &headers });
                        let answered = Attempt::Answered(status, &headers);
                        let mut gave_up = None;
                        if attempt <= limits.max_retries && may_retry(operation, &answered) {
                            match self.wait(attempt, retry_after(&headers), deadline, limits.total_timeout) {
                                Ok(delay) => {
                                    retrying(attempt, delay, &format!("status {}", status.as_u16()));
                                    break 'answered delay;
                                }
                                Err(reason) => gave_up = Some(reason),
                            }
                        }
                        tracing::debug!(attempt, status = status.as_u16(), "answered with an error");
                        finish(Some(status.as_u16()), attempt, Some(status.as_str()));
                        let error = ApiError::new(operation, self.api, status, headers, body, attempt, url.as_deref());
                        return Err(Error::from_status(error.gave_up(gave_up)));
                    }
                    Err(failure) => 'failed: {
                        let kind = failure.attempt();
                        self.after_attempt(&seen, &AttemptOutcome::Failed { timed_out: failure.is_timeout() });
                        // An attempt the total timeout cut short ends the call: no time is left.
                        let total_timeout_elapsed = limits.total_timeout.filter(|_| cut_short && failure.is_timeout());
                        let mut gave_up = None;
                        if total_timeout_elapsed.is_none()
                            && attempt <= limits.max_retries
                            && may_retry(operation, &kind)
                        {
                            match self.wait(attempt, None, deadline, limits.total_timeout) {
                                Ok(delay) => {
                                    retrying(attempt, delay, &failure.to_string());
                                    break 'failed delay;
                                }
                                Err(reason) => gave_up = Some(reason),
                            }
                        }
                        return Err(transport_error(
                            operation,
                            limits.timeout,
                            attempt,
                            failure,
                            total_timeout_elapsed,
                            gave_up,
                            &finish,
                        ));
                    }
                }
            };
            tokio::time::sleep(delay).await;
        }
    }

    /// The token sources' credentials, then the hooks, on one attempt's request; what the
    /// hooks were shown of the attempt comes back with it.
    async fn before_attempt(
        &self,
        mut request: reqwest::Request,
        sources: &[&Arc<dyn TokenSource>],
        operation: &'static Operation,
        attempt: u32,
        call_started: Instant,
    ) -> Result<(reqwest::Request, Seen), Error> {
        for source in sources {
            let token = source.token().await.map_err(|error| hook_error(operation, "token source", error))?;
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.trim()))
                .map_err(|_| hook_error(operation, "token source", "the token cannot go in a header".into()))?;
            value.set_sensitive(true);
            request.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
        }
        let seen = Seen { operation, number: attempt, call_started, started: Instant::now() };
        for hook in &self.hooks {
            hook.before_attempt(&mut request, &seen).await.map_err(|error| hook_error(operation, "hook", error))?;
        }
        Ok((request, seen))
    }

    /// What came of each attempt: the hooks see it, and pacing reads an answer's limits and
    /// pauses.
    fn after_attempt(&self, seen: &Seen, outcome: &AttemptOutcome<'_>) {
        for hook in &self.hooks {
            hook.after_attempt(seen, outcome);
        }
        if let AttemptOutcome::Answered { status, headers } = outcome {
            self.pacing.observe(*status, headers, retry_after(headers), self.retry.max_retry_after);
        }
    }

    /// The URL of every attempt: base URL, path, the query with any API key that goes there
    /// (in the URL only: spans and errors name the path template, and a transport error drops
    /// the URL, so the key is never printed). A key that goes in a cookie joins the cookies.
    fn request_url(&self, parts: &mut RequestParts, credentials: Chosen<'_>) -> String {
        let mut query = std::mem::take(&mut parts.query);
        for credential in credentials.iter() {
            match credential {
                Applied::Query(name, value) => {
                    let mut pairs = form_urlencoded::Serializer::new(String::new());
                    pairs.append_pair(name, value);
                    if !query.is_empty() {
                        query.push('&');
                    }
                    query.push_str(&pairs.finish());
                }
                Applied::Cookie(name, value) => parts.cookies.push(((*name).to_owned(), value.clone())),
                Applied::Header(..) | Applied::Source(_) => {}
            }
        }
        let mut url = String::with_capacity(self.base_url.len() + parts.path.len() + query.len() + 1);
        url.push_str(&self.base_url);
        url.push_str(&parts.path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
        url
    }

    /// The headers of every attempt: the client's (user agent, accept), the call's (`given`:
    /// its options', its parameters', its `Accept`), then the credentials'.
    fn attempt_headers(&self, given: &HeaderMap, credentials: Chosen<'_>) -> HeaderMap {
        let mut headers = self.default_headers.clone();
        replace_names(&mut headers, given);
        for credential in credentials.iter() {
            if let Applied::Header(name, value) = credential {
                headers.insert(name.clone(), value.clone());
            }
        }
        headers
    }
}

/// Puts `given` over `headers`, as `HeaderMap::extend` does: a name given replaces the one
/// before, all its values.
fn replace_names(headers: &mut HeaderMap, given: &HeaderMap) {
    for name in given.keys() {
        headers.remove(name);
        for value in given.get_all(name) {
            headers.append(name.clone(), value.clone());
        }
    }
}

/// The error of a call whose last attempt got no answer.
fn transport_error(
    operation: &'static Operation,
    timeout: Option<Duration>,
    attempt: u32,
    failure: Failure,
    total_timeout_elapsed: Option<Duration>,
    gave_up: Option<GaveUp>,
    finish: &impl Fn(Option<u16>, u32, Option<&str>),
) -> Error {
    let kind = failure.attempt();
    let failure_kind = match kind {
        Attempt::TimedOut => TransportFailure::TimedOut,
        Attempt::ConnectFailed => TransportFailure::Connect,
        _ => TransportFailure::Disconnected,
    };
    let error_type = match failure_kind {
        TransportFailure::TimedOut => "timeout",
        TransportFailure::Connect => "connect",
        _ => "disconnected",
    };
    finish(None, attempt, Some(error_type));
    let transport = TransportError {
        operation: operation.id,
        method: operation.method.clone(),
        path_template: operation.path_template,
        attempts: attempt,
        timeout,
        total_timeout_elapsed,
        gave_up,
        failure: failure_kind,
        source: failure.into_source(),
    };
    match kind {
        Attempt::TimedOut => Error::Timeout(Box::new(transport)),
        _ => Error::Connection(Box::new(transport)),
    }
}

/// How long a call may take and how often it may try: the request's options over the
/// client's.
struct Limits {
    max_retries: u32,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
}

impl Limits {
    /// The next attempt's limit: its own timeout, or less when the total timeout, running out
    /// at `deadline`, comes first (then `true`: the attempt was cut short).
    fn of_attempt(&self, deadline: Option<Instant>) -> (Option<Duration>, bool) {
        let left = deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()));
        let cut_short = match (self.timeout, left) {
            (Some(timeout), Some(left)) => left < timeout,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        (if cut_short { left } else { self.timeout }, cut_short)
    }
}

/// One exchange within `limit`: the wait for the answer and the reading of its body, or for
/// a streamed call only the wait for the answer's headers (the body is read after the call
/// returns, as long as it takes).
async fn exchange_within(
    sent: impl Future<Output = reqwest::Result<reqwest::Response>>,
    streaming: bool,
    limit: Option<Duration>,
) -> Result<Received, Failure> {
    let mut began = false;
    match limit {
        Some(limit) => {
            // Pinned here and lent to `within`: moved into it, the exchange's state would be
            // held twice in the call's future (an argument and its pinned copy).
            let within_limit = {
                let exchange = pin!(exchange(sent, streaming, &mut began));
                within(limit, exchange).await
            };
            within_limit.unwrap_or(Err(Failure::TimedOut { limit, began }))
        }
        None => exchange(sent, streaming, &mut began).await,
    }
}

impl Inner {
    /// The wait before the retry that follows attempt number `attempt`, or why there is none:
    /// the server asked for more than the policy accepts, or the retry could not start before
    /// the deadline (sleeping into a retry that has no time left would only delay the error).
    fn wait(
        &self,
        attempt: u32,
        hint: Option<Duration>,
        deadline: Option<Instant>,
        total_timeout: Option<Duration>,
    ) -> Result<Duration, GaveUp> {
        let outcome = self.retry.delay(attempt - 1, hint).and_then(|delay| match (deadline, total_timeout) {
            (Some(deadline), Some(total)) if Instant::now().checked_add(delay).is_none_or(|end| end >= deadline) => {
                Err(GaveUp::TotalTimeout(total))
            }
            _ => Ok(delay),
        });
        if let Err(reason) = &outcome {
            tracing::info!(attempt, %reason, "giving up");
        }
        outcome
    }
}

/// Why an attempt got no answer.
enum Failure {
    Http(reqwest::Error),
    /// The attempt's limit passed: before the answer began, or while its body was read.
    TimedOut {
        limit: Duration,
        began: bool,
    },
}

impl Failure {
    fn is_timeout(&self) -> bool {
        match self {
            Failure::Http(error) => error.is_timeout(),
            Failure::TimedOut { .. } => true,
        }
    }

    fn is_connect(&self) -> bool {
        matches!(self, Failure::Http(error) if error.is_connect())
    }

    /// What the failed attempt was, for the retry policy.
    fn attempt(&self) -> Attempt<'static> {
        if self.is_timeout() {
            Attempt::TimedOut
        } else if self.is_connect() {
            Attempt::ConnectFailed
        } else {
            Attempt::Disconnected
        }
    }

    /// The cause, for the error's `source`: never with the URL, which may hold a query key.
    fn into_source(self) -> Box<dyn std::error::Error + Send + Sync> {
        match self {
            Failure::Http(error) => Box::new(error.without_url()),
            timed_out @ Failure::TimedOut { .. } => timed_out.to_string().into(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Not reqwest's own text, which names the URL and so a key sent in the query.
            Failure::Http(error) => {
                let what = if error.is_timeout() {
                    "timed out"
                } else if error.is_connect() {
                    "could not connect"
                } else {
                    "the connection failed"
                };
                formatter.write_str(what)?;
                let mut cause = std::error::Error::source(error);
                while let Some(error) = cause {
                    write!(formatter, ": {error}")?;
                    cause = error.source();
                }
                Ok(())
            }
            Failure::TimedOut { limit, began: false } => write!(formatter, "the answer did not begin within {limit:?}"),
            Failure::TimedOut { limit, began: true } => {
                write!(formatter, "the answer began but its body was not complete within {limit:?}")
            }
        }
    }
}

/// What one attempt brought back.
enum Received {
    /// A streamed call's answer, its body not read yet.
    Open(reqwest::Response),
    Whole(Whole),
}

/// An answer read whole.
struct Whole {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    /// The URL that answered, kept for an error answer (a redirect's `Location` is resolved
    /// against it).
    url: Option<Box<reqwest::Url>>,
}

impl Whole {
    /// Reads the answer's body. Not an `async fn`: one would hold the response twice (as its
    /// argument and its local), and reqwest's `bytes` holds it again.
    fn read(mut response: reqwest::Response) -> impl Future<Output = Result<Whole, Failure>> {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let url = (!status.is_success()).then(|| Box::new(response.url().clone()));
        async move {
            let body = read_body(&mut response).await.map_err(Failure::Http)?;
            Ok(Whole { status, headers, body, url })
        }
    }
}

/// The whole body, chunk by chunk: a body that comes in one chunk (most answers) is kept as
/// it came, without a copy; one in several is copied once into one buffer.
async fn read_body(response: &mut reqwest::Response) -> Result<Bytes, reqwest::Error> {
    let Some(first) = response.chunk().await? else { return Ok(Bytes::new()) };
    let Some(second) = response.chunk().await? else { return Ok(first) };
    let mut whole = bytes::BytesMut::with_capacity(first.len() + second.len());
    whole.extend_from_slice(&first);
    whole.extend_from_slice(&second);
    while let Some(chunk) = response.chunk().await? {
        whole.extend_from_slice(&chunk);
    }
    Ok(whole.freeze())
}

/// Waits for one attempt's answer and, unless the call is streamed, reads its body; `began`
/// is set once the answer's headers have arrived.
async fn exchange(
    sent: impl Future<Output = reqwest::Result<reqwest::Response>>,
    streaming: bool,
    began: &mut bool,
) -> Result<Received, Failure> {
    let response = sent.await.map_err(Failure::Http)?;
    *began = true;
    if streaming {
        return Ok(Received::Open(response));
    }
    Whole::read(response).await.map(Received::Whole)
}

/// An attempt's limit passed.
struct Elapsed;

/// Runs `future` until it ends or `limit` has passed in real time, whichever comes first.
///
/// The limit is a Tokio timer, so the normal path costs one timer. But Tokio's clock is not
/// always real time: under a paused clock (`tokio::time::pause`, `#[tokio::test(start_paused
/// = true)]`) Tokio moves it forward whenever the runtime has nothing to do, waiting on a
/// socket included, so the timer would fire at once while the server is still answering. A
/// timer that fires before `limit` has passed on [`Instant`] found the clock ahead of real
/// time: the rest is waited in real time, in [`wait_in_real_time`].
async fn within<F: Future>(limit: Duration, mut future: Pin<&mut F>) -> Result<F::Output, Elapsed> {
    // Read before the timer starts: an unpaused timer never fires before `limit` has passed.
    let started = Instant::now();
    if let Ok(output) = tokio::time::timeout(limit, future.as_mut()).await {
        return Ok(output);
    }
    match limit.checked_sub(started.elapsed()) {
        Some(rest) if !rest.is_zero() => wait_in_real_time(rest, future).await,
        _ => Err(Elapsed),
    }
}

/// Polls `future` for at most `rest` of real time, holding Tokio's paused clock still
/// meanwhile: Tokio does not move a paused clock forward while a blocking task runs
/// (`spawn_blocking`), so the runtime waits on the socket as an unpaused one would. The
/// blocking task waits on a channel for at most `rest`, and ends at once when the answer
/// comes first (its sender dropped); the retries' backoff sleeps, later, still skip ahead.
async fn wait_in_real_time<F: Future>(rest: Duration, mut future: Pin<&mut F>) -> Result<F::Output, Elapsed> {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else { return Err(Elapsed) };
    let (release, released) = mpsc::channel::<()>();
    let mut timer = runtime.spawn_blocking(move || {
        let _ = released.recv_timeout(rest);
    });
    let outcome = std::future::poll_fn(|context| {
        if let Poll::Ready(output) = future.as_mut().poll(context) {
            return Poll::Ready(Ok(output));
        }
        Pin::new(&mut timer).poll(context).map(|_| Err(Elapsed))
    })
    .await;
    drop(release);
    outcome
}

/// One attempt's request: the URL, the headers, then the body's content type and the cookies
/// over them (a multipart body's content type, with its boundary, is reqwest's), then the
/// body. Built as a `reqwest::Request` directly, the headers moved in whole, except for a
/// multipart body, which reqwest's builder writes.
fn attempt_request(
    http: &reqwest::Client,
    call: &Prepared,
    url: reqwest::Url,
    mut headers: HeaderMap,
) -> Result<reqwest::Request, Error> {
    let operation = call.operation;
    if let Some(value) = call.body.content_type_value() {
        headers.insert(CONTENT_TYPE, value);
    }
    if let Some(cookie) = &call.cookie {
        headers.insert(COOKIE, cookie.clone());
    }
    let mut request = reqwest::Request::new(operation.method.clone(), url);
    *request.headers_mut() = headers;
    if call.body.put(operation, &mut request)? {
        return Ok(request);
    }
    let headers = std::mem::take(request.headers_mut());
    let builder = http.request(operation.method.clone(), request.url().clone()).headers(headers);
    call.body
        .attach_multipart(operation, builder)?
        .build()
        .map_err(|error| Error::config(format!("the request for {} could not be built: {error}", operation.id)))
}

/// The user's error from a hook or token source, ending the call.
fn hook_error(operation: &'static Operation, what: &'static str, source: BoxError) -> Error {
    Error::Hook(Box::new(HookError { operation: operation.id, what, source }))
}

/// `server.*` and `url.full` on the call's span, as OpenTelemetry's conventions name them.
fn record_url(span: &tracing::Span, url: &reqwest::Url, credentials: Chosen<'_>) {
    if let Some(host) = url.host_str() {
        span.record("server.address", host);
    }
    if let Some(port) = url.port_or_known_default() {
        span.record("server.port", port);
    }
    span.record("url.full", shown_url(url, credentials).as_str());
}

/// The URL with the value of each credential sent in its query replaced by `REDACTED`.
fn shown_url(url: &reqwest::Url, credentials: Chosen<'_>) -> String {
    let secret =
        |name: &str| credentials.iter().any(|applied| matches!(applied, Applied::Query(key, _) if *key == name));
    if url.query().is_none() || !url.query_pairs().any(|(name, _)| secret(&name)) {
        return url.as_str().to_owned();
    }
    let mut shown = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if secret(&name) { "REDACTED".to_owned() } else { value.into_owned() };
            (name.into_owned(), value)
        })
        .collect();
    shown.query_pairs_mut().clear().extend_pairs(pairs);
    shown.into()
}

fn retrying(attempt: u32, delay: Duration, reason: &str) {
    tracing::info!(attempt, delay_ms = delay.as_millis() as u64, reason, "retrying");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An answer that comes after `after` of real time, from another thread: no Tokio timer.
    fn answer_after(after: Duration) -> tokio::sync::oneshot::Receiver<u8> {
        let (send, receive) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            std::thread::sleep(after);
            let _ = send.send(7);
        });
        receive
    }

    #[test]
    fn a_key_sent_in_the_query_is_redacted_from_the_url_shown() {
        let url = reqwest::Url::parse("https://api.example/things?page=2&api_key=s3cret&q=a+b").unwrap();
        let given = [Some(Applied::Query("api_key", "s3cret".to_owned()))];
        let key = Chosen { alternative: &[0], credentials: &given };
        assert_eq!(shown_url(&url, key), "https://api.example/things?page=2&api_key=REDACTED&q=a+b");
        assert_eq!(shown_url(&url, Chosen { alternative: &[], credentials: &given }), url.as_str());
    }

    #[tokio::test(start_paused = true)]
    async fn a_paused_clock_does_not_cut_an_attempt_short_nor_stay_held_after_it() {
        let started = Instant::now();
        let outcome = within(Duration::from_secs(30), pin!(answer_after(Duration::from_millis(50)))).await;
        assert!(matches!(outcome, Ok(Ok(7))), "timed out after {:?}", started.elapsed());
        assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());

        // The clock is free again at once: an hour's sleep is skipped.
        let slept = Instant::now();
        tokio::time::sleep(Duration::from_secs(3600)).await;
        assert!(slept.elapsed() < Duration::from_secs(1), "took {:?}", slept.elapsed());
    }

    #[tokio::test(start_paused = true)]
    async fn under_a_paused_clock_the_limit_is_real_time() {
        let started = Instant::now();
        let outcome = within(Duration::from_millis(200), pin!(std::future::pending::<()>())).await;
        assert!(outcome.is_err());
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(200) && took < Duration::from_secs(5), "took {took:?}");
    }

    #[tokio::test]
    async fn the_limit_ends_a_wait_and_lets_an_earlier_answer_through() {
        let started = Instant::now();
        assert!(within(Duration::from_millis(100), pin!(std::future::pending::<()>())).await.is_err());
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(100) && took < Duration::from_secs(5), "took {took:?}");

        let outcome = within(Duration::from_secs(30), pin!(answer_after(Duration::from_millis(20)))).await;
        assert!(matches!(outcome, Ok(Ok(7))));
    }
}
