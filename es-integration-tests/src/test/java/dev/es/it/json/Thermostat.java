package dev.es.it.json;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.time.Instant;
import java.util.UUID;

/** A mutable aggregate with snapshots whose state holds a {@link Celsius} and an {@link Instant}. */
@EventSourced(snapshots = true)
public class Thermostat extends AggregateRoot<ThermostatEvent> {

  String room;
  Celsius target;
  Instant changedAt;
  int changes;

  Thermostat(UUID id) {
    super(id);
  }

  public static Thermostat install(UUID id, String room, Instant at) {
    Thermostat thermostat = new Thermostat(id);
    thermostat.raise(new ThermostatInstalled(id, room, at));
    return thermostat;
  }

  public void set(Celsius target, Instant at) {
    raise(new TargetSet(id(), target, at));
  }

  @Apply
  void on(ThermostatInstalled event) {
    room = event.room();
    changedAt = event.at();
  }

  @Apply
  void on(TargetSet event) {
    target = event.target();
    changedAt = event.at();
    changes++;
  }
}
