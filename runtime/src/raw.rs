//! Raw calls: a path the API document does not describe (yet), sent the way the client sends
//! every call, with its credentials, retries, pacing, hooks and errors.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};

use crate::api::{Api, ApiDescription, Operation};
use crate::body::Body;
use crate::client::Inner;
use crate::request::{RequestParts, push_segment};
use crate::response::RawResponse;
use crate::{Client, Error, RequestOptions, Response};

/// The operation id raw calls are known by in errors, spans and hooks.
pub const RAW_OPERATION_ID: &str = "raw";

impl<A: Api> Client<A> {
    /// A call to a path the API document does not describe, such as an endpoint newer than
    /// the crate: `{name}` placeholders in `path` are filled with
    /// [`path_param`](RawRequest::path_param), percent-encoded. It is sent with the
    /// client's credentials (those the document asks for by default), base URL, timeouts,
    /// retries (for a method that can be repeated: GET, HEAD, PUT, DELETE, OPTIONS), pacing
    /// and hooks, and fails with the same [`Error`]s as any call.
    ///
    /// ```no_run
    /// # async fn f(client: openapi_client_runtime::Client<impl openapi_client_runtime::Api>) -> Result<(), openapi_client_runtime::Error> {
    /// let answer = client
    ///     .raw(reqwest::Method::GET, "/accounts/{account_id}/tokens/verify")
    ///     .path_param("account_id", "023e105f4ecef8ad9ca31a8372d0c353")
    ///     .send_json::<serde_json::Value>()
    ///     .await?;
    /// println!("{} {:?}", answer.status(), answer.request_id());
    /// # Ok(()) }
    /// ```
    pub fn raw(&self, method: Method, path: impl Into<String>) -> RawRequest {
        RawRequest {
            inner: Arc::clone(&self.inner),
            method,
            path: path.into(),
            params: Vec::new(),
            query: Vec::new(),
            headers: reqwest::header::HeaderMap::new(),
            body: Ok(Body::None),
            options: RequestOptions::default(),
        }
    }
}

/// A raw call being built: see [`Client::raw`].
#[derive(Clone)]
#[must_use = "a request does nothing until it is sent"]
pub struct RawRequest {
    inner: Arc<Inner>,
    method: Method,
    path: String,
    params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: reqwest::header::HeaderMap,
    /// The body, or why it could not be encoded (reported when sent).
    body: Result<Body, String>,
    options: RequestOptions,
}

impl RawRequest {
    /// Fills the placeholder `{name}` of the path with `value`, percent-encoded; given
    /// twice, the last value is used.
    pub fn path_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        match self.params.iter_mut().find(|(given, _)| *given == name) {
            Some(pair) => pair.1 = value,
            None => self.params.push((name, value)),
        }
        self
    }

    /// A query parameter, percent-encoded as a form value.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// A header of this call.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// A JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.body = serde_json::to_vec(body)
            .map(|bytes| Body::Bytes(Bytes::from(bytes), "application/json".into()))
            .map_err(|error| error.to_string());
        self
    }

    /// A body of any media type.
    pub fn body(mut self, bytes: impl Into<Bytes>, content_type: impl Into<String>) -> Self {
        self.body = Ok(Body::Bytes(bytes.into(), content_type.into().into()));
        self
    }

    /// Per-call settings: timeouts, retries, extra headers, query parameters and body fields.
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the call; the answer's body as bytes, with its status and headers.
    pub async fn send(self) -> Result<Response<Bytes>, Error> {
        Ok(self.exchange().await?.bytes())
    }

    /// Sends the call and decodes the answer's JSON body as `T`.
    pub async fn send_json<T: serde::de::DeserializeOwned>(self) -> Result<Response<T>, Error> {
        self.exchange().await?.json()
    }

    async fn exchange(self) -> Result<RawResponse, Error> {
        let operation = operation(self.inner.api, &self.method, &self.path);
        let parts = self.parts(operation)?;
        self.inner.send(operation, parts, self.options).await
    }

    fn parts(&self, operation: &'static Operation) -> Result<RequestParts, Error> {
        let refuse = |reason: String| Error::invalid_argument(operation, "path", reason);
        if !self.path.starts_with('/') {
            return Err(refuse(format!("`{}` must start with `/`", self.path)));
        }
        let mut path = String::with_capacity(self.path.len() + 32);
        let mut rest = self.path.as_str();
        let mut used = vec![false; self.params.len()];
        while let Some(open) = rest.find('{') {
            path.push_str(&rest[..open]);
            let close =
                rest[open..].find('}').ok_or_else(|| refuse(format!("`{}` has an unclosed `{{`", self.path)))?;
            let name = &rest[open + 1..open + close];
            let index = self
                .params
                .iter()
                .position(|(given, _)| given == name)
                .ok_or_else(|| refuse(format!("`{{{name}}}` was not given a value (`path_param`)")))?;
            used[index] = true;
            push_segment(&mut path, &self.params[index].1)
                .map_err(|reason| refuse(format!("`{{{name}}}` {reason}")))?;
            rest = &rest[open + close + 1..];
        }
        path.push_str(rest);
        if let Some((name, _)) = self.params.iter().zip(&used).find(|(_, used)| !**used).map(|(pair, _)| pair) {
            return Err(refuse(format!("`{name}` was given, but `{}` has no `{{{name}}}`", self.path)));
        }
        let mut parts = RequestParts::new(path);
        if !self.query.is_empty() {
            let mut pairs = form_urlencoded::Serializer::new(String::new());
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
            parts.query = pairs.finish();
        }
        parts.headers = self.headers.clone();
        parts.body = match &self.body {
            Ok(body) => body.clone(),
            Err(error) => {
                return Err(Error::invalid_argument(operation, "body", format!("cannot be encoded: {error}")));
            }
        };
        Ok(parts)
    }
}

impl std::fmt::Debug for RawRequest {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("RawRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// At most this many distinct raw operations are kept (each lives as long as the program);
/// past it, raw calls share one whose path template reads `(raw)`.
const MOST_RAW_OPERATIONS: usize = 512;

/// The operation of a raw call: one per API, method and path template, made once and kept
/// for the program's life, since errors, spans and answers refer to operations as `'static`.
fn operation(api: &'static ApiDescription, method: &Method, template: &str) -> &'static Operation {
    type Key = (usize, Method, String);
    static KNOWN: Mutex<Option<HashMap<Key, &'static Operation>>> = Mutex::new(None);
    let mut key: Key = (api as *const ApiDescription as usize, method.clone(), template.to_owned());
    let mut known = KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    let known = known.get_or_insert_with(HashMap::new);
    if known.len() >= MOST_RAW_OPERATIONS && !known.contains_key(&key) {
        key.2 = "(raw)".to_owned();
    }
    if let Some(found) = known.get(&key) {
        return found;
    }
    let made: &'static Operation = Box::leak(Box::new(Operation {
        id: RAW_OPERATION_ID,
        method: method.clone(),
        path_template: Box::leak(key.2.clone().into_boxed_str()),
        idempotent: matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS),
        security: api.default_security,
    }));
    known.insert(key, made);
    made
}
