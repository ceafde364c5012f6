package dev.es.processor.generation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.es.processor.GeneratedNames;
import dev.es.processor.model.ProjectorHandlerModel;
import dev.es.processor.model.ProjectorModel;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Name>_Projection}: the runtime's {@code Projection} wrapping a {@code @Projector} instance.
 * {@code handle} is a straight-line {@code instanceof} chain over the event payload calling the {@code @Handle}
 * methods; events without a handler are ignored. {@code reset} calls the {@code @Reset} method, if any.
 */
public final class ProjectorGenerator {

  static final ClassName PROJECTION = ClassName.get("dev.es.runtime.projection", "Projection");
  static final ClassName FEED_EVENT = ClassName.get("dev.es.runtime.feed", "FeedEvent");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  public JavaFile generate(ProjectorModel model) {
    ClassName self = GeneratedNames.projection(model.projector());
    ClassName projector = model.projector();

    MethodSpec.Builder handle =
        override("handle")
            .addJavadoc("Calls the handler of the event's payload type; ignores events without one.\n")
            .addParameter(FEED_EVENT, "event");
    if (model.handlersThrow()) {
      handle.addException(Exception.class);
    }
    handle.addStatement("Object payload = event.envelope().payload()");
    for (ProjectorHandlerModel handler : model.handlers()) {
      handle.beginControlFlow("if (payload instanceof $T e)", handler.event());
      if (handler.withFeedEvent()) {
        handle.addStatement("projector.$N(e, event)", handler.methodName());
      } else {
        handle.addStatement("projector.$N(e)", handler.methodName());
      }
      handle.addStatement("return");
      handle.endControlFlow();
    }

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
            .addField(projector, "projector", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("@param projector the instance whose handlers update the read model\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(projector, "projector")
                    .addStatement("this.projector = $T.requireNonNull(projector, $S)", OBJECTS, "projector")
                    .build())
            .addMethod(override("name").returns(String.class).addStatement("return NAME").build())
            .addMethod(handle.build());
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
    return GeneratedTypes.file(projector.packageName(), type.build());
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
