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
import dev.es.processor.model.DeadlineHandlerModel;
import dev.es.processor.model.EventTypeModel;
import dev.es.processor.model.SagaHandlerModel;
import dev.es.processor.model.SagaModel;
import dev.es.processor.model.StateStyle;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>_SagaType}: the runtime's {@code SagaType} of one {@code @Saga} class. {@code bind} and
 * {@code handle} are straight-line {@code instanceof} chains over the handled event records, reading the
 * association property through the record accessor and calling the handler on the state; {@code onDeadline}
 * (only when the saga has deadline handlers) is a chain of comparisons of the deadline's name. No reflection.
 */
public final class SagaTypeGenerator {

  static final ClassName SAGA_TYPE = ClassName.get("dev.es.runtime.spi", "SagaType");
  static final ClassName BINDING = SAGA_TYPE.nestedClass("Binding");
  static final ClassName SAGA_CONTEXT = ClassName.get("dev.es.runtime.saga", "SagaContext");
  static final ClassName SAGA_DEADLINE = ClassName.get("dev.es.runtime.saga", "SagaDeadline");
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

  public JavaFile generate(SagaModel model) {
    ClassName self = GeneratedNames.sagaType(model.saga());
    ClassName saga = model.saga();

    List<EventTypeModel> revisions = new ArrayList<>();
    for (SagaHandlerModel handler : model.handlers()) {
      revisions.addAll(handler.revisions());
    }
    FieldSpec eventTypes =
        FieldSpec.builder(
                ParameterizedTypeName.get(
                    LIST,
                    ParameterizedTypeName.get(
                        AggregateTypeGenerator.EVENT_TYPE, WildcardTypeName.subtypeOf(Object.class))),
                "EVENT_TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(eventTypesInitializer(revisions))
            .build();

    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addJavadoc("Generated from {@link $T}. Do not edit.\n", saga)
            .addJavadoc(
                "\n<p>The saga {@code $S}: hand it to {@code SagaRunner.builder(feed).add(new $T())}.\n",
                model.name(), self)
            .addAnnotation(GeneratedTypes.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(SAGA_TYPE, saga))
            .addOriginatingElement(model.element())
            .addField(
                FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The saga's name: it keys its instances, associations, deadlines and checkpoints.\n")
                    .initializer("$S", model.name())
                    .build())
            .addField(eventTypes)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("Stateless: one instance serves every saga instance.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .build())
            .addMethod(override("name", ClassName.get(String.class)).addStatement("return NAME").build())
            .addMethod(
                override("stateClass", ParameterizedTypeName.get(ClassName.get(Class.class), saga))
                    .addStatement("return $T.class", saga)
                    .build())
            .addMethod(
                override("create", saga)
                    .addJavadoc("The state of a new instance: the saga's constructor without parameters.\n")
                    .addStatement("return new $T()", saga)
                    .build())
            .addMethod(override("eventTypes", eventTypes.type()).addStatement("return EVENT_TYPES").build())
            .addMethod(bindMethod(model))
            .addMethod(handleMethod(model));
    if (!model.deadlines().isEmpty()) {
      type.addMethod(onDeadlineMethod(model));
    }
    return GeneratedTypes.file(saga.packageName(), type.build());
  }

  /** {@code List.of(<the entries of AggregateTypeGenerator.eventTypeEntries>)}. */
  private static CodeBlock eventTypesInitializer(List<EventTypeModel> revisions) {
    List<CodeBlock> entries = AggregateTypeGenerator.eventTypeEntries(revisions);
    if (entries.isEmpty()) {
      return CodeBlock.of("$T.of()", LIST);
    }
    return CodeBlock.builder()
        .add("$T.of(\n$>$>", LIST)
        .add(CodeBlock.join(entries, ",\n"))
        .add(")$<$<")
        .build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  private static MethodSpec bindMethod(SagaModel model) {
    MethodSpec.Builder bind =
        override("bind", ParameterizedTypeName.get(OPTIONAL, BINDING)).addParameter(Object.class, "event");
    for (SagaHandlerModel handler : model.handlers()) {
      bind.beginControlFlow("if (event instanceof $T e)", handler.event())
          .addStatement(
              "return $T.of($T.$N($S, e.$N()))",
              OPTIONAL, BINDING, handler.starts() ? "starting" : "continuing", handler.associationKey(),
              handler.associationProperty())
          .endControlFlow();
    }
    return bind.addStatement("return $T.empty()", OPTIONAL).build();
  }

  private static MethodSpec handleMethod(SagaModel model) {
    ClassName saga = model.saga();
    MethodSpec.Builder handle =
        override("handle", saga)
            .addParameter(saga, "state")
            .addParameter(Object.class, "event")
            .addParameter(SAGA_CONTEXT, "context");
    if (model.handlersThrow()) {
      handle.addException(Exception.class);
    }
    for (SagaHandlerModel handler : model.handlers()) {
      handle.beginControlFlow("if (event instanceof $T e)", handler.event());
      CodeBlock call =
          handler.withContext()
              ? CodeBlock.of("state.$N(e, context)", handler.methodName())
              : CodeBlock.of("state.$N(e)", handler.methodName());
      addCall(handle, model, call, handler.ends());
      handle.endControlFlow();
    }
    handle.addStatement(
        "throw new $T($S + event.getClass().getName())", IllegalArgumentException.class,
        "Saga " + model.name() + " (" + saga.canonicalName() + ") has no @SagaEventHandler for ");
    return handle.build();
  }

  private static MethodSpec onDeadlineMethod(SagaModel model) {
    ClassName saga = model.saga();
    MethodSpec.Builder onDeadline =
        override("onDeadline", saga)
            .addParameter(saga, "state")
            .addParameter(SAGA_DEADLINE, "deadline")
            .addParameter(SAGA_CONTEXT, "context");
    if (model.deadlinesThrow()) {
      onDeadline.addException(Exception.class);
    }
    for (DeadlineHandlerModel handler : model.deadlines()) {
      onDeadline.beginControlFlow("if ($S.equals(deadline.name()))", handler.deadline());
      List<CodeBlock> arguments = new ArrayList<>();
      if (handler.withDeadline()) {
        arguments.add(CodeBlock.of("deadline"));
      }
      if (handler.withContext()) {
        arguments.add(CodeBlock.of("context"));
      }
      addCall(
          onDeadline, model,
          CodeBlock.of("state.$N($L)", handler.methodName(), CodeBlock.join(arguments, ", ")), handler.ends());
      onDeadline.endControlFlow();
    }
    onDeadline.addStatement(
        "throw new $T($S + deadline.name() + $S)", IllegalArgumentException.class,
        "Saga " + model.name() + " (" + saga.canonicalName() + ") has no @DeadlineHandler for deadline '", "'");
    return onDeadline.build();
  }

  /** Calls a handler and returns the next state: its result (record) or the changed state (mutable). */
  private static void addCall(MethodSpec.Builder method, SagaModel model, CodeBlock call, boolean ends) {
    if (model.style() == StateStyle.RECORD) {
      if (ends) {
        method.addStatement("$T next = $L", model.saga(), call);
        method.addStatement("context.end()");
        method.addStatement("return next");
      } else {
        method.addStatement("return $L", call);
      }
    } else {
      method.addStatement("$L", call);
      if (ends) {
        method.addStatement("context.end()");
      }
      method.addStatement("return state");
    }
  }
}
