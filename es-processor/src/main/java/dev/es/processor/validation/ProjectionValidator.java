package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.es.annotations.Projection;
import dev.es.processor.Diagnostics;
import dev.es.processor.GeneratedNames;
import dev.es.processor.Message;
import dev.es.processor.ProcessorContext;
import dev.es.processor.model.ColumnModel;
import dev.es.processor.model.ColumnModel.KeyRole;
import dev.es.processor.model.ColumnType;
import dev.es.processor.model.ProjectionModel;
import dev.es.processor.util.Access;
import dev.es.processor.util.Annotations;
import dev.es.processor.util.CqlNames;
import dev.es.processor.util.RecordComponents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Validates one {@code @Projection} record and builds its {@link ProjectionModel}: the table name, each
 * component's column name and CQL type, and the primary key. Reports every problem it finds and returns empty
 * when any was reported.
 *
 * <p>The key annotations are the java-driver mapper's, matched by qualified name (the processor does not depend on
 * the mapper). They target fields and methods, so they are looked up on the record component, its field and its
 * accessor.
 */
public final class ProjectionValidator {

  static final String PARTITION_KEY = "com.datastax.oss.driver.api.mapper.annotations.PartitionKey";
  static final String CLUSTERING_COLUMN = "com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn";
  static final String CQL_NAME = "com.datastax.oss.driver.api.mapper.annotations.CqlName";

  private static final String PROJECTION = Projection.class.getCanonicalName();

  private static final Map<String, ColumnType.Scalar> DECLARED_SCALARS = Map.ofEntries(
      Map.entry("java.util.UUID", ColumnType.Scalar.UUID),
      Map.entry("java.lang.String", ColumnType.Scalar.TEXT),
      Map.entry("java.lang.Integer", ColumnType.Scalar.INT),
      Map.entry("java.lang.Long", ColumnType.Scalar.BIGINT),
      Map.entry("java.lang.Short", ColumnType.Scalar.SMALLINT),
      Map.entry("java.lang.Byte", ColumnType.Scalar.TINYINT),
      Map.entry("java.lang.Double", ColumnType.Scalar.DOUBLE),
      Map.entry("java.lang.Float", ColumnType.Scalar.FLOAT),
      Map.entry("java.lang.Boolean", ColumnType.Scalar.BOOLEAN),
      Map.entry("java.time.Instant", ColumnType.Scalar.TIMESTAMP),
      Map.entry("java.time.LocalDate", ColumnType.Scalar.DATE),
      Map.entry("java.math.BigDecimal", ColumnType.Scalar.DECIMAL));

  private final ProcessorContext context;
  private final Diagnostics diagnostics;
  private final NameCollisions collisions;

  public ProjectionValidator(ProcessorContext context, NameCollisions collisions) {
    this.context = context;
    this.diagnostics = context.diagnostics();
    this.collisions = collisions;
  }

  /** A key annotation found on a component. */
  private record Key(KeyRole role, int index) {}

  /** A component that made it through its own checks. */
  private record Candidate(RecordComponentElement component, Element at, Optional<Key> key, String column) {}

