package dev.es.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.es.runtime.AbstractAggregateTypeTest.TallyAggregateType;
import org.junit.jupiter.api.Test;

class SnapshotTriggersTest {

  @Test
  void aTypeWithoutASerializerCannotBeGivenATriggerThatSnapshots() {
    SnapshotTriggers triggers = new SnapshotTriggers();
    TallyAggregateType withoutSerializer = new TallyAggregateType(0, null);
    assertThatThrownBy(() -> triggers.set(withoutSerializer, new SnapshotTrigger(0, 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("aggregate type Tally has no snapshot serializer, so it cannot snapshot: declare"
            + " @EventSourced(snapshots = true) on " + Tally.class.getName());
    triggers.set(withoutSerializer, SnapshotTrigger.MANUAL);
    assertThat(triggers.of(withoutSerializer)).isEqualTo(SnapshotTrigger.MANUAL);
  }

  @Test
  void theAnnotationGivesTheDefaultUntilATriggerIsSetAndAfterItIsReset() {
    SnapshotTriggers triggers = new SnapshotTriggers();
    TallyAggregateType type = new TallyAggregateType(0, null);
    assertThat(triggers.of(type)).isEqualTo(new SnapshotTrigger(0, 0));
    assertThatThrownBy(() -> new SnapshotTrigger(-1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a snapshot trigger's every (-1) and afterReplaying (0) must not be negative");
    SnapshotTrigger trigger = new SnapshotTrigger(4, 9);
    assertThat(trigger.afterSave(3, 4)).isTrue();
    assertThat(trigger.afterSave(4, 7)).isFalse();
    assertThat(trigger.afterLoad(9)).isFalse();
    assertThat(trigger.afterLoad(10)).isTrue();
    triggers.reset(type);
    assertThat(triggers.of(type)).isEqualTo(new SnapshotTrigger(0, 0));
  }
}
