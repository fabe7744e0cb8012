//! Schemas to type uses and type definitions: structs, enums, unions, and primitives.

use indexmap::{IndexMap, IndexSet};
use openapiv3::{AdditionalProperties, Schema};
use serde_json::Value;

use super::naming::{self, Scope};
use super::view::{Kind, SchemaRef, View};
use super::{ComponentState, Lowerer};
use crate::ir::{
    Constraints, Docs, EnumVariant, Field, Named, Struct, TypeDef, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::position;

/// What a schema lowers to where it is used: the type, and what the schema says about the
/// value that the use site needs (nullability, docs, limits).
#[derive(Clone, Debug, Default)]
pub(super) struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
    pub docs: Docs,
    pub deprecated: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub default: Option<Value>,
    pub constraints: Constraints,
}

impl Lowered {
    fn of(ty: TypeRef) -> Self {
        Lowered { ty, ..Lowered::default() }
    }

    /// What the schema object itself says, whatever its type turns out to be.
    fn from_view(view: &View<'_>) -> Self {
        let data = view.data;
        let description = data.description.as_deref().or(data.title.as_deref());
        Lowered {
            ty: TypeRef::Json,
            nullable: data.nullable,
            docs: Docs::new(None, description),
            deprecated: data.deprecated,
            read_only: data.read_only,
            write_only: data.write_only,
            default: data.default.clone(),
            constraints: view.constraints.clone(),
        }
    }

    /// A use with its own keywords next to a reference: the use's docs and flags win.
    fn overridden_by(mut self, outer: Lowered) -> Self {
        if !outer.docs.is_empty() {
            self.docs = outer.docs;
        }
        self.nullable |= outer.nullable;
        self.deprecated |= outer.deprecated;
        self.read_only |= outer.read_only;
        self.write_only |= outer.write_only;
        if outer.default.is_some() {
            self.default = outer.default;
        }
        self.constraints = self.constraints.overridden_by(outer.constraints);
        self
    }
}

/// String formats that stay `String` without a warning.
const PLAIN_STRING_FORMATS: &[&str] = &[
    "password",
    "byte",
    "binary",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "ip",
    "cidr",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
    "time",
    "duration",
    "partial-time",
    "mac",
    "phone",
    "html",
    "markdown",
    "base64",
    "hex",
];

impl<'a> Lowerer<'a> {
    /// Names every component schema that becomes a type, then lowers them all.
    pub(super) fn lower_components(&mut self) {
        let Some(components) = self.document.components.as_ref() else { return };
        for (name, schema) in &components.schemas {
            if let openapiv3::ReferenceOr::Item(schema) = schema
                && wants_name(&View::new(schema))
            {
                let rust = self.claim_type(&naming::pascal(name));
                self.component_names.insert(name.clone(), rust);
            }
        }
        for name in components.schemas.keys() {
            self.component_type(name);
        }
    }

    /// The type a component schema lowers to, lowering it on first use. Its messages name the
    /// component's own place, whichever reference reached it first.
    pub(super) fn component_type(&mut self, name: &str) -> Lowered {
        match self.components.get(name) {
            Some(ComponentState::Done(lowered)) => return (**lowered).clone(),
            Some(ComponentState::InProgress { named }) => {
                if let Some(rust) = named.clone().or_else(|| self.component_names.get(name).cloned()) {
                    return Lowered::of(TypeRef::Named(rust));
                }
                let schema = self.document.components.as_ref().and_then(|components| components.schemas.get(name));
                if let Some(openapiv3::ReferenceOr::Reference { reference }) = schema {
                    let reference = reference.clone();
                    self.report_schema_cycle(&reference, &position::key("components.schemas", name));
                    return Lowered::of(TypeRef::Json);
                }
                // A list or map that contains itself: it needs a name to be a Rust type.
                let rust = self.claim_type(&naming::pascal(name));
                self.components.insert(name.to_owned(), ComponentState::InProgress { named: Some(rust.clone()) });
                return Lowered::of(TypeRef::Named(rust));
            }
            None => {}
        }
        let document = self.document;
        let Some(schema) = document.components.as_ref().and_then(|components| components.schemas.get(name)) else {
            return Lowered::of(TypeRef::Json);
        };
        self.components.insert(name.to_owned(), ComponentState::InProgress { named: None });
        let path = position::key("components.schemas", name);
        // Where a newtype goes if the component turns out to contain itself. Inserting there
        // later is safe: slots held further up the stack all come before it.
        let newtype_slot = self.order.len();
        let mut lowered = match schema {
            openapiv3::ReferenceOr::Reference { reference } => match self.schema_component(reference, &path) {
                Some(target) => self.component_type(&target),
                None => Lowered::of(TypeRef::Json),
            },
            openapiv3::ReferenceOr::Item(schema) => match self.component_names.get(name).cloned() {
                Some(rust) => self.lower_named(schema, &path, rust),
                None => self.lower_inline(schema, &path, &naming::pascal(name)),
            },
        };
        if let Some(ComponentState::InProgress { named: Some(rust) }) = self.components.get(name).cloned() {
            let view_docs = lowered.docs.clone();
            self.order.insert(newtype_slot, rust.id);
            self.fill_type(
                rust.id,
                TypeDef {
                    name: rust.name.clone(),
                    docs: view_docs,
                    deprecated: lowered.deprecated,
                    kind: TypeKind::Newtype(lowered.ty.clone()),
                    origin: path.clone(),
                    needed_by: Default::default(),
                    json_body: Default::default(),
                    error_detail: None,
                },
            );
            lowered.ty = TypeRef::Named(rust);
        }
        self.components.insert(name.to_owned(), ComponentState::Done(Box::new(lowered.clone())));
        lowered
    }

