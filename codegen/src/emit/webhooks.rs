//! `src/webhooks.rs`, behind the `webhooks` feature: the event enum over the document's
//! webhooks (an event the crate does not know kept with its JSON, never an error), how the API
//! signs deliveries (`SIGNING`), and the receiver that verifies, then decodes them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::types::{ident, rust_type};
use crate::ir::{Api, EventPart, SigningScheme, WebhookEvent, Webhooks};

pub fn webhooks_rs(api: &Api, webhooks: &Webhooks) -> TokenStream {
    let signing = signing(webhooks);
    let variants = webhooks.events.iter().map(variant);
    let names = webhooks.events.iter().map(|event| {
        let variant = ident(&event.variant);
        let name = &event.name;
        quote!(Event::#variant(_) => Some(#name),)
    });
    let decode_as = webhooks.events.iter().map(|event| {
        let variant = ident(&event.variant);
        let name = &event.name;
        quote!(#name => Event::#variant(runtime::webhooks::decode_boxed(body)?),)
    });
    let decode = decode_body(webhooks);
    let title = &api.title;
    let module_docs = format!(
        " The webhooks of the {title}: what it sends, as [`Event`], and a [`Receiver`] that verifies each delivery before decoding it."
    );
    quote! {
        #![doc = #module_docs]
        // The module's own code names every event, deprecated ones too.
        #![allow(deprecated)]

        use crate::runtime;

        pub use runtime::webhooks::{Deliveries, Delivery, RecentDeliveries, Scheme, Signing, WebhookError};

        /// Receives this API's deliveries: verifies each against [`SIGNING`], then decodes it
        /// into an [`Event`].
        pub type Receiver = runtime::webhooks::Webhooks<Event>;

        /// How the API signs its deliveries, as its document declares it.
        pub const SIGNING: Option<Signing> = #signing;

        /// A delivery's event: one variant per webhook of the document, its payload boxed, and
        /// `Unknown` for one this crate does not know (a newer event), kept with its JSON.
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum Event {
            #(#variants)*
            /// An event this crate does not know.
            Unknown {
                /// What the delivery names its event, where it does.
                name: Option<String>,
                /// The body, as JSON.
                payload: crate::serde_json::Value,
            },
        }

        impl Event {
            /// The event's name, as the document names its webhook (for `Unknown`, as the
            /// delivery names it).
            pub fn name(&self) -> Option<&str> {
                match self {
                    #(#names)*
                    Event::Unknown { name, .. } => name.as_deref(),
                }
            }

            /// Decodes the body of a delivery of the webhook `name` (as the document names
            /// it), for an endpoint that knows which event it receives. The body must be
            /// verified first.
            pub fn decode_as(name: &str, body: &[u8]) -> Result<Event, WebhookError> {
                Ok(match name {
                    #(#decode_as)*
                    _ => Event::Unknown { name: Some(name.to_owned()), payload: runtime::webhooks::decode_payload(body)? },
                })
            }
        }

        impl runtime::webhooks::WebhookEvent for Event {
            type Api = crate::Api;
            const SIGNING: Option<Signing> = SIGNING;

            fn decode(headers: &crate::header::HeaderMap, body: &[u8]) -> Result<Event, WebhookError> {
                #decode
            }
        }
    }
}

fn variant(event: &WebhookEvent) -> TokenStream {
    let mut lines = docs::lines(&event.docs);
    docs::push_paragraph(&mut lines, format!("The webhook `{}`.", event.name));
    let docs = docs::attrs(&lines);
    let deprecated = event.deprecated.then(|| quote!(#[deprecated]));
    let variant = ident(&event.variant);
    // Boxed: a document's payloads can be large (GitHub's are kilobytes each), and the enum
    // is as large as its largest variant.
    let payload = match &event.payload {
        Some(payload) => rust_type(payload),
        None => quote!(crate::serde_json::Value),
    };
    let payload = quote!(Box<#payload>);
    quote! {
        #docs
        #deprecated
        #variant(#payload),
    }
}

/// The body of `WebhookEvent::decode`: read where the delivery names its event, then decode
/// the payload of the one event that matches (the most specific first), else `Unknown`.
fn decode_body(webhooks: &Webhooks) -> TokenStream {
    let fields: Vec<&str> = webhooks
        .event_parts
        .iter()
        .filter_map(|part| match part {
            EventPart::Body(field) => Some(field.as_str()),
            EventPart::Header(_) => None,
        })
        .collect();
    let mut body_index = 0;
    let values: Vec<TokenStream> = webhooks
        .event_parts
        .iter()
        .map(|part| match part {
            EventPart::Body(_) => {
                let index = Literal::usize_unsuffixed(body_index);
                body_index += 1;
                quote!(fields[#index].as_deref())
            }
            EventPart::Header(header) => quote!(runtime::webhooks::header_text(headers, #header)),
        })
        .collect();
    let read_fields =
        (!fields.is_empty()).then(|| quote!(let fields = runtime::webhooks::body_fields(body, [#(#fields),*])?;));
    let mut events: Vec<&WebhookEvent> =
        webhooks.events.iter().filter(|event| event.matches.iter().any(Option::is_some)).collect();
    events.sort_by_key(|event| std::cmp::Reverse(event.matches.iter().filter(|value| value.is_some()).count()));
    let arms = events.iter().map(|event| {
        let patterns = event.matches.iter().map(|value| match value {
            Some(value) => quote!(Some(#value)),
            None => quote!(_),
        });
        let variant = ident(&event.variant);
        quote!((#(#patterns,)*) => Event::#variant(runtime::webhooks::decode_boxed(body)?),)
    });
    let name = match values.as_slice() {
        [] => quote!(None),
        [one] => quote!(#one.map(str::to_owned)),
        several => quote!({
            let parts: Vec<&str> = [#(#several),*].into_iter().flatten().collect();
            (!parts.is_empty()).then(|| parts.join("."))
        }),
    };
    let unused_headers = (!webhooks.event_parts.iter().any(|part| matches!(part, EventPart::Header(_))))
        .then(|| quote!(let _ = headers;));
    if events.is_empty() {
        // Nothing tells the events apart: every delivery is kept as JSON (`decode_as` names it).
        return quote! {
            #unused_headers
            #read_fields
            Ok(Event::Unknown { name: #name, payload: runtime::webhooks::decode_payload(body)? })
        };
    }
    quote! {
        #unused_headers
        #read_fields
        Ok(match (#(#values,)*) {
            #(#arms)*
            _ => Event::Unknown { name: #name, payload: runtime::webhooks::decode_payload(body)? },
        })
    }
}

fn signing(webhooks: &Webhooks) -> TokenStream {
    let Some(signing) = &webhooks.signing else { return quote!(None) };
    let scheme = match &signing.scheme {
        SigningScheme::RsaSha256 { header, key_url, key_pointer } => {
            let key_url = match key_url {
                Some(url) => quote!(Some(#url)),
                None => quote!(None),
            };
            quote!(Scheme::RsaSha256 { header: #header, key_url: #key_url, key_pointer: #key_pointer })
        }
        SigningScheme::HmacSha256 { header, prefix } => quote!(Scheme::HmacSha256 { header: #header, prefix: #prefix }),
        SigningScheme::StandardWebhooks => quote!(Scheme::StandardWebhooks),
    };
    let delivery_id = match &signing.delivery_id {
        Some(header) => {
            let header = header.to_ascii_lowercase();
            quote!(Some(#header))
        }
        None => quote!(None),
    };
    quote!(Some(Signing { scheme: #scheme, delivery_id: #delivery_id }))
}
