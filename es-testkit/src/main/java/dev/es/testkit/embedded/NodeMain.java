package dev.es.testkit.embedded;

/**
 * The main class of an embedded node's JVM: starts Cassandra and makes the node exit with the JVM that launched it.
 *
 * <p>A test JVM killed with {@code kill -9} runs no shutdown hook, so it cannot stop its node; instead the node
 * watches its parent process and exits (running Cassandra's own shutdown hooks) as soon as the parent is gone.
 * This class runs on the node's classpath, so it may only use the JDK.
 */
public final class NodeMain {

  private static final String DAEMON = "org.apache.cassandra.service.CassandraDaemon";

  private NodeMain() {}

  public static void main(String[] args) throws Exception {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          System.err.println(
                              "es embedded node: parent process " + parent.pid() + " exited, stopping");
                          System.exit(0);
                        }));
    // Cassandra is not on the testkit's compile classpath: only this JVM has it.
    Class.forName(DAEMON).getMethod("main", String[].class).invoke(null, (Object) args);
  }
}
