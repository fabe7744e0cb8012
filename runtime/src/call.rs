//! The one async path every operation takes: build, send, decode.
//!
//! Generated request builders only build their request (a plain function) and name how to
//! decode the answer; sending is this generic code. A crate with thousands of operations so
//! has one async state machine for the compiler to check, not thousands.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::api::Api;
use crate::client::Inner;
use crate::response::RawResponse;
use crate::{BoxFuture, Operation, RequestParts};
use crate::{Client, Error, RequestOptions, Response};

/// How an operation turns a success answer into its typed form.
pub type Decode<T> = fn(RawResponse) -> Result<Response<T>, Error>;

/// The future of a request sent with `send_with_response`: the decoded body with the status
/// and headers.
pub type ResponseFuture<T> = BoxFuture<Result<Response<T>, Error>>;

impl<A: Api> Client<A> {
    /// Sends the request `parts` (or returns the error building it met) and decodes the answer.
    #[doc(hidden)]
    pub fn call<T: Send + 'static>(
        &self,
        operation: &'static Operation,
        parts: Result<RequestParts, Error>,
        options: RequestOptions,
        decode: Decode<T>,
    ) -> ResponseFuture<T> {
        dispatch(&self.inner, operation, parts, options, decode, false)
    }

    /// As [`call`](Self::call), for an answer whose body is read as it arrives: the attempt's
    /// timeout bounds the wait for its headers, and `decode` gets the open stream.
    #[doc(hidden)]
    pub fn call_streaming<T: Send + 'static>(
        &self,
        operation: &'static Operation,
        parts: Result<RequestParts, Error>,
        options: RequestOptions,
        decode: Decode<T>,
    ) -> ResponseFuture<T> {
        dispatch(&self.inner, operation, parts, options, decode, true)
    }

    /// The client without its API's type, for request builders compiled in a crate below the
    /// one that defines the API (a crate generated as several crates, one per product).
    #[doc(hidden)]
    pub fn caller(&self) -> Caller {
        Caller { inner: Arc::clone(&self.inner) }
    }
}

/// A client's connection pool and configuration without its API's type: what the request
/// builders of a crate generated as several crates hold, since the crates of its products
/// sit below the one that names the API. It sends as the client it came from does.
#[doc(hidden)]
#[derive(Clone)]
pub struct Caller {
    inner: Arc<Inner>,
}

impl Caller {
    /// As [`Client::call`].
    pub fn call<T: Send + 'static>(
        &self,
        operation: &'static Operation,
        parts: Result<RequestParts, Error>,
        options: RequestOptions,
        decode: Decode<T>,
    ) -> ResponseFuture<T> {
        dispatch(&self.inner, operation, parts, options, decode, false)
    }

    /// As [`Client::call_streaming`].
    pub fn call_streaming<T: Send + 'static>(
        &self,
        operation: &'static Operation,
        parts: Result<RequestParts, Error>,
        options: RequestOptions,
        decode: Decode<T>,
    ) -> ResponseFuture<T> {
        dispatch(&self.inner, operation, parts, options, decode, true)
    }
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.describe("Client", formatter)
    }
}

fn dispatch<T: Send + 'static>(
    inner: &Arc<Inner>,
    operation: &'static Operation,
    parts: Result<RequestParts, Error>,
    options: RequestOptions,
    decode: Decode<T>,
    streaming: bool,
) -> ResponseFuture<T> {
    // A request whose arguments were refused, or that lacks credentials, sends nothing: the
    // error is its future's.
    let call = match parts.and_then(|parts| inner.prepare(operation, parts, options, streaming)) {
        Ok(call) => call,
        Err(error) => return Box::pin(std::future::ready(Err(error))),
    };
    let inner = Arc::clone(inner);
    // The call's one heap allocation: its size is time on every call. Above 1,032 bytes
    // glibc's allocator leaves its per-thread cache for its slow path, and the state is copied
    // as it is built; a future of 4.5 KB cost 3 % of the calls a second against hand-written
    // reqwest. So the call is prepared before (`Prepared`), held here once and lent down,
    // and each attempt's exchange has a box of its own (`attempts`).
    Box::pin(async move {
        let raw = inner.execute(&call).await?;
        decode(raw)
    })
}

/// Reads a text body.
#[doc(hidden)]
pub fn text(raw: RawResponse) -> Result<Response<String>, Error> {
    raw.text()
}

/// Keeps the body's bytes.
#[doc(hidden)]
pub fn bytes(raw: RawResponse) -> Result<Response<bytes::Bytes>, Error> {
    Ok(raw.bytes())
}

/// Hands over the body as a stream (with [`Client::call_streaming`]).
#[doc(hidden)]
pub fn stream(raw: RawResponse) -> Result<Response<crate::ByteStream>, Error> {
    Ok(raw.stream())
}

/// Hands over the body as a stream of JSON lines (with [`Client::call_streaming`]).
#[doc(hidden)]
pub fn json_lines<T: serde::de::DeserializeOwned>(raw: RawResponse) -> Result<Response<crate::JsonLines<T>>, Error> {
    Ok(raw.json_lines())
}

/// Decodes a JSON body.
#[doc(hidden)]
pub fn json<T: serde::de::DeserializeOwned>(raw: RawResponse) -> Result<Response<T>, Error> {
    raw.json()
}

/// Drops the body, for operations whose success answers have none.
#[doc(hidden)]
pub fn empty(raw: RawResponse) -> Result<Response<()>, Error> {
    Ok(raw.empty())
}

/// The future of a request sent with `send` or `.await`: the decoded body.
#[must_use = "futures do nothing unless awaited"]
pub struct BodyFuture<T> {
    response: ResponseFuture<T>,
}

impl<T> BodyFuture<T> {
    #[doc(hidden)]
    pub fn new(response: ResponseFuture<T>) -> Self {
        BodyFuture { response }
    }
}

impl<T> Future for BodyFuture<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        self.response.as_mut().poll(context).map(|answer| answer.map(Response::into_body))
    }
}

impl<T> std::fmt::Debug for BodyFuture<T> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("BodyFuture")
    }
}
