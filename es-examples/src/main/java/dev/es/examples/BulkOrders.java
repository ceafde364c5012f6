package dev.es.examples;

import dev.es.examples.order.OrderCommands;
import dev.es.examples.order.OrderItem;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The bulk phase's workload, also driven by the read-side benchmark: order {@code n} has two lines of a small
 * catalog, for one of 500 customers, and is paid when {@code n} is even (1.5 commands per order).
 */
public final class BulkOrders {

  private static final int CUSTOMERS = 500;
  private static final OrderItem[] CATALOG = {
      new OrderItem("BOOK-1", 1, new BigDecimal("24.90")),
      new OrderItem("PEN-7", 3, new BigDecimal("2.50")),
      new OrderItem("LAMP-2", 1, new BigDecimal("39.00")),
      new OrderItem("MUG-4", 2, new BigDecimal("8.00"))};

  private final OrderCommands orders;
  private final List<UUID> customers = IntStream.range(0, CUSTOMERS).mapToObj(i -> UUID.randomUUID()).toList();

  public BulkOrders(OrderCommands orders) {
    this.orders = orders;
  }

  /** Whether order {@code n} is paid. */
  public static boolean paid(long n) {
    return n % 2 == 0;
  }

  /** How many commands order {@code n} takes. */
  public static int commands(long n) {
    return paid(n) ? 2 : 1;
  }

  /** Places order {@code n}, and pays it if it is to be paid; returns its id. */
  public UUID order(long n) {
    OrderItem first = CATALOG[(int) (n % CATALOG.length)];
    OrderItem second = CATALOG[(int) ((n + 1) % CATALOG.length)];
    UUID order = orders.place(customers.get((int) (n % CUSTOMERS)), List.of(first, second));
    if (paid(n)) {
      // the saga appends to this order too (PaymentRequested): update retries a conflict with it
      orders.confirmPayment(order, "PAY-B" + n, first.lineTotal().add(second.lineTotal()));
    }
    return order;
  }
}
