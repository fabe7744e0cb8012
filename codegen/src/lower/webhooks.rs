//! The document's webhooks (listed by the load stage, `crate::webhooks`) as one event enum, and
//! our two extensions that say how to read a delivery:
//!
//! ```yaml
//! x-webhook-event:             # where a delivery names its event, in order
//!   - in: body                 # a top-level field of the JSON body...
//!     name: event
//!   - in: header               # ...or a header
//!     name: X-GitHub-Event
//! x-webhook-signature:         # how deliveries are signed
//!   scheme: rsa-sha256         # or hmac-sha256, standard-webhooks
//!   header: rtk-signature      # rsa-sha256, hmac-sha256: the signature's header
//!   key-url: https://...       # rsa-sha256: where the public key is published (JSON)
//!   key-pointer: /data/publicKey  # rsa-sha256: the PEM's place in that JSON
//!   prefix: "sha256="          # hmac-sha256: what comes before the hex
//!   delivery-id: rtk-uuid      # the header naming the delivery
//! ```
//!
//! Each event is named by the values its document fixes: a body field by its payload schema's
//! one `enum` (or `const`) value, a header by its parameter's (else its `example`). Without
//! `x-webhook-event`, a body field every payload fixes to a value of its own is used.

use std::collections::HashSet;

use serde_json::Value;

use super::Lowerer;
use super::naming::{self, Scope};
use super::view::{Kind, SchemaRef, View};
use crate::ir::{Docs, EventPart, SigningScheme, WebhookEvent, WebhookSigning, Webhooks};
use crate::position;

const EVENT: &str = "x-webhook-event";
const SIGNATURE: &str = "x-webhook-signature";
const SIGNATURE_KEYS: &[&str] = &["scheme", "header", "key-url", "key-pointer", "prefix", "delivery-id"];
const EVENT_EXAMPLE: &str = "write it as a list of `{in: body, name: event}` or `{in: header, name: X-Event}`";

impl<'a> Lowerer<'a> {
    /// The webhooks the load stage listed, with the extensions that say how to read them.
    pub(super) fn lower_webhooks(&mut self) -> Option<Webhooks> {
        let document = self.document;
        let listed = document.extensions.get(crate::webhooks::LIST)?.as_array()?;
        let mut variants = Scope::with_reserved(&["Unknown"]);
        let mut events = Vec::new();
        let mut payload_names = Vec::new();
        // Where each webhook is written (`x-webhooks.push.post`), for the findings about it.
        let mut places = Vec::new();
        for entry in listed {
            let text = |key: &str| entry.get(key).and_then(Value::as_str);
            let name = text("name").unwrap_or_default().to_owned();
            let payload_name = text("payload").map(str::to_owned);
            let payload = payload_name.as_deref().map(|payload| self.component_type(payload).ty);
            let base = match text("operationId") {
                Some(id) => naming::pascal(id),
                None => naming::pascal(&name),
            };
            events.push(WebhookEvent {
                variant: variants.claim(&base),
                docs: Docs::new(text("summary"), text("description")),
                deprecated: entry.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                payload,
                matches: Vec::new(),
                name,
            });
            payload_names.push((payload_name, entry.get("headers").cloned().unwrap_or(Value::Null)));
            places.push(text("at").unwrap_or_default().to_owned());
        }
        let declared = document.extensions.get(EVENT).map(|value| self.read_event_parts(value));
        let event_parts = match declared {
            Some(parts) => parts,
            None => self.inferred_event_field(&payload_names).into_iter().collect(),
        };
        for (event, (payload, headers)) in events.iter_mut().zip(&payload_names) {
            event.matches = event_parts
                .iter()
                .map(|part| match part {
                    EventPart::Body(field) => payload.as_deref().and_then(|payload| self.fixed_value(payload, field)),
                    EventPart::Header(header) => headers.get(header).and_then(Value::as_str).map(str::to_owned),
                })
                .collect();
        }
        self.report_indistinct(&events, &event_parts, &places);
        let signing = document.extensions.get(SIGNATURE).and_then(|value| self.read_signing(value));
        Some(Webhooks { events, event_parts, signing })
    }

