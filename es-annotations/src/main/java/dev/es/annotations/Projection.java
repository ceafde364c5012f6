package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read-model record stored in a Cassandra table. Reserved: the processor does not yet generate anything
 * for it (a later release generates {@code <Name>Table} with the {@code CREATE TABLE} CQL and typed row access).
 *
 * <p>Keys reuse the java-driver mapper's own annotations ({@code @PartitionKey}, {@code @ClusteringColumn},
 * {@code @CqlName} from {@code com.datastax.oss.driver.api.mapper.annotations}):
 *
 * <pre>{@code
 * @Projection(table = "user_by_email")
 * public record UserByEmail(@PartitionKey String email, UUID userId, String name, boolean active) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Projection {

  /** The CQL table name (a valid unquoted identifier). */
  String table();
}
