package dev.es.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.es.annotations.Apply;
import dev.es.annotations.DeadlineHandler;
import dev.es.annotations.EndSaga;
import dev.es.annotations.Event;
import dev.es.annotations.EventSourced;
import dev.es.annotations.Handle;
import dev.es.annotations.PersonalData;
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
import dev.es.processor.validation.HandlerPlacement;
import dev.es.processor.validation.NameCollisions;
import dev.es.processor.validation.PersonalDataValidator;
import dev.es.processor.validation.ProjectionValidator;
import dev.es.processor.validation.ProjectorValidator;
import dev.es.processor.validation.SagaValidator;
import dev.es.processor.validation.UniqueNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The es annotation processor. Only wiring: per round, check where handler annotations are and the
 * {@code @PersonalData} components, retry the types deferred from earlier rounds, validate events, then each
 * {@code @EventSourced} type, {@code @Projection} record, {@code @Projector} class and {@code @Saga} class
 * (validate, build the model, generate, write); in the last round, report the types that never resolved and write
 * the services file. Every exception is caught once, here, and reported as {@link Message#INTERNAL}.
 *
 * <p>Rounds: a type whose declaration mentions a type that does not resolve (one another processor generates
 * later) is deferred by name ({@link DeferredTypes}) and validated in the first round in which it resolves; it then
 * sees the event records of that round and of all earlier ones ({@link EventValidator}). In the last round a type
 * that still does not resolve is reported as {@link Message#UNRESOLVED}.
 */
@AutoService(Processor.class)
public final class EsProcessor extends AbstractProcessor {

  private ProcessorContext context;
  private DeferredTypes deferred;
  private EventValidator events;
  private HandlerPlacement placement;
  private PersonalDataValidator personalData;
  /** Aggregate type names over all rounds, for the services file and name clashes. */
  private UniqueNames aggregateNames;
  private UniqueNames projectionNames;
  private UniqueNames sagaNames;
  private final List<Element> serviceOriginatingElements = new ArrayList<>();
  private final Set<String> sourceTypes = new HashSet<>();
  private final Set<String> processed = new HashSet<>();
  private Element current;
  /** Set after an internal error: nothing more is generated in this compilation. */
  private boolean failed;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
    context =
        new ProcessorContext.Default(
            processingEnv.getTypeUtils(), processingEnv.getElementUtils(), processingEnv.getFiler(), diagnostics);
    deferred = new DeferredTypes(processingEnv.getElementUtils(), diagnostics);
    events = new EventValidator(context);
    placement = new HandlerPlacement(diagnostics);
    personalData = new PersonalDataValidator(diagnostics);
    aggregateNames = new UniqueNames(diagnostics, Message.AGGREGATE_NAME);
    projectionNames = new UniqueNames(diagnostics, Message.PROJECTOR_DUPLICATE);
    sagaNames = new UniqueNames(diagnostics, Message.SAGA_DUPLICATE);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        EventSourced.class.getCanonicalName(),
        Apply.class.getCanonicalName(),
        Event.class.getCanonicalName(),
        Upcast.class.getCanonicalName(),
        PersonalData.class.getCanonicalName(),
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
      processRound(new RoundElements(round, annotations), round);
      if (round.processingOver()) {
        writeServicesFile();
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
    placement.check(elements);
    personalData.check(elements);
    List<TypeElement> aggregates = toValidate(EventSourced.class, elements, round);
    EventCatalog catalog = events.validate(elements, aggregates, round.processingOver());

    AggregateValidator validator = new AggregateValidator(context, collisions);
    for (TypeElement type : aggregates) {
      current = type;
      Optional<AggregateModel> model = validator.validate(type, catalog);
      if (model.isPresent() && aggregateNames.claim(type, model.get().name(), model.get().aggregate())) {
        write(model.get());
      }
    }
    ProjectionValidator projections = new ProjectionValidator(context, collisions);
    for (TypeElement type : toValidate(Projection.class, elements, round)) {
      current = type;
      Optional<ProjectionModel> model = projections.validate(type);
      if (model.isPresent()) {
        write(new ProjectionTableGenerator().generate(model.get()));
      }
    }
    ProjectorValidator projectors = new ProjectorValidator(context, collisions);
    for (TypeElement type : toValidate(Projector.class, elements, round)) {
      current = type;
      Optional<ProjectorModel> model = projectors.validate(type, catalog);
      if (model.isPresent() && projectionNames.claim(type, model.get().name(), model.get().projector())) {
        write(new ProjectorGenerator().generate(model.get()));
      }
    }
    SagaValidator sagas = new SagaValidator(context, collisions);
    for (TypeElement type : toValidate(Saga.class, elements, round)) {
      current = type;
      Optional<SagaModel> model = sagas.validate(type, catalog);
      if (model.isPresent() && sagaNames.claim(type, model.get().name(), model.get().saga())) {
        write(new SagaTypeGenerator().generate(model.get()));
      }
    }
    current = null;
  }

  /**
   * The types carrying {@code annotation} to validate in this round: this round's and the deferred ones, less those
   * that were validated already or do not resolve (deferred again, or reported in the last round).
   */
  private List<TypeElement> toValidate(
      Class<? extends Annotation> annotation, RoundElements elements, RoundEnvironment round) {
    List<TypeElement> types = new ArrayList<>();
    for (TypeElement type : deferred.withRetried(annotation, elements.types(annotation))) {
      String key = "@" + annotation.getSimpleName() + " " + type.getQualifiedName();
      if (!processed.contains(key) && deferred.resolves(annotation, type, round.processingOver())) {
        processed.add(key);
        types.add(type);
      }
    }
    return types;
  }

  private void write(AggregateModel model) throws IOException {
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
    if (aggregateNames.owners().isEmpty()) {
      return;
    }
    FileObject file =
        context.filer().createResource(
            StandardLocation.CLASS_OUTPUT, "", GeneratedNames.AGGREGATE_TYPE_SERVICES,
            serviceOriginatingElements.toArray(new Element[0]));
    try (Writer writer = file.openWriter()) {
      writer.write(new ServicesFileGenerator().generate(aggregateNames.owners()));
    }
  }

  private void collectSourceTypes(TypeElement type) {
    sourceTypes.add(type.getQualifiedName().toString());
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collectSourceTypes(nested);
    }
  }
}
