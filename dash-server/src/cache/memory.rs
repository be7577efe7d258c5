//! The in-process backend: least recently used entries go first once the bound in bytes
//! is reached.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use dash_core::StoredValue;
use lru::LruCache;

use super::{CacheBackend, CacheError, CacheFuture};

/// Bytes counted per entry on top of its key and value: the map's own bookkeeping.
const ENTRY_OVERHEAD: u64 = 64;

impl std::fmt::Debug for MemoryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryCache")
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

/// The default backend: values in this process's memory, at most `max_bytes` in all, the
/// least recently used evicted first. Each process has its own; use `RedisCache` (the
/// `redis` feature) to share results between processes.
///
/// A value larger than the whole bound is not kept.
///
/// Server-side store values are kept as the callback returned them, so that readers share
/// them without decoding; each counts as the bytes of its compact encoding (measured, not
/// kept), which is close to, but not exactly, the memory it holds.
///
/// ```
/// use dash::cache::MemoryCache;
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
    value: Held,
    /// What the value counts as: its bytes, or a typed value's encoded length.
    bytes: u64,
    expires: Option<Instant>,
}

#[derive(Clone)]
enum Held {
    Bytes(Bytes),
    Value(StoredValue),
}

fn cost(key: &str, bytes: u64) -> u64 {
    key.len() as u64 + bytes + ENTRY_OVERHEAD
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

    fn held(&self, key: &str) -> Option<Held> {
        let mut inner = self.lock();
        let expired = match inner.entries.get(key) {
            None => return None,
            Some(entry) => entry.expires.is_some_and(|at| at <= Instant::now()),
        };
        if expired {
            if let Some((key, entry)) = inner.entries.pop_entry(key) {
                inner.bytes -= cost(&key, entry.bytes);
            }
            return None;
        }
        inner.entries.get(key).map(|entry| entry.value.clone())
    }

    fn get_now(&self, key: &str) -> Option<Bytes> {
        match self.held(key)? {
            Held::Bytes(bytes) => Some(bytes),
            Held::Value(value) => value.encode().ok().map(Bytes::from),
        }
    }

    fn set_now(&self, key: &str, value: Bytes, ttl: Option<Duration>) {
        let bytes = value.len() as u64;
        self.put(key, Held::Bytes(value), bytes, ttl);
    }

    /// The server-side store value under `key`, as the callback returned it, if this
    /// cache holds it that way.
    pub(crate) fn get_value(&self, key: &str) -> Option<StoredValue> {
        match self.held(key)? {
            Held::Value(value) => Some(value),
            Held::Bytes(_) => None,
        }
    }

    /// Keeps a server-side store value as the callback returned it, counted as `bytes`.
    pub(crate) fn set_value(
        &self,
        key: &str,
        value: StoredValue,
        bytes: u64,
        ttl: Option<Duration>,
    ) {
        self.put(key, Held::Value(value), bytes, ttl);
    }

    fn put(&self, key: &str, value: Held, bytes: u64, ttl: Option<Duration>) {
        let size = cost(key, bytes);
        let mut inner = self.lock();
        if let Some((old_key, old)) = inner.entries.pop_entry(key) {
            inner.bytes -= cost(&old_key, old.bytes);
        }
        if size > self.max_bytes {
            tracing::debug!(key, bytes, "value larger than the memory cache");
            return;
        }
        while inner.bytes + size > self.max_bytes {
            match inner.entries.pop_lru() {
                Some((old_key, old)) => inner.bytes -= cost(&old_key, old.bytes),
                None => break,
            }
        }
        inner.bytes += size;
        let expires = ttl.map(|ttl| Instant::now() + ttl);
        inner.entries.put(
            key.to_owned(),
            Entry {
                value,
                bytes,
                expires,
            },
        );
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

    fn in_process(&self) -> Option<&MemoryCache> {
        Some(self)
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
        let entry = cost("a", 100);
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
        assert_eq!(cache.bytes(), cost("a", 200));
        assert_eq!(cache.get_now("a").unwrap().len(), 200);
    }

    #[test]
    fn store_values_are_kept_as_returned() {
        let cache = MemoryCache::new(10_000);
        let value = StoredValue::new(vec![1u32, 2, 3]);
        cache.set_value("s", value, 4, None);
        let back = cache.get_value("s").unwrap();
        assert_eq!(*back.shared::<Vec<u32>>().unwrap(), vec![1, 2, 3]);
        assert_eq!(cache.bytes(), cost("s", 4));
        // Asked for bytes, it encodes the value.
        let bytes = cache.get_now("s").unwrap();
        assert_eq!(
            dash_core::decode_stored::<Vec<u32>>(&bytes).unwrap(),
            vec![1, 2, 3]
        );
        cache.set_now("b", Bytes::from_static(b"x"), None);
        assert!(
            cache.get_value("b").is_none(),
            "bytes are not a typed value"
        );
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
