package dev.es.examples.order.view;

import com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn;
import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import dev.es.examples.order.OrderStatus;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Orders by their current status: the table behind the order statistics. A row moves from one partition to the
 * next as the order goes through its life, so counting a partition counts the orders in that status.
 */
@Projection(table = "orders_by_status")
public record OrderByStatus(@PartitionKey OrderStatus status, @ClusteringColumn UUID orderId, BigDecimal total) {}
