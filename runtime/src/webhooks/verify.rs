//! The three signature checks, over the raw body: RSA-SHA256 with a public key, HMAC-SHA256
//! with a shared secret (hex), and Standard Webhooks (HMAC-SHA256 of id, timestamp and body,
//! base64, with a timestamp tolerance). The cryptography is aws-lc-rs's, whose HMAC check
//! compares in constant time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::HeaderMap;

use super::WebhookError;
use super::keys::RsaKeys;

/// The headers of Standard Webhooks.
pub(crate) const STANDARD_ID: &str = "webhook-id";
pub(crate) const STANDARD_TIMESTAMP: &str = "webhook-timestamp";
pub(crate) const STANDARD_SIGNATURE: &str = "webhook-signature";

/// A scheme with its key material.
pub(super) enum Verifier {
    Rsa { header: &'static str, keys: RsaKeys },
    Hmac { header: &'static str, prefix: &'static str, key: hmac::Key },
    Standard { key: hmac::Key, tolerance: Duration },
}

impl Verifier {
    pub(super) fn scheme(&self) -> &'static str {
        match self {
            Verifier::Rsa { .. } => "rsa-sha256",
            Verifier::Hmac { .. } => "hmac-sha256",
            Verifier::Standard { .. } => "standard-webhooks",
        }
    }

    pub(super) async fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        match self {
            Verifier::Rsa { header, keys } => {
                let signature = decode_base64(header, text(headers, header)?.trim())?;
                keys.verify(body, &signature).await
            }
            Verifier::Hmac { header, prefix, key } => {
                let value = text(headers, header)?.trim();
                let Some(hex) = value.strip_prefix(prefix) else {
                    let reason = format!("it does not start with `{prefix}`");
                    return Err(WebhookError::MalformedHeader { header, reason });
                };
                let tag = decode_hex(header, hex)?;
                hmac::verify(key, body, &tag).map_err(|_| WebhookError::BadSignature)
            }
            Verifier::Standard { key, tolerance } => verify_standard(key, *tolerance, headers, body),
        }
    }
}

/// Standard Webhooks: the timestamp first (a stale delivery is refused whatever its
/// signature), then any of the `v1,` signatures.
fn verify_standard(key: &hmac::Key, tolerance: Duration, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
    let id = text(headers, STANDARD_ID)?;
    let timestamp_text = text(headers, STANDARD_TIMESTAMP)?.trim();
    let timestamp: i64 = timestamp_text.parse().map_err(|_| WebhookError::MalformedHeader {
        header: STANDARD_TIMESTAMP,
        reason: "it is not a whole number of seconds".into(),
    })?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs() as i64);
    if now.abs_diff(timestamp) > tolerance.as_secs() {
        return Err(WebhookError::OutsideTolerance { timestamp, tolerance });
    }
    let expected = standard_tag(key, id, timestamp_text, body);
    let mut versioned = 0;
    for signature in text(headers, STANDARD_SIGNATURE)?.split(' ').filter(|part| !part.is_empty()) {
        // Other versions (`v1a,` for asymmetric keys) are skipped, as the scheme says.
        let Some(encoded) = signature.strip_prefix("v1,") else { continue };
        versioned += 1;
        let Ok(tag) = STANDARD.decode(encoded) else { continue };
        if aws_lc_rs::constant_time::verify_slices_are_equal(expected.as_ref(), &tag).is_ok() {
            return Ok(());
        }
    }
    if versioned == 0 {
        return Err(WebhookError::MalformedHeader {
            header: STANDARD_SIGNATURE,
            reason: "it has no `v1,` signature".into(),
        });
    }
    Err(WebhookError::BadSignature)
}

/// Standard Webhooks' HMAC-SHA256 tag: of `{id}.{timestamp}.{body}`.
pub(crate) fn standard_tag(key: &hmac::Key, id: &str, timestamp: &str, body: &[u8]) -> hmac::Tag {
    let mut context = hmac::Context::with_key(key);
    context.update(id.as_bytes());
    context.update(b".");
    context.update(timestamp.as_bytes());
    context.update(b".");
    context.update(body);
    context.sign()
}

/// An HMAC-SHA256 key from a secret's bytes.
pub(crate) fn hmac_key(secret: &[u8]) -> hmac::Key {
    hmac::Key::new(hmac::HMAC_SHA256, secret)
}

/// A Standard Webhooks secret: `whsec_` and base64 (the prefix may be left out).
pub(crate) fn standard_webhooks_key(secret: &str) -> Result<hmac::Key, WebhookError> {
    let encoded = secret.trim();
    let encoded = encoded.strip_prefix("whsec_").unwrap_or(encoded);
    let bytes = STANDARD.decode(encoded).map_err(|error| {
        WebhookError::InvalidKey(format!(
            "a Standard Webhooks secret is `whsec_` and base64, and its base64 is not valid: {error}"
        ))
    })?;
    if bytes.is_empty() {
        return Err(WebhookError::InvalidKey("the Standard Webhooks secret is empty".into()));
    }
    Ok(hmac_key(&bytes))
}

