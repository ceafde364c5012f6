package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.es.runtime.internal.AggregateTypes;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AggregateRootTest {

  static class Unprocessed extends AggregateRoot<String> {
    Unprocessed() {
      super(UUID.randomUUID());
    }

    void change() {
      raise("changed");
    }
  }

  @Test
  void raiseAppliesThroughTheServiceLoadedTypeAndRecordsUncommittedEvents() {
    Tally tally = new Tally(UUID.randomUUID());
    tally.add(2);
    tally.add(3);

    assertThat(tally.total).isEqualTo(5);
    assertThat(tally.uncommittedEvents()).containsExactly(new Tally.Added(2), new Tally.Added(3));
    assertThat(tally.version()).isZero();
    assertThat(AggregateTypes.of(Tally.class)).isInstanceOf(TallyType.class);
    assertThat(AggregateTypes.of(Tally.class)).isSameAs(AggregateTypes.of(Tally.class));

    tally.markCommitted(2);
    assertThat(tally.version()).isEqualTo(2);
    assertThat(tally.uncommittedEvents()).isEmpty();
  }

  @Test
  void aClassKeepsItsGeneratedTypeWhateverIsRegisteredLater() {
    AggregateTypes.register(new TallyType());

    assertThatThrownBy(() -> AggregateTypes.register(new AbstractAggregateTypeTest.TallyAggregateType(0, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(TallyType.class.getName())
        .hasMessageContaining(AbstractAggregateTypeTest.TallyAggregateType.class.getName());
    assertThat(AggregateTypes.of(Tally.class)).isInstanceOf(TallyType.class);

    AggregateTypes.registerIfAbsent(new AbstractAggregateTypeTest.TallyAggregateType(0, null));
    assertThat(AggregateTypes.of(Tally.class)).isInstanceOf(TallyType.class);
  }

  @Test
  void anAggregateWithoutTypeSaysToRunTheAnnotationProcessor() {
    assertThatThrownBy(() -> new Unprocessed().change())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Unprocessed.class.getName())
        .hasMessageContaining("annotation processor");
  }
}
