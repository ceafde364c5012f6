package dev.es.examples.order.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.examples.order.ItemAdded;
import dev.es.examples.order.OrderCreated;
import dev.es.examples.order.OrderEvent;
import dev.es.examples.order.OrderItem;
import dev.es.examples.order.OrderShipped;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.PaymentConfirmed;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.feed.FeedEvent;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code OrderProjector_Projection} over hand-made feed events against Cassandra: the read models
 * after each event, events handled again (as after a crash) in any later order, and many orders in flight at once.
 */
@CassandraTest
class OrderProjectorTest {

  private static final Instant PLACED = Instant.parse("2031-05-01T10:00:00Z");
  private static final OrderItem BOOK = new OrderItem("BOOK-1", 1, new BigDecimal("24.90"));
  private static final OrderItem PEN = new OrderItem("PEN-7", 2, new BigDecimal("2.50"));

  private static OrderViewTable orders;
  private static OrderByCustomerTable byCustomer;
  private static OrderByStatusTable byStatus;
  private static OrderQueries queries;
  private static OrderProjector_Projection projection;
  private final AtomicLong positions = new AtomicLong();

  @BeforeAll
  static void createTables(CqlSession session, TestKeyspace keyspace) {
    orders = new OrderViewTable(session, keyspace.name());
    byCustomer = new OrderByCustomerTable(session, keyspace.name());
    byStatus = new OrderByStatusTable(session, keyspace.name());
    orders.initialize();
    byCustomer.initialize();
    byStatus.initialize();
    queries = new OrderQueries(orders, byCustomer, byStatus);
    projection = new OrderProjector_Projection(new OrderProjector(orders, byCustomer, byStatus));
  }

  @BeforeEach
  void empty() throws Exception {
    projection.reset();
  }

  private FeedEvent event(UUID order, long version, OrderEvent payload) {
    return new FeedEvent(0, positions.incrementAndGet(), new EventEnvelope<>(UUID.randomUUID(), order, "Order",
        payload.getClass().getSimpleName(), 1, version, PLACED.plusSeconds(version), "tester", EventMetadata.empty(),
        payload));
  }

  private List<FeedEvent> lifeOf(UUID order, UUID customer) {
    return List.of(
        event(order, 1, new OrderCreated(order, customer, List.of(BOOK), new BigDecimal("24.90"))),
        event(order, 2, new ItemAdded(order, PEN, new BigDecimal("29.90"))),
        event(order, 3, new PaymentConfirmed(order, "PAY-1", new BigDecimal("29.90"))),
        event(order, 4, new OrderShipped("TRACK-1")));
  }

  @Test
  void handlesTheOrderEventsAndPassesOverTheOthers() {
    assertThat(projection.handles("OrderCreated")).isTrue();
    assertThat(projection.handles("OrderShipped")).isTrue();
    assertThat(projection.handles("PaymentRequested")).as("the saga's event changes no view").isFalse();
    assertThat(projection.handles("ShipmentCreated")).isFalse();
  }

  @Test
  void eachEventLeavesTheRowsOfTheOrderAsItIsAfterIt() throws Exception {
    UUID order = UUID.randomUUID();
    UUID customer = UUID.randomUUID();
    List<FeedEvent> life = lifeOf(order, customer);

    projection.handle(life.get(0));
    assertThat(queries.byId(order)).contains(new OrderView(order, customer, OrderStatus.PENDING,
        new BigDecimal("24.90"), 1, PLACED.plusSeconds(1), null, 1));
    for (FeedEvent event : life.subList(1, 4)) {
      projection.handle(event);
    }

    assertThat(queries.byId(order)).contains(new OrderView(order, customer, OrderStatus.SHIPPED,
        new BigDecimal("29.90"), 2, PLACED.plusSeconds(1), "TRACK-1", 4));
    assertThat(queries.historyOf(customer)).containsExactly(new OrderByCustomer(customer, PLACED.plusSeconds(1),
        order, OrderStatus.SHIPPED, new BigDecimal("29.90")));
    OrderStatistics statistics = queries.statistics();
    assertThat(statistics.orders()).isEqualTo(1);
    assertThat(statistics.count(OrderStatus.SHIPPED)).isEqualTo(1);
  }

  @Test
  void eventsHandledAgainAfterLaterOnesChangeNothing() throws Exception {
    UUID order = UUID.randomUUID();
    UUID customer = UUID.randomUUID();
    List<FeedEvent> life = lifeOf(order, customer);
    for (FeedEvent event : life) {
      projection.handle(event);
    }
    OrderView shipped = queries.byId(order).orElseThrow();

    for (FeedEvent again : List.of(life.get(0), life.get(2), life.get(1), life.get(0), life.get(3))) {
      projection.handle(again); // the creation is written without a read: its version keeps it from winning
    }

    assertThat(queries.byId(order)).contains(shipped);
    assertThat(queries.historyOf(customer)).singleElement()
        .satisfies(row -> assertThat(row.status()).isEqualTo(OrderStatus.SHIPPED));
    OrderStatistics statistics = queries.statistics();
    assertThat(statistics.orders()).as("one order, in one status").isEqualTo(1);
    assertThat(statistics.count(OrderStatus.SHIPPED)).isEqualTo(1);
  }

  @Test
  void manyOrdersInFlightAtOnceEachInVersionOrder() throws Exception {
    int count = 300;
    UUID customer = UUID.randomUUID();
    List<List<FeedEvent>> lives = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lives.add(lifeOf(UUID.randomUUID(), customer).subList(0, i % 2 == 0 ? 3 : 1)); // every other one paid
    }
    List<CompletableFuture<Void>> handled = new ArrayList<>();
    for (List<FeedEvent> life : lives) { // each order's events one after another, the orders side by side
      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
      for (FeedEvent event : life) {
        chain = chain.thenCompose(previous -> projection.handleAsync(event));
      }
      handled.add(chain);
    }
    CompletableFuture.allOf(handled.toArray(new CompletableFuture<?>[0])).get();

    OrderStatistics statistics = queries.statistics();
    assertThat(statistics.count(OrderStatus.PAID)).isEqualTo(count / 2);
    assertThat(statistics.count(OrderStatus.PENDING)).isEqualTo(count / 2);
    assertThat(queries.historyOf(customer)).hasSize(count);
  }
}
