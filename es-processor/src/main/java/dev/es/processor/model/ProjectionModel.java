package dev.es.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * Everything the table generator needs to know about one {@code @Projection} record, already validated.
 *
 * @param element the annotated record, kept only as the originating element of the generated file
 * @param record the record class
 * @param table the CQL table name
 * @param columns every component, in declaration order (the record's canonical constructor order)
 */
public record ProjectionModel(TypeElement element, ClassName record, String table, List<ColumnModel> columns) {
  public ProjectionModel {
    columns = List.copyOf(columns);
  }

  /** The partition-key columns, in key order. */
  public List<ColumnModel> partitionKey() {
    return keyColumns(ColumnModel.KeyRole.PARTITION_KEY);
  }

  /** The clustering columns, in clustering order. */
  public List<ColumnModel> clusteringColumns() {
    return keyColumns(ColumnModel.KeyRole.CLUSTERING_COLUMN);
  }

  /** The partition key followed by the clustering columns: what identifies one row. */
  public List<ColumnModel> primaryKey() {
    return java.util.stream.Stream.concat(partitionKey().stream(), clusteringColumns().stream()).toList();
  }

  private List<ColumnModel> keyColumns(ColumnModel.KeyRole role) {
    return columns.stream()
        .filter(c -> c.role() == role)
        .sorted(Comparator.comparingInt(ColumnModel::keyIndex))
        .toList();
  }
}
