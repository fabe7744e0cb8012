//! The test doubles' view of one request: what the document says of its operation
//! (`OperationSpec`), and its parameters and body read back as the crate's own types.
//!
//! One reading serves three purposes: the contract check (every value must decode, enums must
//! hold a listed value, required parameters and bodies must be there), the expectations'
//! typed predicates, and the typed record of what was received.

use std::cell::RefCell;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::body::{Encoding, FormField, Style};
use crate::constraints::Constraints;
use crate::mock_shape::{self, Shape};
use crate::mock_text::{self, Joined, Text};

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie of the `Cookie` header.
    Cookie,
}

impl Location {
    fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// One parameter of an operation, as the document declares it.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    /// The name on the wire.
    pub name: &'static str,
    /// Where it travels.
    pub location: Location,
    /// How a list or object is written (`style`, `explode`); path and header values use the
    /// `simple` style, written here as `Form` with the same `explode`.
    pub encoding: Encoding,
    /// Whether the value is an object: exploded in the query's `form` style, its keys are
    /// query keys of their own.
    pub object: bool,
    /// The bounds the document puts on the value.
    pub constraints: &'static Constraints,
}

impl ParamSpec {
    const fn new(name: &'static str, location: Location, explode: bool) -> Self {
        ParamSpec {
            name,
            location,
            encoding: Encoding { style: Style::Form, explode },
            object: false,
            constraints: &Constraints::NONE,
        }
    }

    /// The value has bounds (`minimum`, `maxLength`, `maxItems`, `pattern`...).
    pub const fn bounded(mut self, constraints: &'static Constraints) -> Self {
        self.constraints = constraints;
        self
    }

    /// A path parameter: lists and objects in the `simple` style, not exploded.
    pub const fn path(name: &'static str) -> Self {
        ParamSpec::new(name, Location::Path, false)
    }

    /// A query parameter: lists and objects in the `form` style, exploded (`a=1&a=2`).
    pub const fn query(name: &'static str) -> Self {
        ParamSpec::new(name, Location::Query, true)
    }

    /// A header parameter: lists and objects in the `simple` style, not exploded.
    pub const fn header(name: &'static str) -> Self {
        ParamSpec::new(name, Location::Header, false)
    }

    /// A cookie: lists and objects joined with `,`.
    pub const fn cookie(name: &'static str) -> Self {
        ParamSpec::new(name, Location::Cookie, false)
    }

    /// Lists and objects exploded: repeated query keys, `key=value` items in a path or header.
    pub const fn exploded(mut self) -> Self {
        self.encoding.explode = true;
        self
    }

    /// Lists and objects not exploded: one value, joined (`a=1,2`).
    pub const fn unexploded(mut self) -> Self {
        self.encoding.explode = false;
        self
    }

    /// A query value in another style (`spaceDelimited`, `pipeDelimited`, `deepObject`).
    pub const fn style(mut self, style: Style) -> Self {
        self.encoding.style = style;
        self
    }

    /// The value is an object.
    pub const fn object(mut self) -> Self {
        self.object = true;
        self
    }
}

/// The request body of an operation.
#[derive(Clone, Copy, Debug)]
pub struct BodySpec {
    /// Whether a request must carry one.
    pub required: bool,
    /// Where the bounds are in a JSON body.
    pub shape: &'static Shape,
}

/// What the mock knows about one operation: enough to check a request against the document.
#[derive(Clone, Copy, Debug)]
pub struct OperationSpec {
    /// The operation's name (its `operationId`).
    pub id: &'static str,
    /// The Rust method that sends it, on its group (`get_participant_details`).
    pub rust_name: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template, such as `/things/{thing_id}`.
    pub path: &'static str,
    /// Every parameter.
    pub params: &'static [ParamSpec],
    /// The request body, if the operation takes one.
    pub body: Option<BodySpec>,
    /// The status an answer without one takes: the operation's first success status.
    pub success_status: u16,
    /// Reads a request's parameters and body as the operation's types, recording in the view
    /// what does not fit (generated as `check::<Operation>`).
    pub read: fn(&RequestView<'_>),
}

impl OperationSpec {
    /// The operation as every message names it: its Rust method, its `operationId` where that
    /// differs, its method and path template.
    pub(crate) fn describe(&self) -> String {
        if self.rust_name == self.id {
            format!("{} ({} {})", self.id, self.method, self.path)
        } else {
            format!("{} (operationId {}, {} {})", self.rust_name, self.id, self.method, self.path)
        }
    }

