package dev.es.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * The only place that decides the names of generated types. Generated types are peers of the source type (same
 * package); a nested source type is flattened with {@code _} ({@code Shop.Order} becomes {@code Shop_Order...}).
 */
public final class GeneratedNames {

  /** The fully qualified name written into {@code @Generated}. */
  public static final String PROCESSOR = "dev.es.processor.EsProcessor";

  /** The service file listing every generated aggregate type. */
  public static final String AGGREGATE_TYPE_SERVICES = "META-INF/services/dev.es.runtime.spi.AggregateType";

  private GeneratedNames() {}

  /**
   * {@code <Name>_AggregateType}: the event dispatcher and event registry. Only the runtime touches it (through
   * {@link java.util.ServiceLoader}), hence the underscore.
   */
  public static ClassName aggregateType(ClassName aggregate) {
    return peer(aggregate, "_AggregateType");
  }

  /** {@code <Name>_SnapshotSerializer}: only reached through the aggregate type. */
  public static ClassName snapshotSerializer(ClassName aggregate) {
    return peer(aggregate, "_SnapshotSerializer");
  }

  /** {@code <Name>Repository}: referenced from application code, so a clean name without underscore. */
  public static ClassName repository(ClassName aggregate) {
    return peer(aggregate, "Repository");
  }

  /**
   * {@code <Name>Table}: the typed access to a {@code @Projection} record's table. Application code uses it, so a
   * clean name without underscore.
   */
  public static ClassName table(ClassName readModel) {
    return peer(readModel, "Table");
  }

  /**
   * {@code <Name>_Projection}: the {@code dev.es.runtime.projection.Projection} wrapping a {@code @Projector}. Only
   * handed to the runtime (a runner or an inline projection), hence the underscore.
   */
  public static ClassName projection(ClassName projector) {
    return peer(projector, "_Projection");
  }

  /**
   * {@code <Name>_SagaType}: the {@code dev.es.runtime.spi.SagaType} of a {@code @Saga}. Only handed to the
   * runtime ({@code SagaRunner.builder(...).add(...)}), hence the underscore.
   */
  public static ClassName sagaType(ClassName saga) {
    return peer(saga, "_SagaType");
  }

  /** All names generated for one aggregate, in a fixed order. */
  public static List<ClassName> all(ClassName aggregate, boolean snapshots) {
    return snapshots
        ? List.of(aggregateType(aggregate), snapshotSerializer(aggregate), repository(aggregate))
        : List.of(aggregateType(aggregate), repository(aggregate));
  }

  private static ClassName peer(ClassName source, String suffix) {
    return ClassName.get(source.packageName(), String.join("_", source.simpleNames()) + suffix);
  }
}
