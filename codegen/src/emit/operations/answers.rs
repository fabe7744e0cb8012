//! Reading the answer: the output type (one payload, or an enum by status), the decoder the
//! runtime calls, and the `send_*` methods of other media types.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::emit::types::{ident, rust_type};
use crate::ir::{Operation, Output, Payload, Status, TypeRef};

pub(super) fn output_type(operation: &Operation) -> TokenStream {
    match &operation.output {
        Output::Empty => quote!(()),
        Output::Single(payload) => payload_type(payload),
        Output::ByStatus { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

pub(super) fn payload_type(payload: &Payload) -> TokenStream {
    match payload {
        Payload::Json(ty) => rust_type(ty),
        Payload::JsonLines(ty) => {
            let ty = rust_type(ty);
            quote!(crate::runtime::JsonLines<#ty>)
        }
        Payload::Text => quote!(String),
        Payload::Bytes => quote!(::bytes::Bytes),
    }
}

/// The runtime function that reads a payload, and whether it reads it as a stream.
pub(super) fn payload_decoder(payload: &Payload) -> (TokenStream, bool) {
    match payload {
        // A type of the crate decodes with the code compiled in its own crate (`impl_json!`).
        Payload::Json(TypeRef::Named(_)) => (quote!(crate::runtime::model), false),
        Payload::Json(_) => (quote!(crate::runtime::json), false),
        Payload::JsonLines(_) => (quote!(crate::runtime::json_lines), true),
        Payload::Text => (quote!(crate::runtime::text), false),
        Payload::Bytes => (quote!(crate::runtime::bytes), false),
    }
}

/// `send_stream` for a binary answer, and a `send_*` method per other media type offered.
pub(super) fn other_sends(operation: &Operation) -> TokenStream {
    let stream = matches!(operation.output, Output::Single(Payload::Bytes)).then(|| {
        quote! {
            /// Sends the request; the future gives the body as a stream, read as it arrives
            /// (for downloads too large to hold at once), with the status and headers.
            pub fn send_stream(self) -> crate::ResponseFuture<crate::runtime::ByteStream> {
                let parts = self.parts();
                self.client.call_streaming(&Self::OPERATION, parts, self.options, crate::runtime::stream)
            }
        }
    });
    let alternates = operation.alternates.iter().map(|alternate| {
        let method = ident(&alternate.method);
        let media_type = &alternate.media_type;
        let output = payload_type(&alternate.payload);
        let (decoder, streaming) = payload_decoder(&alternate.payload);
        let call = if streaming { quote!(call_streaming) } else { quote!(call) };
        let doc = docs::attrs(&[format!(
            "Sends the request asking for `{media_type}` (the `Accept` header); the future gives that body."
        )]);
        quote! {
            #doc
            pub fn #method(self) -> crate::BodyFuture<#output> {
                let parts = self.parts().map(|mut parts| {
                    parts.accept(#media_type);
                    parts
                });
                crate::BodyFuture::new(self.client.#call(&Self::OPERATION, parts, self.options, #decoder))
            }
        }
    });
    quote!(#stream #(#alternates)*)
}

/// The function that decodes a success answer, and whether it reads the body as a stream.
pub(super) fn decode(operation: &Operation) -> (TokenStream, bool) {
    match &operation.output {
        Output::Empty => (quote!(crate::runtime::empty), false),
        Output::Single(payload) => payload_decoder(payload),
        Output::ByStatus { .. } => (quote!(Self::decode), false),
    }
}

/// For success answers that differ by status: `decode`, which picks the variant.
pub(super) fn decode_fn(operation: &Operation) -> TokenStream {
    let Output::ByStatus { name, variants, unlisted } = &operation.output else { return TokenStream::new() };
    let name = ident(name);
    let value = |variant: &crate::ir::StatusVariant| {
        let variant_name = ident(&variant.rust_name);
        match &variant.body {
            // Each body is read as the operation would read it alone. (Lowering has made a
            // stream of JSON lines among other answers a body of bytes: none streams here.)
            Some(payload) => {
                let (decoder, _) = payload_decoder(payload);
                quote!(#decoder(response)?.map(#name::#variant_name))
            }
            None => quote!(response.empty().map(|()| #name::#variant_name)),
        }
    };
    let arms = variants.iter().map(|variant| {
        let pattern = match variant.status {
            Status::Code(code) => quote!(#code),
            Status::Range(hundreds) => {
                let low = hundreds * 100;
                let high = low + 99;
                quote!(#low..=#high)
            }
            Status::Default => quote!(_),
        };
        let value = value(variant);
        quote!(#pattern => #value,)
    });
    let fallback = unlisted.and_then(|index| variants.get(index)).map(|variant| {
        let value = value(variant);
        quote!(_ => #value,)
    });
    quote! {
        /// Decodes the answer by its status.
        fn decode(response: crate::runtime::RawResponse) -> Result<crate::Response<#name>, crate::Error> {
            Ok(match response.status().as_u16() {
                #(#arms)*
                #fallback
            })
        }
    }
}

pub(super) fn output_enum(operation: &Operation) -> TokenStream {
    let Output::ByStatus { name, variants, .. } = &operation.output else { return TokenStream::new() };
    let name = ident(name);
    let doc = docs::attrs(&[format!("What a successful `{}` returns, by status.", operation.id)]);
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let doc = docs::attrs(&[format!("Status {}.", variant.status)]);
        match &variant.body {
            Some(payload) => {
                let ty = payload_type(payload);
                quote!(#doc #variant_name(#ty),)
            }
            None => quote!(#doc #variant_name,),
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}
