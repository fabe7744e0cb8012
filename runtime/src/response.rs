//! Answers: the raw bytes (or the open stream) as received, and the typed form a caller gets
//! back: JSON, text, bytes, a byte stream, or a stream of JSON lines.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::Error;
use crate::api::Operation;
use crate::error::{DecodeError, excerpt, request_id};

/// A decoded answer with its status and headers: what `send_with_response` returns.
#[derive(Clone, Debug)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    /// The header the API identifies requests by (`ApiDescription::request_id_header`).
    request_id_header: Option<&'static str>,
}

impl<T> Response<T> {
    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers of the answer.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }

    /// The answer's request id (from the request-id header the API description names,
    /// [`ApiDescription::request_id_header`](crate::ApiDescription::request_id_header)), to
    /// quote when asking the API's operators about it.
    pub fn request_id(&self) -> Option<&str> {
        request_id(self.request_id_header, &self.headers)
    }

    /// Converts the body, keeping status and headers.
    pub fn map<U>(self, convert: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: convert(self.body),
            request_id_header: self.request_id_header,
        }
    }
}

/// A success answer whose body is not decoded yet.
#[doc(hidden)]
pub struct RawResponse {
    operation: &'static Operation,
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
    /// The answer whose body is still to be read, for a call that streams it.
    stream: Option<reqwest::Response>,
    request_id_header: Option<&'static str>,
}

impl RawResponse {
    pub(crate) fn new(
        operation: &'static Operation,
        request_id_header: Option<&'static str>,
        status: StatusCode,
        headers: HeaderMap,
        body: bytes::Bytes,
    ) -> Self {
        RawResponse { operation, status, headers, body, stream: None, request_id_header }
    }

    /// An answer whose body has not been read yet.
    pub(crate) fn streaming(
        operation: &'static Operation,
        request_id_header: Option<&'static str>,
        mut response: reqwest::Response,
    ) -> Self {
        let headers = std::mem::take(response.headers_mut());
        let status = response.status();
        RawResponse { operation, status, headers, body: bytes::Bytes::new(), stream: Some(response), request_id_header }
    }

    fn with_body<T>(self, body: T) -> Response<T> {
        Response { status: self.status, headers: self.headers, body, request_id_header: self.request_id_header }
    }

    fn decode_error(&self, path: String, message: String) -> Error {
        Error::Decode(Box::new(DecodeError {
            operation: self.operation.id,
            status: self.status,
            path,
            message,
            excerpt: excerpt(&self.body),
            request_id: request_id(self.request_id_header, &self.headers).map(str::to_owned),
        }))
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Decodes the body. On failure the body is read a second time to find the JSON path of
    /// the value that failed, so that decoding costs nothing extra when it succeeds.
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<Response<T>, Error> {
        match crate::json::from_slice_with_path::<T>(&self.body) {
            Ok(body) => Ok(Response {
                status: self.status,
                headers: self.headers,
                body,
                request_id_header: self.request_id_header,
            }),
            Err((path, message)) => Err(self.decode_error(path, message)),
        }
    }

    /// Drops the body, for operations whose success answers have none.
    pub fn empty(self) -> Response<()> {
        self.with_body(())
    }

    /// The body as text: it must be UTF-8, as the `text/*` answers of JSON APIs are.
    pub fn text(self) -> Result<Response<String>, Error> {
        match std::str::from_utf8(&self.body) {
            Ok(text) => {
                let text = text.to_owned();
                Ok(self.with_body(text))
            }
            Err(error) => Err(self.decode_error(String::new(), format!("the text is not UTF-8: {error}"))),
        }
    }

    /// The body's bytes, as received.
    pub fn bytes(self) -> Response<bytes::Bytes> {
        let body = self.body.clone();
        self.with_body(body)
    }

    /// The body as a stream of chunks, read as they arrive.
    pub fn stream(mut self) -> Response<ByteStream> {
        let stream = ByteStream { operation: self.operation, response: self.stream.take(), buffered: None };
        let buffered = std::mem::take(&mut self.body);
        let mut response = self.with_body(stream);
        if response.body.response.is_none() {
            response.body.buffered = Some(buffered);
        }
        response
    }

    /// The body as a stream of JSON values, one per line (`application/x-ndjson`).
    pub fn json_lines<T: serde::de::DeserializeOwned>(self) -> Response<JsonLines<T>> {
        let status = self.status;
        let request_id = request_id(self.request_id_header, &self.headers).map(str::to_owned);
        self.stream().map(|bytes| JsonLines {
            bytes,
            pending: Vec::new(),
            line: 0,
            status,
            request_id,
            finished: false,
            item: std::marker::PhantomData,
        })
    }
}

/// The body of an answer as it arrives: for downloads too large to hold at once.
///
/// Read it with [`chunk`](Self::chunk), or as a `futures` `Stream` of `Result<Bytes, Error>`.
/// A connection lost in the middle ends it with [`Error::Connection`]; the attempt's timeout
/// bounds the wait for the answer's headers only, not the reading of the body.
pub struct ByteStream {
    operation: &'static Operation,
    response: Option<reqwest::Response>,
    /// A body that was read already (the test doubles answer this way).
    buffered: Option<bytes::Bytes>,
}

impl ByteStream {
    /// The next chunk of the body, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, Error> {
        if let Some(buffered) = self.buffered.take() {
            return Ok(Some(buffered).filter(|bytes| !bytes.is_empty()));
        }
        let Some(response) = self.response.as_mut() else { return Ok(None) };
        match response.chunk().await {
            Ok(Some(chunk)) => Ok(Some(chunk)),
            Ok(None) => {
                self.response = None;
                Ok(None)
            }
            Err(error) => {
                self.response = None;
                Err(crate::error::body_failure(self.operation, error))
            }
        }
    }

