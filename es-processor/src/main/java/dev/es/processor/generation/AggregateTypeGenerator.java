package dev.es.processor.generation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.es.processor.GeneratedNames;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.ApplyHandlerModel;
import dev.es.processor.model.EventTypeModel;
import dev.es.processor.model.PersonalFieldModel;
import dev.es.processor.model.StateStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>_AggregateType}: the runtime's view of one aggregate. It extends the runtime's
 * {@code AbstractAggregateType}, whose constructor takes the data (name, classes, snapshot defaults and serializer, and the event
 * types: every applied event with the older revisions that upcast to it); the generated class adds only
 * {@code create} and {@code apply}, a straight-line {@code instanceof} chain calling the {@code @Apply} methods (no
 * reflection, no method handles).
 */
public final class AggregateTypeGenerator {

  static final ClassName ABSTRACT_AGGREGATE_TYPE = ClassName.get("dev.es.runtime.spi", "AbstractAggregateType");
  static final ClassName EVENT_TYPE = ClassName.get("dev.es.runtime.spi", "EventType");
  static final ClassName PERSONAL_FIELD = ClassName.get("dev.es.runtime.spi", "PersonalField");

  public JavaFile generate(AggregateModel model) {
    ClassName self = GeneratedNames.aggregateType(model.aggregate());
    ClassName aggregate = model.aggregate();
    ClassName event = model.eventBase();

    CodeBlock.Builder superCall =
        CodeBlock.builder().add("super($S, $T.class, $T.class, $L, $L, ", model.name(), aggregate, event,
            model.snapshotEvery(), model.snapshotAfterReplaying());
    if (model.snapshot().isPresent()) {
      superCall.add("new $T()", GeneratedNames.snapshotSerializer(aggregate));
    } else {
      superCall.add("null");
    }
    List<EventTypeModel> revisions = new ArrayList<>();
    for (ApplyHandlerModel handler : model.handlers()) {
      revisions.addAll(handler.revisions());
    }
    for (CodeBlock entry : eventTypeEntries(revisions)) {
      superCall.add(",\n$L", entry);
    }
    superCall.add(")");

    TypeSpec type =
        TypeSpec.classBuilder(self)
            .addJavadoc("Generated from {@link $T}. Do not edit.\n", aggregate)
            .addJavadoc("\n<p>The event dispatcher and event registry of aggregate type {@code $S}, found by the runtime\n"
                + "through {@code $L}.\n", model.name(), GeneratedNames.AGGREGATE_TYPE_SERVICES)
            .addAnnotation(GeneratedTypes.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(ParameterizedTypeName.get(ABSTRACT_AGGREGATE_TYPE, aggregate, event))
            .addOriginatingElement(model.element())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("Called by {@link java.util.ServiceLoader}.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement(superCall.build())
                    .build())
            .addMethod(
                override("create", aggregate)
                    .addParameter(UUID.class, "id")
                    .addStatement("return new $T(id)", aggregate)
                    .build())
            .addMethod(applyMethod(model))
            .build();
    return GeneratedTypes.file(aggregate.packageName(), type);
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  /**
   * The registry entries of the given revisions, in order: {@code EventType.newest(...)} for a newest revision,
   * {@code EventType.upcasting(..., older -> older.next())} for an older one, each followed by
   * {@code .withPersonalData(new PersonalField(...), ...)} when its record has personal data. {@code newest} is not
   * generic, so javac checks the entry without inferring a type argument. Shared with {@link SagaTypeGenerator}.
   */
  static List<CodeBlock> eventTypeEntries(List<EventTypeModel> revisions) {
    List<CodeBlock> entries = new ArrayList<>();
    for (EventTypeModel revision : revisions) {
      CodeBlock.Builder entry = CodeBlock.builder();
      if (revision.upcastMethod().isPresent()) {
        entry.add(
            "$T.upcasting($S, $L, $T.class, older -> older.$N())",
            EVENT_TYPE, revision.name(), revision.revision(), revision.javaClass(), revision.upcastMethod().get());
      } else {
        entry.add(
            "$T.newest($S, $L, $T.class)", EVENT_TYPE, revision.name(), revision.revision(), revision.javaClass());
      }
      if (!revision.personalData().isEmpty()) {
        List<CodeBlock> fields = new ArrayList<>();
        for (PersonalFieldModel field : revision.personalData()) {
          fields.add(CodeBlock.of("new $T($S, $S)", PERSONAL_FIELD, field.component(), field.subject()));
        }
        entry.add("\n$>$>.withPersonalData($L)$<$<", CodeBlock.join(fields, ", "));
      }
      entries.add(entry.build());
    }
    return entries;
  }

  private static MethodSpec applyMethod(AggregateModel model) {
    MethodSpec.Builder apply =
        override("apply", model.aggregate())
            .addParameter(model.aggregate(), "aggregate")
            .addParameter(model.eventBase(), "event");
    ApplyHandlerModel ofEveryEvent = null;
    for (ApplyHandlerModel handler : model.handlers()) {
      if (handler.event().equals(model.eventBase())) {
        // `events` names the one event class itself: an instanceof test of it would not compile
        ofEveryEvent = handler;
        continue;
      }
      apply.beginControlFlow("if (event instanceof $T e)", handler.event());
      addCall(apply, model, handler, "e");
      apply.endControlFlow();
    }
    if (ofEveryEvent != null) {
      addCall(apply, model, ofEveryEvent, "event");
    } else {
      apply.addStatement(
          "throw new $T($S + event.getClass().getName())",
          IllegalArgumentException.class,
          "Aggregate " + model.name() + " (" + model.aggregate().canonicalName() + ") has no @Apply method for ");
    }
    return apply.build();
  }

  private static void addCall(MethodSpec.Builder apply, AggregateModel model, ApplyHandlerModel handler, String event) {
    if (model.style() == StateStyle.RECORD) {
      apply.addStatement("return aggregate.$N($N)", handler.methodName(), event);
    } else {
      apply.addStatement("aggregate.$N($N)", handler.methodName(), event);
      apply.addStatement("return aggregate");
    }
  }
}
