package dev.es.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import dev.es.it.bench.Meter;
import dev.es.it.bench.MeterEvent;
import dev.es.it.bench.MeterRepository;
import dev.es.it.generated.Reading;
import dev.es.it.generated.ReadingTable;
import dev.es.it.saga.OrderEvents;
import dev.es.it.saga.OrderSaga;
import dev.es.it.saga.StoreAndFeed;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.PermissionDeniedException;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.StreamArchiver;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.embedded.EmbeddedCassandra;
import dev.es.testkit.embedded.EmbeddedCassandraConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * es with the grants docs/operations.md lists and no more, on a node of its own that requires logins and checks
 * permissions: a schema role creates every table, a run-time role runs the workload (appends, loads, snapshots,
 * publishing, a projection with checkpoints and leases, a saga, closing and archiving a stream), and a role lacking
 * one grant gets an error that says what es was doing and names the table and the permission.
 */
class LeastPrivilegeTest {

  private static final String KEYSPACE = "es_privilege";
  private static final String PASSWORD = "secret";
  private static final String SCHEMA_ROLE = "es_schema";
  private static final String RUN_TIME_ROLE = "es_app";
  private static final String WITHOUT_MODIFY_ON_EVENTS = "es_app_without_modify_on_events";
  private static final String WITHOUT_SELECT_ON_EVENTS = "es_app_without_select_on_events";

  /**
   * What {@code store.initialize()}, {@code feed.initialize()}, {@code SagaRunner.initialize(feed)} and a generated
   * table's {@code initialize()} need, as docs/operations.md lists it: the role then owns the tables it
   * created, which lets it create their indexes.
   */
  private static final List<String> SCHEMA_GRANTS = List.of("CREATE ON KEYSPACE " + KEYSPACE);

  /** Permission and table of each run-time grant, as docs/operations.md lists them. */
  private static final List<String> RUN_TIME_GRANTS = List.of(
      "SELECT ON events", "MODIFY ON events",
      "SELECT ON snapshots", "MODIFY ON snapshots",
      "SELECT ON events_archive", "MODIFY ON events_archive",
      "SELECT ON events_closed", "MODIFY ON events_closed",
      "SELECT ON subject_keys", "MODIFY ON subject_keys",
      "SELECT ON subject_streams", "MODIFY ON subject_streams",
      "SELECT ON feed", "MODIFY ON feed",
      "SELECT ON leases", "MODIFY ON leases",
      "SELECT ON parked_events", "MODIFY ON parked_events",
      "SELECT ON consumer_layouts", "MODIFY ON consumer_layouts",
      "SELECT ON consumer_controls", "MODIFY ON consumer_controls",
      "SELECT ON feed_retention", "MODIFY ON feed_retention",
      "SELECT ON feed_trimmed", "MODIFY ON feed_trimmed",
      "SELECT ON saga_instances", "MODIFY ON saga_instances",
      "SELECT ON saga_associations", "MODIFY ON saga_associations",
      "SELECT ON saga_deadlines", "MODIFY ON saga_deadlines",
      "SELECT ON saga_deadline_buckets", "MODIFY ON saga_deadline_buckets",
      "SELECT ON saga_parked", "MODIFY ON saga_parked",
      // the projection's own table
      "SELECT ON readings", "MODIFY ON readings");

  private static EmbeddedCassandra node;
  private static CqlSession superuser;

