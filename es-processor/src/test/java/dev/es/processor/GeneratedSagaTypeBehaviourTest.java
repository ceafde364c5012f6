package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.es.runtime.EventSerializer;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaDeadline;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import dev.es.runtime.spi.SagaType.Binding;
import dev.es.runtime.spi.Upcaster;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles {@link Samples} with the real processor, loads the compiled classes, and runs the generated saga types
 * ({@code shop.saga.Fulfilment_SagaType}, mutable; {@code shop.saga.Onboarding_SagaType}, record) over hand-made
 * events and deadlines with a recording {@link SagaContext}: binding, dispatch, deadlines, {@code @EndSaga}, the
 * registered upcast chain and the state's JSON round trip. No Cassandra.
 */
class GeneratedSagaTypeBehaviourTest {

  @TempDir static Path classes;
  private static ClassLoader loader;
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final EventSerializer JSON = new EventSerializer(EventSerializer.defaultObjectMapper());

  @BeforeAll
  static void compileAndLoad() throws IOException {
    loader = GeneratedCodeBehaviourTest.load(
        ProcessorTesting.compile(Samples.all().toArray(new JavaFileObject[0])), classes);
  }

  /** Records what a handler asks for, like the runtime's context, without storing anything. */
  static final class SagaContextSpy implements SagaContext {
    final List<String> calls = new ArrayList<>();
    final List<Object> emitted = new ArrayList<>();
    boolean ended;
    private int deadlines;

    @Override
    public String sagaName() {
      return "test";
    }

    @Override
    public UUID instanceId() {
      return new UUID(0, 1);
    }

    @Override
    public Instant now() {
      return NOW;
    }

    @Override
    public void emit(String aggregateType, UUID aggregateId, Object event) {
      calls.add("emit " + aggregateType + " " + event.getClass().getSimpleName());
      emitted.add(event);
    }

    @Override
    public UUID schedule(String name, Instant due, String payload) {
      calls.add("schedule " + name + " at " + due);
      return new UUID(1, ++deadlines);
    }

    @Override
    public void cancel(UUID deadlineId) {
      calls.add("cancel " + deadlineId);
    }

    @Override
    public void cancelAll(String name) {
      calls.add("cancelAll " + name);
    }

    @Override
    public void associateWith(String property, Object value) {
      calls.add("associate " + property + "=" + value);
    }

    @Override
    public void compensateWith(String aggregateType, UUID aggregateId, Object event) {
      calls.add("compensate " + aggregateType + " " + event.getClass().getSimpleName());
    }

    @Override
    public void discardCompensations() {
      calls.add("discard");
    }

    @Override
    public void end() {
      calls.add("end");
      ended = true;
    }
  }

  @SuppressWarnings("unchecked")
  private static SagaType<Object> sagaType(String className) throws Exception {
    return (SagaType<Object>) loader.loadClass(className).getConstructor().newInstance();
  }

  private static Object event(String className, Object... args) throws Exception {
    Constructor<?> constructor = loader.loadClass(className).getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    return constructor.newInstance(args);
  }

  private static Object field(Object target, String name) throws Exception {
    Field field = target.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }

  private static Object call(Object target, String method) throws Exception {
    Method m = target.getClass().getDeclaredMethod(method);
    m.setAccessible(true);
    return m.invoke(target);
  }

  private static final String ORDERS = "shop.saga.OrderEvents$";

