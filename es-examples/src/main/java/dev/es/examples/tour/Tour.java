package dev.es.examples.tour;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventPage;
import dev.es.runtime.EventQuery;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.Replication;
import dev.es.runtime.SnapshotTrigger;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.ProjectionRunner;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The README's five-minute tour, as code that compiles and runs (see TourTest). */
public final class Tour {

  /** What the tour ends with, for its test. */
  public record Outcome(BigDecimal balance, BigDecimal balanceAsOfBefore, long version, AccountBalanceTable table,
      UUID accountId, ProjectionRunner projections, FeedPublishers publishers, long snapshotVersion,
      long accountEvents, long deposits) {}

  private Tour() {}

  public static Outcome run(CqlSession session, String keyspace, PrintStream out) throws InterruptedException {
    // snippet:store
    CassandraEventStore store = new CassandraEventStore(session, EventStoreOptions.builder()
        .keyspace(keyspace)
        .createKeyspace(Replication.simple(1))   // or Replication.networkTopology(Map.of("dc1", 3))
        .build());
    store.initialize();                          // creates what is missing; safe from several processes
    // end:store

    // snippet:repository
    AccountRepository accounts = new AccountRepository(store);     // generated
    UUID id = UUID.randomUUID();
    accounts.save(Account.open(id, "Ann"));
    accounts.update(id, account -> account.deposit(new BigDecimal("100.00")));  // load, change, save; retries on conflict
    Instant before = Instant.now();
    accounts.update(id, account -> account.withdraw(new BigDecimal("30.00")));
    Account account = accounts.load(id);                                         // snapshot + newer events
    Account earlier = accounts.loadAsOf(id, before);                             // temporal query
    accounts.history(id).forEach(event -> out.println(event.version() + " " + event.eventType()));
    // end:repository
    out.println("balance " + account.balance() + ", before the withdrawal " + earlier.balance());

    // snippet:projection
    AccountBalanceTable balances = new AccountBalanceTable(session, keyspace);   // generated
    balances.initialize();
    Feed feed = new Feed(session, store, FeedOptions.defaults());
    feed.initialize();                                               // the feed's and the runners' tables
    FeedPublishers publishers = feed.startPublishing("my-app");      // copies appended events into the feed
    ProjectionRunner projections = ProjectionRunner.builder(feed)
        .add(new AccountBalanceProjector_Projection(new AccountBalanceProjector(balances)))  // generated
        .build()
        .start();                                                    // catch-up, checkpointed in Cassandra
    // end:projection
    printFirst(accounts.history(id).findFirst().orElseThrow(), out);

    // snippet:snapshots
    long snapshotAt = accounts.snapshot(id);                        // now, by hand: the next load starts there
    accounts.setSnapshotTrigger(new SnapshotTrigger(100, 1_000));   // every 100 events; after a load replaying 1,000+
    // end:snapshots

    // snippet:reads
    EventQuery lastHour = EventQuery.aggregateType("Account").between(Instant.now().minusSeconds(3_600), Instant.now());
    EventPage page = store.readPage(lastHour, 100, null);           // page.next(): the token of the next page
    long deposits = store.read(EventQuery.eventType("MoneyDeposited")).count();   // no window, lazily paged
    // end:reads
    out.println("snapshot at version " + snapshotAt + ", " + page.events().size() + " account events in the last hour, "
        + deposits + " deposits");
    return new Outcome(account.balance(), earlier.balance(), account.version(), balances, id, projections, publishers,
        snapshotAt, page.events().size(), deposits);
  }

  private static void printFirst(EventEnvelope<AccountEvent> first, PrintStream out) {
    out.println("first event: " + first.payload() + " at " + first.timestamp());
  }
}