    /// Lowers a schema or reference found at `path`; `hint` names inline types it defines.
    pub(super) fn lower_schema(&mut self, schema: SchemaRef<'a>, path: &str, hint: &str) -> Lowered {
        match schema {
            SchemaRef::Ref(reference) => match self.schema_component(reference, path) {
                Some(name) => self.component_type(&name),
                None => Lowered::of(TypeRef::Json),
            },
            SchemaRef::Inline(schema) => self.lower_inline(schema, path, hint),
        }
    }

    fn lower_inline(&mut self, schema: &'a Schema, path: &str, hint: &str) -> Lowered {
        let view = View::new(schema);
        if wants_name(&view) {
            let base = view.data.title.as_deref().map(naming::pascal).unwrap_or_else(|| hint.to_owned());
            let rust = self.claim_type(&base);
            return self.lower_named(schema, path, rust);
        }
        let own = Lowered::from_view(&view);
        if let Some(inner) = self.alias_target(&view, path, hint) {
            return inner.overridden_by(own);
        }
        let (ty, nullable) = self.unnamed_type(&view, path, hint);
        Lowered { ty, nullable: own.nullable || nullable, ..own }
    }

    /// A schema that only wraps one other (`allOf: [X]` with docs, `oneOf: [X]`, or
    /// `oneOf: [X, null]`) stands for that other.
    fn alias_target(&mut self, view: &View<'a>, path: &str, hint: &str) -> Option<Lowered> {
        // `allOf: [{description: ..}, {$ref: DateTime}]`: parts that only annotate or
        // constrain (a description, `nullable`, a `maxLength`) add no shape to the one part that has one.
        if let [only] = view.substantive_all_of()[..] {
            if !view.is_object_like_beyond_all_of() {
                let part = SchemaRef::from(&view.all_of[only]);
                let part_path = position::index(&position::key(path, "allOf"), only);
                let mut inner = self.lower_schema(part, &part_path, hint);
                // What the other parts say (docs, `nullable`, `readOnly`, a length) holds for the value.
                for (index, other) in view.all_of.iter().enumerate() {
                    if let (true, openapiv3::ReferenceOr::Item(schema)) = (index != only, other) {
                        inner = inner.overridden_by(Lowered::from_view(&View::new(schema)));
                    }
                }
                return Some(inner);
            }
        }
        for (keyword, parts) in [("oneOf", view.one_of), ("anyOf", view.any_of)] {
            let real: Vec<usize> = (0..parts.len()).filter(|index| !is_null_schema(&parts[*index])).collect();
            if !parts.is_empty() && real.len() <= 1 && view.properties.is_none() {
                let nullable = real.len() < parts.len();
                let Some(&only) = real.first() else {
                    return Some(Lowered { nullable: true, ..Lowered::of(TypeRef::Json) });
                };
                let part_path = position::index(&position::key(path, keyword), only);
                let mut inner = self.lower_schema(SchemaRef::from(&parts[only]), &part_path, hint);
                inner.nullable |= nullable;
                return Some(inner);
            }
        }
        None
    }

