package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.projection.FeedRetention;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.spi.SagaType;
import dev.es.spring.boot.app.AutoCloser;
import dev.es.spring.boot.app.AutoCloser_SagaType;
import dev.es.spring.boot.app.Ticket;
import dev.es.spring.boot.app.TicketProjector;
import dev.es.spring.boot.app.TicketProjector_Projection;
import dev.es.spring.boot.app.TicketRepository;
import dev.es.spring.boot.app.TicketView;
import dev.es.spring.boot.app.TicketViewTable;
import dev.es.testkit.SharedCassandra;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Each property switches its piece off, and a bean of the application's own replaces each auto-configured one. */
class AutoConfigurationSwitchesTest {

  private static final String KEYSPACE = TestCassandra.newKeyspace();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class, EsAutoConfiguration.class))
      .withUserConfiguration(TicketBeans.class)
      .withPropertyValues(cassandra());

  private final WebApplicationContextRunner console = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class, EsAutoConfiguration.class,
          EsConsoleAutoConfiguration.class))
      .withUserConfiguration(TicketBeans.class)
      .withPropertyValues(cassandra())
      .withPropertyValues("management.endpoints.web.exposure.include=esadmin,esconsole");

  private static String[] cassandra() {
    return new String[] {
        "spring.cassandra.contact-points=" + TestCassandra.contactPoints(SharedCassandra.get()),
        "spring.cassandra.local-datacenter=" + SharedCassandra.get().localDatacenter(),
        "spring.cassandra.config=classpath:test-driver.conf",
        "spring.cassandra.request.timeout=30s",
        "es.keyspace=" + KEYSPACE};
  }

  /** The test application's projector, saga and table, without auto-configuration of its own. */
  @Configuration(proxyBeanMethods = false)
  @Import({TicketProjector.class, AutoCloser.class})
  static class TicketBeans {
    @Bean
    TicketViewTable ticketViewTable(CqlSession session, CassandraEventStore store) {
      TicketViewTable table = new TicketViewTable(session, store.options().keyspace());
      table.initialize();
      return table;
    }
  }

  @Test
  void everythingIsOnByDefault() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(CassandraEventStore.class).hasSingleBean(Feed.class)
          .hasSingleBean(FeedPublishing.class).hasSingleBean(TicketRepository.class)
          .hasSingleBean(TicketProjector_Projection.class).hasSingleBean(AutoCloser_SagaType.class)
          .hasSingleBean(EsMonitor.class).hasSingleBean(EsHealthIndicator.class).hasSingleBean(InlineProjections.class);
      assertThat(context.getBean(ProjectionRunner.class).names()).containsExactly("ticket-views");
      assertThat(context.getBean(SagaRunner.class).names()).containsExactly("auto-closer");
      assertThat(context.getBean(CassandraEventStore.class).options().keyspace()).isEqualTo(KEYSPACE);
    });
  }

  @Test
  void onAFreshKeyspaceTheStoreTheFeedAndTheSagasCreateTheirTablesBeforeTheRunnersAreBuilt() {
    String fresh = TestCassandra.newKeyspace();
    runner.withPropertyValues("es.keyspace=" + fresh).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(tables(context, fresh)).contains("events", "feed", "leases", "parked_events", "consumer_layouts",
          "saga_instances", "saga_associations", "saga_deadlines", "saga_deadline_buckets", "saga_parked");
      assertThat(context.getBean(SagaRunner.class).names()).containsExactly("auto-closer");
    });
  }

  @Test
  void esEnabledFalseConfiguresNothing() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class, EsAutoConfiguration.class))
        .withPropertyValues(cassandra()).withPropertyValues("es.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(CassandraEventStore.class).doesNotHaveBean(EsMonitor.class)
          .doesNotHaveBean(TicketRepository.class);
    });
  }

  @Test
  void feedOffTakesProjectionsSagasAndPublishersWithIt() {
    runner.withPropertyValues("es.feed.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(CassandraEventStore.class).hasSingleBean(TicketRepository.class)
          .doesNotHaveBean(Feed.class).doesNotHaveBean(FeedPublishing.class)
          .doesNotHaveBean(ProjectionRunner.class).doesNotHaveBean(SagaRunner.class)
          .doesNotHaveBean(Projection.class).doesNotHaveBean(SagaType.class);
    });
  }

  @Test
  void feedRetentionRunsOnlyWhenEnabledWithItsPeriod() {
    runner.run(context -> assertThat(context).doesNotHaveBean(FeedRetention.class));
    runner.withPropertyValues("es.feed.retention.enabled=true", "es.feed.retention.keep-for=3d",
        "es.feed.retention.every=10m").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(FeedRetention.class);
      assertThat(context.getBean(EsProperties.class).getFeed().getRetention().getKeepFor())
          .isEqualTo(Duration.ofDays(3));
      assertThat(context.getBean(FeedRetention.class).trimOnce()).as("one trim per shard").hasSize(1);
    });
  }

  @Test
  void publishingOff() {
    runner.withPropertyValues("es.feed.publishing=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(FeedPublishing.class).hasSingleBean(Feed.class)
          .hasSingleBean(ProjectionRunner.class);
      assertThat(context.getBean(EsMonitor.class).report().publishers()).isEmpty();
    });
  }

  @Test
  void repositoriesOff() {
    runner.withPropertyValues("es.repositories.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(TicketRepository.class).hasSingleBean(CassandraEventStore.class);
    });
  }

  @Test
  void projectionsOff() {
    runner.withPropertyValues("es.projections.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(ProjectionRunner.class).doesNotHaveBean(Projection.class)
          .doesNotHaveBean(InlineProjections.class).hasSingleBean(SagaRunner.class);
      assertThat(context.getBean(EsMonitor.class).report().projections()).isEmpty();
    });
  }

  @Test
  void sagasOff() {
    runner.withPropertyValues("es.sagas.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(SagaRunner.class).doesNotHaveBean(SagaType.class)
          .hasSingleBean(ProjectionRunner.class);
    });
  }

  @Test
  void healthIndicatorOff() {
    runner.withPropertyValues("management.health.es.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(EsHealthIndicator.class).hasSingleBean(EsMonitor.class);
    });
  }

  @Test
  void metricsAndTracingUseTheApplicationsRegistriesUnlessOff() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(context -> true);
    ApplicationContextRunner withRegistries = runner.withBean(MeterRegistry.class, () -> meters)
        .withBean(ObservationRegistry.class, () -> observations);
    withRegistries.run(context -> {
      assertThat(context).hasNotFailed().hasBean("esFeedGauges");
      EventStoreOptions options = context.getBean(EventStoreOptions.class);
      assertThat(options.meterRegistry()).isSameAs(meters);
      assertThat(options.observationRegistry()).isSameAs(observations);
    });
    withRegistries.withPropertyValues("es.metrics.enabled=false", "es.tracing.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("esFeedGauges");
      EventStoreOptions options = context.getBean(EventStoreOptions.class);
      assertThat(options.meterRegistry()).isNull();
      assertThat(options.observationRegistry()).isNull();
      assertThat(options.instrumentation().enabled()).isFalse();
    });
  }

  @Test
  void requestMetadataInWebApplicationsOnlyAndSwitchable() {
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class, EsAutoConfiguration.class))
        .withPropertyValues(cassandra());
    web.run(context -> assertThat(context).hasSingleBean(RequestMetadataFilter.class));
    web.withPropertyValues("es.metadata.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(RequestMetadataFilter.class));
    runner.run(context -> assertThat(context).doesNotHaveBean(RequestMetadataFilter.class));
  }

  @Test
  void consoleOnlyWhenEnabledInAWebApplicationAndItsEndpointsOnlyWhenExposed() {
    console.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EsAdmin.class)
        .doesNotHaveBean(EsAdminEndpoint.class).doesNotHaveBean(EsConsoleEndpoint.class));
    console.withPropertyValues("es.console.enabled=true").run(context -> assertThat(context).hasNotFailed()
        .hasSingleBean(EsAdmin.class).hasSingleBean(EsAdminEndpoint.class).hasSingleBean(EsConsoleEndpoint.class));
    console.withPropertyValues("es.console.enabled=true", "management.endpoints.web.exposure.include=health")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EsAdmin.class)
            .doesNotHaveBean(EsAdminEndpoint.class).doesNotHaveBean(EsConsoleEndpoint.class));
    runner.withConfiguration(AutoConfigurations.of(EsConsoleAutoConfiguration.class))
        .withPropertyValues("es.console.enabled=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EsAdmin.class));
  }

  @Test
  void anApplicationWithoutSagaTablesGetsAConsoleWithNoSaga() {
    String fresh = TestCassandra.newKeyspace();
    console.withPropertyValues("es.console.enabled=true", "es.sagas.enabled=false", "es.keyspace=" + fresh)
        .run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(tables(context, fresh)).contains("events", "feed").doesNotContain("saga_instances");
      EsAdminEndpoint endpoint = context.getBean(EsAdminEndpoint.class);
      assertThat(endpoint.overview().sagas()).isEmpty();
      WebEndpointResponse<Object> lookup = endpoint.sagaInstances("auto-closer", "instances", "ticket", "42");
      assertThat(lookup.getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
      assertThat(lookup.getBody()).asString().contains("no saga is registered on this feed");
    });
  }

  @Test
  void inlineProjectionsRunOnTheAppendingThreadNotOnTheFeed() {
    runner.withPropertyValues("es.projections.inline=ticket-views").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(ProjectionRunner.class).names()).isEmpty();
      UUID id = UUID.randomUUID();
      context.getBean(TicketRepository.class).save(Ticket.open(id, "read your writes"));
      assertThat(context.getBean(TicketViewTable.class).find(id)).contains(new TicketView(id, "read your writes", null));
    });
  }

  @Test
  void inlineNamesMustBeProjections() {
    runner.withPropertyValues("es.projections.inline=no-such-projection").run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessageContaining("es.projections.inline names projections that are not beans: [no-such-projection]")
            .hasMessageContaining("ticket-views"));
  }

  @Test
  void applicationBeansReplaceEachAutoConfiguredOne() {
    runner.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context).hasNotFailed();
      OwnBeans own = context.getBean(OwnBeans.class);
      assertThat(context.getBean(EventStoreOptions.class).eventsTable()).isEqualTo("own_events");
      assertThat(context.getBean(CassandraEventStore.class)).isSameAs(own.store);
      assertThat(context.getBean(Feed.class)).isSameAs(own.feed);
      assertThat(context.getBean(FeedPublishing.class)).isSameAs(own.publishing);
      assertThat(context.getBean(TicketRepository.class)).isSameAs(own.repository);
      assertThat(context.getBean(TicketProjector_Projection.class)).isSameAs(own.projection);
      assertThat(context.getBean(AutoCloser_SagaType.class)).isSameAs(own.saga);
      assertThat(context.getBean(ProjectionRunner.class)).isSameAs(own.projections);
      assertThat(context.getBean(SagaRunner.class)).isSameAs(own.sagas);
      assertThat(context.getBean(EsMonitor.class)).isSameAs(own.monitor);
      assertThat(context.getBean("esHealthIndicator")).isNotInstanceOf(EsHealthIndicator.class);
      assertThat(context.getBean(InlineProjections.class)).isSameAs(own.inline);
    });
  }

  private static Set<String> tables(ApplicationContext context, String keyspace) {
    Set<String> tables = new TreeSet<>();
    for (Row row : context.getBean(CqlSession.class).execute(
        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)) {
      tables.add(row.getString("table_name"));
    }
    return tables;
  }

  /** One bean of the application's own for each that the starter would configure. */
  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    CassandraEventStore store;
    Feed feed;
    FeedPublishing publishing;
    TicketRepository repository;
    TicketProjector_Projection projection;
    AutoCloser_SagaType saga;
    ProjectionRunner projections;
    SagaRunner sagas;
    EsMonitor monitor;
    InlineProjections inline;

    @Bean
    EventStoreOptions ownOptions() {
      return EventStoreOptions.builder().keyspace(KEYSPACE).eventsTable("own_events").build();
    }

    @Bean
    CassandraEventStore ownStore(CqlSession session, EventStoreOptions options) {
      session.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      store = new CassandraEventStore(session, options);
      store.initialize();
      return store;
    }

    @Bean
    Feed ownFeed(CqlSession session, CassandraEventStore store) {
      feed = new Feed(session, store, FeedOptions.defaults().withPollInterval(Duration.ofMillis(20)));
      feed.initialize();
      return feed;
    }

    @Bean
    FeedPublishing ownPublishing(Feed feed) {
      return publishing = new FeedPublishing(feed, "own-publisher");
    }

    @Bean
    TicketRepository ownRepository(CassandraEventStore store) {
      return repository = new TicketRepository(store);
    }

    @Bean
    TicketProjector_Projection ownProjection(TicketProjector projector) {
      return projection = new TicketProjector_Projection(projector);
    }

    @Bean
    AutoCloser_SagaType ownSaga() {
      return saga = new AutoCloser_SagaType();
    }

    @Bean
    ProjectionRunner ownProjections(Feed feed) {
      return projections = ProjectionRunner.builder(feed).owner("own").build();
    }

    @Bean
    SagaRunner ownSagas(Feed feed) {
      SagaRunner.initialize(feed);
      return sagas = SagaRunner.builder(feed).owner("own").build();
    }

    @Bean
    EsMonitor ownMonitor() {
      return monitor = new EsMonitor(null, null, null);
    }

    @Bean
    org.springframework.boot.health.contributor.HealthIndicator esHealthIndicator() {
      return () -> Health.up().withDetail("own", true).build();
    }

    @Bean
    InlineProjections ownInline(CassandraEventStore store) {
      return inline = new InlineProjections(store, List.of(), List.of());
    }
  }
}
