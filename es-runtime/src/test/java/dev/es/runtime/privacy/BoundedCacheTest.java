package dev.es.runtime.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  private final AtomicLong now = new AtomicLong();

  @Test
  void neverHoldsMoreThanItsSizeAndDropsTheLeastRecentlyUsed() {
    BoundedCache<String, Integer> cache = new BoundedCache<>(3, Duration.ofHours(1), now::get);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    assertThat(cache.get("a")).as("a used: b is now the least recently used").isEqualTo(1);
    cache.put("d", 4);

    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isEqualTo(1);
    assertThat(cache.get("c")).isEqualTo(3);
    assertThat(cache.get("d")).isEqualTo(4);

    IntStream.range(0, 10_000).forEach(i -> cache.put("k" + i, i));
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("k9999")).isEqualTo(9999);
  }

  @Test
  void anEntryOlderThanItsTimeToLiveIsGoneAndAPutStartsItAnew() {
    BoundedCache<String, Integer> cache = new BoundedCache<>(10, Duration.ofSeconds(60), now::get);
    cache.put("a", 1);
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(cache.get("a")).as("reading does not extend the time-to-live").isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(cache.get("a")).isNull();
    assertThat(cache.size()).as("dropped when found expired").isZero();

    cache.put("a", 2);
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(cache.contains("a")).isTrue();
  }

  @Test
  void withoutTimeToLiveEntriesLeaveOnlyWhenFullOrRemoved() {
    BoundedCache<String, Boolean> cache = new BoundedCache<>(2, BoundedCache.FOREVER, now::get);
    cache.put("a", true);
    now.set(Long.MAX_VALUE - 1);
    assertThat(cache.contains("a")).isTrue();
    cache.remove("a");
    assertThat(cache.contains("a")).isFalse();
  }

  @Test
  void refusesASizeBelowOne() {
    assertThatThrownBy(() -> new BoundedCache<>(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
  }
}
