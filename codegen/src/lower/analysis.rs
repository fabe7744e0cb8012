//! Whole-model passes once every type exists: which fields must be boxed, which groups use what.

use std::collections::BTreeSet;

use crate::ir::{BodyKind, NeededBy, Operation, Output, TypeDef, TypeId, TypeKind, TypeRef, Webhooks};

/// Boxes every field and union variant that holds, by value, a type that holds the container
/// back: such types would have infinite size. Types in one strongly connected component of
/// the "holds by value" graph are exactly those; lists and maps already add indirection.
pub fn mark_boxed(types: &mut [TypeDef]) {
    let edges: Vec<Vec<usize>> =
        types.iter().map(|definition| held_by_value(&definition.kind).map(|id| id.0).collect()).collect();
    let component = strongly_connected(&edges);
    let in_cycle = |from: usize, ty: &TypeRef| match ty {
        TypeRef::Named(named) => component[named.id.0] == component[from],
        _ => false,
    };
    for (index, definition) in types.iter_mut().enumerate() {
        match &mut definition.kind {
            TypeKind::Struct(body) => {
                for field in &mut body.fields {
                    field.boxed = in_cycle(index, &field.ty);
                }
            }
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    variant.boxed = in_cycle(index, &variant.ty);
                }
            }
            TypeKind::Enum(_) | TypeKind::Newtype(_) => {}
        }
    }
}

fn held_by_value(kind: &TypeKind) -> Box<dyn Iterator<Item = TypeId> + '_> {
    fn direct(ty: &TypeRef) -> Option<TypeId> {
        match ty {
            TypeRef::Named(named) => Some(named.id),
            _ => None,
        }
    }
    match kind {
        TypeKind::Struct(body) => Box::new(body.fields.iter().filter_map(move |field| direct(&field.ty))),
        TypeKind::Union(union) => Box::new(union.variants.iter().filter_map(move |variant| direct(&variant.ty))),
        TypeKind::Newtype(inner) => Box::new(direct(inner).into_iter()),
        TypeKind::Enum(_) => Box::new(std::iter::empty()),
    }
}

