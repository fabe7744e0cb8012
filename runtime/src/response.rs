//! Answers: the raw bytes as received, and the typed form a caller gets back.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::Error;
use crate::Operation;
use crate::error::{DecodeError, excerpt};

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

    /// The answer's request id (the header the API names for it, such as Cloudflare's
    /// `cf-ray`), to quote when asking the API's operators about it.
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

/// The value of the request-id header `name`, if the API has one and the answer carries it.
pub(crate) fn request_id<'a>(name: Option<&str>, headers: &'a HeaderMap) -> Option<&'a str> {
    headers.get(name?).and_then(|value| value.to_str().ok())
}

/// A success answer whose body is not decoded yet.
#[doc(hidden)]
pub struct RawResponse {
    operation: &'static Operation,
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
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
        RawResponse { operation, status, headers, body, request_id_header }
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Decodes the body. On failure the body is read a second time to find the JSON path of
    /// the value that failed, so that decoding costs nothing extra when it succeeds.
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<Response<T>, Error> {
        match serde_json::from_slice::<T>(&self.body) {
            Ok(body) => Ok(Response {
                status: self.status,
                headers: self.headers,
                body,
                request_id_header: self.request_id_header,
            }),
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
                    request_id: request_id(self.request_id_header, &self.headers).map(str::to_owned),
                })))
            }
        }
    }

    /// Drops the body, for operations whose success answers have none.
    pub fn empty(self) -> Response<()> {
        Response { status: self.status, headers: self.headers, body: (), request_id_header: self.request_id_header }
    }
}
