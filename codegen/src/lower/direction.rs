//! `readOnly` and `writeOnly` by the direction a type travels: a property that is `readOnly`
//! and `required` is required where the type is read (responses) and absent where it is
//! written (requests); `writeOnly` the other way round (OpenAPI 3.0, Schema Object).
//!
//! A type used both ways whose required properties differ by direction gets a second type for
//! requests, `{Name}Input` (as Speakeasy names it), and so does every type used both ways
//! that holds one; requests then use the input types. A type used one way only needs no twin:
//! its fields simply take that direction's shape.

use std::collections::HashMap;

use crate::ir::{Field, Named, Operation, TypeDef, TypeId, TypeKind, TypeRef};

use super::analysis::{Uses, read_by, written_by};
use super::naming::Scope;

/// Splits types used both ways where the direction matters, points requests at the input
/// twins, and decides each field's `required` for the direction its type travels.
pub fn apply(types: &mut Vec<TypeDef>, operations: &mut [Operation], names: &mut Scope) {
    let uses = Uses::new(types);
    let read = uses.reached(operations.iter().flat_map(read_by));
    let written = uses.reached(operations.iter().flat_map(written_by));

    // Types used both ways whose shape differs by direction, and (to a fixed point) those used
    // both ways that hold one of them.
    let both = |index: usize| read[index] && written[index];
    let mut twin: Vec<bool> = types.iter().enumerate().map(|(index, t)| both(index) && differs(&t.kind)).collect();
    loop {
        let mut changed = false;
        for index in 0..types.len() {
            if !twin[index] && both(index) && types[index].kind.mentions().iter().any(|id| twin[id.0]) {
                twin[index] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    // The twins go after every other type, so their handles follow on.
    let mut next = types.len();
    let renamed: HashMap<TypeId, Named> = (0..types.len())
        .filter(|&index| twin[index])
        .map(|index| {
            let input = Named { id: TypeId(next), name: names.claim(&format!("{}Input", types[index].name)) };
            next += 1;
            (TypeId(index), input)
        })
        .collect();
    let mut inputs: Vec<TypeDef> = Vec::new();
    for index in 0..types.len() {
        let definition = &mut types[index];
        match (read[index], written[index]) {
            _ if twin[index] => {
                let mut input = definition.clone();
                input.name = renamed[&TypeId(index)].name.clone();
                input.origin = format!("{} (as sent in requests)", definition.origin);
                let note = format!(
                    "`{}` as requests carry it: the fields the server sets (`readOnly`) are optional here, and the ones only sent (`writeOnly`) keep their `required`.",
                    definition.name
                );
                input.docs.description = Some(match input.docs.description.take() {
                    Some(description) => format!("{description}\n\n{note}"),
                    None => note,
                });
                rename_in_kind(&mut input.kind, &renamed);
                decide_required(&mut input.kind, Direction::Written);
                decide_required(&mut definition.kind, Direction::Read);
                inputs.push(input);
            }
            (true, false) => decide_required(&mut definition.kind, Direction::Read),
            (false, true) => {
                rename_in_kind(&mut definition.kind, &renamed);
                decide_required(&mut definition.kind, Direction::Written);
            }
            _ => decide_required(&mut definition.kind, Direction::Neither),
        }
    }
    types.extend(inputs);
    for operation in operations {
        for param in &mut operation.params {
            rename(&mut param.ty, &renamed);
        }
        if let Some(body) = &mut operation.body {
            for ty in body.type_refs_mut() {
                rename(ty, &renamed);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Direction {
    Read,
    Written,
    /// No operation uses the type: neither direction's promise can be kept, so a read-only
    /// or write-only property is optional.
    Neither,
}

/// Whether a field is there whenever its type is read (an answer never holds a write-only one).
/// Pagination reads its fields before this pass runs, so it asks here too.
pub(super) fn required_when_read(field: &Field) -> bool {
    field.required && !field.write_only
}

fn decide_required(kind: &mut TypeKind, direction: Direction) {
    let TypeKind::Struct(body) = kind else { return };
    for field in &mut body.fields {
        field.required &= match direction {
            Direction::Read => required_when_read(field),
            Direction::Written => !field.read_only,
            Direction::Neither => !field.read_only && !field.write_only,
        };
    }
}

/// Whether a required property is read-only or write-only, so that the type's shape in
/// requests differs from its shape in responses.
fn differs(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::Struct(body) => {
            body.fields.iter().any(|field| field.required && (field.read_only || field.write_only))
        }
        _ => false,
    }
}

fn rename_in_kind(kind: &mut TypeKind, renamed: &HashMap<TypeId, Named>) {
    for ty in kind.type_refs_mut() {
        rename(ty, renamed);
    }
}

fn rename(ty: &mut TypeRef, renamed: &HashMap<TypeId, Named>) {
    if let Some(named) = ty.named_mut()
        && let Some(input) = renamed.get(&named.id)
    {
        *named = input.clone();
    }
}
