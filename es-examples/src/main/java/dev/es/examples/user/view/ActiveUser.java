package dev.es.examples.user.view;

import com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn;
import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.util.UUID;

/**
 * Active users, spread over {@value #BUCKETS} partitions so that no single partition holds them all: the
 * "active users" query reads the buckets one by one.
 */
@Projection(table = "active_users")
public record ActiveUser(@PartitionKey int bucket, @ClusteringColumn UUID userId, String email) {

  public static final int BUCKETS = 8;

  public static int bucketOf(UUID userId) {
    return Math.floorMod(userId.hashCode(), BUCKETS);
  }
}
