package dev.es.it.json;

import java.time.Instant;
import java.util.UUID;

public record ThermostatInstalled(UUID thermostatId, String room, Instant at) implements ThermostatEvent {}