    /// Reads the rest of the body into memory.
    pub async fn collect(mut self) -> Result<bytes::Bytes, Error> {
        let mut all = Vec::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.into())
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("ByteStream").field("operation", &self.operation.id).finish_non_exhaustive()
    }
}

impl futures_core::Stream for ByteStream {
    type Item = Result<bytes::Bytes, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::future::Future as _;
        let this = &mut *self;
        // `chunk` borrows the stream for one call only and keeps no state between polls
        // other than reqwest's own, so a fresh future per poll loses nothing.
        let future = std::pin::pin!(this.chunk());
        future.poll(context).map(Result::transpose)
    }
}

/// A stream of JSON values, one per line of the body (`application/x-ndjson`, JSON lines),
/// each decoded as it arrives. A line that does not decode ends the stream with
/// [`Error::Decode`], naming the line.
pub struct JsonLines<T> {
    bytes: ByteStream,
    pending: Vec<u8>,
    line: usize,
    status: StatusCode,
    request_id: Option<String>,
    finished: bool,
    item: std::marker::PhantomData<fn() -> T>,
}

impl<T: serde::de::DeserializeOwned> JsonLines<T> {
    /// The next value, or `None` at the end of the body.
    pub async fn next_item(&mut self) -> Result<Option<T>, Error> {
        loop {
            if let Some(end) = self.pending.iter().position(|&byte| byte == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=end).collect();
                if let Some(item) = self.decode(&line)? {
                    return Ok(Some(item));
                }
                continue;
            }
            if self.finished {
                let rest = std::mem::take(&mut self.pending);
                return self.decode(&rest);
            }
            match self.bytes.chunk().await? {
                Some(chunk) => self.pending.extend_from_slice(&chunk),
                None => self.finished = true,
            }
        }
    }

    /// Reads every remaining value.
    pub async fn collect(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.next_item().await? {
            items.push(item);
        }
        Ok(items)
    }

    fn decode(&mut self, line: &[u8]) -> Result<Option<T>, Error> {
        self.line += 1;
        let text = line.trim_ascii();
        if text.is_empty() {
            return Ok(None);
        }
        let mut deserializer = serde_json::Deserializer::from_slice(text);
        serde_path_to_error::deserialize::<_, T>(&mut deserializer).map(Some).map_err(|error| {
            Error::Decode(Box::new(DecodeError {
                operation: self.bytes.operation.id,
                status: self.status,
                path: format!("line {}: {}", self.line, error.path()),
                message: error.into_inner().to_string(),
                excerpt: excerpt(text),
                request_id: self.request_id.clone(),
            }))
        })
    }
}

impl<T> std::fmt::Debug for JsonLines<T> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("JsonLines").field("line", &self.line).finish_non_exhaustive()
    }
}

impl<T: serde::de::DeserializeOwned> futures_core::Stream for JsonLines<T> {
    type Item = Result<T, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::future::Future as _;
        let this = &mut *self;
        let future = std::pin::pin!(this.next_item());
        future.poll(context).map(Result::transpose)
    }
}
