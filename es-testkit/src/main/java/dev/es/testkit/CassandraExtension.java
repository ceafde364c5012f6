package dev.es.testkit;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link CassandraTest}: one shared node per JVM, one fresh keyspace and one session per test
 * class, so test classes never see each other's data and may run in any order.
 */
public final class CassandraExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraExtension.class);
  private static final AtomicInteger KEYSPACES = new AtomicInteger();
  private static final int MAX_KEYSPACE_NAME = 48;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == CqlSession.class || type == TestKeyspace.class || type == CassandraCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == CassandraCluster.class) {
      return SharedCassandra.get();
    }
    ClassKeyspace keyspace = classKeyspace(context);
    if (type == TestKeyspace.class) {
      return keyspace.keyspace();
    }
    if (type == CqlSession.class) {
      return keyspace.session();
    }
    throw new ParameterResolutionException("Cannot resolve " + type);
  }

  /** The keyspace of the test class; created on first use, dropped when the class's context closes. */
  private static ClassKeyspace classKeyspace(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ClassKeyspace.class,
            key -> ClassKeyspace.create(SharedCassandra.get(), keyspaceName(classContext.getRequiredTestClass())),
            ClassKeyspace.class);
  }

  /** The outermost test class's context, so that nested classes share their enclosing class's keyspace. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
      current = current.getParent().orElseThrow();
    }
    return current;
  }

  /** {@code es_<class name in snake case>_<n>}, cut to fit Cassandra's 48-character limit. */
  static String keyspaceName(Class<?> testClass) {
    String suffix = "_" + KEYSPACES.incrementAndGet();
    String base = "es_" + testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_]", "_");
    return base.substring(0, Math.min(base.length(), MAX_KEYSPACE_NAME - suffix.length())) + suffix;
  }

  /** A keyspace with its session; closing it drops the keyspace. */
  private record ClassKeyspace(CassandraCluster cluster, TestKeyspace keyspace, CqlSession session)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static ClassKeyspace create(CassandraCluster cluster, String name) {
      try (CqlSession admin = cluster.openSession()) {
        admin.execute("CREATE KEYSPACE IF NOT EXISTS " + name
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      }
      return new ClassKeyspace(cluster, new TestKeyspace(name), cluster.openSession(name));
    }

    @Override
    public void close() {
      try {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace.name());
      } finally {
        session.close();
      }
    }
  }
}