  public Optional<ProjectionModel> validate(TypeElement type) {
    int errorsBefore = diagnostics.errorCount();
    AnnotationMirror annotation = Annotations.mirror(type, PROJECTION).orElseThrow();
    if (!checkKind(type)) {
      return Optional.empty();
    }
    PackageElement pkg = context.elements().getPackageOf(type);

    String table = type.getAnnotation(Projection.class).table();
    Optional<String> tableProblem = CqlNames.problem(table);
    if (tableProblem.isPresent()) {
      diagnostics.report(
          Message.PROJECTION_TABLE, type, annotation, Annotations.explicitValue(annotation, "table").orElse(null),
          table, type.getSimpleName(), tableProblem.get());
    }

    List<ColumnModel> columns = new ArrayList<>();
    Map<String, String> columnOwners = new HashMap<>();
    List<Candidate> keyed = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      Element at = RecordComponents.positioned(component);
      Optional<AnnotationMirror> partition = RecordComponents.annotation(component, PARTITION_KEY);
      Optional<AnnotationMirror> clustering = RecordComponents.annotation(component, CLUSTERING_COLUMN);
      Optional<Key> key = Optional.empty();
      if (partition.isPresent() && clustering.isPresent()) {
        diagnostics.report(Message.PROJECTION_KEY_CONFLICT, at, name, type.getSimpleName());
      } else if (partition.isPresent()) {
        key = Optional.of(new Key(KeyRole.PARTITION_KEY, intValue(partition.get())));
      } else if (clustering.isPresent()) {
        key = Optional.of(new Key(KeyRole.CLUSTERING_COLUMN, intValue(clustering.get())));
      }

      String column =
          RecordComponents.annotation(component, CQL_NAME)
              .map(this::stringValue)
              .orElseGet(() -> CqlNames.snakeCase(name));
      Optional<String> columnProblem = CqlNames.problem(column);
      String normalized = column.toLowerCase(Locale.ROOT);
      if (columnProblem.isPresent()) {
        diagnostics.report(Message.PROJECTION_COLUMN_NAME, at, column, name, type.getSimpleName(),
            columnProblem.get());
      } else if (columnOwners.containsKey(normalized)) {
        diagnostics.report(Message.PROJECTION_COLUMN_NAME, at, column, name, type.getSimpleName(),
            "is already the column of component '" + columnOwners.get(normalized) + "'");
      } else {
        columnOwners.put(normalized, name);
      }

      TypeMirror javaType = component.asType();
      Optional<ColumnType> mapped = map(component, at, type, javaType, pkg);
      if (mapped.isPresent() && key.isPresent() && !mapped.get().keyable()) {
        diagnostics.report(
            Message.PROJECTION_KEY_TYPE, at, name, type.getSimpleName(), javaType, mapped.get().cql());
      }
      if (key.isPresent()) {
        keyed.add(new Candidate(component, at, key, column));
      }
      if (mapped.isPresent()) {
        columns.add(
            new ColumnModel(
                name, normalized, TypeName.get(javaType).withoutAnnotations(), mapped.get(),
                key.map(Key::role).orElse(KeyRole.REGULAR), key.map(Key::index).orElse(0)));
      }
    }

    boolean hasPartitionKey = keyed.stream().anyMatch(c -> c.key().get().role() == KeyRole.PARTITION_KEY);
    if (!hasPartitionKey) {
      String example = type.getRecordComponents().isEmpty()
          ? "id"
          : type.getRecordComponents().get(0).getSimpleName().toString();
      diagnostics.report(Message.PROJECTION_PARTITION_KEY, type, type.getSimpleName(), example);
    }
    checkOrder(type, keyed, KeyRole.PARTITION_KEY);
    checkOrder(type, keyed, KeyRole.CLUSTERING_COLUMN);

