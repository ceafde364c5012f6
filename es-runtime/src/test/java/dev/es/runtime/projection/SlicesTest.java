package dev.es.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
    ConsumerLayout layout = ConsumerLayout.unsplit("p", 0).then(ranges, lease -> 0, OptionalLong.empty()); // validates coverage
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
    ConsumerLayout unsplit = ConsumerLayout.unsplit("p", 0);
    assertThatThrownBy(() -> unsplit.then(List.of(new SliceRange(0, 100), new SliceRange(102, 1023)), lease -> 0,
        OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0-100, 102-1023]");
    assertThatThrownBy(() -> unsplit.then(List.of(new SliceRange(0, 1000)), lease -> 0, OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cover every slice");
    assertThatThrownBy(() -> new SliceRange(5, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5..4");
  }

  @Test
  void anUnsplitConsumerKeepsItsLeaseAndASplitOneNamesGenerationAndRange() {
    ConsumerLayout unsplit = ConsumerLayout.unsplit("orders", 3);
    assertThat(unsplit.leaseName(SliceRange.ALL)).isEqualTo("projection:orders:3");

    ConsumerLayout split = unsplit.then(SliceRange.evenly(2), Map.of("projection:orders:3", 40L)::get, OptionalLong.empty());
    assertThat(split.generation()).isEqualTo(1);
    assertThat(split.ranges().stream().map(split::leaseName))
        .containsExactly("projection:orders:3:1:0-511", "projection:orders:3:1:512-1023");
    assertThat(split.predecessors(split.ranges().get(1))).containsExactly(new ConsumerLayout.Predecessor(
        SliceRange.ALL, "projection:orders:3", 40, List.of("projection:orders:3")));

    ConsumerLayout merged = split.then(List.of(SliceRange.ALL), Map.of("projection:orders:3", 40L,
        "projection:orders:3:1:0-511", 55L, "projection:orders:3:1:512-1023", 61L)::get, OptionalLong.empty());
    assertThat(merged.predecessors(SliceRange.ALL)).containsExactly(
        new ConsumerLayout.Predecessor(new SliceRange(0, 511), "projection:orders:3:1:0-511", 40,
            List.of("projection:orders:3:1:0-511")),
        new ConsumerLayout.Predecessor(new SliceRange(512, 1023), "projection:orders:3:1:512-1023", 40,
            List.of("projection:orders:3:1:512-1023")));
  }

  @Test
  void aRangeReplacedBeforeItStartedPassesOnItsPredecessorsLeasesAndCheckpoints() {
    // generation 1 never started (no checkpoint); the owner of generation 0 may still be handling
    ConsumerLayout split = ConsumerLayout.unsplit("orders", 0).then(SliceRange.evenly(3), lease -> 30L, OptionalLong.empty());
    ConsumerLayout again = split.then(SliceRange.evenly(2),
        lease -> lease.equals("projection:orders:0") ? 70L : 0L, OptionalLong.empty());
    ConsumerLayout.Predecessor first = again.previous().get(0);
    assertThat(first.waitFor()).containsExactly("projection:orders:0:1:0-340", "projection:orders:0");
    // what the unstarted range would have started at: the old owner's checkpoint now
    assertThat(first.handledBelow(0)).isEqualTo(70);
    assertThat(first.handledBelow(90)).isEqualTo(90);
  }

  @Test
  void aRebuildStartsTheSameRangesFromZero() {
    ConsumerLayout split = ConsumerLayout.unsplit("orders", 0)
        .then(SliceRange.evenly(2), lease -> 30L, OptionalLong.empty());
    ConsumerLayout rebuilt = split.then(split.ranges(), lease -> 80L, OptionalLong.of(0));
    assertThat(rebuilt.ranges()).isEqualTo(split.ranges());
    assertThat(rebuilt.previous()).allSatisfy(before -> assertThat(before.handledBelow(80)).isZero());
    assertThat(Handover.of(0, Map.of(new SliceRange(0, 511), 0L, new SliceRange(512, 1023), 0L)).start()).isZero();
  }

  @Test
  void aResetStartsTheSameRangesAtItsPositionWhateverTheyHandled() {
    ConsumerLayout split = ConsumerLayout.unsplit("orders", 0)
        .then(SliceRange.evenly(2), lease -> 30L, OptionalLong.empty());
    ConsumerLayout reset = split.then(split.ranges(), lease -> 80L, OptionalLong.of(55));
    assertThat(reset.generation()).isEqualTo(split.generation() + 1);
    assertThat(reset.previous()).allSatisfy(before -> {
      assertThat(before.checkpointLease()).isEmpty();
      assertThat(before.handledBelow(80)).isEqualTo(55);
      assertThat(before.waitFor()).contains(split.leaseName(before.range()));
    });
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
