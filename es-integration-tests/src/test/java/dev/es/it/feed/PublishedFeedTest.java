package dev.es.it.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of consumers: every test gets fresh feed tables with their publishers running. */
abstract class PublishedFeedTest {

  static final Duration PATIENCE = Duration.ofSeconds(30);

  final CqlSession session;
  final TestKeyspace keyspace;
  final FeedOptions options;
  FeedFixture fixture;
  FeedPublishers publishers;

  PublishedFeedTest(CqlSession session, TestKeyspace keyspace, FeedOptions options) {
    this.session = session;
    this.keyspace = keyspace;
    this.options = options;
  }

  @BeforeEach
  void freshTablesAndPublishers() {
    fixture = FeedFixture.onFreshTables(session, keyspace.name(), options);
    publishers = fixture.feed.startPublishing("publisher");
  }

  @AfterEach
  void stopPublishers() {
    publishers.close();
  }

  /** Appends to new streams; their ids with their head versions, in the order appended. */
  Map<UUID, Long> append(int streams, int appendsPerStream, int eventsPerAppend) {
    Map<UUID, Long> versions = new LinkedHashMap<>();
    for (int s = 0; s < streams; s++) {
      UUID id = UUID.randomUUID();
      long version = 0;
      for (int a = 0; a < appendsPerStream; a++) {
        version = fixture.append(id, version, eventsPerAppend);
      }
      versions.put(id, version);
    }
    return versions;
  }

  static long total(Map<UUID, Long> streams) {
    return streams.values().stream().mapToLong(Long::longValue).sum();
  }
}
