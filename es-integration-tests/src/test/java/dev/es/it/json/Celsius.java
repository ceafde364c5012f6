package dev.es.it.json;

/** A value type that {@link CelsiusModule} writes as text such as {@code "21.5 °C"}. */
public record Celsius(double degrees) {}
