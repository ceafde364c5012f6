package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read-model record stored in a Cassandra table. The processor generates, in the same package, the public
 * class {@code <Name>Table} with the {@code CREATE TABLE IF NOT EXISTS} CQL as a constant and typed,
 * prepared-statement access: {@code initialize()} (creates the table), {@code upsert(row)}, {@code find(full key)}
 * returning an {@code Optional}, {@code findByPartition(partition key)} returning a lazily paged {@code Stream}
 * (when the table has clustering columns), {@code delete(full key)} and {@code truncate()}.
 *
 * <p>Keys reuse the java-driver mapper's own annotations ({@code @PartitionKey}, {@code @ClusteringColumn},
 * {@code @CqlName} from {@code com.datastax.oss.driver.api.mapper.annotations}); a composite partition key numbers
 * its components {@code @PartitionKey(0)}, {@code @PartitionKey(1)}, ..., clustering columns likewise. A column
 * is named after its component in snake case ({@code userId} becomes {@code user_id}) unless {@code @CqlName}
 * says otherwise:
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

  /** The CQL table name: a valid unquoted identifier, {@code [a-zA-Z][a-zA-Z0-9_]{0,47}}, not a CQL keyword. */
  String table();
}