/// Tarjan's algorithm, iterative so that long chains of types cannot overflow the stack.
/// Returns the component number of each node.
pub(crate) fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut order = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && order[node] == UNSEEN {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if order[next] == UNSEEN {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(order[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Records, for every type, the features that need it and how operations carry it as a whole
/// JSON body.
pub fn mark_uses(types: &mut [TypeDef], operations: &[Operation], webhooks: Option<&Webhooks>) {
    let uses = Uses::new(types);
    let payloads: Vec<&TypeRef> =
        webhooks.iter().flat_map(|webhooks| &webhooks.events).filter_map(|event| event.payload.as_ref()).collect();
    let needed_by = needed_by(&uses, operations, &payloads);
    for (definition, needed_by) in types.iter_mut().zip(needed_by) {
        definition.needed_by = needed_by;
    }
    // A webhook's payload is decoded, as an answer is.
    for id in payloads.iter().filter_map(|payload| payload.named_id()) {
        types[id.0].json_body.decoded = true;
    }
    for operation in operations {
        for id in json_decoded_by(operation).filter_map(TypeRef::named_id) {
            types[id.0].json_body.decoded = true;
        }
        for id in json_encoded_by(operation).filter_map(TypeRef::named_id) {
            types[id.0].json_body.encoded = true;
        }
    }
}

/// Marks the entries of the error bodies' `errors` list and `error` object that carry a
/// `message` string (and an integer `code`): the model types whose values the runtime's
/// `ErrorDetail` reads from an error answer, which get a conversion into it.
pub fn mark_error_details(types: &mut [TypeDef], operations: &[Operation]) {
    let mut bodies: Vec<usize> = operations
        .iter()
        .flat_map(|operation| operation.error_bodies().filter_map(|(_, ty)| ty.named_id()))
        .map(|id| id.0)
        .collect();
    // A union of error bodies (a service's own and its gateway's) holds them as variants.
    let variants: Vec<usize> = bodies
        .iter()
        .filter_map(|&index| match &types[index].kind {
            TypeKind::Union(union) => Some(union.variants.iter().filter_map(|variant| variant.ty.named_id())),
            _ => None,
        })
        .flatten()
        .map(|id| id.0)
        .collect();
    bodies.extend(variants);
    let mut details = Vec::new();
    for index in bodies {
        let TypeKind::Struct(body) = &types[index].kind else { continue };
        for field in &body.fields {
            let entry = match (field.name.as_str(), &field.ty) {
                ("errors", TypeRef::List(item)) => item.named_id(),
                ("error", TypeRef::Named(named)) => Some(named.id),
                _ => None,
            };
            details.extend(entry.map(|id| id.0));
        }
    }
    for index in details {
        let TypeKind::Struct(body) = &types[index].kind else { continue };
        let plain_or_optional = |field: &crate::ir::Field| {
            matches!(field.shape(), crate::ir::FieldShape::Plain | crate::ir::FieldShape::Optional) && !field.boxed
        };
        let find = |name: &str| body.fields.iter().find(|field| field.name == name && plain_or_optional(field));
        let Some(message) = find("message").filter(|field| field.ty == TypeRef::String) else { continue };
        let code = match find("code") {
            Some(field) if matches!(field.ty, TypeRef::I64 | TypeRef::I32) => {
                Some((field.rust_name.clone(), !field.required, field.ty == TypeRef::I32))
            }
            Some(_) => continue,
            None => None,
        };
        let fields = crate::ir::ErrorDetailFields { code, message: (message.rust_name.clone(), !message.required) };
        types[index].error_detail = Some(fields);
    }
}

/// The JSON bodies the operation decodes from success answers (by status or by `Accept`).
fn json_decoded_by(operation: &Operation) -> impl Iterator<Item = &TypeRef> {
    let output: Vec<&TypeRef> = match &operation.output {
        Output::Empty => Vec::new(),
        Output::Single(payload) => payload.json_type().into_iter().collect(),
        Output::ByStatus { variants, .. } => {
            variants.iter().filter_map(|variant| variant.body.as_ref()?.json_type()).collect()
        }
    };
    output.into_iter().chain(operation.alternates.iter().filter_map(|alternate| alternate.payload.json_type()))
}

/// The JSON request bodies the operation encodes (forms and multipart parts are not JSON).
fn json_encoded_by(operation: &Operation) -> impl Iterator<Item = &TypeRef> {
    operation.body.iter().flat_map(|body| &body.contents).filter_map(|content| match &content.kind {
        BodyKind::Json(ty) => Some(ty),
        _ => None,
    })
}

/// The features that need each type: the groups whose operations use it, directly or through
/// other types, and `unreferenced-models` for schemas no operation uses and everything they
/// use, and `webhooks` for what the webhooks' payloads use. So every feature set compiles.
fn needed_by(uses: &Uses, operations: &[Operation], payloads: &[&TypeRef]) -> Vec<NeededBy> {
    let mut groups: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); uses.edges.len()];
    for operation in operations {
        let roots = written_by(operation).chain(read_by(operation)).filter_map(|ty| uses.named_in(ty));
        uses.spread(roots, |index| groups[index].insert(operation.group));
    }
    let mut unreferenced = vec![false; uses.edges.len()];
    let roots: Vec<usize> = (0..groups.len()).filter(|&index| groups[index].is_empty()).collect();
    uses.spread(roots, |index| !std::mem::replace(&mut unreferenced[index], true));
    let mut webhooks = vec![false; uses.edges.len()];
    let roots = payloads.iter().filter_map(|payload| uses.named_in(payload));
    uses.spread(roots, |index| !std::mem::replace(&mut webhooks[index], true));
    groups
        .into_iter()
        .zip(unreferenced)
        .zip(webhooks)
        .map(|((groups, unreferenced), webhooks)| NeededBy { groups, unreferenced, webhooks })
        .collect()
}

/// The type uses an operation sends: its parameters and its JSON body.
pub(super) fn written_by(operation: &Operation) -> impl Iterator<Item = &TypeRef> {
    let body = operation.body.iter().flat_map(|body| body.type_refs());
    operation.params.iter().map(|param| &param.ty).chain(body)
}

/// The type uses an operation reads: its answers' bodies.
pub(super) fn read_by(operation: &Operation) -> impl Iterator<Item = &TypeRef> {
    operation
        .responses
        .iter()
        .filter_map(|response| response.body.as_ref()?.json_type())
        .chain(operation.alternates.iter().filter_map(|alternate| alternate.payload.json_type()))
}

/// Which types each type mentions (directly or in lists and maps), by handle.
pub(super) struct Uses {
    edges: Vec<Vec<usize>>,
}

impl Uses {
    pub(super) fn new(types: &[TypeDef]) -> Self {
        let edges = types.iter().map(|definition| definition.kind.mentions().into_iter().map(|id| id.0).collect());
        Uses { edges: edges.collect() }
    }

    fn named_in(&self, ty: &TypeRef) -> Option<usize> {
        ty.named_id().map(|id| id.0)
    }

    /// Which types the uses `roots` reach, transitively.
    pub(super) fn reached<'a>(&self, roots: impl Iterator<Item = &'a TypeRef>) -> Vec<bool> {
        let mut marked = vec![false; self.edges.len()];
        self.spread(roots.filter_map(|ty| self.named_in(ty)), |index| !std::mem::replace(&mut marked[index], true));
        marked
    }

    /// Visits `roots` and every type they use, transitively. `mark` records a visit and says
    /// whether it was new; the walk goes on only from new ones.
    fn spread(&self, roots: impl IntoIterator<Item = usize>, mut mark: impl FnMut(usize) -> bool) {
        let mut pending: Vec<usize> = roots.into_iter().collect();
        while let Some(index) = pending.pop() {
            if mark(index) {
                pending.extend(self.edges[index].iter().copied());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_singletons() {
        // 0 -> 1 -> 0 is a cycle; 2 -> 2 holds itself; 3 is alone.
        let component = strongly_connected(&[vec![1], vec![0, 3], vec![2], vec![]]);
        assert_eq!(component[0], component[1]);
        assert_ne!(component[0], component[2]);
        assert_ne!(component[2], component[3]);
    }
}
