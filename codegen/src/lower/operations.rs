//! Operations: names, groups, merged parameters, path templates, bodies and responses.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, StatusCode};

use super::Lowerer;
use super::naming::{self, Scope};
use super::view::{Kind, SchemaRef, View};
use crate::ir::{
    Alternate, BodyContent, BodyKind, Docs, FormEncoding, Group, HttpMethod, MultipartPart, Operation, Output, Param,
    ParamLocation, ParamStyle, PartKind, PathSegment, Payload, RequestBody, Response, Status, StatusVariant, TypeKind,
    TypeRef,
};
use crate::position;

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
        // Names made from a method and a path can meet (`/jobs` and `/jobs/`) or meet an
        // operationId the document gives: they yield, numbered, so that only operationIds the
        // document really repeats are errors.
        let given: Vec<&str> = document
            .paths
            .paths
            .values()
            .filter_map(|item| item.as_item())
            .flat_map(|item| item.iter())
            .filter_map(|(_, operation)| operation.operation_id.as_deref().map(str::trim))
            .collect();
        let mut derived_ids = Scope::with_reserved(&given);
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
                let ids = (&mut ids, &mut derived_ids);
                let Some(lowered) = self.lower_operation(template, item, method, operation, &path, ids) else {
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
        (ids, derived_ids): (&mut HashMap<String, String>, &mut Scope),
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
                let base = derived_id(method, template);
                let derived = derived_ids.claim(&base);
                let numbered = if derived == base {
                    String::new()
                } else {
                    format!(", numbered because another operation is called `{base}`")
                };
                self.sink.warning(
                    "operation without operationId",
                    operation_path,
                    format!(
                        "the operation has no `operationId`; it is named `{derived}` after its method and path{numbered}"
                    ),
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
        let mut scope = Scope::with_reserved(super::reserved::BUILDER_MEMBERS);
        let mut params = self.lower_params(item, operation, operation_path, &builder, &mut scope);
        let segments = self.path_segments(template, &mut params, operation_path, &mut scope);
        let body = operation
            .request_body
            .as_ref()
            .and_then(|body| self.lower_body(body, operation_path, &builder, &mut scope));
        let (responses, offered) = self.lower_responses(operation, operation_path, &builder);
        let output = self.output(&responses, &builder, operation_path);
        let accept = accept_header(&responses, &output);
        let alternates = alternates(&offered, &responses, &output);
        let pagination = self.lower_pagination(operation, operation_path, &params, &output);
        let schemes = std::mem::take(&mut self.schemes);
        let security = self.operation_security(&schemes, operation, operation_path);
        self.schemes = schemes;
        let segments = segments.filter(|_| !failed)?;

        let mut lowered = Operation {
            method_name: naming::snake(&id),
            builder,
            id,
            group,
            method: http_method,
            path: template.to_owned(),
            segments,
            docs: Docs::new(operation.summary.as_deref(), operation.description.as_deref()),
            deprecated: operation.deprecated,
            security,
            params,
            body,
            responses,
            output,
            accept,
            alternates,
            pagination,
            error_body: None,
            mock: Default::default(),
        };
        lowered.error_body = documented_error_body(&lowered);
        Some(lowered)
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
                    Parameter::Cookie { .. } => ParamLocation::Cookie,
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
                (ty, _) if self.is_scalar(ty) => ty.clone(),
                (TypeRef::List(inner), _) if self.is_scalar(inner) => lowered.ty.clone(),
                // Objects are walked as JSON: their fields must be scalars or lists of them,
                // which the runtime spells in the parameter's style.
                (ty, ParamLocation::Query | ParamLocation::Header | ParamLocation::Path) if self.is_flat_object(ty) => {
                    ty.clone()
                }
                (ty, _) => {
                    self.sink.warning(
                        "parameter too complex for its location",
                        position::key(&path, "schema"),
                        format!(
                            "parameter `{name}` is {}, which cannot be written into a {}; it is sent as a string you format yourself",
                            describe_type(ty),
                            location_name(location)
                        ),
                        "give the parameter a string, number, boolean or enum schema, a list of those, or an object of those",
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
            let (style, explode, allow_reserved) = self.param_style(parameter, &ty, &path);
            let structured = !self.is_scalar(&ty);
            params.push(Param {
                rust_name: scope.claim(&naming::snake(&name)),
                name,
                location,
                required,
                ty,
                docs: Docs::new(None, data.description.as_deref()).or(lowered.docs),
                deprecated: data.deprecated.unwrap_or(false) || lowered.deprecated,
                explode,
                style,
                allow_reserved,
                structured,
                constraints: lowered.constraints,
                checked: false,
            });
        }
        params
    }

    /// The style, explode and `allowReserved` of a parameter, with a warning for what the
    /// client cannot write (the style it uses instead is named).
    fn param_style(&mut self, parameter: &Parameter, ty: &TypeRef, path: &str) -> (ParamStyle, bool, bool) {
        let data = parameter.parameter_data_ref();
        let name = &data.name;
        let structured = !self.is_scalar(ty);
        match parameter {
            Parameter::Query { style, allow_reserved, .. } => {
                let style = match style {
                    openapiv3::QueryStyle::Form => ParamStyle::Form,
                    openapiv3::QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                    openapiv3::QueryStyle::DeepObject => ParamStyle::DeepObject,
                };
                (style, data.explode.unwrap_or(style == ParamStyle::Form), *allow_reserved)
            }
            Parameter::Path { style, .. } => {
                if structured && !matches!(style, openapiv3::PathStyle::Simple) {
                    self.sink.warning(
                        "unsupported path style",
                        path,
                        format!(
                            "path style `{style:?}` of `{name}` is not supported; the simple style (`a,b`) is used"
                        ),
                        "use `style: simple`",
                    );
                }
                (ParamStyle::Simple, data.explode.unwrap_or(false), false)
            }
            Parameter::Header { .. } => (ParamStyle::Simple, data.explode.unwrap_or(false), false),
            Parameter::Cookie { .. } => {
                if structured && data.explode.unwrap_or(true) {
                    self.sink.warning(
                        "unsupported cookie style",
                        path,
                        format!("cookie parameter `{name}` is a list or object with `explode`; it is sent as one cookie, its items joined with `,`"),
                        "add `explode: false`",
                    );
                }
                (ParamStyle::Form, false, false)
            }
        }
    }

    /// Whether a type is an object (a struct of the crate, or a map) whose values are
    /// scalars or lists of them: the objects a parameter style can spell.
    fn is_flat_object(&self, ty: &TypeRef) -> bool {
        let flat = |ty: &TypeRef| {
            self.is_scalar(ty) || matches!(ty, TypeRef::List(inner) if self.is_scalar(inner)) || *ty == TypeRef::Json
        };
        match ty {
            TypeRef::Map(inner) => flat(inner),
            TypeRef::JsonObject => true,
            TypeRef::Named(named) => self.definition(named.id).is_some_and(|definition| match &definition.kind {
                crate::ir::TypeKind::Struct(body) => {
                    body.fields.iter().all(|field| flat(&field.ty) && !field.flatten)
                        && body.additional.as_ref().is_none_or(flat)
                }
                _ => false,
            }),
            _ => false,
        }
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
                    style: ParamStyle::Simple,
                    allow_reserved: false,
                    structured: false,
                    constraints: Default::default(),
                    checked: false,
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
        let mut segments = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                TemplatePiece::Literal(text) => segments.push(PathSegment::Literal(text)),
                TemplatePiece::Placeholder(name) => {
                    let Some(index) =
                        params.iter().position(|param| param.location == ParamLocation::Path && param.name == name)
                    else {
                        // Every placeholder was given a parameter above: reported, not a panic.
                        self.sink.error(
                            operation_path,
                            format!("internal error: the placeholder `{{{name}}}` has no parameter"),
                            "this is a bug in the generator; please report it with the document",
                        );
                        return None;
                    };
                    segments.push(PathSegment::Param(index));
                }
            }
        }
        Some(segments)
    }

    fn lower_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        operation_path: &str,
        builder: &str,
        scope: &mut Scope,
    ) -> Option<RequestBody> {
        let path = position::key(operation_path, "requestBody");
        let (body, body_path) = self.resolve_request_body(body, &path)?;
        let docs = Docs::new(None, body.description.as_deref());
        if body.content.is_empty() {
            self.sink.warning(
                "request body without a media type",
                position::key(&body_path, "content"),
                "the request body has no media type; no body is sent",
                "add `content:` with `application/json` and a schema",
            );
            return None;
        }
        // The preferred media type first: JSON where there is one (`application/json` itself
        // before the others, and a wildcard such as `application/*+json`, which is no content
        // type to send, last), else the first listed.
        let mut order: Vec<(&'a String, &'a openapiv3::MediaType)> = body.content.iter().collect();
        let essence = |media: &str| media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let preferred = order
            .iter()
            .position(|(media, _)| essence(media) == "application/json")
            .or_else(|| order.iter().position(|(media, _)| is_json(media) && !media.contains('*')))
            .or_else(|| order.iter().position(|(media, _)| is_json(media)));
        if let Some(json) = preferred {
            let preferred = order.remove(json);
            order.insert(0, preferred);
        }
        let several = order.len() > 1;
        let mut contents = Vec::with_capacity(order.len());
        let mut variants = Scope::default();
        for (index, (media, content)) in order.into_iter().enumerate() {
            let media_path = position::key(&position::key(&body_path, "content"), media);
            // Every media type's schema gets the same name hint, so that one shared schema is
            // one type; inline schemas of the others are numbered by the type scope.
            let hint = format!("{builder}Request");
            let kind = self.body_kind(media, content, &media_path, &hint);
            let setter = if index == 0 { "body".to_owned() } else { scope.claim(&format!("{}_body", kind.word())) };
            let variant = variants.claim(&naming::pascal(kind.word()));
            contents.push(BodyContent { media_type: media.clone(), kind, setter, variant });
        }
        let choice = several.then(|| self.type_names.claim(&format!("{builder}Body")));
        Some(RequestBody { required: body.required, docs, contents, choice })
    }

    /// How one media type of a request body is sent.
    fn body_kind(&mut self, media: &str, content: &'a openapiv3::MediaType, media_path: &str, hint: &str) -> BodyKind {
        let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let schema_path = position::key(media_path, "schema");
        let typed = |lowerer: &mut Self| match &content.schema {
            Some(schema) => lowerer.lower_schema(SchemaRef::from(schema), &schema_path, hint).ty,
            None => {
                lowerer.sink.warning(
                    "request body without a schema",
                    media_path,
                    "the request body has no schema; it is typed as any JSON value",
                    "add a `schema` for the body",
                );
                TypeRef::Json
            }
        };
        if is_json(media) {
            return BodyKind::Json(typed(self));
        }
        if essence == "application/x-www-form-urlencoded" {
            let ty = typed(self);
            let mut fields = Vec::new();
            for (name, encoding) in &content.encoding {
                let encoding_path = position::key(&position::key(media_path, "encoding"), name);
                if encoding.allow_reserved {
                    self.sink.warning(
                        "form encoding not applied",
                        position::key(&encoding_path, "allowReserved"),
                        format!("`allowReserved` of form property `{name}` is not applied; its reserved characters are escaped"),
                        "leave `allowReserved` out: servers decode escaped characters the same",
                    );
                }
                // openapiv3 reads a missing `explode` as false, where the form style's default is
                // true: an explicit `explode: false` cannot be told apart, and form bodies use the
                // default.
                let (style, explode) = match encoding.style {
                    None | Some(openapiv3::QueryStyle::Form) => (ParamStyle::Form, true),
                    Some(openapiv3::QueryStyle::DeepObject) => (ParamStyle::DeepObject, true),
                    Some(openapiv3::QueryStyle::SpaceDelimited) => (ParamStyle::SpaceDelimited, encoding.explode),
                    Some(openapiv3::QueryStyle::PipeDelimited) => (ParamStyle::PipeDelimited, encoding.explode),
                };
                if encoding.style.is_some() {
                    fields.push(FormEncoding { name: name.clone(), style, explode });
                }
            }
            return BodyKind::Form { ty, fields };
        }
        if essence == "multipart/form-data" {
            let ty = typed(self);
            let parts = self.multipart_parts(&ty, content, media_path);
            return BodyKind::Multipart { ty, parts };
        }
        if essence.starts_with("text/") {
            if let Some(schema) = &content.schema
                && let Some(view) = self.schema_view(SchemaRef::from(schema))
                && view.kind != Kind::String
                && view.kind != Kind::Unspecified
            {
                self.sink.warning(
                    "text body with a structured schema",
                    &schema_path,
                    format!("the `{media}` body's schema is not a string; the client sends the text it is given"),
                    "describe a text body with `type: string`",
                );
            }
            return BodyKind::Text;
        }
        if essence.starts_with("multipart/") {
            self.sink.warning(
                "request body media type sent as bytes",
                media_path,
                format!("`{media}` bodies are not built by the client (only `multipart/form-data` is); it sends the bytes it is given"),
                "use `multipart/form-data`, or encode the body yourself",
            );
        }
        BodyKind::Binary
    }

    /// The parts of a multipart body whose struct has file properties (`format: binary`):
    /// those fields become `runtime::Upload`s. `None` sends the value property by property.
    fn multipart_parts(
        &mut self,
        ty: &TypeRef,
        content: &'a openapiv3::MediaType,
        media_path: &str,
    ) -> Option<Vec<MultipartPart>> {
        let schema = content.schema.as_ref()?;
        let view = self.schema_view(SchemaRef::from(schema))?;
        let properties = view.properties?;
        let binary: Vec<(&str, PartKind)> = properties
            .iter()
            .filter_map(|(name, property)| {
                let property = self.schema_view(SchemaRef::from(property))?;
                if is_binary(&property) {
                    return Some((name.as_str(), PartKind::File));
                }
                let items = property.items.and_then(|items| self.schema_view(SchemaRef::from(items)))?;
                is_binary(&items).then_some((name.as_str(), PartKind::Files))
            })
            .collect();
        if binary.is_empty() {
            return None;
        }
        let plain = ty.named_id().filter(|_| matches!(ty, TypeRef::Named(_))).and_then(|id| {
            let definition = self.definition(id)?;
            match &definition.kind {
                TypeKind::Struct(body) if body.additional.is_none() && !body.fields.iter().any(|f| f.flatten) => {
                    Some(id)
                }
                _ => None,
            }
        });
        let Some(id) = plain else {
            self.sink.warning(
                "multipart file sent as text",
                position::key(media_path, "schema"),
                "the multipart body's schema is not a plain object (it combines schemas or allows other keys); its binary properties are sent as text parts",
                "describe the multipart body as one object with `properties`",
            );
            return None;
        };
        let content_type = |name: &str| content.encoding.get(name).and_then(|encoding| encoding.content_type.clone());
        let definition = self.definition_mut(id)?;
        let TypeKind::Struct(body) = &mut definition.kind else { return None };
        let mut parts = Vec::with_capacity(body.fields.len());
        for field in &mut body.fields {
            let kind = binary.iter().find(|(name, _)| *name == field.name).map_or(PartKind::Value, |(_, kind)| *kind);
            match kind {
                PartKind::File => field.ty = TypeRef::Upload,
                PartKind::Files => field.ty = TypeRef::List(Box::new(TypeRef::Upload)),
                PartKind::Value => {}
            }
            parts.push(MultipartPart {
                name: field.name.clone(),
                rust_name: field.rust_name.clone(),
                kind,
                content_type: content_type(&field.name),
            });
        }
        Some(parts)
    }

    fn lower_responses(
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
    fn output(&mut self, responses: &[Response], builder: &str, operation_path: &str) -> Output {
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

/// How a body of a media type is read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MediaKind {
    Json,
    /// Newline-delimited JSON.
    JsonLines,
    Text,
    Binary,
}

pub(super) fn media_kind(media: &str) -> MediaKind {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if matches!(
        essence.as_str(),
        "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "application/jsonlines"
    ) {
        MediaKind::JsonLines
    } else if is_json(&essence) {
        MediaKind::Json
    } else if essence.starts_with("text/")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/xml" | "application/yaml" | "application/x-yaml" | "application/javascript"
        )
    {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// Whether a body schema is a string that is not binary: text, whatever its media type says.
fn is_text_schema(schema: &ReferenceOr<openapiv3::Schema>) -> bool {
    use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
    match schema {
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                !matches!(string.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary | StringFormat::Byte))
            }
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

/// The media type each success answer is asked for in, where one is not `application/json`
/// itself: `send` asks for all of them (an operation answering `application/json` keeps the
/// client's `Accept: application/json`). A vendor JSON type (`application/vnd.x+json`) is
/// asked for by name: a server that offers only it may refuse `application/json` (406).
fn accept_header(responses: &[Response], output: &Output) -> Option<String> {
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
fn alternates(offered: &[(String, Payload)], responses: &[Response], output: &Output) -> Vec<Alternate> {
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

/// Whether a schema describes binary content: `type: string, format: binary`.
fn is_binary(view: &View<'_>) -> bool {
    view.kind == Kind::String && view.format.as_deref() == Some("binary")
}

pub(super) fn is_json(media: &str) -> bool {
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
        ParamLocation::Cookie => "cookie",
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

/// The one type the operation's documented JSON error answers share, `None` where they have
/// none or several (each is then named in the docs, read with `ApiError::json`).
fn documented_error_body(operation: &Operation) -> Option<TypeRef> {
    let mut types = operation.error_bodies().map(|(_, ty)| ty);
    let first = types.next()?;
    types.all(|ty| ty == first).then(|| first.clone())
}
