//! Pacing calls under the API's rate limits, so that the server never has to refuse one: the
//! limits the document declares or the user sets, those the server states in its answers,
//! the pauses it asks for, and a limit on calls in flight. Shared by every clone of a client.
//!
//! Each limit is a `governor` GCRA limiter, sized so that no window of the limit's length
//! holds more calls than the limit allows, wherever the server's windows start (see
//! [`RateLimit`]). Callers wait for a limiter one after another, in the order they came (a
//! Tokio mutex is fair), so no caller starves under load.

use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use governor::clock::{Clock, Reference};
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::api::{ApiDescription, DeclaredLimit, Operation};

/// At most `requests` calls in any `window`: a rate limit the client keeps to.
///
/// Calls go out at once up to the limit's burst, then evenly spaced, so that no window of
/// `window` holds more than `requests` calls, wherever the server's windows start and
/// whether it counts in fixed or sliding windows. The price is the burst: by default a
/// twentieth of the limit (at least one call), which leaves 95 % of the limit's rate for a
/// long run of calls. [`burst`](Self::burst) trades one for the other.
///
/// ```
/// # use std::time::Duration;
/// # use openapi_client_runtime::RateLimit;
/// // 250 calls every 10 seconds: 13 at once, then one every 42 ms.
/// let limit = RateLimit::new(250, Duration::from_secs(10));
/// assert_eq!(limit.burst_size(), 13);
/// assert_eq!(limit.spacing().as_millis(), 42);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    requests: u32,
    window: Duration,
    burst: u32,
}

/// Added to every window: a call's arrival at the server lags its departure by a little,
/// and the edge of a window may count on either side.
const WINDOW_MARGIN: Duration = Duration::from_millis(10);
/// The share of a window added to it, for the same reason on long windows.
const WINDOW_MARGIN_SHARE: f64 = 0.01;

impl RateLimit {
    /// At most `requests` calls in any `window`, with the default burst. A limit of no
    /// requests, or of an empty window, is read as one request per window of at least 1 ms.
    pub fn new(requests: u32, window: Duration) -> RateLimit {
        let requests = requests.max(1);
        RateLimit { requests, window: window.max(Duration::from_millis(1)), burst: requests.div_ceil(20) }
    }

    /// How many calls may go out at once before the pace sets in, at most the limit (and
    /// at least one). The pace after a burst of `b` is `requests - b + 1` calls a window, so
    /// that a window that starts with a full burst still holds no more than `requests`.
    pub fn burst(mut self, burst: u32) -> RateLimit {
        self.burst = burst.clamp(1, self.requests);
        self
    }

    /// The calls the limit allows in a window.
    pub fn requests(&self) -> u32 {
        self.requests
    }

    /// The window's length.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// The calls that may go out at once.
    pub fn burst_size(&self) -> u32 {
        self.burst
    }

    /// The time between two calls once the burst is spent.
    pub fn spacing(&self) -> Duration {
        let window = self.window.mul_f64(1.0 + WINDOW_MARGIN_SHARE) + WINDOW_MARGIN;
        window / (self.requests - self.burst + 1)
    }

    /// Calls a second once the burst is spent: what a long run of calls gets.
    pub fn calls_per_second(&self) -> f64 {
        1.0 / self.spacing().as_secs_f64()
    }

    /// Whether this limit allows no more than `other` over a long run.
    fn at_least_as_strict_as(&self, other: &RateLimit) -> bool {
        self.calls_per_second() <= other.calls_per_second() && self.burst <= other.burst
    }

    fn quota(&self) -> Quota {
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        // `spacing` is never zero: the window is at least 1 ms and divided by at most 2^32.
        Quota::with_period(self.spacing().max(Duration::from_nanos(1))).expect("a period above zero").allow_burst(burst)
    }
}

impl From<DeclaredLimit> for RateLimit {
    fn from(declared: DeclaredLimit) -> RateLimit {
        let limit = RateLimit::new(declared.requests, Duration::from_millis(declared.window_ms));
        match declared.burst {
            Some(burst) => limit.burst(burst),
            None => limit,
        }
    }
}

/// Tokio's clock, as `governor` reads time: a test under a paused clock paces at once.
#[derive(Clone, Debug)]
struct TokioClock {
    start: tokio::time::Instant,
}

impl Clock for TokioClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

type Limiter = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<Duration>>;

/// One limit's limiter, and the queue its callers wait in.
struct Paced {
    limit: RateLimit,
    limiter: Limiter,
    clock: TokioClock,
    queue: tokio::sync::Mutex<()>,
}