    ClassName record = ClassName.get(type);
    collisions.check(type, GeneratedNames.table(record));

    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new ProjectionModel(type, record, table.toLowerCase(Locale.ROOT), columns));
  }

  private boolean checkKind(TypeElement type) {
    String problem = null;
    if (type.getKind() != ElementKind.RECORD) {
      String kind = EventValidator.kindName(type);
      problem = "is " + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + ", not a record";
    } else if (!type.getTypeParameters().isEmpty()) {
      problem = "is generic";
    } else {
      for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
          problem = "is private or nested in a private type";
          break;
        }
      }
    }
    if (problem != null) {
      diagnostics.report(Message.PROJECTION_KIND, type, type.getSimpleName(), problem, type.getSimpleName());
      return false;
    }
    return true;
  }

  /**
   * Partition-key indexes (or clustering orders) must be 0, 1, 2, ...: reported on the first component whose
   * index repeats one or skips one.
   */
  private void checkOrder(TypeElement type, List<Candidate> keyed, KeyRole role) {
    List<Candidate> ofRole = new ArrayList<>();
    for (Candidate c : keyed) {
      if (c.key().get().role() == role) {
        ofRole.add(c);
      }
    }
    ofRole.sort(Comparator.comparingInt(c -> c.key().get().index())); // stable: declaration order among equals
    boolean partition = role == KeyRole.PARTITION_KEY;
    String what = partition ? "Partition-key" : "Clustering";
    String attribute = partition ? "@PartitionKey index" : "@ClusteringColumn order";
    String plural = partition ? "partition-key" : "clustering";
    int expected = 0;
    Candidate previous = null;
    for (Candidate c : ofRole) {
      int index = c.key().get().index();
      String problem = null;
      if (previous != null && previous.key().get().index() == index) {
        problem = "so has '" + previous.component().getSimpleName() + "'";
      } else if (index != expected) {
        problem = expected == 0
            ? "they start at 0"
            : "no " + plural + " component has " + (partition ? "index " : "order ") + expected;
      }
      if (problem != null) {
        diagnostics.report(
            Message.PROJECTION_KEY_ORDER, c.at(), what, c.component().getSimpleName(), type.getSimpleName(),
            attribute, index, problem, plural);
      }
      expected = Math.max(expected, index + 1);
      previous = c;
    }
  }

  /** The mapping of a component type, or empty after reporting why there is none. */
  private Optional<ColumnType> map(
      RecordComponentElement component, Element at, TypeElement record, TypeMirror type, PackageElement pkg) {
    StringBuilder why = new StringBuilder();
    Optional<ColumnType> mapped = map(type, pkg, true, why);
    if (mapped.isEmpty()) {
      diagnostics.report(
          Message.PROJECTION_COLUMN_TYPE, at, component.getSimpleName(), record.getSimpleName(), type,
          why.length() == 0 ? "" : " (" + why + ")");
    }
    return mapped;
  }

  private Optional<ColumnType> map(TypeMirror type, PackageElement pkg, boolean topLevel, StringBuilder why) {
    TypeName javaType = TypeName.get(type).withoutAnnotations();
    switch (type.getKind()) {
      case INT:
        return Optional.of(new ColumnType.Simple(ColumnType.Scalar.INT, javaType));
      case LONG:
        return Optional.of(new ColumnType.Simple(ColumnType.Scalar.BIGINT, javaType));
      case SHORT:
        return Optional.of(new ColumnType.Simple(ColumnType.Scalar.SMALLINT, javaType));
      case BYTE:
        return Optional.of(new ColumnType.Simple(ColumnType.Scalar.TINYINT, javaType));
      case DOUBLE:
        return Optional.of(new ColumnType.Simple(ColumnType.Scalar.DOUBLE, javaType));
      case FLOAT:
        return Optional.of(new ColumnType.Simple(ColumnType.Scalar.FLOAT, javaType));
      case BOOLEAN:
        return Optional.of(new ColumnType.Simple(ColumnType.Scalar.BOOLEAN, javaType));
      case DECLARED:
        break;
      default:
        return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    ColumnType.Scalar scalar = DECLARED_SCALARS.get(name);
    if (scalar != null) {
      return Optional.of(new ColumnType.Simple(scalar, javaType));
    }
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    if (name.equals("java.util.List") || name.equals("java.util.Set") || name.equals("java.util.Map")) {
      if (!topLevel) {
        why.append("collections inside collections are not supported");
        return Optional.empty();
      }
      List<ColumnType> elements = new ArrayList<>();
      for (TypeMirror argument : arguments) {
        Optional<ColumnType> mapped = map(argument, pkg, false, why);
        if (mapped.isEmpty()) {
          if (why.length() == 0) {
            why.append("its element type ").append(argument).append(" has none");
          }
          return Optional.empty();
        }
        elements.add(mapped.get());
      }
      if (elements.isEmpty()) {
        why.append("a raw collection");
        return Optional.empty();
      }
      return Optional.of(switch (name) {
        case "java.util.List" -> new ColumnType.ListOf(elements.get(0));
        case "java.util.Set" -> new ColumnType.SetOf(elements.get(0));
        default -> new ColumnType.MapOf(elements.get(0), elements.get(1));
      });
    }
    if (element.getKind() == ElementKind.ENUM || element.getKind() == ElementKind.RECORD) {
      if (!Access.accessibleFrom(element, pkg, context.elements())) {
        why.append(element.getSimpleName()).append(" is not accessible from package ").append(pkg.getQualifiedName());
        return Optional.empty();
      }
      if (element.getKind() == ElementKind.ENUM) {
        return Optional.of(new ColumnType.EnumName(ClassName.get(element)));
      }
      if (!element.getTypeParameters().isEmpty()) {
        why.append("a generic record cannot be stored as JSON");
        return Optional.empty();
      }
      return Optional.of(new ColumnType.Json(ClassName.get(element)));
    }
    return Optional.empty();
  }

  private Object value(AnnotationMirror mirror) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        context.elements().getElementValuesWithDefaults(mirror).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value")) {
        return e.getValue().getValue();
      }
    }
    return null;
  }

  private int intValue(AnnotationMirror mirror) {
    return value(mirror) instanceof Integer i ? i : 0;
  }

  private String stringValue(AnnotationMirror mirror) {
    return value(mirror) instanceof String s ? s : "";
  }
}
