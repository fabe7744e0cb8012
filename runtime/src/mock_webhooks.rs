//! The sending side of webhooks, for tests (`mock` and `webhooks`): signs deliveries as the API
//! does, with a key or secret made for the test, and sends them to the user's own endpoint;
//! its [`receiver`](WebhookSender::receiver) trusts that key, so a handler is tested end to
//! end, verification included.

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use crate::webhooks::{Scheme, Signing, WebhookError, WebhookEvent, Webhooks, verify};

/// Signs and sends webhook deliveries as the API would, with test keys.
pub struct WebhookSender {
    signing: Signing,
    key: SenderKey,
    http: reqwest::Client,
}

enum SenderKey {
    Rsa { pair: RsaKeyPair, public_pem: String },
    Secret(String),
}

/// A delivery as signed: its headers (signature, delivery id, content type) and body.
#[derive(Clone, Debug)]
pub struct SignedDelivery {
    /// The headers the API would send.
    pub headers: HeaderMap,
    /// The body, as signed.
    pub body: Bytes,
}

impl WebhookSender {
    /// A sender of `E`'s API, with a fresh key (an RSA scheme: 2048 bits) or secret.
    ///
    /// # Panics
    /// When the API's document declares no signature scheme: use [`with_signing`](Self::with_signing).
    pub fn new<E: WebhookEvent>() -> WebhookSender {
        let signing = E::SIGNING.expect("the API document declares no `x-webhook-signature`: use `with_signing`");
        WebhookSender::with_signing(signing)
    }

    /// A sender of the scheme `signing`, with a fresh key or secret.
    pub fn with_signing(signing: Signing) -> WebhookSender {
        let key = match signing.scheme {
            Scheme::RsaSha256 { .. } => {
                let pair = RsaKeyPair::generate(KeySize::Rsa2048).expect("AWS-LC generates a 2048-bit RSA key");
                let public_pem = public_key_pem(&pair);
                SenderKey::Rsa { pair, public_pem }
            }
            Scheme::HmacSha256 { .. } => SenderKey::Secret(random_text(32)),
            Scheme::StandardWebhooks => {
                let mut secret = [0u8; 24];
                aws_lc_rs::rand::fill(&mut secret).expect("AWS-LC gives random bytes");
                SenderKey::Secret(format!("whsec_{}", STANDARD.encode(secret)))
            }
        };
        WebhookSender { signing, key, http: reqwest::Client::new() }
    }

    /// A receiver that trusts this sender's key or secret (and no other).
    pub fn receiver<E: WebhookEvent>(&self) -> Result<Webhooks<E>, WebhookError> {
        let builder = Webhooks::<E>::builder().signing(self.signing);
        match &self.key {
            SenderKey::Rsa { public_pem, .. } => builder.public_key_pem(public_pem.clone()).build(),
            SenderKey::Secret(secret) => builder.secret(secret.clone()).build(),
        }
    }

    /// The public key, PEM, for an RSA scheme.
    pub fn public_key_pem(&self) -> Option<&str> {
        match &self.key {
            SenderKey::Rsa { public_pem, .. } => Some(public_pem),
            SenderKey::Secret(_) => None,
        }
    }

    /// The shared secret, for an HMAC scheme.
    pub fn secret(&self) -> Option<&str> {
        match &self.key {
            SenderKey::Secret(secret) => Some(secret),
            SenderKey::Rsa { .. } => None,
        }
    }

    /// The JSON document the API would publish the public key in, the PEM at the scheme's
    /// pointer (`{"data": {"publicKey": "..."}}`): to serve from a test's key URL.
    pub fn key_document(&self) -> Option<serde_json::Value> {
        let (Scheme::RsaSha256 { key_pointer, .. }, Some(pem)) = (self.signing.scheme, self.public_key_pem()) else {
            return None;
        };
        let mut document = serde_json::Value::String(pem.to_owned());
        for key in key_pointer.rsplit('/').filter(|key| !key.is_empty()) {
            let key = key.replace("~1", "/").replace("~0", "~");
            document = serde_json::Value::Object([(key, document)].into_iter().collect());
        }
        Some(document)
    }

    /// Signs `body` as a new delivery, with a fresh delivery id.
    pub fn sign(&self, body: impl Into<Bytes>) -> SignedDelivery {
        self.sign_as(&random_text(16), body)
    }

    /// Signs `body` as the delivery `id`: the same id again is a re-delivery.
    pub fn sign_as(&self, id: &str, body: impl Into<Bytes>) -> SignedDelivery {
        let body = body.into();
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let mut insert = |name: &str, value: &str| {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("the document's header names are valid");
            headers.insert(name, HeaderValue::from_str(value).expect("signatures and ids are visible ASCII"));
        };
        if let Some(header) = self.signing.delivery_id {
            insert(header, id);
        }
        match (&self.signing.scheme, &self.key) {
            (Scheme::RsaSha256 { header, .. }, SenderKey::Rsa { pair, .. }) => {
                let mut signature = vec![0; pair.public_modulus_len()];
                pair.sign(&RSA_PKCS1_SHA256, &aws_lc_rs::rand::SystemRandom::new(), &body, &mut signature)
                    .expect("AWS-LC signs with a key it generated");
                insert(header, &STANDARD.encode(signature));
            }
            (Scheme::HmacSha256 { header, prefix }, SenderKey::Secret(secret)) => {
                let tag = aws_lc_rs::hmac::sign(&verify::hmac_key(secret.as_bytes()), &body);
                let hex: String = tag.as_ref().iter().map(|byte| format!("{byte:02x}")).collect();
                insert(header, &format!("{prefix}{hex}"));
            }
            (Scheme::StandardWebhooks, SenderKey::Secret(secret)) => {
                let key =
                    verify::standard_webhooks_key(secret).expect("the sender's own secret is `whsec_` and base64");
                let timestamp = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |since| since.as_secs())
                    .to_string();
                let tag = verify::standard_tag(&key, id, &timestamp, &body);
                insert(verify::STANDARD_ID, id);
                insert(verify::STANDARD_TIMESTAMP, &timestamp);
                insert(verify::STANDARD_SIGNATURE, &format!("v1,{}", STANDARD.encode(tag.as_ref())));
            }
            _ => unreachable!("a sender's key is made for its scheme"),
        }
        SignedDelivery { headers, body }
    }

    /// Sends a signed delivery to `url` (a `POST`, as the API does), and returns the answer.
    pub async fn send(&self, url: &str, delivery: &SignedDelivery) -> Result<reqwest::Response, reqwest::Error> {
        self.http.post(url).headers(delivery.headers.clone()).body(delivery.body.clone()).send().await
    }
}

impl std::fmt::Debug for WebhookSender {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("WebhookSender").field("signing", &self.signing).finish_non_exhaustive()
    }
}

/// The public half of `pair` as PEM.
fn public_key_pem(pair: &RsaKeyPair) -> String {
    let der = AsDer::<aws_lc_rs::encoding::PublicKeyX509Der>::as_der(pair.public_key())
        .expect("AWS-LC encodes a public key it generated");
    let encoded = STANDARD.encode(der.as_ref());
    let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
    for line in encoded.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        pem.push('\n');
    }
    pem.push_str("-----END PUBLIC KEY-----\n");
    pem
}

/// `length` random letters and digits.
fn random_text(length: usize) -> String {
    (0..length).map(|_| fastrand::alphanumeric()).collect()
}
