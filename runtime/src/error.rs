//! The one error type of the crate: what went wrong, where, and whether trying again can help.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::api::{ApiDescription, ErrorShape, Operation};
use crate::retry::{GaveUp, is_retryable_status, retry_after, should_retry_header, whole_millis};

/// Everything that can go wrong calling the API. Match on the variant to handle a case;
/// [`Error::is_retryable`] says whether the same request could succeed later.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// 400: the request is malformed.
    BadRequest(Box<ApiError>),
    /// 401: the credentials are missing, malformed or revoked.
    Authentication(Box<ApiError>),
    /// 403: the credentials are valid but lack a permission this call needs.
    PermissionDenied(Box<ApiError>),
    /// 404: something named in the path does not exist.
    NotFound(Box<ApiError>),
    /// 409: the request conflicts with the current state.
    Conflict(Box<ApiError>),
    /// 422: the request is well-formed but its content is not acceptable.
    UnprocessableEntity(Box<ApiError>),
    /// 429: too many requests; retried until the retry budget ran out, or at once when the
    /// server asks for a longer wait than the retry policy accepts
    /// ([`ApiError::retry_after`] says how long).
    RateLimited(Box<ApiError>),
    /// 5xx: the API, or a proxy in front of it, failed.
    Server(Box<ApiError>),
    /// Any other status that is not a success, such as a redirect the client refused to
    /// follow ([`ApiError::redirect_target`] says where to).
    UnexpectedStatus(Box<ApiError>),
    /// The connection failed: no answer, or an answer cut off.
    Connection(Box<TransportError>),
    /// No complete answer within the timeout of an attempt, or before the call's total
    /// timeout ran out ([`TransportError::total_timeout_elapsed`] tells which).
    Timeout(Box<TransportError>),
    /// An argument was refused before anything was sent.
    InvalidArgument(Box<InvalidArgument>),
    /// The operation needs credentials the client was not given; nothing was sent.
    Credentials(Box<CredentialsError>),
    /// A success answer whose body does not match the API document.
    Decode(Box<DecodeError>),
    /// A listing that could not go on: the server repeated a page.
    Pagination(Box<PaginationError>),
    /// The client could not be built from its configuration.
    Config(Box<ConfigError>),
    /// A hook or token source of the client failed; nothing more was sent.
    Hook(Box<HookError>),
}

