package dev.es.processor.generation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.es.processor.GeneratedNames;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.AggregateStyle;
import dev.es.processor.model.ApplyHandlerModel;
import dev.es.processor.model.EventTypeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>_AggregateType}: the runtime's view of one aggregate. Its {@code apply} is a
 * straight-line {@code instanceof} chain calling the {@code @Apply} methods (no reflection, no method handles),
 * and its {@code eventTypes()} lists every applied event with the older revisions that upcast to it.
 */
public final class AggregateTypeGenerator {

  static final ClassName AGGREGATE_TYPE = ClassName.get("dev.es.runtime.spi", "AggregateType");
  static final ClassName EVENT_TYPE = ClassName.get("dev.es.runtime.spi", "EventType");
  static final ClassName SNAPSHOT_SERIALIZER = ClassName.get("dev.es.runtime.spi", "SnapshotSerializer");
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

  public JavaFile generate(AggregateModel model) {
    ClassName self = GeneratedNames.aggregateType(model.aggregate());
    ClassName aggregate = model.aggregate();
    ClassName event = model.eventBase();
    TypeName serializerType = ParameterizedTypeName.get(SNAPSHOT_SERIALIZER, aggregate);

    FieldSpec eventTypes =
        FieldSpec.builder(
                ParameterizedTypeName.get(LIST, ParameterizedTypeName.get(EVENT_TYPE, WildcardTypeName.subtypeOf(Object.class))),
                "EVENT_TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(eventTypesInitializer(model))
            .build();
    FieldSpec serializer =
        FieldSpec.builder(
                ParameterizedTypeName.get(OPTIONAL, serializerType),
                "SNAPSHOT_SERIALIZER", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(
                model.snapshot().isPresent()
                    ? CodeBlock.of("$T.of(new $T())", OPTIONAL, GeneratedNames.snapshotSerializer(aggregate))
                    : CodeBlock.of("$T.empty()", OPTIONAL))
            .build();

    TypeSpec type =
        TypeSpec.classBuilder(self)
            .addJavadoc("Generated from {@link $T}. Do not edit.\n", aggregate)
            .addJavadoc("\n<p>The event dispatcher and event registry of aggregate type {@code $S}, found by the runtime\n"
                + "through {@code $L}.\n", model.name(), GeneratedNames.AGGREGATE_TYPE_SERVICES)
            .addAnnotation(GeneratedTypes.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(AGGREGATE_TYPE, aggregate, event))
            .addOriginatingElement(model.element())
            .addField(eventTypes)
            .addField(serializer)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("Called by {@link java.util.ServiceLoader}.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .build())
            .addMethod(
                override("name", ClassName.get(String.class)).addStatement("return $S", model.name()).build())
            .addMethod(
                override("aggregateClass", ParameterizedTypeName.get(ClassName.get(Class.class), aggregate))
                    .addStatement("return $T.class", aggregate)
                    .build())
            .addMethod(
                override("eventClass", ParameterizedTypeName.get(ClassName.get(Class.class), event))
                    .addStatement("return $T.class", event)
                    .build())
            .addMethod(
                override("create", aggregate)
                    .addParameter(UUID.class, "id")
                    .addStatement("return new $T(id)", aggregate)
                    .build())
            .addMethod(applyMethod(model))
            .addMethod(override("eventTypes", eventTypes.type()).addStatement("return EVENT_TYPES").build())
            .addMethod(
                override("snapshotEvery", TypeName.INT).addStatement("return $L", model.snapshotEvery()).build())
            .addMethod(
                override("snapshotSerializer", serializer.type())
                    .addStatement("return SNAPSHOT_SERIALIZER")
                    .build())
            .build();
    return GeneratedTypes.file(aggregate.packageName(), type);
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  private static CodeBlock eventTypesInitializer(AggregateModel model) {
    List<EventTypeModel> revisions = new ArrayList<>();
    for (ApplyHandlerModel handler : model.handlers()) {
      revisions.addAll(handler.revisions());
    }
    return eventTypesInitializer(revisions);
  }

  /**
   * {@code List.of(EventType.current(...), EventType.upcasting(..., older -> older.next()), ...)}: the registry
   * entries of the given revisions, in order. Shared with {@link SagaTypeGenerator}.
   */
  static CodeBlock eventTypesInitializer(List<EventTypeModel> revisions) {
    List<CodeBlock> entries = new ArrayList<>();
    for (EventTypeModel revision : revisions) {
      if (revision.upcastMethod().isPresent()) {
        entries.add(
            CodeBlock.of(
                "$T.upcasting($S, $L, $T.class, older -> older.$N())",
                EVENT_TYPE, revision.name(), revision.revision(), revision.javaClass(),
                revision.upcastMethod().get()));
      } else {
        entries.add(
            CodeBlock.of(
                "$T.current($S, $L, $T.class)",
                EVENT_TYPE, revision.name(), revision.revision(), revision.javaClass()));
      }
    }
    if (entries.isEmpty()) {
      return CodeBlock.of("$T.of()", LIST);
    }
    return CodeBlock.builder()
        .add("$T.of(\n$>$>", LIST)
        .add(CodeBlock.join(entries, ",\n"))
        .add(")$<$<")
        .build();
  }

  private static MethodSpec applyMethod(AggregateModel model) {
    MethodSpec.Builder apply =
        override("apply", model.aggregate())
            .addParameter(model.aggregate(), "aggregate")
            .addParameter(model.eventBase(), "event");
    for (ApplyHandlerModel handler : model.handlers()) {
      apply.beginControlFlow("if (event instanceof $T e)", handler.event());
      if (model.style() == AggregateStyle.RECORD) {
        apply.addStatement("return aggregate.$N(e)", handler.methodName());
      } else {
        apply.addStatement("aggregate.$N(e)", handler.methodName());
        apply.addStatement("return aggregate");
      }
      apply.endControlFlow();
    }
    apply.addStatement(
        "throw new $T($S + event.getClass().getName())",
        IllegalArgumentException.class,
        "Aggregate " + model.name() + " (" + model.aggregate().canonicalName() + ") has no @Apply method for ");
    return apply.build();
  }
}
