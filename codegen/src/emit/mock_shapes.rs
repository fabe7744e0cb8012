//! The test doubles' `Shape`s: where the document's bounds are inside each request body, one
//! static per type that has any (its own fields' or its parts'), in a module of `src/mock.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{constraints, ident};
use crate::ir::{Api, BodyKind, Constraints, Operation, TypeDef, TypeKind, TypeRef};

/// Which types have a bound somewhere inside them, by handle: a type whose field has bounds,
/// or that holds such a type. Found by repeating until nothing changes, since types refer to
/// each other in cycles.
pub struct Bounded(Vec<bool>);

impl Bounded {
    pub fn of(api: &Api) -> Bounded {
        let mut bounded = vec![false; api.types.len()];
        loop {
            let mut changed = false;
            for (index, definition) in api.types.iter().enumerate() {
                if bounded[index] {
                    continue;
                }
                let holds = |ty: &TypeRef| ty.named_id().is_some_and(|id| bounded[id.0]);
                let now = match &definition.kind {
                    TypeKind::Struct(body) => {
                        body.fields.iter().any(|field| !field.constraints.is_empty() || holds(&field.ty))
                    }
                    TypeKind::Union(union) => union.variants.iter().any(|variant| holds(&variant.ty)),
                    TypeKind::Newtype(inner) => holds(inner),
                    TypeKind::Enum(_) => false,
                };
                if now {
                    bounded[index] = true;
                    changed = true;
                }
            }
            if !changed {
                return Bounded(bounded);
            }
        }
    }

    /// A reference to the shape of a use of a type with the bounds written beside it, `None`
    /// when there is nothing to check; `path` is how the `shapes` module is named from there.
    fn shape(&self, api: &Api, ty: &TypeRef, bounds: &Constraints, path: &TokenStream) -> Option<TokenStream> {
        let named = |ty: &TypeRef| match ty {
            TypeRef::Named(named) if self.0[named.id.0] => {
                let name = ident(&api.get(named.id).name);
                Some(quote!(&#path #name))
            }
            _ => None,
        };
        match ty {
            TypeRef::Named(_) => named(ty),
            TypeRef::List(item) => match named(item) {
                Some(item) => {
                    let bounds = constraints(bounds);
                    Some(quote!(&crate::runtime::mock::Shape::List(#bounds, #item)))
                }
                None => self.value(bounds),
            },
            TypeRef::Map(item) => named(item).map(|item| quote!(&crate::runtime::mock::Shape::Map(#item))),
            _ => self.value(bounds),
        }
    }

    fn value(&self, bounds: &Constraints) -> Option<TokenStream> {
        (!bounds.is_empty()).then(|| {
            let bounds = constraints(bounds);
            quote!(&crate::runtime::mock::Shape::Value(#bounds))
        })
    }

    /// `&shapes::Type`, or `Shape::Any`, for the JSON body of an operation.
    pub fn body(&self, api: &Api, operation: &Operation) -> TokenStream {
        let json = operation.body.as_ref().and_then(|body| {
            body.contents.iter().find_map(|content| match &content.kind {
                BodyKind::Json(ty) => Some(ty),
                _ => None,
            })
        });
        let path = quote!(shapes::);
        match json.and_then(|ty| self.shape(api, ty, &Constraints::default(), &path)) {
            Some(shape) => shape,
            None => quote!(&crate::runtime::mock::Shape::Any),
        }
    }

    /// `mod shapes`, with a static for every type that has bounds inside it.
    pub fn module(&self, api: &Api) -> TokenStream {
        self.module_of(api, |_| true)
    }

    /// `mod shapes` for the types `keep` says (with every type they hold, which a caller must
    /// keep too), with a static for each that has bounds inside it.
    pub fn module_of(&self, api: &Api, keep: impl Fn(&TypeDef) -> bool) -> TokenStream {
        let kept: Vec<&TypeDef> = api
            .types
            .iter()
            .enumerate()
            .filter(|(index, definition)| self.0[*index] && keep(definition))
            .map(|(_, definition)| definition)
            .collect();
        if kept.is_empty() {
            return TokenStream::new();
        }
        let statics = kept.into_iter().map(|definition| {
            let name = ident(&definition.name);
            let here = TokenStream::new();
            let any = quote!(&crate::runtime::mock::Shape::Any);
            let shape = match &definition.kind {
                TypeKind::Struct(body) => {
                    let properties = body.fields.iter().filter(|field| !field.flatten).filter_map(|field| {
                        let shape = self.shape(api, &field.ty, &field.constraints, &here)?;
                        let wire = &field.name;
                        Some(quote!((#wire, #shape)))
                    });
                    let object = quote!(crate::runtime::mock::Shape::Object(&[#(#properties),*]));
                    // A part kept whole (`allOf` of a type that is not a plain struct) is read
                    // from the same object.
                    let parts: Vec<TokenStream> = body
                        .fields
                        .iter()
                        .filter(|field| field.flatten)
                        .filter_map(|field| self.shape(api, &field.ty, &Constraints::default(), &here))
                        .collect();
                    if parts.is_empty() {
                        object
                    } else {
                        quote!(crate::runtime::mock::Shape::AllOf(&[&#object, #(#parts),*]))
                    }
                }
                TypeKind::Union(union) => {
                    let variants = union.variants.iter().map(|variant| {
                        self.shape(api, &variant.ty, &Constraints::default(), &here).unwrap_or_else(|| any.clone())
                    });
                    quote!(crate::runtime::mock::Shape::OneOf(&[#(#variants),*]))
                }
                TypeKind::Newtype(inner) => {
                    let inner = self.shape(api, inner, &Constraints::default(), &here).unwrap_or(any);
                    quote!(crate::runtime::mock::Shape::AllOf(&[#inner]))
                }
                TypeKind::Enum(_) => quote!(crate::runtime::mock::Shape::Any),
            };
            quote!(pub(super) static #name: crate::runtime::mock::Shape = #shape;)
        });
        quote! {
            /// Where the document's bounds are inside each type that has any, for the check of
            /// request bodies. With some features off, some are not used.
            #[allow(dead_code, non_upper_case_globals)]
            mod shapes {
                #(#statics)*
            }
        }
    }
}
