package dev.es.it.json;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.time.Instant;
import java.util.UUID;

/** A read-model row with a record-typed (JSON) column. */
@Projection(table = "thermostat_view")
public record ThermostatView(@PartitionKey UUID thermostatId, String room, Setting setting) {

  /** Stored as JSON by the table's mapper. */
  public record Setting(Celsius target, Instant at) {}
}
