//! Types in the model: definitions (structs, enums, unions, newtypes), their fields and
//! variants, type uses (`TypeRef`) and the handles that designate definitions, and the
//! bounds and the way of taking a value that fields and parameters share.

use std::collections::BTreeSet;

use super::*;

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
    /// Reached from a webhook's payload: compiled with the `webhooks` feature.
    pub webhooks: bool,
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

    /// Whether values of the type are cheap to copy, so methods may take them by value:
    /// every scalar but those that own their text.
    pub fn is_copy(&self) -> bool {
        self.is_scalar() && !matches!(self, TypeRef::String | TypeRef::Uri)
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
