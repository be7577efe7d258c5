//! One fetch per key at a time: readers of one server-side store that arrive together
//! wait for the first one's fetch and decode, instead of each repeating them.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use dash_core::StoredValue;
use tokio::sync::OnceCell;

type Flight = Arc<OnceCell<Option<StoredValue>>>;

/// The fetches under way, by cache key.
#[derive(Default)]
pub(crate) struct Flights {
    under_way: Mutex<HashMap<String, Flight>>,
}

impl Flights {
    /// The value `fetch` finds for `key`; callers that come while a fetch of the same key
    /// is under way get its result. (If the fetching request is cancelled, a waiting one
    /// fetches in its place.)
    pub(crate) async fn run<F, Fut>(&self, key: &str, fetch: F) -> Option<StoredValue>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Option<StoredValue>>,
    {
        let flight = self.lock().entry(key.to_owned()).or_default().clone();
        // Forgotten when done, and when every caller has gone (cancelled requests).
        let _landed = Landed {
            flights: self,
            key,
            flight: flight.clone(),
        };
        flight.get_or_init(fetch).await.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Flight>> {
        self.under_way.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Removes a flight from the table when a caller is done with it, unless a newer flight
/// of the same key has replaced it.
struct Landed<'a> {
    flights: &'a Flights,
    key: &'a str,
    flight: Flight,
}

impl Drop for Landed<'_> {
    fn drop(&mut self) {
        let mut under_way = self.flights.lock();
        if under_way
            .get(self.key)
            .is_some_and(|current| Arc::ptr_eq(current, &self.flight))
        {
            under_way.remove(self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn readers_that_arrive_together_share_one_fetch() {
        let flights = Flights::default();
        let fetches = AtomicUsize::new(0);
        let fetch = || async {
            fetches.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Some(StoredValue::new(7u8))
        };
        let (a, b) = tokio::join!(flights.run("k", fetch), flights.run("k", fetch));
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        assert!(Arc::ptr_eq(
            &a.unwrap().shared::<u8>().unwrap(),
            &b.unwrap().shared::<u8>().unwrap()
        ));
        // Done flights are forgotten: a later reader fetches again.
        flights.run("k", fetch).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        assert!(flights.lock().is_empty());
    }

    #[tokio::test]
    async fn a_cancelled_flight_is_forgotten() {
        let flights = Flights::default();
        let never = || std::future::pending::<Option<StoredValue>>();
        let cancelled = tokio::time::timeout(
            std::time::Duration::from_millis(10),
            flights.run("k", never),
        );
        assert!(cancelled.await.is_err());
        assert!(flights.lock().is_empty());
    }
}
