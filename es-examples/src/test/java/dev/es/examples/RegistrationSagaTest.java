package dev.es.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.examples.user.RegistrationStarted;
import dev.es.examples.user.UserDeactivated;
import dev.es.examples.user.UserEvent;
import dev.es.examples.user.registration.FakeMailService;
import dev.es.examples.user.registration.UserRegistration;
import dev.es.examples.user.registration.WelcomeEmailAbandoned;
import dev.es.examples.user.registration.WelcomeEmailFailed;
import dev.es.examples.user.registration.WelcomeEmailRequested;
import dev.es.examples.user.registration.WelcomeEmailSent;
import dev.es.examples.user.registration.WelcomeMailer;
import dev.es.examples.user.registration.WelcomeMailer_Projection;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventQuery;
import dev.es.runtime.saga.SagaInstance;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The user-registration saga written with the annotations, run by the shop against Cassandra with a mail service
 * that fails: a retry after a failure, giving up at the retry deadline with the compensation, and the mail
 * gateway's at-least-once calls made safe by the saga's idempotency key.
 */
@CassandraTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationSagaTest {

  private final FakeMailService mail =
      new FakeMailService(Set.of("bounce.test"), Map.of("flaky@example.com", 2));
  private Shop shop;

  @BeforeAll
  void startShop(CqlSession session, TestKeyspace keyspace) {
    shop = new Shop(session, keyspace.name(), 1, UnaryOperator.identity(), mail);
  }

  @AfterAll
  void stop() {
    shop.close();
  }

  @Test
  void aFailedWelcomeEmailIsRetriedAndSentOnce() throws InterruptedException {
    UUID user = shop.users.register("flaky@example.com", "Fay", "Lake");
    SagaInstance<UserRegistration> saga = awaitEnded(user);

    assertThat(saga.state().attempts()).isEqualTo(3);
    assertThat(mail.sentTo("flaky@example.com")).hasSize(1);
    assertThat(mailbox(user, WelcomeEmailRequested.class)).extracting(WelcomeEmailRequested::attempt)
        .containsExactly(1, 2, 3);
    assertThat(mailbox(user, WelcomeEmailRequested.class)).extracting(WelcomeEmailRequested::idempotencyKey)
        .containsOnly("user-registration:" + saga.instanceId() + ":welcome");
    assertThat(outcomes(user, WelcomeEmailFailed.class)).extracting(WelcomeEmailFailed::attempt).containsExactly(1, 2);
    assertThat(outcomes(user, WelcomeEmailSent.class)).extracting(WelcomeEmailSent::attempt).containsExactly(3);
    assertThat(shop.userRepository.history(user).map(EventEnvelope::payload))
        .noneMatch(UserDeactivated.class::isInstance);
  }

  @Test
  void atTheRetryDeadlineTheSagaGivesUpAndCompensatesOnce() throws InterruptedException {
    UUID user = shop.users.register("gone@bounce.test", "Gus", "Gone");
    shop.users.activate(user);
    SagaInstance<UserRegistration> saga = awaitEnded(user);

    int attempts = saga.state().attempts();
    // an attempt every RETRY_DELAY plus the round trips through the feed, until GIVE_UP_AFTER
    assertThat(attempts).isBetween(1, (int) (UserRegistration.GIVE_UP_AFTER.toMillis()
        / UserRegistration.RETRY_DELAY.toMillis()) + 1);
    List<EventEnvelope<UserEvent>> history = shop.userRepository.history(user).toList();
    EventEnvelope<UserEvent> compensation = history.get(history.size() - 1);
    assertThat(Duration.between(history.get(0).timestamp(), compensation.timestamp()))
        .as("no give-up before the retry deadline")
        .isGreaterThanOrEqualTo(UserRegistration.GIVE_UP_AFTER.minus(UserRegistration.RETRY_DELAY));
    assertThat(outcomes(user, WelcomeEmailFailed.class)).hasSize(attempts);
    assertThat(mailbox(user, WelcomeEmailAbandoned.class)).containsExactly(
        new WelcomeEmailAbandoned(user, attempts, "mail server of bounce.test unreachable"));
    assertThat(mail.sentTo("gone@bounce.test")).isEmpty();
    assertThat(shop.userRepository.history(user).map(EventEnvelope::payload).filter(UserDeactivated.class::isInstance))
        .containsExactly(new UserDeactivated("welcome e-mail undeliverable: mail server of bounce.test unreachable"));
    assertThat(shop.userRepository.load(user).active()).isFalse();
    assertThat(shop.userQueries.byId(user).orElseThrow().active()).isFalse();
  }

  @Test
  void requestsDeliveredAgainToTheMailerSendNoSecondEmailAndAppendNoSecondOutcome() throws Exception {
    UUID user = shop.users.register("twice@example.com", "Tom", "Twice");
    awaitEnded(user);
    int callsBefore = mail.calls();
    long outcomesBefore = shop.store.read(EventQuery.aggregateType(WelcomeMailer.DELIVERY)).count();

    shop.projections.rebuild(WelcomeMailer_Projection.NAME); // every request is delivered to the mailer again
    Await.until(() -> mail.calls() >= callsBefore + outcomesBefore
            && shop.projections.lag(WelcomeMailer_Projection.NAME) == 0, Duration.ofSeconds(60),
        () -> "the mailer did not handle the requests again: " + shop.projections.status(WelcomeMailer_Projection.NAME));

    assertThat(mail.sentTo("twice@example.com")).hasSize(1);
    assertThat(shop.store.read(EventQuery.aggregateType(WelcomeMailer.DELIVERY)).count()).isEqualTo(outcomesBefore);
    assertThat(outcomes(user, WelcomeEmailSent.class)).hasSize(1);
  }

  private SagaInstance<UserRegistration> awaitEnded(UUID user) throws InterruptedException {
    Await.until(() -> shop.sagas.instances(shop.registration, "userId", user).stream().anyMatch(SagaInstance::ended),
        Duration.ofSeconds(60), () -> "the registration saga of " + user + " did not end");
    List<SagaInstance<UserRegistration>> instances = shop.sagas.instances(shop.registration, "userId", user);
    assertThat(instances).hasSize(1);
    assertThat(shop.userRepository.history(user).map(EventEnvelope::payload))
        .filteredOn(RegistrationStarted.class::isInstance).hasSize(1);
    return instances.get(0);
  }

  private <T> List<T> mailbox(UUID user, Class<T> type) {
    return shop.store.readStream(UserRegistration.mailbox(user)).map(EventEnvelope::payload)
        .filter(type::isInstance).map(type::cast).toList();
  }

  /** The outcomes the mailer appended for the user, oldest attempt first. */
  private <T> List<T> outcomes(UUID user, Class<T> type) {
    return shop.store.read(EventQuery.aggregateType(WelcomeMailer.DELIVERY)).map(EventEnvelope::payload)
        .filter(type::isInstance).map(type::cast)
        .filter(outcome -> user.equals(outcome instanceof WelcomeEmailFailed f ? f.userId()
            : outcome instanceof WelcomeEmailSent s ? s.userId() : null))
        .sorted(java.util.Comparator.comparingInt(outcome -> outcome instanceof WelcomeEmailFailed f ? f.attempt()
            : ((WelcomeEmailSent) outcome).attempt()))
        .toList();
  }
}
