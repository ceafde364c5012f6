package dev.es.spring.boot;

/**
 * The names of the classes es-processor generates beside a user's class, by the processor's own rule: a peer in
 * the same package, a nested class flattened with {@code _} ({@code Shop.Order} gives {@code Shop_OrderRepository}).
 */
final class GeneratedNames {

  private GeneratedNames() {}

  /** {@code <Name>Repository} of an {@code @EventSourced} class. */
  static String repository(Class<?> aggregate) {
    return peer(aggregate, "Repository");
  }

  /** {@code <Name>_Projection} of a {@code @Projector} class. */
  static String projection(Class<?> projector) {
    return peer(projector, "_Projection");
  }

  /** {@code <Name>_SagaType} of a {@code @Saga} class. */
  static String sagaType(Class<?> saga) {
    return peer(saga, "_SagaType");
  }

  private static String peer(Class<?> source, String suffix) {
    String packageName = source.getPackageName();
    String binary = source.getName().substring(packageName.isEmpty() ? 0 : packageName.length() + 1);
    return (packageName.isEmpty() ? "" : packageName + ".") + binary.replace('$', '_') + suffix;
  }
}