/// A header's value as text.
fn text<'h>(headers: &'h HeaderMap, header: &'static str) -> Result<&'h str, WebhookError> {
    let value = headers.get(header).ok_or(WebhookError::MissingHeader { header })?;
    value.to_str().map_err(|_| WebhookError::MalformedHeader { header, reason: "it is not visible ASCII".into() })
}

fn decode_base64(header: &'static str, text: &str) -> Result<Vec<u8>, WebhookError> {
    STANDARD
        .decode(text)
        .map_err(|error| WebhookError::MalformedHeader { header, reason: format!("it is not base64: {error}") })
}

/// Hex digits to bytes (either case).
fn decode_hex(header: &'static str, text: &str) -> Result<Vec<u8>, WebhookError> {
    let malformed = |reason: &str| WebhookError::MalformedHeader { header, reason: reason.to_owned() };
    if text.len() % 2 == 1 {
        return Err(malformed("its hex has an odd number of digits"));
    }
    let digit = |byte: u8| match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    };
    text.as_bytes()
        .chunks_exact(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| malformed("it is not hex"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    fn github(secret: &[u8]) -> Verifier {
        Verifier::Hmac { header: "x-hub-signature-256", prefix: "sha256=", key: hmac_key(secret) }
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
    }

    #[test]
    fn an_hmac_signature_verifies_and_any_other_is_refused() {
        let body = br#"{"action":"opened"}"#;
        let tag = hmac::sign(&hmac_key(b"It's a Secret to Everybody"), body);
        let good = headers(&[("x-hub-signature-256", &format!("sha256={}", hex(tag.as_ref())))]);
        let verifier = github(b"It's a Secret to Everybody");
        assert!(block_on(verifier.verify(&good, body)).is_ok());
        assert!(matches!(
            block_on(verifier.verify(&good, b"{\"action\":\"closed\"}")),
            Err(WebhookError::BadSignature)
        ));
        assert!(matches!(block_on(github(b"another").verify(&good, body)), Err(WebhookError::BadSignature)));
        let upper = headers(&[("x-hub-signature-256", &format!("sha256={}", hex(tag.as_ref()).to_uppercase()))]);
        assert!(block_on(verifier.verify(&upper, body)).is_ok());
    }

    #[test]
    fn github_documents_this_signature() {
        // GitHub's "Validating webhook deliveries" page: this secret and payload give this
        // signature.
        let verifier = github(b"It's a Secret to Everybody");
        let delivery = headers(&[(
            "x-hub-signature-256",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        )]);
        assert!(block_on(verifier.verify(&delivery, b"Hello, World!")).is_ok());
    }

    #[test]
    fn malformed_hmac_headers_say_what_is_wrong() {
        let verifier = github(b"secret");
        let refused = |value: &str| block_on(verifier.verify(&headers(&[("x-hub-signature-256", value)]), b"{}"));
        assert!(
            matches!(refused("sha1=00"), Err(WebhookError::MalformedHeader { reason, .. }) if reason.contains("sha256="))
        );
        assert!(
            matches!(refused("sha256=abc"), Err(WebhookError::MalformedHeader { reason, .. }) if reason.contains("odd"))
        );
        assert!(
            matches!(refused("sha256=zz"), Err(WebhookError::MalformedHeader { reason, .. }) if reason.contains("not hex"))
        );
        assert!(matches!(block_on(verifier.verify(&HeaderMap::new(), b"{}")), Err(WebhookError::MissingHeader { .. })));
    }

    #[test]
    fn standard_webhooks_checks_the_timestamp_and_any_v1_signature() {
        // The Standard Webhooks specification's example secret.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let key = standard_webhooks_key(secret).unwrap();
        let body = br#"{"type":"user.created"}"#;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs().to_string();
        let sign = |timestamp: &str| {
            let mut context = hmac::Context::with_key(&key);
            context.update(format!("msg_1.{timestamp}.").as_bytes());
            context.update(body);
            STANDARD.encode(context.sign().as_ref())
        };
        let verifier = Verifier::Standard { key: key.clone(), tolerance: Duration::from_secs(300) };
        let delivery = |timestamp: &str, signature: &str| {
            headers(&[("webhook-id", "msg_1"), ("webhook-timestamp", timestamp), ("webhook-signature", signature)])
        };
        let rotated = format!("v1,{} v1,{}", STANDARD.encode([0u8; 32]), sign(&now));
        assert!(block_on(verifier.verify(&delivery(&now, &rotated), body)).is_ok());
        assert!(matches!(
            block_on(verifier.verify(&delivery(&now, &format!("v1,{}", sign(&now))), b"{}")),
            Err(WebhookError::BadSignature)
        ));
        let old = (now.parse::<i64>().unwrap() - 3600).to_string();
        assert!(matches!(
            block_on(verifier.verify(&delivery(&old, &format!("v1,{}", sign(&old))), body)),
            Err(WebhookError::OutsideTolerance { .. })
        ));
        assert!(matches!(
            block_on(verifier.verify(&delivery(&now, "v2,abc"), body)),
            Err(WebhookError::MalformedHeader { header: "webhook-signature", .. })
        ));
        assert!(matches!(standard_webhooks_key("whsec_%%%"), Err(WebhookError::InvalidKey(_))));
    }
}
