package dev.es.runtime;

import java.util.UUID;

/** No event exists for the aggregate (at the requested version or instant). */
public final class AggregateNotFoundException extends EventStoreException {
  private final String aggregateType;
  private final UUID aggregateId;

  public AggregateNotFoundException(String aggregateType, UUID aggregateId, String detail) {
    super("aggregate " + aggregateType + " " + aggregateId + " not found" + detail);
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
  }

  public AggregateNotFoundException(String aggregateType, UUID aggregateId) {
    this(aggregateType, aggregateId, "");
  }

  public String aggregateType() {
    return aggregateType;
  }

  public UUID aggregateId() {
    return aggregateId;
  }
}
