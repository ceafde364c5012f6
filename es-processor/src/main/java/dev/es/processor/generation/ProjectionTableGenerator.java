package dev.es.processor.generation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.es.processor.GeneratedNames;
import dev.es.processor.model.ColumnModel;
import dev.es.processor.model.ColumnType;
import dev.es.processor.model.ProjectionModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>Table}: the {@code CREATE TABLE IF NOT EXISTS} CQL of a {@code @Projection} record as a
 * constant, and typed access to its rows, each operation blocking and as an {@code ...Async} variant, the writes
 * also at a given write timestamp. The class extends the runtime's {@code AbstractTable}, which owns what every
 * table shares (keyspace check, {@code initialize()}, statements prepared on first use, running them); the
 * generated class holds what depends on the record: columns, keys, the statements' CQL, and binding and reading a
 * row. Each column is bound and read by position with an explicit driver codec (no codec-registry lookups, no
 * reflection): {@code TypeCodecs} for scalars and collections, {@code ExtraTypeCodecs.enumNamesOf} for enums and
 * {@code AbstractTable.json} for records, over the {@code ObjectMapper} the table is constructed with (the
 * store's, so one Jackson configuration writes events, snapshots and read-model columns).
 */
public final class ProjectionTableGenerator {

  private static final ClassName CQL_SESSION = ClassName.get("com.datastax.oss.driver.api.core", "CqlSession");
  private static final ClassName PREPARED_STATEMENT =
      ClassName.get("com.datastax.oss.driver.api.core.cql", "PreparedStatement");
  private static final ClassName ROW = ClassName.get("com.datastax.oss.driver.api.core.cql", "Row");
  private static final ClassName BOUND_STATEMENT =
      ClassName.get("com.datastax.oss.driver.api.core.cql", "BoundStatement");
  private static final ClassName TYPE_CODEC = ClassName.get("com.datastax.oss.driver.api.core.type.codec", "TypeCodec");
  private static final ClassName TYPE_CODECS =
      ClassName.get("com.datastax.oss.driver.api.core.type.codec", "TypeCodecs");
  private static final ClassName EXTRA_TYPE_CODECS =
      ClassName.get("com.datastax.oss.driver.api.core.type.codec", "ExtraTypeCodecs");
  private static final ClassName OBJECT_MAPPER = ClassName.get("com.fasterxml.jackson.databind", "ObjectMapper");
  /** The runtime's base class of generated tables. */
  private static final ClassName ABSTRACT_TABLE = ClassName.get("dev.es.runtime.spi", "AbstractTable");
  private static final ClassName INVALID_IDENTIFIER = ClassName.get("dev.es.runtime", "InvalidIdentifierException");
  private static final ClassName LAZY_STATEMENT = ABSTRACT_TABLE.nestedClass("LazyStatement");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  private static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");
  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName COMPLETION_STAGE = ClassName.get("java.util.concurrent", "CompletionStage");
  private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final TypeName STAGE_OF_VOID = ParameterizedTypeName.get(COMPLETION_STAGE, ClassName.get(Void.class));

  public JavaFile generate(ProjectionModel model) {
    ClassName self = GeneratedNames.table(model.record());
    ClassName record = model.record();
    boolean clustered = !model.clusteringColumns().isEmpty();
    String definition = definition(model);
    String columns = model.columns().stream().map(ColumnModel::column).collect(Collectors.joining(", "));

    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addJavadoc("Generated from {@link $T}. Do not edit.\n", record)
            .addJavadoc(
                "\n<p>The Cassandra table {@code $L} of the read model {@link $T}: one row per $L.\n"
                    + "Construct it with the session and the keyspace holding the table (the statements use\n"
                    + "{@code keyspace.$L}); {@link #CREATE_TABLE} is the same table without keyspace, for scripts\n"
                    + "and sessions whose keyspace is set. Statements are prepared once, on first use (without\n"
                    + "blocking a thread when that use is an {@code ...Async} operation), so call\n"
                    + "{@link #initialize()} (or create the table otherwise) first. Each read and write has a\n"
                    + "non-blocking {@code ...Async} variant returning a {@code CompletionStage}. Instances are\n"
                    + "thread-safe.\n$L",
                model.table(), record, model.primaryKey().stream().map(ColumnModel::column)
                    .collect(Collectors.joining(", ", "(", ")")),
                model.table(),
                jsonColumns(model).isEmpty()
                    ? ""
                    : "\n<p>Record-typed columns are JSON written and read by the {@code ObjectMapper} given to the\n"
                        + "constructor: pass the store's {@code EventStoreOptions.objectMapper()}.\n")
            .addAnnotation(GeneratedTypes.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(ABSTRACT_TABLE, record))
            .addOriginatingElement(model.element())
            .addField(
                FieldSpec.builder(STRING, "TABLE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The table's name, without keyspace.\n")
                    .initializer("$S", model.table())
                    .build())
            .addField(
                FieldSpec.builder(STRING, "CREATE_TABLE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Creates the table in the session's keyspace, if it does not exist.\n")
                    .initializer("$S", "CREATE TABLE IF NOT EXISTS " + model.table() + " " + definition)
                    .build())
            .addField(
                FieldSpec.builder(STRING, "DEFINITION", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$S", definition)
                    .build())
            .addField(
                FieldSpec.builder(STRING, "COLUMNS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$S", columns)
                    .build());
    for (ColumnModel column : model.columns()) {
      if (!(column.type() instanceof ColumnType.Simple) && !usesJson(column.type())) {
        type.addField(
            FieldSpec.builder(
                    ParameterizedTypeName.get(TYPE_CODEC, column.javaType().box()), codecField(column),
                    Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(codec(column.type()))
                .build());
      }
    }
    for (ColumnModel column : jsonColumns(model)) {
      type.addField(
          FieldSpec.builder(
                  ParameterizedTypeName.get(TYPE_CODEC, column.javaType().box()), codecField(column),
                  Modifier.PRIVATE, Modifier.FINAL)
              .initializer(codec(column.type()))
              .build());
    }
    statements(model, clustered).forEach(type::addField);
    type.addMethod(constructor(model))
        .addMethod(upsert(model))
        .addMethod(upsertAsync(model, false))
        .addMethod(upsertAsync(model, true))
        .addMethod(find(model))
        .addMethod(findAsync(model));
    if (clustered) {
      type.addMethod(upsertAllAsync(model, false))
          .addMethod(upsertAllAsync(model, true))
          .addMethod(findByPartition(model))
          .addMethod(findByPartitionAsync(model));
    }
    type.addMethod(delete(model))
        .addMethod(deleteAsync(model, false))
        .addMethod(deleteAsync(model, true));
    if (clustered) {
      type.addMethod(deletePartition(model)).addMethod(deletePartitionAsync(model));
    }
    type.addMethod(read(model));
    if (clustered) {
      type.addMethod(samePartition(model)).addMethod(partitionOf(model));
    }
    type.addMethod(bindUpsert(model))
        .addMethod(bindKeyMethod("bindPrimaryKey", model.primaryKey()));
    if (clustered) {
      type.addMethod(bindKeyMethod("bindPartitionKey", model.partitionKey()));
    }
    return GeneratedTypes.file(record.packageName(), type.build());
  }

  /**
   * The table's statements, each a field prepared on first use: {@code upsert}, {@code find} and {@code delete}
   * on the primary key, and with clustering columns {@code findByPartition} and {@code deletePartition} on the
   * partition key. Methods name them {@code this.find}, as a key parameter may be called {@code find}.
   */
  private static List<FieldSpec> statements(ProjectionModel model, boolean clustered) {
    String placeholders = model.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
    String fullKey = " WHERE " + where(model.primaryKey());
    String partitionKey = " WHERE " + where(model.partitionKey());
    List<FieldSpec> statements = new ArrayList<>();
    statements.add(statement("upsert", CodeBlock.of(
        "$S + qualifiedName() + $S + COLUMNS + $S", "INSERT INTO ", " (", ") VALUES (" + placeholders + ")")));
    statements.add(statement("find",
        CodeBlock.of("$S + COLUMNS + $S + qualifiedName() + $S", "SELECT ", " FROM ", fullKey)));
    if (clustered) {
      statements.add(statement("findByPartition",
          CodeBlock.of("$S + COLUMNS + $S + qualifiedName() + $S", "SELECT ", " FROM ", partitionKey)));
    }
    statements.add(statement("delete", CodeBlock.of("$S + qualifiedName() + $S", "DELETE FROM ", fullKey)));
    if (clustered) {
      statements.add(statement("deletePartition",
          CodeBlock.of("$S + qualifiedName() + $S", "DELETE FROM ", partitionKey)));
    }
    return statements;
  }

  private static FieldSpec statement(String name, CodeBlock cql) {
    return FieldSpec.builder(LAZY_STATEMENT, name, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("statement($L)", cql)
        .build();
  }

  /** {@code (col type, ..., PRIMARY KEY ((pk...), cc...))}. */
  static String definition(ProjectionModel model) {
    List<String> parts = new ArrayList<>();
    for (ColumnModel column : model.columns()) {
      parts.add(column.column() + " " + column.type().cql());
    }
    String partition =
        model.partitionKey().stream().map(ColumnModel::column).collect(Collectors.joining(", ", "(", ")"));
    StringBuilder key = new StringBuilder("PRIMARY KEY (").append(partition);
    for (ColumnModel column : model.clusteringColumns()) {
      key.append(", ").append(column.column());
    }
    parts.add(key.append(")").toString());
    return "(" + String.join(", ", parts) + ")";
  }

  /**
   * The constructor: a table with record-typed (JSON) columns also takes the {@code ObjectMapper} they are written
   * and read with, the store's {@code EventStoreOptions.objectMapper()}, so that read models use the same Jackson
   * configuration as events and snapshots; the generated class never builds a mapper of its own.
   */
  private static MethodSpec constructor(ProjectionModel model) {
    boolean json = !jsonColumns(model).isEmpty();
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc("@param session the session to run statements on\n")
        .addJavadoc("@param keyspace the keyspace holding the table: a lowercase unquoted identifier\n");
    if (json) {
      constructor.addJavadoc("@param objectMapper writes and reads the record-typed columns: pass the store's\n"
          + "    {@code EventStoreOptions.objectMapper()}, the one events and snapshots are written with\n");
    }
    constructor.addJavadoc("@throws $T if {@code keyspace} is not one\n", INVALID_IDENTIFIER)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(CQL_SESSION, "session")
        .addParameter(STRING, "keyspace");
    if (json) {
      return constructor.addParameter(OBJECT_MAPPER, "objectMapper")
          .addStatement("super(session, keyspace, TABLE, DEFINITION, objectMapper)")
          .build();
    }
    return constructor.addStatement("super(session, keyspace, TABLE, DEFINITION)").build();
  }

  /** The columns whose codec writes JSON: a record, or a collection of records. */
  private static List<ColumnModel> jsonColumns(ProjectionModel model) {
    return model.columns().stream().filter(column -> usesJson(column.type())).toList();
  }

  private static MethodSpec upsert(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("upsert")
            .addJavadoc("Inserts the row, or replaces every column of the row with the same key. A null column\n"
                + "value clears that column.\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(model.record(), "row");
    rowChecks(method, model);
    return method.addStatement("write(this.upsert, prepared -> bindUpsert(prepared, row))").build();
  }

  private static MethodSpec upsertAsync(ProjectionModel model, boolean timestamped) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("upsertAsync")
            .addJavadoc("{@link #upsert} without blocking a thread: the stage completes when the row is written.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(STAGE_OF_VOID)
            .addParameter(model.record(), "row");
    CodeBlock bind = CodeBlock.of("bindUpsert(prepared, row)");
    if (timestamped) {
      method.addJavadoc(WRITE_TIMESTAMP_JAVADOC).addParameter(long.class, "writeTimestamp");
      bind = CodeBlock.of("$L.setQueryTimestamp(writeTimestamp)", bind);
    }
    rowChecks(method, model);
    return method.addStatement("return writeAsync(this.upsert, prepared -> $L)", bind).build();
  }

  private static MethodSpec upsertAllAsync(ProjectionModel model, boolean timestamped) {
    TypeName rows = ParameterizedTypeName.get(LIST, model.record());
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("upsertAllAsync")
            .addJavadoc("Upserts rows of one partition in one unlogged batch, without blocking a thread: one request,\n"
                + "and one mutation of the partition on each replica. Meant for a few rows: Cassandra warns about\n"
                + "batches above {@code batch_size_warn_threshold} (5 KiB by default) and rejects them above\n"
                + "{@code batch_size_fail_threshold} (50 KiB).\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(STAGE_OF_VOID)
            .addParameter(rows, "rows");
    CodeBlock bind = CodeBlock.of("unloggedBatch(rows, row -> bindUpsert(prepared, row))");
    if (timestamped) {
      method.addJavadoc(WRITE_TIMESTAMP_JAVADOC).addParameter(long.class, "writeTimestamp");
      bind = CodeBlock.of("$L.setQueryTimestamp(writeTimestamp)", bind);
    }
    method.addJavadoc("\n@throws IllegalArgumentException if the rows do not all have the partition key of the first\n")
        .addStatement("$T.requireNonNull(rows, $S)", OBJECTS, "rows")
        .beginControlFlow("if (rows.isEmpty())")
        .addStatement("return $T.completedFuture(null)", COMPLETABLE_FUTURE)
        .endControlFlow()
        .beginControlFlow("for ($T row : rows)", model.record());
    rowChecks(method, model);
    method.beginControlFlow("if (!samePartition(rows.get(0), row))")
        .addStatement(
            "throw new $T($S + partitionOf(rows.get(0)) + $S + partitionOf(row))", IllegalArgumentException.class,
            "upsertAllAsync writes rows of one partition, but these rows are in two: ", " and ")
        .endControlFlow()
        .endControlFlow();
    return method.addStatement("return writeAsync(this.upsert, prepared -> $L)", bind).build();
  }

  private static MethodSpec samePartition(ProjectionModel model) {
    List<CodeBlock> equal = new ArrayList<>();
    for (ColumnModel key : model.partitionKey()) {
      equal.add(
          key.javaType().isPrimitive()
              ? CodeBlock.of("a.$N() == b.$N()", key.component(), key.component())
              : CodeBlock.of("$T.equals(a.$N(), b.$N())", OBJECTS, key.component(), key.component()));
    }
    return MethodSpec.methodBuilder("samePartition")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(boolean.class)
        .addParameter(model.record(), "a")
        .addParameter(model.record(), "b")
        .addStatement("return $L", CodeBlock.join(equal, "\n$>$>&& $<$<"))
        .build();
  }

  /** {@code "(customerId=" + row.customerId() + ", year=" + row.year() + ")"}: a partition key in messages. */
  private static MethodSpec partitionOf(ProjectionModel model) {
    List<CodeBlock> parts = new ArrayList<>();
    String separator = "(";
    for (ColumnModel key : model.partitionKey()) {
      parts.add(CodeBlock.of("$S + row.$N()", separator + key.component() + "=", key.component()));
      separator = ", ";
    }
    return MethodSpec.methodBuilder("partitionOf")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(STRING)
        .addParameter(model.record(), "row")
        .addStatement("return $L + $S", CodeBlock.join(parts, " + "), ")")
        .build();
  }

  private static final String WRITE_TIMESTAMP_JAVADOC =
      "\n<p>The write carries {@code writeTimestamp} (microseconds) instead of the current time. Of two writes to\n"
          + "a column, Cassandra keeps the one with the higher timestamp whatever their order, so a handler that\n"
          + "writes a row from the events of one aggregate only can pass the event's version: an event handled\n"
          + "again after a crash then never overwrites what a later event wrote, and needs no read to find out.\n"
          + "Write such rows only this way: a write at the current time always wins over one at a version.\n";

  private static final String DELETE_TIMESTAMP_JAVADOC =
      "\n<p>The deletion carries {@code writeTimestamp} (microseconds) instead of the current time: it hides what\n"
          + "was written at or below that timestamp, not what is written above it. Pass the event's version, as to\n"
          + "{@code upsertAsync(row, writeTimestamp)}: an earlier event handled again after a crash then cannot\n"
          + "bring back a row that a later event deleted.\n";

  /** The null checks of an upsert: the row and its non-primitive key components. */
  private static void rowChecks(MethodSpec.Builder method, ProjectionModel model) {
    method.addStatement("$T.requireNonNull(row, $S)", OBJECTS, "row");
    for (ColumnModel key : model.primaryKey()) {
      if (!key.javaType().isPrimitive()) {
        method.addStatement(
            "$T.requireNonNull(row.$N(), $S)", OBJECTS, key.component(), key.component() + " (a key column)");
      }
    }
  }

  private static MethodSpec find(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("find")
            .addJavadoc("The row with this primary key, if there is one.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(OPTIONAL, model.record()));
    keyParameters(method, model.primaryKey());
    return method.addStatement("return findOne(this.find, $L)", keyBinding(model.primaryKey(), "bindPrimaryKey"))
        .build();
  }

  private static MethodSpec findAsync(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("findAsync")
            .addJavadoc("{@link #find} without blocking a thread.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(COMPLETION_STAGE, ParameterizedTypeName.get(OPTIONAL, model.record())));
    keyParameters(method, model.primaryKey());
    return method.addStatement("return findOneAsync(this.find, $L)", keyBinding(model.primaryKey(), "bindPrimaryKey"))
        .build();
  }

  private static MethodSpec findByPartition(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("findByPartition")
            .addJavadoc("The rows of one partition, in clustering order. The first page is read now; the next\n"
                + "pages are read as the stream is consumed (page size: the driver's {@code basic.request.page-size}).\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(STREAM, model.record()));
    keyParameters(method, model.partitionKey());
    return method
        .addStatement("return findAll(this.findByPartition, $L)", keyBinding(model.partitionKey(), "bindPartitionKey"))
        .build();
  }

  private static MethodSpec findByPartitionAsync(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("findByPartitionAsync")
            .addJavadoc("{@link #findByPartition} without blocking a thread: every page is read, each one after\n"
                + "the one before, and the stage completes with all rows of the partition in clustering order. For\n"
                + "partitions that fit in memory; read larger ones page by page through {@link #findByPartition}.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(COMPLETION_STAGE, ParameterizedTypeName.get(LIST, model.record())));
    keyParameters(method, model.partitionKey());
    return method
        .addStatement(
            "return findAllAsync(this.findByPartition, $L)", keyBinding(model.partitionKey(), "bindPartitionKey"))
        .build();
  }

  private static MethodSpec delete(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("delete")
            .addJavadoc("Deletes the row with this primary key, if there is one.\n")
            .addModifiers(Modifier.PUBLIC);
    keyParameters(method, model.primaryKey());
    return method.addStatement("write(this.delete, $L)", keyBinding(model.primaryKey(), "bindPrimaryKey")).build();
  }

  private static MethodSpec deleteAsync(ProjectionModel model, boolean timestamped) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("deleteAsync")
            .addJavadoc("{@link #delete} without blocking a thread: the stage completes when the row is deleted.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(STAGE_OF_VOID);
    for (ColumnModel key : model.primaryKey()) {
      method.addParameter(key.javaType(), key.component());
    }
    CodeBlock bind = keyBinding(model.primaryKey(), "bindPrimaryKey");
    if (timestamped) {
      String timestamp = new Names(model.primaryKey()).fresh("writeTimestamp");
      method.addJavadoc(DELETE_TIMESTAMP_JAVADOC).addParameter(long.class, timestamp);
      bind = CodeBlock.of("$L.setQueryTimestamp($N)", bind, timestamp);
    }
    keyChecks(method, model.primaryKey());
    return method.addStatement("return writeAsync(this.delete, $L)", bind).build();
  }

  private static MethodSpec deletePartition(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("deletePartition")
            .addJavadoc("Deletes every row of one partition.\n")
            .addModifiers(Modifier.PUBLIC);
    keyParameters(method, model.partitionKey());
    return method
        .addStatement("write(this.deletePartition, $L)", keyBinding(model.partitionKey(), "bindPartitionKey"))
        .build();
  }

  private static MethodSpec deletePartitionAsync(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("deletePartitionAsync")
            .addJavadoc("{@link #deletePartition} without blocking a thread: the stage completes when the rows are\n"
                + "deleted.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(STAGE_OF_VOID);
    keyParameters(method, model.partitionKey());
    return method
        .addStatement(
            "return writeAsync(this.deletePartition, $L)", keyBinding(model.partitionKey(), "bindPartitionKey"))
        .build();
  }

  /**
   * Key parameters are named after their components; the generated bodies use no local variables and qualify
   * fields with {@code this.}, and their lambda and extra parameters get names no key has (see {@link Names}), so
   * no component name can clash with them.
   */
  private static void keyParameters(MethodSpec.Builder method, List<ColumnModel> keys) {
    for (ColumnModel key : keys) {
      method.addParameter(key.javaType(), key.component());
    }
    keyChecks(method, keys);
  }

  private static void keyChecks(MethodSpec.Builder method, List<ColumnModel> keys) {
    for (ColumnModel key : keys) {
      if (!key.javaType().isPrimitive()) {
        method.addStatement("$T.requireNonNull($N, $S)", OBJECTS, key.component(), key.component());
      }
    }
  }

  /** Names for a generated method's lambda parameters and extra parameters that differ from its key parameters. */
  private static final class Names {
    private final Set<String> taken = new HashSet<>();

    Names(List<ColumnModel> keys) {
      keys.forEach(key -> taken.add(key.component()));
    }

    /** {@code base}, or {@code base_}, {@code base__}, ... if a parameter has that name. */
    String fresh(String base) {
      String name = base;
      while (!taken.add(name)) {
        name += "_";
      }
      return name;
    }
  }

  /** {@code a, b, c}: the key parameters as arguments. */
  private static CodeBlock arguments(List<ColumnModel> keys) {
    return keys.stream().map(key -> CodeBlock.of("$N", key.component())).collect(CodeBlock.joining(", "));
  }

  /** {@code prepared -> bindPrimaryKey(prepared, a, b)}: binds the key parameters once the statement is prepared. */
  private static CodeBlock keyBinding(List<ColumnModel> keys, String bindMethod) {
    String prepared = new Names(keys).fresh("prepared");
    return CodeBlock.of("$N -> $N($N, $L)", prepared, bindMethod, prepared, arguments(keys));
  }

  private static CodeBlock setter(ColumnModel column, int index, CodeBlock value) {
    if (column.javaType().isPrimitive()) {
      return CodeBlock.of(".$N($L, $L)", "set" + primitiveAccessor(column.javaType()), index, value);
    }
    return CodeBlock.of(".set($L, $L, $L)", index, value, codecReference(column));
  }

  private static MethodSpec read(ProjectionModel model) {
    List<CodeBlock> arguments = new ArrayList<>();
    int index = 0;
    for (ColumnModel column : model.columns()) {
      if (column.javaType().isPrimitive()) {
        arguments.add(CodeBlock.of("row.$N($L)", "get" + primitiveAccessor(column.javaType()), index++));
      } else {
        arguments.add(CodeBlock.of("row.get($L, $L)", index++, codecReference(column)));
      }
    }
    return MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(model.record())
        .addParameter(ROW, "row")
        .addStatement(
            "return new $T(\n$>$>$L)$<$<", model.record(), CodeBlock.join(arguments, ",\n"))
        .build();
  }

  /** Binds every column of a row to the upsert statement, with the table's codecs. */
  private static MethodSpec bindUpsert(ProjectionModel model) {
    CodeBlock.Builder upsert = CodeBlock.builder().add("prepared.boundStatementBuilder()");
    int index = 0;
    for (ColumnModel column : model.columns()) {
      upsert.add("\n$>$>").add(setter(column, index++, CodeBlock.of("row.$N()", column.component()))).add("$<$<");
    }
    return MethodSpec.methodBuilder("bindUpsert")
        .addModifiers(Modifier.PRIVATE)
        .returns(BOUND_STATEMENT)
        .addParameter(PREPARED_STATEMENT, "prepared")
        .addParameter(model.record(), "row")
        .addStatement("return $L\n$>$>.build()$<$<", upsert.build())
        .build();
  }

  /** Binds key values to a statement whose only bind markers are those key columns, in order. */
  private static MethodSpec bindKeyMethod(String name, List<ColumnModel> keys) {
    String prepared = new Names(keys).fresh("prepared");
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .returns(BOUND_STATEMENT)
        .addParameter(PREPARED_STATEMENT, prepared);
    CodeBlock.Builder bind = CodeBlock.builder().add("$N.boundStatementBuilder()", prepared);
    int index = 0;
    for (ColumnModel key : keys) {
      method.addParameter(key.javaType(), key.component());
      bind.add("\n$>$>").add(setter(key, index++, CodeBlock.of("$N", key.component()))).add("$<$<");
    }
    return method.addStatement("return $L\n$>$>.build()$<$<", bind.build()).build();
  }

  private static String where(List<ColumnModel> keys) {
    return keys.stream().map(k -> k.column() + " = ?").collect(Collectors.joining(" AND "));
  }

  /** {@code TypeCodecs.TEXT} for scalars, the column's codec constant otherwise. */
  private static CodeBlock codecReference(ColumnModel column) {
    if (column.type() instanceof ColumnType.Simple simple) {
      return CodeBlock.of("$T.$N", TYPE_CODECS, simple.scalar().codecConstant());
    }
    return CodeBlock.of("$N", codecField(column));
  }

  /** {@code SHIP_TO_CODEC} for a static codec constant, {@code shipToCodec} for a JSON codec of the instance. */
  static String codecField(ColumnModel column) {
    return usesJson(column.type())
        ? column.component() + "Codec"
        : SnapshotSerializerGenerator.constantName(column.component()) + "_CODEC";
  }

  static CodeBlock codec(ColumnType type) {
    if (type instanceof ColumnType.Simple simple) {
      return CodeBlock.of("$T.$N", TYPE_CODECS, simple.scalar().codecConstant());
    } else if (type instanceof ColumnType.EnumName e) {
      return CodeBlock.of("$T.enumNamesOf($T.class)", EXTRA_TYPE_CODECS, e.enumType());
    } else if (type instanceof ColumnType.Json json) {
      return CodeBlock.of("json($T.class)", json.recordType());
    } else if (type instanceof ColumnType.ListOf list) {
      return CodeBlock.of("$T.listOf($L)", TYPE_CODECS, codec(list.element()));
    } else if (type instanceof ColumnType.SetOf set) {
      return CodeBlock.of("$T.setOf($L)", TYPE_CODECS, codec(set.element()));
    } else if (type instanceof ColumnType.MapOf map) {
      return CodeBlock.of("$T.mapOf($L, $L)", TYPE_CODECS, codec(map.key()), codec(map.value()));
    }
    throw new IllegalArgumentException("unknown column type " + type);
  }

  private static boolean usesJson(ColumnType type) {
    if (type instanceof ColumnType.Json) {
      return true;
    } else if (type instanceof ColumnType.ListOf list) {
      return usesJson(list.element());
    } else if (type instanceof ColumnType.SetOf set) {
      return usesJson(set.element());
    } else if (type instanceof ColumnType.MapOf map) {
      return usesJson(map.key()) || usesJson(map.value());
    }
    return false;
  }

  /** {@code Int} for {@code int}: the suffix of the driver's primitive getters and setters. */
  private static String primitiveAccessor(TypeName primitive) {
    String name = primitive.toString();
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }
}
