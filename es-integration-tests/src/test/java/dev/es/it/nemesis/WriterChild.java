package dev.es.it.nemesis;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.it.nemesis.Attempt.Outcome;
import dev.es.it.nemesis.NemesisSetup.Ticked;
import dev.es.it.saga.OrderEvents.OrderCreated;
import dev.es.it.saga.OrderEvents.PaymentConfirmed;
import dev.es.runtime.AppendMode;
import dev.es.runtime.AppendNotWrittenException;
import dev.es.runtime.AppendOutcomeUnknownException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A writer of the nemesis run: appends until the parent sends {@code stop} on its standard input, writing every
 * call of {@code appendEvents} and its answer to a history file ({@link Attempt}); {@code skew <millis>} moves the
 * store's clock. Then it prints {@code DONE} and exits.
 *
 * <p>The {@code conditional} writer runs three threads appending one to three ticks to twelve shared streams
 * (conflicts happen), half with {@code exactly(v)} after reading the version, half with {@code any()}, and a fourth
 * thread creating orders and confirming their payments (what {@code OrderSaga} reacts to). The {@code single}
 * writer uses {@link AppendMode#SINGLE_WRITER}: three threads, each with four streams of its own whose versions it
 * keeps itself.
 *
 * <p>What a writer does with each answer is what docs/guarantees.md tells callers: a conflict and a "no node"
 * failure are taken as not written (the events are dropped); an unknown outcome is retried with the same ids at
 * {@code exactly(attemptedVersion())} until it is acknowledged or conflicts, or 60 s have passed.
 *
 * <p>Arguments: proxy mapping ({@link ProxyTranslator}), mode ({@code conditional} or {@code single}), history file,
 * seed.
 */
public final class WriterChild {

  private static final int SHARED_STREAMS = 12;
  private static final int OWN_STREAMS = 4;
  private static final Duration SETTLE_FOR = Duration.ofSeconds(60);

  private final CassandraEventStore store;
  private final PrintWriter history;
  private volatile boolean stopping;

  private WriterChild(CassandraEventStore store, PrintWriter history) {
    this.store = store;
    this.history = history;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[1];
    long seed = Long.parseLong(args[3]);
    OffsetClock clock = new OffsetClock();
    CqlSession session = ChildSession.retrying("opening the session", () -> ChildSession.open(args[0]));
    AppendMode appendMode = switch (mode) {
      case "conditional" -> AppendMode.CONDITIONAL;
      case "single" -> AppendMode.SINGLE_WRITER;
      default -> throw new IllegalArgumentException("mode must be conditional or single, was " + mode);
    };
    try (PrintWriter history = new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
      WriterChild writer = new WriterChild(NemesisSetup.store(session, appendMode, clock), history);
      Thread commands = new Thread(() -> writer.follow(clock), "commands");
      commands.setDaemon(true);
      commands.start();
      List<Thread> threads = new ArrayList<>();
      if (appendMode == AppendMode.CONDITIONAL) {
        List<UUID> shared = IntStream.range(0, SHARED_STREAMS).mapToObj(i -> UUID.randomUUID()).toList();
        for (int t = 0; t < 3; t++) {
          Random random = new Random(seed + t);
          threads.add(new Thread(() -> writer.tickShared(shared, random), "ticks-" + t));
        }
        Random random = new Random(seed + 3);
        threads.add(new Thread(() -> writer.placeOrders(random), "orders"));
      } else {
        for (int t = 0; t < 3; t++) {
          Random random = new Random(seed + t);
          threads.add(new Thread(() -> writer.tickOwn(random), "single-" + t));
        }
      }
      threads.forEach(Thread::start);
      ChildSession.announce("STARTED writer " + mode);
      for (Thread thread : threads) {
        thread.join();
      }
    }
    ChildSession.announce("DONE");
    session.close();
    System.exit(0);
  }

  /** Reads the parent's commands: {@code skew <millis>} and {@code stop}. */
  private void follow(OffsetClock clock) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("skew ")) {
          clock.offset(Long.parseLong(line.substring(5)));
        } else if (line.equals("stop")) {
          stopping = true;
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the parent's commands", e);
    }
  }

  private void tickShared(List<UUID> streams, Random random) {
    while (!stopping) {
      UUID id = streams.get(random.nextInt(streams.size()));
      ExpectedVersion expected;
      if (random.nextBoolean()) {
        expected = ExpectedVersion.any();
      } else {
        try {
          expected = ExpectedVersion.exactly(store.currentVersion(id));
        } catch (RuntimeException unreachable) {
          pause(200);
          continue;
        }
      }
      appendSettled("Counter", id, expected, ticks(random));
      pause(100 + random.nextInt(100));
    }
  }

  private void placeOrders(Random random) {
    Deque<UUID> created = new ArrayDeque<>();
    while (!stopping) {
      if (created.isEmpty() || random.nextInt(3) == 0) {
        UUID order = UUID.randomUUID();
        if (appendSettled("Order", order, ExpectedVersion.noStream(),
            List.of(new OrderCreated(order, "customer", 100 + random.nextInt(900)))) == Outcome.ACK) {
          created.add(order);
        }
      } else {
        UUID order = created.poll();
        appendSettled("Order", order, ExpectedVersion.exactly(1),
            List.of(new PaymentConfirmed(order, UUID.randomUUID())));
      }
      pause(150 + random.nextInt(100));
    }
  }

  private void tickOwn(Random random) {
    Map<UUID, Long> versions = new HashMap<>();
    for (int i = 0; i < OWN_STREAMS; i++) {
      versions.put(UUID.randomUUID(), 0L);
    }
    List<UUID> streams = new ArrayList<>(versions.keySet());
    while (!stopping && !streams.isEmpty()) {
      UUID id = streams.get(random.nextInt(streams.size()));
      List<Ticked> ticks = ticks(random);
      Outcome outcome = appendSettled("Meter", id, ExpectedVersion.exactly(versions.get(id)), ticks);
      if (outcome == Outcome.ACK) {
        versions.merge(id, (long) ticks.size(), Long::sum);
      } else if (outcome != Outcome.NOT_WRITTEN) {
        // still in doubt after a minute: this writer no longer knows the stream's version
        streams.remove(id);
      }
      pause(100 + random.nextInt(100));
    }
  }

  private static List<Ticked> ticks(Random random) {
    return IntStream.range(0, 1 + random.nextInt(3)).mapToObj(i -> new Ticked(1 + random.nextInt(9))).toList();
  }

  /**
   * Appends new events; an unknown outcome (or an exception the store promises nothing about, at an exact version)
   * is retried with the same ids at the attempted version until it is acknowledged or conflicts. Returns the final
   * answer: ACK, CONFLICT, NOT_WRITTEN, or UNKNOWN / OTHER when it stayed unsettled.
   */
  private Outcome appendSettled(String type, UUID id, ExpectedVersion expected, List<?> payloads) {
    List<NewEvent> events = payloads.stream()
        .map(p -> new NewEvent(UUID.randomUUID(), p, null, EventMetadata.empty())).toList();
    Answer answer = attempt(type, id, expected, events);
    long giveUp = System.nanoTime() + SETTLE_FOR.toNanos();
    ExpectedVersion retryAt = answer.attemptedVersion() >= 0 ? ExpectedVersion.exactly(answer.attemptedVersion())
        : expected instanceof ExpectedVersion.Any ? null : expected;
    Outcome first = answer.outcome();
    if ((first == Outcome.UNKNOWN || first == Outcome.OTHER) && retryAt != null) {
      while (System.nanoTime() < giveUp) {
        pause(200);
        Outcome retried = attempt(type, id, retryAt, events).outcome();
        if (retried == Outcome.ACK || retried == Outcome.CONFLICT) {
          return retried;
        }
      }
    }
    return first;
  }

  /** The outcome of one call, and for an unknown outcome the version the attempt built on (else -1). */
  private record Answer(Outcome outcome, long attemptedVersion) {}

  private Answer attempt(String type, UUID id, ExpectedVersion expected, List<NewEvent> events) {
    Outcome outcome;
    long attempted = -1;
    String exception = "-";
    try {
      outcome = Outcome.ACK;
      if (store.appendEvents(type, id, expected, events).alreadyStored()) {
        exception = Attempt.ALREADY_STORED;
      }
    } catch (ConcurrencyConflictException e) {
      outcome = Outcome.CONFLICT;
      exception = e.getClass().getSimpleName();
    } catch (AllNodesFailedException | AppendNotWrittenException e) {
      outcome = Outcome.NOT_WRITTEN;
      exception = e.getClass().getSimpleName();
    } catch (AppendOutcomeUnknownException e) {
      outcome = Outcome.UNKNOWN;
      attempted = e.attemptedVersion();
      exception = e.getClass().getSimpleName() + "/" + e.getCause().getClass().getSimpleName();
    } catch (RuntimeException e) {
      outcome = Outcome.OTHER;
      exception = e.getClass().getSimpleName();
    }
    String version = expected instanceof ExpectedVersion.Any ? "any"
        : expected instanceof ExpectedVersion.Exact exact ? Long.toString(exact.version()) : "0";
    Attempt line = new Attempt(outcome, id, version, events.stream().map(NewEvent::eventId).toList(), exception);
    synchronized (history) {
      history.println(line.line());
      history.flush();
    }
    return new Answer(outcome, attempted);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
