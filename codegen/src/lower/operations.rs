//! Operations: names, groups, merged parameters, path templates, bodies and responses.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, StatusCode};

use super::Lowerer;
use super::naming::{self, Scope};
use super::view::SchemaRef;
use crate::ir::{
    BodyKind, Docs, Group, HttpMethod, Operation, Output, Param, ParamLocation, PathSegment, RequestBody, Response,
    Status, StatusVariant, TypeRef,
};
use crate::position;

/// Methods and fields a request builder has of its own; parameters take other names.
pub(super) const BUILDER_RESERVED: &[&str] = &[
    "send",
    "send_with_response",
    "with_options",
    "pages",
    "items",
    "into_future",
    "clone",
    "fmt",
    "client",
    "options",
    "body",
    "new",
    "self_",
];

/// The group of operations that have no tag.
const UNTAGGED: &str = "untagged";

impl<'a> Lowerer<'a> {
    pub(super) fn lower_operations(&mut self) -> Vec<Operation> {
        let document = self.document;
        for tag in &document.tags {
            self.group_for(&tag.name, tag.description.as_deref());
        }
        let mut operations = Vec::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        let mut method_scopes: HashMap<usize, Scope> = HashMap::new();
        let mut builder_scopes: HashMap<usize, Scope> = HashMap::new();
        for (template, item) in &document.paths.paths {
            let item_path = position::key("paths", template);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.sink.error(
                        position::key(&item_path, "$ref"),
                        "path items given by `$ref` are not supported",
                        "write the path item inline under `paths`",
                    );
                    continue;
                }
            };
            for (method, operation) in item.iter() {
                let path = position::key(&item_path, method);
                let Some(lowered) = self.lower_operation(template, item, method, operation, &path, &mut ids) else {
                    continue;
                };
                let mut lowered = lowered;
                let group = lowered.group;
                let handle = self.groups[group].handle.clone();
                // A handle method called `new` that returns a builder trips clippy's
                // `new_ret_no_self`: generated names must not warn.
                let methods = method_scopes.entry(group).or_insert_with(|| Scope::with_reserved(&["new"]));
                lowered.method_name = methods.claim(&lowered.method_name);
                let builders = builder_scopes.entry(group).or_insert_with(|| {
                    let mut reserved = naming::PRELUDE.to_vec();
                    reserved.push(handle.as_str());
                    Scope::with_reserved(&reserved)
                });
                lowered.builder = builders.claim(&lowered.builder);
                operations.push(lowered);
            }
        }
        operations
    }

    /// The index of the group for `tag`, creating it on first sight.
    fn group_for(&mut self, tag: &str, description: Option<&str>) -> usize {
        if let Some(&found) = self.group_by_tag.get(tag) {
            return found;
        }
        self.group_by_tag.insert(tag.to_owned(), self.groups.len());
        // The module name is also a file name and a cargo feature: kept short.
        let module = self.group_names.claim(&naming::shorten(&naming::snake(tag), 48));
        let handle = self.handle_names.claim(&naming::pascal(naming::unraw(&module)));
        self.groups.push(Group { tag: tag.to_owned(), module, handle, docs: Docs::new(None, description) });
        self.groups.len() - 1
    }

    fn lower_operation(
        &mut self,
        template: &str,
        item: &'a PathItem,
        method: &str,
        operation: &'a openapiv3::Operation,
        operation_path: &str,
        ids: &mut HashMap<String, String>,
    ) -> Option<Operation> {
        let http_method = match method {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            _ => HttpMethod::Trace,
        };
        let id = match operation.operation_id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
            Some(id) => id.to_owned(),
            None => {
                let derived = derived_id(method, template);
                self.sink.warning(
                    "operation without operationId",
                    operation_path,
                    format!("the operation has no `operationId`; it is named `{derived}` after its method and path"),
                    "give the operation an `operationId`, so that its name stays stable when the path changes",
                );
                derived
            }
        };
        // After an error, lowering goes on, so that the operation's other problems are found
        // in the same run; the operation is dropped at the end.
        let mut failed = false;
        if let Some(first) = ids.get(&id) {
            self.sink.error(
                position::key(operation_path, "operationId"),
                format!("duplicate operationId `{id}`: `{first}` uses it too"),
                "give every operation its own operationId",
            );
            failed = true;
        } else {
            ids.insert(id.clone(), operation_path.to_owned());
        }

        let group = match operation.tags.first() {
            Some(tag) => self.group_for(tag, None),
            None => self.group_for(UNTAGGED, Some("Operations that have no tag in the document.")),
        };
        let builder = naming::pascal(&id);
        let mut scope = Scope::with_reserved(BUILDER_RESERVED);
        let mut params = self.lower_params(item, operation, operation_path, &builder, &mut scope);
        let segments = self.path_segments(template, &mut params, operation_path, &mut scope);
        let body = operation.request_body.as_ref().and_then(|body| self.lower_body(body, operation_path, &builder));
        let responses = self.lower_responses(operation, operation_path, &builder);
        let output = self.output(&responses, &builder);
        let pagination = self.lower_pagination(operation, operation_path, &params, &output);
        let security = operation.security.as_ref().or(self.document.security.as_ref());
        let authenticated = security.is_some_and(|requirements| requirements.iter().any(|r| !r.is_empty()));
        let segments = segments.filter(|_| !failed)?;

        Some(Operation {
            method_name: naming::snake(&id),
            builder,
            id,
            group,
            method: http_method,
            path: template.to_owned(),
            segments,
            docs: Docs::new(operation.summary.as_deref(), operation.description.as_deref()),
            deprecated: operation.deprecated,
            authenticated,
            params,
            body,
            responses,
            output,
            pagination,
            mock: Default::default(),
        })
    }

    /// Path-level parameters, then the operation's: an operation parameter with the same name
    /// and location replaces the path-level one in its place.
    fn lower_params(
        &mut self,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        operation_path: &str,
        builder: &str,
        scope: &mut Scope,
    ) -> Vec<Param> {
        let item_path = operation_path.rsplit_once('.').map(|(item, _)| item).unwrap_or(operation_path).to_owned();
        let mut merged: IndexMap<(String, ParamLocation), (&'a Parameter, String)> = IndexMap::new();
        let lists = [(&item.parameters, item_path.as_str()), (&operation.parameters, operation_path)];
        for (list, owner) in lists {
            let list_path = position::key(owner, "parameters");
            for (index, parameter) in list.iter().enumerate() {
                let path = position::index(&list_path, index);
                let Some((parameter, _)) = self.resolve_parameter(parameter, &path) else { continue };
                let location = match parameter {
                    Parameter::Path { .. } => ParamLocation::Path,
                    Parameter::Query { .. } => ParamLocation::Query,
                    Parameter::Header { .. } => ParamLocation::Header,
                    Parameter::Cookie { .. } => {
                        self.sink.warning(
                            "cookie parameter not sent",
                            &path,
                            format!(
                                "cookie parameter `{}` is not supported; the client does not send it",
                                parameter.parameter_data_ref().name
                            ),
                            "send it as a header with `with_options`, or describe it as a header parameter",
                        );
                        continue;
                    }
                };
                let name = parameter.parameter_data_ref().name.clone();
                merged.insert((name, location), (parameter, path));
            }
        }

        let mut params = Vec::with_capacity(merged.len());
        for ((name, location), (parameter, path)) in merged {
            let data = parameter.parameter_data_ref();
            if location == ParamLocation::Header && is_managed_header(&name) {
                self.sink.warning(
                    "header the client sets itself",
                    &path,
                    format!("header parameter `{name}` is set by the client itself; it is not a separate argument"),
                    "leave it out of the document's parameters",
                );
                continue;
            }
            let hint = format!("{builder}{}", naming::pascal(&name));
            let lowered = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    self.lower_schema(SchemaRef::from(schema), &position::key(&path, "schema"), &hint)
                }
                ParameterSchemaOrContent::Content(_) => {
                    self.sink.warning(
                        "parameter described by content",
                        position::key(&path, "content"),
                        format!("parameter `{name}` is described by `content`; it is sent as a plain string"),
                        "describe the parameter with `schema`",
                    );
                    Default::default()
                }
            };
            let ty = match (&lowered.ty, location) {
                (TypeRef::List(inner), ParamLocation::Query) if self.is_scalar(inner) => lowered.ty.clone(),
                (ty, _) if self.is_scalar(ty) => ty.clone(),
                (ty, _) => {
                    self.sink.warning(
                        "parameter too complex for its location",
                        position::key(&path, "schema"),
                        format!(
                            "parameter `{name}` is {}, which cannot be written into a {}; it is sent as a string you format yourself",
                            describe_type(ty),
                            location_name(location)
                        ),
                        "give the parameter a string, number, boolean or enum schema (a list of those for query parameters)",
                    );
                    TypeRef::String
                }
            };
            let mut required = data.required;
            if location == ParamLocation::Path && !required {
                self.sink.warning(
                    "path parameter not marked required",
                    position::key(&path, "required"),
                    format!("path parameter `{name}` is not marked `required: true`; path parameters always are"),
                    "add `required: true`",
                );
                required = true;
            }
            let explode = match parameter {
                Parameter::Query { style, .. } => {
                    if !matches!(style, openapiv3::QueryStyle::Form) {
                        self.sink.warning(
                            "unsupported query style",
                            &path,
                            format!("query style `{style:?}` of `{name}` is not supported; the form style is used"),
                            "use `style: form`",
                        );
                    }
                    data.explode.unwrap_or(true)
                }
                _ => data.explode.unwrap_or(false),
            };
            params.push(Param {
                rust_name: scope.claim(&naming::snake(&name)),
                name,
                location,
                required,
                ty,
                docs: Docs::new(None, data.description.as_deref()).or(lowered.docs),
                deprecated: data.deprecated.unwrap_or(false) || lowered.deprecated,
                explode,
                max_length: lowered.max_length,
                min_length: lowered.min_length,
                checks_length: false,
            });
        }
        params
    }

    /// Whether a type can be written as one path segment, query value or header value.
    fn is_scalar(&self, ty: &TypeRef) -> bool {
        ty.is_scalar()
            || matches!(ty, TypeRef::Named(named) if self.definition(named.id).is_some_and(|definition| {
                matches!(definition.kind, crate::ir::TypeKind::Enum(_))
            }))
    }

    /// Splits the path template and pairs each placeholder with its parameter.
    fn path_segments(
        &mut self,
        template: &str,
        params: &mut Vec<Param>,
        operation_path: &str,
        scope: &mut Scope,
    ) -> Option<Vec<PathSegment>> {
        let item_path = operation_path.rsplit_once('.').map(|(item, _)| item).unwrap_or(operation_path).to_owned();
        let pieces = match split_template(template) {
            Ok(pieces) => pieces,
            Err(problem) => {
                self.sink.error(
                    &item_path,
                    format!("the path template `{template}` {problem}"),
                    "write each placeholder as `{name}`",
                );
                return None;
            }
        };
        // A placeholder written twice (`/accounts/{account_id}/maps/{map_id}/accounts/{account_id}`)
        // is one parameter, filled in at both places: counted once here.
        let mut placeholders: Vec<&str> = Vec::new();
        for name in pieces.iter().filter_map(|piece| piece.placeholder()) {
            if !placeholders.contains(&name) {
                placeholders.push(name);
            }
        }
        let undeclared: Vec<&str> = placeholders
            .iter()
            .copied()
            .filter(|name| !params.iter().any(|p| p.location == ParamLocation::Path && p.name == *name))
            .collect();
        let unused: Vec<usize> = (0..params.len())
            .filter(|&index| {
                params[index].location == ParamLocation::Path && !placeholders.contains(&params[index].name.as_str())
            })
            .collect();

        // One placeholder and one declared path parameter that do not match are the same
        // parameter under two names: a typo in the document, not two parameters.
        if undeclared.len() == 1 && unused.len() == 1 {
            let param = &mut params[unused[0]];
            self.sink.warning(
                "placeholder and path parameter under two names",
                &item_path,
                format!(
                    "the path has the placeholder `{{{}}}` but the declared path parameter is `{}`; they are taken to be the same",
                    undeclared[0], param.name
                ),
                "rename the placeholder or the parameter so that they match",
            );
            param.name = undeclared[0].to_owned();
        } else {
            for name in &undeclared {
                self.sink.warning(
                    "undeclared path parameter",
                    &item_path,
                    format!(
                        "path parameter `{name}` is used in the path but not declared; it is taken as a required string"
                    ),
                    "declare it under `parameters` with `in: path`, `required: true` and a schema",
                );
                params.push(Param {
                    rust_name: scope.claim(&naming::snake(name)),
                    name: (*name).to_owned(),
                    location: ParamLocation::Path,
                    required: true,
                    ty: TypeRef::String,
                    docs: Docs::default(),
                    deprecated: false,
                    explode: false,
                    max_length: None,
                    min_length: None,
                    checks_length: false,
                });
            }
            for &index in &unused {
                self.sink.error(
                    format!("{operation_path}.parameters"),
                    format!(
                        "path parameter `{}` is declared but the path `{template}` has no `{{{}}}`",
                        params[index].name, params[index].name
                    ),
                    format!("add `{{{}}}` to the path, or change the parameter's `in`", params[index].name),
                );
            }
            if !unused.is_empty() {
                return None;
            }
        }
        let segments = pieces
            .into_iter()
            .map(|piece| match piece {
                TemplatePiece::Literal(text) => PathSegment::Literal(text),
                TemplatePiece::Placeholder(name) => PathSegment::Param(
                    params
                        .iter()
                        .position(|p| p.location == ParamLocation::Path && p.name == name)
                        .expect("every placeholder has a parameter by now"),
                ),
            })
            .collect();
        Some(segments)
    }

    fn lower_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        operation_path: &str,
        builder: &str,
    ) -> Option<RequestBody> {
        let path = position::key(operation_path, "requestBody");
        let (body, body_path) = self.resolve_request_body(body, &path)?;
        let docs = Docs::new(None, body.description.as_deref());
        let json = body.content.iter().find(|(media, _)| is_json(media));
        if body.content.len() > 1 {
            let chosen = json
                .map(|(media, _)| media.as_str())
                .unwrap_or_else(|| body.content.keys().next().map(String::as_str).unwrap_or(""));
            self.sink.warning(
                "request body with several media types",
                position::key(&body_path, "content"),
                format!("the request body has several media types; the client sends `{chosen}`"),
                "list one media type per request body, or accept that the others are not offered",
            );
        }
        let Some((media, content)) = json.or_else(|| body.content.first()) else {
            self.sink.warning(
                "request body without a media type",
                position::key(&body_path, "content"),
                "the request body has no media type; no body is sent",
                "add `content:` with `application/json` and a schema",
            );
            return None;
        };
        let media_path = position::key(&position::key(&body_path, "content"), media);
        let kind = if is_json(media) {
            match &content.schema {
                Some(schema) => {
                    let hint = format!("{builder}Request");
                    BodyKind::Json(
                        self.lower_schema(SchemaRef::from(schema), &position::key(&media_path, "schema"), &hint).ty,
                    )
                }
                None => {
                    self.sink.warning(
                        "request body without a schema",
                        &media_path,
                        "the request body has no schema; it is typed as any JSON value",
                        "add a `schema` for the body",
                    );
                    BodyKind::Json(TypeRef::Json)
                }
            }
        } else {
            self.sink.warning(
                "request body media type sent as bytes",
                &media_path,
                format!("request bodies of type `{media}` cannot be typed; the client sends the bytes it is given, as `{media}`"),
                "use `application/json`, or encode the body yourself",
            );
            BodyKind::Raw
        };
        Some(RequestBody { kind, required: body.required, media_type: media.clone(), docs })
    }

    fn lower_responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        operation_path: &str,
        builder: &str,
    ) -> Vec<Response> {
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
                status.is_success() && matches!(response, ReferenceOr::Item(r) if !r.content.is_empty())
            })
            .count();

        let has_success = entries.iter().any(|(status, _, _)| status.is_success());
        let mut lowered = Vec::with_capacity(entries.len());
        for (status, response, path) in entries {
            let Some((resolved, resolved_path, component)) = self.resolve_response(response, &path) else { continue };
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
            let ty = match component.as_ref().and_then(|name| self.shared_responses.get(name)) {
                Some(known) => known.clone(),
                None => {
                    let mut ty = self.response_type(resolved, &resolved_path, &hint);
                    if is_error && self.order.len() > types_before {
                        // Every component is lowered already, so what was added is inline.
                        self.order.truncate(types_before);
                        ty = None;
                    }
                    if let Some(name) = component {
                        self.shared_responses.insert(name, ty.clone());
                    }
                    ty
                }
            };
            lowered.push(Response { status, ty, docs: Docs::new(None, Some(resolved.description.as_str())) });
        }
        lowered
    }

    fn response_type(&mut self, response: &'a openapiv3::Response, response_path: &str, hint: &str) -> Option<TypeRef> {
        if response.content.is_empty() {
            return None;
        }
        let content_path = position::key(response_path, "content");
        let Some((media, content)) = response.content.iter().find(|(media, _)| is_json(media)) else {
            let media = response.content.keys().next().cloned().unwrap_or_default();
            self.sink.warning(
                "response media type not decoded",
                position::key(&content_path, &media),
                format!("responses of type `{media}` are not decoded; the call returns no body for them"),
                "use `send_with_response` to read the raw bytes, or describe the body as `application/json`",
            );
            return None;
        };
        let media_path = position::key(&content_path, media);
        match &content.schema {
            Some(schema) => {
                Some(self.lower_schema(SchemaRef::from(schema), &position::key(&media_path, "schema"), hint).ty)
            }
            None => {
                if content.example.is_some() || !content.examples.is_empty() {
                    self.sink.warning(
                        "response with an example but no schema",
                        &media_path,
                        "the response has an example but no schema; its body is typed as any JSON value",
                        "add a `schema` that the example follows",
                    );
                }
                Some(TypeRef::Json)
            }
        }
    }

    /// What `send` returns: the one success body, or an enum over the statuses when they differ.
    fn output(&mut self, responses: &[Response], builder: &str) -> Output {
        let mut successes: Vec<&Response> = responses.iter().filter(|response| response.status.is_success()).collect();
        if successes.is_empty() {
            successes = responses.iter().filter(|response| response.status == Status::Default).collect();
        }
        let mut distinct: Vec<&Option<TypeRef>> = Vec::new();
        for response in &successes {
            if !distinct.contains(&&response.ty) {
                distinct.push(&response.ty);
            }
        }
        match distinct.as_slice() {
            [] | [None] => Output::Empty,
            [Some(ty)] => Output::Single(ty.clone()),
            _ => {
                let name = self.type_names.claim(&format!("{builder}Output"));
                let mut scope = Scope::default();
                let variants: Vec<StatusVariant> = successes
                    .iter()
                    .map(|response| StatusVariant {
                        rust_name: scope.claim(&status_variant_name(response.status)),
                        status: response.status,
                        ty: response.ty.clone(),
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

impl Docs {
    /// These docs, or `other` where these are empty.
    pub fn or(self, other: Docs) -> Docs {
        if self.is_empty() { other } else { self }
    }
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

fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*" || essence == "text/json"
}

/// Headers the client sets itself from its configuration.
fn is_managed_header(name: &str) -> bool {
    ["authorization", "content-type", "accept", "user-agent", "content-length"]
        .contains(&name.to_ascii_lowercase().as_str())
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path segment",
        ParamLocation::Query => "query string",
        ParamLocation::Header => "header",
    }
}

fn describe_type(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::List(_) => "a list",
        TypeRef::Map(_) | TypeRef::JsonObject => "an object",
        TypeRef::Named(_) => "an object or union",
        _ => "any JSON value",
    }
}

/// A name for an operation without `operationId`: `get /things/{id}/parts` is `get_things_id_parts`.
fn derived_id(method: &str, template: &str) -> String {
    let mut words = vec![method.to_owned()];
    for segment in template.split('/').filter(|segment| !segment.is_empty()) {
        words.push(segment.trim_start_matches('{').trim_end_matches('}').to_owned());
    }
    naming::snake(&words.join("_"))
}

enum TemplatePiece {
    Literal(String),
    Placeholder(String),
}

impl TemplatePiece {
    fn placeholder(&self) -> Option<&str> {
        match self {
            TemplatePiece::Placeholder(name) => Some(name),
            TemplatePiece::Literal(_) => None,
        }
    }
}

fn split_template(template: &str) -> Result<Vec<TemplatePiece>, &'static str> {
    if !template.starts_with('/') {
        return Err("does not start with `/`");
    }
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { return Err("has a `{` that is never closed") };
        let name = &rest[open + 1..open + close];
        if name.is_empty() || name.contains('{') {
            return Err("has an empty or nested placeholder");
        }
        if open > 0 {
            pieces.push(TemplatePiece::Literal(rest[..open].to_owned()));
        }
        pieces.push(TemplatePiece::Placeholder(name.to_owned()));
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        return Err("has a `}` without a `{`");
    }
    if !rest.is_empty() {
        pieces.push(TemplatePiece::Literal(rest.to_owned()));
    }
    Ok(pieces)
}
