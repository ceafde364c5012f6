package dev.es.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.it.bench.Meter;
import dev.es.it.bench.MeterRepository;
import dev.es.it.support.CountingPageListener;
import dev.es.runtime.AggregateNotFoundException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.SnapshotTrigger;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshot control through generated repositories: {@code snapshot(id)} by hand on an aggregate with no automatic
 * rule ({@code @EventSourced(snapshots = true)}), the load-time rule ({@code snapshotAfterReplaying}), and
 * triggers set at run time. Every snapshot is proved used by counting the event rows the next load reads.
 */
@CassandraTest
class SnapshotControlTest {

  private static final CountingPageListener EVENT_ROWS = new CountingPageListener("events");
  /** A load after a snapshot also reads the row at the snapshot's version, which tells it from an archived stream. */
  private static final int SNAPSHOT_ROW = 1;

  private static CqlSession session;
  private static TestKeyspace keyspace;
  private static CassandraEventStore store;
  private static TallyRepository tallies;
  private static GaugeRepository gauges;

  @BeforeAll
  static void createRepositories(CqlSession cqlSession, TestKeyspace testKeyspace) {
    session = cqlSession;
    keyspace = testKeyspace;
    store = new CassandraEventStore(session, EventStoreOptions.builder()
        .keyspace(keyspace.name()).createKeyspace(false).pageListener(EVENT_ROWS).build());
    store.initialize();
    tallies = new TallyRepository(store);
    gauges = new GaugeRepository(store);
  }

  @AfterEach
  void resetTriggers() {
    tallies.resetSnapshotTrigger();
    gauges.resetSnapshotTrigger();
  }

  @Test
  void aManualSnapshotOfAnAggregateWithoutAutomaticSnapshotsIsUsedByTheNextLoad() {
    UUID id = UUID.randomUUID();
    Tally tally = new Tally(id);
    for (int i = 1; i <= 30; i++) {
      tally.count(i);
    }
    tallies.save(tally);
    assertThat(tallies.snapshotTrigger()).isEqualTo(SnapshotTrigger.MANUAL);
    assertThat(snapshotVersions(id)).isEmpty();
    assertThat(rowsReadLoading(id)).isEqualTo(30);

    assertThat(tallies.snapshot(id)).isEqualTo(30);
    assertThat(snapshotVersions(id)).containsExactly(30L);
    assertThat(rowsReadLoading(id)).isEqualTo(SNAPSHOT_ROW);

    tallies.update(id, t -> {
      t.count(100);
      t.count(200);
    });
    assertThat(snapshotVersions(id)).containsExactly(30L); // no automatic snapshot on save
    EVENT_ROWS.reset();
    Tally loaded = tallies.load(id);
    assertThat(EVENT_ROWS.rows()).isEqualTo(2 + SNAPSHOT_ROW);
    assertThat(loaded.total()).isEqualTo(465 + 300);
    assertThat(loaded.counts()).isEqualTo(32);
    assertThat(loaded.version()).isEqualTo(32);
  }

  @Test
  void aLoadThatReplayedMoreThanTheLimitWritesASnapshotThatTheNextLoadUses() {
    UUID id = UUID.randomUUID();
    List<TallyEvent> first = counts(25);
    gauges.create(id, gauge -> first);
    assertThat(snapshotVersions(id)).isEmpty(); // the rule is about loads, not saves

    EVENT_ROWS.reset();
    Gauge gauge = gauges.load(id);
    assertThat(EVENT_ROWS.rows()).isEqualTo(25);
    assertThat(gauge.readings()).isEqualTo(25);
    assertThat(snapshotVersions(id)).containsExactly(25L);

    assertThat(rowsReadLoadingGauge(id)).isEqualTo(SNAPSHOT_ROW);

    gauges.append(id, 25, counts(10));
    assertThat(rowsReadLoadingGauge(id)).isEqualTo(10 + SNAPSHOT_ROW);
    assertThat(snapshotVersions(id)).containsExactly(25L); // 10 replayed events are not more than 20

    gauges.append(id, 35, counts(11));
    assertThat(rowsReadLoadingGauge(id)).isEqualTo(21 + SNAPSHOT_ROW);
    assertThat(snapshotVersions(id)).containsExactly(46L, 25L);
    assertThat(rowsReadLoadingGauge(id)).isEqualTo(SNAPSHOT_ROW);
    assertThat(gauges.load(id)).isEqualTo(new Gauge(id, 325 + 55 + 66, 46)); // 1..25, 1..10, 1..11
  }