impl Error {
    /// The HTTP status, for errors the API answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Decode(error) => Some(error.status),
            _ => self.api_error().map(ApiError::status),
        }
    }

    /// The API's answer, for errors the API answered with a status that is not a success.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::BadRequest(error)
            | Error::Authentication(error)
            | Error::PermissionDenied(error)
            | Error::NotFound(error)
            | Error::Conflict(error)
            | Error::UnprocessableEntity(error)
            | Error::RateLimited(error)
            | Error::Server(error)
            | Error::UnexpectedStatus(error) => Some(error),
            _ => None,
        }
    }

    /// The answer's request id (from the request-id header the API description names,
    /// [`ApiDescription::request_id_header`](crate::ApiDescription::request_id_header)), to
    /// quote when asking the API's operators about it.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Decode(error) => error.request_id.as_deref(),
            _ => self.api_error().and_then(ApiError::request_id),
        }
    }

    /// How long the server asked to wait before trying again (`retry-after-ms`, or
    /// `retry-after` in seconds or as an HTTP date), for errors the API answered with one.
    /// See [`ApiError::retry_after`].
    pub fn retry_after(&self) -> Option<Duration> {
        self.api_error().and_then(ApiError::retry_after)
    }

    /// The body of an error answer to operation `O` (a request builder type), decoded as the
    /// type the API document gives its error answers; `None` when the API did not answer
    /// (a connection failure, a refused argument...).
    pub fn documented_body<O: DocumentedError>(&self) -> Option<Result<O::Body, serde_json::Error>> {
        Some(self.api_error()?.documented_body::<O>())
    }

    /// Whether the same request could succeed if sent again later: what the server's
    /// `x-should-retry` header says, else true for 408, 409, 429, 5xx, connection failures
    /// and timeouts. The client has already retried these as far as its policy allows.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Connection(_) | Error::Timeout(_) => true,
            _ => self.api_error().is_some_and(ApiError::is_retryable),
        }
    }

    pub(crate) fn from_status(error: ApiError) -> Error {
        let error = Box::new(error);
        match error.status.as_u16() {
            400 => Error::BadRequest(error),
            401 => Error::Authentication(error),
            403 => Error::PermissionDenied(error),
            404 => Error::NotFound(error),
            409 => Error::Conflict(error),
            422 => Error::UnprocessableEntity(error),
            429 => Error::RateLimited(error),
            500..=599 => Error::Server(error),
            _ => Error::UnexpectedStatus(error),
        }
    }

    pub(crate) fn invalid_argument(operation: &Operation, parameter: &'static str, reason: impl Into<String>) -> Error {
        Error::InvalidArgument(Box::new(InvalidArgument { operation: operation.id, parameter, reason: reason.into() }))
    }

    pub(crate) fn pagination(operation: &Operation, page: u64, message: String) -> Error {
        Error::Pagination(Box::new(PaginationError { operation: operation.id, page, message }))
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error::Config(Box::new(ConfigError { message: message.into() }))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Connection(error) | Error::Timeout(error) => error.fmt(formatter),
            Error::InvalidArgument(error) => error.fmt(formatter),
            Error::Credentials(error) => error.fmt(formatter),
            Error::Decode(error) => error.fmt(formatter),
            Error::Pagination(error) => error.fmt(formatter),
            Error::Config(error) => error.fmt(formatter),
            Error::Hook(error) => error.fmt(formatter),
            _ => match self.api_error() {
                Some(error) => error.fmt(formatter),
                None => formatter.write_str("unknown error"),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Connection(error) | Error::Timeout(error) => Some(&*error.source),
            Error::Hook(error) => Some(&*error.source),
            _ => None,
        }
    }
}

/// One entry of the API's own error list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDetail {
    /// The API's numeric error code, where its error bodies give one.
    pub code: Option<i64>,
    /// The message, for people.
    pub message: String,
}

/// An operation whose documented error answers all have one body type; the generated request
/// builder of each such operation implements it, for [`Error::documented_body`].
pub trait DocumentedError {
    /// The type of its error answers' bodies.
    type Body: serde::de::DeserializeOwned;
}

/// An answer whose status is not a success.
#[derive(Clone)]
pub struct ApiError {
    pub(crate) operation: &'static str,
    pub(crate) method: reqwest::Method,
    pub(crate) path_template: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) details: Vec<ErrorDetail>,
    pub(crate) request_id: Option<String>,
    /// The header `request_id` came from, as messages name it.
    pub(crate) request_id_header: Option<&'static str>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: bytes::Bytes,
    pub(crate) attempts: u32,
    /// Read when the answer arrived, so that an HTTP date counts from then.
    pub(crate) retry_after: Option<Duration>,
    pub(crate) redirect: Option<Redirect>,
    pub(crate) gave_up: Option<GaveUp>,
}

/// Where a redirect the client did not follow leads.
#[derive(Clone, Debug)]
pub(crate) struct Redirect {
    /// The `Location`, made absolute against the URL that answered.
    target: String,
    /// Another scheme, host or port than the URL that answered: the client never goes there.
    other_origin: bool,
    /// Whether the request carried credentials.
    authenticated: bool,
}

impl ApiError {
    /// `url` is the URL that gave this answer: a relative `Location` is resolved against it.
    pub(crate) fn new(
        operation: &Operation,
        api: &'static ApiDescription,
        status: StatusCode,
        headers: HeaderMap,
        body: bytes::Bytes,
        attempts: u32,
        url: Option<&reqwest::Url>,
    ) -> ApiError {
        let request_id_header = api.request_id_header;
        let request_id = request_id(request_id_header, &headers).map(str::to_owned);
        let redirect = match url {
            Some(url) if status.is_redirection() => redirect(&headers, url, operation.takes_credentials()),
            _ => None,
        };
        ApiError {
            operation: operation.id,
            method: operation.method.clone(),
            path_template: operation.path_template,
            status,
            details: error_details(&body, api.error_shapes),
            request_id,
            request_id_header,
            retry_after: retry_after(&headers),
            redirect,
            headers,
            body,
            attempts,
            gave_up: None,
        }
    }

