package dev.es.it.json;

import java.time.Instant;
import java.util.UUID;

public record TargetSet(UUID thermostatId, Celsius target, Instant at) implements ThermostatEvent {}
