package dev.es.it.json;

import dev.es.annotations.Saga;
import dev.es.annotations.SagaEventHandler;
import dev.es.annotations.StartSaga;
import java.time.Instant;
import java.util.UUID;

/** A saga whose state holds the last {@link Celsius} target it saw. */
@Saga(name = "thermostat-watch")
public class ThermostatWatch {
  public UUID thermostatId;
  public Celsius lastTarget;
  public Instant lastAt;

  @StartSaga
  @SagaEventHandler(associationProperty = "thermostatId")
  void on(ThermostatInstalled e) {
    thermostatId = e.thermostatId();
    lastAt = e.at();
  }

  @SagaEventHandler(associationProperty = "thermostatId")
  void on(TargetSet e) {
    lastTarget = e.target();
    lastAt = e.at();
  }
}
