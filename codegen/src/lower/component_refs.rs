//! Resolving `$ref` to components: parameters, responses, request bodies and schema names.

use openapiv3::{Parameter, ReferenceOr, RequestBody, Response};

use super::Lowerer;
use crate::position;

/// How many references in a row may point to further references before it counts as a cycle.
const MAX_HOPS: usize = 64;

impl<'a> Lowerer<'a> {
    /// The component name a local reference such as `#/components/schemas/Thing` points to,
    /// after checking that it points into `section`. Reports and returns `None` otherwise.
    pub(super) fn component_name(&mut self, reference: &str, section: &str, path: &str) -> Option<String> {
        let prefix = format!("#/components/{section}/");
        let Some(name) = crate::pointers::component_name(reference, section) else {
            let help = if !reference.starts_with('#') {
                "references to other files are not supported: bundle the document into one file first, for example with `npx @redocly/cli bundle`".to_owned()
            } else {
                format!("point the reference at an entry of `components.{section}`, such as `{prefix}Name`")
            };
            self.sink.error(
                position::key(path, "$ref"),
                format!("`{reference}` is not a reference to `components.{section}`"),
                help,
            );
            return None;
        };
        Some(name)
    }

    fn missing_component(&mut self, reference: &str, section: &str, name: &str, path: &str) {
        self.sink.error(
            position::key(path, "$ref"),
            format!("unresolved reference `{reference}`: there is no `{name}` in `components.{section}`"),
            format!("define `{name}` under `components.{section}`, or correct the reference"),
        );
    }

    fn cycle(&mut self, reference: &str, path: &str) {
        self.sink.error(
            position::key(path, "$ref"),
            format!("`{reference}` starts a cycle of references that never reaches a definition"),
            "make one of the references in the cycle point to a real definition",
        );
    }

    /// Follows references until a parameter; returns it with the path where it is defined.
    pub(super) fn resolve_parameter<'d>(
        &mut self,
        item: &'d ReferenceOr<Parameter>,
        path: &str,
    ) -> Option<(&'d Parameter, String)>
    where
        'a: 'd,
    {
        self.follow(item, path, "parameters", |components| &components.parameters)
    }

    pub(super) fn resolve_response<'d>(
        &mut self,
        item: &'d ReferenceOr<Response>,
        path: &str,
    ) -> Option<(&'d Response, String, Option<String>)>
    where
        'a: 'd,
    {
        let name = match item {
            ReferenceOr::Reference { reference } => self.component_name(reference, "responses", path),
            ReferenceOr::Item(_) => None,
        };
        let (response, path) = self.follow(item, path, "responses", |components| &components.responses)?;
        Some((response, path, name))
    }

    pub(super) fn resolve_request_body<'d>(
        &mut self,
        item: &'d ReferenceOr<RequestBody>,
        path: &str,
    ) -> Option<(&'d RequestBody, String)>
    where
        'a: 'd,
    {
        self.follow(item, path, "requestBodies", |components| &components.request_bodies)
    }

    fn follow<'d, T>(
        &mut self,
        item: &'d ReferenceOr<T>,
        path: &str,
        section: &str,
        entries: impl Fn(&'d openapiv3::Components) -> &'d indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'d T, String)>
    where
        'a: 'd,
    {
        let document: &'d openapiv3::OpenAPI = self.document;
        let mut current = item;
        let mut definition_path = path.to_owned();
        for _ in 0..MAX_HOPS {
            match current {
                ReferenceOr::Item(found) => return Some((found, definition_path)),
                ReferenceOr::Reference { reference } => {
                    let name = self.component_name(reference, section, &definition_path)?;
                    let next = document.components.as_ref().and_then(|components| entries(components).get(&name));
                    let Some(next) = next else {
                        self.missing_component(reference, section, &name, &definition_path);
                        return None;
                    };
                    current = next;
                    definition_path = position::key(&format!("components.{section}"), &name);
                }
            }
        }
        if let ReferenceOr::Reference { reference } = item {
            self.cycle(reference, path);
        }
        None
    }

    /// The component schema a reference names, checked to exist.
    pub(super) fn schema_component(&mut self, reference: &str, path: &str) -> Option<String> {
        let name = self.component_name(reference, "schemas", path)?;
        let exists = self.document.components.as_ref().is_some_and(|components| components.schemas.contains_key(&name));
        if !exists {
            self.missing_component(reference, "schemas", &name, path);
            return None;
        }
        Some(name)
    }

    pub(super) fn report_schema_cycle(&mut self, reference: &str, path: &str) {
        self.cycle(reference, path);
    }
}