    /// The path parameters' values if `path` fits the template, percent-decoded.
    pub(crate) fn captures(&self, path: &str) -> Option<Vec<(&'static str, String)>> {
        let template: Vec<&'static str> = self.path.trim_start_matches('/').split('/').collect();
        let actual: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        if template.len() != actual.len() {
            return None;
        }
        let mut captures = Vec::new();
        for (pattern, segment) in template.into_iter().zip(actual) {
            match (pattern.find('{'), pattern.find('}')) {
                (Some(open), Some(close)) if open < close => {
                    let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
                    let value = segment.strip_prefix(prefix)?.strip_suffix(suffix)?;
                    if value.is_empty() {
                        return None;
                    }
                    let decoded = percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned();
                    captures.push((&pattern[open + 1..close], decoded));
                }
                _ if pattern == segment => {}
                _ => return None,
            }
        }
        Some(captures)
    }
}

/// One request as an operation sees it; generated code reads its parameters and body
/// through it, typed, and it keeps every problem found on the way.
pub struct RequestView<'r> {
    spec: &'static OperationSpec,
    request: &'r wiremock::Request,
    path: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    problems: RefCell<Vec<String>>,
}

impl<'r> RequestView<'r> {
    /// The request as operation `spec` reads it, if its method and path are the operation's.
    pub(crate) fn new(spec: &'static OperationSpec, request: &'r wiremock::Request) -> Option<Self> {
        if request.method.as_str() != spec.method {
            return None;
        }
        let path = spec.captures(request.url.path())?;
        let query = request.url.query_pairs().into_owned().collect();
        Some(RequestView { spec, request, path, query, problems: RefCell::default() })
    }

    /// The parameter `name`, read as its type; `None`, with the problem recorded, when it does
    /// not fit (a required one missing, a value of the wrong type, outside its enum or outside
    /// the document's bounds).
    pub fn param<T: DeserializeOwned + Serialize>(&self, name: &'static str) -> Option<T> {
        let Some(param) = self.spec.params.iter().find(|param| param.name == name) else {
            self.problem(format!("the document declares no parameter `{name}`"));
            return None;
        };
        let (text, joined) = self.text(param);
        match mock_text::read::<T>(&text, joined) {
            Ok(value) => {
                if *param.constraints != Constraints::NONE {
                    let mut found = Vec::new();
                    let json = serde_json::to_value(&value).unwrap_or_default();
                    mock_shape::problems(&json, &Shape::Value(*param.constraints), "", &mut found);
                    if !found.is_empty() {
                        let place = format!("{} parameter `{name}`", param.location.as_str());
                        for problem in found {
                            self.problem(format!("{place}: {problem}"));
                        }
                        return None;
                    }
                }
                Some(value)
            }
            Err(message) => {
                let place = format!("{} parameter `{name}`", param.location.as_str());
                self.problem(match &text {
                    Text::Absent => format!("the required {place} is missing"),
                    _ => format!("{place}: {message}"),
                });
                None
            }
        }
    }

