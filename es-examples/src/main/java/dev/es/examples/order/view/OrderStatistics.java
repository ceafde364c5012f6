package dev.es.examples.order.view;

import dev.es.examples.order.OrderStatus;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Orders and revenue per status.
 *
 * @param countByStatus how many orders are in each status
 * @param totalByStatus the sum of their totals
 */
public record OrderStatistics(Map<OrderStatus, Long> countByStatus, Map<OrderStatus, BigDecimal> totalByStatus) {

  public long count(OrderStatus status) {
    return countByStatus.getOrDefault(status, 0L);
  }

  public long orders() {
    return countByStatus.values().stream().mapToLong(Long::longValue).sum();
  }
}
