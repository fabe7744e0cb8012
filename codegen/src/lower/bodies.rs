//! Request bodies: one `BodyContent` per media type (JSON, form with its encodings, multipart
//! with file parts, text, binary).

use openapiv3::ReferenceOr;

use super::Lowerer;
use super::naming::{self, Scope};
use super::view::{Kind, SchemaRef, View};
use crate::ir::{
    BodyContent, BodyKind, Docs, FormEncoding, MultipartPart, ParamStyle, PartKind, RequestBody, TypeKind, TypeRef,
};
use crate::position;

use super::media::is_json;

impl<'a> Lowerer<'a> {
    pub(super) fn lower_body(
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
}

/// Whether a body schema is a string that is not binary: text, whatever its media type says.
pub(super) fn is_text_schema(schema: &ReferenceOr<openapiv3::Schema>) -> bool {
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

/// Whether a schema describes binary content: `type: string, format: binary`.
fn is_binary(view: &View<'_>) -> bool {
    view.kind == Kind::String && view.format.as_deref() == Some("binary")
}
