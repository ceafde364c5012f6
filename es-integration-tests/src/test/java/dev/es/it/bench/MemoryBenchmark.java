package dev.es.it.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.Replication;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap while loading a long history without snapshots: a 10,000- and a 100,000-event {@link Meter} are
 * appended (1,000 events per save), then each is loaded in a child JVM with a small heap ({@code -Xmx64m} by
 * default), three ways: through the generated {@code MeterRepository.load}, by iterating
 * {@code CassandraEventStore.readStream}, and — the control — by collecting {@code readStream} into a list, which
 * materializes the history. In the child a background thread forces a full GC every 50 ms and records the heap
 * still live after it (the heap pools' collection usage), so the figure is live data, not garbage; the peak minus
 * the live heap before the load (driver session, caches) is what loading retained at most. If loading kept the
 * history, the live peak would grow tenfold from 10,000 to 100,000 events, and the child would run out of its small
 * heap; streaming keeps it bounded by a page of rows (500 by default). Not a test: run it by hand (see
 * docs/benchmarks.md, "Memory while loading").
 *
 * <p>Arguments: child heap (default {@code 64m}), then history lengths (default {@code 10000 100000}).
 */
public final class MemoryBenchmark {

  private static final String KEYSPACE = "es_bench_memory";
  private static final int SAMPLE_MILLIS = 50;
  private static final int EVENTS_PER_SAVE = 1000;
  private static final List<String> MODES = List.of("repository", "readStream", "materialize");

  /**
   * One child's figures.
   *
   * @param events the history length
   * @param mode {@code repository}, {@code readStream} or {@code materialize}
   * @param outcome {@code ok} or {@code OutOfMemoryError}
   * @param baselineBytes live heap before the load
   * @param peakLiveBytes the highest live heap sampled during the loads
   * @param msPerLoad wall time of one load (with the sampler's full GCs running beside it)
   */
  public record Result(int events, String mode, String outcome, long baselineBytes, long peakLiveBytes,
      double msPerLoad) {
    public long retainedBytes() {
      return Math.max(0, peakLiveBytes - baselineBytes);
    }
  }

  private MemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String heap = args.length > 0 ? args[0] : "64m";
    List<Integer> lengths = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      lengths.add(Integer.parseInt(args[i]));
    }
    if (lengths.isEmpty()) {
      lengths = List.of(10_000, 100_000);
    }
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description());
      run(cluster, session, heap, lengths);
    }
  }

  /** Appends the histories, loads each in child JVMs, prints the table and returns the figures. */
  public static List<Result> run(CassandraCluster cluster, CqlSession session, String heap, List<Integer> lengths)
      throws Exception {
    session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    EventStoreOptions options = EventStoreOptions.builder().keyspace(KEYSPACE)
        .createKeyspace(Replication.simple(1)).build();
    CassandraEventStore store = new CassandraEventStore(session, options);
    store.initialize();
    MeterRepository meters = new MeterRepository(store);
    InetSocketAddress contact = cluster.contactPoints().get(0);
    List<Result> results = new ArrayList<>();
    for (int events : lengths) {
      UUID id = UUID.randomUUID();
      long start = System.nanoTime();
      append(meters, id, events);
      System.out.printf("appended %,d events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
      for (String mode : MODES) {
        Result result = child(heap, contact, cluster.localDatacenter(), id, events, mode);
        System.out.println(result);
        results.add(result);
      }
    }
    System.out.printf("%nchild JVM -Xmx%s, page size %d, live heap sampled after a forced full GC every %d ms%n",
        heap, options.pageSize(), SAMPLE_MILLIS);
    System.out.println("| events | how | outcome | live heap before | peak live heap during the loads | retained"
        + " (peak − before) | ms per load |");
    System.out.println("| ---: | --- | --- | ---: | ---: | ---: | ---: |");
    for (Result r : results) {
      boolean ok = r.outcome().equals("ok");
      System.out.printf("| %,d | %s | %s | %s | %s | %s | %s |%n", r.events(), r.mode(), r.outcome(),
          ok ? String.format("%.1f MB", r.baselineBytes() / 1e6) : "—",
          ok ? String.format("%.1f MB", r.peakLiveBytes() / 1e6) : "—",
          ok ? String.format("%.1f MB", r.retainedBytes() / 1e6) : "—",
          ok ? String.format("%.0f", r.msPerLoad()) : "—");
    }
    session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    return results;
  }

  private static void append(MeterRepository meters, UUID id, int events) {
    List<MeterEvent> stream = Dispatchers.stream(events, 11);
    Meter meter = Meter.install(id, "SN-1", "Hall 1");
    for (int i = 1; i < events; i++) {
      meter.record(stream.get(i));
      if ((i + 1) % EVENTS_PER_SAVE == 0 || i == events - 1) {
        meters.save(meter);
      }
    }
  }

  private static Result child(String heap, InetSocketAddress contact, String datacenter, UUID id, int events,
      String mode) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = List.of(java.toString(), "-Xmx" + heap, "-cp", BenchClasspath.testClasspath(),
        Child.class.getName(), contact.getHostString(), Integer.toString(contact.getPort()), datacenter,
        id.toString(), Integer.toString(events), mode);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    List<String> output = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RESULT ")) {
          result = line;
        } else {
          output.add(line);
        }
      }
    }
    process.waitFor();
    if (result == null) {
      throw new IllegalStateException("child " + mode + " " + events + " gave no result:\n" + String.join("\n", output));
    }
    String[] f = result.split(" ");
    return new Result(events, mode, f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4]));
  }

  /** Runs in the small-heap JVM: loads the aggregate a few times while a sampler records the live heap. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      InetSocketAddress contact = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
      UUID id = UUID.fromString(args[3]);
      int events = Integer.parseInt(args[4]);
      String mode = args[5];
      try (CqlSession session = CqlSession.builder().addContactPoint(contact).withLocalDatacenter(args[2]).build()) {
        CassandraEventStore store = new CassandraEventStore(session,
            EventStoreOptions.builder().keyspace(KEYSPACE).build());
        MeterRepository meters = new MeterRepository(store);
        try {
          check(load(meters, store, id, mode), events); // warm-up: prepares statements, loads classes
        } catch (OutOfMemoryError | RuntimeException e) {
          if (!ranOutOfMemory(e)) {
            throw e;
          }
          System.out.println("RESULT OutOfMemoryError 0 0 0");
          System.exit(0);
        }
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
          while (running.get()) {
            peak.accumulateAndGet(liveHeap(), Math::max);
            try {
              Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
        String outcome = "ok";
        int loads = 3;
        long start = System.nanoTime();
        sampler.start();
        try {
          for (int i = 0; i < loads; i++) {
            check(load(meters, store, id, mode), events);
          }
        } catch (OutOfMemoryError | RuntimeException e) {
          if (!ranOutOfMemory(e)) {
            throw e;
          }
          outcome = "OutOfMemoryError";
        } finally {
          running.set(false);
          sampler.join();
        }
        double ms = (System.nanoTime() - start) / 1e6 / loads;
        System.out.println("RESULT " + outcome + " " + baseline + " " + peak.get() + " " + ms);
      }
      System.exit(0);
    }

    private static long load(MeterRepository meters, CassandraEventStore store, UUID id, String mode) {
      switch (mode) {
        case "repository":
          return meters.load(id).version();
        case "readStream":
          return store.readStream(id).count();
        case "materialize":
          return store.readStream(id).toList().size();
        default:
          throw new IllegalArgumentException(mode);
      }
    }

    /**
     * Whether the heap ran out: in the loading thread, or in a driver thread decoding a page, which closes the
     * connection and fails the load with the {@code OutOfMemoryError} as the cause.
     */
    private static boolean ranOutOfMemory(Throwable thrown) {
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        if (t instanceof OutOfMemoryError) {
          return true;
        }
      }
      return false;
    }

    private static void check(long loaded, int events) {
      if (loaded != events) {
        throw new IllegalStateException("loaded " + loaded + " events, expected " + events);
      }
    }

    /** Forces a full collection and returns what the heap pools hold right after it. */
    private static long liveHeap() {
      System.gc();
      long live = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
          live += pool.getCollectionUsage().getUsed();
        }
      }
      return live;
    }
  }
}
