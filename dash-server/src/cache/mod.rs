//! Where memoized results and server-side store values are kept: one trait, three
//! backends (memory, disk, Redis), chosen in code with [`Dash::cache`](crate::Dash::cache)
//! or by environment variables.
//!
//! The Redis backend needs the cargo feature `redis`; memory and disk are always there.

mod disk;
pub(crate) mod flights;
mod memory;
#[cfg(feature = "redis")]
mod redis;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;

pub use disk::DiskCache;
pub use memory::MemoryCache;
#[cfg(feature = "redis")]
pub use redis::RedisCache;

use crate::config::EnvError;

/// A future a backend returns; it may borrow the backend and the key.
pub type CacheFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A key-value store for byte values with an optional time to live.
///
/// The server calls it for memoized callbacks (the key is derived from the callback and
/// its inputs) and for server-side stores. A backend that fails returns an error; the
/// server then treats the value as missing and computes it again, so a backend outage
/// costs time, never a failed request. Keys are ASCII, at most 80 bytes, and made of
/// `[a-z0-9:-]`.
pub trait CacheBackend: Send + Sync + 'static {
    /// The value under `key`, or `None` when it is absent or expired.
    fn get<'a>(&'a self, key: &'a str) -> CacheFuture<'a, Result<Option<Bytes>, CacheError>>;

    /// Stores `value` under `key`, replacing what was there, valid for `ttl` (forever when
    /// `None`, until evicted).
    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Option<Duration>,
    ) -> CacheFuture<'a, Result<(), CacheError>>;

    /// A short description for logs, e.g. `memory (256 MiB)`.
    fn describe(&self) -> String;

    /// The backend itself when it keeps values in this process's memory: server-side
    /// store values then stay as the callbacks returned them and are never encoded.
    /// `None` (the default) for a backend that holds bytes elsewhere; the server then
    /// keeps a bounded copy of the values this process computed ([`NEAR_BYTES`]) in front
    /// of it.
    fn in_process(&self) -> Option<&MemoryCache> {
        None
    }

    /// The Redis server behind the backend, when it is one: background jobs then live
    /// there too, so that every replica can answer for them.
    #[cfg(feature = "redis")]
    #[doc(hidden)]
    fn redis_client(&self) -> Option<&::redis::Client> {
        None
    }
}

/// The bound of the in-process copy of server-side store values kept in front of a disk
/// or Redis backend: readers in the process that computed a value share it without
/// decoding, and readers elsewhere decode the backend's bytes. 64 MiB.
pub const NEAR_BYTES: u64 = 64 * 1024 * 1024;

/// Why a backend could not answer.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// Reading or writing the disk cache failed.
    #[error("disk cache: {0}")]
    Io(#[from] std::io::Error),
    /// Redis is unreachable or answered with an error.
    #[error("redis: {0}")]
    Redis(String),
}

/// The backend the app uses, shared by every request.
pub(crate) type Cache = Arc<dyn CacheBackend>;

/// The default bound of the in-memory cache: 256 MiB.
pub const DEFAULT_MEMORY_BYTES: u64 = 256 * 1024 * 1024;
/// The default bound of the disk cache: 4 GiB.
pub const DEFAULT_DISK_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// The backend the environment asks for:
///
/// - `DASH_CACHE`: `memory` (the default), `disk` or `redis`;
/// - `DASH_CACHE_MAX_BYTES`: the bound of the memory or disk cache (defaults 256 MiB and
///   4 GiB);
/// - `DASH_CACHE_DIR`: the disk cache's folder (default `.dash-cache`);
/// - `DASH_REDIS_URL`: the Redis server (default `redis://127.0.0.1:6379/`).
pub(crate) fn from_env() -> Result<Cache, EnvError> {
    let kind = std::env::var("DASH_CACHE").unwrap_or_default();
    let max_bytes = match std::env::var("DASH_CACHE_MAX_BYTES") {
        Ok(text) => Some(text.trim().parse::<u64>().map_err(|e| {
            EnvError::new(
                "DASH_CACHE_MAX_BYTES",
                &text,
                format!("expected a number of bytes: {e}"),
            )
        })?),
        Err(_) => None,
    };
    match kind.trim().to_ascii_lowercase().as_str() {
        "" | "memory" => Ok(Arc::new(MemoryCache::new(
            max_bytes.unwrap_or(DEFAULT_MEMORY_BYTES),
        ))),
        "disk" => {
            let dir = std::env::var("DASH_CACHE_DIR").unwrap_or_else(|_| ".dash-cache".into());
            let cache =
                DiskCache::open(&dir, max_bytes.unwrap_or(DEFAULT_DISK_BYTES)).map_err(|e| {
                    EnvError::new(
                        "DASH_CACHE_DIR",
                        &dir,
                        format!("cannot use the folder: {e}"),
                    )
                })?;
            Ok(Arc::new(cache))
        }
        #[cfg(feature = "redis")]
        "redis" => {
            let url = std::env::var("DASH_REDIS_URL")
                .unwrap_or_else(|_| "redis://127.0.0.1:6379/".into());
            let cache = RedisCache::new(&url).map_err(|e| {
                let shown = crate::config::redacted(&url);
                EnvError::new("DASH_REDIS_URL", &shown, e.to_string())
            })?;
            Ok(Arc::new(cache))
        }
        #[cfg(not(feature = "redis"))]
        "redis" => Err(EnvError::new(
            "DASH_CACHE",
            &kind,
            "this app was built without Redis support: enable the `redis` feature of the \
             `rust-dash` crate (`cargo add rust-dash --features redis`, or \
             `--features redis` for the examples)"
                .into(),
        )),
        _ => Err(EnvError::new(
            "DASH_CACHE",
            &kind,
            "expected `memory`, `disk` or `redis`".into(),
        )),
    }
}

/// A backend behind an `Arc` is a backend: several apps (or a test and its app) may share
/// one instance.
impl<T: CacheBackend> CacheBackend for Arc<T> {
    fn get<'a>(&'a self, key: &'a str) -> CacheFuture<'a, Result<Option<Bytes>, CacheError>> {
        (**self).get(key)
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Option<Duration>,
    ) -> CacheFuture<'a, Result<(), CacheError>> {
        (**self).set(key, value, ttl)
    }

    fn describe(&self) -> String {
        (**self).describe()
    }

    fn in_process(&self) -> Option<&MemoryCache> {
        (**self).in_process()
    }
}
