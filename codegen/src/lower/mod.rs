//! Stage two: the parsed document to the plain-data model, with every check and naming decision.
//!
//! Component schemas are named first, in document order, so that they keep their own names;
//! inline schemas are named from where they appear (`{Parent}{Field}`, `{Operation}Response`)
//! and yield to components on a clash. All findings go to the sink; lowering goes on after an
//! error so that one run reports everything.

mod analysis;
mod direction;
pub mod naming;
mod operations;
mod pagination;
mod refs;
mod schemas;
mod shapes;
mod view;

use std::collections::HashMap;

use openapiv3::OpenAPI;

use crate::diagnostics::Sink;
use crate::ir::{Api, Docs, Group, TypeDef, TypeRef};
use naming::Scope;

/// Lowers `document` into the model. Returns `None` when an error was reported.
pub fn lower(document: &OpenAPI, sink: &mut Sink) -> Option<Api> {
    let mut lowerer = Lowerer::new(document, sink);
    lowerer.lower_components();
    let mut operations = lowerer.lower_operations();
    let groups = std::mem::take(&mut lowerer.groups);
    let bearer_auth = operations.iter().any(|operation| operation.authenticated);
    let mut type_names = std::mem::take(&mut lowerer.type_names);
    let mut types: Vec<TypeDef> = lowerer.types.into_iter().flatten().collect();
    direction::apply(&mut types, &mut operations, &mut type_names);
    analysis::mark_boxed(&mut types);
    analysis::mark_uses(&mut types, &operations);
    shapes::decide(&mut types, &mut operations);
    let has_unreferenced = types.iter().any(|definition| definition.needed_by.unreferenced);

    if sink.has_errors() {
        return None;
    }
    Some(Api {
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        docs: Docs::new(None, document.info.description.as_deref()),
        base_url: document.servers.first().map(|server| server.url.trim_end_matches('/').to_owned()),
        bearer_auth,
        groups,
        operations,
        types,
        has_unreferenced,
    })
}

/// What lowering a component schema gave, remembered so that each is lowered once.
#[derive(Clone, Debug)]
enum ComponentState {
    /// Being lowered: a reference met now is a cycle.
    InProgress {
        named: Option<String>,
    },
    Done(schemas::Lowered),
}

struct Lowerer<'a> {
    document: &'a OpenAPI,
    sink: &'a mut Sink,
    /// Type definitions in the order their names were handed out; a slot is filled once the
    /// type's body is lowered, so that a parent comes before the types named after it.
    types: Vec<Option<TypeDef>>,
    type_names: Scope,
    /// Group handle types: each group module has one, next to the request builders.
    handle_names: Scope,
    /// Component schema name to its reserved Rust name, for those that become named types.
    component_names: HashMap<String, String>,
    components: HashMap<String, ComponentState>,
    /// Lowered `components.responses` and `components.requestBodies`, by name.
    shared_responses: HashMap<String, Option<TypeRef>>,
    groups: Vec<Group>,
    group_names: Scope,
}

impl<'a> Lowerer<'a> {
    fn new(document: &'a OpenAPI, sink: &'a mut Sink) -> Self {
        Lowerer {
            document,
            sink,
            types: Vec::new(),
            type_names: Scope::with_reserved(naming::PRELUDE),
            handle_names: Scope::with_reserved(naming::PRELUDE),
            component_names: HashMap::new(),
            components: HashMap::new(),
            shared_responses: HashMap::new(),
            groups: Vec::new(),
            // Module names the crate already uses (its own and the dependencies it re-exports),
            // and cargo feature names with a meaning.
            group_names: Scope::with_reserved(&[
                "models",
                "runtime",
                "header",
                "reqwest",
                "serde_json",
                "bytes",
                "chrono",
                "uuid",
                "shared",
                "unreferenced",
                "lib",
                "full",
                "default",
            ]),
        }
    }

    fn fill_type(&mut self, slot: usize, definition: TypeDef) {
        self.types[slot] = Some(definition);
    }
}
