package dev.es.it.nemesis;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock moved by an offset the nemesis changes while the process runs: a writer's skewed clock. */
final class OffsetClock extends Clock {

  private volatile long offsetMillis;

  void offset(long millis) {
    offsetMillis = millis;
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMillis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