    /// What the request says of `param`, in text, and how a list or object in it is joined.
    fn text(&self, param: &ParamSpec) -> (Text, Joined) {
        let simple = Joined { separator: ',', key_equals_value: param.encoding.explode };
        match param.location {
            Location::Path => {
                let value = self.path.iter().find(|(name, _)| *name == param.name).map(|(_, value)| value.clone());
                (value.map_or(Text::Absent, Text::One), simple)
            }
            Location::Header => {
                let values: Vec<String> = self
                    .request
                    .headers
                    .get_all(param.name)
                    .iter()
                    .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                    .collect();
                (gathered(values), simple)
            }
            Location::Cookie => {
                let values: Vec<String> = self
                    .request
                    .headers
                    .get_all("cookie")
                    .iter()
                    .flat_map(|header| {
                        let header = String::from_utf8_lossy(header.as_bytes()).into_owned();
                        header
                            .split(';')
                            .filter_map(|pair| {
                                let (key, value) = pair.trim().split_once('=')?;
                                (key == param.name).then(|| {
                                    percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned()
                                })
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                (gathered(values), Joined::COMMAS)
            }
            Location::Query => self.query_text(param),
        }
    }

    fn query_text(&self, param: &ParamSpec) -> (Text, Joined) {
        let Encoding { style, explode } = param.encoding;
        let separator = match style {
            Style::SpaceDelimited => ' ',
            Style::PipeDelimited => '|',
            Style::Form | Style::Brackets => ',',
        };
        let joined = Joined { separator, key_equals_value: false };
        if style == Style::Brackets {
            return (mock_text::brackets(param.name, &self.query), joined);
        }
        if param.object && explode {
            // `color=…` exploded is `r=1&g=2`: the object's keys are query keys, all those the
            // operation does not declare as parameters of their own.
            let declared = |key: &str| self.spec.params.iter().any(|other| other.name == key);
            let entries: Vec<(String, Text)> = self
                .query
                .iter()
                .filter(|(key, _)| !declared(key))
                .map(|(key, value)| (key.clone(), Text::One(value.clone())))
                .collect();
            return (if entries.is_empty() { Text::Absent } else { Text::Object(entries) }, joined);
        }
        let values: Vec<String> =
            self.query.iter().filter(|(key, _)| key == param.name).map(|(_, value)| value.clone()).collect();
        (gathered(values), joined)
    }

    /// The body as JSON, decoded into `T`; `None`, with the problem recorded, when it does not
    /// decode (the JSON path of the value that does not fit is named).
    pub fn json_body<T: DeserializeOwned>(&self) -> Option<T> {
        let decoded = self.recorded(decode_json(&self.request.body))?;
        let shape = self.spec.body.map_or(&Shape::Any, |body| body.shape);
        if !matches!(shape, Shape::Any) {
            let value: serde_json::Value = serde_json::from_slice(&self.request.body).unwrap_or_default();
            let mut found = Vec::new();
            mock_shape::problems(&value, shape, "", &mut found);
            if !found.is_empty() {
                for problem in found {
                    self.problem(format!("request body: {problem}"));
                }
                return None;
            }
        }
        Some(decoded)
    }

    /// The body as an `application/x-www-form-urlencoded` form, decoded into `T` by the
    /// document's `encoding` object (`fields`), else lists repeated and objects in brackets.
    pub fn form_body<T: DeserializeOwned>(&self, fields: &[FormField]) -> Option<T> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&self.request.body).into_owned().collect();
        let mut names: Vec<String> = Vec::new();
        for (key, _) in &pairs {
            let name = key.split('[').next().unwrap_or(key);
            if !names.iter().any(|known| known == name) {
                names.push(name.to_owned());
            }
        }
        let mut entries = Vec::new();
        for name in names {
            let encoding = fields.iter().find(|field| field.name == name).map(|field| field.encoding);
            let text = match encoding {
                Some(Encoding { style: Style::Brackets, .. }) | None => mock_text::brackets(&name, &pairs),
                Some(_) => {
                    gathered(pairs.iter().filter(|(key, _)| *key == name).map(|(_, value)| value.clone()).collect())
                }
            };
            entries.push((name, text));
        }
        self.recorded(
            mock_text::read(&Text::Object(entries), Joined::COMMAS).map_err(|message| format!("form: {message}")),
        )
    }

    /// The body as text (`text/*`).
    pub fn text_body(&self) -> Option<String> {
        self.recorded(String::from_utf8(self.request.body.clone()).map_err(|_| "is not UTF-8 text".to_owned()))
    }

    /// The body's bytes, as sent (binary and multipart bodies).
    pub fn bytes_body(&self) -> Option<bytes::Bytes> {
        Some(bytes::Bytes::copy_from_slice(&self.request.body))
    }

    /// The request's media type (its `content-type` without parameters), lower case.
    pub fn media_type(&self) -> String {
        let value = self.request.headers.get("content-type").map(|value| value.to_str().unwrap_or_default());
        value.unwrap_or_default().split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
    }

    /// Whether the request carries a body.
    pub fn has_body(&self) -> bool {
        !self.request.body.is_empty()
    }

    fn recorded<T>(&self, result: Result<T, String>) -> Option<T> {
        result.map_err(|problem| self.problem(format!("request body: {problem}"))).ok()
    }

    fn problem(&self, message: String) {
        self.problems.borrow_mut().push(message);
    }

    /// Everything found wrong so far.
    pub(crate) fn into_problems(self) -> Vec<String> {
        self.problems.into_inner()
    }
}

/// The values sent for one name: none, one, or a repeated key.
fn gathered(mut values: Vec<String>) -> Text {
    match values.len() {
        0 => Text::Absent,
        1 => Text::One(values.remove(0)),
        _ => Text::Many(values),
    }
}

fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        if path == "." { error.inner().to_string() } else { format!("at `{path}`: {}", error.inner()) }
    })
}

