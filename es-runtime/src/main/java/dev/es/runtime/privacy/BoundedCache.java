package dev.es.runtime.privacy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A map of at most {@code maxSize} entries that drops the least recently used one when full and treats an entry
 * as absent once it is older than its time-to-live. Thread-safe; one lock, held only for a map operation.
 */
final class BoundedCache<K, V> {

  /** No time-to-live: entries leave only when the cache is full. */
  static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

  private record Entry<V>(V value, long loadedAt) {}

  private final int maxSize;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<K, Entry<V>> entries;

  BoundedCache(int maxSize, Duration ttl) {
    this(maxSize, ttl, System::nanoTime);
  }

  /** @param nanoTime the clock of the time-to-live, in nanoseconds (a test's own) */
  BoundedCache(int maxSize, Duration ttl, LongSupplier nanoTime) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("a cache needs room for at least one entry, was " + maxSize);
    }
    this.maxSize = maxSize;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
    // access order: get moves an entry to the end, so the eldest is the least recently used
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > BoundedCache.this.maxSize;
      }
    };
  }

  /** The value, or null if there is none or it has outlived its time-to-live (then it is dropped). */
  synchronized V get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (nanoTime.getAsLong() - entry.loadedAt() >= ttlNanos) {
      entries.remove(key);
      return null;
    }
    return entry.value();
  }

  /** Whether a live entry is there. */
  boolean contains(K key) {
    return get(key) != null;
  }

  /** Stores the value, its time-to-live starting now. */
  synchronized void put(K key, V value) {
    entries.put(key, new Entry<>(value, nanoTime.getAsLong()));
  }

  synchronized void remove(K key) {
    entries.remove(key);
  }

  /** Entries held, expired ones not yet dropped included. */
  synchronized int size() {
    return entries.size();
  }
}
