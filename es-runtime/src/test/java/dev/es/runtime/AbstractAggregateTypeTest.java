package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.spi.AbstractAggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AbstractAggregateTypeTest {

  /** Shaped like a generated type: data to the constructor, then create and apply. */
  static final class TallyAggregateType extends AbstractAggregateType<Tally, Tally.Added> {
    TallyAggregateType(int snapshotEvery, SnapshotSerializer<Tally> serializer) {
      super("Tally", Tally.class, Tally.Added.class, snapshotEvery, serializer,
          EventType.newest("Added", 1, Tally.Added.class));
    }

    @Override
    public Tally create(UUID id) {
      return new Tally(id);
    }

    @Override
    public Tally apply(Tally tally, Tally.Added event) {
      tally.total += event.amount();
      return tally;
    }
  }

  private static final SnapshotSerializer<Tally> SERIALIZER = new SnapshotSerializer<>() {
    @Override
    public String fingerprint() {
      return "f";
    }

    @Override
    public String write(Tally aggregate, ObjectMapper mapper) {
      return "{}";
    }

    @Override
    public Tally read(UUID id, String json, ObjectMapper mapper) {
      return new Tally(id);
    }
  };

  @Test
  void answersWithTheConstructorsData() {
    TallyAggregateType type = new TallyAggregateType(0, null);
    assertThat(type.name()).isEqualTo("Tally");
    assertThat(type.aggregateClass()).isEqualTo(Tally.class);
    assertThat(type.eventClass()).isEqualTo(Tally.Added.class);
    assertThat(type.eventTypes()).containsExactly(EventType.current("Added", 1, Tally.Added.class));
    assertThat(type.snapshotEvery()).isZero();
    assertThat(type.snapshotSerializer()).isEmpty();
    assertThat(new TallyAggregateType(5, SERIALIZER).snapshotSerializer()).containsSame(SERIALIZER);
  }

  @Test
  void rejectsARuleWithoutASerializerButAcceptsASerializerWithoutARule() {
    assertThatThrownBy(() -> new TallyAggregateType(5, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("aggregate type Tally: snapshotEvery is 5 and snapshotAfterReplaying is 0 but a snapshot"
            + " serializer is missing");
    TallyAggregateType manualOnly = new TallyAggregateType(0, SERIALIZER);
    assertThat(manualOnly.snapshotEvery()).isZero();
    assertThat(manualOnly.snapshotAfterReplaying()).isZero();
    assertThat(manualOnly.snapshotSerializer()).containsSame(SERIALIZER);
  }
}