/// What is wrong with a request to the operation `spec`, by the document: every parameter and
/// the body read strictly (enums hold only the values they list).
pub(crate) fn contract_problems(spec: &'static OperationSpec, request: &wiremock::Request) -> Vec<String> {
    let Some(view) = RequestView::new(spec, request) else {
        return vec!["the method or path is not the operation's".to_owned()];
    };
    crate::enums::known_values_only(|| (spec.read)(&view));
    let mut problems = view.into_problems();
    if spec.body.is_some_and(|body| body.required) && request.body.is_empty() {
        problems.push("the required request body is missing".to_owned());
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_read(_: &RequestView<'_>) {}

    pub(super) const THING: OperationSpec = OperationSpec {
        id: "get_thing",
        rust_name: "get_thing",
        method: "GET",
        path: "/things/{id}.json",
        params: &[],
        body: None,
        success_status: 200,
        read: no_read,
    };

    #[test]
    fn templates_capture_decoded_values_and_refuse_other_shapes() {
        assert_eq!(THING.captures("/things/a%20b.json"), Some(vec![("id", "a b".to_owned())]));
        assert_eq!(THING.captures("/things/.json"), None);
        assert_eq!(THING.captures("/things/a.xml"), None);
        assert_eq!(THING.captures("/things/a.json/more"), None);
    }

    fn read_list(view: &RequestView<'_>) {
        let _: Option<i64> = view.param("limit");
        let _: Option<String> = view.param("x-tenant");
        let _: Option<Option<Vec<String>>> = view.param("sort");
        let _: Option<Option<std::collections::BTreeMap<String, i64>>> = view.param("created");
        let _: Option<Option<String>> = view.param("session");
    }

    pub(super) const LIST: OperationSpec = OperationSpec {
        id: "list_things",
        rust_name: "list_things",
        method: "GET",
        path: "/things",
        params: &[
            ParamSpec::query("limit"),
            ParamSpec::header("x-tenant"),
            ParamSpec::query("sort").style(Style::PipeDelimited).unexploded(),
            ParamSpec::query("created").style(Style::Brackets).object(),
            ParamSpec::cookie("session"),
        ],
        body: None,
        success_status: 200,
        read: read_list,
    };

    pub(super) fn request(url: &str, headers: &[(&'static str, &str)]) -> wiremock::Request {
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, value.parse().expect("a header value"));
        }
        wiremock::Request {
            url: url.parse().expect("a URL"),
            method: reqwest::Method::GET,
            headers: map,
            body: Vec::new(),
        }
    }

    // The generated crate of this project has no required query or header parameter, so the
    // messages for those are checked here, on a spec written by hand.
    #[test]
    fn required_parameters_are_reported_by_location_and_name() {
        let problems = contract_problems(&LIST, &request("http://127.0.0.1/things", &[]));
        assert_eq!(
            problems,
            ["the required query parameter `limit` is missing", "the required header parameter `x-tenant` is missing"]
        );
    }

    #[test]
    fn values_are_read_in_the_documents_style_and_type() {
        let valid = request(
            "http://127.0.0.1/things?limit=5&sort=name|age&created[gte]=1&created[lte]=2",
            &[("x-tenant", "t"), ("cookie", "a=1; session=s%201")],
        );
        assert_eq!(contract_problems(&LIST, &valid), Vec::<String>::new());
        let view = RequestView::new(&LIST, &valid).expect("the operation's path");
        assert_eq!(view.param::<Option<Vec<String>>>("sort"), Some(Some(vec!["name".to_owned(), "age".to_owned()])));
        assert_eq!(view.param::<Option<String>>("session"), Some(Some("s 1".to_owned())));
        let created: Option<std::collections::BTreeMap<String, i64>> = view.param("created").expect("an object");
        assert_eq!(created.expect("sent")["lte"], 2);

        let wrong = request("http://127.0.0.1/things?limit=five&created[gte]=x", &[("x-tenant", "t")]);
        assert_eq!(
            contract_problems(&LIST, &wrong),
            [
                "query parameter `limit`: `five` is not a whole number",
                "query parameter `created`: `gte`: `x` is not a whole number"
            ]
        );
    }
}
