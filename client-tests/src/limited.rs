//! A rate limit enforced the way an API enforces one: at most `requests` calls in any window
//! of `window` (a sliding log of arrival times, the strictest reading), a 429 with
//! `Retry-After` past it. Tests and the pacing benchmark put it in front of their handlers.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::Reply;

/// The server side of a rate limit, counting what it let through and what it refused.
#[derive(Debug)]
pub struct Enforcer {
    requests: usize,
    window: Duration,
    arrivals: Mutex<VecDeque<Instant>>,
    accepted: AtomicUsize,
    refused: AtomicUsize,
}

impl Enforcer {
    pub fn new(requests: usize, window: Duration) -> Enforcer {
        Enforcer {
            requests,
            window,
            arrivals: Mutex::new(VecDeque::new()),
            accepted: AtomicUsize::new(0),
            refused: AtomicUsize::new(0),
        }
    }

    /// Whether a call arriving now is within the limit; a refused call does not count
    /// against the window, as most APIs' counters do not.
    pub fn admit(&self) -> bool {
        let now = Instant::now();
        let mut arrivals = self.arrivals.lock().expect("not poisoned");
        while arrivals.front().is_some_and(|first| now.duration_since(*first) >= self.window) {
            arrivals.pop_front();
        }
        if arrivals.len() < self.requests {
            arrivals.push_back(now);
            self.accepted.fetch_add(1, Ordering::Relaxed);
            true
        } else {
            self.refused.fetch_add(1, Ordering::Relaxed);
            false
        }
    }

    /// `reply` within the limit, else a 429 saying when the window frees a place.
    pub fn reply(&self, reply: impl FnOnce() -> Reply) -> Reply {
        if self.admit() {
            return reply();
        }
        let arrivals = self.arrivals.lock().expect("not poisoned");
        let wait = arrivals.front().map(|first| self.window.saturating_sub(first.elapsed())).unwrap_or_default();
        Reply::status(429).header("retry-after", &wait.as_secs_f64().ceil().max(1.0).to_string())
    }

    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::Relaxed)
    }

    pub fn refused(&self) -> usize {
        self.refused.load(Ordering::Relaxed)
    }
}