    pub(crate) fn gave_up(mut self, reason: Option<GaveUp>) -> ApiError {
        self.gave_up = reason;
        self
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The API's error code: from `{"error": {"code"}}`, or the first of `{"errors": [..]}`.
    pub fn code(&self) -> Option<i64> {
        self.details.first().and_then(|detail| detail.code)
    }

    /// The API's error message, read from either body shape.
    pub fn message(&self) -> Option<&str> {
        self.details.first().map(|detail| detail.message.as_str())
    }

    /// Every error the body lists (an envelope with a list of errors can hold several).
    pub fn details(&self) -> &[ErrorDetail] {
        &self.details
    }

    /// The answer's request id, from the request-id header the API description names
    /// ([`ApiDescription::request_id_header`](crate::ApiDescription::request_id_header)).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The headers of the answer.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes the body as `T`, for error bodies the API document describes.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// Decodes the body as the type the API document gives the error answers of operation `O`
    /// (a request builder type): no need to know its name.
    pub fn documented_body<O: DocumentedError>(&self) -> Result<O::Body, serde_json::Error> {
        self.json()
    }

    /// The operation that failed (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// How many times the request was sent.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long the server asked to wait before trying again: `retry-after-ms`, else
    /// `retry-after` in seconds or as an HTTP date, counted from when the answer arrived.
    ///
    /// The client waits this long itself, up to [`RetryPolicy::max_retry_after`]; a longer
    /// hint ends the call at once with this error, so that the caller can schedule the retry.
    ///
    /// [`RetryPolicy::max_retry_after`]: crate::RetryPolicy::max_retry_after
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// For a redirect (3xx) the client did not follow: where it led, as an absolute URL. The
    /// client follows redirects only within the API's scheme, host and port, so that credentials
    /// never reaches another server.
    pub fn redirect_target(&self) -> Option<&str> {
        self.redirect.as_ref().map(|redirect| redirect.target.as_str())
    }

    /// See [`Error::is_retryable`].
    pub fn is_retryable(&self) -> bool {
        match should_retry_header(&self.headers) {
            Some(answer) => answer,
            None => is_retryable_status(self.status),
        }
    }

    /// A short text of a body that is not the API's JSON (the HTML error page of a proxy in
    /// front of the API, say): its `<title>` when it has one, else its first characters.
    pub fn body_excerpt(&self) -> String {
        excerpt(&self.body)
    }

    fn hint(&self) -> Option<&'static str> {
        Some(match self.status.as_u16() {
            401 => "check the credentials: are they set, unexpired and not revoked?",
            403 => "the credentials are valid but lack a permission this call needs",
            404 => "check the IDs in the path: one of them names nothing",
            429 => "too many requests: wait before sending more, or allow more retries",
            500..=599 => "the API, or a proxy in front of it, failed; this is usually temporary",
            _ => return None,
        })
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("details", &self.details)
            .field("request_id", &self.request_id)
            .field("attempts", &self.attempts)
            .field("retry_after", &self.retry_after)
            .field("redirect_target", &self.redirect_target().map(without_secrets))
            .field("body", &excerpt(&self.body))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} ({} {}) ", self.operation, self.method, self.path_template)?;
        match &self.redirect {
            // A redirect page's body says no more than its `Location`.
            Some(Redirect { target, other_origin: true, authenticated }) => {
                let why = if *authenticated {
                    "another origin would receive the credentials"
                } else {
                    "the client follows redirects only within the API's origin"
                };
                let target = without_secrets(target);
                write!(formatter, "got {} and refused to follow a redirect to {target}: {why}", self.status)?;
            }
            Some(Redirect { target, .. }) => {
                let target = without_secrets(target);
                write!(formatter, "failed with {}, a redirect to {target} that was not followed", self.status)?;
            }
            None => {
                write!(formatter, "failed with {}", self.status)?;
                match self.details.first() {
                    Some(detail) => {
                        write!(formatter, ": {}", detail.message)?;
                        if let Some(code) = detail.code {
                            write!(formatter, " (code {code})")?;
                        }
                    }
                    None if !self.body.is_empty() => {
                        write!(formatter, "; the body is not the API's JSON: {}", excerpt(&self.body))?
                    }
                    None => {}
                }
            }
        }
        if let (Some(id), Some(header)) = (&self.request_id, self.request_id_header) {
            write!(formatter, " [{header} {id}]")?;
        }
        if self.attempts > 1 {
            write!(formatter, " after {} attempts", self.attempts)?;
        }
        match (self.gave_up, self.retry_after) {
            (Some(reason), _) => write!(formatter, "; {reason}")?,
            (None, Some(wait)) => {
                write!(formatter, "; the server asks to wait {:?} before trying again", whole_millis(wait))?
            }
            (None, None) => {}
        }
        // "Allow more retries" is no advice when the server itself asked for the long wait.
        if let Some(hint) = self.hint()
            && !matches!(self.gave_up, Some(GaveUp::HintBeyondCap { .. }))
        {
            write!(formatter, "; {hint}")?;
        }
        Ok(())
    }
}

