//! The backend on disk: one file per value in a folder, kept across restarts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use lru::LruCache;

use super::{CacheBackend, CacheError, CacheFuture};

/// The first bytes of every cache file: a format tag, then the expiry time.
const MAGIC: &[u8; 8] = b"dashc001";
const HEADER: usize = 16;

impl std::fmt::Debug for DiskCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiskCache")
            .field("dir", &self.dir)
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

/// Values in files under one folder, so they survive a restart of the app. At most
/// `max_bytes` are kept; the least recently used files are deleted first.
///
/// Each file is written to a temporary name and renamed into place, so a reader never
/// sees half a value, and several processes on one machine may share the folder. The
/// bound is enforced by each process for the files it knows of (those present when it
/// started and those it wrote), so processes sharing a folder may together exceed it.
///
/// ```
/// use dash::cache::DiskCache;
/// let dir = tempfile::tempdir().unwrap();
/// let cache = DiskCache::open(dir.path(), 1 << 30).unwrap();
/// # let _ = cache;
/// ```
pub struct DiskCache {
    dir: PathBuf,
    max_bytes: u64,
    /// Known files by key, with their sizes, in order of use.
    index: Arc<Mutex<Index>>,
}

struct Index {
    files: LruCache<String, u64>,
    bytes: u64,
}

impl DiskCache {
    /// Uses (and creates if needed) the folder `dir`, picking up the values already there.
    pub fn open(dir: impl AsRef<Path>, max_bytes: u64) -> std::io::Result<Self> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)?;
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !is_key(&name) {
                continue; // temporary files and anything else
            }
            let metadata = entry.metadata()?;
            let used = metadata
                .accessed()
                .or_else(|_| metadata.modified())
                .unwrap_or(UNIX_EPOCH);
            found.push((used, name, metadata.len()));
        }
        found.sort();
        let mut index = Index {
            files: LruCache::unbounded(),
            bytes: 0,
        };
        for (_, name, size) in found {
            index.bytes += size;
            index.files.put(name, size);
        }
        let cache = DiskCache {
            dir,
            max_bytes,
            index: Arc::new(Mutex::new(index)),
        };
        cache.evict(0);
        Ok(cache)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Index> {
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Deletes the least recently used files until `incoming` more bytes fit.
    fn evict(&self, incoming: u64) {
        let mut index = self.lock();
        while index.bytes + incoming > self.max_bytes {
            let Some((key, size)) = index.files.pop_lru() else {
                break;
            };
            index.bytes -= size;
            let _ = std::fs::remove_file(self.dir.join(&key));
        }
    }

    fn forget(&self, key: &str) {
        let mut index = self.lock();
        if let Some(size) = index.files.pop(key) {
            index.bytes -= size;
        }
    }

    fn read(&self, key: &str) -> Result<Option<Bytes>, CacheError> {
        let path = self.dir.join(key);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                self.forget(key);
                return Ok(None);
            }
            Err(error) => return Err(error.into()),
        };
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            // Not ours, or cut short: treat as missing and clear it.
            let _ = std::fs::remove_file(&path);
            self.forget(key);
            return Ok(None);
        }
        let expires = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes"));
        if expires != 0 && expires <= now_millis() {
            let _ = std::fs::remove_file(&path);
            self.forget(key);
            return Ok(None);
        }
        {
            let mut index = self.lock();
            if index.files.get(key).is_none() {
                // Written by another process sharing the folder.
                let size = bytes.len() as u64;
                index.bytes += size;
                index.files.put(key.to_owned(), size);
            }
        }
        let mut bytes = Bytes::from(bytes);
        Ok(Some(bytes.split_off(HEADER)))
    }

    fn write(&self, key: &str, value: &[u8], ttl: Option<Duration>) -> Result<(), CacheError> {
        let size = (HEADER + value.len()) as u64;
        self.forget(key);
        if size > self.max_bytes {
            let _ = std::fs::remove_file(self.dir.join(key));
            return Ok(());
        }
        self.evict(size);
        let expires = ttl.map_or(0, |ttl| now_millis().saturating_add(ttl.as_millis() as u64));
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        file.write_all(MAGIC)?;
        file.write_all(&expires.to_le_bytes())?;
        file.write_all(value)?;
        file.persist(self.dir.join(key)).map_err(|e| e.error)?;
        let mut index = self.lock();
        index.bytes += size;
        index.files.put(key.to_owned(), size);
        Ok(())
    }
}

/// Keys are made of `[a-z0-9:-]`; `:` is not allowed in file names everywhere, so it
/// becomes `_`.
fn file_name(key: &str) -> String {
    key.replace(':', "_")
}

fn is_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl CacheBackend for DiskCache {
    fn get<'a>(&'a self, key: &'a str) -> CacheFuture<'a, Result<Option<Bytes>, CacheError>> {
        let this = self.shallow();
        let key = file_name(key);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || this.read(&key))
                .await
                .map_err(|e| CacheError::Io(std::io::Error::other(e)))?
        })
    }

    fn set<'a>(
        &'a self,
        key: &'a str,
        value: Bytes,
        ttl: Option<Duration>,
    ) -> CacheFuture<'a, Result<(), CacheError>> {
        let this = self.shallow();
        let key = file_name(key);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || this.write(&key, &value, ttl))
                .await
                .map_err(|e| CacheError::Io(std::io::Error::other(e)))?
        })
    }

    fn describe(&self) -> String {
        format!(
            "disk ({}, at most {} bytes)",
            self.dir.display(),
            self.max_bytes
        )
    }
}

impl DiskCache {
    /// A handle on the same folder and index, to move into a blocking task.
    fn shallow(&self) -> DiskCache {
        DiskCache {
            dir: self.dir.clone(),
            max_bytes: self.max_bytes,
            index: self.index.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_survive_reopening_and_expire() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::open(dir.path(), 1 << 20).unwrap();
        cache.write("m_abc", b"hello", None).unwrap();
        cache
            .write("m_short", b"soon gone", Some(Duration::from_millis(1)))
            .unwrap();
        drop(cache);
        std::thread::sleep(Duration::from_millis(5));
        let cache = DiskCache::open(dir.path(), 1 << 20).unwrap();
        assert_eq!(cache.read("m_abc").unwrap().as_deref(), Some(&b"hello"[..]));
        assert_eq!(cache.read("m_short").unwrap(), None);
        assert_eq!(cache.read("m_never").unwrap(), None);
    }

    #[test]
    fn the_bound_deletes_the_least_recently_used_files() {
        let dir = tempfile::tempdir().unwrap();
        let one = (HEADER + 100) as u64;
        let cache = DiskCache::open(dir.path(), one * 2).unwrap();
        cache.write("a", &[1; 100], None).unwrap();
        cache.write("b", &[2; 100], None).unwrap();
        assert!(cache.read("a").unwrap().is_some());
        cache.write("c", &[3; 100], None).unwrap();
        assert!(
            !dir.path().join("b").exists(),
            "b was the least recently used"
        );
        assert!(cache.read("a").unwrap().is_some() && cache.read("c").unwrap().is_some());
        cache.write("huge", &[4; 1000], None).unwrap();
        assert!(cache.read("huge").unwrap().is_none());
    }

    #[test]
    fn a_damaged_file_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::open(dir.path(), 1 << 20).unwrap();
        std::fs::write(dir.path().join("m_bad"), b"short").unwrap();
        assert_eq!(cache.read("m_bad").unwrap(), None);
        assert!(!dir.path().join("m_bad").exists());
    }
}