  @BeforeAll
  static void startNodeWithRoles() {
    node = EmbeddedCassandra.start(EmbeddedCassandraConfig.defaults()
        .withBaseDirectory(Path.of("target", "es-cassandra-auth").toAbsolutePath())
        .withPasswordAuthentication());
    superuser = await("the default superuser").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .ignoreException(AllNodesFailedException.class)
        .until(() -> login("cassandra", "cassandra"), session -> true);
    superuser.execute("CREATE KEYSPACE " + KEYSPACE
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    for (String role : List.of(SCHEMA_ROLE, RUN_TIME_ROLE, WITHOUT_MODIFY_ON_EVENTS, WITHOUT_SELECT_ON_EVENTS)) {
      superuser.execute("CREATE ROLE " + role + " WITH LOGIN = true AND PASSWORD = '" + PASSWORD + "'");
    }
    for (String grant : SCHEMA_GRANTS) {
      superuser.execute("GRANT " + grant + " TO " + SCHEMA_ROLE);
    }
    try (CqlSession schema = login(SCHEMA_ROLE, PASSWORD)) {
      Feed feed = new Feed(schema, store(schema), StoreAndFeed.OPTIONS);
      feed.store().initialize();
      feed.initialize();
      SagaRunner.initialize(feed);
      new ReadingTable(schema, KEYSPACE).initialize();
    }
    for (String grant : RUN_TIME_GRANTS) {
      String qualified = grant.replace(" ON ", " ON " + KEYSPACE + ".");
      superuser.execute("GRANT " + qualified + " TO " + RUN_TIME_ROLE);
      if (!grant.equals("MODIFY ON events")) {
        superuser.execute("GRANT " + qualified + " TO " + WITHOUT_MODIFY_ON_EVENTS);
      }
      if (!grant.equals("SELECT ON events")) {
        superuser.execute("GRANT " + qualified + " TO " + WITHOUT_SELECT_ON_EVENTS);
      }
    }
  }

  @AfterAll
  static void stopNode() {
    if (superuser != null) {
      superuser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private static CqlSession login(String role, String password) {
    return CqlSession.builder().addContactPoint(node.contactPoint()).withLocalDatacenter("datacenter1")
        .withAuthCredentials(role, password)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
            .build())
        .build();
  }

  private static CassandraEventStore store(CqlSession session) {
    return new CassandraEventStore(session, EventStoreOptions.builder().keyspace(KEYSPACE).createKeyspace(false)
        .build(), new EventRegistry().registerAll(OrderEvents.TYPES));
  }

  @Test
  void theRunTimeRoleWithTheListedGrantsRunsAppendsLoadsSnapshotsPublishingAProjectionASagaAndArchiving() {
    try (CqlSession app = login(RUN_TIME_ROLE, PASSWORD)) {
      CassandraEventStore store = store(app);
      MeterRepository meters = new MeterRepository(store);
      Feed feed = new Feed(app, store, StoreAndFeed.OPTIONS);
      ReadingTable readings = new ReadingTable(app, KEYSPACE);
      UUID meterId = UUID.randomUUID();
      Meter meter = Meter.install(meterId, "M-1", "roof");
      meter.record(new MeterEvent.Read(7));
      meters.save(meter);
      Meter loaded = meters.load(meterId);
      loaded.record(new MeterEvent.Read(5));
      meters.save(loaded);
      assertThat(meters.load(meterId).state().total()).isEqualTo(12);
      store.saveSnapshot(new StoredSnapshot(meterId, "Meter", 3, "fingerprint", "{}",
          Instant.now().truncatedTo(ChronoUnit.MILLIS)));
      assertThat(store.snapshotsAtOrBelow(meterId, 3).map(StoredSnapshot::version).toList()).containsExactly(3L);

      try (FeedPublishers publishers = feed.startPublishing("privilege");
          ProjectionRunner projections = ProjectionRunner.builder(feed).add(readingsOf(readings)).build().start();
          SagaRunner sagas = SagaRunner.builder(feed).add(OrderSaga.TYPE).build().start()) {
        UUID orderId = UUID.randomUUID();
        store.append("Order", orderId, ExpectedVersion.noStream(),
            List.of(new OrderEvents.OrderCreated(orderId, "ann", 4200)));

        await("the projection's rows").atMost(Duration.ofSeconds(30))
            .until(() -> readings.findByPartition(meterId.toString()).toList(), rows -> rows.size() == 3);
        await("the projection's checkpoint").atMost(Duration.ofSeconds(30))
            .until(() -> checkpointsOf("readings"), positions -> positions.stream().anyMatch(p -> p > 0));
        await("the saga's payment request").atMost(Duration.ofSeconds(30))
            .until(() -> storedEventTypes().contains("PaymentRequested"));

        meters.close(meterId);
        StreamArchiver archiver = new StreamArchiver(store);
        await("the closed meter's stream archived, once published").atMost(Duration.ofSeconds(30))
            .until(() -> archiver.archiveClosedFor(Duration.ZERO).archived() == 1);
        assertThat(meters.load(meterId).state().total()).isEqualTo(12);
      }
    }
  }

  /** The positions stored in a projection's leases (one per feed shard), read by the superuser. */
  private static List<Long> checkpointsOf(String projection) {
    return superuser.execute("SELECT name, position FROM " + KEYSPACE + ".leases").all().stream()
        .filter(row -> row.getString("name").startsWith("projection:" + projection + ":") && !row.isNull("position"))
        .map(row -> row.getLong("position")).toList();
  }

  /** The type of every stored event, read by the superuser. */
  private static List<String> storedEventTypes() {
    return superuser.execute("SELECT event_type FROM " + KEYSPACE + ".events").all().stream()
        .map(row -> row.getString("event_type")).toList();
  }

  /** Writes one row per meter event into the generated table, keyed by the event's version. */
  private static Projection readingsOf(ReadingTable readings) {
    return new Projection() {
      @Override
      public String name() {
        return "readings";
      }

      @Override
      public void handle(FeedEvent event) {
        if (event.envelope().aggregateType().equals("Meter")) {
          readings.upsert(new Reading(event.envelope().aggregateId().toString(), event.envelope().version(), 1));
        }
      }
    };
  }

  @Test
  void aRoleLackingOneGrantGetsAnErrorSayingWhatEsWasDoingAndNamingTheTableAndThePermission() {
    UUID meterId = UUID.randomUUID();
    try (CqlSession app = login(RUN_TIME_ROLE, PASSWORD)) {
      new MeterRepository(store(app)).save(Meter.install(meterId, "M-2", "cellar"));
    }
    try (CqlSession withoutModify = login(WITHOUT_MODIFY_ON_EVENTS, PASSWORD);
        CqlSession withoutSelect = login(WITHOUT_SELECT_ON_EVENTS, PASSWORD)) {
      CassandraEventStore store = store(withoutModify);
      UUID orderId = UUID.randomUUID();

      assertThatThrownBy(() -> store.append("Order", orderId, ExpectedVersion.noStream(),
          List.of(new OrderEvents.OrderCreated(orderId, "ann", 4200))))
          .isInstanceOf(PermissionDeniedException.class)
          .hasCauseInstanceOf(UnauthorizedException.class)
          .hasMessageStartingWith("cannot append 1 event to Order " + orderId + " at expected version")
          .hasMessageContaining("has no MODIFY permission on <table " + KEYSPACE + ".events>");
      assertThat(store.currentVersion(orderId)).as("nothing written").isZero();

      assertThatThrownBy(() -> new MeterRepository(store(withoutSelect)).load(meterId))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("cannot load Meter " + meterId)
          .hasMessageContaining("has no SELECT permission on <table " + KEYSPACE + ".events>");

      String noCreate = "has no CREATE permission on <all tables in " + KEYSPACE + ">";
      assertThatThrownBy(store::initialize).isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("cannot initialize the event store in keyspace " + KEYSPACE)
          .hasMessageContaining(noCreate);
      Feed feed = new Feed(withoutModify, store, StoreAndFeed.OPTIONS);
      assertThatThrownBy(feed::initialize).isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("cannot initialize the feed in keyspace " + KEYSPACE)
          .hasMessageContaining(noCreate);
      assertThatThrownBy(() -> SagaRunner.initialize(feed)).isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("cannot initialize the saga tables in keyspace " + KEYSPACE)
          .hasMessageContaining(noCreate);
    }
  }
}
