//! One shape for every openapiv3 schema variant, so that lowering reads keywords, not variants.
//!
//! openapiv3 sorts a schema into `Type::Object`, `AllOf`, `Any` and so on by which keywords
//! it has; a schema with `properties` next to `allOf`, or a `type` that JSON Schema does not
//! know, lands in `Any`. The view puts the keywords back side by side.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::ir::Constraints;

/// A schema or a reference to one, whichever box it comes in.
#[derive(Clone, Copy)]
pub enum SchemaRef<'d> {
    Ref(&'d str),
    Inline(&'d Schema),
}

impl<'d> From<&'d ReferenceOr<Schema>> for SchemaRef<'d> {
    fn from(item: &'d ReferenceOr<Schema>) -> Self {
        match item {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'d> From<&'d ReferenceOr<Box<Schema>>> for SchemaRef<'d> {
    fn from(item: &'d ReferenceOr<Box<Schema>>) -> Self {
        match item {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// The `type` keyword, as far as it is one of JSON Schema's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    /// No `type`.
    Unspecified,
    /// A `type` that JSON Schema does not define.
    Unknown(String),
}

pub struct View<'d> {
    pub data: &'d SchemaData,
    pub kind: Kind,
    pub format: Option<String>,
    pub properties: Option<&'d IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'d [String],
    pub additional: Option<&'d AdditionalProperties>,
    pub items: Option<&'d ReferenceOr<Box<Schema>>>,
    pub enumeration: Vec<Value>,
    /// The bounds beside the type (`minimum`, `maxLength`, `maxItems`, `pattern`...).
    pub constraints: Constraints,
    pub all_of: &'d [ReferenceOr<Schema>],
    pub one_of: &'d [ReferenceOr<Schema>],
    pub any_of: &'d [ReferenceOr<Schema>],
    pub has_not: bool,
}

const NO_SCHEMAS: &[ReferenceOr<Schema>] = &[];

fn format_name<T: std::fmt::Debug>(
    format: &VariantOrUnknownOrEmpty<T>,
    name: impl Fn(&T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl<'d> View<'d> {
    pub fn new(schema: &'d Schema) -> Self {
        let mut view = View {
            data: &schema.schema_data,
            kind: Kind::Unspecified,
            format: None,
            properties: None,
            required: &[],
            additional: None,
            items: None,
            enumeration: Vec::new(),
            constraints: Constraints::default(),
            all_of: NO_SCHEMAS,
            one_of: NO_SCHEMAS,
            any_of: NO_SCHEMAS,
            has_not: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                view.kind = Kind::String;
                view.format = format_name(&string.format, |format| match format {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                });
                view.enumeration = string
                    .enumeration
                    .iter()
                    .map(|value| value.clone().map(Value::String).unwrap_or(Value::Null))
                    .collect();
                view.constraints.max_length = string.max_length;
                view.constraints.min_length = string.min_length;
                view.constraints.pattern = string.pattern.clone();
            }
            SchemaKind::Type(Type::Number(number)) => {
                view.kind = Kind::Number;
                view.constraints.minimum = number.minimum;
                view.constraints.exclusive_minimum = number.exclusive_minimum && number.minimum.is_some();
                view.constraints.maximum = number.maximum;
                view.constraints.exclusive_maximum = number.exclusive_maximum && number.maximum.is_some();
                view.constraints.multiple_of = number.multiple_of;
                view.format = format_name(&number.format, |format| match format {
                    NumberFormat::Float => "float",
                    NumberFormat::Double => "double",
                });
                view.enumeration = number
                    .enumeration
                    .iter()
                    .map(|value| {
                        value.and_then(|v| serde_json::Number::from_f64(v).map(Value::Number)).unwrap_or(Value::Null)
                    })
                    .collect();
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                view.kind = Kind::Integer;
                view.constraints.minimum = integer.minimum.map(|bound| bound as f64);
                view.constraints.exclusive_minimum = integer.exclusive_minimum && integer.minimum.is_some();
                view.constraints.maximum = integer.maximum.map(|bound| bound as f64);
                view.constraints.exclusive_maximum = integer.exclusive_maximum && integer.maximum.is_some();
                view.constraints.multiple_of = integer.multiple_of.map(|step| step as f64);
                view.format = format_name(&integer.format, |format| match format {
                    IntegerFormat::Int32 => "int32",
                    IntegerFormat::Int64 => "int64",
                });
                view.enumeration =
                    integer.enumeration.iter().map(|value| value.map(Value::from).unwrap_or(Value::Null)).collect();
            }
            SchemaKind::Type(Type::Boolean(boolean)) => {
                view.kind = Kind::Boolean;
                view.enumeration =
                    boolean.enumeration.iter().map(|value| value.map(Value::Bool).unwrap_or(Value::Null)).collect();
            }
            SchemaKind::Type(Type::Object(object)) => {
                view.kind = Kind::Object;
                view.properties = Some(&object.properties);
                view.required = &object.required;
                view.additional = object.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(array)) => {
                view.kind = Kind::Array;
                view.items = array.items.as_ref();
                view.constraints.min_items = array.min_items;
                view.constraints.max_items = array.max_items;
                view.constraints.unique_items = array.unique_items;
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::Not { .. } => view.has_not = true,
            SchemaKind::Any(any) => {
                view.kind = match any.typ.as_deref() {
                    None => Kind::Unspecified,
                    Some("string") => Kind::String,
                    Some("number") => Kind::Number,
                    Some("integer") => Kind::Integer,
                    Some("boolean") => Kind::Boolean,
                    Some("object") => Kind::Object,
                    Some("array") => Kind::Array,
                    Some(other) => Kind::Unknown(other.to_owned()),
                };
                view.format = any.format.clone();
                // Object keywords beside a `type` that is not an object constrain nothing
                // (validators read `properties` of objects only): the type is what the value is.
                let may_be_object = matches!(view.kind, Kind::Object | Kind::Unspecified | Kind::Unknown(_));
                if may_be_object
                    && (!any.properties.is_empty() || any.additional_properties.is_some() || !any.required.is_empty())
                {
                    view.properties = Some(&any.properties);
                    view.required = &any.required;
                    view.additional = any.additional_properties.as_ref();
                }
                view.items = any.items.as_ref();
                view.enumeration = any.enumeration.clone();
                view.constraints = Constraints {
                    minimum: any.minimum,
                    exclusive_minimum: any.exclusive_minimum.unwrap_or(false) && any.minimum.is_some(),
                    maximum: any.maximum,
                    exclusive_maximum: any.exclusive_maximum.unwrap_or(false) && any.maximum.is_some(),
                    multiple_of: any.multiple_of,
                    min_length: any.min_length,
                    max_length: any.max_length,
                    pattern: any.pattern.clone(),
                    min_items: any.min_items,
                    max_items: any.max_items,
                    unique_items: any.unique_items.unwrap_or(false),
                    items: None,
                };
                view.all_of = &any.all_of;
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.has_not = any.not.is_some();
            }
        }
        // The bounds of a list's items written in place (a reference's are its type's).
        if let Some(ReferenceOr::Item(items)) = view.items {
            let items = View::new(items).constraints;
            if !items.is_empty() {
                view.constraints.items = Some(Box::new(items));
            }
        }
        view
    }

    /// Whether the schema describes an object with named fields (or one made of `allOf` parts).
    pub fn is_object_like(&self) -> bool {
        self.properties.is_some_and(|properties| !properties.is_empty()) || !self.all_of.is_empty()
    }
}
