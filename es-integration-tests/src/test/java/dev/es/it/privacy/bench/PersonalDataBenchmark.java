package dev.es.it.privacy.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.annotations.PersonalData;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventRegistry;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.Replication;
import dev.es.runtime.privacy.PersonalPayloads;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.PersonalField;
import dev.es.testkit.CassandraCluster;
import dev.es.testkit.CassandraSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The cost of {@code @PersonalData}: appending and loading an event with one personal text component (sealed with
 * AES-GCM on append, opened on every read) against the same event without it, through the same store, in
 * alternating rounds of one run. Not a test: run it by hand (see docs/benchmarks.md, "Personal data").
 *
 * <p>Appends: 32 threads, one append of one event in flight each, 20 appends per new stream. Three appenders: the
 * plain event; the personal event whose subject is the stream itself (every new stream is a new subject: a key
 * read, a key made by a lightweight transaction and the stream listed under the subject, once per 20 appends);
 * the personal event whose subject is one of 256 known subjects (keys cached; the stream listed once).
 *
 * <p>Loads: streams of 100 and 1,000 events of each kind (one subject, its key cached), read whole with
 * {@code readStream(id).toList()} again and again for a while per case, cases in rotating order.
 *
 * <p>Arguments: seconds per append round (default 4), append rounds (5), warm-up seconds per appender (4),
 * milliseconds per load case and round (300), load rounds (15).
 */
public final class PersonalDataBenchmark {

  private static final String KEYSPACE = "es_bench_privacy";
  private static final int THREADS = 32;
  private static final int APPENDS_PER_STREAM = 20;
  private static final int KNOWN_SUBJECTS = 256;
  private static final int JIT_WARM_UP = 200_000;
  private static final ExecutorService APPENDING = Executors.newFixedThreadPool(THREADS, task -> {
    Thread thread = new Thread(task, "appender");
    thread.setDaemon(true);
    return thread;
  });

  /** The plain event. */
  public record ContactNoted(String customerId, String email, String channel, int score) {}

  /** The same event with its e-mail address as the customer's personal data. */
  public record PersonalContactNoted(String customerId, @PersonalData(subject = "customerId") String email,
      String channel, int score) {}

  private record Appender(String name, Function<UUID, Object> event) {}

  private record Round(long events, double seconds, long cpuNanos, long failed) {
    double perSecond() {
      return events / seconds;
    }
  }

