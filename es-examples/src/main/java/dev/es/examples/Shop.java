package dev.es.examples;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.examples.order.OrderCommands;
import dev.es.examples.order.OrderFulfillment_SagaType;
import dev.es.examples.order.OrderRepository;
import dev.es.examples.order.view.OrderByCustomerTable;
import dev.es.examples.order.view.OrderByStatusTable;
import dev.es.examples.order.view.OrderProjector;
import dev.es.examples.order.view.OrderProjector_Projection;
import dev.es.examples.order.view.OrderQueries;
import dev.es.examples.order.view.OrderViewTable;
import dev.es.examples.user.UserCommands;
import dev.es.examples.user.UserRepository;
import dev.es.examples.user.registration.FakeMailService;
import dev.es.examples.user.registration.UserRegistration_SagaType;
import dev.es.examples.user.registration.WelcomeEmailAbandoned;
import dev.es.examples.user.registration.WelcomeEmailRequested;
import dev.es.examples.user.registration.WelcomeMailer;
import dev.es.examples.user.registration.WelcomeMailer_Projection;
import dev.es.examples.user.view.ActiveUserTable;
import dev.es.examples.user.view.UserByEmailDomainTable;
import dev.es.examples.user.view.UserProjector;
import dev.es.examples.user.view.UserProjector_Projection;
import dev.es.examples.user.view.UserQueries;
import dev.es.examples.user.view.UserViewTable;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.Replication;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.feed.FeedPublishers;
import dev.es.runtime.projection.InlineProjection;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionOptions;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.projection.EventStatistics;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The shop wired together: the event store, the generated repositories, the command and query handlers, the
 * read-model tables and their projections, the order-fulfillment saga, and the user-registration saga with its
 * mail gateway. Users are projected inline
 * (read-your-writes right after a command); orders by a catch-up projection on the feed.
 */
public final class Shop implements AutoCloseable {

  final CassandraEventStore store;
  final UserRepository userRepository;
  final OrderRepository orderRepository;
  final UserCommands users;
  final OrderCommands orders;
  final UserQueries userQueries;
  final OrderQueries orderQueries;
  final Feed feed;
  final ProjectionRunner projections;
  final OrderFulfillment_SagaType fulfillment = new OrderFulfillment_SagaType();
  final UserRegistration_SagaType registration = new UserRegistration_SagaType();
  final FakeMailService mail;
  final SagaRunner sagas;
  final EventStatistics statistics;
  private final FeedPublishers publishers;

  /** The shop on {@code keyspace}, created with that replication factor if missing. */
  public Shop(CqlSession session, String keyspace, int replicationFactor) {
    this(session, keyspace, replicationFactor, UnaryOperator.identity());
  }

  /**
   * The mail service of the example: addresses at {@code bounce.test} never get mail, and {@code ann@example.com}'s
   * first attempt fails.
   */
  static FakeMailService exampleMailService() {
    return new FakeMailService(Set.of("bounce.test"), Map.of("ann@example.com", 1));
  }

  /**
   * The shop, with its order projection as {@code orderProjection} makes it from the generated one: for a caller
   * that watches what the projection handles (the read-side benchmark times each event from append to handled).
   */
  public Shop(CqlSession session, String keyspace, int replicationFactor, UnaryOperator<Projection> orderProjection) {
    this(session, keyspace, replicationFactor, orderProjection, exampleMailService());
  }

  /** The shop with its welcome e-mails going to {@code mail}. */
  Shop(CqlSession session, String keyspace, int replicationFactor, UnaryOperator<Projection> orderProjection,
      FakeMailService mail) {
    this.mail = mail;
    store = new CassandraEventStore(session, EventStoreOptions.builder()
        .keyspace(keyspace)
        .createKeyspace(Replication.simple(replicationFactor))
        .build());
    store.initialize();
    userRepository = new UserRepository(store);
    orderRepository = new OrderRepository(store);
    CommandScope scope = new CommandScope("example");
    users = new UserCommands(userRepository, scope);
    orders = new OrderCommands(orderRepository, scope);

    UserViewTable userTable = new UserViewTable(session, keyspace);
    UserByEmailDomainTable byDomain = new UserByEmailDomainTable(session, keyspace);
    ActiveUserTable active = new ActiveUserTable(session, keyspace);
    OrderViewTable orderTable = new OrderViewTable(session, keyspace);
    OrderByCustomerTable byCustomer = new OrderByCustomerTable(session, keyspace);
    OrderByStatusTable byStatus = new OrderByStatusTable(session, keyspace);
    userTable.initialize();
    byDomain.initialize();
    active.initialize();
    orderTable.initialize();
    byCustomer.initialize();
    byStatus.initialize();
    userQueries = new UserQueries(userTable, byDomain, active, byCustomer);
    orderQueries = new OrderQueries(orderTable, byCustomer, byStatus);

    InlineProjection.register(store, new UserProjector_Projection(new UserProjector(userTable, byDomain, active)));
    // events only emitted by the registration saga; the events it handles are registered by its runner
    store.registry().register(EventType.newest("WelcomeEmailRequested", 1, WelcomeEmailRequested.class));
    store.registry().register(EventType.newest("WelcomeEmailAbandoned", 1, WelcomeEmailAbandoned.class));
    feed = new Feed(session, store, FeedOptions.defaults());
    feed.initialize();
    publishers = feed.startPublishing("example");
    // counted when the report asks (catchUp), not in the background: the bulk phase measures the command rate
    statistics = new EventStatistics(feed);
    statistics.initialize();
    projections = ProjectionRunner.builder(feed)
        // its handlers wait for Cassandra, not for a CPU: more orders at once keep it level with the commands while
        // the saga's lightweight transactions slow every round trip (docs/benchmarks.md, the example under load)
        .add(orderProjection.apply(
            new OrderProjector_Projection(new OrderProjector(orderTable, byCustomer, byStatus))),
            ProjectionOptions.defaults().withConcurrency(ORDER_PROJECTION_CONCURRENCY))
        .add(new WelcomeMailer_Projection(new WelcomeMailer(mail, store)))
        .build()
        .start();
    // snippet:saga-runner
    SagaRunner.initialize(feed);                 // the saga tables; feed.initialize() made the rest
    sagas = SagaRunner.builder(feed).add(fulfillment).add(registration).build().start();
    // end:saga-runner
  }

  /** The name of the catch-up projection of orders. */
  public static final String ORDER_PROJECTION = "orders";

  /** How many orders the order projection handles at once. */
  public static final int ORDER_PROJECTION_CONCURRENCY = 64;

  /** The order command handlers. */
  public OrderCommands orders() {
    return orders;
  }

  /** The queries of the order read model. */
  public OrderQueries orderQueries() {
    return orderQueries;
  }

  /** The runner of the order projection ({@link #ORDER_PROJECTION}). */
  public ProjectionRunner projections() {
    return projections;
  }

  /** The runner of the order-fulfillment saga. */
  public SagaRunner sagas() {
    return sagas;
  }

  /** The order-fulfillment saga, as generated. */
  public OrderFulfillment_SagaType fulfillment() {
    return fulfillment;
  }

  /** The feed the projection and the saga read. */
  public Feed feed() {
    return feed;
  }

  @Override
  public void close() {
    sagas.close();
    projections.close();
    publishers.close();
  }
}
