package dev.es.examples.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.es.runtime.EventSerializer;
import dev.es.testkit.fixture.AggregateFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order aggregate's life and its illegal transitions, given/when/then, without Cassandra. */
class OrderTest {

  private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-00000000c001");
  private static final OrderItem BOOK = new OrderItem("BOOK-1", 1, new BigDecimal("24.90"));
  private static final OrderItem PEN = new OrderItem("PEN-7", 3, new BigDecimal("2.50"));

  // snippet:fixture
  private final AggregateFixture<Order, OrderEvent> fixture = AggregateFixture.of(Order.class).withAggregateId(ORDER);
  private final OrderCreated created = new OrderCreated(ORDER, CUSTOMER, List.of(BOOK, PEN),
      new BigDecimal("32.40"));
  private final PaymentConfirmed paid = new PaymentConfirmed(ORDER, "PAY-1", new BigDecimal("32.40"));

  @Test
  void goesThroughItsLife() {
    fixture.given(created).when(order -> order.confirmPayment("PAY-1", new BigDecimal("32.40"))).expectEvents(paid);
    fixture.given(created, paid).when(order -> order.ship("T-1")).expectEvents(new OrderShipped("T-1"));
    fixture.given(created, paid, new OrderShipped("T-1")).when(Order::complete)
        .expectEvents(new OrderCompleted())
        .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED));
  }

  @Test
  void refusesShippingUnpaidOrders() {
    fixture.given(created).when(order -> order.ship("T-1"))
        .expectException(IllegalOrderStateException.class, "is PENDING: cannot ship");
  }
  // end:fixture

  @Test
  void refusesTransitionsItsStatusDoesNotAllow() {
    fixture.given(created, paid).when(order -> order.confirmPayment("PAY-2", new BigDecimal("32.40")))
        .expectException(IllegalOrderStateException.class, "is PAID: cannot confirm a payment");
    fixture.given(created, paid).when(order -> order.complete())
        .expectException(IllegalOrderStateException.class, "is PAID: cannot complete");
    fixture.given(created, paid).when(order -> order.addItem(BOOK))
        .expectException(IllegalOrderStateException.class, "cannot add an item");
    fixture.given(created, paid, new OrderShipped("T-1"), new OrderCompleted()).when(order -> order.cancel("late"))
        .expectException(IllegalOrderStateException.class, "is COMPLETED: cannot cancel");
  }

  @Test
  void createsWithItemsAndTotal() {
    fixture.whenCreating(id -> Order.create(id, CUSTOMER, List.of(BOOK, PEN)))
        .expectEvents(created)
        .expectState(order -> {
          assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
          assertThat(order.total()).isEqualByComparingTo("32.40");
        });
  }

  @Test
  void recalculatesTheTotalWhenItemsChange() {
    OrderItem lamp = new OrderItem("LAMP-2", 1, new BigDecimal("39.00"));
    fixture.given(created).when(order -> order.addItem(lamp))
        .expectEvents(new ItemAdded(ORDER, lamp, new BigDecimal("71.40")));
    fixture.given(created).when(order -> order.removeItem("PEN-7"))
        .expectEvents(new ItemRemoved(ORDER, "PEN-7", new BigDecimal("24.90")))
        .expectState(order -> assertThat(order.items()).containsExactly(BOOK));
  }

  @Test
  void cancelsUnlessCompleted() {
    fixture.given(created, paid, new OrderShipped("T-1")).when(order -> order.cancel("lost"))
        .expectEvents(new OrderCancelled("lost"));
  }

  @Test
  void theSnapshotRoundTripUsesTheFixturesMapper() {
    // writes the state's status in lower case and cannot read it back: only the snapshot holds a status
    ObjectMapper lowerCaseStatus = EventSerializer.defaultObjectMapper().registerModule(new SimpleModule()
        .addSerializer(OrderStatus.class, new JsonSerializer<>() {
          @Override
          public void serialize(OrderStatus value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.name().toLowerCase(Locale.ROOT));
          }
        }));

    assertThatThrownBy(() -> fixture.withObjectMapper(lowerCaseStatus).given(created)
        .when(order -> order.confirmPayment("PAY-1", new BigDecimal("32.40"))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("snapshot of aggregate type 'Order'")
        .hasMessageContaining("cannot be read back")
        .hasMessageContaining("\"status\":\"paid\"");
  }

  @Test
  void refusesAPaymentThatDoesNotMatchTheTotal() {
    fixture.given(created).when(order -> order.confirmPayment("PAY-1", new BigDecimal("30.00")))
        .expectException(IllegalArgumentException.class, "does not match the total 32.40");
  }
}
