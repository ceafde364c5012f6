package dev.es.it.nemesis;

import dev.es.it.nemesis.FaultSchedule.Fault;
import dev.es.it.nemesis.FaultSchedule.Kind;
import dev.es.testkit.embedded.EmbeddedCassandraCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Injects the faults of a {@link FaultSchedule} one after another for a given time, each undone before the next
 * (a cut link restored, a paused process continued, a skewed clock set back), and counts them by kind. A killed
 * node is restarted in the background once its down time is over (on a loaded machine a restart takes minutes), so
 * the other faults go on meanwhile; a node kill drawn while a node is still restarting is skipped, so that a
 * quorum is always there to restart into. While a node restarts every other process runs at a lower priority
 * ({@link Niceness}).
 */
final class Nemesis {

  private final EmbeddedCassandraCluster cluster;
  private final List<ClientProcess> clients;
  private final List<ClientProcess> pausable;
  private final List<ClientProcess> writers;
  private final FaultSchedule schedule;
  private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
  private CompletableFuture<Void> restarting = CompletableFuture.completedFuture(null);

  Nemesis(EmbeddedCassandraCluster cluster, List<ClientProcess> clients, List<ClientProcess> pausable,
      List<ClientProcess> writers, long seed) {
    this.cluster = cluster;
    this.clients = clients;
    this.pausable = pausable;
    this.writers = writers;
    this.schedule = new FaultSchedule(seed);
  }

  /**
   * Injects faults until {@code length} has passed and every kind was injected (a fault under way is finished, a
   * node restarting is waited for); returns them by kind.
   */
  Map<Kind, Integer> run(Duration length) throws Exception {
    long start = System.nanoTime();
    long end = start + length.toNanos();
    while (true) {
      Fault fault = schedule.next(clients.size(), pausable.size(), writers.size());
      Thread.sleep(fault.gapMillis());
      if (System.nanoTime() >= end && injected.size() == Kind.values().length) {
        restarting.get();
        return injected;
      }
      String at = String.format("nemesis t=%.1fs: ", (System.nanoTime() - start) / 1e9);
      if (fault.kind() == Kind.NODE_KILL && !restarting.isDone()) {
        System.out.println(at + "skipped (a node is still restarting): " + describe(fault));
        continue;
      }
      System.out.println(at + describe(fault));
      inject(fault);
      injected.merge(fault.kind(), 1, Integer::sum);
    }
  }

  private void inject(Fault fault) throws Exception {
    switch (fault.kind()) {
      case NODE_KILL -> {
        restarting.get(); // a failed restart fails the run here
        cluster.kill(fault.node());
        lowerAllBut(fault.node());
        Thread.sleep(fault.millis());
        restarting = CompletableFuture.runAsync(() -> {
          cluster.restart(fault.node());
          System.out.println("nemesis: node " + fault.node() + " is back");
          lower(cluster.pid(fault.node()));
        });
      }
      case CUT -> {
        ClientLinks links = clients.get(fault.client()).links;
        links.cut(fault.node());
        try {
          Thread.sleep(fault.millis());
        } finally {
          links.restore(fault.node());
        }
      }
      case PAUSE -> {
        ClientProcess process = pausable.get(fault.client());
        process.signal("STOP");
        try {
          Thread.sleep(fault.millis());
        } finally {
          process.signal("CONT");
        }
      }
      case SKEW -> {
        ClientProcess writer = writers.get(fault.client());
        writer.jvm.send("skew " + fault.skewMillis());
        try {
          Thread.sleep(fault.millis());
        } finally {
          writer.jvm.send("skew 0");
        }
      }
    }
  }

  /** Every process of the run but node {@code restarting}, so that its restart gets the CPU it needs. */
  private void lowerAllBut(int restarting) {
    for (int node = 1; node <= cluster.size(); node++) {
      if (node != restarting) {
        lower(cluster.pid(node));
      }
    }
    clients.forEach(client -> lower(client.jvm.pid()));
  }

  private static void lower(long pid) {
    try {
      Niceness.lower(pid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while lowering the priority of process " + pid, e);
    }
  }

  private String describe(Fault fault) {
    return switch (fault.kind()) {
      case NODE_KILL -> "SIGKILL node " + fault.node() + ", restart after " + fault.millis() + " ms";
      case CUT -> "cut " + clients.get(fault.client()) + " off node " + fault.node() + " for " + fault.millis() + " ms";
      case PAUSE -> "SIGSTOP " + pausable.get(fault.client()) + " for " + fault.millis() + " ms";
      case SKEW -> "clock of " + writers.get(fault.client()) + " off by " + fault.skewMillis() + " ms for "
          + fault.millis() + " ms";
    };
  }
}
