//! What the steering pages load (dashboard, status pages, meeting pack, strategy tree, API tree),
//! kept in memory per municipality and checked against its data version (issue 17.1).
//!
//! Freshness: every write that can change what those pages show bumps `tenants.data_version` in
//! its own transaction (statement-level triggers, migration 20261205000100), and the guard reads
//! that version in the same statement as the session and the membership. An entry is served only
//! when its version equals the one just read, so a change is visible on the next request through
//! whatever path it was written (a form, the import, the API, the CLI, another instance). The
//! version is read before the data is loaded, so an entry is never older than its version says.
//!
//! Isolation: the key holds the municipality; the version is per municipality. One municipality's
//! entry is never found under another's key.
//!
//! Memory: bounded by an estimate of the entries' bytes; the least recently used go first. One
//! entry per (municipality, kind, variant): a newer version replaces the older, which is never
//! served again anyway, so dead versions do not take room.

use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use hashlink::LruCache;
use uuid::Uuid;

/// What is cached: a municipality's page data of one kind, for one variant (a round, a language).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub tenant: Uuid,
    /// Which loader ("dashboard", "tree", "api-tree").
    pub kind: &'static str,
    /// What else the data depends on: the requested round, the language of rendered text.
    pub variant: String,
}

impl Key {
    pub fn new(tenant: Uuid, kind: &'static str, variant: impl Into<String>) -> Self {
        Self {
            tenant,
            kind,
            variant: variant.into(),
        }
    }

    fn bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.variant.len()
    }
}

struct Entry {
    version: i64,
    value: Arc<dyn Any + Send + Sync>,
    bytes: usize,
}

struct Inner {
    map: LruCache<Key, Entry>,
    bytes: usize,
}

/// Counters, for the benchmark and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub entries: usize,
    pub bytes: usize,
    pub hits: u64,
    pub misses: u64,
}

