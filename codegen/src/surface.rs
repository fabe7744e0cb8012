//! The generated crate's public API as plain data, and what changed between two of them.
//!
//! A surface is computed from the lowered model, so reordering a document or rewording a
//! description changes no API line (descriptions are compared separately, as documentation).
//! It is also written into the generated crate (`public-api.json`), so that regenerating can say
//! what changed against what the crate held before, whichever generator made it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::emit::model_spelling as spelling;
use crate::ir::{Api, BodyKind, Docs, FieldShape, Output, ParamLocation, TypeKind};

mod diff;

pub use diff::{Bump, Change, Report, diff};

/// Everything a user of the crate can name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// By `group.method` name.
    pub operations: BTreeMap<String, OperationSurface>,
    /// By type name.
    pub types: BTreeMap<String, TypeSurface>,
    /// The crates whose types the API exposes (its public dependencies), by the name paths
    /// start with: the version the crate asks for, and the types (`*`: the crate is
    /// re-exported whole). `None` in surfaces written before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_types: Option<BTreeMap<String, ExternalCrate>>,
    /// The webhooks' events (`webhooks::Event`), by the webhook's name in the document.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub webhooks: BTreeMap<String, WebhookSurface>,
    /// How deliveries are signed (`webhooks::SIGNING`), as `scheme header`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_signing: Option<String>,
}

/// One variant of the webhooks' `Event`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookSurface {
    /// `Event::{variant}`.
    pub variant: String,
    /// The payload's type.
    pub payload: String,
    /// What names the event in a delivery (`body.event = pet.created`), in order.
    pub named_by: Vec<String>,
    pub deprecated: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// `GET /path/{id}`.
    pub endpoint: String,
    /// By wire name.
    pub params: BTreeMap<String, ParamSurface>,
    /// The body's Rust type, with `?` when it is optional.
    pub body: Option<String>,
    /// What `send` returns.
    pub output: String,
    pub paginated: bool,
    pub deprecated: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
    /// The cargo feature the operation is behind.
    #[serde(default)]
    pub feature: String,
    /// The combinations of security schemes the operation accepts, each `a + b` (`none` for
    /// none); `None` in surfaces written before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<String>>,
    /// The other media types of its answer, as `send_{media}: Type`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternates: Vec<String>,
    /// Its names in the test doubles (`mock` feature): `MockApi::{method}`, the parameters'
    /// struct and the query trait; `None` in surfaces written before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock: Option<String>,
    /// How code calls it, as the code spells it: the arguments in order (`name: Type`), then
    /// each setter (`.name(Type)`); `None` in surfaces written before they were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<Vec<String>>,
    /// The typed query matchers of its expectations in the doubles (`.query_name(Type)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock_queries: Option<Vec<String>>,
}

