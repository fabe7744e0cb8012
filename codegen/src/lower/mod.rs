//! Stage two: the parsed document to the plain-data model, with every check and naming decision.
//!
//! Component schemas are named first, in document order, so that they keep their own names;
//! inline schemas are named from where they appear (`{Parent}{Field}`, `{Operation}Response`)
//! and yield to components on a clash. All findings go to the sink; lowering goes on after an
//! error so that one run reports everything.

mod analysis;
mod bodies;
mod component_refs;
mod direction;
mod error_shapes;
mod media;
mod model_crates;
pub mod naming;
mod operations;
mod pagination;
mod parameters;
mod rate_limits;
mod reserved;
mod responses;
mod rust_api;
mod schemas;
mod security;
mod view;
mod webhooks;

pub use model_crates::split_models;

use std::collections::HashMap;

use openapiv3::OpenAPI;

use crate::diagnostics::Sink;
use crate::ir::{Api, Docs, Group, Named, TypeDef, TypeId, TypeRef};
use naming::Scope;

/// Lowers `document` into the model. Returns `None` when an error was reported.
pub fn lower(document: &OpenAPI, sink: &mut Sink) -> Option<Api> {
    let mut lowerer = Lowerer::new(document, sink);
    lowerer.lower_components();
    lowerer.schemes = lowerer.lower_security_schemes();
    let mut operations = lowerer.lower_operations();
    let groups = std::mem::take(&mut lowerer.groups);
    let mut security_schemes = std::mem::take(&mut lowerer.schemes.list);
    let document_security = lowerer.document_security();
    let requires_credentials =
        security::finish(&mut security_schemes, &mut operations, document.security.is_some(), lowerer.sink);
    let default_security = match document_security {
        Some(alternatives) => alternatives,
        // Whatever one scheme the client was given, or nothing.
        None => (0..security_schemes.len()).map(|index| vec![index]).chain([Vec::new()]).collect(),
    };
    let rate_limits = lowerer.lower_rate_limits(&operations);
    let mut webhooks = lowerer.lower_webhooks();
    security::name_index_consts(&mut security_schemes);
    let error_shapes = std::mem::take(&mut lowerer.error_shapes);
    let mut type_names = std::mem::take(&mut lowerer.type_names);
    let mut types = lowerer.finish(&mut operations, webhooks.as_mut());
    direction::apply(&mut types, &mut operations, &mut type_names);
    analysis::mark_boxed(&mut types);
    analysis::mark_uses(&mut types, &operations, webhooks.as_ref());
    analysis::mark_error_details(&mut types, &operations);
    rust_api::decide(&mut types, &mut operations);
    let has_unreferenced = types.iter().any(|definition| definition.needed_by.unreferenced);

    if sink.has_errors() {
        return None;
    }
    Some(Api {
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        docs: Docs::new(None, document.info.description.as_deref()),
        base_url: document.servers.first().map(|server| server.url.trim_end_matches('/').to_owned()),
        security_schemes,
        requires_credentials,
        error_shapes,
        rate_limits,
        default_security,
        groups,
        operations,
        webhooks,
        types,
        has_unreferenced,
        model_crates: None,
        products: None,
    })
}

/// What lowering a component schema gave, remembered so that each is lowered once.
#[derive(Clone, Debug)]
enum ComponentState {
    /// Being lowered: a reference met now is a cycle.
    InProgress {
        named: Option<Named>,
    },
    Done(Box<schemas::Lowered>),
}

struct Lowerer<'a> {
    document: &'a OpenAPI,
    sink: &'a mut Sink,
    /// Type definitions by the handle claimed with their name; filled once the body is lowered.
    definitions: Vec<Option<TypeDef>>,
    /// The order types are emitted in: a parent before the types named after it. Handles
    /// stay put when a type is slotted in earlier (a newtype found to contain itself) or an
    /// inline error type is dropped; `finish` gives each its final place.
    order: Vec<TypeId>,
    type_names: Scope,
    /// Group handle types: each group module has one, next to the request builders.
    handle_names: Scope,
    /// Component schema name to its reserved Rust name, for those that become named types.
    component_names: HashMap<String, Named>,
    components: HashMap<String, ComponentState>,
    /// Lowered `components.responses` and `components.requestBodies`, by name.
    shared_responses: HashMap<String, Vec<(String, crate::ir::Payload)>>,
    groups: Vec<Group>,
    /// Each tag's index in `groups`.
    group_by_tag: HashMap<String, usize>,
    group_names: Scope,
    /// `components.securitySchemes`, lowered before the operations that name them.
    schemes: security::Schemes,
    /// The shapes of the error answers met so far.
    error_shapes: Vec<crate::ir::ErrorShape>,
}

