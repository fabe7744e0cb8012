//! Request bodies other than JSON, and parameter values that are lists or objects: forms
//! (`application/x-www-form-urlencoded`), multipart forms, uploads of bytes or a stream, and
//! the OpenAPI styles (`form`, `deepObject`, delimited) that spell a structured value as pairs.
//!
//! Typed values are first serialized to a `serde_json::Value` and then walked, so that one
//! set of rules serves every model; the escaping itself is `form_urlencoded`'s (bodies) and
//! `percent_encoding`'s (query strings), never written here.

use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde_json::Value;

use crate::{Error, Operation};

/// A file, or any binary content, to send in a request: a multipart file part or a whole
/// binary body. Made from bytes (sent again on a retry) or from a stream (read once):
/// `Upload::bytes(png).with_file_name("avatar.png").with_content_type("image/png")`.
///
/// `Serialize` writes a description, not the content (`{"file_name": .., "content_type": ..,
/// "length": ..}`, the length `null` for a stream), so that logging a request body never
/// copies a file; `Deserialize` reads a string as the content, for test data. Two uploads are
/// equal when their names, types and bytes are; two streams only when they are clones of one.
///
/// A multipart file part always carries a file name: many servers read a part without
/// `filename=` as a plain field, not a file. Without [`with_file_name`](Self::with_file_name)
/// it is the part's field name with the extension of its media type where that is a common
/// one (`avatar.png` for the field `avatar` sent as `image/png`, `report.pdf`, `notes.txt`,
/// `data.json`, `blob.bin` for `application/octet-stream`), else the field name alone.
#[derive(Clone, Default)]
pub struct Upload {
    content: Content,
    file_name: Option<String>,
    content_type: Option<String>,
}

/// A stream is shared by the clones of a request and taken by the first attempt that sends it.
type SharedStream = Arc<Mutex<Option<reqwest::Body>>>;

#[derive(Clone)]
enum Content {
    Bytes(Bytes),
    Stream { body: SharedStream, length: Option<u64> },
}

impl Default for Content {
    fn default() -> Self {
        Content::Bytes(Bytes::new())
    }
}

impl Upload {
    /// Content given whole; a retry sends it again.
    pub fn bytes(content: impl Into<Bytes>) -> Upload {
        Upload { content: Content::Bytes(content.into()), file_name: None, content_type: None }
    }

    /// Content read from a stream of chunks, sent as it is read, once: a request that holds a
    /// stream is not retried (its first attempt consumed it), and the call returns that
    /// attempt's outcome. `length`, when known, is sent as the part's or body's length.
    pub fn stream<S>(stream: S, length: Option<u64>) -> Upload
    where
        S: futures_core::stream::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        let body = reqwest::Body::wrap_stream(stream);
        Upload {
            content: Content::Stream { body: Arc::new(Mutex::new(Some(body))), length },
            file_name: None,
            content_type: None,
        }
    }

    /// The file name sent with a multipart part (`filename=` of its `Content-Disposition`);
    /// without one, the part's is made from its field name and media type (see [`Upload`]).
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Upload {
        self.file_name = Some(file_name.into());
        self
    }

    /// The media type sent for the content, instead of the one the document names (or
    /// `application/octet-stream`).
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Upload {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file name, if one was given (not the one a multipart part makes up without it).
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The media type, if one was given.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The content, when it was given as bytes.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.content {
            Content::Bytes(bytes) => Some(bytes),
            Content::Stream { .. } => None,
        }
    }

    /// Whether the content is a stream, which is sent once.
    pub fn is_stream(&self) -> bool {
        matches!(self.content, Content::Stream { .. })
    }

    /// The length of the content, where known.
    pub fn len(&self) -> Option<u64> {
        match &self.content {
            Content::Bytes(bytes) => Some(bytes.len() as u64),
            Content::Stream { length, .. } => *length,
        }
    }

    /// Whether the content is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The content as a body for one attempt, or `None` when a stream was taken already.
    fn take_body(&self) -> Option<reqwest::Body> {
        match &self.content {
            Content::Bytes(bytes) => Some(reqwest::Body::from(bytes.clone())),
            Content::Stream { body, .. } => body.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take(),
        }
    }
}

impl From<Bytes> for Upload {
    fn from(content: Bytes) -> Upload {
        Upload::bytes(content)
    }
}

