package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.internal.TableCreation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stored layouts of consumers ({@link ConsumerLayout}), one row per consumer and feed shard, changed only by
 * lightweight transactions conditioned on the generation, so two concurrent changes cannot both apply. A range is
 * stored as the slice it starts at; a predecessor as its start, checkpoint lease, floor and the leases to wait
 * for, in four lists of one length. No row is generation 0. The table is created by {@code Feed.initialize()}.
 */
final class ConsumerLayouts {

  private static final GenericType<List<List<String>>> LEASE_LISTS = new GenericType<>() {};

  private final CqlSession session;
  private final EventStoreOptions options;
  private final PreparedStatement select;
  private final PreparedStatement insertFirst;
  private final PreparedStatement update;

  ConsumerLayouts(CqlSession session, EventStoreOptions options) {
    this.session = session;
    this.options = options;
    String table = options.keyspace() + "." + FeedOptions.CONSUMER_LAYOUTS_TABLE;
    String columns = "starts, previous_starts, previous_leases, previous_floors, previous_waits";
    select = TableCreation.prepare(session, table, "feed.initialize()",
        "SELECT generation, " + columns + " FROM " + table + " WHERE consumer = ? AND shard = ?");
    insertFirst = TableCreation.prepare(session, table, "feed.initialize()",
        "INSERT INTO " + table + " (consumer, shard, generation, " + columns + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    update = TableCreation.prepare(session, table, "feed.initialize()",
        "UPDATE " + table + " SET generation = ?, starts = ?, previous_starts = ?,"
        + " previous_leases = ?, previous_floors = ?, previous_waits = ? WHERE consumer = ? AND shard = ?"
        + " IF generation = ?");
  }

  /** The current layout, read at the serial consistency so that a change just made is seen. */
  ConsumerLayout current(String consumer, int shard) {
    return read(consumer, shard, options.serialConsistency());
  }

  /**
   * The layout at the read consistency: for watching and reporting, where seeing a change a moment late only
   * delays a hand-over (a serial read costs a Paxos round).
   */
  ConsumerLayout latest(String consumer, int shard) {
    return read(consumer, shard, options.readConsistency());
  }

  private ConsumerLayout read(String consumer, int shard, ConsistencyLevel consistency) {
    Row row = session.execute(select.bind(consumer, shard).setConsistencyLevel(consistency)).one();
    if (row == null) {
      return ConsumerLayout.unsplit(consumer, shard);
    }
    List<SliceRange> previousRanges = ranges(row.getList("previous_starts", Integer.class));
    List<String> leases = row.getList("previous_leases", String.class);
    List<Long> floors = row.getList("previous_floors", Long.class);
    List<List<String>> waits = row.get("previous_waits", LEASE_LISTS);
    List<ConsumerLayout.Predecessor> previous = new ArrayList<>(previousRanges.size());
    for (int i = 0; i < previousRanges.size(); i++) {
      previous.add(new ConsumerLayout.Predecessor(previousRanges.get(i), leases.get(i), floors.get(i), waits.get(i)));
    }
    return new ConsumerLayout(consumer, shard, row.getLong("generation"),
        ranges(row.getList("starts", Integer.class)), previous);
  }

  /**
   * Stores {@code changed}, the generation after {@code current}.
   *
   * @return false if another change applied first (read it again)
   */
  boolean change(ConsumerLayout current, ConsumerLayout changed) {
    if (changed.generation() != current.generation() + 1) {
      throw new IllegalArgumentException("generation " + changed.generation() + " does not follow "
          + current.generation());
    }
    List<Integer> starts = starts(changed.ranges());
    List<ConsumerLayout.Predecessor> previous = changed.previous();
    List<Integer> previousStarts = starts(previous.stream().map(ConsumerLayout.Predecessor::range).toList());
    List<String> leases = previous.stream().map(ConsumerLayout.Predecessor::checkpointLease).toList();
    List<Long> floors = previous.stream().map(ConsumerLayout.Predecessor::floor).toList();
    List<List<String>> waits = previous.stream().map(ConsumerLayout.Predecessor::waitFor).toList();
    return session.execute((current.generation() == 0
                ? insertFirst.bind(current.consumer(), current.shard(), changed.generation(), starts, previousStarts,
                    leases, floors, waits)
                : update.bind(changed.generation(), starts, previousStarts, leases, floors, waits,
                    current.consumer(), current.shard(), current.generation()))
            .setConsistencyLevel(options.writeConsistency())
            .setSerialConsistencyLevel(options.serialConsistency()))
        .wasApplied();
  }

  /**
   * Applies {@code change} to the current layout, reading it again and again while another change applies first.
   *
   * @param change the next layout, or empty to leave the current one
   * @return the layout stored now
   */
  ConsumerLayout changeCurrent(String consumer, int shard, Function<ConsumerLayout, Optional<ConsumerLayout>> change) {
    while (true) {
      ConsumerLayout current = current(consumer, shard);
      Optional<ConsumerLayout> changed = change.apply(current);
      if (changed.isEmpty()) {
        return current;
      }
      if (change(current, changed.get())) {
        return changed.get();
      }
    }
  }

  private static List<Integer> starts(List<SliceRange> ranges) {
    return ranges.stream().map(SliceRange::from).toList();
  }

  private static List<SliceRange> ranges(List<Integer> starts) {
    List<SliceRange> ranges = new ArrayList<>(starts.size());
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) - 1 : SliceRange.SLICES - 1;
      ranges.add(new SliceRange(starts.get(i), end));
    }
    return ranges;
  }
}
