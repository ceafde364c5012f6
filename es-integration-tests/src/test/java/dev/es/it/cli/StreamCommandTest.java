package dev.es.it.cli;

import static dev.es.it.cli.EsCli.es;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.it.cli.EsCli.Run;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.Account_AggregateType;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code es stream}: one stream, as text and as JSON, read by the command line from its own session. */
@CassandraTest
class StreamCommandTest {

  private static final AccountEvent.Opened OPENED = new AccountEvent.Opened("ann", LocalDate.of(2026, 12, 3));
  private static final AccountEvent.Deposited DEPOSITED = new AccountEvent.Deposited(new BigDecimal("12.50"), "EUR");
  private static final FeedOptions FEED = FeedOptions.defaults().withPollInterval(Duration.ofMillis(20));

  private static CassandraEventStore store;
  private static Feed feed;
  private final CassandraCluster cluster;
  private final String keyspace;

  StreamCommandTest(CassandraCluster cluster, TestKeyspace keyspace) {
    this.cluster = cluster;
    this.keyspace = keyspace.name();
  }

  @BeforeAll
  static void createStore(CqlSession session, TestKeyspace keyspace) {
    store = new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(keyspace.name()).createKeyspace(false).build(),
        EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    feed = new Feed(session, store, FEED);
    feed.initialize();
  }

  /** An account opened and credited by "operator-ann" in one correlated append. */
  private static UUID account(List<AccountEvent> events) {
    UUID id = UUID.randomUUID();
    EventMetadata metadata = EventMetadata.empty().withCorrelationId("correlation-1");
    store.appendEvents("Account", id, ExpectedVersion.noStream(), events.stream()
        .map(event -> new NewEvent(UUID.randomUUID(), event, "operator-ann", metadata)).toList());
    return id;
  }

  private Run stream(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--keyspace";
    all[1] = keyspace;
    all[2] = "stream";
    System.arraycopy(args, 0, all, 3, args.length);
    return es(cluster, all);
  }

  private static JsonNode json(Run run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void theTextShowsTheHeadThePublishingStateEachEventAndTheSnapshots() {
    UUID id = account(List.of(OPENED, DEPOSITED));
    store.saveSnapshot(new StoredSnapshot(id, "Account", 2, "fingerprint-1", "{\"balance\":12.50}",
        Instant.now().truncatedTo(ChronoUnit.MILLIS)));

    Run run = stream(id.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.row("aggregate")).containsExactly("aggregate", "Account " + id);
    assertThat(run.row("head")).containsExactly("head", "2");
    assertThat(run.row("published"))
        .containsExactly("published", "0 (2 events not yet in the feed, marked for the feed publisher)");
    assertThat(run.row("VERSION")).containsExactly("VERSION", "TYPE", "REVISION", "TIME", "USER", "PAYLOAD");
    String[] opened = run.row("1");
    assertThat(opened[1]).isEqualTo("AccountOpened");
    assertThat(opened[2]).isEqualTo("1");
    assertThat(Instant.parse(opened[3])).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    assertThat(opened[4]).isEqualTo("operator-ann");
    assertThat(opened[5]).isEqualTo("{\"owner\":\"ann\",\"openedOn\":\"2026-12-03\"}");
    String[] deposited = run.row("2");
    assertThat(deposited[1]).isEqualTo("Deposited");
    assertThat(deposited[2]).as("Deposited is at revision 2").isEqualTo("2");
    assertThat(deposited[5]).isEqualTo("{\"amount\":12.50,\"currency\":\"EUR\"}");
    assertThat(run.row("SNAPSHOT")).containsExactly("SNAPSHOT", "FINGERPRINT", "TIME");
    assertThat(run.out()).containsPattern("(?m)^2 +fingerprint-1 +\\S+Z$").doesNotContain("(more");
  }

  @Test
  void theJsonHasEveryFieldWithPayloadsAsJson() throws IOException {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    UUID id = account(List.of(OPENED, DEPOSITED));

    Run run = stream(id.toString(), "--json");
    JsonNode json = json(run);

    assertThat(json.get("aggregateId").asText()).isEqualTo(id.toString());
    assertThat(json.get("aggregateType").asText()).isEqualTo("Account");
    assertThat(json.get("head").asLong()).isEqualTo(2);
    assertThat(json.get("published").asLong()).isZero();
    assertThat(json.get("dirty").asBoolean()).isTrue();
    assertThat(json.get("fullyPublished").asBoolean()).isFalse();
    assertThat(json.get("events")).hasSize(2);
    JsonNode opened = json.get("events").get(0);
    assertThat(opened.get("version").asLong()).isEqualTo(1);
    assertThat(UUID.fromString(opened.get("eventId").asText())).isNotNull();
    assertThat(opened.get("eventType").asText()).isEqualTo("AccountOpened");
    assertThat(opened.get("revision").asInt()).isEqualTo(1);
    assertThat(Instant.parse(opened.get("timestamp").asText())).isAfterOrEqualTo(before);
    assertThat(opened.get("userId").asText()).isEqualTo("operator-ann");
    assertThat(opened.get("metadata").get("correlation_id").asText()).isEqualTo("correlation-1");
    assertThat(opened.get("payload").get("owner").asText()).isEqualTo("ann");
    assertThat(opened.get("payload").get("openedOn").asText()).isEqualTo("2026-12-03");
    JsonNode deposited = json.get("events").get(1);
    assertThat(deposited.get("version").asLong()).isEqualTo(2);
    assertThat(deposited.get("eventType").asText()).isEqualTo("Deposited");
    assertThat(deposited.get("revision").asInt()).isEqualTo(2);
    assertThat(deposited.get("payload").get("currency").asText()).isEqualTo("EUR");
    assertThat(run.out()).contains("\"amount\" : 12.50");
    assertThat(json.get("snapshots")).isEmpty();
  }

  @Test
  void onceTheFeedHasTheStreamBothSayItIsFullyPublished() throws IOException {
    UUID id = account(List.of(OPENED, DEPOSITED));

    try (FeedPublishers publishers = feed.startPublishing("stream-command-test")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> json(stream(id.toString(), "--json"))
          .get("fullyPublished").asBoolean());
    }

    JsonNode json = json(stream(id.toString(), "--json"));
    assertThat(json.get("published").asLong()).isEqualTo(2);
    assertThat(json.get("dirty").asBoolean()).isFalse();
    assertThat(stream(id.toString()).row("published")).containsExactly("published", "2 (the whole stream)");
  }

