//! Webhook deliveries received from the API: verified against the scheme its document declares
//! before anything reads them, then decoded into the crate's event type (`webhooks` feature).
//!
//! The order is the point: the signature is checked over the raw bytes as they arrived (never
//! a re-serialised body), and only a verified body is parsed, once, from the same bytes.

mod dedup;
mod keys;
pub(crate) mod verify;

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::api::Api;
use crate::client::Client;

pub use dedup::{Deliveries, RecentDeliveries};
use keys::RsaKeys;

/// How an API signs the webhook deliveries it sends, as its document declares it (the
/// `x-webhook-signature` extension).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signing {
    /// The signature scheme and where its signature travels.
    pub scheme: Scheme,
    /// The header naming the delivery, the same for each retry of it: the key to
    /// de-duplicate by.
    pub delivery_id: Option<&'static str>,
}

/// A signature scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// RSASSA-PKCS1-v1_5 with SHA-256 over the raw body, base64 in `header`; the public key
    /// (PEM) published as JSON at `key_url`, at the JSON pointer `key_pointer`.
    RsaSha256 {
        /// The header holding the signature.
        header: &'static str,
        /// Where the API publishes its public key, if it does.
        key_url: Option<&'static str>,
        /// Where in that JSON document the PEM is (a JSON pointer: `/data/publicKey`).
        key_pointer: &'static str,
    },
    /// HMAC-SHA256 over the raw body with a shared secret, in hex after `prefix` in `header`
    /// (GitHub's `X-Hub-Signature-256: sha256=...`).
    HmacSha256 {
        /// The header holding the signature.
        header: &'static str,
        /// What comes before the hex digits (`sha256=`).
        prefix: &'static str,
    },
    /// Standard Webhooks: HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`, in
    /// base64 after `v1,` in `webhook-signature` (several, space-separated, while a secret
    /// rotates), with a secret given as `whsec_` and base64; the timestamp within a tolerance.
    StandardWebhooks,
}

/// The event type a generated crate decodes verified deliveries into.
pub trait WebhookEvent: Sized + Send + 'static {
    /// The API the events come from.
    type Api: Api;
    /// How the API signs deliveries, when its document says.
    const SIGNING: Option<Signing>;

    /// Decodes a verified delivery's body (and, where the document names the event in a
    /// header, its headers). An event the crate does not know is kept, not refused.
    fn decode(headers: &HeaderMap, body: &[u8]) -> Result<Self, WebhookError>;
}

/// A verified, decoded delivery.
#[derive(Clone, Debug)]
pub struct Delivery<E> {
    /// The delivery's id (its `delivery_id` header), the same for each retry of it.
    pub id: Option<String>,
    /// The event, decoded.
    pub event: E,
}

impl<E> Delivery<E> {
    /// Records the delivery's id in `store`: `true` the first time, `false` for a
    /// re-delivery, which a handler answers with a 2xx and otherwise skips. A delivery
    /// without an id counts as new.
    pub async fn first_time(&self, store: &impl Deliveries) -> Result<bool, crate::BoxError> {
        match &self.id {
            Some(id) => store.record(id).await,
            None => Ok(true),
        }
    }
}

/// Why a delivery was refused. [`status`](WebhookError::status) says what to answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// A header the scheme needs is not there.
    MissingHeader {
        /// The header's name.
        header: &'static str,
    },
    /// A header is there but cannot be read: not text, not base64 or hex, no `v1,` part.
    MalformedHeader {
        /// The header's name.
        header: &'static str,
        /// What is wrong with its value.
        reason: String,
    },
    /// The signature does not match the body: tampered with, signed with another key or
    /// secret, or not from the API at all.
    BadSignature,
    /// The signed timestamp is further from now than the tolerance: a replay, or a clock off.
    OutsideTolerance {
        /// The signed timestamp, in seconds since the Unix epoch.
        timestamp: i64,
        /// How far from now it may be.
        tolerance: Duration,
    },
    /// The public key could not be fetched, or what was fetched is not a key.
    KeyUnavailable(String),
    /// A key or secret given to the builder cannot be used.
    InvalidKey(String),
    /// The receiver was built without what its scheme needs (a secret, a key or its URL).
    NotConfigured(String),
    /// The body is verified but is not the JSON its event's type describes: `path` is where.
    Decode {
        /// The JSON path of the value that did not match (`data.participant.joinedAt`).
        path: String,
        /// What did not match.
        message: String,
    },
}