impl Paced {
    fn new(limit: RateLimit, clock: &TokioClock) -> Arc<Paced> {
        let limiter = RateLimiter::direct_with_clock(limit.quota(), clock.clone());
        Arc::new(Paced { limit, limiter, clock: clock.clone(), queue: tokio::sync::Mutex::new(()) })
    }

    /// Waits for this limit's turn, in the order callers came.
    async fn admit(&self) {
        let _turn = self.queue.lock().await;
        while let Err(not_until) = self.limiter.check() {
            let wait = not_until.earliest_possible().duration_since(self.clock.now());
            tokio::time::sleep(wait.into()).await;
        }
    }
}

/// The limits of one client and its clones.
pub(crate) struct Pacing {
    clock: TokioClock,
    /// Limits on every call: the document's, or the builder's instead.
    everywhere: Vec<Arc<Paced>>,
    /// Limits on some operations, by operation id (a tag's, shared by its operations).
    by_operation: std::collections::HashMap<&'static str, Vec<Arc<Paced>>>,
    /// Limits the server stated (`RateLimit-Policy`), stricter than any of `everywhere`.
    learned: Mutex<Vec<Arc<Paced>>>,
    /// No call goes out before this: the server asked for a pause (`Retry-After` on a 429,
    /// `RateLimit` with nothing remaining).
    paused_until: Mutex<Option<tokio::time::Instant>>,
    in_flight: Option<Arc<tokio::sync::Semaphore>>,
    /// Whether the server's answers are read for limits and pauses.
    learn: bool,
}

