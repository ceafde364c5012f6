package dev.es.it.json;

/** Events of {@link Thermostat}. */
public sealed interface ThermostatEvent permits ThermostatInstalled, TargetSet {}
