package dev.es.it.bench;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/**
 * An aggregate with ten event types whose {@code @Apply} methods only update fields, so that the benchmarks
 * measure dispatch and loading rather than domain logic. No snapshots: loading replays every event
 * ({@link SnapshottedMeter} is the same aggregate with snapshots).
 */
@EventSourced
public class Meter extends AggregateRoot<MeterEvent> {

  String serial;
  String site;
  String label;
  String tariff;
  long total;
  long readings;
  long corrections;
  long pauses;
  long resets;
  long limit;
  int centsPerUnit;
  double factor = 1.0;
  boolean running;

  Meter(UUID id) {
    super(id);
  }

  public static Meter install(UUID id, String serial, String site) {
    Meter meter = new Meter(id);
    meter.raise(new MeterEvent.Installed(serial, site));
    return meter;
  }

  /** Raises any event; the benchmarks build streams of all ten types. */
  public void record(MeterEvent event) {
    raise(event);
  }

  @Apply
  void on(MeterEvent.Installed e) {
    serial = e.serial();
    site = e.site();
    running = true;
  }

  @Apply
  void on(MeterEvent.Read e) {
    total += e.value();
    readings++;
  }

  @Apply
  void on(MeterEvent.Corrected e) {
    total += e.delta();
    corrections++;
  }

  @Apply
  void on(MeterEvent.Paused e) {
    running = false;
    pauses++;
  }

  @Apply
  void on(MeterEvent.Resumed e) {
    running = true;
  }

  @Apply
  void on(MeterEvent.Labelled e) {
    label = e.label();
  }

  @Apply
  void on(MeterEvent.Calibrated e) {
    factor = e.factor();
  }

  @Apply
  void on(MeterEvent.LimitSet e) {
    limit = e.limit();
  }

  @Apply
  void on(MeterEvent.Reset e) {
    total = 0;
    resets++;
  }

  @Apply
  void on(MeterEvent.TariffChanged e) {
    tariff = e.tariff();
    centsPerUnit = e.centsPerUnit();
  }

  /** The whole state as one comparable value. */
  public State state() {
    return new State(serial, site, label, tariff, total, readings, corrections, pauses, resets, limit, centsPerUnit,
        factor, running);
  }

  public record State(String serial, String site, String label, String tariff, long total, long readings,
      long corrections, long pauses, long resets, long limit, int centsPerUnit, double factor, boolean running) {}
}
