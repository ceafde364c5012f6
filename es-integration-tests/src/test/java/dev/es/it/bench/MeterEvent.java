package dev.es.it.bench;

/** The ten event types of {@link Meter}, the aggregate of the dispatch and load benchmarks. */
public sealed interface MeterEvent {

  record Installed(String serial, String site) implements MeterEvent {}

  record Read(long value) implements MeterEvent {}

  record Corrected(long delta, String reason) implements MeterEvent {}

  record Paused(String reason) implements MeterEvent {}

  record Resumed() implements MeterEvent {}

  record Labelled(String label) implements MeterEvent {}

  record Calibrated(double factor) implements MeterEvent {}

  record LimitSet(long limit) implements MeterEvent {}

  record Reset(long previous) implements MeterEvent {}

  record TariffChanged(String tariff, int centsPerUnit) implements MeterEvent {}
}
