package dev.es.spring.boot;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code es} actuator endpoint ({@code /actuator/es} once exposed): the projections (state, lag per shard,
 * owned ranges, failure, parked events), the sagas' feed consumers and the feed's publishers of this process.
 */
@Endpoint(id = "es")
public class EsEndpoint {

  private final EsMonitor monitor;

  /** An endpoint showing what {@code monitor} reports. */
  public EsEndpoint(EsMonitor monitor) {
    this.monitor = monitor;
  }

  /** Everything, now. */
  @ReadOperation
  public EsMonitor.Report report() {
    return monitor.report();
  }
}
