//! Operations in the model: method, path, parameters and their styles, bodies by media type,
//! answers by status, output, pagination, and the names of their test doubles.

use super::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The `operationId`, or the name derived from method and path when there is none.
    pub id: String,
    /// Method name on the group handle (snake case).
    pub method_name: String,
    /// Request builder type (Pascal case).
    pub builder: String,
    /// Index into `Api::groups`.
    pub group: usize,
    pub method: HttpMethod,
    /// The path template as written, such as `/things/{thing_id}`.
    pub path: String,
    pub segments: Vec<PathSegment>,
    pub docs: Docs,
    pub deprecated: bool,
    /// The combinations of credentials the operation accepts, any one of them: indexes into
    /// `Api::security_schemes`, sent together. An empty combination means "none"; no
    /// combination at all, that the operation takes no credentials.
    pub security: Vec<Vec<usize>>,
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// What a successful call returns.
    pub output: Output,
    /// The `Accept` header `send` asks with, where its answer is not JSON.
    pub accept: Option<String>,
    /// The other media types a success answer comes in, each read by a `send_*` method of
    /// its own (GitHub's `application/vnd.github.diff`, say): nothing the document offers is lost.
    pub alternates: Vec<Alternate>,
    pub pagination: Option<Pagination>,
    /// The one type every documented JSON error answer of the operation has, where they agree:
    /// `Error::documented_body::<Builder>()` decodes it (`runtime::DocumentedError`).
    pub error_body: Option<TypeRef>,
    /// Its names in the test doubles (`mock` feature): a method on `MockApi` and a query
    /// trait, unique across groups (where `method_name` and `builder` are unique per group).
    pub mock: MockNames,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MockNames {
    pub method: String,
    pub query_trait: String,
    /// The trait's matcher of each query parameter (`query_per_page`), in `params`' order.
    pub query_matchers: Vec<String>,
    /// The struct of the operation's parameters, `None` when it has none.
    pub params: Option<String>,
}

impl Operation {
    /// The documented error answers with a JSON body of a type of their own, as
    /// `(status, type)`, in the document's order.
    pub fn error_bodies(&self) -> impl Iterator<Item = (&Status, &TypeRef)> {
        self.responses.iter().filter(|response| !response.status.is_success()).filter_map(|response| {
            match &response.body {
                Some(Payload::Json(ty)) if ty.named().is_some() => Some((&response.status, ty)),
                _ => None,
            }
        })
    }

