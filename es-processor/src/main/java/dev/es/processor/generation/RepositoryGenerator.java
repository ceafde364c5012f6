package dev.es.processor.generation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.es.processor.GeneratedNames;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.StateStyle;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>Repository}, the public, typed entry point application code uses. All behaviour is
 * inherited from the runtime's {@code AggregateRootRepository} (mutable aggregates) or
 * {@code RecordAggregateRepository} (record aggregates); the generated class fixes the types and wires the
 * generated aggregate type.
 */
public final class RepositoryGenerator {

  static final ClassName CASSANDRA_EVENT_STORE = ClassName.get("dev.es.runtime", "CassandraEventStore");
  static final ClassName AGGREGATE_ROOT_REPOSITORY = ClassName.get("dev.es.runtime", "AggregateRootRepository");
  static final ClassName RECORD_AGGREGATE_REPOSITORY =
      ClassName.get("dev.es.runtime", "RecordAggregateRepository");

  public JavaFile generate(AggregateModel model) {
    ClassName aggregate = model.aggregate();
    ClassName base =
        model.style() == StateStyle.RECORD ? RECORD_AGGREGATE_REPOSITORY : AGGREGATE_ROOT_REPOSITORY;
    TypeSpec type =
        TypeSpec.classBuilder(GeneratedNames.repository(aggregate))
            .addJavadoc("Generated from {@link $T}. Do not edit.\n", aggregate)
            .addJavadoc(
                "\n<p>The repository of {@link $T} aggregates (type name {@code $S}), with events of type\n"
                    + "{@link $T}. It offers, from {@link $T}: {@code load}, {@code findById}, {@code save},\n"
                    + "{@code update} (load, change, save, retried on a concurrency conflict), {@code history},\n"
                    + "{@code loadAtVersion}, {@code loadAsOf(Instant)} and {@code exists}.\n",
                aggregate, model.name(), model.eventBase(), base)
            .addJavadoc(model.snapshot().isPresent() ? snapshotJavadoc(model) : "")
            .addAnnotation(GeneratedTypes.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(base, aggregate, model.eventBase()))
            .addOriginatingElement(model.element())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("A repository of {@link $T} aggregates in {@code store}.\n", aggregate)
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(CASSANDRA_EVENT_STORE, "store")
                    .addStatement("super(store, new $T())", GeneratedNames.aggregateType(aggregate))
                    .build())
            .build();
    return GeneratedTypes.file(aggregate.packageName(), type);
  }

  private static String snapshotJavadoc(AggregateModel model) {
    String every = model.snapshotEvery() > 0 ? "every " + model.snapshotEvery() + " events" : "never after a save";
    String afterReplaying = model.snapshotAfterReplaying() > 0
        ? "after a load that replayed more than " + model.snapshotAfterReplaying() + " events"
        : "never after a load";
    return "\n<p>Snapshots: by hand with {@code snapshot(id)}; by default " + every + ",\nand " + afterReplaying
        + " (change with {@code setSnapshotTrigger}).\n";
  }
}
