package dev.es.examples.order.view;

import com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn;
import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import dev.es.examples.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A customer's orders in the order they were placed: the "order history by customer" query. */
@Projection(table = "orders_by_customer")
public record OrderByCustomer(
    @PartitionKey UUID customerId,
    @ClusteringColumn(0) Instant placedAt,
    @ClusteringColumn(1) UUID orderId,
    OrderStatus status,
    BigDecimal total) {}