impl WebhookError {
    /// The status to answer the sender with. Senders retry 5xx answers (and network errors)
    /// and give up on others: a delivery that will never verify or decode gets a 4xx, so it
    /// is not sent again; one refused because the key could not be fetched gets a 503, so it
    /// is, once the key is back.
    pub fn status(&self) -> u16 {
        match self {
            WebhookError::MissingHeader { .. }
            | WebhookError::MalformedHeader { .. }
            | WebhookError::BadSignature
            | WebhookError::OutsideTolerance { .. } => 401,
            WebhookError::Decode { .. } => 400,
            WebhookError::KeyUnavailable(_) | WebhookError::InvalidKey(_) | WebhookError::NotConfigured(_) => 503,
        }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader { header } => write!(formatter, "the delivery has no `{header}` header"),
            WebhookError::MalformedHeader { header, reason } => {
                write!(formatter, "the delivery's `{header}` header cannot be read: {reason}")
            }
            WebhookError::BadSignature => formatter.write_str("the delivery's signature does not match its body"),
            WebhookError::OutsideTolerance { timestamp, tolerance } => {
                write!(formatter, "the delivery's timestamp {timestamp} is more than {}s from now", tolerance.as_secs())
            }
            WebhookError::KeyUnavailable(reason) => write!(formatter, "the signing key is not available: {reason}"),
            WebhookError::InvalidKey(reason) => write!(formatter, "the signing key cannot be used: {reason}"),
            WebhookError::NotConfigured(reason) => {
                write!(formatter, "the webhook receiver is not configured: {reason}")
            }
            WebhookError::Decode { path, message } => {
                write!(formatter, "the verified delivery does not match its event's type at `{path}`: {message}")
            }
        }
    }
}

impl std::error::Error for WebhookError {}

/// The default tolerance of a signed timestamp (Standard Webhooks): five minutes either way.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);
/// The least time between two fetches of a key that failed to verify a signature.
pub const DEFAULT_REFETCH_INTERVAL: Duration = Duration::from_secs(60);

/// Receives an API's webhook deliveries: verifies each against the API's scheme, then
/// decodes it into `E`. Cheap to clone; clones share the cached key.
pub struct Webhooks<E> {
    verifier: Arc<verify::Verifier>,
    delivery_id: Option<&'static str>,
    event: PhantomData<fn() -> E>,
}

impl<E> Clone for Webhooks<E> {
    fn clone(&self) -> Self {
        Webhooks { verifier: Arc::clone(&self.verifier), delivery_id: self.delivery_id, event: PhantomData }
    }
}

impl<E> fmt::Debug for Webhooks<E> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_struct("Webhooks").field("scheme", &self.verifier.scheme()).finish_non_exhaustive()
    }
}

impl<E: WebhookEvent> Webhooks<E> {
    /// A receiver of the scheme the API's document declares.
    pub fn builder() -> WebhooksBuilder<E> {
        WebhooksBuilder::new(E::SIGNING)
    }

    /// Verifies a delivery from its headers and its body as received, then decodes it.
    /// Nothing is parsed before the signature is checked.
    pub async fn receive(&self, headers: &HeaderMap, body: &[u8]) -> Result<Delivery<E>, WebhookError> {
        self.verify(headers, body).await?;
        let event = E::decode(headers, body)?;
        let id = self.delivery_id.and_then(|name| headers.get(name)).and_then(|value| value.to_str().ok());
        Ok(Delivery { id: id.map(str::to_owned), event })
    }

    /// Only verifies a delivery, for a body read some other way.
    pub async fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        self.verifier.verify(headers, body).await
    }
}

/// Builds a [`Webhooks`] receiver: the scheme comes from the document; secrets, keys and
/// where keys are fetched from can be given here.
pub struct WebhooksBuilder<E> {
    signing: Option<Signing>,
    secret: Option<String>,
    public_key_pem: Option<String>,
    key_url: Option<String>,
    client: Option<Arc<crate::client::Inner>>,
    tolerance: Duration,
    refetch_interval: Duration,
    event: PhantomData<fn() -> E>,
}

impl<E: WebhookEvent> WebhooksBuilder<E> {
    fn new(signing: Option<Signing>) -> Self {
        WebhooksBuilder {
            signing,
            secret: None,
            public_key_pem: None,
            key_url: None,
            client: None,
            tolerance: DEFAULT_TOLERANCE,
            refetch_interval: DEFAULT_REFETCH_INTERVAL,
            event: PhantomData,
        }
    }

