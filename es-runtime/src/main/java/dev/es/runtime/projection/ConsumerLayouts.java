package dev.es.runtime.projection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.es.runtime.EventStoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored layouts of consumers ({@link ConsumerLayout}), one row per consumer and feed shard, changed only by
 * lightweight transactions conditioned on the generation, so two concurrent changes cannot both apply. A range is
 * stored as the slice it starts at; no row is generation 0.
 */
final class ConsumerLayouts {

  static final String TABLE = "consumer_layouts";

  private final CqlSession session;
  private final EventStoreOptions options;
  private final PreparedStatement select;
  private final PreparedStatement insertFirst;
  private final PreparedStatement update;

  ConsumerLayouts(CqlSession session, EventStoreOptions options) {
    this.session = session;
    this.options = options;
    String table = options.keyspace() + "." + TABLE;
    session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + table
            + " (consumer text, shard int, generation bigint, starts frozen<list<int>>,"
            + " previous_starts frozen<list<int>>, PRIMARY KEY ((consumer, shard)))")
        .setTimeout(Duration.ofSeconds(60)));
    select = session.prepare("SELECT generation, starts, previous_starts FROM " + table
        + " WHERE consumer = ? AND shard = ?");
    insertFirst = session.prepare("INSERT INTO " + table + " (consumer, shard, generation, starts, previous_starts)"
        + " VALUES (?, ?, 1, ?, ?) IF NOT EXISTS");
    update = session.prepare("UPDATE " + table + " SET generation = ?, starts = ?, previous_starts = ?"
        + " WHERE consumer = ? AND shard = ? IF generation = ?");
  }

  /** The current layout, read at the serial consistency so that a change just made is seen. */
  ConsumerLayout current(String consumer, int shard) {
    Row row = session.execute(select.bind(consumer, shard).setConsistencyLevel(options.serialConsistency())).one();
    if (row == null) {
      return ConsumerLayout.unsplit(consumer, shard);
    }
    return new ConsumerLayout(consumer, shard, row.getLong("generation"),
        ranges(row.getList("starts", Integer.class)), ranges(row.getList("previous_starts", Integer.class)));
  }

  /**
   * Moves {@code current} to the next generation with {@code next} as its ranges.
   *
   * @return the new layout, or empty if another change applied first (read it again)
   */
  Optional<ConsumerLayout> change(ConsumerLayout current, List<SliceRange> next) {
    ConsumerLayout changed = current.then(next);
    List<Integer> starts = starts(changed.ranges());
    List<Integer> previous = starts(changed.previous());
    boolean applied = session.execute((current.generation() == 0
                ? insertFirst.bind(current.consumer(), current.shard(), starts, previous)
                : update.bind(changed.generation(), starts, previous, current.consumer(), current.shard(),
                    current.generation()))
            .setConsistencyLevel(options.writeConsistency())
            .setSerialConsistencyLevel(options.serialConsistency()))
        .wasApplied();
    return applied ? Optional.of(changed) : Optional.empty();
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