    fn read_event_parts(&mut self, value: &Value) -> Vec<EventPart> {
        let Some(items) = value.as_array() else {
            self.sink.error(EVENT, "`x-webhook-event` is not a list", EVENT_EXAMPLE);
            return Vec::new();
        };
        let mut parts = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let path = position::index(EVENT, index);
            let Some(object) = item.as_object() else {
                self.sink.error(&path, "an entry of `x-webhook-event` is not an object", EVENT_EXAMPLE);
                continue;
            };
            self.unknown_settings("unknown x-webhook-event setting", EVENT, &path, object, &["in", "name"]);
            let name = object.get("name").and_then(Value::as_str).filter(|name| !name.is_empty());
            let Some(name) = name else {
                self.sink.error(
                    position::key(&path, "name"),
                    "the entry needs `name`: a field or header",
                    EVENT_EXAMPLE,
                );
                continue;
            };
            match object.get("in").and_then(Value::as_str) {
                Some("body") => parts.push(EventPart::Body(name.to_owned())),
                Some("header") => parts.push(EventPart::Header(name.to_ascii_lowercase())),
                _ => self.sink.error(position::key(&path, "in"), "`in` must be `body` or `header`", EVENT_EXAMPLE),
            }
        }
        parts
    }

    /// A top-level field that every payload fixes to a value, each its own: the event's name.
    fn inferred_event_field(&self, payloads: &[(Option<String>, Value)]) -> Option<EventPart> {
        let first = payloads.first()?.0.as_deref()?;
        let fields = self.fixed_fields(first);
        fields
            .into_iter()
            .find(|field| {
                let mut seen = HashSet::new();
                payloads.iter().all(|(payload, _)| {
                    payload
                        .as_deref()
                        .and_then(|payload| self.fixed_value(payload, field))
                        .is_some_and(|value| seen.insert(value))
                })
            })
            .map(EventPart::Body)
    }

    /// The top-level properties of a component schema that it fixes to one string value.
    fn fixed_fields(&self, component: &str) -> Vec<String> {
        let Some(properties) = self.component_view(component).and_then(|view| view.properties) else {
            return Vec::new();
        };
        properties.keys().filter(|field| self.fixed_value(component, field).is_some()).cloned().collect()
    }

    /// The one value a component schema's top-level property `field` may take.
    fn fixed_value(&self, component: &str, field: &str) -> Option<String> {
        let property = self.component_view(component)?.properties?.get(field)?;
        let property = self.schema_view(SchemaRef::from(property))?;
        match (&property.kind, property.enumeration.as_slice()) {
            (Kind::String, [Value::String(only)]) => Some(only.clone()),
            _ => None,
        }
    }

    /// A component schema, through references, as lowering views schemas.
    fn component_view(&self, component: &str) -> Option<View<'a>> {
        let schema = self.document.components.as_ref()?.schemas.get(component)?;
        self.schema_view(SchemaRef::from(schema))
    }

    /// Warns of events a delivery cannot be told apart by: they decode as unknown events.
    fn report_indistinct(&mut self, events: &[WebhookEvent], parts: &[EventPart], places: &[String]) {
        if events.len() < 2 {
            return;
        }
        if parts.is_empty() {
            // The section the webhooks are written in: `webhooks` or `x-webhooks`.
            let section = places.first().and_then(|place| place.split('.').next()).unwrap_or("webhooks");
            self.sink.warning(
                "webhook events not told apart",
                section,
                "the document does not say where a delivery names its event, and no body field names each payload: every delivery decodes as an unknown event unless its webhook is named (`Event::decode_as`)",
                "declare `x-webhook-event` (see the README), or give each payload a field with one `enum` value",
            );
            return;
        }
        let mut seen: HashSet<&[Option<String>]> = HashSet::new();
        for (event, place) in events.iter().zip(places) {
            if event.matches.iter().all(Option::is_none) || !seen.insert(&event.matches) {
                self.sink.warning(
                    "webhook events not told apart",
                    place,
                    format!(
                        "the webhook `{}` fixes no value, or the same values as another webhook, for where deliveries name their event; a delivery of it decodes as another event or as unknown",
                        event.name
                    ),
                    "give its payload's event field one `enum` value (or its event header an `enum` or `example`)",
                );
            }
        }
    }

    fn read_signing(&mut self, value: &Value) -> Option<WebhookSigning> {
        const EXAMPLE: &str = "write it as `{scheme: hmac-sha256, header: X-Hub-Signature-256, prefix: \"sha256=\"}` (see the README for the schemes)";
        let Some(object) = value.as_object() else {
            self.sink.error(SIGNATURE, "`x-webhook-signature` is not an object", EXAMPLE);
            return None;
        };
        self.unknown_settings("unknown x-webhook-signature setting", SIGNATURE, SIGNATURE, object, SIGNATURE_KEYS);
        let text =
            |key: &str| object.get(key).and_then(Value::as_str).filter(|text| !text.is_empty()).map(str::to_owned);
        let header = |this: &mut Self| {
            let header = text("header").map(|header| header.to_ascii_lowercase());
            if header.is_none() {
                this.sink.error(
                    position::key(SIGNATURE, "header"),
                    "the scheme needs `header`: where the signature travels",
                    EXAMPLE,
                );
            }
            header
        };
        let scheme = match text("scheme").as_deref() {
            Some("rsa-sha256") => {
                let header = header(self)?;
                let key_url = text("key-url");
                if let Some(url) = &key_url
                    && !(url.starts_with("https://") || url.starts_with("http://"))
                {
                    self.sink.error(
                        position::key(SIGNATURE, "key-url"),
                        format!("`{url}` is not an http or https URL"),
                        EXAMPLE,
                    );
                    return None;
                }
                let key_pointer = text("key-pointer").unwrap_or_default();
                if !key_pointer.is_empty() && !key_pointer.starts_with('/') {
                    self.sink.error(
                        position::key(SIGNATURE, "key-pointer"),
                        format!("`{key_pointer}` is not a JSON pointer"),
                        "write it as `/data/publicKey`: a `/` before each key",
                    );
                    return None;
                }
                SigningScheme::RsaSha256 { header, key_url, key_pointer }
            }
            Some("hmac-sha256") => {
                SigningScheme::HmacSha256 { header: header(self)?, prefix: text("prefix").unwrap_or_default() }
            }
            Some("standard-webhooks") => SigningScheme::StandardWebhooks,
            other => {
                let what = other.map_or("missing".to_owned(), |other| format!("`{other}`"));
                self.sink.error(
                    position::key(SIGNATURE, "scheme"),
                    format!("the webhook signature scheme is {what}"),
                    "write one of `rsa-sha256`, `hmac-sha256`, `standard-webhooks`",
                );
                return None;
            }
        };
        let delivery_id = match scheme {
            SigningScheme::StandardWebhooks => Some(text("delivery-id").unwrap_or_else(|| "webhook-id".to_owned())),
            _ => text("delivery-id"),
        };
        Some(WebhookSigning { scheme, delivery_id })
    }
}
