//! Code of the user's run around every attempt ([`Hook`]), and bearer tokens obtained while
//! the client runs ([`TokenSource`], [`RefreshingToken`]).
//!
//! A small trait of our own rather than a middleware stack (tower, reqwest-middleware):
//! a hook sees the request as it will go (`reqwest::Request`, so a signature covers the real
//! bytes) and the outcome of each attempt, with no change to the client's type, its errors
//! or the generated code; and a client without hooks pays nothing for them.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::api::Operation;

/// An error of the user's own code: a hook's or a token source's.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The future a hook or a token source returns.
pub type HookFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BoxError>> + Send + 'a>>;

/// Code run around every attempt of every call a client makes, retries included: to sign a
/// request, add a header computed per call, count and time calls. Given to
/// [`ClientBuilder::hook`](crate::ClientBuilder::hook); hooks run in the order given.
///
/// ```
/// # use std::sync::atomic::{AtomicU64, Ordering};
/// # use openapi_client_runtime::{Attempt, AttemptOutcome, Hook};
/// /// Counts the answers by status class, for a metrics endpoint.
/// #[derive(Default)]
/// struct Counter { ok: AtomicU64, failed: AtomicU64 }
///
/// impl Hook for Counter {
///     fn after_attempt(&self, _: &Attempt, outcome: &AttemptOutcome<'_>) {
///         let ok = matches!(outcome, AttemptOutcome::Answered { status, .. } if status.is_success());
///         (if ok { &self.ok } else { &self.failed }).fetch_add(1, Ordering::Relaxed);
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Before an attempt goes out, with the request as it will be sent (credentials and
    /// body included): change its headers, sign it. An error ends the call with
    /// [`Error::Hook`](crate::Error::Hook), and nothing is sent.
    fn before_attempt<'a>(&'a self, request: &'a mut reqwest::Request, attempt: &'a Attempt) -> HookFuture<'a, ()> {
        let _ = (request, attempt);
        Box::pin(std::future::ready(Ok(())))
    }

    /// After an attempt: its answer's status and headers, or that none came. Called for
    /// every attempt, the retried ones too, before the client decides whether to retry.
    fn after_attempt(&self, attempt: &Attempt, outcome: &AttemptOutcome<'_>) {
        let _ = (attempt, outcome);
    }
}

/// A hook shared with the code that reads it (a metrics handler): `.hook(Arc::clone(&metrics))`.
impl<H: Hook + ?Sized> Hook for std::sync::Arc<H> {
    fn before_attempt<'a>(&'a self, request: &'a mut reqwest::Request, attempt: &'a Attempt) -> HookFuture<'a, ()> {
        (**self).before_attempt(request, attempt)
    }

    fn after_attempt(&self, attempt: &Attempt, outcome: &AttemptOutcome<'_>) {
        (**self).after_attempt(attempt, outcome);
    }
}

/// One attempt of a call, as hooks see it.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub(crate) operation: &'static Operation,
    pub(crate) number: u32,
    pub(crate) call_started: Instant,
    pub(crate) started: Instant,
}

impl Attempt {
    /// The operation called (a raw call's is named `raw`).
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// Which attempt of the call this is: 1 for the first, 2 for the first retry.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The time since the call began, waits before earlier attempts included.
    pub fn since_call_began(&self) -> Duration {
        self.call_started.elapsed()
    }

    /// The time since this attempt began (after any pacing wait).
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// What came of one attempt.
#[derive(Debug)]
#[non_exhaustive]
pub enum AttemptOutcome<'a> {
    /// The server answered (for a streamed answer, with its headers; the body follows).
    Answered {
        /// The answer's status.
        status: StatusCode,
        /// The answer's headers.
        headers: &'a HeaderMap,
    },
    /// No answer: the connection failed or the attempt timed out.
    Failed {
        /// Whether the attempt's time ran out.
        timed_out: bool,
    },
}

/// A bearer token obtained while the client runs, such as an OAuth 2 access token: asked for
/// before every attempt, so a token refreshed in the meantime is sent without rebuilding the
/// client. Given to [`ClientBuilder::token_source`](crate::ClientBuilder::token_source);
/// [`RefreshingToken`] is one that caches a token until shortly before it expires.
pub trait TokenSource: Send + Sync + 'static {
    /// The token to send now. An error ends the call with
    /// [`Error::Hook`](crate::Error::Hook), and nothing is sent.
    fn token(&self) -> HookFuture<'_, String>;
}

/// A token fetched by the user's function and kept until shortly before it expires; one
/// fetch at a time, however many calls wait for it.
///
/// ```no_run
/// # use std::time::Duration;
/// # use openapi_client_runtime::RefreshingToken;
/// // OAuth 2 client credentials: the token endpoint answers with a token and its lifetime.
/// let token = RefreshingToken::new(|| async {
///     let body = reqwest::Client::new()
///         .post("https://auth.example/oauth/token")
///         .header("content-type", "application/x-www-form-urlencoded")
///         .body("grant_type=client_credentials&client_id=id&client_secret=secret")
///         .send().await?.error_for_status()?.bytes().await?;
///     let answer: serde_json::Value = serde_json::from_slice(&body)?;
///     let token = answer["access_token"].as_str().ok_or("no access_token")?.to_owned();
///     let lifetime = Duration::from_secs(answer["expires_in"].as_u64().unwrap_or(3600));
///     Ok((token, lifetime))
/// });
/// ```
pub struct RefreshingToken<F> {
    fetch: F,
    /// The token and when to fetch the next one.
    cached: tokio::sync::Mutex<Option<(String, tokio::time::Instant)>>,
    /// How long before its expiry a token is replaced.
    early: Duration,
}

impl<F, Fut> RefreshingToken<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(String, Duration), BoxError>> + Send + 'static,
{
    /// A token from `fetch`, which gives a token and how long it lasts. It is fetched again
    /// a minute before it expires, or at a tenth of its life for one shorter than ten minutes.
    pub fn new(fetch: F) -> RefreshingToken<F> {
        RefreshingToken { fetch, cached: tokio::sync::Mutex::new(None), early: Duration::from_secs(60) }
    }

    /// Fetches a new token this long before the current one expires, instead of a minute.
    pub fn refresh_before_expiry(mut self, early: Duration) -> RefreshingToken<F> {
        self.early = early;
        self
    }

    /// Forgets the token, so that the next call fetches one (after the server refused it).
    pub async fn invalidate(&self) {
        *self.cached.lock().await = None;
    }
}

impl<F, Fut> TokenSource for RefreshingToken<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(String, Duration), BoxError>> + Send + 'static,
{
    fn token(&self) -> HookFuture<'_, String> {
        Box::pin(async move {
            let mut cached = self.cached.lock().await;
            if let Some((token, renew_at)) = &*cached
                && tokio::time::Instant::now() < *renew_at
            {
                return Ok(token.clone());
            }
            let (token, lifetime) = (self.fetch)().await?;
            let early = self.early.min(lifetime / 10);
            let renew_at = tokio::time::Instant::now() + lifetime.saturating_sub(early);
            *cached = Some((token.clone(), renew_at));
            Ok(token)
        })
    }
}

impl<F> std::fmt::Debug for RefreshingToken<F> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("RefreshingToken").field("early", &self.early).finish_non_exhaustive()
    }
}
