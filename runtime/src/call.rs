//! The one async path every operation takes: build, send, decode.
//!
//! Generated request builders only build their request (a plain function) and name how to
//! decode the answer; sending is this generic code. A crate with thousands of operations so
//! has one async state machine for the compiler to check, not thousands.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use stackfuture::StackFuture;

use crate::api::Api;
use crate::client::Inner;
use crate::execute::Prepared;
use crate::response::RawResponse;
use crate::{Client, Error, RequestOptions, Response};
use crate::{Operation, RequestParts};

/// How an operation turns a success answer into its typed form.
pub type Decode<T> = fn(RawResponse) -> Result<Response<T>, Error>;

/// The room a call's future keeps for the call's state: the `sending` future (1,480 bytes
/// with Rust 1.95, reqwest 0.13.5 and hyper 1.12, in debug and release builds alike) and a
/// margin for the versions to come. A state that outgrows it still works, boxed
/// (`StackFuture::from_or_box`); `a_calls_state_fits_in_its_future` says so first.
pub(crate) const CALL_ROOM: usize = 1600;

/// What a call's future holds while it runs: the call, type-erased, in room of its own.
type Sending = StackFuture<'static, Result<RawResponse, Error>, CALL_ROOM>;

pin_project_lite::pin_project! {
    /// The future of a request sent with `send_with_response`: the decoded body with the
    /// status and headers.
    ///
    /// It holds the call's whole state in itself, as the future of an `async fn` does: a call
    /// makes no heap allocation of its own for it. Like such a future it is not `Unpin`: to
    /// poll it by hand, or to `select!` on it by reference, pin it first
    /// (`std::pin::pin!`, `Box::pin`).
    #[must_use = "futures do nothing unless awaited"]
    pub struct ResponseFuture<T> {
        #[pin]
        sending: Sending,
        decode: Decode<T>,
    }
}

impl<T> Future for ResponseFuture<T> {
    type Output = Result<Response<T>, Error>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        this.sending.poll(context).map(|sent| sent.and_then(*this.decode))
    }
}

impl<T> std::fmt::Debug for ResponseFuture<T> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("ResponseFuture")
    }
}

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
    let sending = match parts.and_then(|parts| inner.prepare(operation, parts, options, streaming)) {
        Ok(call) => Sending::from_or_box(sending(Arc::clone(inner), call)),
        Err(error) => Sending::from(std::future::ready(Err(error))),
    };
    ResponseFuture { sending, decode }
}

/// The call's state while it runs, each attempt's exchange included, held in the call's
/// future (`Sending`) rather than in heap blocks of its own. Boxed, the state cost time on
/// every call: above 1,032 bytes glibc's allocator leaves its per-thread cache for its slow
/// path, and below it a block freed on another thread than the one that made it (a task the
/// scheduler moved mid-call) still takes the arena's lock once a thread has cached 7 blocks
/// of its size (`perf` put 1.1 µs of `add_participant`'s calls there when the host ran at half
/// speed). The call is prepared before (`Prepared`), held here once and lent down, and kept
/// small: its size is the room every call's future keeps (`CALL_ROOM`).
#[allow(clippy::manual_async_fn, reason = "an async fn would keep its arguments twice in its state")]
fn sending(inner: Arc<Inner>, call: Prepared) -> impl Future<Output = Result<RawResponse, Error>> + Send + 'static {
    async move { inner.execute(&call).await }
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

pin_project_lite::pin_project! {
    /// The future of a request sent with `send` or `.await`: the decoded body. Like
    /// [`ResponseFuture`], it holds the call in itself and is not `Unpin`.
    #[must_use = "futures do nothing unless awaited"]
    pub struct BodyFuture<T> {
        #[pin]
        response: ResponseFuture<T>,
    }
}

impl<T> BodyFuture<T> {
    #[doc(hidden)]
    pub fn new(response: ResponseFuture<T>) -> Self {
        BodyFuture { response }
    }
}

impl<T> Future for BodyFuture<T> {
    type Output = Result<T, Error>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        self.project().response.poll(context).map(|answer| answer.map(Response::into_body))
    }
}

impl<T> std::fmt::Debug for BodyFuture<T> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("BodyFuture")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the call's state fits its future's room, and its size.
    fn fits<F, R>(_: F) -> (bool, usize)
    where
        F: FnOnce(Arc<Inner>, Prepared) -> R,
    {
        (Sending::has_space_for::<R>() && Sending::has_alignment_for::<R>(), std::mem::size_of::<R>())
    }

    /// A call's state that outgrew `CALL_ROOM` would still run, boxed, and so cost every call
    /// the heap block this room is there to save.
    #[test]
    fn a_calls_state_fits_in_its_future() {
        let (fits, size) = fits(sending);
        eprintln!("a call's state: {size} bytes in {CALL_ROOM}");
        assert!(fits, "a call's state is {size} bytes, over the {CALL_ROOM} its future keeps");
    }
}