  private PersonalDataBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = arg(args, 0, 4);
    int rounds = arg(args, 1, 5);
    int warmUp = arg(args, 2, 4);
    int loadMillis = arg(args, 3, 300);
    int loadRounds = arg(args, 4, 15);
    try (CassandraCluster cluster = CassandraSource.fromEnvironment().start();
        CqlSession session = cluster.openSession()) {
      System.out.println("Cassandra: " + cluster.description());
      CassandraEventStore store = new CassandraEventStore(session,
          EventStoreOptions.builder().keyspace(KEYSPACE).createKeyspace(Replication.simple(1)).build(),
          new EventRegistry()
              .register(EventType.current("ContactNoted", 1, ContactNoted.class))
              .register(EventType.current("PersonalContactNoted", 1, PersonalContactNoted.class)
                  .withPersonalData(new PersonalField("email", "customerId"))));
      store.initialize();
      warmUpTheJit(session, store);
      appends(store, seconds, rounds, warmUp);
      loads(store, loadMillis, loadRounds);
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    }
  }

  private static int arg(String[] args, int index, int otherwise) {
    return args.length > index ? Integer.parseInt(args[index]) : otherwise;
  }

  /**
   * Compiles both payload paths before anything is measured: on a loaded machine the timed rounds alone run too
   * few appends for the JIT to compile AES-GCM and the JSON passes, and would measure the interpreter.
   */
  private static void warmUpTheJit(CqlSession session, CassandraEventStore store) throws Exception {
    EventSerializer json = new EventSerializer(store.options().objectMapper());
    PersonalPayloads personal = new PersonalPayloads(session, store.options());
    EventType<?> type = store.registry().typeOf(new PersonalContactNoted("s", "e", "web", 3));
    String subject = UUID.randomUUID().toString();
    UUID id = UUID.randomUUID();
    long sink = 0;
    for (int i = 0; i < JIT_WARM_UP; i++) {
      String plain = json.write(new ContactNoted(subject, mail(id), "web", i));
      sink += json.read(plain, ContactNoted.class).score();
      String sealed = personal.seal(type, id, json.write(new PersonalContactNoted(subject, mail(id), "web", i)),
          s -> {});
      sink += json.read(personal.open(type, sealed), PersonalContactNoted.class).score();
    }
    System.out.printf("JIT warm-up: %,d plain and personal payloads written and read (%d)%n", JIT_WARM_UP,
        sink % 2);
  }

  // ---------------------------------------------------------------- appends

  private static void appends(CassandraEventStore store, int seconds, int rounds, int warmUp) {
    List<String> known = IntStream.range(0, KNOWN_SUBJECTS).mapToObj(i -> UUID.randomUUID().toString()).toList();
    List<Appender> appenders = List.of(
        new Appender("plain event", id -> new ContactNoted(id.toString(), mail(id), "web", 3)),
        new Appender("personal text, new subject per stream",
            id -> new PersonalContactNoted(id.toString(), mail(id), "web", 3)),
        new Appender("personal text, 256 known subjects", id -> {
          // one subject per stream, as a stream's events are usually about one person
          String subject = known.get(Math.floorMod(id.hashCode(), KNOWN_SUBJECTS));
          return new PersonalContactNoted(subject, mail(id), "web", 3);
        }));
    System.out.printf("%nAppends: %d threads, 1 event per append, %d appends per stream; warm-up %d s each%n",
        THREADS, APPENDS_PER_STREAM, warmUp);
    for (Appender appender : appenders) {
      append(store, appender, warmUp);
    }
    Round[][] measured = new Round[appenders.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      StringBuilder line = new StringBuilder("round " + (round + 1) + ", events/s:");
      for (int turn = 0; turn < appenders.size(); turn++) {
        int a = (turn + round) % appenders.size();
        measured[a][round] = append(store, appenders.get(a), seconds);
      }
      for (int a = 0; a < appenders.size(); a++) {
        line.append(String.format(" %s %,.0f;", appenders.get(a).name(), measured[a][round].perSecond()));
      }
      System.out.println(line);
    }
    System.out.printf("%n| appender | events/s | appending threads' CPU µs per append | failed appends | vs plain"
        + " (median of per-round ratios) |%n| --- | ---: | ---: | ---: | ---: |%n");
    for (int a = 0; a < appenders.size(); a++) {
      Round[] r = measured[a];
      long events = Arrays.stream(r).mapToLong(Round::events).sum();
      double time = Arrays.stream(r).mapToDouble(Round::seconds).sum();
      double cpuMicros = Arrays.stream(r).mapToLong(Round::cpuNanos).sum() / 1e3 / events;
      System.out.printf("| %s | %,.0f | %.0f | %d | %.1f %% |%n", appenders.get(a).name(), events / time,
          cpuMicros, Arrays.stream(r).mapToLong(Round::failed).sum(), 100 * medianRatio(r, measured[0],
          Round::perSecond));
    }
  }

  private static String mail(UUID id) {
    return "customer-" + id + "@example.com";
  }

  /**
   * The {@value #THREADS} threads of {@link #APPENDING} append for {@code seconds}, each to new streams of its
   * own. The threads live for the whole run, as an application's do: a thread's first seal sets up its cipher.
   */
  private static Round append(CassandraEventStore store, Appender appender, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong events = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong cpu = new AtomicLong();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Future<?>> running = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      running.add(APPENDING.submit(() -> {
        long cpuStart = threads.getCurrentThreadCpuTime();
        try {
          while (System.nanoTime() < deadline) {
            UUID id = UUID.randomUUID();
            try {
              for (long version = 0; version < APPENDS_PER_STREAM && System.nanoTime() < deadline; version++) {
                store.append("Contact", id,
                    version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version),
                    List.of(appender.event().apply(id)));
                events.incrementAndGet();
              }
            } catch (RuntimeException e) {
              // an overloaded node timed out: counted, and the thread goes on with a new stream
              failed.incrementAndGet();
            }
          }
        } finally {
          cpu.addAndGet(threads.getCurrentThreadCpuTime() - cpuStart);
        }
      }));
    }
    try {
      for (Future<?> thread : running) {
        thread.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("an append failed", e.getCause());
    }
    return new Round(events.get(), (System.nanoTime() - start) / 1e9, cpu.get(), failed.get());
  }

  // ---------------------------------------------------------------- loads

  private record LoadCase(String name, int events, UUID id) {}

  private static void loads(CassandraEventStore store, int millis, int rounds) {
    String subject = UUID.randomUUID().toString();
    List<LoadCase> cases = new ArrayList<>();
    for (int length : List.of(100, 1_000)) {
      cases.add(new LoadCase("plain event", length,
          write(store, length, i -> new ContactNoted(subject, "someone-" + i + "@example.com", "web", i))));
      cases.add(new LoadCase("personal text", length,
          write(store, length, i -> new PersonalContactNoted(subject, "someone-" + i + "@example.com", "web", i))));
    }
    System.out.printf("%nLoads: readStream(id).toList(), %d ms per case and round, %d rounds%n", millis, rounds);
    for (LoadCase c : cases) {
      load(store, c, millis);
    }
    double[][] msPerLoad = new double[cases.size()][rounds];
    double[][] cpuMsPerLoad = new double[cases.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int turn = 0; turn < cases.size(); turn++) {
        int c = (turn + round) % cases.size();
        double[] figures = load(store, cases.get(c), millis);
        msPerLoad[c][round] = figures[0];
        cpuMsPerLoad[c][round] = figures[1];
      }
    }
    System.out.printf("%n| events | stream | ms per load (median of rounds) | loading thread's CPU ms per load |"
        + " vs plain (median of per-round ratios) |%n| ---: | --- | ---: | ---: | ---: |%n");
    for (int c = 0; c < cases.size(); c++) {
      int plain = c - c % 2;
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = msPerLoad[c][r] / msPerLoad[plain][r];
      }
      System.out.printf("| %,d | %s | %.2f | %.2f | %.2f× |%n", cases.get(c).events(), cases.get(c).name(),
          median(msPerLoad[c]), median(cpuMsPerLoad[c]), median(ratios));
    }
  }

  private static UUID write(CassandraEventStore store, int length, Function<Integer, Object> event) {
    UUID id = UUID.randomUUID();
    for (int from = 0; from < length; from += 100) {
      List<Object> events = new ArrayList<>();
      for (int i = from; i < Math.min(length, from + 100); i++) {
        events.add(event.apply(i));
      }
      store.append("Contact", id, from == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(from), events);
    }
    return id;
  }

  /** Loads the case's stream again and again for {@code millis}: ms per load and CPU ms per load. */
  private static double[] load(CassandraEventStore store, LoadCase c, int millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
    int loads = 0;
    do {
      if (store.readStream(c.id()).toList().size() != c.events()) {
        throw new IllegalStateException("stream " + c.id() + " is not " + c.events() + " events long");
      }
      loads++;
    } while (System.nanoTime() < deadline);
    return new double[] {(System.nanoTime() - start) / 1e6 / loads,
        (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / loads};
  }

  // ---------------------------------------------------------------- figures

  private static <T> double medianRatio(T[] measured, T[] baseline, ToDoubleFunction<T> value) {
    double[] ratios = new double[measured.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = value.applyAsDouble(measured[i]) / value.applyAsDouble(baseline[i]);
    }
    return median(ratios);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
