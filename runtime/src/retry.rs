//! When to send a request again, and how long to wait first: see [`RetryPolicy`].

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::api::Operation;

/// How many times to retry, and how long to wait between attempts.
///
/// # Policy
///
/// - The server decides first: `x-should-retry: true` or `false` is obeyed.
/// - Otherwise 408, 409, 429 and 5xx answers, connection failures and timeouts are retried.
/// - A request that is not idempotent (POST, PATCH: it may create something) is never sent
///   again once the server may have acted on it. It is retried only when the answer says the
///   server did not act (429, 503, or `x-should-retry: true`) or when the connection failed
///   before the request was written. A timeout or a dropped connection after sending is
///   returned as an error instead: the caller knows whether repeating it is safe.
/// - The wait is the server's `retry-after-ms`, or `retry-after` in seconds or as an HTTP
///   date; without a hint it is an exponential backoff (`initial_backoff` doubled per retry,
///   at most `max_backoff`) less a random jitter of up to a quarter, so that many clients do
///   not retry in step.
/// - A hint longer than [`max_retry_after`](Self::max_retry_after) means the server will not
///   be ready soon: the call does not wait and does not send the request again. It ends at
///   once with the error for that status ([`Error::RateLimited`](crate::Error::RateLimited)
///   for 429, [`Error::Server`](crate::Error::Server) for 503, and so on), whose
///   [`ApiError::retry_after`](crate::ApiError::retry_after) says when to try again.
/// - No wait runs past the call's total timeout
///   ([`ClientBuilder::total_timeout`](crate::ClientBuilder::total_timeout)): when the next
///   retry could not start before it, the call ends at once with the last attempt's error.
///
/// # Default: 5 retries
///
/// Two retries, a common default of API SDKs, can be spent within 1.5 seconds, while rate
/// limits and edge failures last longer; one such SDK moved to 10 after its users ran out of
/// retries on 429. Five retries with backoff from 0.5 s to 8 s wait about 12 to 15 seconds
/// in all before giving up, long enough to ride out a brief outage or a rate limit window,
/// short enough that a caller without its own deadline is not stalled for minutes. When the
/// server says how long to wait, that is used instead, up to 60 seconds a retry; a longer
/// hint ends the call with the server's answer, since waiting minutes inside a call would
/// stall the caller without telling it why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 sends each request once.
    pub max_retries: u32,
    /// The wait before the first retry when the server gives no hint.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts when the server gives no hint.
    pub max_backoff: Duration,
    /// The longest wait the client accepts from `retry-after` / `retry-after-ms`. A longer
    /// hint ends the call at once with the server's answer, hint included.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// Sets how many retries follow the first attempt.
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the backoff: `initial` before the first retry, doubling up to `max`.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets the longest wait accepted from the server's `retry-after` hints; a longer hint
    /// ends the call at once with the server's answer.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// The wait before retry number `retry` (0 for the first retry): `hint`, the server's
    /// `retry-after` as the answer gave it, else the backoff. A hint beyond `max_retry_after`
    /// is no wait but the end of the call.
    pub(crate) fn delay(&self, retry: u32, hint: Option<Duration>) -> Result<Duration, GaveUp> {
        if let Some(hint) = hint {
            if hint > self.max_retry_after {
                return Err(GaveUp::HintBeyondCap { hint, cap: self.max_retry_after });
            }
            return Ok(hint);
        }
        let doubled = self.initial_backoff.saturating_mul(2u32.saturating_pow(retry.min(31)));
        let capped = doubled.min(self.max_backoff);
        Ok(capped.mul_f64(1.0 - 0.25 * fastrand::f64()))
    }
}

/// Why a call that its policy would otherwise retry ended instead; errors say it, so that a
/// caller who sees one attempt where five were allowed knows why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GaveUp {
    /// The server asked for a wait longer than `max_retry_after`.
    HintBeyondCap { hint: Duration, cap: Duration },
    /// The next retry could not start before the call's total timeout.
    TotalTimeout(Duration),
}

impl std::fmt::Display for GaveUp {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GaveUp::HintBeyondCap { hint, cap } => write!(
                formatter,
                "not retried: the server asks to wait {:?}, longer than the {:?} the retry policy waits at most",
                whole_millis(*hint),
                cap
            ),
            GaveUp::TotalTimeout(total) => {
                write!(formatter, "not retried: the next retry could not start within the total timeout of {total:?}")
            }
        }
    }
}

/// A duration without its sub-millisecond part: hints from HTTP dates are not whole.
pub(crate) fn whole_millis(duration: Duration) -> Duration {
    Duration::from_millis(duration.as_millis().min(u64::MAX as u128) as u64)
}

/// What became of one attempt, as far as retrying is concerned.
pub(crate) enum Attempt<'a> {
    Answered(StatusCode, &'a HeaderMap),
    /// No connection was made: the request was never written.
    ConnectFailed,
    /// The request may have reached the server.
    TimedOut,
    Disconnected,
}

/// Whether the attempt may be repeated, under the policy in the module docs.
pub(crate) fn may_retry(operation: &Operation, attempt: &Attempt<'_>) -> bool {
    match attempt {
        Attempt::Answered(status, headers) => match should_retry_header(headers) {
            Some(answer) => answer,
            None if operation.idempotent => is_retryable_status(*status),
            None => matches!(status.as_u16(), 429 | 503),
        },
        Attempt::ConnectFailed => true,
        Attempt::TimedOut | Attempt::Disconnected => operation.idempotent,
    }
}

/// The server's hint: `retry-after-ms`, else `retry-after` in seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
    if let Some(millis) = text("retry-after-ms").and_then(|text| text.parse::<f64>().ok())
        && millis.is_finite()
        && millis >= 0.0
    {
        return Some(Duration::from_secs_f64(millis.min(1e12) / 1000.0));
    }
    let value = text("retry-after")?;
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(1e9)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The statuses worth another attempt when the server gives no word of its own: timeouts,
/// conflicts, rate limits and server errors.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The server's own word on retrying: `x-should-retry: true` or `false`.
pub(crate) fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    match headers.get("x-should-retry")?.to_str().ok()?.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn reads_every_form_of_server_hint() {
        assert_eq!(retry_after(&headers(&[("retry-after-ms", "250")])), Some(Duration::from_millis(250)));
        assert_eq!(retry_after(&headers(&[("retry-after", "2")])), Some(Duration::from_secs(2)));
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let wait = retry_after(&headers(&[("retry-after", &soon)])).unwrap();
        assert!(wait > Duration::from_secs(28) && wait <= Duration::from_secs(30), "{wait:?}");
        assert_eq!(retry_after(&headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")])), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")])), None);
    }

    #[test]
    fn a_hint_within_the_cap_is_the_wait_and_one_beyond_it_ends_the_call() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(3, Some(Duration::from_secs(60))), Ok(Duration::from_secs(60)));
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(86400))),
            Err(GaveUp::HintBeyondCap { hint: Duration::from_secs(86400), cap: Duration::from_secs(60) })
        );
    }

    #[test]
    fn backs_off_with_jitter_without_a_hint() {
        let policy = RetryPolicy::default();
        for retry in 0..8 {
            let full = Duration::from_millis(500 * 2u64.pow(retry)).min(Duration::from_secs(8));
            let delay = policy.delay(retry, None).unwrap();
            assert!(delay <= full && delay >= full.mul_f64(0.75), "retry {retry}: {delay:?}");
        }
    }
}
