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
import dev.es.processor.model.ProjectorHandlerModel;
import dev.es.processor.model.ProjectorModel;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>_Projection}: the runtime's {@code Projection} wrapping a {@code @Projector} instance.
 * {@code handles} answers from the stored type names of the handled events, so a runner passes over the others
 * without decoding them. {@code handleAsync} is a straight-line {@code instanceof} chain over the event payload
 * calling the {@code @Handle} methods: a {@code CompletionStage} handler's stage is returned, a {@code void}
 * handler's call gives a completed stage, a handler that throws a failed one; events without a handler are
 * ignored. {@code handle} waits for {@code handleAsync} and throws what the handler failed with. {@code reset}
 * calls the {@code @Reset} method, if any.
 */
public final class ProjectorGenerator {

  static final ClassName PROJECTION = ClassName.get("dev.es.runtime.projection", "Projection");
  static final ClassName FEED_EVENT = ClassName.get("dev.es.runtime.feed", "FeedEvent");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName SET = ClassName.get("java.util", "Set");
  private static final ClassName COMPLETION_STAGE = ClassName.get("java.util.concurrent", "CompletionStage");
  private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName EXECUTION_EXCEPTION = ClassName.get("java.util.concurrent", "ExecutionException");
  private static final TypeName STAGE_OF_VOID = ParameterizedTypeName.get(COMPLETION_STAGE, ClassName.get(Void.class));

  public JavaFile generate(ProjectorModel model) {
    ClassName self = GeneratedNames.projection(model.projector());
    ClassName projector = model.projector();
    boolean anyAsync = model.handlers().stream().anyMatch(ProjectorHandlerModel::async);

    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addJavadoc("Generated from {@link $T}. Do not edit.\n", projector)
            .addJavadoc(
                "\n<p>The projection {@code $S}: hand it to a {@code ProjectionRunner} (catch-up) or to\n"
                    + "{@code InlineProjection.register} (inline).\n",
                model.name())
            .addAnnotation(GeneratedTypes.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(PROJECTION)
            .addOriginatingElement(model.element())
            .addField(
                FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The projection's name: it keys its checkpoints and leases.\n")
                    .initializer("$S", model.name())
                    .build())
            .addField(
                FieldSpec.builder(
                        ParameterizedTypeName.get(SET, ClassName.get(String.class)), "EVENT_TYPES",
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The stored type names of the events the projector has handlers for.\n")
                    .initializer("$T.of($L)", SET, eventTypes(model))
                    .build())
            .addField(
                FieldSpec.builder(STAGE_OF_VOID, "HANDLED", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The stage of an event handled without I/O left to wait for.\n")
                    .initializer("$T.completedStage(null)", COMPLETABLE_FUTURE)
                    .build())
            .addField(projector, "projector", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("@param projector the instance whose handlers update the read model\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(projector, "projector")
                    .addStatement("this.projector = $T.requireNonNull(projector, $S)", OBJECTS, "projector")
                    .build())
            .addMethod(override("name").returns(String.class).addStatement("return NAME").build())
            .addMethod(
                override("handles")
                    .addJavadoc("Whether the projector has a handler for events of this stored type name.\n")
                    .returns(boolean.class)
                    .addParameter(String.class, "eventType")
                    .addStatement("return EVENT_TYPES.contains(eventType)")
                    .build())
            .addMethod(handle())
            .addMethod(handleAsync(model));
    if (model.resetMethod().isPresent()) {
      MethodSpec.Builder reset =
          override("reset")
              .addJavadoc("Empties the read model before a rebuild.\n")
              .addStatement("projector.$N()", model.resetMethod().get());
      if (model.resetThrows()) {
        reset.addException(Exception.class);
      }
      type.addMethod(reset.build());
    }
    if (anyAsync) {
      type.addMethod(handled());
    }
    return GeneratedTypes.file(projector.packageName(), type.build());
  }

  /** {@code "A", "B"}: the handled events' stored type names, in handler order, each once. */
  private static CodeBlock eventTypes(ProjectorModel model) {
    return model.handlers().stream()
        .map(ProjectorHandlerModel::eventType)
        .distinct()
        .map(name -> CodeBlock.of("$S", name))
        .collect(CodeBlock.joining(", "));
  }

  private static MethodSpec handle() {
    return override("handle")
        .addJavadoc("Handles the event and waits until its handler's stage completes; throws what the handler\n"
            + "threw or its stage failed with.\n")
        .addParameter(FEED_EVENT, "event")
        .addException(Exception.class)
        .beginControlFlow("try")
        .addStatement("handleAsync(event).toCompletableFuture().get()")
        .nextControlFlow("catch ($T failed)", EXECUTION_EXCEPTION)
        .beginControlFlow("if (failed.getCause() instanceof Exception cause)")
        .addStatement("throw cause")
        .endControlFlow()
        .beginControlFlow("if (failed.getCause() instanceof Error cause)")
        .addStatement("throw cause")
        .endControlFlow()
        .addStatement("throw failed")
        .endControlFlow()
        .build();
  }

  private static MethodSpec handleAsync(ProjectorModel model) {
    MethodSpec.Builder method =
        override("handleAsync")
            .addJavadoc("Calls the handler of the event's payload type. Returns the stage of a handler that returns\n"
                + "one, a completed stage after a {@code void} handler and for events without a handler, and a\n"
                + "failed stage if the handler throws an exception.\n")
            .returns(STAGE_OF_VOID)
            .addParameter(FEED_EVENT, "event")
            .addStatement("Object payload = event.envelope().payload()")
            .beginControlFlow("try");
    for (ProjectorHandlerModel handler : model.handlers()) {
      CodeBlock call =
          handler.withFeedEvent()
              ? CodeBlock.of("projector.$N(e, event)", handler.methodName())
              : CodeBlock.of("projector.$N(e)", handler.methodName());
      method.beginControlFlow("if (payload instanceof $T e)", handler.event());
      if (handler.async()) {
        method.addStatement("return handled($L, $S)", call, describe(model, handler));
      } else {
        method.addStatement(call).addStatement("return HANDLED");
      }
      method.endControlFlow();
    }
    return method
        .nextControlFlow("catch (Exception failure)")
        .addStatement("return $T.failedFuture(failure)", COMPLETABLE_FUTURE)
        .endControlFlow()
        .addStatement("return HANDLED")
        .build();
  }

  /** {@code Projector.on(Event, FeedEvent)}: names a handler in the generated code's messages. */
  private static String describe(ProjectorModel model, ProjectorHandlerModel handler) {
    return String.join(".", model.projector().simpleNames()) + "." + handler.methodName() + "(" + handler.event().simpleName()
        + (handler.withFeedEvent() ? ", FeedEvent" : "") + ")";
  }

  private static MethodSpec handled() {
    return MethodSpec.methodBuilder("handled")
        .addJavadoc("The stage of an asynchronous handler, as the runner's {@code CompletionStage<Void>}.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(STAGE_OF_VOID)
        .addParameter(ParameterizedTypeName.get(COMPLETION_STAGE, WildcardTypeName.subtypeOf(Object.class)), "stage")
        .addParameter(String.class, "handler")
        .beginControlFlow("if (stage == null)")
        .addStatement("throw new $T(handler + $S)", NullPointerException.class,
            " returned null instead of a CompletionStage")
        .endControlFlow()
        .addStatement("return stage.thenApply(result -> null)")
        .build();
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