/// A public dependency: what version the crate asks for, and which of its types it exposes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalCrate {
    pub version: String,
    pub types: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamSurface {
    pub rust_name: String,
    pub location: String,
    pub ty: String,
    pub required: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeSurface {
    /// `struct`, `enum`, `union` or `newtype`.
    pub kind: String,
    /// Struct fields by wire name.
    pub fields: BTreeMap<String, FieldSurface>,
    /// Enum values, or union variants, by wire value or variant name.
    pub values: BTreeMap<String, String>,
    pub deprecated: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
    // The four below are `None` in surfaces written before they were recorded, so that the
    // first regeneration after an upgrade reports no change that did not happen.
    /// What `new` takes, in order (`name: impl Into<String>`); structs only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constructor: Option<Vec<String>>,
    /// The `with_*` setters (structs that requests carry have them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setters: Option<Vec<String>>,
    /// What each setter takes, as the code spells it (`(impl Into<String>)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setter_arguments: Option<BTreeMap<String, String>>,
    /// Whether the type implements `Default`; structs only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// The cargo features that compile the type (empty: every feature set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSurface {
    pub rust_name: String,
    /// The field's Rust type: `String`, `Option<String>`, `Nullable<String>`.
    pub ty: String,
    pub required: bool,
    /// A fingerprint of the description, to tell when it changed.
    pub docs: String,
}

/// A fingerprint of the documentation: enough to tell that it changed, without carrying
/// every description of the document in the surface file.
fn docs_text(docs: &Docs) -> String {
    let text =
        [docs.summary.as_deref(), docs.description.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("\n\n");
    if text.is_empty() {
        return String::new();
    }
    // FNV-1a, 64 bits: stable across runs and platforms.
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{hash:016x}")
}

/// A Rust type (or signature) as the report writes it: the emitters' spelling with each path
/// cut to its last segment (`::chrono::DateTime<::chrono::Utc>` is `DateTime<Utc>`), as the
/// docs show it, so that moving an item to another path alone changes nothing here.
pub fn short_paths(spelled: &str) -> String {
    let mut out = String::with_capacity(spelled.len());
    let mut rest = spelled;
    while !rest.is_empty() {
        let path_length = path_prefix_length(rest);
        if path_length == 0 {
            let ch = rest.chars().next().unwrap_or_default();
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
            continue;
        }
        let path = &rest[..path_length];
        out.push_str(path.rsplit("::").next().unwrap_or(path));
        rest = &rest[path_length..];
    }
    out
}

/// The length of the path `(::)?segment(::segment)*` that starts `text`, 0 where none does.
fn path_prefix_length(text: &str) -> usize {
    let is_ident = |ch: char| ch.is_alphanumeric() || ch == '_' || ch == '#';
    let mut length = 0;
    let mut expect_segment = true;
    let bytes = text;
    if bytes.starts_with("::") {
        length = 2;
    }
    loop {
        let rest = &bytes[length..];
        if expect_segment {
            let segment: usize = rest.chars().take_while(|&ch| is_ident(ch)).map(char::len_utf8).sum();
            if segment == 0 {
                // A trailing `::` is not part of the path.
                return if length >= 2 && bytes[..length].ends_with("::") { length - 2 } else { length };
            }
            length += segment;
            expect_segment = false;
        } else if rest.starts_with("::") {
            length += 2;
            expect_segment = true;
        } else {
            return length;
        }
    }
}

impl Surface {
    /// Every type spelled in the report with short paths ([`short_paths`]).
    pub fn with_short_paths(mut self) -> Surface {
        let short = |text: &mut String| *text = short_paths(text);
        for operation in self.operations.values_mut() {
            operation.params.values_mut().for_each(|param| short(&mut param.ty));
            operation.body.iter_mut().for_each(short);
            short(&mut operation.output);
            operation.alternates.iter_mut().for_each(short);
            operation.call.iter_mut().flatten().for_each(short);
            operation.mock_queries.iter_mut().flatten().for_each(short);
        }
        for ty in self.types.values_mut() {
            ty.fields.values_mut().for_each(|field| short(&mut field.ty));
            if ty.kind == "union" || ty.kind == "newtype" {
                ty.values.values_mut().for_each(short);
            }
            ty.constructor.iter_mut().flatten().for_each(short);
            ty.setter_arguments.iter_mut().flat_map(|arguments| arguments.values_mut()).for_each(short);
        }
        self
    }
}

/// The public API of the crate generated from `api`.
pub fn surface(api: &Api) -> Surface {
    let mut surface = Surface::default();
    if let Some(webhooks) = &api.webhooks {
        for event in &webhooks.events {
            let named_by = webhooks
                .event_parts
                .iter()
                .zip(&event.matches)
                .map(|(part, value)| {
                    let place = match part {
                        crate::ir::EventPart::Body(field) => format!("body.{field}"),
                        crate::ir::EventPart::Header(header) => format!("header {header}"),
                    };
                    format!("{place} = {}", value.as_deref().unwrap_or("*"))
                })
                .collect();
            let payload =
                event.payload.as_ref().map_or_else(|| "serde_json::Value".to_owned(), spelling::type_spelling);
            let entry =
                WebhookSurface { variant: event.variant.clone(), payload, named_by, deprecated: event.deprecated };
            surface.webhooks.insert(event.name.clone(), entry);
        }
        surface.webhook_signing = webhooks.signing.as_ref().map(|signing| match &signing.scheme {
            crate::ir::SigningScheme::RsaSha256 { header, .. } => format!("rsa-sha256 {header}"),
            crate::ir::SigningScheme::HmacSha256 { header, .. } => format!("hmac-sha256 {header}"),
            crate::ir::SigningScheme::StandardWebhooks => "standard-webhooks".to_owned(),
        });
    }
    let all_features = api.features();
    for operation in &api.operations {
        let group = &api.groups[operation.group];
        let params = operation
            .params
            .iter()
            .map(|param| {
                let surface = ParamSurface {
                    rust_name: param.rust_name.clone(),
                    location: param.location.as_str().to_owned(),
                    ty: spelling::type_spelling(&param.ty),
                    required: param.required || param.location == ParamLocation::Path,
                    docs: docs_text(&param.docs),
                };
                (param.name.clone(), surface)
            })
            .collect();
        let body = operation.body.as_ref().map(|body| {
            // One media type reads as its type (as before media types were told apart);
            // several as each one's type and media type.
            let spell = |content: &crate::ir::BodyContent| match &content.kind {
                BodyKind::Text => "String".to_owned(),
                BodyKind::Binary => "Upload".to_owned(),
                kind => kind.ty().map(spelling::type_spelling).unwrap_or_default(),
            };
            let ty = match body.contents.as_slice() {
                [one] => spell(one),
                several => several
                    .iter()
                    .map(|content| format!("{} ({}: {})", spell(content), content.setter, content.media_type))
                    .collect::<Vec<_>>()
                    .join(" | "),
            };
            if body.required { ty } else { format!("{ty}?") }
        });
        let output = match &operation.output {
            Output::Empty => "()".to_owned(),
            Output::Single(payload) => payload_name(payload),
            Output::ByStatus { name, .. } => name.clone(),
        };
        let security = operation
            .security
            .iter()
            .map(|alternative| {
                let names: Vec<&str> =
                    alternative.iter().map(|&index| api.security_schemes[index].name.as_str()).collect();
                if names.is_empty() { "none".to_owned() } else { names.join(" + ") }
            })
            .collect();
        let alternates = operation
            .alternates
            .iter()
            .map(|alternate| format!("{}: {}", alternate.method, payload_name(&alternate.payload)))
            .collect();
        surface.operations.insert(
            format!("{}.{}", group.module, operation.method_name),
            OperationSurface {
                endpoint: format!("{} {}", operation.method.as_str(), operation.path),
                params,
                body,
                output,
                paginated: operation.pagination.is_some(),
                deprecated: operation.deprecated,
                docs: docs_text(&operation.docs),
                feature: group.feature().to_owned(),
                security: Some(security),
                alternates,
                mock: Some(mock_names(operation)),
                call: Some(crate::emit::call_signature(operation)),
                mock_queries: Some(crate::emit::query_signatures(operation)),
            },
        );
    }
    for definition in &api.types {
        // A type every feature set compiles names no feature.
        let mut features = api.needing(&definition.needed_by);
        if features.len() == all_features.len() {
            features.clear();
        }
        let mut ty = TypeSurface {
            deprecated: definition.deprecated,
            docs: docs_text(&definition.docs),
            features: Some(features),
            ..TypeSurface::default()
        };
        match &definition.kind {
            TypeKind::Struct(body) => {
                ty.kind = "struct".to_owned();
                ty.default = Some(body.shape.derives_default);
                let constructor = ty.constructor.insert(Vec::new());
                let setters = ty.setters.insert(Vec::new());
                for &index in &body.shape.arguments {
                    let field = &body.fields[index];
                    if let Some(argument) = spelling::constructor_argument_spelling(field) {
                        constructor.push(format!("{}: {argument}", field.rust_name));
                    }
                }
                for field in &body.fields {
                    if let Some(setter) = &field.setter {
                        setters.push(setter.clone());
                        let arguments = ty.setter_arguments.get_or_insert_with(BTreeMap::new);
                        arguments.insert(setter.clone(), crate::emit::setter_signature(field));
                    }
                    let required = field.flatten || matches!(field.shape(), FieldShape::Plain | FieldShape::Nullable);
                    let spelled = spelling::field_spelling(field);
                    let key = if field.flatten {
                        format!("(all of {})", spelling::type_spelling(&field.ty))
                    } else {
                        field.name.clone()
                    };
                    ty.fields.insert(
                        key,
                        FieldSurface {
                            rust_name: field.rust_name.clone(),
                            ty: spelled,
                            required,
                            docs: docs_text(&field.docs),
                        },
                    );
                }
                if let (Some(additional), Some(name)) = (&body.additional, &body.shape.additional_field) {
                    let spelled = spelling::additional_spelling(additional);
                    let field = FieldSurface { rust_name: name.clone(), ty: spelled, ..Default::default() };
                    ty.fields.insert("(other properties)".to_owned(), field);
                }
            }
            TypeKind::Enum(variants) => {
                ty.kind = "enum".to_owned();
                ty.values = variants.iter().map(|variant| (variant.value.clone(), variant.rust_name.clone())).collect();
            }
            TypeKind::Union(union) => {
                ty.kind = "union".to_owned();
                ty.values = (union.variants.iter())
                    .map(|variant| (variant.rust_name.clone(), spelling::variant_spelling(variant)))
                    .collect();
            }
            TypeKind::Newtype(inner) => {
                ty.kind = "newtype".to_owned();
                ty.values.insert("0".to_owned(), spelling::type_spelling(inner));
            }
        }
        surface.types.insert(definition.name.clone(), ty);
    }
    surface.external_types = Some(external_types(api));
    // Spelled by the emitters, written as the docs show them.
    surface.with_short_paths()
}

/// `MockApi::{method}, {Params}, {Query}`: what a test written against the doubles names.
/// The foreign types the crate's API exposes: the runtime's (every generated crate exposes
/// its runtime, re-exported or copied in) and, whole, the crates its root re-exports.
fn external_types(api: &Api) -> BTreeMap<String, ExternalCrate> {
    let mut types: BTreeMap<&str, std::collections::BTreeSet<String>> = BTreeMap::new();
    for path in crate::emit::RUNTIME_EXTERNAL_TYPES {
        if let Some((krate, rest)) = path.split_once("::") {
            types.entry(krate).or_default().insert(rest.to_owned());
        }
    }
    for krate in crate::emit::reexported_crates(crate::emit::needs(api)) {
        types.entry(krate).or_default().insert("*".to_owned());
    }
    types
        .into_iter()
        .map(|(krate, types)| {
            let version = (crate::emit::PUBLIC_DEPENDENCIES.iter())
                .find(|(name, _)| *name == krate)
                .map(|(_, dependency)| dependency.version)
                .unwrap_or_default();
            (krate.to_owned(), ExternalCrate { version: version.to_owned(), types: types.into_iter().collect() })
        })
        .collect()
}

fn mock_names(operation: &crate::ir::Operation) -> String {
    let mut names = vec![format!("MockApi::{}", operation.mock.method)];
    names.extend(operation.mock.params.clone());
    if operation.params.iter().any(|param| param.location == ParamLocation::Query) {
        names.push(operation.mock.query_trait.clone());
    }
    names.join(", ")
}

/// How the API report names what a call returns.
fn payload_name(payload: &crate::ir::Payload) -> String {
    match payload {
        crate::ir::Payload::Json(ty) => spelling::type_spelling(ty),
        crate::ir::Payload::JsonLines(ty) => format!("JsonLines<{}>", spelling::type_spelling(ty)),
        crate::ir::Payload::Text => "String".to_owned(),
        crate::ir::Payload::Bytes => "Bytes".to_owned(),
    }
}

#[cfg(test)]
mod short_path_tests {
    use super::short_paths;

    #[test]
    fn paths_are_cut_to_their_last_segment() {
        assert_eq!(short_paths("::chrono::DateTime<::chrono::Utc>"), "DateTime<Utc>");
        assert_eq!(short_paths("crate::Nullable<crate::models::Pet>"), "Nullable<Pet>");
        assert_eq!(
            short_paths("impl ::std::iter::IntoIterator<Item = impl Into<::uuid::Uuid>>"),
            "impl IntoIterator<Item = impl Into<Uuid>>"
        );
        assert_eq!(short_paths("r#type: impl Into<String>"), "r#type: impl Into<String>");
        assert_eq!(short_paths(".query_tags(Vec<String>)"), ".query_tags(Vec<String>)");
    }
}
