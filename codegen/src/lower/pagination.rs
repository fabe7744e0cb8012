//! The `x-pagination` extension: which parameters number the pages, where the items and the
//! total are in the answer.
//!
//! ```yaml
//! x-pagination:
//!   page: page_no                # query parameter holding the page number
//!   size: per_page               # query parameter holding the page size (optional)
//!   items: data                  # field path, in the success body, of the list of items
//!   total: paging.total_count    # field path of the total number of items (optional)
//!   first: 1                     # number of the first page (optional, default 1)
//! ```

use serde_json::Value;

use super::Lowerer;
use crate::ir::{Field, FieldStep, Output, Pagination, Param, ParamLocation, TypeKind, TypeRef};
use crate::position;

const KEYS: &[&str] = &["page", "size", "items", "total", "first"];

impl Lowerer<'_> {
    pub(super) fn lower_pagination(
        &mut self,
        operation: &openapiv3::Operation,
        path: &str,
        params: &[Param],
        output: &Output,
    ) -> Option<Pagination> {
        let value = operation.extensions.get("x-pagination")?;
        let path = position::key(path, "x-pagination");
        let example =
            "write it as an object: `{page: page_no, size: per_page, items: data, total: paging.total_count}`";
        let Some(object) = value.as_object() else {
            self.sink.error(&path, "`x-pagination` is not an object", example);
            return None;
        };
        self.unknown_settings("unknown x-pagination setting", "x-pagination", &path, object, KEYS);
        let text = |key: &str| object.get(key).and_then(Value::as_str);

        let Some(page_name) = text("page") else {
            self.sink.error(position::key(&path, "page"), "`x-pagination` does not name the page parameter", example);
            return None;
        };
        let page_param = self.page_param(params, page_name, &position::key(&path, "page"))?;
        let size_param = match text("size") {
            Some(name) => Some(self.page_param(params, name, &position::key(&path, "size"))?),
            None => None,
        };
        let first_page = match object.get("first") {
            None => 1,
            Some(first) => match first.as_u64() {
                Some(first) => first,
                None => {
                    self.sink.error(
                        position::key(&path, "first"),
                        format!("`first` is {first}, not a page number"),
                        "give the number of the first page, such as 0 or 1",
                    );
                    return None;
                }
            },
        };

        let Output::Single(crate::ir::Payload::Json(body)) = output else {
            self.sink.error(
                &path,
                "a paginated operation needs one success body to read pages from",
                "give the operation a single success response with a JSON object body",
            );
            return None;
        };
        let Some(items_path) = text("items") else {
            self.sink.error(position::key(&path, "items"), "`x-pagination` does not say where the items are", example);
            return None;
        };
        let (items, items_type) = self.field_path(body, items_path, &position::key(&path, "items"))?;
        let TypeRef::List(item_type) = items_type else {
            self.sink.error(
                position::key(&path, "items"),
                format!("`{items_path}` is not a list, so it cannot hold a page of items"),
                "point `items` at the array of the answer",
            );
            return None;
        };
        let total = match text("total") {
            Some(total_path) => {
                let (steps, ty) = self.field_path(body, total_path, &position::key(&path, "total"))?;
                if !ty.is_number() {
                    self.sink.error(
                        position::key(&path, "total"),
                        format!("`{total_path}` is not a number, so it cannot be the total"),
                        "point `total` at the number of items in the whole list",
                    );
                    return None;
                }
                Some(steps)
            }
            None => None,
        };
        Some(Pagination { page_param, size_param, first_page, items, item_type: *item_type, total })
    }

    fn page_param(&mut self, params: &[Param], name: &str, path: &str) -> Option<usize> {
        let found = params.iter().position(|param| param.name == name && param.location == ParamLocation::Query);
        match found {
            Some(index) if params[index].ty.is_number() => Some(index),
            Some(_) => {
                self.sink.error(
                    path,
                    format!("`{name}` is not a number, so it cannot count pages"),
                    "type it `integer` or `number`",
                );
                None
            }
            None => {
                self.sink.error(
                    path,
                    format!("the operation has no query parameter `{name}`"),
                    "name one of the operation's query parameters",
                );
                None
            }
        }
    }

    /// Follows dotted field names from `root` through structs; returns the steps and the type
    /// at the end.
    fn field_path(&mut self, root: &TypeRef, dotted: &str, path: &str) -> Option<(Vec<FieldStep>, TypeRef)> {
        let mut steps = Vec::new();
        let mut current = root.clone();
        for segment in dotted.split('.') {
            let TypeRef::Named(named) = &current else {
                self.sink.error(
                    path,
                    format!("`{dotted}` goes through something that is not an object"),
                    "name fields of objects only",
                );
                return None;
            };
            let field = self.definition(named.id).and_then(|definition| match &definition.kind {
                TypeKind::Struct(body) => body.fields.iter().find(|field| field.name == segment && !field.flatten),
                _ => None,
            });
            let Some(field) = field else {
                self.sink.error(
                    path,
                    format!("the answer has no field `{segment}` on the way to `{dotted}`"),
                    "name fields as the answer's schema does",
                );
                return None;
            };
            // Answers are read: the field as `direction` will decide it for a read type.
            let as_read = Field { required: super::direction::required_when_read(field), ..field.clone() };
            steps.push(FieldStep { rust_name: field.rust_name.clone(), shape: as_read.shape() });
            current = field.ty.clone();
        }
        Some((steps, current))
    }
}
