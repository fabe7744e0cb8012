//! Re-deliveries: a sender retries a delivery it saw no 2xx for (a 5xx, a timeout, a lost
//! connection) under the same delivery id, so a handler may see one event twice. A store of
//! the ids seen tells the first delivery from the others.

use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use crate::BoxError;

/// Where the ids of deliveries already handled are kept: in memory by default
/// ([`RecentDeliveries`]); a service that runs on several machines, or must not lose them on
/// a restart, keeps them in its database.
pub trait Deliveries: Send + Sync {
    /// Records `id`: `true` if it was not recorded before (the first delivery), `false` for
    /// a re-delivery. Atomic: of two concurrent calls with one id, one gets `true`.
    fn record(&self, id: &str) -> impl Future<Output = Result<bool, BoxError>> + Send;

    /// Forgets `id`, so that a re-delivery is handled again: for a delivery whose handling
    /// failed after it was recorded.
    fn forget(&self, id: &str) -> impl Future<Output = Result<(), BoxError>> + Send;
}

impl<D: Deliveries> Deliveries for Arc<D> {
    fn record(&self, id: &str) -> impl Future<Output = Result<bool, BoxError>> + Send {
        D::record(self, id)
    }

    fn forget(&self, id: &str) -> impl Future<Output = Result<(), BoxError>> + Send {
        D::forget(self, id)
    }
}

/// The last `capacity` delivery ids, in memory: the oldest is forgotten when a new one
/// comes past the capacity. Senders retry for hours, not forever; at a typical service's
/// volume the default (100,000 ids, a few MB) covers that.
#[derive(Debug)]
pub struct RecentDeliveries {
    capacity: usize,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    ids: HashSet<Arc<str>>,
    order: VecDeque<Arc<str>>,
}

impl RecentDeliveries {
    /// The default capacity.
    pub const DEFAULT_CAPACITY: usize = 100_000;

    /// A store of the last `capacity` ids (at least one).
    pub fn new(capacity: usize) -> RecentDeliveries {
        RecentDeliveries { capacity: capacity.max(1), seen: Mutex::new(Seen::default()) }
    }

    /// How many ids are kept now.
    pub fn len(&self) -> usize {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).ids.len()
    }

    /// Whether no id is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn record_now(&self, id: &str) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.ids.contains(id) {
            return false;
        }
        if seen.ids.len() >= self.capacity
            && let Some(oldest) = seen.order.pop_front()
        {
            seen.ids.remove(&oldest);
        }
        let id: Arc<str> = Arc::from(id);
        seen.ids.insert(Arc::clone(&id));
        seen.order.push_back(id);
        true
    }

    fn forget_now(&self, id: &str) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.ids.remove(id) {
            seen.order.retain(|kept| &**kept != id);
        }
    }
}

impl Default for RecentDeliveries {
    fn default() -> Self {
        RecentDeliveries::new(RecentDeliveries::DEFAULT_CAPACITY)
    }
}

impl Deliveries for RecentDeliveries {
    fn record(&self, id: &str) -> impl Future<Output = Result<bool, BoxError>> + Send {
        std::future::ready(Ok(self.record_now(id)))
    }

    fn forget(&self, id: &str) -> impl Future<Output = Result<(), BoxError>> + Send {
        self.forget_now(id);
        std::future::ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_delivery_is_new_a_redelivery_is_not_and_the_oldest_is_forgotten_past_the_capacity() {
        let store = RecentDeliveries::new(2);
        assert!(store.record_now("a"));
        assert!(!store.record_now("a"));
        assert!(store.record_now("b"));
        assert!(store.record_now("c"));
        assert_eq!(store.len(), 2);
        assert!(store.record_now("a"), "`a` was the oldest, forgotten when `c` came");
        store.forget_now("c");
        assert!(store.record_now("c"));
    }
}