/// A redirect target as messages show it: a signed URL carries its signature in the query,
/// and messages end up in logs, so the query and any user name or password are elided
/// (`redirect_target` still gives the whole URL).
fn without_secrets(target: &str) -> String {
    let Ok(mut url) = reqwest::Url::parse(target) else { return target.to_owned() };
    let elided = url.query().is_some() || !url.username().is_empty() || url.password().is_some();
    url.set_query(None);
    url.set_fragment(None);
    // Setting these fails only for URLs that cannot have them, which then have none.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    if elided { format!("{url}?…") } else { url.into() }
}

/// The target of a redirect answer, if it names a valid one.
fn redirect(headers: &HeaderMap, url: &reqwest::Url, authenticated: bool) -> Option<Redirect> {
    let location = headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
    let target = url.join(location.trim()).ok()?;
    let other_origin = target.scheme() != url.scheme()
        || target.host_str() != url.host_str()
        || target.port_or_known_default() != url.port_or_known_default();
    Some(Redirect { target: target.into(), other_origin, authenticated })
}

impl std::error::Error for ApiError {}

/// A connection that failed or timed out.
#[derive(Debug)]
pub struct TransportError {
    pub(crate) operation: &'static str,
    pub(crate) method: reqwest::Method,
    pub(crate) path_template: &'static str,
    pub(crate) attempts: u32,
    /// The timeout of one attempt.
    pub(crate) timeout: Option<Duration>,
    /// The timeout of the whole call, when it cut the last attempt short.
    pub(crate) total_timeout_elapsed: Option<Duration>,
    pub(crate) gave_up: Option<GaveUp>,
    pub(crate) failure: TransportFailure,
    pub(crate) source: Box<dyn std::error::Error + Send + Sync>,
}

/// What went wrong on the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportFailure {
    /// No complete answer in time.
    TimedOut,
    /// No connection could be made.
    Connect,
    /// The connection was lost before the answer was complete.
    Disconnected,
}

impl TransportError {
    /// How many times the request was sent.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the call's total timeout
    /// ([`ClientBuilder::total_timeout`](crate::ClientBuilder::total_timeout),
    /// [`RequestOptions::total_timeout`](crate::RequestOptions::total_timeout)) ran out during
    /// the last attempt, rather than the timeout of one attempt.
    pub fn total_timeout_elapsed(&self) -> bool {
        self.total_timeout_elapsed.is_some()
    }

