//! Responses: a `Payload` per media type, the primary one `send` reads, the `send_{media}`
//! alternates, the `Accept` they ask with, and the operation's `Output`.

use openapiv3::{ReferenceOr, StatusCode};

use super::Lowerer;
use super::naming::{self, Scope};
use super::view::SchemaRef;
use crate::ir::{Alternate, Docs, Output, Payload, Response, Status, StatusVariant, TypeRef};
use crate::position;

use super::bodies::is_text_schema;
use super::media::{MediaKind, is_json, media_kind};

impl<'a> Lowerer<'a> {
    pub(super) fn lower_responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        operation_path: &str,
        builder: &str,
    ) -> (Vec<Response>, Vec<(String, Payload)>) {
        let responses_path = position::key(operation_path, "responses");
        let mut entries: Vec<(Status, &'a ReferenceOr<openapiv3::Response>, String)> = Vec::new();
        for (status, response) in &operation.responses.responses {
            let status = match status {
                StatusCode::Code(code) => Status::Code(*code),
                StatusCode::Range(hundreds) => Status::Range(*hundreds),
            };
            entries.push((status, response, position::key(&responses_path, &status.to_string())));
        }
        if let Some(default) = &operation.responses.default {
            entries.push((Status::Default, default, position::key(&responses_path, "default")));
        }
        let inline_successes = entries
            .iter()
            .filter(|(status, response, _)| {
                status.is_success()
                    && !is_bodiless(*status)
                    && matches!(response, ReferenceOr::Item(r) if !r.content.is_empty())
            })
            .count();

        let has_success = entries.iter().any(|(status, _, _)| status.is_success());
        let mut lowered = Vec::with_capacity(entries.len());
        // Every media type a success answer comes in, with how it is read, in document order.
        let mut offered: Vec<(String, Payload)> = Vec::new();
        for (status, response, path) in entries {
            let Some((resolved, resolved_path, component)) = self.resolve_response(response, &path) else { continue };
            if is_bodiless(status) && !resolved.content.is_empty() {
                self.sink.warning(
                    "content on an answer without a body",
                    position::key(&resolved_path, "content"),
                    format!("a {status} answer has no body in HTTP, so its `content` is ignored"),
                    "remove `content` from the answer, or give the body another status (200)",
                );
                let docs = Docs::new(None, Some(resolved.description.as_str()));
                lowered.push(Response { status, body: None, media_type: None, docs });
                continue;
            }
            if !status.is_success() {
                super::error_shapes::collect(self.document, resolved, &mut self.error_shapes);
            }
            // Error bodies are read through `ApiError` (its code, message and body). An error
            // schema written inline in one operation is checked but gets no type of its own,
            // which would be compiled for nothing; shared error responses and component schemas
            // keep theirs, for `ApiError::json`.
            let is_error = !status.is_success() && (status != Status::Default || has_success) && component.is_none();
            let types_before = self.order.len();
            let hint = match (&component, status.is_success()) {
                (Some(name), _) => format!("{}Response", naming::pascal(name)),
                (None, true) if inline_successes > 1 => format!("{builder}Response{status}"),
                (None, true) => format!("{builder}Response"),
                (None, false) => format!("{builder}Error{}", naming::pascal(&status.to_string())),
            };
            let known = component.as_ref().and_then(|name| self.shared_responses.get(name)).cloned();
            let media = match known {
                Some(known) => known,
                None => {
                    let mut media = self.response_media(resolved, &resolved_path, &hint, status.is_success());
                    if is_error && self.order.len() > types_before {
                        // Every component is lowered already, so what was added is inline.
                        self.order.truncate(types_before);
                        media.clear();
                    }
                    if let Some(name) = component {
                        self.shared_responses.insert(name, media.clone());
                    }
                    media
                }
            };
            if status.is_success() || (status == Status::Default && !has_success) {
                for (media_type, payload) in &media {
                    if !offered.iter().any(|(known, _)| known == media_type) {
                        offered.push((media_type.clone(), payload.clone()));
                    }
                }
            }
            let (media_type, body) = media.into_iter().next().unzip();
            let docs = Docs::new(None, Some(resolved.description.as_str()));
            lowered.push(Response { status, body, media_type, docs });
        }
        (lowered, offered)
    }

    /// How each media type of an answer is read, the primary one (JSON, else the first) first.
    /// Only success answers are read in other types than JSON: error bodies go to `ApiError`.
    fn response_media(
        &mut self,
        response: &'a openapiv3::Response,
        response_path: &str,
        hint: &str,
        success: bool,
    ) -> Vec<(String, Payload)> {
        let content_path = position::key(response_path, "content");
        let primary = response.content.iter().position(|(media, _)| is_json(media)).unwrap_or(0);
        let mut order: Vec<usize> = (0..response.content.len()).collect();
        order.sort_by_key(|&index| index != primary);
        let mut media = Vec::with_capacity(order.len());
        // A schema that several media types share (GitHub's JSON and `+json` types) is
        // lowered once, so that it gives one type.
        let mut lowered: Vec<(&'a ReferenceOr<openapiv3::Schema>, TypeRef)> = Vec::new();
        for index in order {
            let Some((media_type, content)) = response.content.get_index(index) else { continue };
            if !success && (!is_json(media_type) || !media.is_empty()) {
                continue;
            }
            let media_path = position::key(&content_path, media_type);
            let mut schema_type = |lowerer: &mut Self| match &content.schema {
                Some(schema) => {
                    if let Some((_, known)) = lowered.iter().find(|(seen, _)| *seen == schema) {
                        return known.clone();
                    }
                    let hint = if lowered.is_empty() {
                        hint.to_owned()
                    } else {
                        format!("{hint}{}", naming::pascal(&media_type.replace(['/', '.', '+'], " ")))
                    };
                    let ty =
                        lowerer.lower_schema(SchemaRef::from(schema), &position::key(&media_path, "schema"), &hint).ty;
                    lowered.push((schema, ty.clone()));
                    ty
                }
                None => {
                    if content.example.is_some() || !content.examples.is_empty() {
                        lowerer.sink.warning(
                            "response with an example but no schema",
                            &media_path,
                            "the response has an example but no schema; its body is typed as any JSON value",
                            "add a `schema` that the example follows",
                        );
                    }
                    TypeRef::Json
                }
            };
            let payload = match media_kind(media_type) {
                MediaKind::Json => Payload::Json(schema_type(self)),
                MediaKind::JsonLines => Payload::JsonLines(schema_type(self)),
                MediaKind::Text => Payload::Text,
                // A vendor type described as a string (GitHub's `vnd.github.diff`) is text;
                // one described as binary, or not at all, is bytes.
                MediaKind::Binary if content.schema.as_ref().is_some_and(is_text_schema) => Payload::Text,
                MediaKind::Binary => Payload::Bytes,
            };
            media.push((media_type.clone(), payload));
        }
        media
    }

    /// What `send` returns: the one success body, or an enum over the statuses when they differ.
    pub(super) fn output(&mut self, responses: &[Response], builder: &str, operation_path: &str) -> Output {
        let mut successes: Vec<&Response> = responses.iter().filter(|response| response.status.is_success()).collect();
        if successes.is_empty() {
            successes = responses.iter().filter(|response| response.status == Status::Default).collect();
        }
        let mut distinct: Vec<&Option<Payload>> = Vec::new();
        for response in &successes {
            if !distinct.contains(&&response.body) {
                distinct.push(&response.body);
            }
        }
        match distinct.as_slice() {
            [] | [None] => Output::Empty,
            [Some(payload)] => Output::Single(payload.clone()),
            _ => {
                let name = self.type_names.claim(&format!("{builder}Output"));
                let mut scope = Scope::default();
                let variants: Vec<StatusVariant> = successes
                    .iter()
                    .map(|response| StatusVariant {
                        rust_name: scope.claim(&status_variant_name(response.status)),
                        status: response.status,
                        body: response.body.clone().map(|payload| match payload {
                            // One enum holds every status's body, read whole: a stream of
                            // lines among them is kept as its bytes.
                            Payload::JsonLines(_) => {
                                self.sink.warning(
                                    "response media type read as bytes",
                                    position::key(operation_path, "responses"),
                                    format!("the {} answer is JSON lines, among answers of other shapes; it is read as bytes", response.status),
                                    "give the operation's success answers one shape",
                                );
                                Payload::Bytes
                            }
                            other => other,
                        }),
                    })
                    .collect();
                // A success status the document does not list reads as the first one listed,
                // unless a `default` answer takes every other status.
                let unlisted = (!variants.iter().any(|variant| variant.status == Status::Default)).then_some(0);
                Output::ByStatus { name, variants, unlisted }
            }
        }
    }
}

/// The media type each success answer is asked for in, where one is not `application/json`
/// itself: `send` asks for all of them (an operation answering `application/json` keeps the
/// client's `Accept: application/json`). A vendor JSON type (`application/vnd.x+json`) is
/// asked for by name: a server that offers only it may refuse `application/json` (406).
pub(super) fn accept_header(responses: &[Response], output: &Output) -> Option<String> {
    if matches!(output, Output::Empty) {
        return None;
    }
    let any_success = responses.iter().any(|response| response.status.is_success());
    let read = responses
        .iter()
        .filter(|response| if any_success { response.status.is_success() } else { response.status == Status::Default });
    let mut media: Vec<&str> = Vec::new();
    for media_type in read.filter_map(|response| response.media_type.as_deref()) {
        if !media.contains(&media_type) {
            media.push(media_type);
        }
    }
    let plain_json = |media_type: &str| {
        let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        essence == "application/json" || essence == "*/*"
    };
    if media.iter().all(|media_type| plain_json(media_type)) {
        return None;
    }
    Some(media.join(", "))
}

/// Whether HTTP forbids a body in answers with this status: 204 No Content and 205 Reset
/// Content (RFC 9110, 15.3.5 and 15.3.6). A client reading one for a body would fail on
/// every server.
fn is_bodiless(status: Status) -> bool {
    matches!(status, Status::Code(204 | 205))
}

/// The `send_*` methods for the media types `send` does not read.
pub(super) fn alternates(offered: &[(String, Payload)], responses: &[Response], output: &Output) -> Vec<Alternate> {
    if matches!(output, Output::Empty) {
        return Vec::new();
    }
    let primary: Vec<&str> = responses.iter().filter_map(|response| response.media_type.as_deref()).collect();
    let mut scope = Scope::with_reserved(super::reserved::BUILDER_MEMBERS);
    offered
        .iter()
        .filter(|(media_type, _)| !primary.contains(&media_type.as_str()))
        .map(|(media_type, payload)| Alternate {
            method: scope.claim(&format!("send_{}", media_method_name(media_type))),
            media_type: media_type.clone(),
            payload: payload.clone(),
        })
        .collect()
}

/// A method-name part for a media type: `text/html` is `html`, `application/vnd.github.diff`
/// is `github_diff`, `application/octet-stream` is `bytes`.
fn media_method_name(media_type: &str) -> String {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let named = match essence.as_str() {
        "text/plain" => "text",
        "application/octet-stream" => "bytes",
        "application/json" => "json",
        _ => "",
    };
    if !named.is_empty() {
        return named.to_owned();
    }
    let subtype = essence.split_once('/').map_or(essence.as_str(), |(_, subtype)| subtype);
    let subtype = subtype.strip_prefix("vnd.").or_else(|| subtype.strip_prefix("x-")).unwrap_or(subtype);
    let name = naming::snake(&subtype.replace(['.', '+', '-'], " "));
    // A part of a longer name: neither the `_` a name starting with a digit needs alone
    // (`video/3gpp` is `send_3gpp`), nor a keyword's `r#`.
    let name = naming::unraw(&name).trim_start_matches('_');
    if name.is_empty() { "other".to_owned() } else { name.to_owned() }
}

fn status_variant_name(status: Status) -> String {
    match status {
        Status::Code(200) => "Ok".to_owned(),
        Status::Code(201) => "Created".to_owned(),
        Status::Code(202) => "Accepted".to_owned(),
        Status::Code(203) => "NonAuthoritative".to_owned(),
        Status::Code(204) => "NoContent".to_owned(),
        Status::Code(206) => "PartialContent".to_owned(),
        Status::Code(code) => format!("Status{code}"),
        Status::Range(hundreds) => format!("Status{hundreds}xx"),
        Status::Default => "Other".to_owned(),
    }
}
