package dev.es.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.examples.order.Order;
import dev.es.examples.order.OrderFulfillment;
import dev.es.examples.order.OrderItem;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.view.OrderStatistics;
import dev.es.examples.user.User;
import dev.es.examples.user.UserRegistered;
import dev.es.examples.user.UserRegisteredV1;
import dev.es.examples.user.view.UserStatistics;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.projection.EventCounts;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The example's scenario and a small bulk phase against Cassandra: their outcomes, not only that they ran. */
@CassandraTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final Checks checks = new Checks(out);
  private Shop shop;
  private Scenario scenario;
  private Scenario.Ids ids;
  private CqlSession session;

  @BeforeAll
  void runScenario(CqlSession session, TestKeyspace keyspace) throws Exception {
    this.session = session;
    shop = new Shop(session, keyspace.name(), 1);
    scenario = new Scenario(shop, out, checks);
    ids = scenario.run();
  }

  @AfterAll
  void stop() {
    shop.close();
  }

  @Test
  void everyCheckOfTheScenarioPasses() {
    assertThat(checks.allPassed()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
  }

  @Test
  void usersEndInTheStateTheCommandsLeftThem() {
    User ann = shop.userRepository.load(ids.ann());
    assertThat(ann.active()).isTrue();
    assertThat(ann.preferences().language()).isEqualTo("de");
    assertThat(shop.userRepository.load(ids.bob()).email()).isEqualTo("bob@example.com");
    assertThat(shop.userRepository.load(ids.bob()).active()).isFalse();
    assertThat(shop.userQueries.activeUsers())
        .extracting(user -> user.userId())
        .containsExactlyInAnyOrder(ids.ann(), ids.cleo());
    assertThat(shop.userQueries.byEmailDomain("shop.test")).as("Bob moved away from shop.test").isEmpty();
  }

  @Test
  void ordersEndInTheStateTheCommandsLeftThem() {
    Order first = shop.orderRepository.load(ids.order1());
    assertThat(first.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(first.items()).extracting(OrderItem::sku).containsExactly("BOOK-1", "LAMP-2");
    assertThat(first.total()).isEqualByComparingTo(new BigDecimal("63.90"));
    assertThat(shop.orderRepository.load(ids.order3()).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(shop.orderRepository.load(ids.order4()).items()).extracting(OrderItem::sku)
        .containsExactlyInAnyOrder("PEN-7", "BOOK-1", "LAMP-2");
    assertThat(shop.orderQueries.byId(ids.order2())).hasValueSatisfying(view -> {
      assertThat(view.status()).isEqualTo(OrderStatus.SHIPPED);
      assertThat(view.trackingNumber()).isEqualTo("TRACK-2");
    });
    assertThat(shop.orderQueries.historyOf(ids.cleo())).extracting(row -> row.orderId())
        .containsExactly(ids.order3(), ids.order4());
  }

  @Test
  void aUserRegisteredBeforeNamesWereSplitLoadsWithFirstAndLastName() {
    UUID id = UUID.randomUUID();
    // stored as revision 1 by the application as it was before names were split: its registry had revision 1 only
    CassandraEventStore olderApplication = new CassandraEventStore(session,
        EventStoreOptions.builder().keyspace(shop.store.options().keyspace()).build(),
        new EventRegistry().register(EventType.current("UserRegistered", 1, UserRegisteredV1.class)));
    olderApplication.append("User", id, ExpectedVersion.noStream(),
        List.of(new UserRegisteredV1("old@example.com", "Dana Old")));
    assertThat(shop.store.readStream(id).findFirst()).hasValueSatisfying(stored -> {
      assertThat(stored.revision()).as("upcast on read").isEqualTo(2);
      assertThat(stored.payload()).isEqualTo(new UserRegistered("old@example.com", "Dana", "Old"));
    });
    User user = shop.userRepository.load(id);
    assertThat(user.firstName()).isEqualTo("Dana");
    assertThat(user.lastName()).isEqualTo("Old");
    assertThat(session.execute("SELECT event_revision FROM events WHERE aggregate_id = ?", id).one()
        .getInt(0)).as("the stored row stays revision 1").isEqualTo(1);
  }

  @Test
  void theFulfillmentSagaFollowedEachOrder() {
    assertThat(shop.sagas.instances(shop.fulfillment, "orderId", ids.order1())).singleElement().satisfies(saga -> {
      assertThat(saga.ended()).isTrue();
      assertThat(saga.parked()).isFalse();
      assertThat(saga.state().stage()).isEqualTo(OrderFulfillment.Stage.SHIPPING);
    });
    assertThat(shop.orderRepository.load(ids.order1()).shipmentId()).isNotNull();
    assertThat(shop.orderRepository.load(ids.order1()).inventoryReserved()).isTrue();
    assertThat(shop.sagas.instances(shop.fulfillment, "orderId", ids.order3())).singleElement()
        .satisfies(saga -> {
          assertThat(saga.ended()).as("order 3 was cancelled before payment: the saga still waits").isFalse();
          assertThat(saga.state().stage()).isEqualTo(OrderFulfillment.Stage.AWAITING_PAYMENT);
        });
    assertThat(shop.orderRepository.load(ids.order3()).paymentRequested()).isTrue();
  }

  @Test
  void theUserReadModelFollowsOrdersPlacedPaidAndCancelled() throws Exception {
    UserStatistics bob = shop.userQueries.statistics(ids.bob()).orElseThrow();
    assertThat(bob.totalOrders()).isEqualTo(1);
    assertThat(bob.totalSpent()).isEqualByComparingTo("39.00");
    assertThat(bob.lastLogin()).isAfter(bob.createdAt());
    UserStatistics cleo = shop.userQueries.statistics(ids.cleo()).orElseThrow();
    assertThat(cleo.totalOrders()).as("order 3 cancelled, order 4 pending").isEqualTo(1);
    assertThat(cleo.totalSpent()).isZero();
    assertThat(cleo.lastLogin()).isNull();

    OrderItem mug = new OrderItem("MUG-3", 2, new BigDecimal("8.00"));
    UUID paidThenCancelled = shop.orders.place(ids.bob(), List.of(mug));
    UUID paid = shop.orders.place(ids.bob(), List.of(mug));
    shop.orders.confirmPayment(paidThenCancelled, "PAY-T1", new BigDecimal("16.00"));
    shop.orders.confirmPayment(paid, "PAY-T2", new BigDecimal("16.00"));
    shop.orders.cancel(paidThenCancelled, "returned");
    scenario.awaitProjection();

    UserStatistics after = shop.userQueries.statistics(ids.bob()).orElseThrow();
    assertThat(after.totalOrders()).isEqualTo(2);
    assertThat(after.totalSpent()).isEqualByComparingTo("55.00");
    assertThat(after.createdAt()).isEqualTo(bob.createdAt());
    assertThat(shop.userQueries.activeUsers(1)).hasSize(1);
    assertThat(shop.userQueries.activeUsers(10)).hasSize(2);
  }

  @Test
  void theEventStatisticsEqualTheStoresCountsOfEveryType() throws Exception {
    Checks statisticsChecks = new Checks(out);
    EventCounts counts = new StatisticsReport(shop, out, statisticsChecks).run("test", true);
    assertThat(statisticsChecks.allPassed()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
    assertThat(counts.ofAggregateType("User")).isPositive();
    assertThat(counts.ofEventType("RegistrationStarted")).isEqualTo(4);
  }

  @Test
  void theBulkPhaseCountsExactlyTheCommandsSent() throws Exception {
    OrderStatistics before = shop.orderQueries.statistics();
    Checks bulkChecks = new Checks(out);
    new BulkLoad(shop, out, bulkChecks).run(200, 16, scenario);

    assertThat(bulkChecks.allPassed()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
    OrderStatistics after = shop.orderQueries.statistics();
    assertThat(after.count(OrderStatus.PAID) - before.count(OrderStatus.PAID)).isEqualTo(100);
    assertThat(after.count(OrderStatus.PENDING) - before.count(OrderStatus.PENDING)).isEqualTo(100);
  }
}