pub struct SnapshotCache {
    inner: Mutex<Inner>,
    capacity: usize,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl SnapshotCache {
    /// A cache holding at most `capacity` bytes (by the entries' own estimates); 0 caches nothing.
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(Inner {
                map: LruCache::new_unbounded(),
                bytes: 0,
            }),
            capacity,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves consistent data (every update is one step).
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The entry for `key` if it was loaded at exactly `version`.
    pub fn get<T: Any + Send + Sync>(&self, key: &Key, version: i64) -> Option<Arc<T>> {
        let found = {
            let mut inner = self.lock();
            match inner.map.get(key) {
                Some(entry) if entry.version == version => entry.value.clone().downcast::<T>().ok(),
                _ => None,
            }
        };
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Keeps `value`, loaded at `version`, of about `bytes` bytes. An entry of a newer version
    /// stays (a slow request must not put back older data); the least recently used entries make
    /// room. An entry larger than the whole budget is not kept.
    pub fn put<T: Any + Send + Sync>(&self, key: Key, version: i64, value: Arc<T>, bytes: usize) {
        let bytes = bytes + key.bytes() + std::mem::size_of::<Entry>();
        if bytes > self.capacity {
            return;
        }
        let mut inner = self.lock();
        if inner.map.get(&key).is_some_and(|old| old.version > version) {
            return;
        }
        if let Some(old) = inner.map.remove(&key) {
            inner.bytes -= old.bytes;
        }
        while inner.bytes + bytes > self.capacity {
            match inner.map.remove_lru() {
                Some((_, old)) => inner.bytes -= old.bytes,
                None => break,
            }
        }
        inner.bytes += bytes;
        inner.map.insert(
            key,
            Entry {
                version,
                value,
                bytes,
            },
        );
    }

    pub fn stats(&self) -> Stats {
        let inner = self.lock();
        Stats {
            entries: inner.map.len(),
            bytes: inner.bytes,
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }
}

/// An estimate of the heap bytes a cached value holds, for the cache's budget. Estimates count
/// the texts and the vectors' elements; they need not be exact, only proportional.
pub trait Weigh {
    fn weigh(&self) -> usize;
}

impl Weigh for String {
    fn weigh(&self) -> usize {
        self.capacity()
    }
}

impl<T: Weigh> Weigh for Option<T> {
    fn weigh(&self) -> usize {
        self.as_ref().map_or(0, Weigh::weigh)
    }
}

impl<T: Weigh> Weigh for Vec<T> {
    fn weigh(&self) -> usize {
        self.capacity() * std::mem::size_of::<T>() + self.iter().map(Weigh::weigh).sum::<usize>()
    }
}

/// Values without heap data of their own.
macro_rules! weigh_nothing {
    ($($t:ty),* $(,)?) => {
        $(impl Weigh for $t {
            fn weigh(&self) -> usize { 0 }
        })*
    };
}

weigh_nothing!(
    Uuid,
    i32,
    i64,
    u32,
    f64,
    bool,
    chrono::NaiveDate,
    chrono::DateTime<chrono::Utc>
);

#[cfg(test)]
mod tests {
    use super::*;

    fn key(tenant: u128, variant: &str) -> Key {
        Key::new(Uuid::from_u128(tenant), "test", variant)
    }

    #[test]
    fn an_entry_is_served_only_at_its_version_and_only_to_its_key() {
        let cache = SnapshotCache::new(1 << 20);
        cache.put(key(1, ""), 7, Arc::new("one".to_string()), 3);
        assert_eq!(
            cache
                .get::<String>(&key(1, ""), 7)
                .as_deref()
                .map(String::as_str),
            Some("one")
        );
        assert!(cache.get::<String>(&key(1, ""), 8).is_none());
        assert!(cache.get::<String>(&key(2, ""), 7).is_none());
        assert!(cache.get::<String>(&key(1, "en"), 7).is_none());
        // The wrong type is a miss, not a panic.
        assert!(cache.get::<u32>(&key(1, ""), 7).is_none());
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.entries), (1, 4, 1));
    }

    #[test]
    fn a_newer_version_replaces_an_older_one_never_the_reverse() {
        let cache = SnapshotCache::new(1 << 20);
        cache.put(key(1, ""), 2, Arc::new(2u32), 4);
        cache.put(key(1, ""), 3, Arc::new(3u32), 4);
        cache.put(key(1, ""), 2, Arc::new(22u32), 4);
        assert_eq!(cache.get::<u32>(&key(1, ""), 3).as_deref(), Some(&3));
        assert!(cache.get::<u32>(&key(1, ""), 2).is_none());
        assert_eq!(cache.stats().entries, 1);
    }

    #[test]
    fn the_least_recently_used_entries_make_room_within_the_budget() {
        let one = key(1, "").bytes() + std::mem::size_of::<Entry>() + 1000;
        let cache = SnapshotCache::new(3 * one);
        for tenant in 1..=3 {
            cache.put(key(tenant, ""), 1, Arc::new(tenant), 1000);
        }
        // Tenant 1 is used, so tenant 2 is the least recently used when 4 comes.
        assert!(cache.get::<u128>(&key(1, ""), 1).is_some());
        cache.put(key(4, ""), 1, Arc::new(4u128), 1000);
        assert!(cache.get::<u128>(&key(2, ""), 1).is_none());
        for tenant in [1, 3, 4] {
            assert!(cache.get::<u128>(&key(tenant, ""), 1).is_some(), "{tenant}");
        }
        let stats = cache.stats();
        assert_eq!(stats.entries, 3);
        assert!(stats.bytes <= 3 * one);
        // Larger than the whole budget: not kept, and nothing else is thrown out for it.
        cache.put(key(5, ""), 1, Arc::new(5u128), 10 * one);
        assert!(cache.get::<u128>(&key(5, ""), 1).is_none());
        assert_eq!(cache.stats().entries, 3);
    }
}
