package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.saga.RegistrationEvents.EmailRetryScheduled;
import dev.es.it.saga.RegistrationEvents.ProfileImported;
import dev.es.it.saga.RegistrationEvents.RegistrationRolledBack;
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
 * The registration saga against Cassandra: a failed welcome e-mail schedules a retry deadline that fires; a
 * cancelled deadline never fires; a deadline scheduled before a restart fires after it; a handler that fails
 * a few times is retried, one that keeps failing parks its instance and runs the declared compensation.
 */
@CassandraTest
class RegistrationSagaTest {

  private static final Duration RETRY_DELAY = Duration.ofMillis(1500);

  private final StoreAndFeed storage;
  private final RegistrationSaga saga = new RegistrationSaga(RETRY_DELAY);
  private FeedPublishers publishers;
  private SagaRunner runner;

  RegistrationSagaTest(CqlSession session, TestKeyspace keyspace) {
    storage = new StoreAndFeed(session, keyspace.name());
  }

  @BeforeEach
  void start() {
    publishers = storage.feed.startPublishing("test");
    runner = newRunner();
  }

  @AfterEach
  void stop() {
    runner.close();
    publishers.close();
  }

  private SagaRunner newRunner() {
    return SagaRunner.builder(storage.feed).add(saga)
        .retries(3, Duration.ofMillis(20))
        .deadlineBuckets(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .build().start();
  }

  @Test
  void aFailedWelcomeEmailSchedulesARetryThatFires() {
    UUID user = register("ann@example.com");
    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailFailed(user, "mailbox full"));

    EmailRetryScheduled scheduled = await().atMost(Duration.ofSeconds(20))
        .until(() -> storage.all(EmailRetryScheduled.class).stream().filter(s -> s.userId().equals(user)).toList(),
            list -> list.size() == 1).get(0);
    assertThat(scheduled.attempt()).isEqualTo(2);
    assertThat(single(user).pendingDeadlines()).singleElement()
        .satisfies(d -> assertThat(d.name()).isEqualTo(RegistrationSaga.RETRY));

    await().atMost(Duration.ofSeconds(20)).until(() -> requests(user).size() == 2);
    assertThat(Instant.now()).isAfterOrEqualTo(scheduled.retryAt());
    assertThat(requests(user)).extracting(WelcomeEmailRequested::attempt).containsExactlyInAnyOrder(1, 2);
    assertThat(single(user).pendingDeadlines()).isEmpty();
    assertThat(single(user).handled()).as("UserRegistered, WelcomeEmailFailed, the deadline").hasSize(3);
    await().atMost(Duration.ofSeconds(5)).until(() -> storage.storedDeadlines(saga.name()) == 0);
  }

  @Test
  void aCancelledDeadlineNeverFires() throws InterruptedException {
    UUID user = register("bo@example.com");
    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailFailed(user, "timeout"));
    await().atMost(Duration.ofSeconds(20)).until(() -> single(user).pendingDeadlines().size() == 1);
    Instant due = single(user).pendingDeadlines().get(0).due();

    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailDelivered(user));
    await().atMost(Duration.ofSeconds(20)).until(() -> single(user).ended());
    assertThat(single(user).pendingDeadlines()).isEmpty();

    sleepUntil(due.plus(Duration.ofSeconds(2)));
    assertThat(requests(user)).as("only the first request, no retry").hasSize(1);
    assertThat(single(user).handled()).as("UserRegistered, WelcomeEmailFailed, WelcomeEmailDelivered").hasSize(3);
    assertThat(storage.storedDeadlines(saga.name())).isZero();
  }

  @Test
  void aDeadlineScheduledBeforeARestartFiresAfterItAndACancelledOneDoesNot() throws InterruptedException {
    UUID waiting = register("cy@example.com");
    UUID cancelled = register("di@example.com");
    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailFailed(waiting, "greylisted"));
    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailFailed(cancelled, "greylisted"));
    await().atMost(Duration.ofSeconds(20)).until(() -> single(waiting).pendingDeadlines().size() == 1
        && single(cancelled).pendingDeadlines().size() == 1);
    storage.append("EmailDelivery", UUID.randomUUID(), new WelcomeEmailDelivered(cancelled));
    await().atMost(Duration.ofSeconds(20)).until(() -> single(cancelled).ended());
    Instant due = single(waiting).pendingDeadlines().get(0).due();

    runner.close();
    sleepUntil(due.plus(Duration.ofMillis(500)));
    assertThat(requests(waiting)).as("nothing fires while no runner runs").hasSize(1);

    runner = newRunner();
    await().atMost(Duration.ofSeconds(20)).until(() -> requests(waiting).size() == 2);
    // and nothing fires a second time: checked throughout a second, not sampled once after a sleep
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> requests(waiting).size() == 2 && requests(cancelled).size() == 1);
  }

  @Test
  void aFlakyHandlerIsRetriedAndAPoisonEventParksTheInstanceAndCompensates() {
    UUID flaky = register("ed@example.com");
    UUID poisoned = register("fa@example.com");
    storage.append("Profile", UUID.randomUUID(), new ProfileImported(flaky, "flaky"));
    storage.append("Profile", UUID.randomUUID(), new ProfileImported(poisoned, "corrupt"));

    await().atMost(Duration.ofSeconds(20)).until(() -> "flaky".equals(single(flaky).state().profileSource));
    assertThat(single(flaky).parked()).isFalse();
    await().atMost(Duration.ofSeconds(20)).until(() -> single(poisoned).parked());
    SagaInstance<RegistrationSaga.State> parked = single(poisoned);
    assertThat(parked.error()).hasValueSatisfying(error -> assertThat(error)
        .contains("UserRegistration", parked.instanceId().toString(), "ProfileImported", "failed 3 times",
            "cannot be imported"));
    await().atMost(Duration.ofSeconds(10)).until(() -> storage.all(RegistrationRolledBack.class).size() == 1);
    assertThat(storage.all(RegistrationRolledBack.class))
        .containsExactly(new RegistrationRolledBack(poisoned, "registration failed"));
    assertThat(storage.store.readStream(poisoned).toList()).as("compensation goes to the user's stream")
        .extracting(e -> e.eventType()).containsExactly("UserRegistered", "RegistrationRolledBack");
  }

  private UUID register(String email) {
    UUID user = UUID.randomUUID();
    storage.append("User", user, new UserRegistered(user, email));
    await().atMost(Duration.ofSeconds(20)).until(() -> requests(user).size() == 1);
    return user;
  }

  private List<WelcomeEmailRequested> requests(UUID user) {
    return storage.all(WelcomeEmailRequested.class).stream().filter(r -> r.userId().equals(user)).toList();
  }

  private SagaInstance<RegistrationSaga.State> single(UUID user) {
    List<SagaInstance<RegistrationSaga.State>> found = runner.instances(saga, "userId", user);
    assertThat(found).as("instances of user %s", user).hasSize(1);
    return found.get(0);
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