    /// The operation that failed (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// What went wrong on the connection.
    pub fn failure(&self) -> TransportFailure {
        self.failure
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} ({} {}) ", self.operation, self.method, self.path_template)?;
        if self.failure == TransportFailure::TimedOut {
            match (self.total_timeout_elapsed, self.timeout) {
                (Some(total), _) => write!(formatter, "got no complete answer within the total timeout of {total:?}")?,
                (None, Some(timeout)) => write!(formatter, "got no complete answer within {timeout:?}")?,
                (None, None) => formatter.write_str("timed out")?,
            }
        } else if self.failure == TransportFailure::Connect {
            formatter.write_str("could not connect to the API")?;
        } else {
            formatter.write_str("lost the connection before the answer was complete")?;
        }
        if self.attempts > 1 {
            write!(formatter, " ({} attempts)", self.attempts)?;
        }
        let mut cause: Option<&dyn std::error::Error> = Some(&*self.source);
        while let Some(error) = cause {
            write!(formatter, ": {error}")?;
            cause = error.source();
        }
        if let Some(reason) = self.gave_up {
            write!(formatter, "; {reason}")?;
        }
        Ok(())
    }
}

/// A body stream that failed after its answer began: the connection was lost or timed out.
pub(crate) fn body_failure(operation: &'static Operation, error: reqwest::Error) -> Error {
    let failure = if error.is_timeout() { TransportFailure::TimedOut } else { TransportFailure::Disconnected };
    let transport = Box::new(TransportError {
        operation: operation.id,
        method: operation.method.clone(),
        path_template: operation.path_template,
        attempts: 1,
        timeout: None,
        total_timeout_elapsed: None,
        gave_up: None,
        failure,
        source: Box::new(error.without_url()),
    });
    match failure {
        TransportFailure::TimedOut => Error::Timeout(transport),
        _ => Error::Connection(transport),
    }
}

/// An argument refused before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidArgument {
    pub(crate) operation: &'static str,
    pub(crate) parameter: &'static str,
    pub(crate) reason: String,
}

impl InvalidArgument {
    /// The parameter's name in the API document.
    pub fn parameter(&self) -> &'static str {
        self.parameter
    }

    /// The operation that refused the argument (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }
}

impl fmt::Display for InvalidArgument {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: argument `{}` {}; nothing was sent", self.operation, self.parameter, self.reason)
    }
}

/// An operation that needs credentials the client was not given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    pub(crate) operation: &'static str,
    pub(crate) message: String,
}

impl CredentialsError {
    /// The operation that was not sent (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} {}; nothing was sent", self.operation, self.message)
    }
}

/// A hook or token source that failed (see [`Hook`](crate::Hook),
/// [`TokenSource`](crate::TokenSource)); its error is the `source`.
#[derive(Debug)]
pub struct HookError {
    pub(crate) operation: &'static str,
    pub(crate) what: &'static str,
    pub(crate) source: crate::hooks::BoxError,
}

impl HookError {
    /// The operation whose call ended (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The user's error.
    pub fn inner(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.source
    }
}

impl fmt::Display for HookError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}: the client's {} failed: {}; nothing more was sent",
            self.operation, self.what, self.source
        )
    }
}

/// A success answer whose body does not match the API document.
#[derive(Debug, Clone)]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) excerpt: String,
    pub(crate) request_id: Option<String>,
}

impl DecodeError {
    /// Where in the body decoding failed, as a JSON path such as `data.items[2].size`
    /// (empty when the body as a whole is not JSON).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What did not match, as serde describes it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The first characters of the body.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// The operation whose answer did not decode (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: the {} answer does not match the API document", self.operation, self.status)?;
        if !self.path.is_empty() && self.path != "." {
            write!(formatter, " at `{}`", self.path)?;
        }
        write!(formatter, ": {}; body: {}", self.message, self.excerpt)
    }
}

/// A listing that stopped because the server's pages did not advance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationError {
    pub(crate) operation: &'static str,
    pub(crate) page: u64,
    pub(crate) message: String,
}

impl PaginationError {
    /// The page number whose answer stopped the listing.
    pub fn page(&self) -> u64 {
        self.page
    }

    /// The operation being listed (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }
}

impl fmt::Display for PaginationError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.operation, self.message)
    }
}

/// A client that could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub(crate) message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "the client is not configured: {}", self.message)
    }
}

