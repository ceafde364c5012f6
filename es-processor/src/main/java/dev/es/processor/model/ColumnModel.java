package dev.es.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * One component of a {@code @Projection} record: one column of its table.
 *
 * @param component the record component's name (its accessor)
 * @param column the CQL column name
 * @param javaType the component's declared type
 * @param type how it maps to CQL
 * @param role partition key, clustering column or regular column
 * @param keyIndex the position within the partition key or clustering columns (0-based); 0 for regular columns
 */
public record ColumnModel(
    String component, String column, TypeName javaType, ColumnType type, KeyRole role, int keyIndex) {

  /** Where a column is in the primary key. */
  public enum KeyRole {
    PARTITION_KEY,
    CLUSTERING_COLUMN,
    REGULAR
  }

  public ColumnModel {
    Objects.requireNonNull(component);
    Objects.requireNonNull(column);
    Objects.requireNonNull(javaType);
    Objects.requireNonNull(type);
    Objects.requireNonNull(role);
  }
}