  @Test
  void mutableSagaBindsByTheAssociationPropertyAndStartsOnlyOnTheStartEvent() throws Exception {
    SagaType<Object> type = sagaType("shop.saga.Fulfilment_SagaType");
    assertEquals("fulfilment", type.name());
    assertEquals("shop.saga.Fulfilment", type.stateClass().getName());
    assertThat(type.eventTypes().stream().map(t -> t.name() + "@" + t.revision()).toList())
        .containsExactly("OrderPlaced@1", "PaymentFailed@1", "OrderShipped@1")
        .inOrder();

    UUID order = UUID.randomUUID();
    assertEquals(Optional.of(new Binding(true, "orderId", order.toString())),
        type.bind(event(ORDERS + "OrderPlaced", order, 1200L)));
    assertEquals(Optional.of(new Binding(false, "orderId", order.toString())),
        type.bind(event(ORDERS + "PaymentFailed", order, "declined")));
    assertEquals(Optional.of(new Binding(false, "orderId", order.toString())),
        type.bind(event(ORDERS + "OrderShipped", order)));
    // events without a handler (one the saga itself emits, and any other object) are not the saga's business
    assertEquals(Optional.empty(), type.bind(event(ORDERS + "PaymentRequested", order, 1L)));
    assertEquals(Optional.empty(), type.bind("not an event"));

    NullPointerException nullValue =
        assertThrows(NullPointerException.class, () -> type.bind(event(ORDERS + "OrderPlaced", null, 1L)));
    assertThat(nullValue).hasMessageThat().contains("value of association property 'orderId'");
  }

