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
 * constant, and typed access through statements prepared once per table instance: each operation blocking and as
 * an {@code ...Async} variant on the driver's {@code executeAsync}, the writes also at a given write timestamp. Each column is bound and read
 * by position with an explicit driver codec (no codec-registry lookups, no reflection): {@code TypeCodecs} for
 * scalars and collections, {@code ExtraTypeCodecs.enumNamesOf} for enums and {@code ExtraTypeCodecs.json} for
 * records, over the {@code ObjectMapper} the table is constructed with (the store's, so one Jackson configuration
 * writes events, snapshots and read-model columns).
 */
public final class ProjectionTableGenerator {

  static final ClassName CQL_SESSION = ClassName.get("com.datastax.oss.driver.api.core", "CqlSession");
  static final ClassName PREPARED_STATEMENT =
      ClassName.get("com.datastax.oss.driver.api.core.cql", "PreparedStatement");
  static final ClassName BOUND_STATEMENT_BUILDER =
      ClassName.get("com.datastax.oss.driver.api.core.cql", "BoundStatementBuilder");
  static final ClassName ROW = ClassName.get("com.datastax.oss.driver.api.core.cql", "Row");
  static final ClassName BOUND_STATEMENT = ClassName.get("com.datastax.oss.driver.api.core.cql", "BoundStatement");
  static final ClassName BATCH_STATEMENT = ClassName.get("com.datastax.oss.driver.api.core.cql", "BatchStatement");
  static final ClassName DEFAULT_BATCH_TYPE =
      ClassName.get("com.datastax.oss.driver.api.core.cql", "DefaultBatchType");
  static final ClassName ASYNC_RESULT_SET = ClassName.get("com.datastax.oss.driver.api.core.cql", "AsyncResultSet");
  static final ClassName TYPE_CODEC = ClassName.get("com.datastax.oss.driver.api.core.type.codec", "TypeCodec");
  static final ClassName TYPE_CODECS = ClassName.get("com.datastax.oss.driver.api.core.type.codec", "TypeCodecs");
  static final ClassName EXTRA_TYPE_CODECS =
      ClassName.get("com.datastax.oss.driver.api.core.type.codec", "ExtraTypeCodecs");
  static final ClassName OBJECT_MAPPER = ClassName.get("com.fasterxml.jackson.databind", "ObjectMapper");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  private static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");
  private static final ClassName STREAM_SUPPORT = ClassName.get("java.util.stream", "StreamSupport");
  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  private static final ClassName COMPLETION_STAGE = ClassName.get("java.util.concurrent", "CompletionStage");
  private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final TypeName STAGE_OF_VOID = ParameterizedTypeName.get(COMPLETION_STAGE, ClassName.get(Void.class));