    /// The parameters a caller passes as arguments, in order: the path's, as they first appear
    /// in it (a placeholder written twice is one argument, filled in at both places), then the
    /// required query, header and cookie ones by name, so that listing the document's
    /// parameters in another order is no change to the API. The others are optional setters.
    pub fn positional_params(&self) -> Vec<&Param> {
        let mut seen = Vec::new();
        let mut params: Vec<&Param> = self
            .segments
            .iter()
            .filter_map(|segment| match segment {
                PathSegment::Param(index) if !seen.contains(index) => {
                    seen.push(*index);
                    Some(&self.params[*index])
                }
                PathSegment::Param(_) | PathSegment::Literal(_) => None,
            })
            .collect();
        let mut required: Vec<&Param> =
            self.params.iter().filter(|param| param.location != ParamLocation::Path && param.required).collect();
        required.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        params.extend(required);
        params
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Whether sending the request twice has the effect of sending it once (RFC 9110 9.2.2).
    /// The retry policy never repeats a request that is not, once the server may have acted.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum PathSegment {
    Literal(String),
    /// Index into `Operation::params`.
    Param(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub name: String,
    /// The argument or setter name (snake case).
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: TypeRef,
    pub docs: Docs,
    pub deprecated: bool,
    /// Lists in a query: `a=1&a=2` (explode) or `a=1,2`; objects: `k=v&k2=v2` or `o=k,v,k2,v2`
    /// (form), `k=v,k2=v2` or `k,v,k2,v2` (simple).
    pub explode: bool,
    /// How a list or object is spelled (`style`); scalars are the same in every style.
    pub style: ParamStyle,
    /// `allowReserved`: a query value's RFC 3986 reserved characters are sent unescaped.
    pub allow_reserved: bool,
    /// Whether the value is a list or an object, spelled in `style` (else one scalar value).
    pub structured: bool,
    /// The document's bounds on the value.
    pub constraints: Constraints,
    /// Whether the client checks the value before sending: its bounds, and that a number is
    /// one JSON can carry (`runtime::check`). Decided in `lower/rust_api.rs`.
    pub checked: bool,
    /// How its argument or setter takes the value. Decided in `lower/rust_api.rs`.
    pub taking: Taking,
}

/// OpenAPI's parameter and encoding styles the client writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamStyle {
    /// The query's and cookies' default.
    #[default]
    Form,
    /// Path and header values: items joined with `,`.
    Simple,
    SpaceDelimited,
    PipeDelimited,
    /// `name[key]=value`, nested; lists as `name[]=value` (form bodies' bracket convention).
    DeepObject,
}

impl ParamStyle {
    /// As OpenAPI's `style` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamStyle::Form => "form",
            ParamStyle::Simple => "simple",
            ParamStyle::SpaceDelimited => "spaceDelimited",
            ParamStyle::PipeDelimited => "pipeDelimited",
            ParamStyle::DeepObject => "deepObject",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    /// As OpenAPI's `in` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RequestBody {
    pub required: bool,
    pub docs: Docs,
    /// One entry per media type the client can send, the preferred one first (JSON where the
    /// document offers it): the method's `body` argument (or the `body` setter) takes it, and
    /// each other one has a setter of its own.
    pub contents: Vec<BodyContent>,
    /// With several media types: the name of the builder's private enum that holds the one
    /// chosen.
    pub choice: Option<String>,
}

impl RequestBody {
    /// The preferred media type's content.
    pub fn first(&self) -> &BodyContent {
        &self.contents[0]
    }

    /// Every typed value the body can hold.
    pub fn type_refs(&self) -> impl Iterator<Item = &TypeRef> {
        self.contents.iter().filter_map(|content| content.kind.ty())
    }

    /// Every typed value the body can hold, to re-point it.
    pub fn type_refs_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        self.contents.iter_mut().filter_map(|content| content.kind.ty_mut())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BodyContent {
    /// The media type sent as `content-type`.
    pub media_type: String,
    pub kind: BodyKind,
    /// The builder's setter (`body` for the first; `form_body`, `binary_body`, ... for the
    /// others, unique among the builder's names).
    pub setter: String,
    /// The variant of the choice enum that holds it (with several media types).
    pub variant: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BodyKind {
    /// A value encoded with serde_json.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: the value's properties as pairs, by the
    /// document's `encoding` object (properties it does not name: lists repeated, objects in
    /// brackets).
    Form { ty: TypeRef, fields: Vec<FormEncoding> },
    /// `multipart/form-data`: one part per property (`parts` for structs with files, field by
    /// field; other values are serialized and sent property by property as text or JSON parts).
    Multipart { ty: TypeRef, parts: Option<Vec<MultipartPart>> },
    /// `text/*`: a string.
    Text,
    /// Any other media type: bytes or a stream, as a `runtime::Upload`.
    Binary,
}

impl BodyKind {
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart { ty, .. } => Some(ty),
            BodyKind::Text | BodyKind::Binary => None,
        }
    }

    pub fn ty_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart { ty, .. } => Some(ty),
            BodyKind::Text | BodyKind::Binary => None,
        }
    }

    /// The word that names the kind in setters and variants.
    pub fn word(&self) -> &'static str {
        match self {
            BodyKind::Json(_) => "json",
            BodyKind::Form { .. } => "form",
            BodyKind::Multipart { .. } => "multipart",
            BodyKind::Text => "text",
            BodyKind::Binary => "binary",
        }
    }
}

/// A property of a form body the `encoding` object names.
#[derive(Clone, Debug, PartialEq)]
pub struct FormEncoding {
    pub name: String,
    pub style: ParamStyle,
    pub explode: bool,
}