  @Test
  void mutableSagaHandlersChangeTheSameStateThroughTheContext() throws Exception {
    SagaType<Object> type = sagaType("shop.saga.Fulfilment_SagaType");
    UUID order = UUID.randomUUID();
    Object state = type.create();
    assertEquals("new", field(state, "status"));
    assertNotSame(state, type.create());

    SagaContextSpy placed = new SagaContextSpy();
    assertSame(state, type.handle(state, event(ORDERS + "OrderPlaced", order, 1200L), placed));
    assertEquals(order, field(state, "orderId"));
    assertEquals("placed", field(state, "status"));
    assertEquals(List.of("emit Payment PaymentRequested", "compensate Order OrderCancelled"), placed.calls);
    assertEquals(event(ORDERS + "PaymentRequested", order, 1200L), placed.emitted.get(0));

    SagaContextSpy failed = new SagaContextSpy();
    assertSame(state, type.handle(state, event(ORDERS + "PaymentFailed", order, "declined"), failed));
    assertEquals(1, field(state, "attempts"));
    assertEquals(List.of("schedule retry-payment at " + NOW.plus(Duration.ofMinutes(5))), failed.calls);
    assertThat(failed.ended).isFalse();

    // the checked exception of a handler reaches the runtime unchanged (it retries, then parks)
    IOException fatal = assertThrows(IOException.class,
        () -> type.handle(state, event(ORDERS + "PaymentFailed", order, "fatal"), new SagaContextSpy()));
    assertThat(fatal).hasMessageThat().contains("failed for good");

    SagaContextSpy retry = new SagaContextSpy();
    assertSame(state, type.onDeadline(state, new SagaDeadline(UUID.randomUUID(), "retry-payment", NOW, ""), retry));
    assertEquals(List.of("emit Payment PaymentRequested"), retry.calls);

    SagaContextSpy shipped = new SagaContextSpy();
    assertSame(state, type.handle(state, event(ORDERS + "OrderShipped", order), shipped));
    assertEquals("shipped", field(state, "status"));
    assertEquals(List.of("end"), shipped.calls); // @EndSaga: ended after the handler

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> type.handle(state, event(ORDERS + "OrderCancelled", order), new SagaContextSpy()));
    assertThat(unknown).hasMessageThat()
        .isEqualTo("Saga fulfilment (shop.saga.Fulfilment) has no @SagaEventHandler for shop.saga.OrderEvents$OrderCancelled");
    IllegalArgumentException unknownDeadline = assertThrows(IllegalArgumentException.class,
        () -> type.onDeadline(state, new SagaDeadline(UUID.randomUUID(), "remind", NOW, ""), new SagaContextSpy()));
    assertThat(unknownDeadline).hasMessageThat().contains("has no @DeadlineHandler for deadline 'remind'");
  }

  @Test
  void mutableSagaStateSurvivesItsJsonRoundTrip() throws Exception {
    SagaType<Object> type = sagaType("shop.saga.Fulfilment_SagaType");
    UUID order = UUID.randomUUID();
    Object state = type.handle(type.create(), event(ORDERS + "OrderPlaced", order, 1200L), new SagaContextSpy());
    Object read = type.readState(type.writeState(state, JSON), JSON);
    assertNotSame(state, read);
    for (String name : List.of("orderId", "cents", "attempts", "status")) {
      assertEquals(field(state, name), field(read, name), name);
    }
  }

  @Test
  void recordSagaReturnsNextStatesAndAssociatesUnderTheKeyName() throws Exception {
    SagaType<Object> type = sagaType("shop.saga.Onboarding_SagaType");
    assertEquals("onboarding", type.name());
    Object initial = type.create();
    assertEquals(0, call(initial, "reminders"));

    assertEquals(Optional.of(new Binding(true, "email", "a@b.c")),
        type.bind(event("shop.UserRegistered", "a@b.c", "Ann")));
    // EmailChanged names its property oldEmail; the instance was associated under "email" (keyName)
    assertEquals(Optional.of(new Binding(false, "email", "a@b.c")),
        type.bind(event("shop.EmailChanged", "a@b.c", "x@y.z")));
    assertEquals(Optional.empty(), type.bind(event("shop.UserActivated")));

    SagaContextSpy registered = new SagaContextSpy();
    Object started = type.handle(initial, event("shop.UserRegistered", "a@b.c", "Ann"), registered);
    assertNotSame(initial, started);
    assertEquals("a@b.c", call(started, "email"));
    assertEquals(List.of(
            "schedule remind at " + NOW.plus(Duration.ofDays(1)),
            "schedule give-up at " + NOW.plus(Duration.ofDays(30))),
        registered.calls);

    SagaContextSpy changed = new SagaContextSpy();
    Object moved = type.handle(started, event("shop.EmailChanged", "a@b.c", "x@y.z"), changed);
    assertEquals("x@y.z", call(moved, "email"));
    assertEquals(List.of("associate email=x@y.z"), changed.calls);

    SagaContextSpy remind = new SagaContextSpy();
    Object reminded = type.onDeadline(moved, new SagaDeadline(UUID.randomUUID(), "remind", NOW, "first"), remind);
    assertEquals(1, call(reminded, "reminders"));
    assertEquals("first", call(reminded, "lastReminder")); // the deadline itself reached the handler
    assertEquals(List.of("schedule remind at " + NOW.plus(Duration.ofDays(1))), remind.calls);

    SagaContextSpy giveUp = new SagaContextSpy();
    Object last = type.onDeadline(reminded, new SagaDeadline(UUID.randomUUID(), "give-up", NOW, ""), giveUp);
    assertEquals(reminded, last);
    assertThat(giveUp.ended).isTrue(); // @EndSaga on a deadline handler

    assertEquals(reminded, type.readState(type.writeState(reminded, JSON), JSON));
  }

  @Test
  void recordSagaRegistersTheUpcastChainOfItsEvents() throws Exception {
    SagaType<Object> type = sagaType("shop.saga.Onboarding_SagaType");
    List<EventType<?>> eventTypes = type.eventTypes();
    assertThat(eventTypes.stream().map(t -> t.name() + "@" + t.revision() + "=" + t.javaClass().getName()).toList())
        .containsExactly(
            "UserRegistered@1=shop.UserRegisteredV1",
            "UserRegistered@2=shop.UserRegistered",
            "EmailChanged@1=shop.EmailChanged")
        .inOrder();
    @SuppressWarnings("unchecked")
    Upcaster<Object, ?> upcaster = (Upcaster<Object, ?>) eventTypes.get(0).upcaster().orElseThrow();
    Object upcast = upcaster.upcast(event("shop.UserRegisteredV1", "old@x.y"));
    assertEquals(Optional.of(new Binding(true, "email", "old@x.y")), type.bind(upcast));
  }
}
