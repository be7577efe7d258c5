//! The in-process backend: least recently used entries go first once the bound in bytes
//! is reached.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use lru::LruCache;

use super::{CacheBackend, CacheError, CacheFuture};

/// Bytes counted per entry on top of its key and value: the map's own bookkeeping.
const ENTRY_OVERHEAD: u64 = 64;

/// The default backend: values in this process's memory, at most `max_bytes` in all, the
/// least recently used evicted first. Each process has its own; use `RedisCache` (the
/// `redis` feature) to share results between processes.
///
/// A value larger than the whole bound is not kept.
///
/// ```
/// use dash_server::cache::MemoryCache;
/// let cache = MemoryCache::new(64 * 1024 * 1024);
/// # let _ = cache;
/// ```
pub struct MemoryCache {
    max_bytes: u64,
    inner: Mutex<Inner>,
}

struct Inner {
    entries: LruCache<String, Entry>,
    bytes: u64,
}

struct Entry {
    value: Bytes,
    expires: Option<Instant>,
}

fn cost(key: &str, value: &Bytes) -> u64 {
    key.len() as u64 + value.len() as u64 + ENTRY_OVERHEAD
}

impl MemoryCache {
    /// An empty cache bounded to `max_bytes`.
    pub fn new(max_bytes: u64) -> Self {
        MemoryCache {
            max_bytes,
            inner: Mutex::new(Inner {
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    /// The bytes held now, keys and bookkeeping included.
    pub fn bytes(&self) -> u64 {
        self.lock().bytes
    }

    /// How many entries are held now.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves consistent data: every update is applied
        // in full before anything that can panic.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get_now(&self, key: &str) -> Option<Bytes> {
        let mut inner = self.lock();
        let expired = match inner.entries.get(key) {
            None => return None,
            Some(entry) => entry.expires.is_some_and(|at| at <= Instant::now()),
        };
        if expired {
            if let Some((key, entry)) = inner.entries.pop_entry(key) {
                inner.bytes -= cost(&key, &entry.value);
            }
            return None;
        }
        inner.entries.get(key).map(|entry| entry.value.clone())
    }

    fn set_now(&self, key: &str, value: Bytes, ttl: Option<Duration>) {
        let size = cost(key, &value);
        let mut inner = self.lock();
        if let Some((old_key, old)) = inner.entries.pop_entry(key) {
            inner.bytes -= cost(&old_key, &old.value);
        }
        if size > self.max_bytes {
            tracing::debug!(
                key,
                bytes = value.len(),
                "value larger than the memory cache"
            );
            return;
        }
        while inner.bytes + size > self.max_bytes {
            match inner.entries.pop_lru() {
                Some((old_key, old)) => inner.bytes -= cost(&old_key, &old.value),
                None => break,
            }
        }
        inner.bytes += size;
        let expires = ttl.map(|ttl| Instant::now() + ttl);
        inner.entries.put(key.to_owned(), Entry { value, expires });
    }
}

impl CacheBackend for MemoryCache {
    fn get<'a>(&'a self, key: &'a str) -> CacheFuture<'a, Result<Option<Bytes>, CacheError>> {
        let found = self.get_now(key);
        Box::pin(async move { Ok(found) })
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Option<Duration>,
    ) -> CacheFuture<'a, Result<(), CacheError>> {
        self.set_now(key, value, ttl);
        Box::pin(async { Ok(()) })
    }

    fn describe(&self) -> String {
        format!("memory (at most {} bytes)", self.max_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(n: usize) -> Bytes {
        Bytes::from(vec![7u8; n])
    }

    #[test]
    fn least_recently_used_goes_first() {
        let entry = cost("a", &bytes(100));
        let cache = MemoryCache::new(entry * 2);
        cache.set_now("a", bytes(100), None);
        cache.set_now("b", bytes(100), None);
        assert!(cache.get_now("a").is_some()); // a is now the most recent
        cache.set_now("c", bytes(100), None);
        assert!(
            cache.get_now("b").is_none(),
            "b was the least recently used"
        );
        assert!(cache.get_now("a").is_some() && cache.get_now("c").is_some());
        assert_eq!(cache.bytes(), entry * 2);
    }

    #[test]
    fn the_bound_counts_bytes_not_entries() {
        let cache = MemoryCache::new(1000);
        for key in ["a", "b", "c", "d"] {
            cache.set_now(key, bytes(300), None);
        }
        assert!(cache.bytes() <= 1000, "{}", cache.bytes());
        assert_eq!(cache.len(), 2);
        cache.set_now("huge", bytes(5000), None);
        assert!(cache.get_now("huge").is_none(), "larger than the bound");
        assert_eq!(cache.len(), 2, "a value too large evicts nothing");
    }

    #[test]
    fn replacing_a_key_keeps_the_count_right() {
        let cache = MemoryCache::new(10_000);
        cache.set_now("a", bytes(100), None);
        cache.set_now("a", bytes(200), None);
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.bytes(), cost("a", &bytes(200)));
        assert_eq!(cache.get_now("a").unwrap().len(), 200);
    }

    #[test]
    fn expired_values_are_gone() {
        let cache = MemoryCache::new(10_000);
        cache.set_now("a", bytes(10), Some(Duration::from_millis(1)));
        cache.set_now("b", bytes(10), Some(Duration::from_secs(3600)));
        std::thread::sleep(Duration::from_millis(5));
        assert!(cache.get_now("a").is_none());
        assert!(cache.get_now("b").is_some());
        assert_eq!(cache.len(), 1);
    }
}