/// A property of a multipart body's struct, and how it is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct MultipartPart {
    /// The part's name on the wire.
    pub name: String,
    /// The struct field that holds it.
    pub rust_name: String,
    pub kind: PartKind,
    /// The encoding object's `contentType`, when it names one.
    pub content_type: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    /// Text (strings, numbers, booleans), one part per item of a list; objects as JSON.
    Value,
    /// A `runtime::Upload`.
    File,
    /// A list of `runtime::Upload`s, one part each.
    Files,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: Status,
    /// The body in its primary media type (JSON first), `None` when it has none.
    pub body: Option<Payload>,
    /// That media type.
    pub media_type: Option<String>,
    pub docs: Docs,
}

/// How a success answer's body is read.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    /// JSON, decoded into the type.
    Json(TypeRef),
    /// Newline-delimited JSON (`application/x-ndjson`), streamed, one value of the type per line.
    JsonLines(TypeRef),
    /// `text/*`: a `String`.
    Text,
    /// Anything else: the bytes as received (and a stream, for large downloads).
    Bytes,
}

impl Payload {
    /// The type decoded from JSON, for payloads that are JSON.
    pub fn json_type(&self) -> Option<&TypeRef> {
        match self {
            Payload::Json(ty) | Payload::JsonLines(ty) => Some(ty),
            Payload::Text | Payload::Bytes => None,
        }
    }

    pub fn json_type_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            Payload::Json(ty) | Payload::JsonLines(ty) => Some(ty),
            Payload::Text | Payload::Bytes => None,
        }
    }
}

/// A media type of the success answer other than the one `send` reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternate {
    /// The method that sends the request asking for it (`send_html`), unique on the builder.
    pub method: String,
    pub media_type: String,
    pub payload: Payload,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Range(u16),
    Default,
}

impl Status {
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(hundreds) => hundreds == 2,
            Status::Default => false,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(code) => write!(f, "{code}"),
            Status::Range(hundreds) => write!(f, "{hundreds}XX"),
            Status::Default => f.write_str("default"),
        }
    }
}

/// What the `send` method of an operation returns.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// No success response has a body.
    Empty,
    /// Every success response has this body (or none).
    Single(Payload),
    /// Success responses differ: an enum with one variant per status, named here.
    /// `unlisted` is the variant a success status the document does not list decodes as
    /// (`None` when a `default` variant takes every other status).
    ByStatus { name: String, variants: Vec<StatusVariant>, unlisted: Option<usize> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatusVariant {
    pub rust_name: String,
    pub status: Status,
    pub body: Option<Payload>,
}

/// How an operation pages through a list, from its `x-pagination` extension.
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    /// Index into `Operation::params` of the page number.
    pub page_param: usize,
    /// Index into `Operation::params` of the page size.
    pub size_param: Option<usize>,
    /// The number of the first page.
    pub first_page: u64,
    /// Fields from the response body to the list of items.
    pub items: Vec<FieldStep>,
    pub item_type: TypeRef,
    /// Fields from the response body to the total number of items.
    pub total: Option<Vec<FieldStep>>,
}

/// One field on the way from a response body to a value inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldStep {
    pub rust_name: String,
    /// How the field holds its value: plain, or an `Option` or `Nullable` that may hold none.
    /// (A boxed field needs nothing more: field access sees through the box.)
    pub shape: FieldShape,
}

impl Operation {
    /// Every type use of the operation: parameters, body, answers, output, paging.
    pub fn type_refs_mut(&mut self) -> Vec<&mut TypeRef> {
        let mut refs: Vec<&mut TypeRef> = self.params.iter_mut().map(|param| &mut param.ty).collect();
        if let Some(body) = &mut self.body {
            refs.extend(body.type_refs_mut());
        }
        refs.extend(self.responses.iter_mut().filter_map(|response| response.body.as_mut()?.json_type_mut()));
        match &mut self.output {
            Output::Empty => {}
            Output::Single(payload) => refs.extend(payload.json_type_mut()),
            Output::ByStatus { variants, .. } => {
                refs.extend(variants.iter_mut().filter_map(|variant| variant.body.as_mut()?.json_type_mut()))
            }
        }
        refs.extend(self.alternates.iter_mut().filter_map(|alternate| alternate.payload.json_type_mut()));
        if let Some(pagination) = &mut self.pagination {
            refs.push(&mut pagination.item_type);
        }
        refs
    }
}
