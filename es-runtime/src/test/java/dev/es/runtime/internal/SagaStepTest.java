package dev.es.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.es.runtime.saga.Association;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rules of one handler call that the runtime and the testkit's saga fixture share. */
class SagaStepTest {

  private static final Instant NOW = Instant.parse("2030-05-01T12:00:00Z");
  private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final Association ORDER = new Association("orderId", "42");

  /** An event that tells the saga what to do with its context. */
  private record Act(Consumer<SagaContext> body) {}

  /** A saga whose state counts the calls, and which does what each event or deadline payload says. */
  private static final class Acting implements SagaType<Integer> {
    private final Consumer<SagaContext> onDeadline;

    Acting(Consumer<SagaContext> onDeadline) {
      this.onDeadline = onDeadline;
    }

    @Override
    public String name() {
      return "acting";
    }

    @Override
    public Class<Integer> stateClass() {
      return Integer.class;
    }

    @Override
    public Integer create() {
      return 0;
    }

    @Override
    public List<EventType<?>> eventTypes() {
      return List.of();
    }

    @Override
    public Optional<Binding> bind(Object event) {
      return Optional.of(Binding.starting(ORDER.property(), ORDER.value()));
    }

    @Override
    public Integer handle(Integer state, Object event, SagaContext context) {
      ((Act) event).body().accept(context);
      return state + 1;
    }

    @Override
    public Integer onDeadline(Integer state, SagaDeadline deadline, SagaContext context) {
      onDeadline.accept(context);
      return state + 1;
    }
  }

  /** Keeps what the handler emitted with the id it was given. */
  private record Staged(String aggregateType, UUID aggregateId, Object event, UUID eventId) {}

  private static final SagaStep.Stager<Staged> STAGER = Staged::new;

  private static SagaStep.Handled<Integer, Staged> on(SagaStep.Pending<Staged> pending, UUID eventId,
      Consumer<SagaContext> body) throws Exception {
    return SagaStep.onEvent(new Acting(c -> {}), INSTANCE, 0, pending, new Act(body), eventId, null, NOW, STAGER);
  }

  @Test
  void anEventThatStartsTheInstanceAssociatesItWithItsStartAssociation() throws Exception {
    SagaStep.Handled<Integer, Staged> handled = SagaStep.onEvent(new Acting(c -> {}), INSTANCE, 0,
        SagaStep.Pending.none(), new Act(c -> c.associateWith("customerId", "ann")), UUID.randomUUID(), ORDER, NOW,
        STAGER);

    assertThat(handled.state()).isEqualTo(1);
    assertThat(handled.pending().associations())
        .containsExactly(ORDER, new Association("customerId", "ann"));
  }

  @Test
  void aDeadlineDueInThePastIsDueNowAndOneCancelledByTheCallThatScheduledItIsForgotten() throws Exception {
    SagaStep.Handled<Integer, Staged> handled = on(SagaStep.Pending.none(), UUID.randomUUID(), c -> {
      c.schedule("late", NOW.minus(Duration.ofHours(1)), "");
      c.cancel(c.schedule("changed-my-mind", NOW.plusSeconds(5), ""));
    });

    assertThat(handled.scheduled()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("late");
      assertThat(d.due()).isEqualTo(NOW);
    });
    assertThat(handled.pending().deadlines()).isEqualTo(handled.scheduled());
    assertThat(handled.cancelled()).extracting(SagaDeadline::name).containsExactly("changed-my-mind");
  }

  @Test
  void theIdsOfWhatACallEmitsAreDerivedFromItsCauseSoARetryEmitsTheSameIds() throws Exception {
    UUID cause = UUID.randomUUID();
    Consumer<SagaContext> body = c -> {
      c.emit("Payment", UUID.fromString("00000000-0000-0000-0000-0000000000b1"), "requested");
      c.schedule("remind", NOW.plusSeconds(60), "");
      c.compensateWith("Order", UUID.fromString("00000000-0000-0000-0000-0000000000c1"), "cancelled");
    };

    SagaStep.Handled<Integer, Staged> first = on(SagaStep.Pending.none(), cause, body);
    SagaStep.Handled<Integer, Staged> retried = on(SagaStep.Pending.none(), cause, body);
    SagaStep.Handled<Integer, Staged> otherCause = on(SagaStep.Pending.none(), UUID.randomUUID(), body);

    assertThat(retried.emitted()).isEqualTo(first.emitted());
    assertThat(retried.scheduled()).isEqualTo(first.scheduled());
    assertThat(retried.pending().compensations()).isEqualTo(first.pending().compensations());
    assertThat(otherCause.emitted().get(0).eventId()).isNotEqualTo(first.emitted().get(0).eventId());
  }

  @Test
  void theFiredDeadlineIsNoLongerPendingAndEndingCancelsTheRestAndDropsTheCompensations() throws Exception {
    SagaDeadline fired = new SagaDeadline(UUID.randomUUID(), "timeout", NOW, "");
    SagaDeadline other = new SagaDeadline(UUID.randomUUID(), "remind", NOW.plusSeconds(60), "");
    Staged compensation = new Staged("Order", UUID.randomUUID(), "cancelled", UUID.randomUUID());
    SagaStep.Pending<Staged> pending = new SagaStep.Pending<>(List.of(fired, other), Set.of(ORDER),
        List.of(compensation));
    List<Integer> seen = new ArrayList<>();

    SagaStep.Handled<Integer, Staged> kept = SagaStep.onDeadline(new Acting(c -> seen.add(1)), INSTANCE, 3,
        pending, fired, NOW, STAGER);
    SagaStep.Handled<Integer, Staged> ended = SagaStep.onDeadline(new Acting(SagaContext::end), INSTANCE, 3,
        pending, fired, NOW, STAGER);

    assertThat(seen).containsExactly(1);
    assertThat(kept.state()).isEqualTo(4);
    assertThat(kept.pending().deadlines()).containsExactly(other);
    assertThat(kept.pending().compensations()).containsExactly(compensation);
    assertThat(kept.cancelled()).isEmpty();
    assertThat(ended.ended()).isTrue();
    assertThat(ended.pending().deadlines()).isEmpty();
    assertThat(ended.cancelled()).containsExactly(other);
    assertThat(ended.pending().compensations()).isEmpty();
  }

  @Test
  void parkingEmitsTheDeclaredCompensationsNewestFirstAndDropsTheFiredDeadline() {
    SagaDeadline fired = new SagaDeadline(UUID.randomUUID(), "timeout", NOW, "");
    SagaDeadline other = new SagaDeadline(UUID.randomUUID(), "remind", NOW.plusSeconds(60), "");
    Staged older = new Staged("Order", UUID.randomUUID(), "release stock", UUID.randomUUID());
    Staged newer = new Staged("Payment", UUID.randomUUID(), "refund", UUID.randomUUID());
    SagaStep.Pending<Staged> pending = new SagaStep.Pending<>(List.of(fired, other), Set.of(),
        List.of(older, newer));

    SagaStep.Parked<Staged> onDeadline = SagaStep.park(pending, null, fired);
    SagaStep.Parked<Staged> onStart = SagaStep.park(SagaStep.Pending.none(), ORDER, null);

    assertThat(onDeadline.compensations()).containsExactly(newer, older);
    assertThat(onDeadline.pending().compensations()).isEmpty();
    assertThat(onDeadline.pending().deadlines()).containsExactly(other);
    assertThat(onStart.pending().associations()).as("a parked new instance still routes its events")
        .containsExactly(ORDER);
  }
}
