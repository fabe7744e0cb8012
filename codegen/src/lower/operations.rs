//! Operations: names (`operationId`, else derived from method and path), groups (tags),
//! and each operation assembled from its parameters, body and responses.

use std::collections::HashMap;

use openapiv3::{PathItem, ReferenceOr};

use super::Lowerer;
use super::naming::{self, Scope};
use crate::ir::{Docs, Group, HttpMethod, Operation, TypeRef};
use crate::position;

use super::responses::{accept_header, alternates};

/// The group of operations that have no tag.
const UNTAGGED: &str = "untagged";

impl<'a> Lowerer<'a> {
    pub(super) fn lower_operations(&mut self) -> Vec<Operation> {
        let document = self.document;
        for tag in &document.tags {
            self.group_for(&tag.name, tag.description.as_deref());
        }
        let mut operations = Vec::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        // Names made from a method and a path can meet (`/jobs` and `/jobs/`) or meet an
        // operationId the document gives: they yield, numbered, so that only operationIds the
        // document really repeats are errors.
        let given: Vec<&str> = document
            .paths
            .paths
            .values()
            .filter_map(|item| item.as_item())
            .flat_map(|item| item.iter())
            .filter_map(|(_, operation)| operation.operation_id.as_deref().map(str::trim))
            .collect();
        let mut derived_ids = Scope::with_reserved(&given);
        let mut method_scopes: HashMap<usize, Scope> = HashMap::new();
        let mut builder_scopes: HashMap<usize, Scope> = HashMap::new();
        for (template, item) in &document.paths.paths {
            let item_path = position::key("paths", template);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.sink.error(
                        position::key(&item_path, "$ref"),
                        "path items given by `$ref` are not supported",
                        "write the path item inline under `paths`",
                    );
                    continue;
                }
            };
            for (method, operation) in item.iter() {
                let path = position::key(&item_path, method);
                let ids = (&mut ids, &mut derived_ids);
                let Some(lowered) = self.lower_operation(template, item, method, operation, &path, ids) else {
                    continue;
                };
                let mut lowered = lowered;
                let group = lowered.group;
                let handle = self.groups[group].handle.clone();
                // A handle method called `new` that returns a builder trips clippy's
                // `new_ret_no_self`: generated names must not warn.
                let methods = method_scopes.entry(group).or_insert_with(|| Scope::with_reserved(&["new"]));
                lowered.method_name = methods.claim(&lowered.method_name);
                let builders = builder_scopes.entry(group).or_insert_with(|| {
                    let mut reserved = naming::PRELUDE.to_vec();
                    reserved.push(handle.as_str());
                    Scope::with_reserved(&reserved)
                });
                lowered.builder = builders.claim(&lowered.builder);
                operations.push(lowered);
            }
        }
        operations
    }

    /// The index of the group for `tag`, creating it on first sight.
    fn group_for(&mut self, tag: &str, description: Option<&str>) -> usize {
        if let Some(&found) = self.group_by_tag.get(tag) {
            return found;
        }
        self.group_by_tag.insert(tag.to_owned(), self.groups.len());
        // The module name is also a file name and a cargo feature: kept short.
        let module = self.group_names.claim(&naming::shorten(&naming::snake(tag), 48));
        let handle = self.handle_names.claim(&naming::pascal(naming::unraw(&module)));
        self.groups.push(Group { tag: tag.to_owned(), module, handle, docs: Docs::new(None, description) });
        self.groups.len() - 1
    }

    fn lower_operation(
        &mut self,
        template: &str,
        item: &'a PathItem,
        method: &str,
        operation: &'a openapiv3::Operation,
        operation_path: &str,
        (ids, derived_ids): (&mut HashMap<String, String>, &mut Scope),
    ) -> Option<Operation> {
        let http_method = match method {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            _ => HttpMethod::Trace,
        };
        let id = match operation.operation_id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
            Some(id) => id.to_owned(),
            None => {
                let base = derived_id(method, template);
                let derived = derived_ids.claim(&base);
                let numbered = if derived == base {
                    String::new()
                } else {
                    format!(", numbered because another operation is called `{base}`")
                };
                self.sink.warning(
                    "operation without operationId",
                    operation_path,
                    format!(
                        "the operation has no `operationId`; it is named `{derived}` after its method and path{numbered}"
                    ),
                    "give the operation an `operationId`, so that its name stays stable when the path changes",
                );
                derived
            }
        };
        // After an error, lowering goes on, so that the operation's other problems are found
        // in the same run; the operation is dropped at the end.
        let mut failed = false;
        if let Some(first) = ids.get(&id) {
            self.sink.error(
                position::key(operation_path, "operationId"),
                format!("duplicate operationId `{id}`: `{first}` uses it too"),
                "give every operation its own operationId",
            );
            failed = true;
        } else {
            ids.insert(id.clone(), operation_path.to_owned());
        }

        let group = match operation.tags.first() {
            Some(tag) => self.group_for(tag, None),
            None => self.group_for(UNTAGGED, Some("Operations that have no tag in the document.")),
        };
        let builder = naming::pascal(&id);
        let mut scope = Scope::with_reserved(super::reserved::BUILDER_MEMBERS);
        let mut params = self.lower_params(item, operation, operation_path, &builder, &mut scope);
        let segments = self.path_segments(template, &mut params, operation_path, &mut scope);
        let body = operation
            .request_body
            .as_ref()
            .and_then(|body| self.lower_body(body, operation_path, &builder, &mut scope));
        let (responses, offered) = self.lower_responses(operation, operation_path, &builder);
        let output = self.output(&responses, &builder, operation_path);
        let accept = accept_header(&responses, &output);
        let alternates = alternates(&offered, &responses, &output);
        let pagination = self.lower_pagination(operation, operation_path, &params, &output);
        let schemes = std::mem::take(&mut self.schemes);
        let security = self.operation_security(&schemes, operation, operation_path);
        self.schemes = schemes;
        let segments = segments.filter(|_| !failed)?;

        let mut lowered = Operation {
            method_name: naming::snake(&id),
            builder,
            id,
            group,
            method: http_method,
            path: template.to_owned(),
            segments,
            docs: Docs::new(operation.summary.as_deref(), operation.description.as_deref()),
            deprecated: operation.deprecated,
            security,
            params,
            body,
            responses,
            output,
            accept,
            alternates,
            pagination,
            error_body: None,
            mock: Default::default(),
        };
        lowered.error_body = documented_error_body(&lowered);
        Some(lowered)
    }
}

impl Docs {
    /// These docs, or `other` where these are empty.
    pub fn or(self, other: Docs) -> Docs {
        if self.is_empty() { other } else { self }
    }
}

/// A name for an operation without `operationId`: `get /things/{id}/parts` is `get_things_id_parts`.
fn derived_id(method: &str, template: &str) -> String {
    let mut words = vec![method.to_owned()];
    for segment in template.split('/').filter(|segment| !segment.is_empty()) {
        words.push(segment.trim_start_matches('{').trim_end_matches('}').to_owned());
    }
    naming::snake(&words.join("_"))
}

/// The one type the operation's documented JSON error answers share, `None` where they have
/// none or several (each is then named in the docs, read with `ApiError::json`).
fn documented_error_body(operation: &Operation) -> Option<TypeRef> {
    let mut types = operation.error_bodies().map(|(_, ty)| ty);
    let first = types.next()?;
    types.all(|ty| ty == first).then(|| first.clone())
}
