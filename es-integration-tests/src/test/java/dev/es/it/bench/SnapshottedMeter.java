package dev.es.it.bench;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import java.util.UUID;

/**
 * {@link Meter} with a snapshot every 100 events: the same state and the same handlers (each {@code @Apply}
 * method only hands the event to Meter's), so that the load benchmark compares loading with and without snapshots
 * on identical histories. The generated {@code SnapshottedMeter_SnapshotSerializer} writes Meter's fields.
 */
@EventSourced(snapshotEvery = SnapshottedMeter.SNAPSHOT_EVERY)
public class SnapshottedMeter extends Meter {

  static final int SNAPSHOT_EVERY = 100;

  SnapshottedMeter(UUID id) {
    super(id);
  }

  @Apply
  @Override
  void on(MeterEvent.Installed e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.Read e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.Corrected e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.Paused e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.Resumed e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.Labelled e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.Calibrated e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.LimitSet e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.Reset e) {
    super.on(e);
  }

  @Apply
  @Override
  void on(MeterEvent.TariffChanged e) {
    super.on(e);
  }
}
