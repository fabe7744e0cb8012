//! The lowered model: plain data, every decision already made, no openapiv3 or token types.
//!
//! Lowering fills it in; emitting only reads it. Lists keep document order, so the same
//! document always gives the same model, and comparing two models (the API diff) compares
//! meaning, not text.

use std::collections::BTreeSet;

pub use crate::options::ErrorShape;

/// A whole API, ready to emit.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    pub title: String,
    /// `info.version` of the document.
    pub version: String,
    pub docs: Docs,
    /// The first `servers` URL, the client's default base URL.
    pub base_url: Option<String>,
    /// The ways the API accepts credentials; operations name them by index.
    pub security_schemes: Vec<SecurityScheme>,
    /// Whether every operation needs a credential: a client built without any is refused.
    pub requires_credentials: bool,
    /// Where the document's error answers keep their code and message, as their schemas say.
    pub error_shapes: Vec<ErrorShape>,
    pub groups: Vec<Group>,
    pub operations: Vec<Operation>,
    pub types: Vec<TypeDef>,
    /// Whether some schema is used by no operation: such types sit behind a feature of
    /// their own, `unreferenced-models`.
    pub has_unreferenced: bool,
    /// The models crates the types go to, for a document of more types than
    /// `Options::split_models` (decided by `lower::split_models`).
    pub model_crates: Option<ModelCrates>,
}

/// Which models crate each type goes to, when the document is split.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelCrates {
    /// By `TypeId` index.
    pub crate_of: Vec<usize>,
    pub count: usize,
}

/// The feature behind the schemas that no operation uses.
pub const UNREFERENCED: &str = "unreferenced-models";

impl Api {
    /// The groups that have operations, and so a module and a cargo feature, in order. One
    /// pass over the operations: Microsoft Graph's beta has 829 groups and 22,361 operations.
    pub fn used_groups(&self) -> impl Iterator<Item = &Group> {
        let mut used = vec![false; self.groups.len()];
        for operation in &self.operations {
            used[operation.group] = true;
        }
        self.groups.iter().zip(used).filter(|(_, used)| *used).map(|(group, _)| group)
    }

    /// Every cargo feature, in order: the groups', then `unreferenced-models` when there is one.
    pub fn features(&self) -> Vec<String> {
        let mut features: Vec<String> = self.used_groups().map(|group| group.feature().to_owned()).collect();
        if self.has_unreferenced {
            features.push(UNREFERENCED.to_owned());
        }
        features
    }

    /// The features that need a type compiled.
    pub fn needing(&self, needed_by: &NeededBy) -> Vec<String> {
        let mut features: Vec<String> =
            needed_by.groups.iter().map(|&group| self.groups[group].feature().to_owned()).collect();
        if needed_by.unreferenced {
            features.push(UNREFERENCED.to_owned());
        }
        features
    }
}

/// Operations grouped by their first tag: a module, a handle on the client and a cargo feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The tag as written in the document.
    pub tag: String,
    /// Module, accessor method and cargo feature name (snake case).
    pub module: String,
    /// The handle type returned by the accessor (Pascal case).
    pub handle: String,
    pub docs: Docs,
}

impl Group {
    /// The group's cargo feature: its module name, without a raw-identifier prefix.
    pub fn feature(&self) -> &str {
        self.module.strip_prefix("r#").unwrap_or(&self.module)
    }
}

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

/// How a method takes a value that it stores as a type of the model: what a caller may pass.
/// Decided in `lower/rust_api.rs`; the emitters spell it, the API report records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Taking {
    /// The type itself: a `Copy` type other than a number (`bool`, `Uuid`, dates).
    Own,
    /// `impl Into<T>`: text from `&str`, a number from any narrower one (`page(2)` where the
    /// document says `number`).
    #[default]
    Into,
    /// `impl IntoIterator<Item = impl Into<T>>`, for a list parameter: an array or any iterator.
    EachInto,
    /// `impl IntoIterator<Item = (K, V)>` with `K: Into<String>, V: Into<T>`, for a map field:
    /// `[("color", "green")]` or a `HashMap`.
    PairsInto,
}

/// What the document bounds a value by, beyond its type. The client checks a parameter's
/// before sending; the test doubles check every one, in parameters and bodies.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<String>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    /// The items' own bounds, for a list of values written in place.
    pub items: Option<Box<Constraints>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }

    /// These bounds, with each keyword `outer` states taken from `outer` instead.
    pub fn overridden_by(self, outer: Constraints) -> Constraints {
        Constraints {
            minimum: outer.minimum.or(self.minimum),
            exclusive_minimum: if outer.minimum.is_some() { outer.exclusive_minimum } else { self.exclusive_minimum },
            maximum: outer.maximum.or(self.maximum),
            exclusive_maximum: if outer.maximum.is_some() { outer.exclusive_maximum } else { self.exclusive_maximum },
            multiple_of: outer.multiple_of.or(self.multiple_of),
            min_length: outer.min_length.or(self.min_length),
            max_length: outer.max_length.or(self.max_length),
            pattern: outer.pattern.or(self.pattern),
            min_items: outer.min_items.or(self.min_items),
            max_items: outer.max_items.or(self.max_items),
            unique_items: outer.unique_items || self.unique_items,
            items: outer.items.or(self.items),
        }
    }
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

