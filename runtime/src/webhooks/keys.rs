//! The public key of an RSA scheme: given by hand, or fetched from the URL the API publishes
//! it at, cached, and fetched again when a signature fails to verify with the cached key (a
//! rotation), at most once per refetch interval.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use rustls_pki_types::SubjectPublicKeyInfoDer;
use rustls_pki_types::pem::PemObject;

use super::WebhookError;
use crate::api::Operation;
use crate::client::{Inner, RequestOptions};
use crate::request::RequestParts;

/// The request that fetches a key: it takes no credentials, and can be repeated.
static FETCH_KEY: Operation = Operation {
    id: "fetch_webhook_signing_key",
    method: reqwest::Method::GET,
    path_template: "{key_url}",
    idempotent: true,
    security: &[],
};

pub(super) struct RsaKeys {
    current: RwLock<Option<Arc<ParsedPublicKey>>>,
    fetcher: Option<Fetcher>,
}

struct Fetcher {
    client: Inner,
    /// The key URL's path and query, under the client's base URL (its origin).
    path: String,
    pointer: &'static str,
    interval: Duration,
    /// When the last fetch began; held while fetching, so that one fetch serves every
    /// delivery that waits for it.
    last: tokio::sync::Mutex<Option<tokio::time::Instant>>,
}

impl RsaKeys {
    /// A key given by hand: never fetched.
    pub(super) fn fixed(pem: &str) -> Result<RsaKeys, WebhookError> {
        let key = parse_pem(pem).map_err(WebhookError::InvalidKey)?;
        Ok(RsaKeys { current: RwLock::new(Some(Arc::new(key))), fetcher: None })
    }

    /// A key fetched from `url` (JSON, the PEM at `pointer`) on first use.
    pub(super) fn fetched(
        client: Option<Arc<Inner>>,
        default_client: impl FnOnce(String) -> Result<Inner, crate::Error>,
        url: &str,
        pointer: &'static str,
        interval: Duration,
    ) -> Result<RsaKeys, WebhookError> {
        let parsed = reqwest::Url::parse(url)
            .map_err(|error| WebhookError::NotConfigured(format!("the key URL `{url}` is not a URL: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(WebhookError::NotConfigured(format!("the key URL `{url}` is not an http or https URL")));
        }
        let origin = parsed.origin().ascii_serialization();
        let mut path = parsed.path().to_owned();
        if let Some(query) = parsed.query() {
            path.push('?');
            path.push_str(query);
        }
        let client = match client {
            Some(client) => client.elsewhere(origin),
            None => default_client(origin).map_err(|error| WebhookError::NotConfigured(error.to_string()))?,
        };
        let fetcher = Fetcher { client, path, pointer, interval, last: tokio::sync::Mutex::new(None) };
        Ok(RsaKeys { current: RwLock::new(None), fetcher: Some(fetcher) })
    }

    fn cached(&self) -> Option<Arc<ParsedPublicKey>> {
        self.current.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Verifies with the cached key, else with a key fetched now (the first delivery's, or
    /// after a rotation).
    pub(super) async fn verify(&self, body: &[u8], signature: &[u8]) -> Result<(), WebhookError> {
        let cached = self.cached();
        if let Some(key) = &cached
            && key.verify_sig(body, signature).is_ok()
        {
            return Ok(());
        }
        let Some(fetcher) = &self.fetcher else { return Err(WebhookError::BadSignature) };
        match self.refresh(fetcher, cached.as_ref()).await? {
            Some(key) if key.verify_sig(body, signature).is_ok() => Ok(()),
            _ => Err(WebhookError::BadSignature),
        }
    }

    /// A key newer than `seen`: one another delivery fetched meanwhile, or one fetched now,
    /// unless the last fetch was less than the interval ago (then `None`).
    async fn refresh(
        &self,
        fetcher: &Fetcher,
        seen: Option<&Arc<ParsedPublicKey>>,
    ) -> Result<Option<Arc<ParsedPublicKey>>, WebhookError> {
        let mut last = fetcher.last.lock().await;
        let current = self.cached();
        if let Some(current) = &current
            && seen.is_none_or(|seen| !Arc::ptr_eq(seen, current))
        {
            return Ok(Some(Arc::clone(current)));
        }
        // With no key at all every delivery may try; with one, a failed signature fetches
        // again only once per interval, so forged deliveries cannot make it fetch more.
        if current.is_some() && last.is_some_and(|at| at.elapsed() < fetcher.interval) {
            return Ok(None);
        }
        *last = Some(tokio::time::Instant::now());
        let key = Arc::new(fetcher.fetch().await?);
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&key));
        Ok(Some(key))
    }
}

impl Fetcher {
    async fn fetch(&self) -> Result<ParsedPublicKey, WebhookError> {
        let unavailable = |reason: String| WebhookError::KeyUnavailable(reason);
        let parts = RequestParts::new(self.path.clone());
        let raw = self
            .client
            .send(&FETCH_KEY, parts, RequestOptions::default())
            .await
            .map_err(|error| unavailable(format!("fetching it failed: {error}")))?;
        let document = raw
            .json::<serde_json::Value>()
            .map_err(|error| unavailable(format!("its document is not JSON: {error}")))?;
        let pem = document
            .body()
            .pointer(self.pointer)
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| unavailable(format!("its document has no text at `{}`", self.pointer)))?;
        parse_pem(pem).map_err(|reason| unavailable(format!("the fetched key cannot be used: {reason}")))
    }
}

/// An RSA public key from PEM (`-----BEGIN PUBLIC KEY-----`, a SubjectPublicKeyInfo).
pub(crate) fn parse_pem(pem: &str) -> Result<ParsedPublicKey, String> {
    // A PEM published inside JSON sometimes has its line breaks escaped twice (`\\n` in the
    // JSON text, so a literal backslash and `n` once decoded): an API's own sample code
    // turns them back into line breaks first.
    let pem = pem.replace("\\n", "\n");
    let der = SubjectPublicKeyInfoDer::from_pem_slice(pem.as_bytes())
        .map_err(|error| format!("it is not a PEM public key (`-----BEGIN PUBLIC KEY-----`): {error}"))?;
    ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der.as_ref())
        .map_err(|error| format!("it is not an RSA public key of 2048 to 8192 bits: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_pem_is_refused_with_what_is_wrong() {
        let error = |pem: &str| parse_pem(pem).expect_err("refused");
        assert!(error("").contains("not a PEM public key"));
        assert!(error("-----BEGIN PUBLIC KEY-----\n%%%%\n-----END PUBLIC KEY-----\n").contains("not a PEM public key"));
        let not_rsa = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
        assert!(error(not_rsa).contains("not an RSA public key"));
    }
}