/// What the builder says of pacing.
#[derive(Clone, Debug)]
pub(crate) struct PacingSettings {
    /// Replaces the document's limits on every call, when set.
    pub(crate) limits: Option<Vec<RateLimit>>,
    /// Limits on one operation each, by operation id, besides the document's.
    pub(crate) operation_limits: Vec<(&'static str, RateLimit)>,
    /// Leaves out the document's limits on some operations.
    pub(crate) declared: bool,
    pub(crate) learn: bool,
    pub(crate) max_in_flight: Option<usize>,
}

impl Default for PacingSettings {
    fn default() -> Self {
        PacingSettings { limits: None, operation_limits: Vec::new(), declared: true, learn: true, max_in_flight: None }
    }
}

/// What a call holds while it is in flight: a place among the calls in flight, if limited.
#[derive(Default)]
pub(crate) struct Admitted {
    _in_flight: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl Pacing {
    pub(crate) fn new(api: &'static ApiDescription, settings: &PacingSettings) -> Pacing {
        let clock = TokioClock { start: tokio::time::Instant::now() };
        let declared = |limit: &DeclaredLimit| settings.declared || limit.operations.is_none();
        let everywhere: Vec<Arc<Paced>> = match &settings.limits {
            Some(limits) => limits.iter().map(|limit| Paced::new(*limit, &clock)).collect(),
            None => api
                .rate_limits
                .iter()
                .filter(|limit| limit.operations.is_none() && declared(limit))
                .map(|limit| Paced::new((*limit).into(), &clock))
                .collect(),
        };
        let mut by_operation: std::collections::HashMap<&'static str, Vec<Arc<Paced>>> = Default::default();
        for limit in api.rate_limits.iter().filter(|limit| settings.declared && limit.operations.is_some()) {
            let paced = Paced::new((*limit).into(), &clock);
            for &operation in limit.operations.unwrap_or_default() {
                by_operation.entry(operation).or_default().push(Arc::clone(&paced));
            }
        }
        for (operation, limit) in &settings.operation_limits {
            by_operation.entry(operation).or_default().push(Paced::new(*limit, &clock));
        }
        Pacing {
            clock,
            everywhere,
            by_operation,
            learned: Mutex::new(Vec::new()),
            paused_until: Mutex::new(None),
            in_flight: settings.max_in_flight.map(|most| Arc::new(tokio::sync::Semaphore::new(most.max(1)))),
            learn: settings.learn,
        }
    }

    /// Whether no limit, pause or bound on calls in flight can hold a call back.
    pub(crate) fn idle(&self) -> bool {
        self.everywhere.is_empty() && self.by_operation.is_empty() && self.in_flight.is_none() && !self.learn
    }

    /// Waits until the call may go out: a place among the calls in flight first, then the
    /// end of any pause the server asked for, then each limit's turn.
    pub(crate) async fn admit(&self, operation: &Operation) -> Admitted {
        if self.idle() {
            return Admitted { _in_flight: None };
        }
        let in_flight = match &self.in_flight {
            // The semaphore is never closed.
            Some(semaphore) => Arc::clone(semaphore).acquire_owned().await.ok(),
            None => None,
        };
        loop {
            let until = *self.paused_until.lock().unwrap_or_else(PoisonError::into_inner);
            match until {
                Some(until) if until > tokio::time::Instant::now() => tokio::time::sleep_until(until).await,
                _ => break,
            }
        }
        for paced in &self.everywhere {
            paced.admit().await;
        }
        if let Some(limits) = self.by_operation.get(operation.id) {
            for paced in limits {
                paced.admit().await;
            }
        }
        // Cloned out of the lock, which no wait may hold; most clients never learn one.
        let learned: Vec<Arc<Paced>> = {
            let learned = self.learned.lock().unwrap_or_else(PoisonError::into_inner);
            if learned.is_empty() { Vec::new() } else { learned.clone() }
        };
        for paced in learned {
            paced.admit().await;
        }
        Admitted { _in_flight: in_flight }
    }

    /// Reads an answer for what the server says of its limits: a policy stricter than the
    /// client's is kept, and a pause it asks for holds every call of the client back, for at
    /// most `longest_pause` (the retry policy's `max_retry_after`: a longer hint ends the
    /// refused call at once, and holding every other call for it would stall them unseen).
    pub(crate) fn observe(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        retry_after: Option<Duration>,
        longest_pause: Duration,
    ) {
        if !self.learn {
            return;
        }
        let pause = match status {
            StatusCode::TOO_MANY_REQUESTS => retry_after.or_else(|| exhausted(headers)),
            _ => exhausted(headers),
        };
        if let Some(pause) = pause.filter(|pause| !pause.is_zero()) {
            let until = tokio::time::Instant::now() + pause.min(longest_pause);
            let mut paused = self.paused_until.lock().unwrap_or_else(PoisonError::into_inner);
            if paused.is_none_or(|paused| paused < until) {
                tracing::debug!(pause_ms = pause.as_millis() as u64, "the server asked for a pause; calls wait");
                *paused = Some(until);
            }
        }
        for stated in policies(headers) {
            let covered = self.everywhere.iter().any(|paced| paced.limit.at_least_as_strict_as(&stated));
            let mut learned = self.learned.lock().unwrap_or_else(PoisonError::into_inner);
            let known = learned.iter().any(|paced| paced.limit == stated);
            if !covered && !known && learned.len() < MAX_LEARNED {
                tracing::debug!(
                    requests = stated.requests,
                    window_s = stated.window.as_secs(),
                    "pacing to the server's policy"
                );
                // Its burst counts as spent: the server counted the calls that brought the
                // policy, and maybe others before them.
                let paced = Paced::new(stated, &self.clock);
                for _ in 0..stated.burst {
                    let _ = paced.limiter.check();
                }
                learned.push(paced);
            }
        }
    }
}

/// At most this many policies are learned from a server's answers; past it, a server that
/// states a new one with every answer cannot grow the client's memory.
const MAX_LEARNED: usize = 4;

/// The limits an answer states, from `RateLimit-Policy`, in either of its drafts' forms:
/// `"default";q=100;w=60` (draft 8 on), `100;w=60` (before; a bare first number is the
/// current limit without a window, and ignored).
pub(crate) fn policies(headers: &HeaderMap) -> Vec<RateLimit> {
    let mut found = Vec::new();
    for value in headers.get_all("ratelimit-policy") {
        let Ok(text) = value.to_str() else { continue };
        for item in split_list(text) {
            let mut parts = item.split(';').map(str::trim);
            let bare = parts.next().and_then(|first| first.parse::<u32>().ok());
            let mut quota = bare;
            let mut window = None;
            for parameter in parts {
                match parameter.split_once('=') {
                    Some(("q", value)) => quota = value.trim().parse::<u32>().ok(),
                    Some(("w", value)) => window = value.trim().parse::<u64>().ok(),
                    _ => {}
                }
            }
            if let (Some(quota), Some(window)) = (quota, window)
                && quota > 0
                && window > 0
            {
                found.push(RateLimit::new(quota, Duration::from_secs(window.min(366 * 24 * 3600))));
            }
        }
    }
    found
}

/// How long until the quota comes back, when an answer says none is left: `RateLimit:
/// "default";r=0;t=5` (draft 8 on) or `RateLimit-Remaining: 0` with `RateLimit-Reset: 5`.
pub(crate) fn exhausted(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
    if let Some(value) = text("ratelimit") {
        for item in split_list(value) {
            let (mut remaining, mut reset) = (None, None);
            for parameter in item.split(';').skip(1).map(str::trim) {
                match parameter.split_once('=') {
                    Some(("r", value)) => remaining = value.trim().parse::<u64>().ok(),
                    Some(("t", value)) => reset = value.trim().parse::<u64>().ok(),
                    _ => {}
                }
            }
            if let (Some(0), Some(reset)) = (remaining, reset) {
                return Some(Duration::from_secs(reset));
            }
        }
        return None;
    }
    let remaining = text("ratelimit-remaining")?.parse::<u64>().ok()?;
    let reset = text("ratelimit-reset")?.parse::<u64>().ok()?;
    (remaining == 0).then(|| Duration::from_secs(reset))
}

/// The items of a structured-field list, split at commas outside quoted strings.
fn split_list(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (index, character) in text.char_indices() {
        match character {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                items.push(text[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    items.push(text[start..].trim());
    items.retain(|item| !item.is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn policies_are_read_in_both_drafts_forms() {
        let new = headers(&[("ratelimit-policy", r#""burst";q=100;w=60, "daily";q=1000;w=86400"#)]);
        let read: Vec<(u32, u64)> =
            policies(&new).iter().map(|limit| (limit.requests, limit.window.as_secs())).collect();
        assert_eq!(read, [(100, 60), (1000, 86400)]);
        let old = headers(&[("ratelimit-policy", "10, 10;w=1, 1000;w=3600")]);
        let read: Vec<(u32, u64)> =
            policies(&old).iter().map(|limit| (limit.requests, limit.window.as_secs())).collect();
        assert_eq!(read, [(10, 1), (1000, 3600)]);
        // Nonsense is no policy, and no panic.
        let bad = headers(&[("ratelimit-policy", r#"q=;w=, "a,b";q=x, ;;;, 0;w=5, 5;w=0"#)]);
        assert!(policies(&bad).is_empty());
    }

    #[test]
    fn nothing_remaining_is_a_pause_until_the_reset() {
        let new = headers(&[("ratelimit", r#""default";r=0;t=7"#)]);
        assert_eq!(exhausted(&new), Some(Duration::from_secs(7)));
        let left = headers(&[("ratelimit", r#""default";r=3;t=7"#)]);
        assert_eq!(exhausted(&left), None);
        let old = headers(&[("ratelimit-remaining", "0"), ("ratelimit-reset", "12")]);
        assert_eq!(exhausted(&old), Some(Duration::from_secs(12)));
        assert_eq!(exhausted(&headers(&[("ratelimit-remaining", "0")])), None);
    }

    #[test]
    fn no_window_holds_more_than_the_limit_wherever_it_starts() {
        // The limiter's own schedule, on a fake clock: the times it lets 2,000 calls through.
        for limit in [
            RateLimit::new(50, Duration::from_secs(1)),
            RateLimit::new(250, Duration::from_secs(10)),
            RateLimit::new(7, Duration::from_secs(1)).burst(7),
            RateLimit::new(1, Duration::from_secs(2)),
        ] {
            let clock = governor::clock::FakeRelativeClock::default();
            let limiter = RateLimiter::direct_with_clock(limit.quota(), clock.clone());
            let mut times = Vec::new();
            while times.len() < 2000.min(limit.requests as usize * 8) {
                match limiter.check() {
                    Ok(()) => times.push(clock.now()),
                    Err(not_until) => clock.advance(not_until.wait_time_from(clock.now())),
                }
            }
            let window = limit.window + WINDOW_MARGIN;
            for (index, start) in times.iter().enumerate() {
                let within =
                    times[index..].iter().take_while(|time| time.duration_since(*start) < window.into()).count();
                assert!(within <= limit.requests as usize, "{limit:?}: {within} calls within {window:?}");
            }
            // And the pace is close to the limit: 95 % of it over the run, less the burst.
            let took = times.last().expect("calls").duration_since(times[0]);
            let rate = (times.len() - limit.burst as usize) as f64 / Duration::from(took).as_secs_f64();
            let allowed = limit.requests as f64 / limit.window.as_secs_f64();
            assert!(rate >= 0.93 * allowed || limit.requests < 20, "{limit:?}: {rate} a second against {allowed}");
        }
    }
}
