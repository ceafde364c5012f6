package dev.es.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderEvents.InventoryReserved;
import dev.es.it.saga.OrderEvents.OrderCancelled;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.OrderEvents.ShipmentCreated;
import dev.es.it.saga.OrderSaga;
import dev.es.it.saga.RegistrationEvents.EmailRetryScheduled;
import dev.es.it.saga.RegistrationEvents.RegistrationRolledBack;
import dev.es.it.saga.RegistrationEvents.UserRegistered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailFailed;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailRequested;
import dev.es.it.saga.RegistrationSaga;
import dev.es.it.saga.StoreAndFeed;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.internal.SagaProgress;
import dev.es.runtime.projection.ProjectionFailure;
import dev.es.runtime.projection.ProjectionStatus;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.spi.SagaType;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sagas while Cassandra is unreachable for them. The saga runner works through a {@link CuttableProxy} while the
 * "services" append through their own session and the feed is published by another process (a direct session),
 * so events keep arriving during the outage.
 *
 * <p>When the runner's session loses Cassandra altogether, for 5 s (five times its leases) or 12 s (about twice the
 * storage retry budget of its feed consumers: 20 attempts, 5 to 8 s with these leases), it rides the outage out:
 * afterwards, without restarting anything, every instance reaches its end state, every emitted event exists once,
 * each event and deadline was applied to each instance once, and the deadlines that fell due during the outage fire
 * once after it. Its consumers never stop: they cannot store a checkpoint either, so the failure is the outage's.
 *
 * <p>When only the event streams are unreachable (the saga's own tables and the leases are not: a partial outage),
 * the versions of the streams a handler emits to cannot be read: that is a storage failure, never a handler
 * failure, so no instance is parked and no compensation runs; once the retry budget is spent the saga's consumer
 * stops at that event with a report, and {@link SagaRunner#start(String)} resumes it there.
 */
@CassandraTest
class SagaOutageTest {

  private static final Logger LOG = LoggerFactory.getLogger(SagaOutageTest.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(4);
  private static final Duration TICK = Duration.ofMillis(100);
  private static final Duration TRAFFIC_AFTER_RESTORE = Duration.ofSeconds(1);
  private static final int CONFIRMATION_LAG = 5;
  private static final int USERS_BEFORE = 3;
  private static final int USER_EVERY_TICKS = 10;
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private final CqlSession session;
  private final TestKeyspace keyspace;
  private final CassandraCluster cluster;

  SagaOutageTest(CqlSession session, TestKeyspace keyspace, CassandraCluster cluster) {
    this.session = session;
    this.keyspace = keyspace;
    this.cluster = cluster;
  }

  /** Orders created every tick and confirmed a few ticks later; users registered every few ticks while cut. */
  private static final class Traffic implements Runnable {
    final StoreAndFeed storage;
    final List<UUID> orders = new CopyOnWriteArrayList<>();
    final List<UUID> usersDuringOutage = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    volatile boolean cut;
    private int confirmed;
    private int tick;

    Traffic(StoreAndFeed storage) {
      this.storage = storage;
    }

    @Override
    public synchronized void run() {
      try {
        UUID order = UUID.randomUUID();
        storage.append("Order", order, new OrderCreated(order, "customer " + orders.size(), 100 + orders.size()));
        orders.add(order);
        if (orders.size() - confirmed > CONFIRMATION_LAG) {
          confirmNext();
        }
        if (cut && tick % USER_EVERY_TICKS == 0) {
          usersDuringOutage.add(register(storage));
        }
        tick++;
      } catch (RuntimeException | AssertionError e) {
        errors.add(e);
      }
    }

    synchronized void confirmAll() {
      while (confirmed < orders.size()) {
        confirmNext();
      }
    }

    private void confirmNext() {
      UUID order = orders.get(confirmed++);
      storage.append("Order", order, new PaymentConfirmed(order, UUID.randomUUID()));
    }
  }

  private static UUID register(StoreAndFeed storage) {
    UUID user = UUID.randomUUID();
    storage.append("User", user, new UserRegistered(user, user + "@example.com"),
        new WelcomeEmailFailed(user, "greylisted"));
    return user;
  }

  private CqlSession sessionThrough(CuttableProxy proxy) {
    return proxy.openSession(cluster.localDatacenter(), Duration.ofSeconds(5));
  }

  private CassandraEventStore storeOver(CqlSession s) {
    EventRegistry registry = new EventRegistry().registerAll(dev.es.it.saga.OrderEvents.TYPES)
        .registerAll(dev.es.it.saga.RegistrationEvents.TYPES);
    CassandraEventStore store = new CassandraEventStore(s, EventStoreOptions.builder().keyspace(keyspace.name())
        .createKeyspace(false).build(), registry);
    store.initialize();
    return store;
  }

  private StoreAndFeed freshStorage() {
    for (String table : List.of("events", "feed", "leases", "saga_instances", "saga_associations",
        "saga_deadlines", "saga_deadline_buckets")) {
      session.execute("DROP TABLE IF EXISTS " + table);
    }
    return new StoreAndFeed(session, keyspace.name());
  }

  @ParameterizedTest(name = "an outage of {0} s")
  @ValueSource(ints = {5, 12})
  void sagasRideOutAnOutageApplyingEachEventOnceAndFiringEachDueDeadlineOnceAfterIt(int outageSeconds)
      throws Exception {
    Duration outage = Duration.ofSeconds(outageSeconds);
    StoreAndFeed storage = freshStorage();
    RegistrationSaga registration = new RegistrationSaga(RETRY_DELAY);
    SagaRunner observer = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).add(registration).build();
    Map<String, AtomicInteger> stateWrites = new ConcurrentHashMap<>();
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);

    try (CuttableProxy proxy = new CuttableProxy(cluster.contactPoints().get(0));
        CqlSession through = sessionThrough(proxy);
        FeedPublishers publishers = storage.feed.startPublishing("publisher");
        SagaRunner runner = SagaRunner.builder(new Feed(through, storeOver(through), StoreAndFeed.OPTIONS))
            .add(OrderSaga.TYPE).add(registration)
            .deadlineBuckets(Duration.ofSeconds(1), Duration.ofSeconds(5))
            .listener((step, saga, instance, cause) -> {
              if (step == SagaProgress.STATE_WRITTEN) {
                stateWrites.computeIfAbsent(saga + " " + instance + " " + cause, k -> new AtomicInteger())
                    .incrementAndGet();
              }
            })
            .build().start()) {
      Traffic traffic = new Traffic(storage);
      var writing = clock.scheduleAtFixedRate(traffic, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
      await().atMost(PATIENCE).until(() -> traffic.orders.stream().filter(order -> ended(observer, order)).count()
          >= 5);
      // the outage starts as soon as these retries are scheduled, so that they fall due during it
      List<UUID> usersBefore = new ArrayList<>();
      for (int i = 0; i < USERS_BEFORE; i++) {
        usersBefore.add(register(storage));
      }
      await().atMost(PATIENCE).until(() -> usersBefore.stream()
          .allMatch(user -> pending(observer, registration, user).size() == 1));

      proxy.cut();
      traffic.cut = true;
      Instant cutAt = Instant.now();
      List<SagaDeadline> dueDuringOutage = usersBefore.stream()
          .flatMap(user -> pending(observer, registration, user).stream()).toList();
      assertThat(dueDuringOutage).as("the retries scheduled before the outage are pending when it starts")
          .hasSize(USERS_BEFORE);
      AtomicReference<Instant> restoredAt = new AtomicReference<>();
      AtomicReference<Long> lagAtRestore = new AtomicReference<>();
      clock.schedule(() -> {
        try {
          lagAtRestore.set(observer.lag(OrderSaga.TYPE.name()) + observer.lag(registration.name()));
        } finally {
          traffic.cut = false;
          proxy.restore();
          restoredAt.set(Instant.now());
          clock.schedule(() -> writing.cancel(false), TRAFFIC_AFTER_RESTORE.toMillis(), TimeUnit.MILLISECONDS);
        }
      }, outage.toMillis(), TimeUnit.MILLISECONDS);
      await().atMost(outage.plus(PATIENCE)).until(writing::isDone);
      traffic.confirmAll();
      assertThat(traffic.errors).as("the services' appends (direct session)").isEmpty();
      Instant restored = restoredAt.get();
      assertThat(dueDuringOutage).allSatisfy(d -> assertThat(d.due()).as("due before the node came back")
          .isBefore(restored));

      List<UUID> orders = List.copyOf(traffic.orders);
      List<UUID> users = new ArrayList<>(usersBefore);
      users.addAll(traffic.usersDuringOutage);
      await().atMost(PATIENCE).until(() -> orders.stream().allMatch(order -> ended(observer, order)));
      await().atMost(PATIENCE).until(() -> storage.all(WelcomeEmailRequested.class).size() == 2 * users.size());
      await().atMost(PATIENCE).until(() -> runner.lag(OrderSaga.TYPE.name()) == 0
          && runner.lag(registration.name()) == 0 && storage.storedDeadlines(registration.name()) == 0);
      Duration caughtUp = Duration.between(restored, Instant.now());

      // the runner was never stopped: a failed consumer stays FAILED until someone starts it again
      for (String saga : List.of(OrderSaga.TYPE.name(), registration.name())) {
        ProjectionStatus status = runner.status(saga);
        assertThat(status.state()).as(saga).isEqualTo(ProjectionStatus.State.RUNNING);
        assertThat(status.failure()).as(saga).isEmpty();
      }
      // every instance at its end state, each event and deadline applied once
      for (UUID order : orders) {
        assertThat(observer.instances(OrderSaga.TYPE, "orderId", order)).as("order %s", order).singleElement()
            .satisfies(i -> {
              assertThat(i.ended()).isTrue();
              assertThat(i.parked()).isFalse();
              assertThat(i.state().stage()).isEqualTo(OrderSaga.Stage.SHIPPED);
              assertThat(i.handled()).hasSize(3);
              assertThat(i.version()).as("one state write per handled event").isEqualTo(3);
            });
      }
      for (UUID user : users) {
        assertThat(observer.instances(registration, "userId", user)).as("user %s", user).singleElement()
            .satisfies(i -> {
              assertThat(i.parked()).isFalse();
              assertThat(i.handled()).as("registered, failed, the retry deadline").hasSize(3);
              assertThat(i.version()).isEqualTo(3);
              assertThat(i.pendingDeadlines()).isEmpty();
            });
      }
      // (a write whose answer was lost in the cut is not reported to the listener; the versions above count it)
      assertThat(stateWrites).as("state writes per (saga, instance, event or deadline)")
          .allSatisfy((cause, writes) -> assertThat(writes.get()).as(cause).isEqualTo(1));
      // every side effect once
      Map<String, Integer> counts = storage.countsByType();
      assertThat(perKey(storage.all(PaymentRequested.class), PaymentRequested::orderId)).isEqualTo(once(orders));
      assertThat(perKey(storage.all(InventoryReserved.class), InventoryReserved::orderId)).isEqualTo(once(orders));
      assertThat(perKey(storage.all(ShipmentCreated.class), ShipmentCreated::orderId)).isEqualTo(once(orders));
      assertThat(perKey(storage.all(EmailRetryScheduled.class), EmailRetryScheduled::userId)).isEqualTo(once(users));
      assertThat(storage.all(OrderCancelled.class)).as("no compensation: nothing was parked").isEmpty();
      assertThat(storage.all(RegistrationRolledBack.class)).as("no compensation: nothing was parked").isEmpty();
      // each retry deadline fired once, when due; those due during the outage after it
      for (UUID user : users) {
        List<EventEnvelope<Object>> mails = storage.store.readStream(RegistrationSaga.mailbox(user))
            .filter(e -> e.payload() instanceof WelcomeEmailRequested).toList();
        assertThat(mails).extracting(e -> ((WelcomeEmailRequested) e.payload()).attempt())
            .as("user %s", user).containsExactly(1, 2);
        EmailRetryScheduled scheduled = storage.all(EmailRetryScheduled.class).stream()
            .filter(s -> s.userId().equals(user)).findFirst().orElseThrow();
        assertThat(mails.get(1).timestamp()).as("fired when due")
            .isAfterOrEqualTo(scheduled.retryAt().truncatedTo(ChronoUnit.MILLIS));
        if (usersBefore.contains(user)) {
          assertThat(mails.get(1).timestamp()).as("fired after the outage")
              .isAfterOrEqualTo(restored.truncatedTo(ChronoUnit.MILLIS));
        }
      }
      int appended = 2 * orders.size() + 2 * users.size();
      int emitted = 3 * orders.size() + 3 * users.size();
      assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(appended + emitted);
      LOG.info("saga outage run: node away for {} s (from {}); {} orders and {} users ({} registered during the"
          + " outage); {} events appended by the services, {} emitted by the sagas, {} state writes; {} feed events"
          + " behind when the node came back; caught up {} ms after it; {} retry deadlines due during the outage"
          + " fired after it", outageSeconds, cutAt, orders.size(), users.size(), traffic.usersDuringOutage.size(),
          appended, emitted, stateWrites.size(), lagAtRestore.get(), caughtUp.toMillis(), dueDuringOutage.size());
    } finally {
      clock.shutdownNow();
    }
  }

  @Test
  void withOnlyTheEventStreamsUnreachableNoInstanceIsParkedAndTheConsumerStopsAtTheEventThenResumesThere()
      throws Exception {
    StoreAndFeed storage = freshStorage();
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    try (CuttableProxy proxy = new CuttableProxy(cluster.contactPoints().get(0));
        CqlSession through = sessionThrough(proxy);
        FeedPublishers publishers = storage.feed.startPublishing("publisher");
        // leases, feed and saga tables on the direct session; the streams the saga reads and appends to through
        // the proxy
        SagaRunner runner = SagaRunner.builder(new Feed(session, storeOver(through), StoreAndFeed.OPTIONS))
            .add(OrderSaga.TYPE).retries(3, Duration.ofMillis(20)).build().start()) {
      storage.append("Order", first, new OrderCreated(first, "ann", 100));
      // the handler is done with the first event, its emitted PaymentRequested appended too, before the cut
      await().atMost(PATIENCE).until(() -> stage(runner, first) == OrderSaga.Stage.PAYMENT_REQUESTED
          && runner.lag(OrderSaga.TYPE.name()) == 0);

      proxy.cut();
      Instant cutAt = Instant.now();
      storage.append("Order", first, new PaymentConfirmed(first, UUID.randomUUID()));
      storage.append("Order", second, new OrderCreated(second, "bob", 200));
      UUID confirmation = storage.store.readStream(first, 2, 2).findFirst().orElseThrow().eventId();
      await().atMost(PATIENCE).until(() -> runner.status(OrderSaga.TYPE.name()).state()
          == ProjectionStatus.State.FAILED);

      Duration stoppedAfter = Duration.between(cutAt, Instant.now());
      ProjectionStatus stopped = runner.status(OrderSaga.TYPE.name());
      ProjectionFailure failure = stopped.failure().orElseThrow();
      LOG.info("saga consumer stopped {} ms after the event streams became unreachable: {}", stoppedAfter.toMillis(),
          failure.describe());
      assertThat(failure.event().eventId()).as("stopped at the event it could not handle")
          .isIn(confirmation, storage.store.readStream(second).findFirst().orElseThrow().eventId());
      assertThat(failure.cause()).isInstanceOf(com.datastax.oss.driver.api.core.AllNodesFailedException.class);
      assertThat(stopped.lag()).as("nothing after it was skipped").isPositive();
      SagaInstance<OrderSaga> waiting = runner.instances(OrderSaga.TYPE, "orderId", first).get(0);
      assertThat(waiting.parked()).as("a storage failure never parks an instance").isFalse();
      assertThat(waiting.state().stage()).isEqualTo(OrderSaga.Stage.PAYMENT_REQUESTED);
      assertThat(waiting.version()).isEqualTo(1);

      proxy.restore();
      assertThat(runner.status(OrderSaga.TYPE.name()).state()).as("stays stopped until started")
          .isEqualTo(ProjectionStatus.State.FAILED);
      runner.start(OrderSaga.TYPE.name());
      await().atMost(PATIENCE).until(() -> stage(runner, second) == OrderSaga.Stage.PAYMENT_REQUESTED);
      storage.append("Order", second, new PaymentConfirmed(second, UUID.randomUUID()));
      await().atMost(PATIENCE).until(() -> ended(runner, first) && ended(runner, second));
      await().atMost(PATIENCE).until(() -> runner.lag(OrderSaga.TYPE.name()) == 0);

      assertThat(runner.status(OrderSaga.TYPE.name()).state()).isEqualTo(ProjectionStatus.State.RUNNING);
      List<UUID> orders = List.of(first, second);
      for (UUID order : orders) {
        assertThat(runner.instances(OrderSaga.TYPE, "orderId", order)).singleElement().satisfies(i -> {
          assertThat(i.parked()).isFalse();
          assertThat(i.handled()).hasSize(3);
          assertThat(i.version()).isEqualTo(3);
        });
      }
      assertThat(perKey(storage.all(PaymentRequested.class), PaymentRequested::orderId)).isEqualTo(once(orders));
      assertThat(perKey(storage.all(InventoryReserved.class), InventoryReserved::orderId)).isEqualTo(once(orders));
      assertThat(perKey(storage.all(ShipmentCreated.class), ShipmentCreated::orderId)).isEqualTo(once(orders));
      assertThat(storage.all(OrderCancelled.class)).as("no compensation ran").isEmpty();
      assertThat(storage.countsByType()).containsEntry("PaymentRequested", 2);
    }
  }

  private static List<SagaDeadline> pending(SagaRunner runner, SagaType<?> saga, UUID user) {
    return runner.instances(saga, "userId", user).stream().flatMap(i -> i.pendingDeadlines().stream()).toList();
  }

  private static boolean ended(SagaRunner runner, UUID order) {
    List<SagaInstance<OrderSaga>> found = runner.instances(OrderSaga.TYPE, "orderId", order);
    return found.size() == 1 && found.get(0).ended();
  }

  private static OrderSaga.Stage stage(SagaRunner runner, UUID order) {
    List<SagaInstance<OrderSaga>> found = runner.instances(OrderSaga.TYPE, "orderId", order);
    return found.size() == 1 ? found.get(0).state().stage() : null;
  }

  private static <T> Map<UUID, Long> perKey(List<T> events, Function<T, UUID> key) {
    return events.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  private static Map<UUID, Long> once(List<UUID> ids) {
    return ids.stream().collect(Collectors.toMap(id -> id, id -> 1L));
  }
}
