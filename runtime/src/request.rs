//! Building a request from arguments: checked, percent-encoded path segments, query, headers, body.

use std::fmt::{self, Display, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Error;

/// What the client needs to know about an operation besides its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The `operationId` (or the name derived from method and path).
    pub id: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path as written in the API document, with `{placeholders}`.
    pub path_template: &'static str,
    /// Whether sending the request twice has the effect of sending it once. Requests that
    /// are not are only retried when the server says it did not act on them.
    pub idempotent: bool,
    /// The combinations of credentials the operation accepts, any one of them: each a list
    /// of indexes into [`ApiDescription::security_schemes`](crate::ApiDescription::security_schemes),
    /// all sent together. An empty combination means "no credentials"; no combinations at
    /// all, that the operation takes none.
    pub security: &'static [&'static [usize]],
}

impl Operation {
    /// Whether the operation takes credentials at all.
    pub fn takes_credentials(&self) -> bool {
        self.security.iter().any(|alternative| !alternative.is_empty())
    }
}

/// Everything but the unreserved characters of RFC 3986: a value can never add a `/`, `?`,
/// `#` or `%` of its own to the URL, so it cannot change which endpoint is called.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Query values: as for segments; `,` stays literal only where it separates list items.
const QUERY_VALUE: &AsciiSet = SEGMENT;

/// Rejects a string argument outside the document's length limits before anything is sent.
pub fn check_length(
    operation: &Operation,
    parameter: &'static str,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), Error> {
    let length = value.chars().count();
    if let Some(max) = max.filter(|max| length > *max) {
        return Err(Error::invalid_argument(
            operation,
            parameter,
            format!("is {length} characters long; the API accepts at most {max}"),
        ));
    }
    if let Some(min) = min.filter(|min| length < *min) {
        return Err(Error::invalid_argument(
            operation,
            parameter,
            format!("is {length} characters long; the API needs at least {min}"),
        ));
    }
    Ok(())
}

/// The path of a request, built segment by segment from the template.
pub struct PathBuilder {
    operation: &'static Operation,
    path: String,
    scratch: String,
}

impl PathBuilder {
    /// A path for `operation`, filled in segment by segment.
    pub fn new(operation: &'static Operation) -> Self {
        PathBuilder {
            operation,
            path: String::with_capacity(operation.path_template.len() + 64),
            scratch: String::new(),
        }
    }

    /// Appends a literal part of the path template, as written.
    pub fn literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// Appends a parameter as one percent-encoded segment. Empty values, and `.` or `..`
    /// (which URL parsers resolve as "this" and "parent" directory), are refused.
    pub fn param(&mut self, parameter: &'static str, value: &(impl Display + ?Sized)) -> Result<(), Error> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let _ = write!(scratch, "{value}");
        let result = self.param_str(parameter, &scratch);
        self.scratch = scratch;
        result
    }

    /// [`param`](Self::param) for a value that is text already.
    pub fn param_str(&mut self, parameter: &'static str, value: &str) -> Result<(), Error> {
        if value.is_empty() {
            return Err(Error::invalid_argument(self.operation, parameter, "is empty; expected a non-empty value"));
        }
        if value == "." || value == ".." {
            return Err(Error::invalid_argument(
                self.operation,
                parameter,
                format!("is `{value}`, which would change which endpoint is called"),
            ));
        }
        self.path.extend(utf8_percent_encode(value, SEGMENT));
        Ok(())
    }

    /// The path, every placeholder filled.
    pub fn finish(self) -> String {
        self.path
    }
}

/// The parts of a request that vary between calls of one operation.
pub struct RequestParts {
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: Option<(bytes::Bytes, &'static str)>,
    /// The `Accept` header, where the answer wanted is not JSON.
    pub(crate) accept: Option<&'static str>,
}

impl RequestParts {
    /// A request to `path`, with no query, headers or body yet.
    pub fn new(path: String) -> Self {
        RequestParts {
            path,
            query: String::new(),
            headers: reqwest::header::HeaderMap::new(),
            body: None,
            accept: None,
        }
    }

    fn start_pair(&mut self, name: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        let _ = write!(self.query, "{}=", utf8_percent_encode(name, QUERY_VALUE));
    }

    /// Adds `name=value`. Numbers are written as Rust displays them, so a whole `f64` goes
    /// out as `1`, not `1.0`.
    pub fn query(&mut self, name: &str, value: &(impl Display + ?Sized)) {
        self.start_pair(name);
        let _ = write!(self.query, "{}", Encoded(value));
    }

    /// Adds a list: `name=a&name=b` when exploded, else `name=a,b`.
    pub fn query_list<V: Display>(&mut self, name: &str, values: impl Iterator<Item = V>, explode: bool) {
        let mut first = true;
        for value in values {
            if explode || first {
                self.start_pair(name);
            } else {
                self.query.push(',');
            }
            first = false;
            let _ = write!(self.query, "{}", Encoded(&value));
        }
    }

    /// Adds a header parameter, checking that its value can be sent in a header.
    pub fn header(
        &mut self,
        operation: &Operation,
        name: &'static str,
        value: &(impl Display + ?Sized),
    ) -> Result<(), Error> {
        let text = value.to_string();
        let value = reqwest::header::HeaderValue::from_str(&text).map_err(|_| {
            Error::invalid_argument(operation, name, "contains characters that a header value cannot hold")
        })?;
        let header = reqwest::header::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_argument(operation, name, "is not a valid header name"))?;
        self.headers.insert(header, value);
        Ok(())
    }

    /// Sets a JSON body.
    pub fn json_body(
        &mut self,
        operation: &Operation,
        value: impl serde::Serialize,
        media_type: &'static str,
    ) -> Result<(), Error> {
        let bytes = serde_json::to_vec(&value).map_err(|error| {
            Error::invalid_argument(operation, "body", format!("cannot be encoded as JSON: {error}"))
        })?;
        self.body = Some((bytes.into(), media_type));
        Ok(())
    }

    /// Asks for an answer of `media_type` (the `Accept` header) instead of JSON.
    pub fn accept(&mut self, media_type: &'static str) {
        self.accept = Some(media_type);
    }

    /// Sets a body of bytes sent as `media_type`.
    pub fn raw_body(&mut self, value: bytes::Bytes, media_type: &'static str) {
        self.body = Some((value, media_type));
    }
}

/// A value written through percent-encoding without an intermediate `String`.
struct Encoded<'v, V: ?Sized>(&'v V);

impl<V: Display + ?Sized> Display for Encoded<'_, V> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Encoder<'f, 'g>(&'f mut fmt::Formatter<'g>);
        impl fmt::Write for Encoder<'_, '_> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                for piece in utf8_percent_encode(text, QUERY_VALUE) {
                    self.0.write_str(piece)?;
                }
                Ok(())
            }
        }
        write!(Encoder(formatter), "{}", self.0)
    }
}
