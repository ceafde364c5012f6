package dev.es.examples;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The e-commerce example, the README's main job: a readable scenario (users, orders, payments, shipping, a
 * refused transition, a conflict resolved by retry, a timeline, read models, a state as of an earlier instant)
 * the user-registration saga, the user read model, the event statistics) and a bulk phase whose read-model counts
 * must equal the commands sent. Exit code 0 only if every check passed.
 *
 * <p>It runs on the cluster given by {@code ES_CASSANDRA_CONTACT_POINTS} (and {@code ES_CASSANDRA_DATACENTER}),
 * or else starts a Cassandra of its own (see {@link CassandraSource}) and stops it on exit, Ctrl-C included.
 */
@Command(
    name = "es-ecommerce",
    mixinStandardHelpOptions = true,
    description = "Runs the es e-commerce example against Cassandra.")
public final class EcommerceApp implements Callable<Integer> {

  @Option(names = "--orders", defaultValue = "10000", description = "Orders in the bulk phase (default ${DEFAULT-VALUE}); 0 skips it.")
  int orders;

  @Option(names = "--concurrency", defaultValue = "32", description = "Commands in flight in the bulk phase (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--keyspace", defaultValue = "es_example", description = "Keyspace to use; it is dropped first (default ${DEFAULT-VALUE}).")
  String keyspace;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor of the keyspace (default ${DEFAULT-VALUE}).")
  int replicationFactor;

  private final PrintStream out;

  EcommerceApp(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EcommerceApp(System.out)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (StoppableCluster cluster = StoppableCluster.start(out);
        CqlSession session = cluster.cluster().openSession()) {
      String version = session.execute("SELECT release_version FROM system.local").one().getString("release_version");
      out.println("Connected to Cassandra " + version);
      session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
      Checks checks = new Checks(out);
      try (Shop shop = new Shop(session, keyspace, replicationFactor)) {
        Scenario scenario = new Scenario(shop, out, checks);
        scenario.run();
        StatisticsReport statistics = new StatisticsReport(shop, out, checks);
        long ordersBefore = statistics.run("after the scenario", true).ofEventType("OrderCreated");
        if (orders > 0) {
          new BulkLoad(shop, out, checks).run(orders, concurrency, scenario);
          long ordersAfter = statistics.run("after the bulk phase", false).ofEventType("OrderCreated");
          checks.check("the statistics count exactly the " + orders + " orders of the bulk phase more",
              ordersAfter - ordersBefore == orders);
        }
      }
      out.println();
      out.println(checks.summary());
      return checks.allPassed() ? 0 : 1;
    }
  }

  /** The cluster, closed exactly once: at the end of the run or by a shutdown hook on Ctrl-C / SIGTERM. */
  private record StoppableCluster(CassandraCluster cluster, AtomicBoolean stopped, Thread hook)
      implements AutoCloseable {

    static StoppableCluster start(PrintStream out) {
      CassandraSource source = CassandraSource.fromEnvironment();
      out.println("Starting Cassandra: " + source.getClass().getSimpleName().toLowerCase(Locale.ROOT)
          + " (set " + CassandraSource.CONTACT_POINTS + " to use your own cluster)");
      CassandraCluster cluster = source.start();
      out.println("Cassandra is up: " + cluster.description());
      AtomicBoolean stopped = new AtomicBoolean();
      Thread hook = new Thread(() -> stopOnce(cluster, stopped), "es-example-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      return new StoppableCluster(cluster, stopped, hook);
    }

    @Override
    public void close() {
      stopOnce(cluster, stopped);
      Runtime.getRuntime().removeShutdownHook(hook);
    }

    private static void stopOnce(CassandraCluster cluster, AtomicBoolean stopped) {
      if (stopped.compareAndSet(false, true)) {
        cluster.close();
      }
    }
  }
}
