//! The Rust API of each type and operation, decided once every type is known: how serde is
//! implemented, what `new` takes, which setters there are and what they are called, the
//! extra-keys field's name, which parameters the client checks, the test doubles' names. Emitters only spell these,
//! and the API surface reads them, so that every change a user can notice is reported.

use crate::ir::{Argument, FieldShape, Operation, ParamLocation, SerdeImpl, Taking, TypeDef, TypeKind, TypeRef};

use super::naming::{Scope, unraw};
use super::reserved;

/// What the runtime's extra-keys field is called, unless a property takes the name.
const ADDITIONAL_FIELD: &str = "additional_properties";

pub fn decide(types: &mut [TypeDef], operations: &mut [Operation]) {
    for definition in types.iter_mut() {
        let TypeKind::Struct(body) = &mut definition.kind else { continue };
        // Flattened parts and extra keys need serde's `flatten`, which only its derive has.
        body.shape.serde = if body.additional.is_none() && !body.fields.iter().any(|field| field.flatten) {
            SerdeImpl::Compact
        } else {
            SerdeImpl::Derive
        };
        let mut names = Scope::default();
        for field in &body.fields {
            names.claim(&field.rust_name);
        }
        body.shape.additional_field = body.additional.as_ref().map(|_| names.claim(ADDITIONAL_FIELD));

        for field in &mut body.fields {
            let required = field.flatten || matches!(field.shape(), FieldShape::Plain | FieldShape::Nullable);
            field.argument = required.then(|| {
                if field.ty == TypeRef::String && !field.boxed && field.shape() == FieldShape::Plain && !field.flatten {
                    Argument::IntoString
                } else {
                    Argument::Value
                }
            });
        }
        body.shape.derives_default = body.fields.iter().all(|field| field.argument.is_none());
        let mut arguments: Vec<usize> =
            (0..body.fields.len()).filter(|&index| body.fields[index].argument.is_some()).collect();
        arguments.sort_by(|&a, &b| unraw(&body.fields[a].rust_name).cmp(unraw(&body.fields[b].rust_name)));
        body.shape.arguments = arguments;

        // Every optional field has a setter: requests are built with them, and so are the
        // answers a test gives the doubles, in one expression. Their names share a scope with
        // `new`, so `_a` and `a` cannot both be `with_a`.
        let mut setters = Scope::with_reserved(reserved::STRUCT_MEMBERS);
        for field in &mut body.fields {
            let optional = matches!(field.shape(), FieldShape::Optional | FieldShape::OptionalNullable);
            field.setter = (optional && !field.flatten)
                .then(|| setters.claim(&format!("with_{}", unraw(&field.rust_name).trim_start_matches('_'))));
            field.taking = setter_taking(&field.ty);
        }
    }
    // On `MockApi` every group's operations share one namespace with its own methods.
    let mut mock_methods = Scope::with_reserved(reserved::MOCK_METHODS);
    // Types of the mock module (`MockApi`, the query traits, the parameters' structs) share one.
    let mut mock_types = Scope::with_reserved(reserved::MOCK_TYPES);
    for operation in operations {
        operation.mock.method = mock_methods.claim(&operation.method_name);
        operation.mock.query_trait = mock_types.claim(&format!("{}Query", unraw(&operation.builder)));
        // Prefixed, so that no parameter can hide (or be hidden by) the expectation's own
        // methods; parameters' names are unique on their builder, so these are too.
        operation.mock.query_matchers = (operation.params.iter())
            .filter(|param| param.location == ParamLocation::Query)
            .map(|param| format!("query_{}", unraw(&param.rust_name)))
            .collect();
        operation.mock.params =
            (!operation.params.is_empty()).then(|| mock_types.claim(&format!("{}Params", unraw(&operation.builder))));
        for param in &mut operation.params {
            param.checked = checked(param);
            param.taking = argument_taking(&param.ty);
        }
    }
}

/// Whether the client checks a parameter before sending: a float (it must be finite), a number
/// or a string with bounds, or a list of those with bounds of its own or its items'. Patterns
/// are left to the server and the test doubles, so that the client needs no regex engine.
/// How a parameter's argument or setter takes its value: numbers convert (`page(2)` where the
/// document says `number`), lists take any iterator of what converts to their items.
fn argument_taking(ty: &TypeRef) -> Taking {
    match ty {
        TypeRef::List(_) => Taking::EachInto,
        ty if ty.is_number() => Taking::Into,
        ty if ty.is_copy() => Taking::Own,
        _ => Taking::Into,
    }
}

/// How a model's setter takes its value: maps take any pairs, `[("color", "green")]` or a
/// `HashMap`, not only the map itself.
fn setter_taking(ty: &TypeRef) -> Taking {
    match ty {
        ty if ty.is_copy() => Taking::Own,
        TypeRef::Map(_) => Taking::PairsInto,
        _ => Taking::Into,
    }
}

fn checked(param: &crate::ir::Param) -> bool {
    let numeric = |bounds: &crate::ir::Constraints| {
        bounds.minimum.is_some() || bounds.maximum.is_some() || bounds.multiple_of.is_some()
    };
    let length = |bounds: &crate::ir::Constraints| bounds.min_length.is_some() || bounds.max_length.is_some();
    let bounds = &param.constraints;
    match &param.ty {
        TypeRef::F32 | TypeRef::F64 => true,
        ty if ty.is_integer() => numeric(bounds),
        TypeRef::String => length(bounds),
        TypeRef::List(item) if item.is_number() || **item == TypeRef::String => {
            let count = bounds.min_items.is_some() || bounds.max_items.is_some() || bounds.unique_items;
            let items = bounds.items.as_deref().is_some_and(|items| numeric(items) || length(items));
            count || items || matches!(**item, TypeRef::F32 | TypeRef::F64)
        }
        _ => false,
    }
}
