// This file is @generated from spec/realtimekit.yaml by cargo xtask codegen. Do not edit it: change the document and regenerate.
// Copied verbatim from codegen/runtime/response.rs.

//! Answers: the raw bytes as received, and the typed form a caller gets back.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::Error;
use crate::runtime::Operation;
use crate::runtime::error::{DecodeError, excerpt};

/// A decoded answer with its status and headers: what `send_with_response` returns.
#[derive(Clone, Debug)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
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

    /// The `cf-ray` id of the answer, to quote when asking Cloudflare support about it.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get("cf-ray").and_then(|value| value.to_str().ok())
    }

    /// Converts the body, keeping status and headers.
    pub fn map<U>(self, convert: impl FnOnce(T) -> U) -> Response<U> {
        Response { status: self.status, headers: self.headers, body: convert(self.body) }
    }
}

/// A success answer whose body is not decoded yet.
pub struct RawResponse {
    operation: &'static Operation,
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
}

impl RawResponse {
    pub(crate) fn new(
        operation: &'static Operation,
        status: StatusCode,
        headers: HeaderMap,
        body: bytes::Bytes,
    ) -> Self {
        RawResponse { operation, status, headers, body }
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Decodes the body. On failure the body is read a second time to find the JSON path of
    /// the value that failed, so that decoding costs nothing extra when it succeeds.
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<Response<T>, Error> {
        match serde_json::from_slice::<T>(&self.body) {
            Ok(body) => Ok(Response { status: self.status, headers: self.headers, body }),
            Err(first) => {
                let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
                let (path, message) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                    Err(error) => (error.path().to_string(), error.into_inner().to_string()),
                    Ok(_) => (String::new(), first.to_string()),
                };
                Err(Error::Decode(Box::new(DecodeError {
                    operation: self.operation.id,
                    status: self.status,
                    path,
                    message,
                    excerpt: excerpt(&self.body),
                    request_id: self.headers.get("cf-ray").and_then(|value| value.to_str().ok()).map(str::to_owned),
                })))
            }
        }
    }

    /// Drops the body, for operations whose success answers have none.
    pub fn empty(self) -> Response<()> {
        Response { status: self.status, headers: self.headers, body: () }
    }
}