impl From<Vec<u8>> for Upload {
    fn from(content: Vec<u8>) -> Upload {
        Upload::bytes(content)
    }
}

impl From<&'static [u8]> for Upload {
    fn from(content: &'static [u8]) -> Upload {
        Upload::bytes(content)
    }
}

impl From<String> for Upload {
    fn from(content: String) -> Upload {
        Upload::bytes(content)
    }
}

impl From<&str> for Upload {
    fn from(content: &str) -> Upload {
        Upload::bytes(content.to_owned())
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Upload");
        match &self.content {
            Content::Bytes(bytes) => out.field("length", &bytes.len()),
            Content::Stream { length, .. } => out.field("stream", &true).field("length", length),
        };
        out.field("file_name", &self.file_name).field("content_type", &self.content_type).finish()
    }
}

impl PartialEq for Upload {
    fn eq(&self, other: &Upload) -> bool {
        let content = match (&self.content, &other.content) {
            (Content::Bytes(a), Content::Bytes(b)) => a == b,
            (Content::Stream { body: a, .. }, Content::Stream { body: b, .. }) => Arc::ptr_eq(a, b),
            _ => false,
        };
        content && self.file_name == other.file_name && self.content_type == other.content_type
    }
}

impl serde::Serialize for Upload {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("file_name", &self.file_name)?;
        map.serialize_entry("content_type", &self.content_type)?;
        map.serialize_entry("length", &self.len())?;
        map.end()
    }
}

impl<'de> serde::Deserialize<'de> for Upload {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Upload, D::Error> {
        String::deserialize(deserializer).map(Upload::from)
    }
}

/// How a list or object is spelled as name and value pairs (OpenAPI's `style`).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `form`: lists repeated (`a=1&a=2`) or joined with commas; objects as their own pairs
    /// (`k=v`) or `name=k,v`.
    Form,
    /// `spaceDelimited`: lists joined with spaces.
    SpaceDelimited,
    /// `pipeDelimited`: lists joined with `|`.
    PipeDelimited,
    /// `deepObject`, and the bracket convention of form bodies (Stripe's, Rails', PHP's):
    /// `name[key]=v`, nested to any depth, lists as `name[]=v` (objects in lists as
    /// `name[0][key]=v`).
    Brackets,
}

/// How one value of a form body or query string is written.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    pub style: Style,
    pub explode: bool,
}

/// The property of a form body the document's `encoding` object names, and how it is written.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormField {
    pub name: &'static str,
    pub encoding: Encoding,
}

/// The pairs a value gives under `name`, in order. Scalars are written as JSON shows them
/// (strings without quotes), `null` as an empty value.
pub(crate) fn pairs(name: &str, value: &Value, encoding: Encoding, out: &mut Vec<(String, String)>) {
    match (value, encoding.style) {
        (Value::Array(items), Style::Brackets) => {
            for (index, item) in items.iter().enumerate() {
                if is_scalar(item) {
                    out.push((format!("{name}[]"), scalar(item)));
                } else {
                    pairs(&format!("{name}[{index}]"), item, encoding, out);
                }
            }
        }
        (Value::Object(fields), Style::Brackets) => {
            for (key, item) in fields {
                pairs(&format!("{name}[{key}]"), item, encoding, out);
            }
        }
        (Value::Array(items), style) => {
            let separator = match style {
                Style::SpaceDelimited => " ",
                Style::PipeDelimited => "|",
                _ => ",",
            };
            if encoding.explode {
                for item in items {
                    if is_scalar(item) {
                        out.push((name.to_owned(), scalar(item)));
                    } else {
                        out.push((name.to_owned(), item.to_string()));
                    }
                }
            } else if !items.is_empty() {
                let joined: Vec<String> = items.iter().map(scalar_or_json).collect();
                out.push((name.to_owned(), joined.join(separator)));
            }
        }
        (Value::Object(fields), _) => {
            if encoding.explode {
                for (key, item) in fields {
                    out.push((key.clone(), scalar_or_json(item)));
                }
            } else if !fields.is_empty() {
                let joined: Vec<String> =
                    fields.iter().flat_map(|(key, item)| [key.clone(), scalar_or_json(item)]).collect();
                out.push((name.to_owned(), joined.join(",")));
            }
        }
        (scalar_value, _) => out.push((name.to_owned(), scalar(scalar_value))),
    }
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A scalar as text; a list or object inside a joined value as JSON, the only spelling that
/// keeps it whole.
fn scalar_or_json(value: &Value) -> String {
    if is_scalar(value) { scalar(value) } else { value.to_string() }
}

/// A value as JSON, for the pair encoders.
pub(crate) fn to_value(
    operation: &Operation,
    parameter: &'static str,
    value: impl serde::Serialize,
) -> Result<Value, Error> {
    serde_json::to_value(value)
        .map_err(|error| Error::invalid_argument(operation, parameter, format!("cannot be encoded: {error}")))
}

/// A form body: every property of `value` (an object) as pairs, by the `encoding` the
/// document gives it, else lists repeated (`a=1&a=2`) and objects in brackets
/// (`metadata[key]=v`); properties left out of the value (`None`) are not sent.
pub(crate) fn form(value: &Value, fields: &[FormField]) -> String {
    let mut pairs_out = Vec::new();
    match value {
        Value::Object(properties) => {
            for (name, item) in properties {
                let encoding = fields.iter().find(|field| field.name == name).map(|field| field.encoding);
                let encoding = encoding.unwrap_or(Encoding {
                    style: if matches!(item, Value::Object(_)) { Style::Brackets } else { Style::Form },
                    explode: true,
                });
                pairs(name, item, encoding, &mut pairs_out);
            }
        }
        // A body that is not an object has no property names: sent as one unnamed value.
        other => pairs_out.push((String::new(), scalar_or_json(other))),
    }
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, item) in &pairs_out {
        serializer.append_pair(name, item);
    }
    serializer.finish()
}

