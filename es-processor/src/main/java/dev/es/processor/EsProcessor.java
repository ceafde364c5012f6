package dev.es.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.es.annotations.Apply;
import dev.es.annotations.DeadlineHandler;
import dev.es.annotations.EndSaga;
import dev.es.annotations.Event;
import dev.es.annotations.EventSourced;
import dev.es.annotations.Handle;
import dev.es.annotations.Projection;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import dev.es.annotations.Upcast;
import dev.es.processor.generation.AggregateTypeGenerator;
import dev.es.processor.generation.ProjectionTableGenerator;
import dev.es.processor.generation.ProjectorGenerator;
import dev.es.processor.generation.RepositoryGenerator;
import dev.es.processor.generation.SagaTypeGenerator;
import dev.es.processor.generation.ServicesFileGenerator;
import dev.es.processor.generation.SnapshotSerializerGenerator;
import dev.es.processor.model.AggregateModel;
import dev.es.processor.model.ProjectionModel;
import dev.es.processor.model.ProjectorModel;
import dev.es.processor.model.SagaModel;
import dev.es.processor.validation.AggregateValidator;
import dev.es.processor.validation.EventCatalog;
import dev.es.processor.validation.EventValidator;
import dev.es.processor.validation.NameCollisions;
import dev.es.processor.validation.ProjectionValidator;
import dev.es.processor.validation.ProjectorValidator;
import dev.es.processor.validation.SagaValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The es annotation processor. Only wiring: per round, validate events, then each {@code @EventSourced} type,
 * {@code @Projection} record, {@code @Projector} class and {@code @Saga} class (validate, build the model, generate,
 * write); at the end,
 * write the services file. Every exception is caught
 * once, here, and reported as {@link Message#INTERNAL}.
 */
@AutoService(Processor.class)
public final class EsProcessor extends AbstractProcessor {

  private ProcessorContext context;
  /** Aggregate type name to aggregate class, over all rounds, for the services file and name clashes. */
  private final Map<String, ClassName> aggregatesByName = new TreeMap<>();
  /** Projection name to projector class, over all rounds, for name clashes. */
  private final Map<String, ClassName> projectorsByName = new TreeMap<>();
  /** Saga name to saga class, over all rounds, for name clashes. */
  private final Map<String, ClassName> sagasByName = new TreeMap<>();
  private final List<Element> serviceOriginatingElements = new ArrayList<>();
  private final Set<String> sourceTypes = new HashSet<>();
  private final Set<String> processed = new HashSet<>();
  private Element current;
  /** Set after an internal error: nothing more is generated in this compilation. */
  private boolean failed;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    context =
        new ProcessorContext.Default(
            processingEnv.getTypeUtils(),
            processingEnv.getElementUtils(),
            processingEnv.getFiler(),
            new Diagnostics(processingEnv.getMessager()));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        EventSourced.class.getCanonicalName(),
        Apply.class.getCanonicalName(),
        Event.class.getCanonicalName(),
        Upcast.class.getCanonicalName(),
        Projection.class.getCanonicalName(),
        Projector.class.getCanonicalName(),
        Handle.class.getCanonicalName(),
        Reset.class.getCanonicalName(),
        Saga.class.getCanonicalName(),
        SagaEventHandler.class.getCanonicalName(),
        StartSaga.class.getCanonicalName(),
        EndSaga.class.getCanonicalName(),
        DeadlineHandler.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (failed) {
      return true;
    }
    try {
      if (round.processingOver()) {
        writeServicesFile();
      } else {
        processRound(new RoundElements(round, annotations), round);
      }
    } catch (Throwable t) { // the one place an exception may be caught; never let it escape to javac
      failed = true;
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      Element where = current;
      String what = where == null ? "round" : where.toString();
      if (where != null) {
        context.diagnostics().report(Message.INTERNAL, where, what, trace);
      } else {
        processingEnv.getMessager().printMessage(
            javax.tools.Diagnostic.Kind.ERROR, Message.INTERNAL.format(what, trace));
      }
    } finally {
      current = null;
    }
    return true;
  }

  private void processRound(RoundElements elements, RoundEnvironment round) throws IOException {
    for (TypeElement root : ElementFilter.typesIn(round.getRootElements())) {
      collectSourceTypes(root);
    }
    NameCollisions collisions = new NameCollisions(context, sourceTypes);
    EventCatalog catalog = new EventValidator(context).validate(elements);

    for (ExecutableElement method : elements.methods(Apply.class)) {
      Element enclosing = method.getEnclosingElement();
      if (!elements.isAnnotated(enclosing, EventSourced.class)) {
        context.diagnostics().report(
            Message.APPLY_OUTSIDE, method, method.getSimpleName() + "()", enclosing.getSimpleName());
      }
    }

    AggregateValidator validator = new AggregateValidator(context, collisions);
    for (TypeElement type : sorted(elements.types(EventSourced.class))) {
      if (!processed.add(type.getQualifiedName().toString())) {
        continue;
      }
      current = type;
      java.util.Optional<AggregateModel> model = validator.validate(type, catalog);
      if (model.isPresent()) {
        register(model.get());
      }
    }
    current = null;

    ProjectionValidator projections = new ProjectionValidator(context, collisions);
    for (TypeElement type : sorted(elements.types(Projection.class))) {
      if (!processed.add("@Projection " + type.getQualifiedName())) {
        continue;
      }
      current = type;
      java.util.Optional<ProjectionModel> model = projections.validate(type);
      if (model.isPresent()) {
        write(new ProjectionTableGenerator().generate(model.get()));
      }
    }
    current = null;

    for (Class<? extends java.lang.annotation.Annotation> annotation : List.of(Handle.class, Reset.class)) {
      for (ExecutableElement method : elements.methods(annotation)) {
        Element enclosing = method.getEnclosingElement();
        if (!elements.isAnnotated(enclosing, Projector.class)) {
          context.diagnostics().report(
              Message.PROJECTOR_OUTSIDE, method, annotation.getSimpleName(), method.getSimpleName() + "()",
              enclosing.getSimpleName(), enclosing.getSimpleName());
        }
      }
    }
    ProjectorValidator projectors = new ProjectorValidator(context, collisions);
    for (TypeElement type : sorted(elements.types(Projector.class))) {
      if (!processed.add("@Projector " + type.getQualifiedName())) {
        continue;
      }
      current = type;
      java.util.Optional<ProjectorModel> model = projectors.validate(type, catalog);
      if (model.isPresent()) {
        register(model.get());
      }
    }
    current = null;

    Set<ExecutableElement> outsideSagas = new LinkedHashSet<>();
    for (Class<? extends java.lang.annotation.Annotation> annotation :
        List.of(SagaEventHandler.class, DeadlineHandler.class, StartSaga.class, EndSaga.class)) {
      for (ExecutableElement method : elements.methods(annotation)) {
        Element enclosing = method.getEnclosingElement();
        if (!elements.isAnnotated(enclosing, Saga.class) && outsideSagas.add(method)) {
          context.diagnostics().report(
              Message.SAGA_OUTSIDE, method, annotation.getSimpleName(), method.getSimpleName() + "()",
              enclosing.getSimpleName(), enclosing.getSimpleName());
        }
      }
    }
    SagaValidator sagas = new SagaValidator(context, collisions);
    for (TypeElement type : sorted(elements.types(Saga.class))) {
      if (!processed.add("@Saga " + type.getQualifiedName())) {
        continue;
      }
      current = type;
      java.util.Optional<SagaModel> model = sagas.validate(type, catalog);
      if (model.isPresent()) {
        register(model.get());
      }
    }
    current = null;
  }

  private static List<TypeElement> sorted(List<TypeElement> types) {
    types.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    return types;
  }

  private void register(ProjectorModel model) throws IOException {
    ClassName clash = projectorsByName.get(model.name());
    if (clash != null) {
      context.diagnostics().report(
          Message.PROJECTOR_DUPLICATE, model.element(), model.name(), model.projector().canonicalName(),
          clash.canonicalName());
      return;
    }
    projectorsByName.put(model.name(), model.projector());
    write(new ProjectorGenerator().generate(model));
  }

  private void register(SagaModel model) throws IOException {
    ClassName clash = sagasByName.get(model.name());
    if (clash != null) {
      context.diagnostics().report(
          Message.SAGA_DUPLICATE, model.element(), model.name(), model.saga().canonicalName(),
          clash.canonicalName());
      return;
    }
    sagasByName.put(model.name(), model.saga());
    write(new SagaTypeGenerator().generate(model));
  }

  private void register(AggregateModel model) throws IOException {
    ClassName clash = aggregatesByName.get(model.name());
    if (clash != null) {
      context.diagnostics().report(
          Message.AGGREGATE_NAME, model.element(), model.name(), model.aggregate().canonicalName(),
          clash.canonicalName());
      return;
    }
    aggregatesByName.put(model.name(), model.aggregate());
    serviceOriginatingElements.add(model.element());
    write(new AggregateTypeGenerator().generate(model));
    if (model.snapshot().isPresent()) {
      write(new SnapshotSerializerGenerator().generate(model));
    }
    write(new RepositoryGenerator().generate(model));
  }

  private void write(JavaFile file) throws IOException {
    file.writeTo(context.filer());
  }

  private void writeServicesFile() throws IOException {
    if (aggregatesByName.isEmpty()) {
      return;
    }
    FileObject file =
        context.filer().createResource(
            StandardLocation.CLASS_OUTPUT, "", GeneratedNames.AGGREGATE_TYPE_SERVICES,
            serviceOriginatingElements.toArray(new Element[0]));
    try (Writer writer = file.openWriter()) {
      writer.write(new ServicesFileGenerator().generate(aggregatesByName.values()));
    }
  }

  private void collectSourceTypes(TypeElement type) {
    sourceTypes.add(type.getQualifiedName().toString());
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collectSourceTypes(nested);
    }
  }
}
