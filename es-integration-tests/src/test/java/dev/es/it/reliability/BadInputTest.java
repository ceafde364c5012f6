package dev.es.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.store.Account;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.AccountRepository;
import dev.es.it.store.Account_AggregateType;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.BatchTooLargeException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.runtime.UnknownEventTypeException;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken input: each is refused with an error that names what is wrong, nothing is stored, and the
 * store goes on working. Stored rows the code cannot read are in {@code dev.es.it.store.DeserializationTest};
 * invalid keyspace and table names in {@code SchemaTest} and {@code CqlIdentifiersTest}.
 */
@CassandraTest
class BadInputTest {

  private static CassandraEventStore store;
  private static AggregateRootRepository<Account, AccountEvent> accounts;
  private final CqlSession session;
  private final TestKeyspace keyspace;

  BadInputTest(CqlSession session, TestKeyspace keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    store = new CassandraEventStore(session, EventStoreOptions.builder().keyspace(keyspace.name())
        .eventsTable("bad_events").snapshotsTable("bad_snapshots").build(),
        EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    accounts = new AccountRepository(store);
  }

  private long rowsIn(String table) {
    return session.execute("SELECT count(*) FROM " + keyspace.name() + "." + table).one().getLong(0);
  }

  /** After every test: the store still appends and reads. */
  @AfterEach
  void theStoreKeepsWorking() {
    UUID id = UUID.randomUUID();
    accounts.save(Account.open(id, "after"));
    assertThat(accounts.load(id).state().owner()).isEqualTo("after");
  }

  private static AccountEvent.Opened opened() {
    return new AccountEvent.Opened("ann", LocalDate.of(2026, 1, 2));
  }

  private void refusedWithoutWriting(ThrowingCallable call, Class<? extends Throwable> type, String... named) {
    long before = rowsIn("bad_events");
    var thrown = assertThatThrownBy(call).isInstanceOf(type);
    for (String name : named) {
      thrown.hasMessageContaining(name);
    }
    assertThat(rowsIn("bad_events")).as("rows after a refused call").isEqualTo(before);
  }

  @Test
  void nullOrEmptyIdsAreRefusedNamingTheParameterAndNothingIsStored() {
    UUID id = UUID.randomUUID();
    List<Object> one = List.of(opened());
    refusedWithoutWriting(() -> store.append("Account", null, ExpectedVersion.noStream(), one),
        NullPointerException.class, "aggregateId");
    refusedWithoutWriting(() -> store.append(null, id, ExpectedVersion.noStream(), one),
        NullPointerException.class, "aggregateType");
    refusedWithoutWriting(() -> store.append("", id, ExpectedVersion.noStream(), one),
        IllegalArgumentException.class, "aggregateType", id.toString());
    refusedWithoutWriting(() -> store.append(" ", id, ExpectedVersion.noStream(), one),
        IllegalArgumentException.class, "aggregateType");
    refusedWithoutWriting(() -> store.append("Account", id, null, one),
        NullPointerException.class, "expected");
    refusedWithoutWriting(() -> store.append("Account", id, ExpectedVersion.noStream(), List.of()),
        IllegalArgumentException.class, "nothing to append", id.toString());
    refusedWithoutWriting(() -> store.appendEvents("Account", id, ExpectedVersion.noStream(),
        Arrays.asList(NewEvent.of(opened()), null)), NullPointerException.class, "event");
    refusedWithoutWriting(() -> new NewEvent(null, opened(), null, EventMetadata.empty()),
        NullPointerException.class, "eventId");
    refusedWithoutWriting(() -> NewEvent.of(null), NullPointerException.class, "payload");
    refusedWithoutWriting(() -> store.append("Account", id, ExpectedVersion.noStream(), List.of("not an event")),
        IllegalArgumentException.class, "java.lang.String");
    refusedWithoutWriting(() -> EventMetadata.empty().with("tenant", null),
        NullPointerException.class, "tenant");

    refusedWithoutWriting(() -> store.readStream(null), NullPointerException.class, "aggregateId");
    refusedWithoutWriting(() -> store.currentVersion(null), NullPointerException.class, "aggregateId");
    refusedWithoutWriting(() -> store.exists(null), NullPointerException.class, "aggregateId");
    refusedWithoutWriting(() -> store.snapshotsAtOrBelow(null, 1).toList(), NullPointerException.class,
        "aggregateId");
    // repositories name their parameter "id"
    refusedWithoutWriting(() -> accounts.load(null), NullPointerException.class, "id");
    refusedWithoutWriting(() -> accounts.update(null, a -> a.deposit(BigDecimal.ONE)),
        NullPointerException.class, "id");
    refusedWithoutWriting(() -> accounts.loadAsOf(null, Instant.now()), NullPointerException.class, "id");
    assertThat(store.exists(id)).isFalse();
  }

  @Test
  void metadataAndUserIdsWithQuotesNewlinesAndNonBmpCharactersRoundTripExactly() {
    String hostile = "it's \"quoted\"\n\r\ttab; DROP TABLE bad_events; -- \u0000 nul \\ backslash"
        + " \uD83D\uDE00 emoji \uD834\uDD1E clef \u00E9\u0301 combining \u202E rtl \uFEFF bom";
    EventMetadata metadata = EventMetadata.empty().withSource(hostile).withCorrelationId("c'" + hostile)
        .withCausationId("\n").with(hostile, hostile).with("'", "").with("\uD83D\uDCA9", "\uD83D\uDCA9".repeat(1000));
    UUID id = UUID.randomUUID();
    NewEvent event = new NewEvent(UUID.randomUUID(), new AccountEvent.Opened(hostile, LocalDate.MAX), hostile,
        metadata);

    store.appendEvents("Account", id, ExpectedVersion.noStream(), List.of(event));

    EventEnvelope<Object> read = store.readStream(id).findFirst().orElseThrow();
    assertThat(read.metadata()).isEqualTo(metadata);
    assertThat(read.metadata().attributes().get(hostile)).isEqualTo(hostile);
    assertThat(read.userId()).isEqualTo(hostile);
    assertThat(read.payload()).isEqualTo(event.payload());
    assertThat(store.readByType("AccountOpened", read.timestamp(), read.timestamp().plusMillis(1))
        .filter(e -> e.aggregateId().equals(id)).toList()).containsExactly(read);
  }

  @Test
  void textThatIsNotValidUnicodeIsRefusedNamingTheFieldInsteadOfBeingStoredAltered() {
    String loneSurrogate = "broken \uD83D half";
    UUID id = UUID.randomUUID();
    refusedWithoutWriting(() -> store.append("Account", id, ExpectedVersion.noStream(), List.of(opened()),
        EventMetadata.empty().with("note", loneSurrogate)), IllegalArgumentException.class, "metadata", "note",
        id.toString());
    refusedWithoutWriting(() -> store.append("Account", id, ExpectedVersion.noStream(), List.of(opened()),
        EventMetadata.empty().with(loneSurrogate, "x")), IllegalArgumentException.class, "metadata");
    refusedWithoutWriting(() -> store.appendEvents("Account", id, ExpectedVersion.noStream(),
        List.of(new NewEvent(UUID.randomUUID(), opened(), loneSurrogate, EventMetadata.empty()))),
        IllegalArgumentException.class, "user id");
    refusedWithoutWriting(() -> store.append("Account", id, ExpectedVersion.noStream(),
        List.of(new AccountEvent.Opened(loneSurrogate, LocalDate.MIN))), IllegalArgumentException.class,
        "payload", "AccountOpened");
    refusedWithoutWriting(() -> store.append("Account\uDC00", id, ExpectedVersion.noStream(), List.of(opened())),
        IllegalArgumentException.class, "aggregateType");
  }

  @Test
  void aHugeMetadataMapRoundTripsWhenItFitsAndIsRefusedWholeWhenItDoesNot() {
    Map<String, String> large = new LinkedHashMap<>();
    for (int i = 0; i < 5_000; i++) {
      large.put("key-" + i, "value \"" + i + "\"\n\uD83D\uDE00");
    }
    UUID id = UUID.randomUUID();
    EventMetadata fits = new EventMetadata("corr", null, null, large);
    store.append("Account", id, ExpectedVersion.noStream(), List.of(opened()), fits);
    assertThat(store.readStream(id).findFirst().orElseThrow().metadata()).isEqualTo(fits);

    Map<String, String> huge = new LinkedHashMap<>();
    for (int i = 0; i < 100_000; i++) {
      huge.put("key-" + i, "value-" + i);
    }
    UUID other = UUID.randomUUID();
    refusedWithoutWriting(() -> store.append("Account", other, ExpectedVersion.noStream(), List.of(opened()),
        new EventMetadata(null, null, null, huge)), BatchTooLargeException.class, other.toString(), "bytes");
    assertThat(store.exists(other)).isFalse();

    Account account = accounts.load(id);
    account.tag("x".repeat(2 * 1024 * 1024));
    refusedWithoutWriting(() -> accounts.save(account), BatchTooLargeException.class, id.toString());
    assertThat(store.currentVersion(id)).isEqualTo(1);
  }

  @Test
  void aProjectionNameWithQuotesCqlAndNonBmpCharactersIsAValueLikeAnyOther() {
    String hostile = "it's\"; DROP TABLE leases; --\n\uD83D\uDE00";
    dev.es.runtime.feed.Feed feed = new dev.es.runtime.feed.Feed(session, store,
        dev.es.runtime.feed.FeedOptions.defaults().withShards(1).withPollInterval(java.time.Duration.ofMillis(20)));
    feed.initialize();
    List<UUID> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.es.runtime.projection.Projection projection = new dev.es.runtime.projection.Projection() {
      @Override
      public String name() {
        return hostile;
      }

      @Override
      public void handle(dev.es.runtime.feed.FeedEvent event) {
        handled.add(event.envelope().aggregateId());
      }

      @Override
      public void reset() {
        handled.clear();
      }
    };
    UUID id = UUID.randomUUID();
    try (var publishers = feed.startPublishing("publisher");
        var runner = dev.es.runtime.projection.ProjectionRunner.builder(feed).add(projection).build().start()) {
      accounts.save(Account.open(id, "ann"));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> handled.contains(id));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> runner.lag(hostile) == 0);
    }
    assertThat(session.execute(session.prepare("SELECT position FROM " + keyspace.name()
        + ".leases WHERE name = ?").bind("projection:" + hostile + ":0")).one()).isNotNull();
    assertThat(rowsIn("leases")).isGreaterThan(0);
  }

  @Test
  void aStreamWithAnEventFromANewerRevisionIsNeverLoadedOrUpdatedAndOtherStreamsAreUnaffected() {
    UUID id = UUID.randomUUID();
    accounts.save(Account.open(id, "ann"));
    session.execute(session.prepare("INSERT INTO " + keyspace.name() + ".bad_events (aggregate_id, version,"
        + " event_id, aggregate_type, event_type, event_revision, ts, metadata, payload, head)"
        + " VALUES (?, 2, ?, 'Account', 'Deposited', 7, ?, {}, ?, 2)")
        .bind(id, UUID.randomUUID(), Instant.now(), "{\"amount\": 1, \"currency\": \"EUR\", \"fee\": 0}"));

    refusedWithoutWriting(() -> accounts.update(id, a -> a.deposit(BigDecimal.ONE)),
        UnknownEventTypeException.class, id.toString(), "version 2", "'Deposited'", "revision 7");
    assertThat(store.currentVersion(id)).isEqualTo(2);
    refusedWithoutWriting(() -> store.append("Account", id, ExpectedVersion.exactly(1), List.of(opened())),
        dev.es.runtime.ConcurrencyConflictException.class, "actual version 2");
    assertThat(store.readStream(id, 1, 1).toList()).hasSize(1);
  }
}
