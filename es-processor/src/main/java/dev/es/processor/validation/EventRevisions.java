package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.model.EventTypeModel;
import dev.es.processor.util.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** The revision chain of one handled event record: shared by aggregates and sagas, which both register it. */
final class EventRevisions {
  private EventRevisions() {}

  /**
   * Every revision of {@code event}'s type name up to its own, oldest first, each older one with its
   * {@code @Upcast} method. Reports {@link Message#EVENT_ACCESS} on {@code reportOn} for an older record or upcast
   * method the code generated in {@code pkg} (for {@code owner}) cannot call. Older revisions without an upcast
   * method are skipped: {@link EventValidator} reported them and marked the catalog broken. Each revision lists
   * its own record's personal fields, as stored events of that revision hold them.
   */
  static List<EventTypeModel> chain(
      ProcessorContext context, EventCatalog catalog, TypeElement event, PackageElement pkg, Element reportOn,
      CharSequence owner) {
    String name = EventCatalog.nameOf(event);
    int revision = EventCatalog.revisionOf(event);
    List<EventTypeModel> revisions = new ArrayList<>();
    for (EventCatalog.Entry older : catalog.olderThan(name, revision)) {
      if (older.upcast().isEmpty()) {
        continue;
      }
      ExecutableElement upcast = older.upcast().get();
      if (!Access.accessibleFrom(older.record(), pkg, context.elements())
          || !Access.accessibleFrom(upcast, pkg, context.elements())) {
        context.diagnostics().report(
            Message.EVENT_ACCESS, reportOn,
            older.record().getQualifiedName() + "." + upcast.getSimpleName() + "()",
            pkg.getQualifiedName(), owner);
      }
      revisions.add(
          new EventTypeModel(
              name, older.revision(), ClassName.get(older.record()),
              Optional.of(upcast.getSimpleName().toString()), PersonalFields.of(older.record())));
    }
    revisions.add(
        new EventTypeModel(name, revision, ClassName.get(event), Optional.empty(), PersonalFields.of(event)));
    return revisions;
  }
}