    /// Lowers a schema that becomes a named type, under the name already claimed for it.
    fn lower_named(&mut self, schema: &'a Schema, path: &str, rust: Named) -> Lowered {
        let view = View::new(schema);
        self.order.push(rust.id);
        let own = Lowered::from_view(&view);
        let mut nullable = own.nullable;
        let kind = if view.is_object_like() {
            TypeKind::Struct(self.build_struct(&view, path, &rust.name))
        } else if !view.one_of.is_empty() || !view.any_of.is_empty() {
            let (union, union_nullable) = self.build_union(&view, path, &rust.name);
            nullable |= union_nullable;
            TypeKind::Union(union)
        } else {
            let (variants, enum_nullable) = self.build_enum(&view, path);
            nullable |= enum_nullable;
            TypeKind::Enum(variants)
        };
        self.fill_type(
            rust.id,
            TypeDef {
                name: rust.name.clone(),
                docs: own.docs.clone(),
                deprecated: own.deprecated,
                kind,
                origin: path.to_owned(),
                needed_by: Default::default(),
                json_body: Default::default(),
                error_detail: None,
            },
        );
        Lowered { ty: TypeRef::Named(rust), nullable, ..own }
    }

    fn build_struct(&mut self, view: &View<'a>, path: &str, name: &str) -> Struct {
        let mut parts = StructParts::default();
        self.collect_struct(view, path, name, &mut parts);
        let mut scope = Scope::default();
        let mut fields = Vec::with_capacity(parts.fields.len());
        for (_, mut field) in parts.fields {
            field.required |= parts.required.contains(&field.name);
            field.rust_name =
                scope.claim(&if field.flatten { naming::snake(&field.rust_name) } else { naming::snake(&field.name) });
            fields.push(field);
        }
        let present: std::collections::HashSet<&str> = fields.iter().map(|field| field.name.as_str()).collect();
        for missing in parts.required.iter().filter(|name| !present.contains(name.as_str())) {
            self.sink.warning(
                "required property not among the properties",
                position::key(path, "required"),
                format!("`{missing}` is listed in `required` but is not one of the properties; it is ignored"),
                format!("add `{missing}` under `properties`, or remove it from `required`"),
            );
        }
        Struct { fields, additional: parts.additional, shape: Default::default() }
    }

