package dev.es.spring.boot;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.Replication;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.observation.FeedGauges;
import dev.es.runtime.projection.FeedRetention;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.projection.ProjectionRunner;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.spi.SagaType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Configures es on the application's {@link CqlSession} (from {@code spring-boot-starter-data-cassandra}): the
 * event store, the feed and its publishers, a bean for every generated repository, every {@code @Projector} and
 * {@code @Saga} bean run by its runner, the request-bound metadata context, the {@code es} health indicator and
 * actuator endpoint. Each bean gives way to one of the application's own, and each piece is switched off by a
 * property ({@link EsProperties}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration")
@ConditionalOnClass({CqlSession.class, CassandraEventStore.class})
@ConditionalOnBooleanProperty(name = "es.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EsProperties.class)
public class EsAutoConfiguration {

  /** The generated repositories, projections and saga types, as beans. */
  @Bean
  static GeneratedBeanRegistrar esGeneratedBeans(Environment environment) {
    return new GeneratedBeanRegistrar(
        environment.getProperty("es.repositories.enabled", Boolean.class, true),
        environment.getProperty("es.projections.enabled", Boolean.class, true)
            && environment.getProperty("es.feed.enabled", Boolean.class, true),
        environment.getProperty("es.sagas.enabled", Boolean.class, true)
            && environment.getProperty("es.feed.enabled", Boolean.class, true));
  }

  /** The store's options from {@code es.keyspace} and {@code es.store.*}. */
  @Bean
  @ConditionalOnMissingBean
  EventStoreOptions esEventStoreOptions(EsProperties properties, ObjectProvider<MeterRegistry> meters,
      ObjectProvider<ObservationRegistry> observations) {
    EsProperties.Store store = properties.getStore();
    EsProperties.Replication replication = store.getReplication();
    EventStoreOptions.Builder options = EventStoreOptions.builder()
        .keyspace(properties.getKeyspace())
        .eventsTable(store.getEventsTable())
        .snapshotsTable(store.getSnapshotsTable())
        .readConsistency(store.getReadConsistency())
        .writeConsistency(store.getWriteConsistency())
        .serialConsistency(store.getSerialConsistency())
        .appendMode(store.getAppendMode())
        .conflictRetries(store.getConflictRetries())
        .snapshotsKept(store.getSnapshotsKept())
        .pageSize(store.getPageSize());
    if (properties.getMetrics().isEnabled()) {
      meters.ifAvailable(options::meterRegistry);
    }
    if (properties.getTracing().isEnabled()) {
      observations.ifAvailable(options::observationRegistry);
    }
    if (store.isCreateKeyspace()) {
      options.createKeyspace(replication.getDatacenters().isEmpty()
          ? Replication.simple(replication.getFactor())
          : Replication.networkTopology(replication.getDatacenters()));
    }
    return options        .build();
  }

  /** The event store, its tables created if missing. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(CqlSession.class)
  CassandraEventStore esEventStore(CqlSession session, EventStoreOptions options) {
    CassandraEventStore store = new CassandraEventStore(session, options);
    store.initialize();
    return store;
  }

  /** The feed of all events, its tables and those of its consumers (the runners) created if missing. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(CassandraEventStore.class)
  @ConditionalOnBooleanProperty(name = "es.feed.enabled", matchIfMissing = true)
  Feed esFeed(CqlSession session, CassandraEventStore store, EsProperties properties) {
    EsProperties.Feed settings = properties.getFeed();
    FeedOptions defaults = FeedOptions.defaults();
    Feed feed = new Feed(session, store, new FeedOptions(settings.getShards(), defaults.bucketSize(),
        defaults.maxBatchEvents(), defaults.maxBatchBytes(), settings.getPollInterval(),
        settings.getLeaseDuration()));
    feed.initialize();
    return feed;
  }

  /** The feed's publishers, run with the context. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Feed.class)
  @ConditionalOnBooleanProperty(name = "es.feed.publishing", matchIfMissing = true)
  FeedPublishing esFeedPublishing(Feed feed, EsProperties properties, Environment environment) {
    return new FeedPublishing(feed, owner(properties, environment));
  }

  /** Feed retention, run with the context when {@code es.feed.retention.enabled}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Feed.class)
  @ConditionalOnBooleanProperty(name = "es.feed.retention.enabled")
  FeedRetention esFeedRetention(Feed feed, EsProperties properties) {
    EsProperties.Retention retention = properties.getFeed().getRetention();
    return new FeedRetention(feed, retention.getKeepFor()).start(retention.getEvery());
  }

  /** The feed's backlog per shard, as gauges of the application's meter registries (bound by Spring Boot). */
  @Bean
  @ConditionalOnBean(Feed.class)
  @ConditionalOnMissingBean(name = "esFeedGauges")
  @ConditionalOnBooleanProperty(name = "es.metrics.enabled", matchIfMissing = true)
  MeterBinder esFeedGauges(Feed feed) {
    return new FeedGauges(feed);
  }

  /** The catch-up projections: every {@link Projection} bean not run inline. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Feed.class)
  @ConditionalOnBooleanProperty(name = "es.projections.enabled", matchIfMissing = true)
  ProjectionRunner esProjectionRunner(Feed feed, ObjectProvider<Projection> projections, EsProperties properties,
      Environment environment) {
    EsProperties.Projections settings = properties.getProjections();
    ProjectionRunner.Builder runner = ProjectionRunner.builder(feed).owner(owner(properties, environment));
    projections.orderedStream().filter(projection -> !settings.getInline().contains(projection.name()))
        .forEach(projection -> runner.add(projection, settings.optionsOf(projection.name())));
    return runner.build();
  }

  /** The projections of {@code es.projections.inline}, run right after each append. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(CassandraEventStore.class)
  @ConditionalOnBooleanProperty(name = "es.projections.enabled", matchIfMissing = true)
  InlineProjections esInlineProjections(CassandraEventStore store, ObjectProvider<Projection> projections,
      EsProperties properties) {
    return new InlineProjections(store, projections.orderedStream().toList(), properties.getProjections().getInline());
  }

  /** Starts the projection runner with the context and closes it on shutdown. */
  @Bean
  @ConditionalOnMissingBean(name = "esProjectionRunnerLifecycle")
  @ConditionalOnBean(ProjectionRunner.class)
  RunnerLifecycle esProjectionRunnerLifecycle(ProjectionRunner runner) {
    return new RunnerLifecycle("projection runner", runner::start, runner);
  }

  /** The sagas: every {@link SagaType} bean; the saga tables created if missing, after the feed's. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Feed.class)
  @ConditionalOnBooleanProperty(name = "es.sagas.enabled", matchIfMissing = true)
  SagaRunner esSagaRunner(Feed feed, ObjectProvider<SagaType<?>> sagas, EsProperties properties,
      Environment environment) {
    SagaRunner.initialize(feed);
    SagaRunner.Builder runner = SagaRunner.builder(feed).owner(owner(properties, environment));
    sagas.orderedStream().forEach(runner::add);
    return runner.build();
  }

  /** Starts the saga runner with the context and closes it on shutdown. */
  @Bean
  @ConditionalOnMissingBean(name = "esSagaRunnerLifecycle")
  @ConditionalOnBean(SagaRunner.class)
  RunnerLifecycle esSagaRunnerLifecycle(SagaRunner runner) {
    return new RunnerLifecycle("saga runner", runner::start, runner);
  }

  /** What the runners and publishers of this process are doing. */
  @Bean
  @ConditionalOnMissingBean
  EsMonitor esMonitor(ObjectProvider<ProjectionRunner> projections, ObjectProvider<SagaRunner> sagas,
      ObjectProvider<FeedPublishing> publishing) {
    return new EsMonitor(projections.getIfAvailable(), sagas.getIfAvailable(), publishing.getIfAvailable());
  }

  /** The name in this process's leases: {@code es.owner}, else the application's name, host and process id. */
  static String owner(EsProperties properties, Environment environment) {
    if (properties.getOwner() != null && !properties.getOwner().isBlank()) {
      return properties.getOwner();
    }
    return environment.getProperty("spring.application.name", "es") + "@"
        + ManagementFactory.getRuntimeMXBean().getName();
  }

  /** Events appended while handling an HTTP request carry its user and correlation id. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(OncePerRequestFilter.class)
  @ConditionalOnBooleanProperty(name = "es.metadata.enabled", matchIfMissing = true)
  static class RequestMetadataConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RequestMetadataFilter esRequestMetadataFilter(EsProperties properties) {
      return new RequestMetadataFilter(properties.getMetadata().getCorrelationHeader());
    }
  }

  /** The {@code es} health indicator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("es")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "esHealthIndicator")
    EsHealthIndicator esHealthIndicator(EsMonitor monitor, EsProperties properties) {
      return new EsHealthIndicator(monitor, properties.getHealth().getMaxLag(),
          properties.getHealth().isParkedEventsDown());
    }
  }

  /** The {@code es} actuator endpoint. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  @ConditionalOnAvailableEndpoint(EsEndpoint.class)
  static class EndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EsEndpoint esEndpoint(EsMonitor monitor) {
      return new EsEndpoint(monitor);
    }
  }

}
