//! The shared backend: a Redis server that every process of the app talks to.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use redis::aio::MultiplexedConnection;

use super::{CacheBackend, CacheError, CacheFuture};

/// How long one Redis command may take before the value counts as missing.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(2);
/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// After a failure, requests skip Redis for this long before trying to reconnect, so an
/// outage costs each request nothing but the recomputation.
const RETRY_AFTER: Duration = Duration::from_millis(500);

impl std::fmt::Debug for RedisCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL is kept with its password replaced.
        f.debug_struct("RedisCache")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// Values in Redis, shared by every process pointed at the same server: with several
/// replicas behind a load balancer, a result computed by one is a hit for all.
///
/// Keys are prefixed `dash:`. Values without a time to live stay until Redis evicts them
/// under its own `maxmemory` policy. When Redis is down, every lookup is a miss and every
/// write is dropped (one warning when it goes, one note when it comes back); the server
/// keeps answering by computing values again, and reconnects on its own.
///
/// ```
/// use dash::cache::RedisCache;
/// let cache = RedisCache::new("redis://127.0.0.1:6379/").unwrap(); // connects lazily
/// # let _ = cache;
/// ```
pub struct RedisCache {
    client: redis::Client,
    url: String,
    state: Mutex<Link>,
}

#[derive(Default)]
struct Link {
    connection: Option<MultiplexedConnection>,
    /// When the last failure happened, while Redis is considered down.
    failed_at: Option<Instant>,
}

impl RedisCache {
    /// A backend for the Redis server at `url` (`redis://host:port/db`). Only the URL is
    /// checked here; the connection is made on first use and remade after failures.
    pub fn new(url: &str) -> Result<Self, CacheError> {
        let client = redis::Client::open(url).map_err(|e| CacheError::Redis(e.to_string()))?;
        Ok(RedisCache {
            client,
            // Only ever shown: the password is out of it.
            url: crate::config::redacted(url),
            state: Mutex::new(Link::default()),
        })
    }

    fn link(&self) -> std::sync::MutexGuard<'_, Link> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn connection(&self) -> Result<MultiplexedConnection, CacheError> {
        {
            let link = self.link();
            if let Some(connection) = &link.connection {
                return Ok(connection.clone());
            }
            if link.failed_at.is_some_and(|at| at.elapsed() < RETRY_AFTER) {
                return Err(CacheError::Redis("unavailable; will retry shortly".into()));
            }
        }
        let config = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT));
        match self
            .client
            .get_multiplexed_async_connection_with_config(&config)
            .await
        {
            Ok(connection) => {
                let mut link = self.link();
                if link.failed_at.take().is_some() {
                    tracing::info!(url = %self.url, "redis cache reachable again");
                }
                link.connection = Some(connection.clone());
                Ok(connection)
            }
            Err(error) => Err(self.failed(error)),
        }
    }

    /// Forgets the connection after an error, so the next use reconnects.
    fn failed(&self, error: redis::RedisError) -> CacheError {
        let mut link = self.link();
        link.connection = None;
        if link.failed_at.is_none() {
            tracing::warn!(url = %self.url, %error, "redis cache unavailable; computing values instead");
        }
        link.failed_at = Some(Instant::now());
        CacheError::Redis(error.to_string())
    }

    fn key(key: &str) -> String {
        format!("dash:{key}")
    }
}

impl CacheBackend for RedisCache {
    fn get<'a>(&'a self, key: &'a str) -> CacheFuture<'a, Result<Option<Bytes>, CacheError>> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            let value: Option<Vec<u8>> = redis::cmd("GET")
                .arg(Self::key(key))
                .query_async(&mut connection)
                .await
                .map_err(|e| self.failed(e))?;
            Ok(value.map(Bytes::from))
        })
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Option<Duration>,
    ) -> CacheFuture<'a, Result<(), CacheError>> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            let mut command = redis::cmd("SET");
            command.arg(Self::key(key)).arg(value.as_ref());
            if let Some(ttl) = ttl {
                command.arg("PX").arg(ttl.as_millis().max(1) as u64);
            }
            command
                .query_async::<()>(&mut connection)
                .await
                .map_err(|e| self.failed(e))
        })
    }

    fn describe(&self) -> String {
        format!("redis ({})", self.url)
    }

    fn redis_client(&self) -> Option<&redis::Client> {
        Some(&self.client)
    }
}