/// One way the API accepts a credential (`components.securitySchemes`).
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's name in the document.
    pub name: String,
    /// The constant of its index in the crate's `security` module (`API_TOKEN`), by which
    /// operations name the schemes they accept.
    pub index_const: String,
    pub kind: SchemeKind,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer`: HTTP bearer, OAuth 2 and OpenID Connect access tokens.
    Bearer,
    /// HTTP basic: a user name and password.
    Basic,
    /// A key in a header, query parameter or cookie of this name.
    ApiKey { location: KeyLocation, name: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
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

/// A type the generated crate defines.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// Rust name (Pascal case), unique in the crate.
    pub name: String,
    pub docs: Docs,
    pub deprecated: bool,
    pub kind: TypeKind,
    /// Where the schema is, for messages and the API diff.
    pub origin: String,
    /// Which cargo features need the type compiled.
    pub needed_by: NeededBy,
    /// How operations carry the type as a whole JSON body (or a list or map of it): those
    /// directions get code of their own in the type's crate (`runtime::impl_json!`).
    pub json_body: JsonBody,
    /// Where the type is an entry of the error bodies' `errors` list or `error` object with a
    /// `message` (and a `code`): its fields, for a conversion into the runtime's
    /// `ErrorDetail`, which `ApiError::details` gives, so that the two compare.
    pub error_detail: Option<ErrorDetailFields>,
}

/// The fields of a model type that is an error detail (`lower::analysis::mark_error_details`).
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorDetailFields {
    /// The `code` field: its Rust name, whether it may be absent, and whether it is 32 bits.
    pub code: Option<(String, bool, bool)>,
    /// The `message` field: its Rust name and whether it may be absent.
    pub message: (String, bool),
}

/// The directions in which operations carry a type as a whole JSON body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsonBody {
    /// A success answer's body (or each line of a JSON-lines one).
    pub decoded: bool,
    /// A request's JSON body.
    pub encoded: bool,
}

/// The cargo features that need a type: the groups whose operations use it, and the
/// `unreferenced-models` feature when a schema that no operation uses needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NeededBy {
    pub groups: BTreeSet<usize>,
    pub unreferenced: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enumeration; it always also decodes values it does not list.
    Enum(Vec<EnumVariant>),
    /// `oneOf`/`anyOf`: one of several shapes.
    Union(Union),
    /// A named type for something that is not a struct: a list or map that refers to itself.
    Newtype(TypeRef),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` next to `properties`: the other keys, kept in a map.
    pub additional: Option<TypeRef>,
    /// How the struct is spelled in Rust, decided once every type is known.
    pub shape: StructShape,
}

/// The Rust-side decisions about a struct (made by `lower::shapes`; emitters only spell them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StructShape {
    /// How serde is implemented.
    pub serde: SerdeImpl,
    /// The name of the map field that holds the keys `properties` does not name.
    pub additional_field: Option<String>,
    /// Whether `Default` is derived: `new` takes no argument.
    pub derives_default: bool,
    /// The fields `new` takes (indexes into `Struct::fields`), in its order: by name, so that
    /// listing the document's properties in another order is no change to the API (two
    /// values of one type trading places would still compile).
    pub arguments: Vec<usize>,
}

/// How a struct implements `Serialize` and `Deserialize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SerdeImpl {
    /// The runtime's `impl_deserialize!`/`impl_serialize!`: one map visitor, far less code
    /// than serde's derive, which at the size of Cloudflare's API was most of the compile time.
    #[default]
    Compact,
    /// serde's derive, which flattened parts and extra keys (`#[serde(flatten)]`) need.
    Derive,
}

/// How `new` takes a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Argument {
    /// `impl Into<String>`, so that a `&str` will do.
    IntoString,
    /// The field's own type.
    Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    /// Whether the field is always there, in the direction its type travels: a `readOnly`
    /// property the document requires is required in responses, not in requests.
    pub required: bool,
    pub nullable: bool,
    pub docs: Docs,
    pub deprecated: bool,
    pub read_only: bool,
    pub write_only: bool,
    /// The schema's `default`, as JSON.
    pub default: Option<String>,
    /// Whether the type refers back to the struct, so the field must be boxed.
    pub boxed: bool,
    /// An `allOf` part that is not a plain struct, kept whole: its fields sit in this object.
    pub flatten: bool,
    /// How `new` takes the field, when it is one of its arguments (the required fields).
    pub argument: Option<Argument>,
    /// The name of the `with_*` setter, for optional fields.
    pub setter: Option<String>,
    /// How the setter takes its value. Decided in `lower/rust_api.rs`.
    pub taking: Taking,
    /// The document's bounds on the value, which the test doubles check.
    pub constraints: Constraints,
}

