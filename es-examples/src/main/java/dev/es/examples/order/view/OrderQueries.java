package dev.es.examples.order.view;

import dev.es.examples.order.OrderStatus;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The order query handlers, each one read of a table built for it. */
public final class OrderQueries {

  private final OrderViewTable orders;
  private final OrderByCustomerTable byCustomer;
  private final OrderByStatusTable byStatus;

  public OrderQueries(OrderViewTable orders, OrderByCustomerTable byCustomer, OrderByStatusTable byStatus) {
    this.orders = orders;
    this.byCustomer = byCustomer;
    this.byStatus = byStatus;
  }

  public Optional<OrderView> byId(UUID orderId) {
    return orders.find(orderId);
  }

  /** A customer's orders, oldest first. */
  public List<OrderByCustomer> historyOf(UUID customerId) {
    return byCustomer.findByPartition(customerId).toList();
  }

  /** How many orders are in each status, and their revenue. */
  public OrderStatistics statistics() {
    Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
    Map<OrderStatus, BigDecimal> totals = new EnumMap<>(OrderStatus.class);
    for (OrderStatus status : OrderStatus.values()) {
      long count = 0;
      BigDecimal total = BigDecimal.ZERO;
      for (OrderByStatus row : (Iterable<OrderByStatus>) byStatus.findByPartition(status)::iterator) {
        count++;
        total = total.add(row.total());
      }
      counts.put(status, count);
      totals.put(status, total);
    }
    return new OrderStatistics(counts, totals);
  }
}