/// One part of a multipart form, kept so that the form can be built again for a retry.
#[derive(Clone, Debug)]
pub(crate) struct Part {
    name: String,
    content: PartContent,
}

#[derive(Clone, Debug)]
enum PartContent {
    /// Text, or JSON with its media type.
    Text { text: String, content_type: Option<&'static str> },
    /// A file; `content_type` is the document's, used when the upload names none.
    File { upload: Upload, content_type: Option<&'static str> },
}

/// The parts of a multipart body, in the order they were added.
#[derive(Clone, Debug, Default)]
pub(crate) struct Multipart {
    parts: Vec<Part>,
}

impl Multipart {
    /// A property as a text part: strings as they are, numbers and booleans as JSON writes
    /// them, lists as one part per item, objects (and lists in lists) as JSON parts;
    /// `content_type` is the encoding object's, if any.
    pub(crate) fn value(&mut self, name: &str, value: &Value, content_type: Option<&'static str>) {
        match value {
            Value::Array(items) => {
                for item in items {
                    if matches!(item, Value::Array(_)) {
                        self.json(name, item, content_type);
                    } else {
                        self.value(name, item, content_type);
                    }
                }
            }
            Value::Object(_) => self.json(name, value, content_type),
            Value::Null => {}
            other => self
                .parts
                .push(Part { name: name.to_owned(), content: PartContent::Text { text: scalar(other), content_type } }),
        }
    }

    fn json(&mut self, name: &str, value: &Value, content_type: Option<&'static str>) {
        let content_type = Some(content_type.unwrap_or("application/json"));
        self.parts
            .push(Part { name: name.to_owned(), content: PartContent::Text { text: value.to_string(), content_type } });
    }

    /// A file part.
    pub(crate) fn file(&mut self, name: &str, upload: &Upload, content_type: Option<&'static str>) {
        self.parts
            .push(Part { name: name.to_owned(), content: PartContent::File { upload: upload.clone(), content_type } });
    }

    fn has_stream(&self) -> bool {
        self.parts.iter().any(|part| matches!(&part.content, PartContent::File { upload, .. } if upload.is_stream()))
    }

    /// The form for one attempt, or `None` when a stream in it was sent already.
    fn form(&self, operation: &Operation) -> Result<Option<reqwest::multipart::Form>, Error> {
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let (built, content_type) = match &part.content {
                PartContent::Text { text, content_type } => {
                    (reqwest::multipart::Part::text(text.clone()), content_type.map(str::to_owned))
                }
                PartContent::File { upload, content_type } => {
                    let Some(body) = upload.take_body() else { return Ok(None) };
                    let built = match upload.len() {
                        Some(length) => reqwest::multipart::Part::stream_with_length(body, length),
                        None => reqwest::multipart::Part::stream(body),
                    };
                    let content_type =
                        upload.content_type().or(*content_type).unwrap_or("application/octet-stream").to_owned();
                    let file_name = match upload.file_name() {
                        Some(file_name) => file_name.to_owned(),
                        None => default_file_name(&part.name, &content_type),
                    };
                    (built.file_name(file_name), Some(content_type))
                }
            };
            let built = match content_type {
                Some(content_type) => built.mime_str(&content_type).map_err(|_| {
                    Error::invalid_argument(
                        operation,
                        "body",
                        format!("part `{}` has an invalid media type `{content_type}`", part.name),
                    )
                })?,
                None => built,
            };
            form = form.part(part.name.clone(), built);
        }
        Ok(Some(form))
    }
}

/// The file name of a multipart file part given none: the field name (`file` when it is empty)
/// with the extension of `media_type` where it is a common one (parameters and case ignored).
fn default_file_name(field: &str, media_type: &str) -> String {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let extension = match essence.as_str() {
        "application/octet-stream" => "bin",
        "application/json" => "json",
        "application/pdf" => "pdf",
        "application/zip" => "zip",
        "application/gzip" => "gz",
        "application/xml" | "text/xml" => "xml",
        "text/plain" => "txt",
        "text/csv" => "csv",
        "text/html" => "html",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/svg+xml" => "svg",
        "audio/mpeg" => "mp3",
        "audio/wav" => "wav",
        "video/mp4" => "mp4",
        _ => "",
    };
    let stem = if field.is_empty() { "file" } else { field };
    if extension.is_empty() { stem.to_owned() } else { format!("{stem}.{extension}") }
}

/// A request's body, as stored between attempts.
#[derive(Clone, Debug, Default)]
pub(crate) enum Body {
    #[default]
    None,
    /// Bytes and their media type: JSON, forms, text, binary content given whole. The
    /// document's media types are borrowed: no allocation per call.
    Bytes(Bytes, std::borrow::Cow<'static, str>),
    /// A binary body from an upload (bytes or a stream), and the document's media type.
    Upload(Upload, &'static str),
    Multipart(Multipart),
}

impl Body {
    /// The `content-type` to send, where the body is not multipart (reqwest writes that one,
    /// with its boundary).
    pub(crate) fn content_type(&self) -> Option<&str> {
        match self {
            Body::None | Body::Multipart(_) => None,
            Body::Bytes(_, media_type) => Some(media_type),
            Body::Upload(upload, media_type) => Some(upload.content_type().unwrap_or(media_type)),
        }
    }

    /// The `content-type` header to send, where the body is not multipart: a media type of the
    /// document's as it is (no copy), any other checked.
    pub(crate) fn content_type_value(&self) -> Option<reqwest::header::HeaderValue> {
        use reqwest::header::HeaderValue;
        let fallback = || HeaderValue::from_static("application/octet-stream");
        match self {
            Body::Bytes(_, std::borrow::Cow::Borrowed(media_type))
                if media_type.bytes().all(|byte| byte == b'\t' || (32..127).contains(&byte)) =>
            {
                Some(HeaderValue::from_static(media_type))
            }
            _ => self.content_type().map(|media_type| HeaderValue::from_str(media_type).unwrap_or_else(|_| fallback())),
        }
    }

    /// Whether the body can be sent again: not when it holds a stream.
    pub(crate) fn is_replayable(&self) -> bool {
        match self {
            Body::Upload(upload, _) => !upload.is_stream(),
            Body::Multipart(multipart) => !multipart.has_stream(),
            Body::None | Body::Bytes(..) => true,
        }
    }

    /// Sets `fields` on a JSON object body (the escape hatch for fields the document lags
    /// behind on): any other body is refused, naming what it is.
    pub(crate) fn add_json_fields(
        &mut self,
        operation: &Operation,
        fields: Vec<(String, serde_json::Value)>,
    ) -> Result<(), Error> {
        let refuse = |what: &str| {
            Error::invalid_argument(operation, "body", format!("is {what}, so it cannot take extra JSON fields"))
        };
        let Body::Bytes(bytes, media_type) = self else {
            return Err(refuse(match self {
                Body::None => "absent",
                Body::Upload(..) => "an upload",
                _ => "multipart",
            }));
        };
        let is_json = media_type.split(';').next().is_some_and(|media| {
            let media = media.trim().to_ascii_lowercase();
            media == "application/json" || media.ends_with("+json")
        });
        if !is_json {
            return Err(refuse(&format!("`{media_type}`")));
        }
        let mut object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(bytes).map_err(|_| refuse("JSON but not an object"))?;
        object.extend(fields);
        let encoded = serde_json::to_vec(&object).map_err(|error| refuse(&format!("not encodable again ({error})")))?;
        *bytes = Bytes::from(encoded);
        Ok(())
    }

    /// Puts the body on one attempt's request built directly: `false` for a multipart body,
    /// whose boundary reqwest's builder writes (`attach_multipart`).
    pub(crate) fn put(&self, operation: &Operation, request: &mut reqwest::Request) -> Result<bool, Error> {
        let body = match self {
            Body::None => return Ok(true),
            Body::Multipart(_) => return Ok(false),
            Body::Bytes(bytes, _) => reqwest::Body::from(bytes.clone()),
            Body::Upload(upload, _) => upload.take_body().ok_or_else(|| consumed(operation))?,
        };
        *request.body_mut() = Some(body);
        Ok(true)
    }

    /// Puts a multipart body on one attempt's request; any other body is left to `put`.
    pub(crate) fn attach_multipart(
        &self,
        operation: &Operation,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, Error> {
        match self {
            Body::Multipart(multipart) => {
                Ok(request.multipart(multipart.form(operation)?.ok_or_else(|| consumed(operation))?))
            }
            _ => Ok(request),
        }
    }
}

/// A body read from a stream, asked for again by a second attempt.
fn consumed(operation: &Operation) -> Error {
    Error::invalid_argument(
        operation,
        "body",
        "holds a stream that an earlier attempt consumed; it cannot be sent again",
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const OPERATION: Operation = Operation {
        id: "upload",
        method: reqwest::Method::POST,
        path_template: "/upload",
        idempotent: false,
        security: &[],
    };

    /// The pairs a real decoder reads, sorted: a `serde_json` map without `preserve_order`
    /// gives the properties in alphabetical order, with it in the struct's.
    fn decoded(body: &str) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        pairs.sort();
        pairs
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> =
            pairs.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn forms_use_brackets_for_objects_and_repeat_lists_by_default() {
        let value = json!({"amount": 5, "note": "a b&c", "metadata": {"order": "42", "nested": {"x": true}}, "tags": ["a", "b"]});
        assert_eq!(
            decoded(&form(&value, &[])),
            owned(&[
                ("amount", "5"),
                ("note", "a b&c"),
                ("metadata[order]", "42"),
                ("metadata[nested][x]", "true"),
                ("tags", "a"),
                ("tags", "b"),
            ])
        );
    }

    #[test]
    fn forms_follow_the_encoding_object() {
        let brackets = Encoding { style: Style::Brackets, explode: true };
        let joined = Encoding { style: Style::Form, explode: false };
        let piped = Encoding { style: Style::PipeDelimited, explode: false };
        let value = json!({"expand": ["a", "b"], "items": [{"price": "p1"}], "ids": [1, 2], "path": ["x", "y"]});
        let fields = [
            FormField { name: "expand", encoding: brackets },
            FormField { name: "items", encoding: brackets },
            FormField { name: "ids", encoding: joined },
            FormField { name: "path", encoding: piped },
        ];
        assert_eq!(
            decoded(&form(&value, &fields)),
            owned(&[("expand[]", "a"), ("expand[]", "b"), ("items[0][price]", "p1"), ("ids", "1,2"), ("path", "x|y")])
        );
    }

    #[test]
    fn objects_in_form_style_are_their_own_pairs_or_one_joined_value() {
        let value = json!({"r": 100, "g": 200});
        let mut out = Vec::new();
        pairs("color", &value, Encoding { style: Style::Form, explode: true }, &mut out);
        out.sort();
        assert_eq!(out, owned(&[("r", "100"), ("g", "200")]));
        out.clear();
        pairs("color", &json!({"r": 100}), Encoding { style: Style::Form, explode: false }, &mut out);
        assert_eq!(out, owned(&[("color", "r,100")]));
    }

    async fn parse(form: reqwest::multipart::Form) -> Vec<(String, Option<String>, Option<String>, Vec<u8>)> {
        use futures_util::StreamExt as _;
        let boundary = form.boundary().to_owned();
        let mut stream = form.into_stream();
        let mut bytes = Vec::new();
        while let Some(chunk) = stream.next().await {
            bytes.extend_from_slice(&chunk.expect("a chunk"));
        }
        let source = futures_util::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(bytes)) });
        let mut multipart = multer::Multipart::new(source, boundary);
        let mut parts = Vec::new();
        while let Some(field) = multipart.next_field().await.expect("a valid form") {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(ToString::to_string);
            parts.push((name, file_name, content_type, field.bytes().await.expect("a part").to_vec()));
        }
        parts
    }

    #[tokio::test]
    async fn multipart_forms_are_built_again_for_each_attempt() {
        let mut multipart = Multipart::default();
        multipart.value("title", &json!("holiday"), None);
        multipart.value("tags", &json!(["a", "b"]), None);
        multipart.value("meta", &json!({"w": 2}), None);
        multipart.file("file", &Upload::bytes("PNG").with_file_name("a.png"), Some("image/png"));
        for _attempt in 0..2 {
            let form = multipart.form(&OPERATION).expect("valid").expect("no stream");
            let parts = parse(form).await;
            let text = |value: &str| value.as_bytes().to_vec();
            assert_eq!(
                parts,
                vec![
                    ("title".to_owned(), None, None, text("holiday")),
                    ("tags".to_owned(), None, None, text("a")),
                    ("tags".to_owned(), None, None, text("b")),
                    ("meta".to_owned(), None, Some("application/json".to_owned()), text(r#"{"w":2}"#)),
                    ("file".to_owned(), Some("a.png".to_owned()), Some("image/png".to_owned()), text("PNG")),
                ]
            );
        }
    }

    #[tokio::test]
    async fn a_stream_is_sent_once() {
        let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"abc"))]);
        let upload = Upload::stream(chunks, Some(3)).with_file_name("log.txt");
        let mut multipart = Multipart::default();
        multipart.file("log", &upload, None);
        let body = Body::Multipart(multipart.clone());
        assert!(!body.is_replayable());
        let parts = parse(multipart.form(&OPERATION).expect("valid").expect("first time")).await;
        assert_eq!(parts[0].3, b"abc");
        assert_eq!(parts[0].2.as_deref(), Some("application/octet-stream"));
        assert!(multipart.form(&OPERATION).expect("valid").is_none(), "the stream was taken");
    }

