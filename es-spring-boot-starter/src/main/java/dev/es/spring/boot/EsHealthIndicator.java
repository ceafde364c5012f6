package dev.es.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when something keeps events from reaching read models or sagas: a projection or saga consumer FAILED (the
 * detail names it and the event), a projection has parked events (unless {@code es.health.parked-events-down} is
 * false), a feed publisher is FAILING or FAILED, or a consumer's oldest unhandled event is older than
 * {@code es.health.max-lag}. The details list what was found under {@code problems}, and every consumer's state
 * and lag.
 */
public class EsHealthIndicator implements HealthIndicator {

  private final EsMonitor monitor;
  private final Duration maxLag;
  private final boolean parkedEventsDown;

  /** Judges what {@code monitor} reports, against a lag threshold. */
  public EsHealthIndicator(EsMonitor monitor, Duration maxLag, boolean parkedEventsDown) {
    this.monitor = monitor;
    this.maxLag = maxLag;
    this.parkedEventsDown = parkedEventsDown;
  }

  @Override
  public Health health() {
    EsMonitor.Report report = monitor.report();
    List<String> problems = new ArrayList<>();
    judge("Projection", report.projections(), parkedEventsDown, problems);
    // a parked saga instance cannot be retried or ended through the runtime yet: listed by the endpoint, not DOWN
    judge("Saga", report.sagas(), false, problems);
    for (EsMonitor.PublisherView publisher : report.publishers()) {
      if (publisher.state().equals("FAILING") || publisher.state().equals("FAILED")) {
        problems.add("Feed publisher of shard " + publisher.shard() + " is " + publisher.state() + " since "
            + publisher.since() + " after " + publisher.failures() + " failures: " + publisher.failure());
      }
    }
    Health.Builder health = problems.isEmpty() ? Health.up() : Health.down();
    if (!problems.isEmpty()) {
      health.withDetail("problems", problems);
    }
    return health.withDetail("projections", summary(report.projections()))
        .withDetail("sagas", summary(report.sagas()))
        .build();
  }

  private void judge(String kind, List<EsMonitor.ConsumerView> consumers, boolean parkedDown,
      List<String> problems) {
    for (EsMonitor.ConsumerView consumer : consumers) {
      if (consumer.state().equals("FAILED")) {
        problems.add(consumer.failure() != null ? consumer.failure()
            : kind + " '" + consumer.name() + "' FAILED");
      }
      if (parkedDown) {
        problems.addAll(consumer.parked());
      }
      if (consumer.lagMillis() > maxLag.toMillis()) {
        problems.add(kind + " '" + consumer.name() + "' lags " + Duration.ofMillis(consumer.lagMillis())
            + " (" + consumer.lagEvents() + " events) behind the feed, more than es.health.max-lag " + maxLag);
      }
    }
  }

  private static List<String> summary(List<EsMonitor.ConsumerView> consumers) {
    return consumers.stream().map(c -> c.name() + ": " + c.state() + ", lag " + c.lagEvents() + " events").toList();
  }
}
