package dev.es.examples;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The e-commerce example, the README's main job. It runs on the cluster given by {@code ES_CASSANDRA_CONTACT_POINTS}
 * (and {@code ES_CASSANDRA_DATACENTER}), or else starts a Cassandra of its own (see {@link CassandraSource}) and
 * stops it on exit, Ctrl-C included.
 */
@Command(
    name = "es-ecommerce",
    mixinStandardHelpOptions = true,
    description = "Runs the es e-commerce example against Cassandra.")
public final class EcommerceApp implements Callable<Integer> {

  private final PrintStream out;

  EcommerceApp(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EcommerceApp(System.out)).execute(args));
  }

  @Override
  public Integer call() {
    try (StoppableCluster cluster = StoppableCluster.start(out);
        CqlSession session = cluster.cluster().openSession()) {
      String version = session.execute("SELECT release_version FROM system.local").one().getString("release_version");
      out.println("Connected to Cassandra " + version);
      return 0;
    }
  }

  /** The cluster, closed exactly once: at the end of the run or by a shutdown hook on Ctrl-C / SIGTERM. */
  private record StoppableCluster(CassandraCluster cluster, AtomicBoolean stopped, Thread hook)
      implements AutoCloseable {

    static StoppableCluster start(PrintStream out) {
      CassandraSource source = CassandraSource.fromEnvironment();
      out.println("Starting Cassandra: " + source.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
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
