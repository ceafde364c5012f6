package dev.es.examples.order.view;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import dev.es.examples.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An order as the application shows it: the "order by id" query. */
@Projection(table = "orders")
public record OrderView(
    @PartitionKey UUID orderId,
    UUID customerId,
    OrderStatus status,
    BigDecimal total,
    int lineCount,
    Instant placedAt,
    String trackingNumber,
    long version) {}