/// Reads the API's code and message from `{"error": {..}}` or `{"errors": [..]}`.
fn error_details(body: &[u8], shapes: &[ErrorShape]) -> Vec<ErrorDetail> {
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Vec::new();
    };
    let detail = |value: &serde_json::Value| -> Option<ErrorDetail> {
        match value {
            serde_json::Value::String(message) => Some(ErrorDetail { code: None, message: message.clone() }),
            serde_json::Value::Object(entry) => {
                let code = entry.get("code").and_then(|code| match code {
                    serde_json::Value::Number(number) => {
                        number.as_i64().or_else(|| number.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
                    }
                    serde_json::Value::String(text) => text.trim().parse().ok(),
                    _ => None,
                });
                let message = entry.get("message").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
                (code.is_some() || !message.is_empty()).then_some(ErrorDetail { code, message })
            }
            _ => None,
        }
    };
    let mut details: Vec<ErrorDetail> = Vec::new();
    for shape in shapes {
        match *shape {
            ErrorShape::Object { field } => details.extend(object.get(field).and_then(detail)),
            ErrorShape::List { field } => {
                if let Some(serde_json::Value::Array(errors)) = object.get(field) {
                    details.extend(errors.iter().filter_map(detail));
                }
            }
            ErrorShape::Message { .. } => {}
        }
    }
    // A message alone says less than a coded detail: read only when nothing else was.
    for shape in shapes {
        if let ErrorShape::Message { field } = *shape
            && details.is_empty()
            && let Some(serde_json::Value::String(message)) = object.get(field)
        {
            details.push(ErrorDetail { code: None, message: message.clone() });
        }
    }
    details
}

const EXCERPT_CHARS: usize = 200;

/// The `<title>` of an HTML page, else the first characters with white space folded.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(64 * 1024)]);
    let lower = text.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>"))
        && start < end
    {
        let title = text[start + "<title>".len()..end].split_whitespace().collect::<Vec<_>>().join(" ");
        if !title.is_empty() {
            return format!("HTML page titled \"{title}\"");
        }
    }
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        return "(empty)".to_owned();
    }
    let mut short: String = folded.chars().take(EXCERPT_CHARS).collect();
    if short.len() < folded.len() {
        short.push('…');
    }
    short
}

/// The value of the request-id header `name`, if the API has one and the answer carries it.
pub(crate) fn request_id<'a>(name: Option<&str>, headers: &'a HeaderMap) -> Option<&'a str> {
    headers.get(name?).and_then(|value| value.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: &[ErrorShape] = &[
        ErrorShape::Object { field: "error" },
        ErrorShape::List { field: "errors" },
        ErrorShape::Message { field: "message" },
    ];

    #[test]
    fn reads_the_shapes_the_api_describes_and_no_others() {
        let object = br#"{"error": {"code": 404, "message": "no such thing"}}"#;
        let list = br#"{"success": false, "errors": [{"code": "1003", "message": "bad id"}, {"message": "again"}]}"#;
        let message = br#"{"message": "rate limited"}"#;
        let codes = |body: &[u8], shapes| {
            error_details(body, shapes).into_iter().map(|detail| (detail.code, detail.message)).collect::<Vec<_>>()
        };
        assert_eq!(codes(object, BOTH), [(Some(404), "no such thing".to_owned())]);
        assert_eq!(codes(list, BOTH), [(Some(1003), "bad id".to_owned()), (None, "again".to_owned())]);
        assert_eq!(codes(message, BOTH), [(None, "rate limited".to_owned())]);
        // An API that names only the envelope does not read `error` or `message`.
        let envelope_only = &[ErrorShape::List { field: "errors" }];
        assert!(codes(object, envelope_only).is_empty());
        assert!(codes(message, envelope_only).is_empty());
        assert_eq!(codes(list, envelope_only).len(), 2);
        // A field of another name, as another API might use.
        let problem = &[ErrorShape::Object { field: "problem" }];
        assert_eq!(codes(br#"{"problem": "gone"}"#, problem), [(None, "gone".to_owned())]);
    }
}
