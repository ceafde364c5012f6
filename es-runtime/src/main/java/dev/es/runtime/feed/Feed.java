package dev.es.runtime.feed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.PermissionDeniedException;
import dev.es.runtime.internal.PublisherProgressListener;
import dev.es.runtime.internal.TableCreation;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The durable, ordered feed of every appended event, for projections and sagas: its tables, its publishers, its
 * reader and its leases. One per event store; every process that shares the keyspace uses the same
 * {@link FeedOptions}.
 */
public final class Feed {

  private final CqlSession session;
  private final CassandraEventStore store;
  private final FeedOptions options;
  private final FeedSchema schema;
  private Leases leases;
  private FeedReader reader;
  private BacklogQuery backlog;
  private FeedFloors floors;
  private FeedTrimmer trimmer;

  public Feed(CqlSession session, CassandraEventStore store, FeedOptions options) {
    this.session = session;
    this.store = store;
    this.options = options;
    this.schema = new FeedSchema(store.options().keyspace());
  }

  /**
   * Creates the tables of the feed and of its consumers (leases, parked events, consumer layouts and controls: what
   * every {@code ProjectionRunner} and {@code SagaRunner} on this feed needs) and the admin API's audit table if
   * they are missing, and waits for the cluster to agree on the schema. Idempotent; safe to run from several processes at once. Call it before
   * publishing or building a runner on this feed: neither creates tables.
   */
  public void initialize() {
    try {
      for (String cql : schema.createStatements()) {
        TableCreation.create(session, cql);
      }
    } catch (UnauthorizedException e) {
      throw new PermissionDeniedException("cannot initialize the feed in keyspace " + store.options().keyspace(), e);
    }
  }

  /**
   * The session this feed reads and writes its tables (the feed, leases) with; a {@code SagaRunner} on this feed
   * uses it for the saga tables too.
   */
  public CqlSession session() {
    return session;
  }

  public FeedOptions options() {
    return options;
  }

  public CassandraEventStore store() {
    return store;
  }

  /** The reader of published events. */
  public synchronized FeedReader reader() {
    if (reader == null) {
      reader = new FeedReader(session, store, schema, options);
    }
    return reader;
  }

  /** The leases of feed publishers and consumers. */
  public synchronized Leases leases() {
    if (leases == null) {
      EventStoreOptions o = store.options();
      leases = new Leases(session, schema.leases(), options.leaseDuration(), o.readConsistency(),
          o.writeConsistency(), o.serialConsistency(), o.clock());
    }
    return leases;
  }

  /** Each shard's floor: where retention left the feed (below it, consumers read the events table). */
  public synchronized FeedFloors floors() {
    if (floors == null) {
      floors = new FeedFloors(session, schema, store.options(), options.pollInterval());
    }
    return floors;
  }

  /** Removes feed buckets every consumer has passed; {@code FeedRetention} runs it for the registered consumers. */
  public synchronized FeedTrimmer trimmer() {
    if (trimmer == null) {
      trimmer = new FeedTrimmer(session, schema, options, store.options(), floors(), reader());
    }
    return trimmer;
  }

  /** A publisher of one shard; it publishes only while it holds the shard's lease. */
  public FeedPublisher publisher(int shard, String owner) {
    return publisher(shard, owner, PublisherProgressListener.NONE);
  }

  /** Not API: a publisher that reports its progress to a listener, for fault-injection tests. */
  public FeedPublisher publisher(int shard, String owner, PublisherProgressListener listener) {
    checkShard(shard);
    return new FeedPublisher(session, leases(), schema, options, store.options(), shard, owner, listener);
  }

  /** Runs publishers for every shard in background threads until closed; see {@link FeedPublishers#status()}. */
  public FeedPublishers startPublishing(String owner) {
    return startPublishing(owner, PublisherProgressListener.NONE);
  }

  /** Not API: publishers that report their progress to a listener, for fault-injection tests. */
  public FeedPublishers startPublishing(String owner, PublisherProgressListener listener) {
    return new FeedPublishers(
        IntStream.range(0, options.shards()).mapToObj(shard -> publisher(shard, owner, listener)).toList(),
        options.pollInterval(), options.leaseDuration(), store.options().clock());
  }

  /**
   * What a shard has appended but not yet published: events, streams, and the timestamp of the oldest such event.
   * A consumer's lag counts from the feed's {@link #headPosition}; add this to it so that a publisher that is
   * stuck or behind shows in the lag too. Read from the event store (one index query over the shard's dirty
   * streams, one single-row read per stream with unpublished events), so it is right whichever process publishes;
   * meant for monitoring, not for every event.
   */
  public Backlog backlog(int shard) {
    checkShard(shard);
    synchronized (this) {
      if (backlog == null) {
        EventStoreOptions o = store.options();
        backlog = new BacklogQuery(session, o.keyspace() + "." + o.eventsTable(), options, o.readConsistency());
      }
    }
    return backlog.of(shard);
  }

  /** The lease of a shard's publisher as a plain read shows it: who publishes the shard, or last did. */
  public Optional<LeaseState> publisherLease(int shard) {
    checkShard(shard);
    return leases().observed(FeedPublisher.leaseName(shard));
  }

  private void checkShard(int shard) {
    if (shard < 0 || shard >= options.shards()) {
      throw new IllegalArgumentException("shard must be in [0, " + options.shards() + "), was " + shard);
    }
  }

  /**
   * Whether every appended event has been published to the feed (no stream is marked dirty). With
   * {@code lag == 0} for a consumer, it means the consumer has handled everything appended so far.
   */
  public boolean allPublished() {
    EventStoreOptions o = store.options();
    // not LIMIT 1: on replicas that disagree, Cassandra fetches what is missing in rounds of the limit, and rounds
    // of one row run into the read timeout (see DirtyStreamFinder)
    return session.execute(SimpleStatement.newInstance("SELECT aggregate_id FROM " + o.keyspace() + "."
                + o.eventsTable() + " WHERE dirty = true LIMIT " + DirtyStreamFinder.ROWS_PER_QUERY)
            .setConsistencyLevel(o.readConsistency()))
        .one() == null;
  }

  /**
   * How far a shard has been published: the position the next published event will get. Consumers compare their
   * checkpoint with it to know their lag.
   */
  public long headPosition(int shard) {
    // a publisher stores a new bucket before it writes any row there, so a read at the normal consistency level
    // shows the bucket of every row already written: no Paxos round needed
    long bucket = leases().observedPosition(FeedPublisher.leaseName(shard));
    return reader().highWaterMark(shard, bucket);
  }
}