  @Test
  void triggersSetAtRunTimeReplaceTheAnnotationsDefaultsUntilReset() {
    assertThat(gauges.snapshotTrigger()).isEqualTo(new SnapshotTrigger(0, 20));
    gauges.setSnapshotTrigger(new SnapshotTrigger(0, 5));
    UUID gaugeId = UUID.randomUUID();
    gauges.create(gaugeId, gauge -> counts(8));
    assertThat(rowsReadLoadingGauge(gaugeId)).isEqualTo(8);
    assertThat(snapshotVersions(gaugeId)).containsExactly(8L);

    tallies.setSnapshotTrigger(new SnapshotTrigger(4, 0));
    UUID tallyId = UUID.randomUUID();
    Tally tally = new Tally(tallyId);
    tally.count(1);
    tally.count(2);
    tally.count(3);
    tallies.save(tally);
    assertThat(snapshotVersions(tallyId)).isEmpty();
    tallies.update(tallyId, t -> t.count(4));
    assertThat(snapshotVersions(tallyId)).containsExactly(4L);

    tallies.resetSnapshotTrigger();
    assertThat(tallies.snapshotTrigger()).isEqualTo(SnapshotTrigger.MANUAL);
    for (int i = 0; i < 4; i++) {
      tallies.update(tallyId, t -> t.count(5));
    }
    assertThat(snapshotVersions(tallyId)).containsExactly(4L);
    assertThat(rowsReadLoading(tallyId)).isEqualTo(4 + SNAPSHOT_ROW);
  }

  @Test
  void aSnapshotOfAnAggregateWithoutEventsOrWithoutSnapshotSupportIsRefusedNamingIt() {
    UUID id = UUID.randomUUID();
    assertThatThrownBy(() -> tallies.snapshot(id))
        .isInstanceOf(AggregateNotFoundException.class)
        .hasMessageContaining(id.toString());

    MeterRepository meters = new MeterRepository(store); // @EventSourced without snapshot support
    UUID meter = UUID.randomUUID();
    meters.save(Meter.install(meter, "M-1", "site"));
    assertThatThrownBy(() -> meters.snapshot(meter))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("aggregate type Meter has no snapshot serializer, so " + meter + " cannot be snapshotted:"
            + " declare @EventSourced(snapshots = true) on " + Meter.class.getName());
    assertThatThrownBy(() -> meters.setSnapshotTrigger(new SnapshotTrigger(10, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("aggregate type Meter has no snapshot serializer");
    assertThat(snapshotVersions(meter)).isEmpty();
  }

  private static List<TallyEvent> counts(int n) {
    List<TallyEvent> events = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      events.add(new TallyEvent.Counted(i));
    }
    return events;
  }

  private static long rowsReadLoading(UUID id) {
    EVENT_ROWS.reset();
    tallies.load(id);
    return EVENT_ROWS.rows();
  }

  private static long rowsReadLoadingGauge(UUID id) {
    EVENT_ROWS.reset();
    gauges.load(id);
    return EVENT_ROWS.rows();
  }

  private static List<Long> snapshotVersions(UUID id) {
    List<Long> versions = new ArrayList<>();
    for (Row row : session.execute(
        "SELECT version FROM " + keyspace.name() + ".snapshots WHERE aggregate_id = ?", id)) {
      versions.add(row.getLong("version"));
    }
    return versions;
  }
}
