package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.es.processor.ProcessorTesting.compile;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;

/**
 * One test per {@link Message} about read-model tables: {@code @Projection} records, their keys and columns (see
 * {@link DiagnosticsTesting}).
 */
class ProjectionDiagnosticsTest extends DiagnosticsTesting {

  private static final String READ_HEADER =
      """
      package test;

      import com.datastax.oss.driver.api.mapper.annotations.*;
      import dev.es.annotations.*;
      import java.util.*;

      """;

  private static JavaFileObject readModel(String body) {
    return source("test.Row", READ_HEADER + body);
  }

  @DiagnosticTest(Message.PROJECTION_KIND)
  void projectionNotARecord() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public class Row {
              @PartitionKey UUID id;
            }
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KIND, c, file, "public class Row");
    assertThat(message(c)).contains("@Projection Row is a class, not a record.");
  }

  @DiagnosticTest(Message.PROJECTION_KIND)
  void projectionGenericRecord() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row<T>(@PartitionKey UUID id, T value) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KIND, c, file, "public record Row<T>");
    assertThat(message(c)).contains("is generic");
  }

  @DiagnosticTest(Message.PROJECTION_TABLE)
  void projectionTableNameNotAnIdentifier() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "user-by-email")
            public record Row(@PartitionKey UUID id) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_TABLE, c, file, "@Projection(table = \"user-by-email\")");
    assertThat(message(c)).contains("Table name \"user-by-email\" of Row is not an unquoted CQL identifier.");
  }

  @DiagnosticTest(Message.PROJECTION_TABLE)
  void projectionTableNameReservedOrTooLong() {
    JavaFileObject reserved =
        readModel(
            """
            @Projection(table = "Select")
            public record Row(@PartitionKey UUID id) {}
            """);
    Compilation c = compile(reserved);
    expect(Message.PROJECTION_TABLE, c, reserved, "@Projection(table = \"Select\")");
    assertThat(message(c)).contains("is a reserved CQL keyword");

    String longName = "t".repeat(49);
    JavaFileObject tooLong =
        readModel("@Projection(table = \"" + longName + "\")\npublic record Row(@PartitionKey UUID id) {}\n");
    Compilation c2 = compile(tooLong);
    expect(Message.PROJECTION_TABLE, c2, tooLong, "@Projection(table =");
    assertThat(message(c2)).contains("is longer than 48 characters");
  }

  @DiagnosticTest(Message.PROJECTION_PARTITION_KEY)
  void projectionWithoutPartitionKey() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                UUID id,
                @ClusteringColumn String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_PARTITION_KEY, c, file, "public record Row(");
    assertThat(message(c)).contains("@Projection Row has no partition key.");
    assertThat(message(c)).contains("'@PartitionKey UUID id'");
  }

  @DiagnosticTest(Message.PROJECTION_KEY_ORDER)
  void duplicatePartitionKeyIndex() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID tenant,
                @PartitionKey UUID id,
                String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@PartitionKey UUID id,");
    assertThat(message(c))
        .contains("Partition-key component 'id' of Row has @PartitionKey index 0, but so has 'tenant'.");
  }

  @DiagnosticTest(Message.PROJECTION_KEY_ORDER)
  void gappedPartitionKeyIndex() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey(0) UUID tenant,
                @PartitionKey(2) UUID id,
                String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@PartitionKey(2) UUID id,");
    assertThat(message(c)).contains("has @PartitionKey index 2, but no partition-key component has index 1.");
  }

  @DiagnosticTest(Message.PROJECTION_KEY_ORDER)
  void clusteringOrderNotStartingAtZero() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @ClusteringColumn(1) int day,
                String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@ClusteringColumn(1) int day,");
    assertThat(message(c))
        .contains("Clustering component 'day' of Row has @ClusteringColumn order 1, but they start at 0.");
  }

  @DiagnosticTest(Message.PROJECTION_KEY_ORDER)
  void duplicateClusteringOrder() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @ClusteringColumn(0) int day,
                @ClusteringColumn(0) int hour) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@ClusteringColumn(0) int hour)");
    assertThat(message(c)).contains("@ClusteringColumn order 0, but so has 'day'");
  }

  @DiagnosticTest(Message.PROJECTION_KEY_CONFLICT)
  void componentBothPartitionKeyAndClusteringColumn() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @PartitionKey(1) @ClusteringColumn int day) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_CONFLICT, c, file, "@ClusteringColumn int day)");
    assertThat(message(c)).contains("Component 'day' of Row is annotated both @PartitionKey and @ClusteringColumn.");
  }

  @DiagnosticTest(Message.PROJECTION_KEY_TYPE)
  void collectionAsKey() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @ClusteringColumn List<String> tags) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_TYPE, c, file, "@ClusteringColumn List<String> tags)");
    assertThat(message(c)).contains("mapped to CQL list<text>, which cannot be part of a primary key");
  }

  @DiagnosticTest(Message.PROJECTION_COLUMN_TYPE)
  void unmappableComponentType() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                Object payload) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_COLUMN_TYPE, c, file, "Object payload)");
    assertThat(message(c)).contains("Component 'payload' of Row has type java.lang.Object, which has no CQL mapping.");
  }

  @DiagnosticTest(Message.PROJECTION_COLUMN_TYPE)
  void nestedCollectionIsUnmappable() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                List<List<String>> matrix) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_COLUMN_TYPE, c, file, "List<List<String>> matrix)");
    assertThat(message(c)).contains("(collections inside collections are not supported)");
  }

  @DiagnosticTest(Message.PROJECTION_COLUMN_NAME)
  void invalidOrDuplicateColumnName() {
    JavaFileObject reserved =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                int order) {}
            """);
    Compilation c = compile(reserved);
    expect(Message.PROJECTION_COLUMN_NAME, c, reserved, "int order)");
    assertThat(message(c)).contains("Column name \"order\" of component 'order' of Row is a reserved CQL keyword.");

    JavaFileObject duplicate =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID userId,
                @CqlName("user_id") UUID other) {}
            """);
    Compilation c2 = compile(duplicate);
    expect(Message.PROJECTION_COLUMN_NAME, c2, duplicate, "@CqlName(\"user_id\") UUID other)");
    assertThat(message(c2)).contains("is already the column of component 'userId'");
  }

  @DiagnosticTest(Message.NAME_COLLISION)
  void generatedTableNameTaken() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(@PartitionKey UUID id) {}

            class RowTable {}
            """);
    Compilation c = compile(file);
    expect(Message.NAME_COLLISION, c, file, "public record Row(");
    assertThat(message(c)).contains("The processor generates test.RowTable for Row");
  }
}
