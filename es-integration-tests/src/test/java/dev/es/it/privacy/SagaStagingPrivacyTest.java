package dev.es.it.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.spi.PersonalField;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A saga stages the events it emits (and its compensations) as JSON in its instance's row, which outlives their
 * append: their personal texts are sealed there too, and the appended events read clear until the subject is
 * forgotten.
 */
@CassandraTest
class SagaStagingPrivacyTest {

  private final PrivacyFixture fixture;

  SagaStagingPrivacyTest(CqlSession session, TestKeyspace keyspace) {
    fixture = new PrivacyFixture(session, keyspace.name());
  }

  @Test
  void stagedEventsAndCompensationsHoldTheirPersonalTextsSealed() {
    UUID id = UUID.randomUUID();
    String email = "fay-" + id + "@example.com";
    UUID mailbox = WelcomeSaga.mailbox(id);
    try (FeedPublishers publishers = fixture.feed.startPublishing("privacy");
        SagaRunner runner = SagaRunner.builder(fixture.feed).add(new WelcomeSaga())
            .retries(2, Duration.ofMillis(20)).build().start()) {
      fixture.customers.save(Customer.register(id, email, "gold"));
      await().atMost(Duration.ofSeconds(30)).until(() -> fixture.store.currentVersion(mailbox) == 1);
    }

    assertThat(mailOf(mailbox)).isEqualTo(new WelcomeMailRequested(id, email));
    Row instance = fixture.session.execute("SELECT outbox, compensations FROM " + fixture.keyspace
        + ".saga_instances WHERE saga = 'Welcome' ALLOW FILTERING").one();
    assertThat(instance).isNotNull();
    assertThat(instance.getString("outbox")).as("the outbox stays after its append").contains("es-pd1:");
    assertThat(instance.getString("compensations")).contains("es-pd1:");
    assertThat(fixture.whereStored(email)).as("clear in no table")
        .isEmpty();

    fixture.store.forgetSubject(id.toString());
    assertThat(mailOf(mailbox)).isEqualTo(new WelcomeMailRequested(id, PersonalField.FORGOTTEN));
  }

  private WelcomeMailRequested mailOf(UUID mailbox) {
    List<Object> events = fixture.store.readStream(mailbox).map(EventEnvelope::payload).toList();
    assertThat(events).hasSize(1);
    return (WelcomeMailRequested) events.get(0);
  }
}
