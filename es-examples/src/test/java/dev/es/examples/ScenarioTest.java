package dev.es.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.examples.order.Order;
import dev.es.examples.order.OrderFulfillment;
import dev.es.examples.order.OrderItem;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.view.OrderStatistics;
import dev.es.examples.user.User;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

  @BeforeAll
  void runScenario(CqlSession session, TestKeyspace keyspace) throws Exception {
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
