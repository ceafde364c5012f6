package dev.es.it.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventDeserializationException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.StoredSnapshot;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.admin.InspectedEvent;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.privacy.ForgottenSubject;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.PersonalField;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding against Cassandra: personal texts are stored sealed everywhere the store and the feed write
 * them and read clear through every read path; once their subject is forgotten they read as "[forgotten]"
 * through all of them, the snapshots that held them are gone, and no table holds them any more.
 */
@CassandraTest
class CryptoShreddingTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String FORGOTTEN = PersonalField.FORGOTTEN;

  private final PrivacyFixture fixture;
  private final CassandraEventStore store;
  private final FeedPublishers publishers;

  CryptoShreddingTest(CqlSession session, TestKeyspace keyspace) {
    fixture = new PrivacyFixture(session, keyspace.name());
    store = fixture.store;
    publishers = fixture.feed.startPublishing("privacy");
  }

  @AfterEach
  void stopPublishers() {
    publishers.close();
  }

  @Test
  void theProcessorsRegistryEntriesNameThePersonalComponentsAndTheirSubject() {
    assertThat(new Customer_AggregateType().eventTypes()).extracting(EventType::personalData)
        .containsExactly(List.of(new PersonalField("email", "customerId")),
            List.of(new PersonalField("email", "customerId")));
  }

  @Test
  void personalTextIsStoredSealedInTheEventsAndTheFeedAndReadsClear() {
    UUID id = UUID.randomUUID();
    String email = "ann-" + id + "@example.com";
    String newer = "ann.b-" + id + "@example.com";
    fixture.customers.save(Customer.register(id, email, "gold"));
    fixture.customers.update(id, customer -> customer.changeEmail(newer));
    UUID delivery = UUID.randomUUID();
    String address = "1 Main Street, flat " + id;
    store.append("Delivery", delivery, ExpectedVersion.noStream(),
        List.of(new DeliveryBooked(id.toString(), address, new BigDecimal("19.90"))));

    assertThat(fixture.storedPayloads(id)).hasSize(2).allSatisfy(payload -> assertThat(payload)
        .doesNotContain(email).doesNotContain(newer).contains("\"email\":\"es-pd1:"));
    assertThat(fixture.storedPayloads(id).get(0)).as("other components stay clear").contains("\"plan\":\"gold\"");
    assertThat(fixture.storedPayloads(delivery)).singleElement().asString()
        .doesNotContain(address).contains("\"fee\":19.90");
    assertThat(fixture.customers.load(id).email()).isEqualTo(newer);
    assertThat(fixture.customers.history(id).map(e -> e.payload()).toList()).containsExactly(
        new CustomerEvent.Registered(id, email, "gold"), new CustomerEvent.EmailChanged(id, newer));
    assertThat(store.readStream(delivery).map(EventEnvelope::payload).toList())
        .containsExactly(new DeliveryBooked(id.toString(), address, new BigDecimal("19.90")));

    await().atMost(PATIENCE).until(() -> fixture.feedEvents(id).size() == 2);
    assertThat(fixture.feedPayloads(id)).hasSize(2)
        .allSatisfy(payload -> assertThat(payload).doesNotContain(email).doesNotContain(newer));
    assertThat(fixture.feedEvents(id)).extracting(e -> e.envelope().payload()).containsExactly(
        new CustomerEvent.Registered(id, email, "gold"), new CustomerEvent.EmailChanged(id, newer));

    assertThat(fixture.keyIdOf(id.toString())).as("one key for the subject").isNotNull();
    assertThat(fixture.streamsOf(id.toString())).containsExactlyInAnyOrder(id, delivery);
    assertThat(fixture.whereStored(email)).as("the first address: sealed in events and feed, nowhere clear")
        .isEmpty();
    assertThat(fixture.whereStored(newer)).as("the current address: only in the snapshot's state")
        .containsExactly("snapshots.state");
  }

  @Test
  void forgettingRedactsEveryReadDeletesTheSnapshotsAndLeavesTheTextInNoTable() throws Exception {
    UUID id = UUID.randomUUID();
    String email = "bob-" + id + "@example.com";
    String newer = "bob.b-" + id + "@example.com";
    String address = "2 High Street, flat " + id;
    UUID delivery = UUID.randomUUID();
    CustomerEmails emails = new CustomerEmails(fixture.session, fixture.keyspace);
    try (ProjectionRunner runner = ProjectionRunner.builder(fixture.feed).add(emails).build().start()) {
      fixture.customers.save(Customer.register(id, email, "silver"));
      fixture.customers.update(id, customer -> customer.changeEmail(newer));
      store.append("Delivery", delivery, ExpectedVersion.noStream(),
          List.of(new DeliveryBooked(id.toString(), address, new BigDecimal("4.50"))));
      await().atMost(PATIENCE).until(() -> newer.equals(emails.emailOf(id)));
      assertThat(snapshotsOf(id)).as("snapshot at version 2").extracting(StoredSnapshot::version)
          .containsExactly(2L);
      assertThat(fixture.whereStored(newer)).as("before: in the snapshot and the application's read model")
          .containsExactlyInAnyOrder("snapshots.state", "customer_emails.email");

      ForgottenSubject forgotten = store.forgetSubject(id.toString());

      assertThat(forgotten).isEqualTo(new ForgottenSubject(id.toString(), true, 2));
      assertThat(fixture.keyIdOf(id.toString())).isNull();
      assertThat(snapshotsOf(id)).as("the snapshot held the clear address").isEmpty();
      Customer loaded = fixture.customers.load(id);
      assertThat(loaded.email()).isEqualTo(FORGOTTEN);
      assertThat(loaded.plan()).isEqualTo("silver");
      assertThat(loaded.version()).isEqualTo(2);
      assertThat(store.readStream(id).map(EventEnvelope::payload).toList()).containsExactly(
          new CustomerEvent.Registered(id, FORGOTTEN, "silver"), new CustomerEvent.EmailChanged(id, FORGOTTEN));
      assertThat(store.readStream(delivery).map(EventEnvelope::payload).toList())
          .containsExactly(new DeliveryBooked(id.toString(), FORGOTTEN, new BigDecimal("4.50")));
      assertThat(fixture.feedEvents(id)).extracting(e -> e.envelope().payload()).containsExactly(
          new CustomerEvent.Registered(id, FORGOTTEN, "silver"), new CustomerEvent.EmailChanged(id, FORGOTTEN));
      List<InspectedEvent> inspected = new EsAdmin(fixture.feed).stream(id, 1, 10).events();
      assertThat(inspected).extracting(e -> e.payload().orElseThrow())
          .containsExactly(new CustomerEvent.Registered(id, FORGOTTEN, "silver"),
              new CustomerEvent.EmailChanged(id, FORGOTTEN));

      assertThat(emails.emailOf(id)).as("the application's read model keeps it until rebuilt").isEqualTo(newer);
      runner.rebuild(CustomerEmails.NAME);
      await().atMost(PATIENCE).until(() -> FORGOTTEN.equals(emails.emailOf(id)));
    }
    assertThat(fixture.tables()).as("the scan covers the store's, the feed's, the sagas' and the read model's")
        .contains("events", "snapshots", "feed", "subject_keys", "subject_streams", "saga_instances",
            "customer_emails");
    for (String text : List.of(email, newer, address)) {
      assertThat(fixture.whereStored(text)).as("tables holding %s", text).isEmpty();
    }
  }

  @Test
  void aForgottenSubjectsNewEventsGetANewKeyAndReadClearWhileTheOldOnesStayForgotten() {
    UUID id = UUID.randomUUID();
    String email = "cy-" + id + "@example.com";
    String newer = "cy.b-" + id + "@example.com";
    fixture.customers.save(Customer.register(id, email, "bronze"));
    UUID first = fixture.keyIdOf(id.toString());
    store.forgetSubject(id.toString());
    assertThat(store.forgetSubject(id.toString())).as("again: nothing left to delete but the snapshots")
        .isEqualTo(new ForgottenSubject(id.toString(), false, 1));

    fixture.customers.update(id, customer -> customer.changeEmail(newer));

    assertThat(fixture.keyIdOf(id.toString())).isNotNull().isNotEqualTo(first);
    assertThat(fixture.customers.load(id).email()).isEqualTo(newer);
    assertThat(fixture.customers.history(id).map(e -> e.payload()).toList()).containsExactly(
        new CustomerEvent.Registered(id, FORGOTTEN, "bronze"), new CustomerEvent.EmailChanged(id, newer));
    CassandraEventStore otherProcess = PrivacyFixture.newStore(fixture.session, fixture.keyspace, b -> b);
    assertThat(otherProcess.readStream(id).map(EventEnvelope::payload).toList()).containsExactly(
        new CustomerEvent.Registered(id, FORGOTTEN, "bronze"), new CustomerEvent.EmailChanged(id, newer));
  }

  @Test
  void anotherProcessOpensWithTheKeyItCachedUntilItsTimeToLivePasses() {
    UUID id = UUID.randomUUID();
    String email = "di-" + id + "@example.com";
    fixture.customers.save(Customer.register(id, email, "gold"));
    CassandraEventStore otherProcess = PrivacyFixture.newStore(fixture.session, fixture.keyspace,
        b -> b.subjectKeyCacheTtl(Duration.ofSeconds(3)));
    assertThat(emailIn(otherProcess, id)).isEqualTo(email);

    store.forgetSubject(id.toString());

    assertThat(emailIn(store, id)).as("this process dropped the key").isEqualTo(FORGOTTEN);
    assertThat(emailIn(otherProcess, id)).as("the other still has it cached").isEqualTo(email);
    await().atMost(PATIENCE).until(() -> FORGOTTEN.equals(emailIn(otherProcess, id)));
  }

  @Test
  void aMissingSubjectFailsTheAppendNamingTypeComponentAndAggregateAndWritesNothing() {
    UUID delivery = UUID.randomUUID();
    String address = "3 Low Road, flat " + delivery;

    assertThatThrownBy(() -> store.append("Delivery", delivery, ExpectedVersion.noStream(),
        List.of(new DeliveryBooked(null, address, BigDecimal.ONE))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'DeliveryBooked'")
        .hasMessageContaining("component 'address'")
        .hasMessageContaining("'customerId' is null")
        .hasMessageContaining(delivery.toString());
    assertThat(store.currentVersion(delivery)).isZero();
    assertThat(fixture.whereStored(delivery.toString())).as("no row names the aggregate").isEmpty();
  }

  @Test
  void aTamperedSealedTextIsADeserializationErrorNamingAggregateAndVersion() {
    UUID id = UUID.randomUUID();
    fixture.customers.save(Customer.register(id, "eve-" + id + "@example.com", "gold"));
    fixture.customers.update(id, customer -> customer.changeEmail("eve.b-" + id + "@example.com"));
    String stored = fixture.storedPayloads(id).get(1);
    String sealed = stored.replaceAll(".*\"(es-pd1:[^\"]+)\".*", "$1");
    byte[] bytes = Base64.getDecoder().decode(sealed.substring("es-pd1:".length()));
    bytes[bytes.length - 1] ^= 1;
    String tampered = "es-pd1:" + Base64.getEncoder().withoutPadding().encodeToString(bytes);
    fixture.session.execute("UPDATE " + fixture.keyspace + ".events SET payload = ? WHERE aggregate_id = ?"
        + " AND version = 2", stored.replace(sealed, tampered), id);

    assertThatThrownBy(() -> store.readStream(id).toList())
        .isInstanceOfSatisfying(EventDeserializationException.class, e -> {
          assertThat(e.aggregateId()).isEqualTo(id);
          assertThat(e.version()).isEqualTo(2);
          assertThat(e.eventType()).isEqualTo("CustomerEmailChanged");
        })
        .hasMessageContaining("does not authenticate");
    assertThat(store.readStream(id, 1, 1).toList()).as("the other event reads").hasSize(1);
  }

  private List<StoredSnapshot> snapshotsOf(UUID id) {
    return store.snapshotsAtOrBelow(id, Long.MAX_VALUE).toList();
  }

  private static String emailIn(CassandraEventStore store, UUID id) {
    return ((CustomerEvent.Registered) store.readStream(id, 1, 1).findFirst().orElseThrow().payload()).email();
  }
}
