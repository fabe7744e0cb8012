//! Building a request from arguments: checked, percent-encoded path segments, query, headers, body.

use std::fmt::{self, Display, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Error;
use crate::api::Operation;
use crate::body::{Body, Encoding, FormField, Multipart, Upload, pairs, to_value};

/// Everything but the unreserved characters of RFC 3986: a value can never add a `/`, `?`,
/// `#` or `%` of its own to the URL, so it cannot change which endpoint is called.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Query values: as for segments; `,` stays literal only where it separates list items.
const QUERY_VALUE: &AsciiSet = SEGMENT;

/// Query values of a parameter with `allowReserved`: RFC 3986's reserved characters stay
/// literal, except `#`, `&` and `+`, which would end the query, split the pair or read as a
/// space, and `%`, so that the value is not read as an escape.
const RESERVED_ALLOWED: &AsciiSet = &SEGMENT
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// Cookie values: everything but the unreserved characters, as in a path segment, so that a
/// value cannot end the cookie (`;`) or the header.
const COOKIE_VALUE: &AsciiSet = SEGMENT;

/// Appends `value` to `path` as one percent-encoded segment, or says why it cannot be one:
/// empty, or `.` or `..` (which URL parsers resolve as "this" and "parent" directory). The
/// generated calls' path parameters and raw calls' go through it.
pub(crate) fn push_segment(path: &mut String, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("is empty; expected a non-empty value".to_owned());
    }
    if value == "." || value == ".." {
        return Err(format!("is `{value}`, which would change which endpoint is called"));
    }
    path.extend(utf8_percent_encode(value, SEGMENT));
    Ok(())
}

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

    /// A list or object in the `simple` style: items joined with `,` (objects as
    /// `key,value,...`, or `key=value,...` when exploded), each item percent-encoded.
    pub fn param_value(
        &mut self,
        parameter: &'static str,
        value: &(impl serde::Serialize + ?Sized),
        explode: bool,
    ) -> Result<(), Error> {
        let value = to_value(self.operation, parameter, value)?;
        let items = simple(&value, explode);
        if items.is_empty() || items.iter().all(String::is_empty) {
            return Err(Error::invalid_argument(self.operation, parameter, "is empty; expected a non-empty value"));
        }
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.path.push(',');
            }
            self.path.extend(utf8_percent_encode(item, SEGMENT));
        }
        Ok(())
    }

    /// [`param`](Self::param) for a value that is text already.
    pub fn param_str(&mut self, parameter: &'static str, value: &str) -> Result<(), Error> {
        push_segment(&mut self.path, value).map_err(|reason| Error::invalid_argument(self.operation, parameter, reason))
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
    pub(crate) body: Body,
    /// Cookies, in order: sent as one `Cookie` header of `name=value` pairs joined by `; `.
    pub(crate) cookies: Vec<(String, String)>,
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
            body: Body::None,
            cookies: Vec::new(),
            accept: None,
        }
    }

    fn start_pair(&mut self, name: &str) {
        if self.query.is_empty() {
            // Room for a typical query at once, rather than growing by doubling from 8 bytes.
            self.query.reserve(64);
        } else {
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
        let bytes = crate::json::encode_json(operation, &value)?;
        self.body = Body::Bytes(bytes.into(), media_type.into());
        Ok(())
    }

    /// Sets a JSON body encoded by the type's own [`EncodeJson`](crate::EncodeJson) code.
    pub fn model_body(
        &mut self,
        operation: &Operation,
        value: &impl crate::EncodeJson,
        media_type: &'static str,
    ) -> Result<(), Error> {
        let bytes = value.encode_json(operation)?;
        self.body = Body::Bytes(bytes.into(), media_type.into());
        Ok(())
    }

    /// Asks for an answer of `media_type` (the `Accept` header) instead of JSON.
    pub fn accept(&mut self, media_type: &'static str) {
        self.accept = Some(media_type);
    }

    /// Sets a body of bytes sent as `media_type`.
    pub fn raw_body(&mut self, value: bytes::Bytes, media_type: &'static str) {
        self.body = Body::Bytes(value, media_type.into());
    }

    /// Sets a text body (`text/plain` and the like).
    pub fn text_body(&mut self, value: &str, media_type: &'static str) {
        self.body = Body::Bytes(bytes::Bytes::copy_from_slice(value.as_bytes()), media_type.into());
    }

    /// Sets a binary body from an upload; its own content type, if it has one, wins over
    /// the document's `media_type`.
    pub fn upload_body(&mut self, value: &Upload, media_type: &'static str) {
        self.body = Body::Upload(value.clone(), media_type);
    }

    /// Sets an `application/x-www-form-urlencoded` body: the value's properties as pairs, by
    /// `fields` (the document's `encoding` object), else lists repeated and objects in
    /// brackets (`metadata[key]=v`).
    pub fn form_body(
        &mut self,
        operation: &Operation,
        value: impl serde::Serialize,
        fields: &[FormField],
        media_type: &'static str,
    ) -> Result<(), Error> {
        let value = to_value(operation, "body", value)?;
        let text = crate::body::form(&value, fields);
        self.body = Body::Bytes(text.into(), media_type.into());
        Ok(())
    }

    /// Sets a `multipart/form-data` body from its parts.
    pub fn multipart_body(&mut self, parts: MultipartParts) {
        self.body = Body::Multipart(parts.0);
    }

    /// Adds a query parameter that is a list or an object, in the style the document gives
    /// (`deepObject`: `created[gte]=1`; `form`, `spaceDelimited`, `pipeDelimited`);
    /// `allow_reserved` keeps RFC 3986's reserved characters literal.
    pub fn query_value(
        &mut self,
        operation: &Operation,
        name: &'static str,
        value: &(impl serde::Serialize + ?Sized),
        encoding: Encoding,
        allow_reserved: bool,
    ) -> Result<(), Error> {
        let value = to_value(operation, name, value)?;
        let mut found = Vec::new();
        pairs(name, &value, encoding, &mut found);
        let set = if allow_reserved { RESERVED_ALLOWED } else { QUERY_VALUE };
        for (key, item) in found {
            if !self.query.is_empty() {
                self.query.push('&');
            }
            let _ =
                write!(self.query, "{}={}", utf8_percent_encode(&key, QUERY_VALUE), utf8_percent_encode(&item, set));
        }
        Ok(())
    }

    /// Adds a scalar query parameter with `allowReserved`: RFC 3986's reserved characters
    /// stay literal.
    pub fn query_reserved(&mut self, name: &str, value: &(impl Display + ?Sized)) {
        self.start_pair(name);
        let _ = write!(self.query, "{}", utf8_percent_encode(&value.to_string(), RESERVED_ALLOWED));
    }

    /// Adds a header parameter that is a list or an object, in the `simple` style.
    pub fn header_value(
        &mut self,
        operation: &Operation,
        name: &'static str,
        value: &(impl serde::Serialize + ?Sized),
        explode: bool,
    ) -> Result<(), Error> {
        let value = to_value(operation, name, value)?;
        self.header(operation, name, &simple(&value, explode).join(","))
    }

    /// Adds a cookie parameter (`form` style: lists and objects joined with `,`), its value
    /// percent-encoded so that it cannot end the cookie.
    pub fn cookie(
        &mut self,
        operation: &Operation,
        name: &'static str,
        value: &(impl serde::Serialize + ?Sized),
    ) -> Result<(), Error> {
        let value = to_value(operation, name, value)?;
        let text: Vec<String> =
            simple(&value, false).iter().map(|item| utf8_percent_encode(item, COOKIE_VALUE).to_string()).collect();
        self.cookies.push((name.to_owned(), text.join(",")));
        Ok(())
    }

    /// The `Cookie` header the cookies make, if there are any.
    pub(crate) fn cookie_header(&self) -> Option<reqwest::header::HeaderValue> {
        if self.cookies.is_empty() {
            return None;
        }
        let joined: Vec<String> = self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
        // Cookies often carry credentials: marked sensitive, so that no HTTP layer prints them.
        let mut value = reqwest::header::HeaderValue::from_str(&joined.join("; ")).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

/// The items of a value in the `simple` style, unescaped: a list's items, an object's keys
/// and values (`key=value` pairs when exploded), a scalar alone.
fn simple(value: &serde_json::Value, explode: bool) -> Vec<String> {
    use serde_json::Value;
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match value {
        Value::Array(items) => items.iter().map(text).collect(),
        Value::Object(fields) if explode => fields.iter().map(|(key, item)| format!("{key}={}", text(item))).collect(),
        Value::Object(fields) => fields.iter().flat_map(|(key, item)| [key.clone(), text(item)]).collect(),
        other => vec![text(other)],
    }
}

/// The parts of a multipart body, built by generated code one property at a time.
#[derive(Default)]
pub struct MultipartParts(Multipart);

impl MultipartParts {
    /// No parts yet.
    pub fn new() -> Self {
        MultipartParts::default()
    }

    /// A property sent as text (or as JSON, for objects; one part per item for lists), with
    /// the encoding object's `content_type` if it names one.
    pub fn value(
        &mut self,
        operation: &Operation,
        name: &'static str,
        value: &(impl serde::Serialize + ?Sized),
        content_type: Option<&'static str>,
    ) -> Result<(), Error> {
        let value = to_value(operation, name, value)?;
        self.0.value(name, &value, content_type);
        Ok(())
    }

    /// Every property of `value` (an object) as a value part: a body without file parts.
    pub fn properties(&mut self, operation: &Operation, value: &(impl serde::Serialize + ?Sized)) -> Result<(), Error> {
        match to_value(operation, "body", value)? {
            serde_json::Value::Object(properties) => {
                for (name, item) in &properties {
                    self.0.value(name, item, None);
                }
            }
            other => self.0.value("", &other, None),
        }
        Ok(())
    }

    /// The file parts of a field, one per upload it holds, all under `name`; `content_type`
    /// is the document's, used when an upload names none.
    pub fn files(&mut self, name: &str, uploads: &impl Uploads, content_type: Option<&'static str>) {
        uploads.each(&mut |upload| self.0.file(name, upload, content_type));
    }
}

/// The uploads a field of a multipart body holds, whatever its shape (`Option`, `Nullable`,
/// a list).
pub trait Uploads {
    /// Calls `f` on each upload, in order.
    fn each(&self, f: &mut dyn FnMut(&Upload));
}

impl Uploads for Upload {
    fn each(&self, f: &mut dyn FnMut(&Upload)) {
        f(self)
    }
}

impl<T: Uploads> Uploads for Vec<T> {
    fn each(&self, f: &mut dyn FnMut(&Upload)) {
        self.iter().for_each(|item| item.each(f))
    }
}

impl<T: Uploads> Uploads for Option<T> {
    fn each(&self, f: &mut dyn FnMut(&Upload)) {
        if let Some(item) = self {
            item.each(f)
        }
    }
}

impl<T: Uploads> Uploads for crate::Nullable<T> {
    fn each(&self, f: &mut dyn FnMut(&Upload)) {
        if let Some(item) = self.value() {
            item.each(f)
        }
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
