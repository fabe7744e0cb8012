//! Parameters: path-item and operation parameters merged, their styles, the path template
//! split into segments, and the headers the client sets itself kept out.

use indexmap::IndexMap;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem};

use super::Lowerer;
use super::naming::{self, Scope};
use super::view::SchemaRef;
use crate::ir::{Docs, Param, ParamLocation, ParamStyle, PathSegment, TypeRef};
use crate::position;

impl<'a> Lowerer<'a> {
    /// Path-level parameters, then the operation's: an operation parameter with the same name
    /// and location replaces the path-level one in its place.
    pub(super) fn lower_params(
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
                taking: Default::default(),
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
    pub(super) fn path_segments(
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
                    taking: Default::default(),
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
