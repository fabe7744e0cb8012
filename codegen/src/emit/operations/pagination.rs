//! `pages()` and `items()` for operations the document marks with `x-pagination`: the page
//! parameters advanced, and the fields read through their steps.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::emit::types::{ident, rust_type};
use crate::ir::{FieldShape, FieldStep, Operation, Output, Payload};
use crate::lower::naming::unraw;

/// `pages()`, `items()` and the `Paginated` impl of an operation with `x-pagination`.
pub(super) fn pagination(operation: &Operation) -> TokenStream {
    let Some(pagination) = &operation.pagination else { return TokenStream::new() };
    let Output::Single(Payload::Json(page_type)) = &operation.output else { return TokenStream::new() };
    let builder = ident(&operation.builder);
    let page_type = rust_type(page_type);
    let item_type = rust_type(&pagination.item_type);
    let first = pagination.first_page;

    let page_param = &operation.params[pagination.page_param];
    let page_field = ident(&page_param.rust_name);
    let page_ty = rust_type(&page_param.ty);
    // Page numbers and sizes are read with `runtime::count`, which takes only whole numbers of
    // at least zero: a page set to `2.5` or `-1` is the first page, not one a cast made up
    // (the client refuses such a value before sending anyway, where the document bounds it).
    let (start, set) = if page_param.required {
        (
            quote!(crate::runtime::count(&self.#page_field).unwrap_or(#first)),
            quote!(self.#page_field = page as #page_ty;),
        )
    } else {
        (
            quote!(self.#page_field.as_ref().and_then(crate::runtime::count).unwrap_or(#first)),
            quote!(self.#page_field = Some(page as #page_ty);),
        )
    };
    let size = match pagination.size_param.map(|index| &operation.params[index]) {
        Some(param) if param.required => {
            let field = ident(&param.rust_name);
            quote!(crate::runtime::count(&self.#field))
        }
        Some(param) => {
            let field = ident(&param.rust_name);
            quote!(self.#field.as_ref().and_then(crate::runtime::count))
        }
        None => quote!(None),
    };
    let (items_ref, items_optional) = access(&pagination.items, false);
    let items =
        if items_optional { quote!(#items_ref.map_or(&[], |items| items.as_slice())) } else { quote!(&#items_ref) };
    let (items_owned, owned_optional) = access(&pagination.items, true);
    let into_items = if owned_optional { quote!(#items_owned.unwrap_or_default()) } else { items_owned };
    let total = match &pagination.total {
        Some(steps) => {
            let (total, optional) = access(steps, false);
            if optional {
                quote!(#total.and_then(crate::runtime::count))
            } else {
                quote!(crate::runtime::count(&#total))
            }
        }
        None => quote!(None),
    };
    // Without a total the page goes unread.
    let total_param = if pagination.total.is_some() { quote!(page) } else { quote!(_page) };
    let page_name = &page_param.name;
    let pages_doc = docs::attrs(&[
        format!("Every page, in order, as a stream: from the page set with `{}`, else page {first}, the first page the API counts.", unraw(&page_param.rust_name)),
        String::new(),
        "Each page is asked for once. The listing stops when the items seen reach the total the server reports, at an empty page, or when a page is shorter than the page size; a server that repeats a page ends it with [`Error::Pagination`](crate::Error::Pagination) instead of a loop.".to_owned(),
    ]);
    let items_doc = docs::attrs(&[format!(
        "Every item of every page, in order, as a stream; see [`pages`](Self::pages) for where it starts and stops. Page numbers go in `{page_name}`."
    )]);
    quote! {
        impl #builder {
            #pages_doc
            pub fn pages(self) -> crate::Pages<Self> {
                crate::Pages::new(self)
            }

            #items_doc
            pub fn items(self) -> crate::Items<Self> {
                crate::Items::new(self)
            }
        }

        impl crate::runtime::Paginated for #builder {
            type Page = #page_type;
            type Item = #item_type;

            fn operation() -> &'static crate::Operation {
                &Self::OPERATION
            }

            fn first_page() -> u64 {
                #first
            }

            fn start_page(&self) -> u64 {
                #start
            }

            fn set_page(&mut self, page: u64) {
                #set
            }

            fn page_size(&self) -> Option<u64> {
                #size
            }

            fn fetch(self) -> crate::ResponseFuture<Self::Page> {
                self.send_with_response()
            }

            fn items(page: &Self::Page) -> &[Self::Item] {
                #items
            }

            fn into_items(page: Self::Page) -> Vec<Self::Item> {
                #into_items
            }

            fn total(#total_param: &Self::Page) -> Option<u64> {
                #total
            }
        }
    }
}

/// An expression reaching from `page` along `steps`, and whether it is an `Option` (because a
/// field on the way may be absent). `owned` moves out of the page instead of borrowing.
pub(super) fn access(steps: &[FieldStep], owned: bool) -> (TokenStream, bool) {
    let mut expression = quote!(page);
    let mut optional = false;
    for step in steps {
        let field = ident(&step.rust_name);
        let may_be_absent = !matches!(step.shape, FieldShape::Plain);
        let unwrap = match (step.shape, owned) {
            (FieldShape::OptionalNullable, false) => quote!(.value()),
            (FieldShape::OptionalNullable, true) => quote!(.into_option()),
            (_, false) => quote!(.as_ref()),
            (_, true) => TokenStream::new(),
        };
        expression = match (optional, may_be_absent) {
            (false, false) => quote!(#expression.#field),
            (false, true) => quote!(#expression.#field #unwrap),
            (true, false) if owned => quote!(#expression.map(|value| value.#field)),
            (true, false) => quote!(#expression.map(|value| &value.#field)),
            (true, true) => quote!(#expression.and_then(|value| value.#field #unwrap)),
        };
        optional |= may_be_absent;
    }
    (expression, optional)
}