impl<'a> Lowerer<'a> {
    /// Warns of each setting of the object of our extension `extension` (at `path`) that is
    /// not one of `known`: it is ignored, and its author should know.
    fn unknown_settings(
        &mut self,
        kind: &'static str,
        extension: &str,
        path: &str,
        object: &serde_json::Map<String, serde_json::Value>,
        known: &[&str],
    ) {
        for key in object.keys().filter(|key| !known.contains(&key.as_str())) {
            self.sink.warning(
                kind,
                crate::position::key(path, key),
                format!("`{extension}` has no setting `{key}`; it is ignored"),
                format!("the settings are {}", known.join(", ")),
            );
        }
    }

    fn new(document: &'a OpenAPI, sink: &'a mut Sink) -> Self {
        Lowerer {
            document,
            sink,
            definitions: Vec::new(),
            order: Vec::new(),
            type_names: Scope::with_reserved(naming::PRELUDE),
            handle_names: Scope::with_reserved(naming::PRELUDE),
            component_names: HashMap::new(),
            components: HashMap::new(),
            shared_responses: HashMap::new(),
            schemes: Default::default(),
            error_shapes: Vec::new(),
            groups: Vec::new(),
            group_by_tag: HashMap::new(),
            group_names: Scope::with_reserved(&reserved::group_names_of(document)),
        }
    }

    /// Claims a type name, and the handle the type will be found by.
    fn claim_type(&mut self, base: &str) -> Named {
        let name = self.type_names.claim(base);
        self.definitions.push(None);
        Named { id: TypeId(self.definitions.len() - 1), name }
    }

    fn fill_type(&mut self, id: TypeId, definition: TypeDef) {
        self.definitions[id.0] = Some(definition);
    }

    /// The definition behind a handle, once its body is lowered.
    fn definition(&self, id: TypeId) -> Option<&TypeDef> {
        self.definitions.get(id.0).and_then(Option::as_ref)
    }

    /// The definition behind a handle, to change what lowering decided (a multipart body's
    /// file fields).
    fn definition_mut(&mut self, id: TypeId) -> Option<&mut TypeDef> {
        self.definitions.get_mut(id.0).and_then(Option::as_mut)
    }

    /// The schema a reference points to, following `$ref`s within `components.schemas`
    /// without reporting: lowering reports broken references where it meets them.
    fn schema_view(&self, schema: view::SchemaRef<'a>) -> Option<view::View<'a>> {
        let mut current = schema;
        for _ in 0..16 {
            match current {
                view::SchemaRef::Inline(schema) => return Some(view::View::new(schema)),
                view::SchemaRef::Ref(reference) => {
                    let name = crate::pointers::component_name(reference, "schemas")?;
                    let components = self.document.components.as_ref()?;
                    current = view::SchemaRef::from(components.schemas.get(&name)?);
                }
            }
        }
        None
    }

    /// The types in emitting order, each use re-pointed at its type's place in that order.
    /// A use of a type that was not kept would be a generator bug: it is reported, not emitted.
    fn finish(
        &mut self,
        operations: &mut [crate::ir::Operation],
        webhooks: Option<&mut crate::ir::Webhooks>,
    ) -> Vec<TypeDef> {
        let mut place: Vec<Option<TypeId>> = vec![None; self.definitions.len()];
        let mut types = Vec::with_capacity(self.order.len());
        for id in std::mem::take(&mut self.order) {
            if let Some(definition) = self.definitions.get_mut(id.0).and_then(Option::take) {
                place[id.0] = Some(TypeId(types.len()));
                types.push(definition);
            }
        }
        let mut dangling = Vec::new();
        let mut repoint = |ty: &mut TypeRef| {
            if let Some(named) = ty.named_mut() {
                match place.get(named.id.0).copied().flatten() {
                    Some(id) => named.id = id,
                    None => {
                        dangling.push(named.name.clone());
                        *ty = TypeRef::Json;
                    }
                }
            }
        };
        for definition in &mut types {
            definition.kind.type_refs_mut().into_iter().for_each(&mut repoint);
        }
        for operation in operations.iter_mut() {
            operation.type_refs_mut().into_iter().for_each(&mut repoint);
        }
        for event in webhooks.into_iter().flat_map(|webhooks| &mut webhooks.events) {
            event.payload.iter_mut().for_each(&mut repoint);
        }
        for name in dangling {
            self.sink.error(
                "",
                format!("internal error: the type `{name}` is used but was not kept"),
                "this is a bug in the generator; please report it with the document",
            );
        }
        types
    }
}