    fn collect_struct(&mut self, view: &View<'a>, path: &str, hint: &str, parts: &mut StructParts) {
        for (index, part) in view.all_of.iter().enumerate() {
            let part_path = position::index(&position::key(path, "allOf"), index);
            match SchemaRef::from(part) {
                SchemaRef::Inline(schema) => {
                    let inner = View::new(schema);
                    if inner.is_object_like() || inner.properties.is_some() {
                        self.collect_struct(&inner, &part_path, hint, parts);
                        continue;
                    }
                    let lowered = self.lower_inline(schema, &part_path, &format!("{hint}Part{}", index + 1));
                    self.merge_part(lowered.ty, &part_path, parts);
                }
                SchemaRef::Ref(reference) => {
                    let Some(component) = self.schema_component(reference, &part_path) else { continue };
                    let lowered = self.component_type(&component);
                    self.merge_part(lowered.ty, &part_path, parts);
                }
            }
        }
        if let Some(properties) = view.properties {
            for (name, property) in properties {
                let property_path = position::key(&position::key(path, "properties"), name);
                let lowered = self.lower_schema(
                    SchemaRef::from(property),
                    &property_path,
                    &format!("{hint}{}", naming::pascal(name)),
                );
                let field = field_from(name, lowered);
                match parts.fields.get_mut(name) {
                    // A later part narrows a property an earlier one declared: keep its place.
                    Some(existing) => *existing = Field { required: existing.required, ..field },
                    None => {
                        parts.fields.insert(name.clone(), field);
                    }
                }
            }
        }
        let mut seen = IndexSet::new();
        for name in view.required {
            if !seen.insert(name) {
                self.sink.warning(
                    "property required twice",
                    position::key(path, "required"),
                    format!("`{name}` is listed twice in `required`"),
                    "list each required property once",
                );
            }
            parts.required.insert(name.clone());
        }
        match view.additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let additional_path = position::key(path, "additionalProperties");
                let lowered =
                    self.lower_schema(SchemaRef::from(schema.as_ref()), &additional_path, &format!("{hint}Value"));
                parts.additional = Some(lowered.ty);
            }
            Some(AdditionalProperties::Any(true)) => parts.additional = Some(TypeRef::Json),
            Some(AdditionalProperties::Any(false)) | None => {}
        }
    }

    /// Adds an `allOf` part that is already a type: a struct's fields are copied in, anything
    /// else is kept whole in a flattened field.
    fn merge_part(&mut self, ty: TypeRef, path: &str, parts: &mut StructParts) {
        let TypeRef::Named(named) = &ty else {
            if ty != TypeRef::Json && ty != TypeRef::JsonObject {
                self.sink.warning(
                    "allOf part that is not an object",
                    path,
                    "this `allOf` part is not an object, so it adds no fields; it is ignored",
                    "make every `allOf` part an object schema (or a reference to one)",
                );
            }
            return;
        };
        let definition = self.definition(named.id);
        match definition.map(|definition| &definition.kind) {
            Some(TypeKind::Struct(inner)) => {
                for field in inner.fields.clone() {
                    if field.required {
                        parts.required.insert(field.name.clone());
                    }
                    parts
                        .fields
                        .entry(if field.flatten { field.rust_name.clone() } else { field.name.clone() })
                        .or_insert(field);
                }
                if parts.additional.is_none() {
                    parts.additional = inner.additional.clone();
                }
            }
            // Not lowered yet (it contains this very struct) or not a struct: keep it whole.
            _ => {
                let key = format!("#flatten:{}", named.name);
                parts.fields.entry(key).or_insert(Field {
                    name: String::new(),
                    rust_name: named.name.clone(),
                    ty: ty.clone(),
                    required: true,
                    nullable: false,
                    docs: Docs::default(),
                    deprecated: false,
                    read_only: false,
                    write_only: false,
                    default: None,
                    boxed: false,
                    flatten: true,
                    argument: None,
                    setter: None,
                    taking: Default::default(),
                    constraints: Constraints::default(),
                });
            }
        }
    }

    fn build_union(&mut self, view: &View<'a>, path: &str, name: &str) -> (Union, bool) {
        let (keyword, parts) = if view.one_of.is_empty() { ("anyOf", view.any_of) } else { ("oneOf", view.one_of) };
        let discriminator = view.data.discriminator.as_ref();
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        // The JSON type of each alternative, for checking the union's default against.
        let mut kinds = Vec::new();
        let mut nullable = false;
        // The component schemas already alternatives: one listed twice would be a variant
        // no value could reach (stream-io's `ChatEvent` lists `AnyEvent` twice).
        let mut listed = std::collections::HashSet::new();
        for (index, part) in parts.iter().enumerate() {
            if is_null_schema(part) {
                nullable = true;
                continue;
            }
            let variant_path = position::index(&position::key(path, keyword), index);
            let part = SchemaRef::from(part);
            let (base, component) = match part {
                SchemaRef::Ref(reference) => match self.schema_component(reference, &variant_path) {
                    Some(component) if !listed.insert(component.clone()) => {
                        self.sink.warning(
                            "repeated union alternative",
                            &variant_path,
                            format!("`{keyword}` lists `{reference}` again; the repeat is left out"),
                            "list each alternative once",
                        );
                        continue;
                    }
                    Some(component) => {
                        kinds.extend(self.component_kind(&component));
                        (naming::pascal(&component), Some(component))
                    }
                    None => continue,
                },
                SchemaRef::Inline(schema) => {
                    kinds.push(View::new(schema).kind);
                    let title = schema.schema_data.title.as_deref().map(naming::pascal);
                    (title.unwrap_or_default(), None)
                }
            };
            let lowered = self.lower_schema(part, &variant_path, &format!("{name}Variant{}", index + 1));
            nullable |= lowered.nullable;
            let base = if base.is_empty() { variant_base(&lowered.ty, index) } else { base };
            let mut tag_values = Vec::new();
            if let (Some(discriminator), Some(component)) = (discriminator, component.as_deref()) {
                tag_values.extend(
                    discriminator
                        .mapping
                        .iter()
                        .filter(|(_, reference)| {
                            reference.as_str() == component
                                || crate::pointers::component_name(reference, "schemas").as_deref() == Some(component)
                        })
                        .map(|(value, _)| value.clone()),
                );
                if tag_values.is_empty() {
                    tag_values.push(component.to_owned());
                }
            }
            variants.push(UnionVariant {
                rust_name: scope.claim(&base),
                ty: lowered.ty,
                tag_values,
                docs: lowered.docs,
                boxed: false,
            });
        }
        if let Some(default) = &view.data.default {
            self.check_union_default(default, &kinds, &position::key(path, "default"), keyword);
        }
        let tag = discriminator.map(|discriminator| discriminator.property_name.clone());
        if tag.is_some() && variants.iter().any(|variant| variant.tag_values.is_empty()) {
            self.sink.warning(
                "discriminator over inline alternatives",
                position::key(path, "discriminator"),
                "the discriminator cannot name the inline alternatives, so the union is decoded by trying each alternative in turn",
                "make every alternative a `$ref` to a component schema, or list them in `discriminator.mapping`",
            );
            return (Union { variants, tag: None }, nullable);
        }
        (Union { variants, tag }, nullable)
    }

    /// Warns when a union's `default` is not a value every alternative (of `kinds`) accepts:
    /// it is kept in the docs only, never turned into a typed value that could not exist.
    fn check_union_default(&mut self, default: &Value, kinds: &[Kind], path: &str, keyword: &str) {
        let fits = |kind: &Kind| match (kind, default) {
            (Kind::String, Value::String(_)) | (Kind::Boolean, Value::Bool(_)) => true,
            (Kind::Number, Value::Number(_)) => true,
            (Kind::Integer, Value::Number(number)) => number.is_i64() || number.is_u64(),
            (Kind::Object, Value::Object(_)) | (Kind::Array, Value::Array(_)) => true,
            (Kind::Unspecified | Kind::Unknown(_), _) => true,
            _ => false,
        };
        if !kinds.iter().all(fits) {
            self.sink.warning(
                "union default that fits no alternative",
                path,
                format!("the default {default} does not fit every alternative of `{keyword}`; it is only documented"),
                "give a default that every alternative accepts, or move it into the alternative it belongs to",
            );
        }
    }

    /// The JSON type of a component schema that is defined in place (not another reference).
    fn component_kind(&self, component: &str) -> Option<Kind> {
        match self.document.components.as_ref()?.schemas.get(component)? {
            openapiv3::ReferenceOr::Item(schema) => Some(View::new(schema).kind),
            openapiv3::ReferenceOr::Reference { .. } => None,
        }
    }

    fn build_enum(&mut self, view: &View<'a>, path: &str) -> (Vec<EnumVariant>, bool) {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut seen = IndexSet::new();
        let mut variants = Vec::new();
        let mut nullable = false;
        for value in &view.enumeration {
            match value {
                Value::String(text) => {
                    if seen.insert(text.clone()) {
                        variants.push(EnumVariant {
                            value: text.clone(),
                            rust_name: scope.claim(&naming::pascal(text)),
                            docs: Docs::default(),
                        });
                    }
                }
                Value::Null => nullable = true,
                other => self.sink.warning(
                    "enum value that is not a string",
                    position::key(path, "enum"),
                    format!("the value {other} is not a string like the others; it decodes as an unknown value"),
                    "make every value of a string `enum` a string",
                ),
            }
        }
        (variants, nullable)
    }

    /// The type of a schema that needs no name of its own: primitives, lists and maps.
    fn unnamed_type(&mut self, view: &View<'a>, path: &str, hint: &str) -> (TypeRef, bool) {
        let nullable_enum = view.enumeration.iter().any(Value::is_null);
        if !view.enumeration.is_empty() && view.enumeration.iter().all(Value::is_null) {
            self.sink.warning(
                "enum of only null",
                position::key(path, "enum"),
                "`enum: [null]` allows no value but null; the field is typed as any JSON value",
                "list the allowed values, or leave out `enum` and use `nullable: true`",
            );
            return (TypeRef::Json, true);
        }
        let ty = match &view.kind {
            Kind::String => self.string_type(view, path),
            Kind::Integer => self.integer_type(view, path),
            Kind::Number => match view.format.as_deref() {
                Some("float") => TypeRef::F32,
                None | Some("double") | Some("decimal") => TypeRef::F64,
                Some("int32") | Some("int64") | Some("integer") => TypeRef::F64,
                Some(other) => {
                    self.unknown_format(other, "number", path);
                    TypeRef::F64
                }
            },
            Kind::Boolean => TypeRef::Bool,
            Kind::Array => self.list_type(view, path, hint),
            Kind::Object => self.map_type(view, path, hint),
            Kind::Unspecified => {
                if view.items.is_some() {
                    self.list_type(view, path, hint)
                } else if view.additional.is_some() || view.properties.is_some() {
                    self.map_type(view, path, hint)
                } else if view.has_not {
                    self.sink.warning(
                        "`not` schema typed as any JSON",
                        position::key(path, "not"),
                        "`not` cannot be expressed as a Rust type; the value is typed as any JSON value",
                        "describe what the value is rather than what it is not",
                    );
                    TypeRef::Json
                } else {
                    TypeRef::Json
                }
            }
            Kind::Unknown(other) if other == "null" => return (TypeRef::Json, true),
            Kind::Unknown(other) => {
                self.sink.warning(
                    "unknown schema type",
                    position::key(path, "type"),
                    format!("`type: {other}` is not a JSON Schema type; the value is typed as any JSON value"),
                    "use one of string, number, integer, boolean, object or array",
                );
                TypeRef::Json
            }
        };
        (ty, nullable_enum)
    }

    fn string_type(&mut self, view: &View<'a>, path: &str) -> TypeRef {
        match view.format.as_deref() {
            None | Some("") => TypeRef::String,
            Some("uuid") => TypeRef::Uuid,
            Some("date-time") => TypeRef::DateTime,
            Some("date") => TypeRef::Date,
            Some("uri") | Some("url") => TypeRef::Uri,
            Some(known) if PLAIN_STRING_FORMATS.contains(&known) => TypeRef::String,
            Some(other) => {
                self.unknown_format(other, "string", path);
                TypeRef::String
            }
        }
    }

    fn integer_type(&mut self, view: &View<'a>, path: &str) -> TypeRef {
        match view.format.as_deref() {
            Some("int32") | Some("int16") | Some("int8") => TypeRef::I32,
            None | Some("int64") | Some("integer") | Some("timestamp") | Some("unix-time") => TypeRef::I64,
            Some("uint32") | Some("uint16") | Some("uint8") => TypeRef::U32,
            Some("uint64") => TypeRef::U64,
            Some(other) => {
                self.unknown_format(other, "integer", path);
                TypeRef::I64
            }
        }
    }

    fn unknown_format(&mut self, format: &str, kind: &str, path: &str) {
        self.sink.warning(
            "unknown format",
            position::key(path, "format"),
            format!("unknown {kind} format `{format}`; the value is typed as a plain {kind}"),
            "use a format from the OpenAPI or JSON Schema registries, or leave `format` out",
        );
    }

    fn list_type(&mut self, view: &View<'a>, path: &str, hint: &str) -> TypeRef {
        match view.items {
            Some(items) => {
                let items_path = position::key(path, "items");
                let lowered = self.lower_schema(SchemaRef::from(items), &items_path, &format!("{hint}Item"));
                TypeRef::List(Box::new(lowered.ty))
            }
            None => TypeRef::List(Box::new(TypeRef::Json)),
        }
    }

    fn map_type(&mut self, view: &View<'a>, path: &str, hint: &str) -> TypeRef {
        match view.additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let values_path = position::key(path, "additionalProperties");
                let lowered =
                    self.lower_schema(SchemaRef::from(schema.as_ref()), &values_path, &format!("{hint}Value"));
                TypeRef::Map(Box::new(lowered.ty))
            }
            _ => TypeRef::JsonObject,
        }
    }
}