  /** The nested record holding the prepared statements. */
  private static final ClassName STATEMENTS = ClassName.get("", "Statements");

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
                    + "{@link #createIfNotExists()} (or create the table otherwise) first. Each read and write has a\n"
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
                    .build())
            .addField(
                FieldSpec.builder(STRING, "KEYSPACE_PATTERN", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$S", "[a-z][a-z0-9_]{0,47}")
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
    type.addField(CQL_SESSION, "session", Modifier.PRIVATE, Modifier.FINAL)
        .addField(STRING, "qualifiedName", Modifier.PRIVATE, Modifier.FINAL);
    for (ColumnModel column : jsonColumns(model)) {
      type.addField(
          FieldSpec.builder(
                  ParameterizedTypeName.get(TYPE_CODEC, column.javaType().box()), codecField(column),
                  Modifier.PRIVATE, Modifier.FINAL)
              .build());
    }
    type.addField(
            FieldSpec.builder(STATEMENTS, "statements", Modifier.PRIVATE, Modifier.VOLATILE)
                .build())
        .addMethod(constructor(model))
        .addMethod(
            MethodSpec.methodBuilder("createIfNotExists")
                .addJavadoc("Creates the table if it does not exist (the driver waits for schema agreement).\n")
                .addModifiers(Modifier.PUBLIC)
                .addStatement("session.execute($S + qualifiedName + $S + DEFINITION)", "CREATE TABLE IF NOT EXISTS ",
                    " ")
                .build())
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
    type.addMethod(
            MethodSpec.methodBuilder("truncate")
                .addJavadoc("Removes every row, e.g. before a projection rebuild.\n")
                .addModifiers(Modifier.PUBLIC)
                .addStatement("session.execute($S + qualifiedName)", "TRUNCATE ")
                .build())
        .addMethod(read(model));
    if (clustered) {
      type.addMethod(samePartition(model)).addMethod(partitionOf(model)).addMethod(readAll(model));
    }
    type.addMethod(bindUpsert(model));
    if (clustered) {
      type.addMethod(bindUpsertAll(model));
    }
    type.addMethod(statementsAccessor())
        .addMethod(statementsAsyncAccessor())
        .addMethod(keep())
        .addType(statementsType(model, clustered));
    return GeneratedTypes.file(record.packageName(), type.build());
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
    List<ColumnModel> json = jsonColumns(model);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc("@param session the session to run statements on\n")
        .addJavadoc("@param keyspace the keyspace holding the table: a lowercase unquoted identifier\n");
    if (!json.isEmpty()) {
      constructor.addJavadoc("@param objectMapper writes and reads the record-typed columns: pass the store's\n"
          + "    {@code EventStoreOptions.objectMapper()}, the one events and snapshots are written with\n");
    }
    constructor.addJavadoc("@throws IllegalArgumentException if {@code keyspace} is not one\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(CQL_SESSION, "session")
        .addParameter(STRING, "keyspace");
    if (!json.isEmpty()) {
      constructor.addParameter(OBJECT_MAPPER, "objectMapper");
    }
    constructor.addStatement("this.session = $T.requireNonNull(session, $S)", OBJECTS, "session")
        .beginControlFlow("if (keyspace == null || !keyspace.matches(KEYSPACE_PATTERN))")
        .addStatement(
            "throw new $T($S + keyspace + $S)", IllegalArgumentException.class, "invalid keyspace name '",
            "': use a lowercase unquoted CQL identifier ([a-z][a-z0-9_]{0,47})")
        .endControlFlow()
        .addStatement("this.qualifiedName = keyspace + '.' + TABLE");
    if (!json.isEmpty()) {
      constructor.addStatement("$T.requireNonNull(objectMapper, $S)", OBJECTS, "objectMapper");
      for (ColumnModel column : json) {
        constructor.addStatement("this.$N = $L", codecField(column), codec(column.type()));
      }
    }
    return constructor.build();
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
    return method.addStatement("session.execute(bindUpsert(statements(), row))").build();
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
    return method
        .addStatement(
            "return statementsAsync()\n$>$>.thenCompose(prepared -> session.executeAsync($L))\n"
                + ".thenApply(written -> null)$<$<",
            bind)
        .build();
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
    CodeBlock bind = CodeBlock.of("bindUpsertAll(prepared, rows)");
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
    return method
        .addStatement(
            "return statementsAsync()\n$>$>.thenCompose(prepared -> session.executeAsync($L))\n"
                + ".thenApply(written -> null)$<$<",
            bind)
        .build();
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
    method.addStatement(
        "return $T.ofNullable(this.session.execute(statements().bindFind($L)).one()).map(this::read)", OPTIONAL,
        arguments(model.primaryKey()));
    return method.build();
  }

  private static MethodSpec findAsync(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("findAsync")
            .addJavadoc("{@link #find} without blocking a thread.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(COMPLETION_STAGE, ParameterizedTypeName.get(OPTIONAL, model.record())));
    keyParameters(method, model.primaryKey());
    Names names = new Names(model.primaryKey());
    String prepared = names.fresh("prepared");
    String result = names.fresh("result");
    method.addStatement(
        "return statementsAsync()\n$>$>.thenCompose($N -> this.session.executeAsync($N.bindFind($L)))\n"
            + ".thenApply($N -> $T.ofNullable($N.one()).map(this::read))$<$<",
        prepared, prepared, arguments(model.primaryKey()), result, OPTIONAL, result);
    return method.build();
  }

  private static MethodSpec findByPartition(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("findByPartition")
            .addJavadoc("The rows of one partition, in clustering order. The first page is read now; the next\n"
                + "pages are read as the stream is consumed (page size: the driver's {@code basic.request.page-size}).\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(STREAM, model.record()));
    keyParameters(method, model.partitionKey());
    method.addStatement(
        "return $T.stream(this.session.execute(statements().bindFindByPartition($L)).map(this::read).spliterator(),"
            + " false)",
        STREAM_SUPPORT, arguments(model.partitionKey()));
    return method.build();
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
    Names names = new Names(model.partitionKey());
    String prepared = names.fresh("prepared");
    String first = names.fresh("first");
    method.addStatement(
        "return statementsAsync()\n$>$>.thenCompose($N -> this.session.executeAsync($N.bindFindByPartition($L)))\n"
            + ".thenCompose($N -> readAll($N, new $T<>()))$<$<",
        prepared, prepared, arguments(model.partitionKey()), first, first, ARRAY_LIST);
    return method.build();
  }

  private static MethodSpec delete(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("delete")
            .addJavadoc("Deletes the row with this primary key, if there is one.\n")
            .addModifiers(Modifier.PUBLIC);
    keyParameters(method, model.primaryKey());
    method.addStatement("this.session.execute(statements().bindDelete($L))", arguments(model.primaryKey()));
    return method.build();
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
    Names names = new Names(model.primaryKey());
    String prepared = names.fresh("prepared");
    String written = names.fresh("written");
    CodeBlock bind = CodeBlock.of("$N.bindDelete($L)", prepared, arguments(model.primaryKey()));
    if (timestamped) {
      String timestamp = names.fresh("writeTimestamp");
      method.addJavadoc(DELETE_TIMESTAMP_JAVADOC).addParameter(long.class, timestamp);
      bind = CodeBlock.of("$L.setQueryTimestamp($N)", bind, timestamp);
    }
    keyChecks(method, model.primaryKey());
    method.addStatement(
        "return statementsAsync()\n$>$>.thenCompose($N -> this.session.executeAsync($L))\n"
            + ".thenApply($N -> null)$<$<",
        prepared, bind, written);
    return method.build();
  }

  private static MethodSpec deletePartition(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("deletePartition")
            .addJavadoc("Deletes every row of one partition.\n")
            .addModifiers(Modifier.PUBLIC);
    keyParameters(method, model.partitionKey());
    method.addStatement(
        "this.session.execute(statements().bindDeletePartition($L))", arguments(model.partitionKey()));
    return method.build();
  }

  private static MethodSpec deletePartitionAsync(ProjectionModel model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("deletePartitionAsync")
            .addJavadoc("{@link #deletePartition} without blocking a thread: the stage completes when the rows are\n"
                + "deleted.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(STAGE_OF_VOID);
    keyParameters(method, model.partitionKey());
    Names names = new Names(model.partitionKey());
    String prepared = names.fresh("prepared");
    String written = names.fresh("written");
    method.addStatement(
        "return statementsAsync()\n$>$>.thenCompose($N -> this.session.executeAsync($N.bindDeletePartition($L)))\n"
            + ".thenApply($N -> null)$<$<",
        prepared, prepared, arguments(model.partitionKey()), written);
    return method.build();
  }

  /**
   * Key parameters are named after their components; the generated bodies use no local variables and qualify
   * fields with {@code this.}, and their lambda parameters get names no key has (see {@link Names}), so no
   * component name can clash with them.
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

  /** {@code this.<statement>.boundStatementBuilder().set...(...).build()} over the key parameters. */
  private static CodeBlock bound(String statement, List<ColumnModel> keys) {
    CodeBlock.Builder bind = CodeBlock.builder().add("this.$N.boundStatementBuilder()", statement);
    int index = 0;
    for (ColumnModel key : keys) {
      bind.add("\n$>$>").add(setter(key, index++, CodeBlock.of("$N", key.component()))).add("$<$<");
    }
    return bind.add("\n$>$>.build()$<$<").build();
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
        .addModifiers(Modifier.PRIVATE)
        .returns(model.record())
        .addParameter(ROW, "row")
        .addStatement(
            "return new $T(\n$>$>$L)$<$<", model.record(), CodeBlock.join(arguments, ",\n"))
        .build();
  }

  private static MethodSpec readAll(ProjectionModel model) {
    TypeName rows = ParameterizedTypeName.get(LIST, model.record());
    return MethodSpec.methodBuilder("readAll")
        .addJavadoc("Adds the rows of {@code page} and of the pages after it to {@code rows}, fetching each next\n"
            + "page when the one before is read.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(COMPLETION_STAGE, rows))
        .addParameter(ASYNC_RESULT_SET, "page")
        .addParameter(rows, "rows")
        .beginControlFlow("for ($T row : page.currentPage())", ROW)
        .addStatement("rows.add(read(row))")
        .endControlFlow()
        .beginControlFlow("if (!page.hasMorePages())")
        .addStatement("return $T.completedFuture(rows)", COMPLETABLE_FUTURE)
        .endControlFlow()
        .addStatement("return page.fetchNextPage().thenCompose(next -> readAll(next, rows))")
        .build();
  }

  private static MethodSpec statementsAccessor() {
    return MethodSpec.methodBuilder("statements")
        .addJavadoc("Prepares the statements on first use; the table must exist by then. The driver prepares a\n"
            + "query once per session, so first uses that race share one preparation.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(STATEMENTS)
        .addStatement("Statements prepared = statements")
        .addStatement("return prepared != null ? prepared : keep(Statements.prepare(session, qualifiedName))")
        .build();
  }

  private static MethodSpec statementsAsyncAccessor() {
    return MethodSpec.methodBuilder("statementsAsync")
        .addJavadoc("{@link #statements()} without blocking a thread while they are prepared.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(COMPLETION_STAGE, STATEMENTS))
        .addStatement("Statements prepared = statements")
        .addStatement(
            "return prepared != null\n$>$>? $T.completedFuture(prepared)\n"
                + ": Statements.prepareAsync(session, qualifiedName).thenApply(this::keep)$<$<",
            COMPLETABLE_FUTURE)
        .build();
  }

  private static MethodSpec keep() {
    return MethodSpec.methodBuilder("keep")
        .addModifiers(Modifier.PRIVATE)
        .returns(STATEMENTS)
        .addParameter(STATEMENTS, "prepared")
        .addStatement("statements = prepared")
        .addStatement("return prepared")
        .build();
  }

  private static TypeSpec statementsType(ProjectionModel model, boolean clustered) {
    List<String> names = new ArrayList<>(List.of("upsert", "find"));
    if (clustered) {
      names.add("findByPartition");
    }
    names.add("delete");
    if (clustered) {
      names.add("deletePartition");
    }
    String placeholders = model.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
    String fullKey = where(model.primaryKey());
    String partitionKey = where(model.partitionKey());

    TypeSpec.Builder statements = TypeSpec.recordBuilder("Statements").addModifiers(Modifier.PRIVATE);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    for (String name : names) {
      constructor.addParameter(PREPARED_STATEMENT, name);
    }
    statements.recordConstructor(constructor.build());

    List<CodeBlock> cql = new ArrayList<>();
    cql.add(CodeBlock.of("$S + table + $S + COLUMNS + $S", "INSERT INTO ", " (", ") VALUES (" + placeholders + ")"));
    cql.add(CodeBlock.of("$S + COLUMNS + $S + table + $S", "SELECT ", " FROM ", " WHERE " + fullKey));
    if (clustered) {
      cql.add(CodeBlock.of("$S + COLUMNS + $S + table + $S", "SELECT ", " FROM ", " WHERE " + partitionKey));
    }
    cql.add(CodeBlock.of("$S + table + $S", "DELETE FROM ", " WHERE " + fullKey));
    if (clustered) {
      cql.add(CodeBlock.of("$S + table + $S", "DELETE FROM ", " WHERE " + partitionKey));
    }
    TypeName strings = ParameterizedTypeName.get(LIST, STRING);
    statements.addMethod(
        MethodSpec.methodBuilder("cql")
            .addJavadoc("The statements' CQL, in the order of the components.\n")
            .addModifiers(Modifier.STATIC)
            .returns(strings)
            .addParameter(STRING, "table")
            .addStatement("return $T.of(\n$>$>$L)$<$<", LIST, CodeBlock.join(cql, ",\n"))
            .build());

    List<CodeBlock> prepared = new ArrayList<>();
    List<CodeBlock> joined = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      prepared.add(CodeBlock.of("session.prepare(cql.get($L))", i));
      joined.add(CodeBlock.of("prepared.get($L).join()", i));
    }
    statements.addMethod(
        MethodSpec.methodBuilder("prepare")
            .addModifiers(Modifier.STATIC)
            .returns(STATEMENTS)
            .addParameter(CQL_SESSION, "session")
            .addParameter(STRING, "table")
            .addStatement("$T cql = cql(table)", strings)
            .addStatement("return new Statements(\n$>$>$L)$<$<", CodeBlock.join(prepared, ",\n"))
            .build());
    TypeName futureStatement = ParameterizedTypeName.get(COMPLETABLE_FUTURE, PREPARED_STATEMENT);
    statements.addMethod(
        MethodSpec.methodBuilder("prepareAsync")
            .addJavadoc("Prepares every statement at once; completes when all are prepared.\n")
            .addModifiers(Modifier.STATIC)
            .returns(ParameterizedTypeName.get(COMPLETION_STAGE, STATEMENTS))
            .addParameter(CQL_SESSION, "session")
            .addParameter(STRING, "table")
            .addStatement(
                "$T prepared = cql(table).stream()\n$>$>.map(query -> session.prepareAsync(query).toCompletableFuture())\n"
                    + ".toList()$<$<",
                ParameterizedTypeName.get(LIST, futureStatement))
            .addStatement(
                "return $T.allOf(prepared.toArray(new $T<?>[0]))\n$>$>.thenApply(all -> new Statements(\n$>$>$L))$<$<$<$<",
                COMPLETABLE_FUTURE, COMPLETABLE_FUTURE, CodeBlock.join(joined, ",\n"))
            .build());

    statements.addMethod(bind("bindFind", "find", model.primaryKey()));
    if (clustered) {
      statements.addMethod(bind("bindFindByPartition", "findByPartition", model.partitionKey()));
    }
    statements.addMethod(bind("bindDelete", "delete", model.primaryKey()));
    if (clustered) {
      statements.addMethod(bind("bindDeletePartition", "deletePartition", model.partitionKey()));
    }
    return statements.build();
  }

  /**
   * Binds every column of a row to the upsert statement: a method of the table, not of {@code Statements},
   * because the codecs of record-typed columns belong to the table instance (they hold its mapper).
   */
  private static MethodSpec bindUpsert(ProjectionModel model) {
    CodeBlock.Builder upsert = CodeBlock.builder().add("prepared.upsert().boundStatementBuilder()");
    int index = 0;
    for (ColumnModel column : model.columns()) {
      upsert.add("\n$>$>").add(setter(column, index++, CodeBlock.of("row.$N()", column.component()))).add("$<$<");
    }
    return MethodSpec.methodBuilder("bindUpsert")
        .addModifiers(Modifier.PRIVATE)
        .returns(BOUND_STATEMENT)
        .addParameter(STATEMENTS, "prepared")
        .addParameter(model.record(), "row")
        .addStatement("return $L\n$>$>.build()$<$<", upsert.build())
        .build();
  }

  private static MethodSpec bindUpsertAll(ProjectionModel model) {
    return MethodSpec.methodBuilder("bindUpsertAll")
        .addModifiers(Modifier.PRIVATE)
        .returns(BATCH_STATEMENT)
        .addParameter(STATEMENTS, "prepared")
        .addParameter(ParameterizedTypeName.get(LIST, model.record()), "rows")
        .addStatement(
            "return $T.newInstance($T.UNLOGGED).addAll(rows.stream().map(row -> bindUpsert(prepared, row)).toList())",
            BATCH_STATEMENT, DEFAULT_BATCH_TYPE)
        .build();
  }

  /** A method of {@code Statements} binding the key parameters to one of its statements. */
  private static MethodSpec bind(String name, String statement, List<ColumnModel> keys) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name).returns(BOUND_STATEMENT);
    for (ColumnModel key : keys) {
      method.addParameter(key.javaType(), key.component());
    }
    return method.addStatement("return $L", bound(statement, keys)).build();
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
      return CodeBlock.of("$T.json($T.class, objectMapper)", EXTRA_TYPE_CODECS, json.recordType());
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