    /// Another scheme than the document's (or one for a document that declares none).
    pub fn signing(mut self, signing: Signing) -> Self {
        self.signing = Some(signing);
        self
    }

    /// The shared secret of an HMAC scheme (for Standard Webhooks, as given: `whsec_...`).
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// The public key (PEM, `-----BEGIN PUBLIC KEY-----`), set by hand: it is never fetched
    /// then. For tests, and for services that cannot reach the key's URL.
    pub fn public_key_pem(mut self, pem: impl Into<String>) -> Self {
        self.public_key_pem = Some(pem.into());
        self
    }

    /// Where the public key is fetched from, instead of the URL the document names.
    pub fn key_url(mut self, url: impl Into<String>) -> Self {
        self.key_url = Some(url.into());
        self
    }

    /// Fetches keys with this client's connection pool, timeouts and retries (without its
    /// credentials, which belong to the API, not to the key's host).
    pub fn client(mut self, client: &Client<E::Api>) -> Self {
        self.client = Some(Arc::clone(&client.inner));
        self
    }

    /// How far a signed timestamp may be from now (Standard Webhooks; 5 minutes by default).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The least time between two fetches of the key after a signature failed to verify
    /// with the cached one (a minute by default): a stream of forged deliveries cannot make
    /// the receiver fetch more often than this.
    pub fn refetch_interval(mut self, interval: Duration) -> Self {
        self.refetch_interval = interval;
        self
    }

    /// Checks the settings against the scheme and builds the receiver.
    pub fn build(self) -> Result<Webhooks<E>, WebhookError> {
        let Some(signing) = self.signing else {
            return Err(WebhookError::NotConfigured(
                "the API document declares no signature scheme (`x-webhook-signature`); give one with `signing`".into(),
            ));
        };
        let secret = |scheme: &str| {
            self.secret.clone().ok_or_else(|| {
                WebhookError::NotConfigured(format!("the {scheme} scheme needs the shared secret: call `secret`"))
            })
        };
        let verifier = match signing.scheme {
            Scheme::HmacSha256 { header, prefix } => {
                verify::Verifier::Hmac { header, prefix, key: verify::hmac_key(secret("HMAC-SHA256")?.as_bytes()) }
            }
            Scheme::StandardWebhooks => verify::Verifier::Standard {
                key: verify::standard_webhooks_key(&secret("Standard Webhooks")?)?,
                tolerance: self.tolerance,
            },
            Scheme::RsaSha256 { header, key_url, key_pointer } => {
                let keys = match (self.public_key_pem, self.key_url.or(key_url.map(str::to_owned))) {
                    (Some(pem), _) => RsaKeys::fixed(&pem)?,
                    (None, Some(url)) => RsaKeys::fetched(
                        self.client,
                        default_client::<E::Api>,
                        &url,
                        key_pointer,
                        self.refetch_interval,
                    )?,
                    (None, None) => {
                        return Err(WebhookError::NotConfigured(
                            "the RSA scheme needs a public key: the document names no URL to fetch it from; call `public_key_pem` or `key_url`".into(),
                        ));
                    }
                };
                verify::Verifier::Rsa { header, keys }
            }
        };
        Ok(Webhooks { verifier: Arc::new(verifier), delivery_id: signing.delivery_id, event: PhantomData })
    }
}

/// A client with the runtime's defaults (timeouts, retries) for fetching keys from
/// `origin`, when the builder was given none.
fn default_client<A: Api>(origin: String) -> Result<crate::client::Inner, crate::Error> {
    crate::ClientBuilder::<A>::default().base_url(origin).without_rate_limits().build_inner(false)
}