#[derive(Default)]
struct StructParts {
    /// By wire name (or a `#flatten:` key for parts kept whole), in order of first appearance.
    fields: IndexMap<String, Field>,
    required: IndexSet<String>,
    additional: Option<TypeRef>,
}

fn field_from(name: &str, lowered: Lowered) -> Field {
    Field {
        name: name.to_owned(),
        rust_name: String::new(),
        ty: lowered.ty,
        required: false,
        nullable: lowered.nullable,
        docs: lowered.docs,
        deprecated: lowered.deprecated,
        read_only: lowered.read_only,
        write_only: lowered.write_only,
        default: lowered.default.map(|value| value.to_string()),
        boxed: false,
        flatten: false,
        argument: None,
        setter: None,
        taking: Default::default(),
        constraints: lowered.constraints,
    }
}

/// Whether a schema needs a type of its own (a struct, enum or union) rather than a primitive.
fn wants_name(view: &View<'_>) -> bool {
    let substantive = view.substantive_all_of().len();
    if substantive > 1 || (!view.all_of.is_empty() && view.is_object_like_beyond_all_of()) {
        return true;
    }
    if view.properties.is_some_and(|properties| !properties.is_empty()) {
        return true;
    }
    for parts in [view.one_of, view.any_of] {
        let real = parts.iter().filter(|part| !is_null_schema(part)).count();
        if real > 1 {
            return true;
        }
    }
    let strings = view.enumeration.iter().filter(|value| value.is_string()).count();
    strings > 0 && matches!(view.kind, Kind::String | Kind::Unspecified)
}

