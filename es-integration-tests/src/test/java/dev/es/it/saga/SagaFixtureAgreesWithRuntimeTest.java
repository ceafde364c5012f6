package dev.es.it.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.testkit.SharedCassandra;
import dev.es.testkit.fixture.SagaEmitted;
import dev.es.testkit.fixture.SagaResult;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The testkit's saga fixture and the runtime decide the same for the same inputs (#18): generated sequences of
 * {@link Tally} events (starts, follow-ups for the instance's key and for others, links between keys, deadlines
 * scheduled and cancelled, deadlines due soon that fire, failing handlers that park the instance, ends) go through
 * the fixture and through a saga runner on Cassandra, and the emitted events and compensations (type, target stream,
 * payload, order), the state, whether the instance ended or parked and (unless it parked: a fixture's failed result
 * does not tell them) its pending deadlines must be the same. The runtime's decisions are the expected values of the
 * fixture's expectations, so in a failure message "expected" is the runtime's and "actual" the fixture's.
 */
class SagaFixtureAgreesWithRuntimeTest {

  private CqlSession session;
  private String keyspace;
  private TallyOnRuntime runtime;

  @BeforeProperty
  void start() {
    keyspace = "es_saga_fixture_agrees_" + ProcessHandle.current().pid();
    try (CqlSession admin = SharedCassandra.get().openSession()) {
      admin.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }
    session = SharedCassandra.get().openSession(keyspace);
    runtime = new TallyOnRuntime(new StoreAndFeed(session, keyspace));
  }

  @AfterProperty
  void stop() {
    try {
      runtime.close();
      session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    } finally {
      session.close();
    }
  }

  @Provide
  Arbitrary<List<TallyStep>> sequences() {
    return TallyStep.sequences(6);
  }

  @Property(tries = 25)
  void fixtureAndRuntimeDecideAlike(@ForAll("sequences") List<TallyStep> steps) {
    List<UUID> keys = Stream.generate(UUID::randomUUID).limit(TallyStep.KEYS).toList();
    TallyOnRuntime.Decisions runtimeDecided = runtime.run(steps, keys);
    TallyOnFixture.Walk fixtureDecided = TallyOnFixture.walk(runtimeDecided.instanceId(), steps, keys);

    Statistics.label("instance").collect(outcome(runtimeDecided));
    Statistics.label("nudges fired").collect(runtimeDecided.state().nudges());
    Statistics.label("deadlines pending").collect(runtimeDecided.pendingDeadlines().size());
    List<SagaEmitted> stream = runtimeDecided.stream();
    assertThat(stream).as("the events emitted").startsWith(fixtureDecided.emitted().toArray(SagaEmitted[]::new));
    List<SagaEmitted> afterEmitted = stream.subList(fixtureDecided.emitted().size(), stream.size());
    if (fixtureDecided.failure() != null) {
      assertThat(runtimeDecided.parked()).as("parked").isTrue();
      fixtureDecided.failure().expectCompensationsEmitted(afterEmitted.toArray(SagaEmitted[]::new));
      assertThat(runtimeDecided.state()).as("the state kept by the parked instance").isEqualTo(fixtureDecided.state());
      return;
    }
    assertThat(runtimeDecided.parked()).as("parked").isFalse();
    assertThat(afterEmitted).as("events emitted by the runtime only").isEmpty();
    SagaResult<Tally> now = fixtureDecided.fixture().whenTimeElapses(Duration.ZERO)
        .expectDeadlinesMet()
        .expectState(runtimeDecided.state())
        .expectPendingDeadlines(runtimeDecided.pendingDeadlines().toArray(String[]::new));
    if (runtimeDecided.ended()) {
      now.expectEnded();
    } else {
      now.expectNotEnded();
    }
  }

  private static String outcome(TallyOnRuntime.Decisions decided) {
    return decided.parked() ? "parked" : decided.ended() ? "ended" : "live";
  }
}
