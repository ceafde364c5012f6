package dev.es.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.store.Account;
import dev.es.it.store.AccountEvent;
import dev.es.it.store.AccountRepository;
import dev.es.it.store.Account_AggregateType;
import dev.es.runtime.AggregateRootRepository;
import dev.es.runtime.AppendOutcomeUnknownException;
import dev.es.runtime.AppendResult;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreException;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cassandra unreachable at start and during operation, on one node. The client talks to the node through a
 * {@link CuttableProxy}: cutting it resets every connection and refuses new ones, which is what the driver sees
 * when the node dies; the node keeps its data, so the test reads what was really stored through its own session.
 */
@CassandraTest
class OutageTest {

  private static final Logger LOG = LoggerFactory.getLogger(OutageTest.class);
  private static CassandraEventStore direct;

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private final CassandraCluster cluster;
  private final List<AutoCloseable> opened = new ArrayList<>();

  OutageTest(CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) {
    this.session = session;
    this.keyspace = keyspace;
    this.cluster = cluster;
  }

  @BeforeAll
  static void createTables(CqlSession session, TestKeyspace keyspace) {
    direct = new CassandraEventStore(session, EventStoreOptions.builder().keyspace(keyspace.name()).build(),
        EventRegistry.of(new Account_AggregateType()));
    direct.initialize();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private CuttableProxy proxy() throws IOException {
    CuttableProxy proxy = new CuttableProxy(cluster.contactPoints().get(0));
    opened.add(proxy);
    return proxy;
  }

  private CqlSession sessionThrough(CuttableProxy proxy) {
    CqlSession s = proxy.openSession(cluster.localDatacenter(), Duration.ofSeconds(10));
    opened.add(0, s);
    return s;
  }

  private CassandraEventStore storeOver(CqlSession s) {
    CassandraEventStore store = new CassandraEventStore(s,
        EventStoreOptions.builder().keyspace(keyspace.name()).build(), EventRegistry.of(new Account_AggregateType()));
    store.initialize();
    return store;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static NewEvent deposit(long euros) {
    return NewEvent.of(new AccountEvent.Deposited(BigDecimal.valueOf(euros), "EUR"));
  }

  private static List<UUID> ids(List<NewEvent> events) {
    return events.stream().map(NewEvent::eventId).toList();
  }

  private List<UUID> storedIds(UUID aggregateId) {
    return direct.readStream(aggregateId).map(EventEnvelope::eventId).toList();
  }

  @Test
  void cassandraDownAtStartFailsFastNamingTheContactPoints() throws IOException {
    int port = closedPort();
    long start = System.nanoTime();
    assertThatThrownBy(() -> CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
        .withLocalDatacenter(cluster.localDatacenter()).withConfigLoader(CuttableProxy.outageConfig(Duration.ofSeconds(10))).build())
        .isInstanceOf(AllNodesFailedException.class)
        .hasMessageContaining("127.0.0.1:" + port);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void initializeWithCassandraGoneFailsFastNamingTheNodesItTried() throws IOException {
    CuttableProxy proxy = proxy();
    CqlSession through = sessionThrough(proxy);
    CassandraEventStore store = new CassandraEventStore(through,
        EventStoreOptions.builder().keyspace(keyspace.name()).build(), EventRegistry.of(new Account_AggregateType()));
    proxy.cut();

    long start = System.nanoTime();
    assertThatThrownBy(store::initialize)
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining(keyspace.name())
        .hasMessageContaining("127.0.0.1:" + proxy.address().getPort())
        .hasCauseInstanceOf(AllNodesFailedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

    proxy.restore();
    awaitRunning(store::initialize);
    UUID id = UUID.randomUUID();
    store.append("Account", id, ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("ann", java.time.LocalDate.of(2026, 1, 1))));
    assertThat(direct.currentVersion(id)).isEqualTo(1);
  }

  @Test
  void whileCassandraIsUnreachableUpdatesFailClearlyWriteNothingAndTheSameRepositoryWorksAgainAfterwards()
      throws IOException {
    CuttableProxy proxy = proxy();
    CassandraEventStore store = storeOver(sessionThrough(proxy));
    AggregateRootRepository<Account, AccountEvent> accounts = new AccountRepository(store);
    UUID id = UUID.randomUUID();
    accounts.save(Account.open(id, "ann"));
    Account loaded = accounts.load(id);
    loaded.deposit(BigDecimal.TEN);

    proxy.cut();
    assertThatThrownBy(() -> accounts.save(loaded)).isInstanceOf(AllNodesFailedException.class);
    assertThatThrownBy(() -> accounts.update(id, a -> a.deposit(BigDecimal.ONE)))
        .isInstanceOf(AllNodesFailedException.class);
    assertThat(direct.currentVersion(id)).isEqualTo(1);
    assertThat(direct.readStream(id).count()).isEqualTo(1);

    proxy.restore();
    awaitWorking(() -> accounts.update(id, a -> a.deposit(BigDecimal.ONE)));
    assertThat(accounts.load(id).state().balance()).isEqualByComparingTo("1");
    assertThat(direct.readStream(id).map(EventEnvelope::version).toList()).containsExactly(1L, 2L);
  }

  @Test
  void anAppendCutOffAfterCassandraAppliedItIsReportedAsUnknownAndARetryWithTheSameIdsStoresItOnce()
      throws Exception {
    CuttableProxy proxy = proxy();
    CassandraEventStore store = storeOver(sessionThrough(proxy));
    UUID id = UUID.randomUUID();
    direct.append("Account", id, ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("ann", java.time.LocalDate.of(2026, 1, 1))));
    List<NewEvent> events = List.of(deposit(1), deposit(2));

    proxy.swallowResponses(true);
    CompletableFuture<AppendResult> append = CompletableFuture.supplyAsync(
        () -> store.appendEvents("Account", id, ExpectedVersion.exactly(1), events));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (direct.currentVersion(id) < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(direct.currentVersion(id)).as("the batch reached Cassandra and was applied").isEqualTo(3);
    proxy.cut();

    assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(AppendOutcomeUnknownException.class)
        .hasMessageContaining(id.toString())
        .hasMessageContaining("retry with the same event ids");

    proxy.restore();
    AppendResult retried = awaitWorking(
        () -> store.appendEvents("Account", id, ExpectedVersion.exactly(1), events));
    assertThat(retried.alreadyStored()).isTrue();
    assertThat(retried.currentVersion()).isEqualTo(3);
    assertThat(storedIds(id).subList(1, 3)).isEqualTo(ids(events));
  }

  /**
   * Four writers append to their own aggregates while the node becomes unreachable for two seconds. Each writer
   * retries an append whose outcome is unknown with the same event ids until it gets an answer (a later "no node"
   * failure of such a retry says nothing about the first attempt), and starts over with new events after an
   * append that failed otherwise. Afterwards every acknowledged event is stored exactly once, in order, and
   * no event of a failed append is stored.
   */
  @Test
  void appendsDuringAnOutageAreAcknowledgedExactlyOnceOrFailWithoutAnyTrace() throws Exception {
    CuttableProxy proxy = proxy();
    CassandraEventStore store = storeOver(sessionThrough(proxy));
    int writers = 4;
    AtomicBoolean running = new AtomicBoolean(true);
    Map<UUID, List<UUID>> acknowledged = new ConcurrentHashMap<>();
    List<UUID> failedIds = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      UUID id = UUID.randomUUID();
      acknowledged.put(id, java.util.Collections.synchronizedList(new ArrayList<>()));
      done.add(CompletableFuture.runAsync(() -> {
        long version = 0;
        List<NewEvent> pending = null;
        boolean uncertain = false; // pending's outcome is unknown: only the same ids may be sent again
        while (running.get() || uncertain) {
          if (pending == null) {
            pending = List.of(deposit(version), deposit(version + 1));
          }
          try {
            AppendResult r = store.appendEvents("Account", id, ExpectedVersion.exactly(version), pending);
            acknowledged.get(id).addAll(ids(pending));
            version = r.currentVersion();
            pending = null;
            uncertain = false;
          } catch (dev.es.runtime.ConcurrencyConflictException conflict) {
            unexpected.add(conflict); // each writer owns its aggregate: a conflict means a lost acknowledgement
            return;
          } catch (AppendOutcomeUnknownException unknown) {
            failures.merge("outcome unknown (retried with the same ids)", 1, Integer::sum);
            uncertain = true;
            pause();
          } catch (AllNodesFailedException | EventStoreException nothingWritten) {
            failures.merge(nothingWritten.getClass().getSimpleName(), 1, Integer::sum);
            if (!uncertain) { // this attempt wrote nothing, but an earlier one with the same ids may have
              failedIds.addAll(ids(pending));
              pending = null;
            }
            pause();
          } catch (Throwable other) {
            unexpected.add(other);
            return;
          }
        }
      }, java.util.concurrent.Executors.newCachedThreadPool()));
    }
    Thread.sleep(1_500);
    proxy.cut();
    Thread.sleep(2_000);
    proxy.restore();
    Thread.sleep(3_000);
    running.set(false);
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    LOG.info("outage run: acknowledged {} events, failures {}",
        acknowledged.values().stream().mapToInt(List::size).sum(), failures);
    assertThat(unexpected).isEmpty();
    assertThat(failures).as("the outage was seen by the writers").isNotEmpty();
    for (Map.Entry<UUID, List<UUID>> writer : acknowledged.entrySet()) {
      List<UUID> stored = storedIds(writer.getKey());
      assertThat(stored).as("stored events of " + writer.getKey()).isEqualTo(writer.getValue());
      assertThat(stored).as("no event of an append reported as failed is stored")
          .noneMatch(failedIds::contains);
      assertThat(direct.readStream(writer.getKey()).map(EventEnvelope::version).toList())
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, stored.size()).boxed().toList());
    }
    assertThat(acknowledged.values()).allSatisfy(ids -> assertThat(ids.size()).isGreaterThan(10));
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code work} until it succeeds; the driver reconnects on its own within a few seconds. */
  private static <T> T awaitWorking(java.util.function.Supplier<T> work) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return work.get();
      } catch (RuntimeException notYet) {
        boolean unreachable = notYet instanceof AllNodesFailedException
            || notYet.getCause() instanceof AllNodesFailedException;
        if (!unreachable || System.nanoTime() > deadline) {
          throw notYet;
        }
        pause();
      }
    }
  }

  private static void awaitRunning(Runnable work) {
    awaitWorking(() -> {
      work.run();
      return null;
    });
  }
}