/// A schema that only allows `null`: `{nullable: true}` alone, `{type: "null"}`, `{enum: [null]}`.
fn is_null_schema(part: &openapiv3::ReferenceOr<Schema>) -> bool {
    let openapiv3::ReferenceOr::Item(schema) = part else { return false };
    let view = View::new(schema);
    match view.kind {
        Kind::Unknown(ref other) if other == "null" => true,
        Kind::Unspecified => {
            !view.enumeration.is_empty() && view.enumeration.iter().all(Value::is_null)
                || (view.data.nullable
                    && view.properties.is_none()
                    && view.items.is_none()
                    && view.all_of.is_empty()
                    && view.one_of.is_empty()
                    && view.any_of.is_empty())
        }
        _ => false,
    }
}

/// A variant name for an alternative that has no name of its own.
fn variant_base(ty: &TypeRef, index: usize) -> String {
    match ty {
        TypeRef::Named(named) => named.name.clone(),
        TypeRef::Bool => "Boolean".to_owned(),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "Integer".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "Number".to_owned(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Uuid => "Uuid".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Uri => "Uri".to_owned(),
        TypeRef::Upload => "Upload".to_owned(),
        TypeRef::List(_) => "List".to_owned(),
        TypeRef::Map(_) | TypeRef::JsonObject => "Map".to_owned(),
        TypeRef::Json => format!("Variant{}", index + 1),
    }
}

/// An inline schema that only annotates or constrains a value another part shapes: no
/// properties, items or parts of its own (a `description`, `example`, `nullable`, or
/// `type: string` with a `maxLength`, as DigitalOcean writes beside a reference).
fn only_constrains(part: &openapiv3::ReferenceOr<Schema>) -> bool {
    let openapiv3::ReferenceOr::Item(schema) = part else { return false };
    let view = View::new(schema);
    matches!(view.kind, Kind::Unspecified | Kind::String | Kind::Integer | Kind::Number | Kind::Boolean)
        && view.properties.is_none()
        && view.required.is_empty()
        && view.additional.is_none()
        && view.items.is_none()
        && view.all_of.is_empty()
        && view.one_of.is_empty()
        && view.any_of.is_empty()
        && !view.has_not
}

/// Whether a part says nothing of the value's type (no `type`, `format` or `enum`).
fn is_untyped(part: &openapiv3::ReferenceOr<Schema>) -> bool {
    let openapiv3::ReferenceOr::Item(schema) = part else { return false };
    let view = View::new(schema);
    view.kind == Kind::Unspecified && view.format.is_none() && view.enumeration.is_empty()
}

impl View<'_> {
    /// The indexes of the `allOf` parts that give the value a shape. Parts that only
    /// constrain are left out when another part shapes the value; when none does, the first
    /// part with a type is the shape (`allOf: [{type: string}, {maxLength: 5}]`).
    fn substantive_all_of(&self) -> Vec<usize> {
        let shaping: Vec<usize> =
            (0..self.all_of.len()).filter(|&index| !only_constrains(&self.all_of[index])).collect();
        if !shaping.is_empty() {
            return shaping;
        }
        (0..self.all_of.len()).find(|&index| !is_untyped(&self.all_of[index])).into_iter().collect()
    }

    /// Whether the schema has fields of its own besides its `allOf` parts.
    fn is_object_like_beyond_all_of(&self) -> bool {
        self.properties.is_some_and(|properties| !properties.is_empty())
            || !self.required.is_empty()
            || matches!(self.additional, Some(AdditionalProperties::Schema(_)))
    }
}