    #[tokio::test]
    async fn a_file_part_without_a_file_name_gets_one_from_its_field_and_media_type() {
        let mut multipart = Multipart::default();
        multipart.file("avatar", &Upload::bytes("PNG"), Some("image/png"));
        multipart.file("report", &Upload::bytes("%PDF").with_content_type("application/pdf"), None);
        multipart.file("notes", &Upload::bytes("hi"), Some("text/plain; charset=utf-8"));
        multipart.file("data", &Upload::bytes("{}"), Some("Application/JSON"));
        multipart.file("blob", &Upload::bytes("?"), None);
        multipart.file("model", &Upload::bytes("?"), Some("model/gltf-binary"));
        multipart.file("named", &Upload::bytes("?").with_file_name("mine.dat"), Some("image/png"));
        let parts = parse(multipart.form(&OPERATION).expect("valid").expect("no stream")).await;
        let file_names: Vec<(&str, Option<&str>)> =
            parts.iter().map(|(name, file_name, ..)| (name.as_str(), file_name.as_deref())).collect();
        assert_eq!(
            file_names,
            [
                ("avatar", Some("avatar.png")),
                ("report", Some("report.pdf")),
                ("notes", Some("notes.txt")),
                ("data", Some("data.json")),
                ("blob", Some("blob.bin")),
                ("model", Some("model")),
                ("named", Some("mine.dat")),
            ]
        );
        assert_eq!(default_file_name("", "image/jpeg"), "file.jpg");
    }

    #[test]
    fn uploads_compare_by_content_and_serialize_as_a_description() {
        let upload = Upload::bytes("abc").with_content_type("text/plain");
        assert_eq!(upload, Upload::from("abc").with_content_type("text/plain"));
        assert_ne!(upload, Upload::from("abd").with_content_type("text/plain"));
        assert_eq!(
            serde_json::to_value(&upload).expect("serializes"),
            json!({"file_name": null, "content_type": "text/plain", "length": 3})
        );
        let read: Upload = serde_json::from_value(json!("xyz")).expect("deserializes");
        assert_eq!(read.as_bytes().map(|bytes| bytes.as_ref()), Some(&b"xyz"[..]));
    }
}