impl Field {
    /// How the field is represented in Rust.
    pub fn shape(&self) -> FieldShape {
        match (self.required, self.nullable) {
            (true, false) => FieldShape::Plain,
            (true, true) => FieldShape::Nullable,
            (false, false) => FieldShape::Optional,
            (false, true) => FieldShape::OptionalNullable,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldShape {
    /// Always present, never null: `T`.
    Plain,
    /// Always present, may be null: `Option<T>`, `None` sent as `null`.
    Nullable,
    /// May be absent, never null: `Option<T>`, `None` left out.
    Optional,
    /// May be absent or null: `Nullable<T>` with three states.
    OptionalNullable,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The value on the wire.
    pub value: String,
    pub rust_name: String,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// The property that names the variant, where a `discriminator` gives one.
    pub tag: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator values that select this variant.
    pub tag_values: Vec<String>,
    pub docs: Docs,
    /// Whether the type refers back to the union, so the variant must be boxed.
    pub boxed: bool,
}

/// A use of a type.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    String,
    Uuid,
    DateTime,
    Date,
    Uri,
    /// A file or binary content (`format: binary` in a multipart body): `runtime::Upload`.
    Upload,
    /// Any JSON value.
    #[default]
    Json,
    /// A JSON object with any keys.
    JsonObject,
    /// A type the crate defines.
    Named(Named),
    List(Box<TypeRef>),
    Map(Box<TypeRef>),
}

impl TypeRef {
    pub fn is_integer(&self) -> bool {
        matches!(self, TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64)
    }

    /// Whether values of the type are cheap to copy, so methods may take them by value.
    pub fn is_copy(&self) -> bool {
        matches!(
            self,
            TypeRef::Bool
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U32
                | TypeRef::U64
                | TypeRef::F32
                | TypeRef::F64
                | TypeRef::Uuid
                | TypeRef::DateTime
                | TypeRef::Date
        )
    }

    pub fn is_number(&self) -> bool {
        matches!(self, TypeRef::F32 | TypeRef::F64) || self.is_integer()
    }

    /// Whether the type can be written into a path segment, query value or header.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeRef::Bool
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U32
                | TypeRef::U64
                | TypeRef::F32
                | TypeRef::F64
                | TypeRef::String
                | TypeRef::Uuid
                | TypeRef::DateTime
                | TypeRef::Date
                | TypeRef::Uri
        )
    }

    /// Whether floats appear in the value itself (not behind a named type), so that it is
    /// written through the runtime's whole-number serializer.
    pub fn holds_floats(&self) -> bool {
        match self {
            TypeRef::F32 | TypeRef::F64 => true,
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.holds_floats(),
            _ => false,
        }
    }

    /// The named type this use mentions, directly or inside lists and maps.
    pub fn named(&self) -> Option<&Named> {
        match self {
            TypeRef::Named(named) => Some(named),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.named(),
            _ => None,
        }
    }

    /// The handle of the named type this use mentions, directly or inside lists and maps.
    pub fn named_id(&self) -> Option<TypeId> {
        self.named().map(|named| named.id)
    }

    /// The named type this use mentions, to re-point it.
    pub fn named_mut(&mut self) -> Option<&mut Named> {
        match self {
            TypeRef::Named(named) => Some(named),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.named_mut(),
            _ => None,
        }
    }
}

/// A handle on a type the crate defines: its index in [`Api::types`]. Types are found by
/// handle, never by scanning for a name (as typify's `TypeSpace` does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A use of a type the crate defines: the handle to find it by, and its name to spell it with
/// (always the `name` of the `TypeDef` it designates).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Named {
    pub id: TypeId,
    pub name: String,
}

impl Api {
    /// The type a handle designates.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

impl TypeKind {
    /// Every type use the definition holds directly (fields, extra keys, variants, inner).
    pub fn type_refs_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(body) => {
                body.fields.iter_mut().map(|field| &mut field.ty).chain(body.additional.as_mut()).collect()
            }
            TypeKind::Union(union) => union.variants.iter_mut().map(|variant| &mut variant.ty).collect(),
            TypeKind::Newtype(inner) => vec![inner],
            TypeKind::Enum(_) => Vec::new(),
        }
    }

    /// The named types the definition holds, directly or in lists and maps.
    pub fn mentions(&self) -> Vec<TypeId> {
        let refs: Vec<&TypeRef> = match self {
            TypeKind::Struct(body) => {
                body.fields.iter().map(|field| &field.ty).chain(body.additional.as_ref()).collect()
            }
            TypeKind::Union(union) => union.variants.iter().map(|variant| &variant.ty).collect(),
            TypeKind::Newtype(inner) => vec![inner],
            TypeKind::Enum(_) => Vec::new(),
        };
        refs.into_iter().filter_map(TypeRef::named_id).collect()
    }
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

/// Documentation copied from the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    pub summary: Option<String>,
    pub description: Option<String>,
}

impl Docs {
    pub fn new(summary: Option<&str>, description: Option<&str>) -> Self {
        let clean = |text: Option<&str>| text.map(str::trim).filter(|text| !text.is_empty()).map(str::to_owned);
        Docs { summary: clean(summary), description: clean(description) }
    }

    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.description.is_none()
    }
}
