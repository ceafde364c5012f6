package dev.es.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Slices, layouts and the hand-over rule of a re-split consumer. */
class SlicesTest {

  @Property
  void evenRangesAreDisjointCoverEverySliceAndDifferInSizeByOneAtMost(@ForAll @IntRange(min = 1, max = 1024) int n) {
    List<SliceRange> ranges = SliceRange.evenly(n);
    ConsumerLayout layout = new ConsumerLayout("p", 0, 1, ranges, List.of(SliceRange.ALL)); // validates coverage
    assertThat(layout.ranges()).hasSize(n);
    int smallest = ranges.stream().mapToInt(r -> r.to() - r.from() + 1).min().orElseThrow();
    int largest = ranges.stream().mapToInt(r -> r.to() - r.from() + 1).max().orElseThrow();
    assertThat(largest - smallest).isLessThanOrEqualTo(1);
  }

  @Property
  void anAggregateIsInExactlyOneRangeOfALayout(@ForAll long most, @ForAll long least,
      @ForAll @IntRange(min = 1, max = 64) int n) {
    UUID aggregate = new UUID(most, least);
    assertThat(SliceRange.evenly(n).stream().filter(range -> range.contains(aggregate))).hasSize(1);
  }

  @Test
  void layoutsWithGapsOrOverlapsAreRefusedNamingTheRanges() {
    assertThatThrownBy(() -> new ConsumerLayout("p", 0, 1,
        List.of(new SliceRange(0, 100), new SliceRange(102, 1023)), List.of(SliceRange.ALL)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0-100, 102-1023]");
    assertThatThrownBy(() -> new ConsumerLayout("p", 0, 1, List.of(new SliceRange(0, 1000)), List.of(SliceRange.ALL)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cover every slice");
    assertThatThrownBy(() -> new SliceRange(5, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5..4");
  }

  @Test
  void anUnsplitConsumerKeepsItsLeaseAndASplitOneNamesGenerationAndRange() {
    ConsumerLayout unsplit = ConsumerLayout.unsplit("orders", 3);
    assertThat(unsplit.leaseName(SliceRange.ALL)).isEqualTo("projection:orders:3");

    ConsumerLayout split = unsplit.then(SliceRange.evenly(2));
    assertThat(split.generation()).isEqualTo(1);
    assertThat(split.ranges().stream().map(split::leaseName))
        .containsExactly("projection:orders:3:1:0-511", "projection:orders:3:1:512-1023");
    assertThat(split.predecessors(split.ranges().get(1))).containsExactly(SliceRange.ALL);
    assertThat(split.previousLeaseName(SliceRange.ALL)).isEqualTo("projection:orders:3");

    ConsumerLayout merged = split.then(List.of(SliceRange.ALL));
    assertThat(merged.predecessors(SliceRange.ALL)).containsExactlyElementsOf(SliceRange.evenly(2));
    assertThat(merged.previousLeaseName(new SliceRange(0, 511))).isEqualTo("projection:orders:3:1:0-511");
  }

  @Test
  void aNewRangeStartsAtTheLowestPredecessorCheckpointAndPassesOverWhatEachPredecessorHandled() {
    SliceRange low = new SliceRange(0, 511);
    SliceRange high = new SliceRange(512, 1023);
    Handover handover = Handover.of(0, Map.of(low, 40L, high, 70L));
    assertThat(handover.start()).isEqualTo(40);

    UUID inLow = aggregateIn(low);
    UUID inHigh = aggregateIn(high);
    assertThat(handover.handledBefore(inLow, 39)).isTrue();
    assertThat(handover.handledBefore(inLow, 40)).isFalse();
    assertThat(handover.handledBefore(inHigh, 69)).isTrue();
    assertThat(handover.handledBefore(inHigh, 70)).isFalse();
  }

  @Test
  void aRangeThatCheckpointedAlreadyResumesAtItsOwnCheckpoint() {
    assertThat(Handover.of(90, Map.of(SliceRange.ALL, 40L)).start()).isEqualTo(90);
    assertThat(Handover.of(0, Map.of()).start()).isZero();
  }

  private static UUID aggregateIn(SliceRange range) {
    while (true) {
      UUID id = UUID.randomUUID();
      if (range.contains(id)) {
        return id;
      }
    }
  }
}