/// The top-level string fields `names` of a JSON object body, where a delivery names its
/// event: read until each is found (events usually name themselves first), the rest skipped
/// without being kept. A malformed body is left to the decoding that follows, which reads it
/// all.
#[doc(hidden)]
pub fn body_fields<'b, const N: usize>(
    body: &'b [u8],
    names: [&'static str; N],
) -> Result<[Option<std::borrow::Cow<'b, str>>; N], WebhookError> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    use std::borrow::Cow;

    struct Fields<'f, 'de, const N: usize> {
        names: [&'static str; N],
        found: &'f mut [Option<Cow<'de, str>>; N],
        seen: &'f mut [bool; N],
    }
    impl<'de, const N: usize> Visitor<'de> for Fields<'_, 'de, N> {
        type Value = ();
        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a JSON object")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
            while !self.seen.iter().all(|seen| *seen) {
                let Some(key) = map.next_key::<Cow<'de, str>>()? else { break };
                match self.names.iter().position(|name| *name == key) {
                    Some(index) => {
                        self.seen[index] = true;
                        self.found[index] = map.next_value::<Name<'de>>()?.0;
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    }

    let mut found: [Option<Cow<'b, str>>; N] = std::array::from_fn(|_| None);
    let mut seen = [false; N];
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let read = deserializer.deserialize_map(Fields { names, found: &mut found, seen: &mut seen });
    match read {
        Ok(()) => Ok(found),
        // Stopped once every name was seen: serde_json then finds more of the object where it
        // expects its end, which is no error of the body.
        Err(_) if seen.iter().all(|seen| *seen) => Ok(found),
        Err(error) => Err(WebhookError::Decode { path: ".".into(), message: error.to_string() }),
    }
}

/// A field's value where it names an event: a string, borrowed from the body where it can
/// be; any other value names none.
struct Name<'de>(Option<std::borrow::Cow<'de, str>>);

impl<'de> serde::Deserialize<'de> for Name<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        use std::borrow::Cow;

        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Some(Cow::Borrowed(text))))
            }
            fn visit_str<E>(self, text: &str) -> Result<Name<'de>, E> {
                Ok(Name(Some(Cow::Owned(text.to_owned()))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Name<'de>, E> {
                Ok(Name(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Name<'de>, E> {
                Ok(Name(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Name<'de>, E> {
                Ok(Name(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Name<'de>, E> {
                Ok(Name(None))
            }
            fn visit_unit<E>(self) -> Result<Name<'de>, E> {
                Ok(Name(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Name<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Name(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Name<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Name(None))
            }
        }
        deserializer.deserialize_any(NameVisitor)
    }
}

/// A header's value as text, where a delivery names its event in a header.
#[doc(hidden)]
pub fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// Decodes a verified body as `T`, boxed: an event enum of many large payloads (GitHub's)
/// stays small, and the function that chooses among them holds no payload on its stack.
#[doc(hidden)]
pub fn decode_boxed<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<Box<T>, WebhookError> {
    decode_payload(body).map(Box::new)
}

/// Decodes a verified body as `T`, naming the path of a value that does not match.
#[doc(hidden)]
pub fn decode_payload<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    crate::json::from_slice_with_path(body).map_err(|(path, message)| WebhookError::Decode { path, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_that_name_an_event_are_read_and_the_rest_left_to_decoding() {
        let [event] = body_fields(br#"{"event": "a.b", "data": [1, {"x": "y"}], "bad": tru"#, ["event"]).unwrap();
        assert_eq!(event.as_deref(), Some("a.b"), "read before the malformed part, which decoding reports");
        let [event, action] =
            body_fields(br#"{"n": {"event": 1}, "action": "opened", "event": "e\u0041"}"#, ["event", "action"])
                .unwrap();
        assert_eq!((event.as_deref(), action.as_deref()), (Some("eA"), Some("opened")));
        let [event] = body_fields(br#"{"event": 7, "other": null}"#, ["event"]).unwrap();
        assert_eq!(event, None, "a name that is not a string names no event");
        let [event] = body_fields(br#"{"other": "x"}"#, ["event"]).unwrap();
        assert_eq!(event, None);
        assert!(matches!(body_fields(b"[1, 2]", ["event"]), Err(WebhookError::Decode { .. })));
        assert!(matches!(body_fields(br#"{"other": tru"#, ["event"]), Err(WebhookError::Decode { .. })));
    }

    #[test]
    fn a_payload_that_does_not_match_is_named_by_its_path() {
        type Payload = std::collections::HashMap<String, std::collections::HashMap<String, u32>>;
        assert!(decode_payload::<Payload>(br#"{"meeting": {"id": 1}}"#).is_ok());
        let error = decode_payload::<Payload>(br#"{"meeting": {"id": "one"}}"#).unwrap_err();
        assert!(matches!(&error, WebhookError::Decode { path, .. } if path == "meeting.id"), "{error}");
        assert!(matches!(decode_payload::<Payload>(br#"{"meeting": {"id": 1}} x"#), Err(WebhookError::Decode { .. })));
    }
}