  @Test
  void aPageStartsAtFromHoldsAtMostLimitEventsAndSaysWhereTheNextStarts() throws IOException {
    UUID id = account(IntStream.rangeClosed(1, 5)
        .mapToObj(i -> (AccountEvent) new AccountEvent.Deposited(BigDecimal.valueOf(i), "EUR")).toList());

    Run text = stream(id.toString(), "--from", "2", "--limit", "2");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.rows()).filteredOn(row -> row[0].matches("\\d+")).extracting(row -> row[0])
        .containsExactly("2", "3");
    assertThat(text.out()).contains("(more: --from 4)");

    JsonNode json = json(stream(id.toString(), "--from", "2", "--limit", "2", "--json"));
    assertThat(StreamSupport.stream(json.get("events").spliterator(), false).map(e -> e.get("version").asLong()))
        .containsExactly(2L, 3L);
    assertThat(json.get("head").asLong()).isEqualTo(5);

    Run pastTheHead = stream(id.toString(), "--from", "6");
    assertThat(pastTheHead.out()).contains("no events in this page: the stream's head is version 5");
  }

  @Test
  void anUnknownAggregateIsOneLineAndExitCode1() {
    UUID unknown = UUID.randomUUID();

    for (Run run : List.of(stream(unknown.toString()), stream(unknown.toString(), "--json"))) {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).containsExactly("es: no aggregate " + unknown + ": no event is stored for it");
    }
  }

  @Test
  void aBadArgumentIsOneLineAndExitCode2() {
    Run notAUuid = stream("not-a-uuid");
    assertThat(notAUuid.exitCode()).isEqualTo(2);
    assertThat(notAUuid.err().lines()).singleElement().asString()
        .startsWith("es: ").contains("'not-a-uuid' is not a UUID");

    Run noEvents = stream(UUID.randomUUID().toString(), "--limit", "0");
    assertThat(noEvents.exitCode()).isEqualTo(2);
    assertThat(noEvents.err().lines()).singleElement().asString()
        .isEqualTo("es: --limit must be at least 1, was 0 (see es stream --help)");
  }

  @Test
  void aKeyspaceWithoutTheStoresTablesIsOneLineNamingTheTableAndExitCode3(CqlSession session) {
    String bare = keyspace + "_bare";
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + bare
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    try {
      Run run = es(cluster, "--keyspace", bare, "stream", UUID.randomUUID().toString());

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("es: table " + bare + ".events does not exist").contains("store.initialize()");
    } finally {
      session.execute("DROP KEYSPACE IF EXISTS " + bare);
    }
  }

  @Test
  void theDriversConfigurationFileGivesTheNodesAndTheKeyspace(@TempDir Path directory) throws IOException {
    UUID id = account(List.of(OPENED));
    Path config = Files.writeString(directory.resolve("application.conf"), """
        datastax-java-driver.basic {
          contact-points = ["%s"]
          load-balancing-policy.local-datacenter = %s
          session-keyspace = %s
        }
        """.formatted(EsCli.contactPoint(cluster.contactPoints().get(0)), cluster.localDatacenter(), keyspace));

    Run run = EsCli.run("stream", id.toString(), "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.row("aggregate")).containsExactly("aggregate", "Account " + id);
    assertThat(run.row("1")[1]).isEqualTo("AccountOpened");
  }
}
