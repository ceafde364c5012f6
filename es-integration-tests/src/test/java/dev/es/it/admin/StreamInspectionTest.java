package dev.es.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.Account_AggregateType;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.MissingTableException;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.admin.InspectedEvent;
import dev.es.runtime.admin.StreamInspection;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link EsAdmin#stream}: an operator's view of one stream, also from a process that lacks its event classes. */
@CassandraTest
class StreamInspectionTest {

  private static final AccountEvent.Opened OPENED = new AccountEvent.Opened("ann", LocalDate.of(2026, 12, 3));
  private static final AccountEvent.Deposited DEPOSITED = new AccountEvent.Deposited(new BigDecimal("12.50"), "EUR");

  private static final FeedOptions FEED = FeedOptions.defaults().withShards(1).withPollInterval(Duration.ofMillis(20));

  private static CassandraEventStore store;
  private static Feed feed;
  private static EsAdmin admin;
  private final CqlSession session;

  StreamInspectionTest(CqlSession session) {
    this.session = session;
  }

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    store = new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(keyspace.name()).createKeyspace(false).build(),
        EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    feed = new Feed(session, store, FEED);
    feed.initialize();
    admin = new EsAdmin(feed);
  }

  private static UUID account(List<AccountEvent> events) {
    UUID id = UUID.randomUUID();
    store.append("Account", id, ExpectedVersion.noStream(), List.copyOf(events));
    return id;
  }

  @Test
  void aStreamShowsItsDecodedEventsItsHeadItsSnapshotsAndWhetherTheFeedHasItAll() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    UUID id = account(List.of(OPENED, DEPOSITED));
    StoredSnapshot snapshot = new StoredSnapshot(id, "Account", 2, "fingerprint-1", "{\"balance\":12.5}",
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
    store.saveSnapshot(snapshot);

    StreamInspection unpublished = admin.stream(id, 1, 100);

    assertThat(unpublished.aggregateId()).isEqualTo(id);
    assertThat(unpublished.aggregateType()).isEqualTo("Account");
    assertThat(unpublished.head()).isEqualTo(2);
    assertThat(unpublished.dirty()).isTrue();
    assertThat(unpublished.published()).isZero();
    assertThat(unpublished.fullyPublished()).isFalse();
    assertThat(unpublished.events()).extracting(InspectedEvent::version).containsExactly(1L, 2L);
    assertThat(unpublished.events()).extracting(InspectedEvent::eventType)
        .containsExactly("AccountOpened", "Deposited");
    assertThat(unpublished.events()).extracting(InspectedEvent::payload)
        .containsExactly(Optional.of(OPENED), Optional.of(DEPOSITED));
    assertThat(unpublished.events()).allSatisfy(event -> {
      assertThat(event.undecodable()).isEmpty();
      assertThat(event.timestamp()).isAfterOrEqualTo(before);
    });
    assertThat(unpublished.events().get(0).json()).contains("\"ann\"");
    assertThat(unpublished.snapshots()).containsExactly(snapshot);

    try (FeedPublishers publishers = feed.startPublishing("stream-inspection-test")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> admin.stream(id, 1, 100).fullyPublished());
    }
    StreamInspection published = admin.stream(id, 1, 100);
    assertThat(published.published()).isEqualTo(2);
    assertThat(published.dirty()).isFalse();
  }

  @Test
  void anEventOfATypeTheProcessDoesNotKnowShowsItsStoredJsonAndWhyItCannotBeDecoded(TestKeyspace keyspace) {
    UUID id = account(List.of(OPENED, DEPOSITED));
    CassandraEventStore withoutAccountEvents = new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(keyspace.name()).createKeyspace(false).build(), new EventRegistry());

    StreamInspection inspected = new EsAdmin(new Feed(session, withoutAccountEvents, FEED)).stream(id, 1, 100);

    assertThat(inspected.events()).hasSize(2).allSatisfy(event -> assertThat(event.payload()).isEmpty());
    InspectedEvent opened = inspected.events().get(0);
    assertThat(opened.undecodable()).hasValueSatisfying(why -> assertThat(why).contains("AccountOpened"));
    assertThat(opened.json()).isEqualTo(admin.stream(id, 1, 1).events().get(0).json()).contains("\"ann\"");
    assertThat(inspected.head()).isEqualTo(2);
  }

  @Test
  void aPageStartsAtTheVersionAskedForAndAPagePastTheHeadHasNoEvents() {
    UUID id = account(IntStream.rangeClosed(1, 5)
        .mapToObj(i -> (AccountEvent) new AccountEvent.Deposited(BigDecimal.valueOf(i), "EUR")).toList());

    assertThat(admin.stream(id, 3, 2).events()).extracting(InspectedEvent::version).containsExactly(3L, 4L);
    StreamInspection pastTheHead = admin.stream(id, 6, 10);
    assertThat(pastTheHead.events()).isEmpty();
    assertThat(pastTheHead.head()).isEqualTo(5);
    assertThat(pastTheHead.aggregateType()).isEqualTo("Account");
  }

  @Test
  void anAggregateWithoutEventsAndBadArgumentsAreErrorsThatNameThem() {
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> admin.stream(unknown, 1, 10))
        .isInstanceOfSatisfying(AggregateNotFoundException.class,
            e -> assertThat(e.aggregateId()).isEqualTo(unknown))
        .hasMessageContaining(unknown.toString());
    UUID id = account(List.of(OPENED));
    assertThatThrownBy(() -> admin.stream(id, 0, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fromVersion");
    assertThatThrownBy(() -> admin.stream(id, 1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void anAdminOverAKeyspaceWithoutTheStoresTablesSaysWhichTableAndWhatCreatesIt(TestKeyspace keyspace) {
    String bare = keyspace.name() + "_bare";
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + bare
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    try {
      CassandraEventStore uninitialized = new CassandraEventStore(session,
          EventStoreOptions.builder().keyspace(bare).createKeyspace(false).build(), new EventRegistry());
      assertThatThrownBy(() -> new EsAdmin(new Feed(session, uninitialized, FEED)))
          .isInstanceOf(MissingTableException.class)
          .hasMessageContaining(bare + ".events")
          .hasMessageContaining("store.initialize()");
    } finally {
      session.execute("DROP KEYSPACE IF EXISTS " + bare);
    }
  }
}
