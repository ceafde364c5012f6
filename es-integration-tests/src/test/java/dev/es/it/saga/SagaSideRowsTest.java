package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentRequested;
import dev.es.it.saga.RegistrationEvents.UserRegistered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailDelivered;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailFailed;
import dev.es.it.saga.RegistrationEvents.WelcomeEmailRequested;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.saga.SagaInstance;
import dev.es.runtime.saga.SagaRunner;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rows a saga writes beside an instance's state: an association row whose state write lost its race routes
 * nothing, a deadline that cannot be delivered holds back no other deadline and is counted as due, and a deadline
 * whose row is stored before the state that makes it pending is neither fired nor deleted until that state is.
 */
@CassandraTest
class SagaSideRowsTest {

  private final StoreAndFeed storage;
  private FeedPublishers publishers;

  SagaSideRowsTest(CqlSession session, TestKeyspace keyspace) {
    storage = new StoreAndFeed(session, keyspace.name());
  }

  @BeforeEach
  void publish() {
    publishers = storage.feed.startPublishing("test");
  }

  @AfterEach
  void stopPublishing() {
    publishers.close();
  }

  @Test
  void anAssociationRowThatTheInstanceNeverTookRoutesNothingToIt() {
    try (SagaRunner runner = SagaRunner.builder(storage.feed).add(OrderSaga.TYPE).build().start()) {
      UUID first = UUID.randomUUID();
      storage.append("Order", first, new OrderCreated(first, "ann", 100));
      await().atMost(Duration.ofSeconds(20)).until(() -> requested(first) == 1);
      UUID instance = runner.instances(OrderSaga.TYPE, "orderId", first).get(0).instanceId();
      // what an association written before a state write that then lost its race leaves behind
      UUID second = UUID.randomUUID();
      storage.session.execute("INSERT INTO saga_associations (saga, property, value, instance) VALUES (?, ?, ?, ?)",
          OrderSaga.TYPE.name(), "orderId", second.toString(), instance);

      storage.append("Order", second, new OrderCreated(second, "bob", 200));

      await().atMost(Duration.ofSeconds(20)).until(() -> requested(second) == 1);
      List<SagaInstance<OrderSaga>> ofSecond = runner.instances(OrderSaga.TYPE, "orderId", second);
      assertThat(ofSecond).as("the second order started an instance of its own").singleElement()
          .satisfies(i -> assertThat(i.instanceId()).isNotEqualTo(instance));
      SagaInstance<OrderSaga> untouched = runner.instances(OrderSaga.TYPE, "orderId", first).get(0);
      assertThat(untouched.version()).as("the first order's instance handled only its own event").isEqualTo(1);
      assertThat(untouched.handled()).hasSize(1);
    }
  }

  @Test
  void aDeadlineThatCannotBeDeliveredHoldsBackNoOtherDeadline() {
    RegistrationSaga saga = new RegistrationSaga(Duration.ofSeconds(3));
    try (SagaRunner runner = SagaRunner.builder(storage.feed).add(saga)
        .deadlineBuckets(Duration.ofSeconds(1), Duration.ofSeconds(5)).build().start()) {
      UUID broken = UUID.randomUUID();
      UUID healthy = UUID.randomUUID();
      for (UUID user : List.of(broken, healthy)) {
        storage.append("User", user, new UserRegistered(user, user + "@example.com"));
        await().atMost(Duration.ofSeconds(20)).until(() -> runner.instances(saga, "userId", user).size() == 1);
        storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailFailed(user, "greylisted"));
        await().atMost(Duration.ofSeconds(20))
            .until(() -> runner.instances(saga, "userId", user).get(0).pendingDeadlines().size() == 1);
      }
      // the first deadline due is now one that cannot be delivered: its instance's row cannot be read
      UUID brokenInstance = runner.instances(saga, "userId", broken).get(0).instanceId();
      storage.session.execute("UPDATE saga_instances SET compensations = 'not json' WHERE saga = ? AND instance = ?",
          saga.name(), brokenInstance);

      await().atMost(Duration.ofSeconds(20)).until(() -> retries(healthy) == 1);
      assertThat(retries(broken)).isZero();
      // the healthy deadline is deleted once fired; the broken one stays due, and shows as such
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.dueDeadlines(saga.name(), 10) == 1);
    }
  }

  @Test
  void aDeadlineWhoseSchedulingStateIsNotStoredYetStaysUntilTheInstanceGetsThere() {
    RegistrationSaga saga = new RegistrationSaga(Duration.ofSeconds(3));
    Duration bucketWidth = Duration.ofSeconds(1);
    try (SagaRunner runner = SagaRunner.builder(storage.feed).add(saga)
        .deadlineBuckets(bucketWidth, Duration.ofSeconds(5)).build().start()) {
      UUID user = UUID.randomUUID();
      storage.append("User", user, new UserRegistered(user, user + "@example.com"));
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.instances(saga, "userId", user).size() == 1);
      SagaInstance<?> instance = runner.instances(saga, "userId", user).get(0);
      // what a step that schedules a deadline due at once leaves while its state write is still under way: the
      // deadline's row, for the version that write stores, and a stored state that does not list it yet
      UUID deadline = UUID.randomUUID();
      Instant due = Instant.now();
      long bucket = Math.floorDiv(due.toEpochMilli(), bucketWidth.toMillis());
      storage.session.execute("INSERT INTO saga_deadline_buckets (saga, bucket) VALUES (?, ?)", saga.name(), bucket);
      storage.session.execute("INSERT INTO saga_deadlines (saga, bucket, due, deadline, instance, name, payload,"
          + " scheduled_version) VALUES (?, ?, ?, ?, ?, 'retry', '', ?)", saga.name(), bucket, due, deadline,
          instance.instanceId(), instance.version() + 1);

      // the firer passes over it many times (its feed polls every 20 ms) without taking "not pending" for "cancelled"
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> deadlineRowExists(saga.name(), bucket, due, deadline));

      // once the instance has gone past that version without it, it was cancelled (or never scheduled): it goes
      storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailDelivered(user));
      await().atMost(Duration.ofSeconds(20)).until(() -> !deadlineRowExists(saga.name(), bucket, due, deadline));
      assertThat(retries(user)).as("the deadline never fired").isZero();
    }
  }

  private boolean deadlineRowExists(String saga, long bucket, Instant due, UUID deadline) {
    return storage.session.execute("SELECT deadline FROM saga_deadlines WHERE saga = ? AND bucket = ? AND due = ?"
        + " AND deadline = ?", saga, bucket, due, deadline).one() != null;
  }

  private long requested(UUID order) {
    return storage.all(PaymentRequested.class).stream().filter(p -> p.orderId().equals(order)).count();
  }

  private long retries(UUID user) {
    return storage.all(WelcomeEmailRequested.class).stream()
        .filter(r -> r.userId().equals(user) && r.attempt() == 2).count();
  }
}
