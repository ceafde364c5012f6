package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.testing.compile.Compilation;
import dev.es.runtime.AggregateRoot;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.projection.Projection;
import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import dev.es.runtime.spi.Upcaster;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles {@link Samples} with the real processor, loads the compiled classes (user and generated) in a class
 * loader, and runs the generated aggregate types, upcasters and snapshot serializers. Reflection is used here, in
 * the test, to reach the sample classes; the generated code itself uses none.
 */
class GeneratedCodeBehaviourTest {

  /** The store's default mapper, which the runtime passes to snapshot serializers. */
  private static final ObjectMapper MAPPER = EventSerializer.defaultObjectMapper();

  @TempDir static Path classes;
  private static ClassLoader loader;

  @BeforeAll
  static void compileAndLoad() throws IOException {
    loader = load(ProcessorTesting.compile(Samples.all().toArray(new JavaFileObject[0])), classes);
  }

  /** Writes the class files and resources of a compilation to {@code dir} and loads them. */
  static ClassLoader load(Compilation compilation, Path dir) throws IOException {
    assertThat(compilation).succeededWithoutWarnings();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      int at = path.indexOf("CLASS_OUTPUT/");
      if (at < 0) {
        continue;
      }
      Path target = dir.resolve(path.substring(at + "CLASS_OUTPUT/".length()));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, GeneratedCodeBehaviourTest.class.getClassLoader());
  }

  @SuppressWarnings("unchecked")
  private static AggregateType<Object, Object> aggregateType(ClassLoader loader, String className) throws Exception {
    return (AggregateType<Object, Object>) loader.loadClass(className).getConstructor().newInstance();
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

  private static void setField(Object target, String name, Object value) throws Exception {
    target.getClass().getField(name).set(target, value);
  }

  private static Object call(Object target, String method) throws Exception {
    Method m = target.getClass().getDeclaredMethod(method);
    m.setAccessible(true);
    return m.invoke(target);
  }

  @Test
  void mutableAggregateTypeCreatesAndAppliesEvents() throws Exception {
    AggregateType<Object, Object> type = aggregateType(loader, "shop.User_AggregateType");
    assertEquals("User", type.name());
    assertEquals("shop.User", type.aggregateClass().getName());
    assertEquals("shop.UserEvent", type.eventClass().getName());
    assertEquals(50, type.snapshotEvery());

    UUID id = UUID.randomUUID();
    Object user = type.create(id);
    assertEquals(id, ((AggregateRoot<?>) user).id());

    assertSame(user, type.apply(user, event("shop.UserRegistered", "a@b.c", "Ann")));
    assertSame(user, type.apply(user, event("shop.EmailChanged", "a@b.c", "x@y.z")));
    assertSame(user, type.apply(user, event("shop.UserActivated")));
    assertEquals("x@y.z", field(user, "email"));
    assertEquals("Ann", field(user, "name"));
    assertEquals(true, field(user, "active"));
    assertEquals(1, field(user, "changes"));
    assertEquals(List.of("a@b.c"), field(user, "previousEmails"));
  }

  @Test
  void anAggregateWhoseOneEventClassIsItsEventTypeAppliesItWithoutAnInstanceofTest(@TempDir Path dir)
      throws Exception {
    // `events = Visited.class`, the one event itself: `event instanceof Visited` would not compile on Java 17
    ClassLoader single = load(ProcessorTesting.compile(
        ProcessorTesting.source("visits.Visited", "package visits; public record Visited(int times) {}"),
        ProcessorTesting.source("visits.Visits", """
            package visits;
            import dev.es.annotations.Apply;
            import dev.es.annotations.EventSourced;
            import java.util.UUID;
            @EventSourced(events = Visited.class)
            public record Visits(UUID id, int count) {
              Visits(UUID id) { this(id, 0); }
              @Apply Visits on(Visited e) { return new Visits(id, count + e.times()); }
            }
            """)), dir);
    AggregateType<Object, Object> type = aggregateType(single, "visits.Visits_AggregateType");
    Object visited = single.loadClass("visits.Visited").getConstructor(int.class).newInstance(3);

    Object visits = type.apply(type.create(UUID.randomUUID()), visited);

    assertEquals(3, visits.getClass().getMethod("count").invoke(visits));
  }

  @Test
  void raiseInsideTheAggregateFindsTheGeneratedTypeThroughTheServicesFile() throws Exception {
    Class<?> userClass = loader.loadClass("shop.User");
    UUID id = UUID.randomUUID();
    Object user =
        userClass.getMethod("register", UUID.class, String.class, String.class).invoke(null, id, "a@b.c", "Ann");
    userClass.getMethod("changeEmail", String.class).invoke(user, "x@y.z");
    assertEquals("x@y.z", field(user, "email"));
    assertThat(((AggregateRoot<?>) user).uncommittedEvents()).hasSize(2);
  }

  @Test
  void oldRevisionIsUpcastToTheNewestBeforeItReachesTheAggregate() throws Exception {
    AggregateType<Object, Object> type = aggregateType(loader, "shop.User_AggregateType");
    List<EventType<?>> eventTypes = type.eventTypes();
    assertThat(eventTypes.stream().map(t -> t.name() + "@" + t.revision() + "=" + t.javaClass().getName()).toList())
        .containsExactly(
            "UserRegistered@1=shop.UserRegisteredV1",
            "UserRegistered@2=shop.UserRegistered",
            "EmailChanged@1=shop.EmailChanged",
            "UserActivated@1=shop.UserActivated")
        .inOrder();
    assertThat(eventTypes.get(1).upcaster()).isEmpty();
    assertThat(eventTypes.get(2).upcaster()).isEmpty();

    // a revision-1 payload stored before revision 2 existed
    String storedV1 = "{\"email\":\"old@x.y\"}";
    Object v1 = new ObjectMapper().readValue(storedV1, eventTypes.get(0).javaClass());
    @SuppressWarnings("unchecked")
    Upcaster<Object, ?> upcaster = (Upcaster<Object, ?>) eventTypes.get(0).upcaster().orElseThrow();
    Object v2 = upcaster.upcast(v1);
    assertEquals(event("shop.UserRegistered", "old@x.y", "(unknown)"), v2);

    Object user = type.apply(type.create(UUID.randomUUID()), v2);
    assertEquals("old@x.y", field(user, "email"));
    assertEquals("(unknown)", field(user, "name"));
  }

  @Test
  void mutableSnapshotRoundTrip() throws Exception {
    AggregateType<Object, Object> type = aggregateType(loader, "shop.User_AggregateType");
    SnapshotSerializer<Object> serializer = type.snapshotSerializer().orElseThrow();
    UUID id = UUID.randomUUID();
    Object user = type.create(id);
    type.apply(user, event("shop.UserRegistered", "a@b.c", "Ann"));
    type.apply(user, event("shop.EmailChanged", "a@b.c", "x@y.z"));
    type.apply(user, event("shop.UserActivated"));
    Field cache = user.getClass().getDeclaredField("cache");
    cache.setAccessible(true);
    cache.set(user, "not state");

    String json = serializer.write(user, MAPPER);
    Object restored = serializer.read(id, json, MAPPER);

    assertEquals(id, ((AggregateRoot<?>) restored).id());
    for (String name : List.of("email", "name", "active", "changes", "activatedAt", "previousEmails", "counters")) {
      assertEquals(field(user, name), field(restored, name), name);
    }
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), field(restored, "activatedAt"));
    assertEquals(Map.of("email", 1), field(restored, "counters"));
    assertEquals(null, field(restored, "cache"));
    assertThat(serializer.fingerprint()).matches("[0-9a-f]{64}");
    assertThat(json).contains("\"activatedAt\":\"2026-01-01T00:00:00Z\""); // ISO text, as in events
  }

  @Test
  void snapshotFieldsGoThroughTheMapperTheRuntimePasses() throws Exception {
    AggregateType<Object, Object> type = aggregateType(loader, "shop.User_AggregateType");
    SnapshotSerializer<Object> serializer = type.snapshotSerializer().orElseThrow();
    UUID id = UUID.randomUUID();
    Object user = type.apply(type.create(id), event("shop.UserRegistered", "a@b.c", "Ann"));
    type.apply(user, event("shop.UserActivated"));
    ObjectMapper epochSeconds = EventSerializer.defaultObjectMapper().registerModule(
        new SimpleModule()
            .addSerializer(Instant.class, new JsonSerializer<>() {
              @Override
              public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
                  throws IOException {
                out.writeString("epoch-second " + value.getEpochSecond());
              }
            }));

    String json = serializer.write(user, epochSeconds);

    assertThat(json).contains("\"activatedAt\":\"epoch-second 1767225600\"");
  }

  @Test
  void snapshotWithAnInstantWrittenAsANumberStillReads() throws Exception {
    SnapshotSerializer<Object> serializer =
        aggregateType(loader, "shop.User_AggregateType").snapshotSerializer().orElseThrow();
    UUID id = UUID.randomUUID();
    // the form of the serializers' former own mapper: java.time values as seconds since the epoch
    String old = "{\"email\":\"a@b.c\",\"name\":\"Ann\",\"active\":true,\"changes\":0,"
        + "\"activatedAt\":1767225600.000000000,\"previousEmails\":[],\"counters\":{}}";

    Object restored = serializer.read(id, old, MAPPER);

    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), field(restored, "activatedAt"));
  }

  @Test
  void snapshotOfAnotherShapeIsRejectedNotMisread() throws Exception {
    SnapshotSerializer<Object> serializer =
        aggregateType(loader, "shop.User_AggregateType").snapshotSerializer().orElseThrow();
    UUID id = UUID.randomUUID();
    assertThrows(IllegalArgumentException.class, () -> serializer.read(id, "not json", MAPPER));
    assertThrows(IllegalArgumentException.class, () -> serializer.read(id, "[1, 2]", MAPPER));
    assertThrows(IllegalArgumentException.class, () -> serializer.read(id, "{\"email\":\"a\"}", MAPPER));
    String valid = serializer.write(aggregateType(loader, "shop.User_AggregateType").create(id), MAPPER);
    assertThrows(
        IllegalArgumentException.class,
        () -> serializer.read(id, valid.replace("\"changes\":0", "\"changes\":null"), MAPPER));
    assertThrows(
        IllegalArgumentException.class,
        () -> serializer.read(id, valid.replace("\"changes\":0", "\"changes\":\"many\""), MAPPER));
  }

  @Test
  void recordAggregateReturnsNextStates() throws Exception {
    AggregateType<Object, Object> type = aggregateType(loader, "bank.Account_AggregateType");
    assertEquals("BankAccount", type.name());
    assertEquals("bank.AccountEvent", type.eventClass().getName());
    assertEquals(10, type.snapshotEvery());
    assertEquals(25, type.snapshotAfterReplaying());
    UUID id = UUID.randomUUID();
    Object empty = type.create(id);
    Object opened = type.apply(empty, event("bank.Events$Opened", "Ann"));
    Object deposited = type.apply(opened, event("bank.Events$Deposited", 100L));
    Object withdrawn = type.apply(deposited, event("bank.Events$Withdrawn", 30L));
    assertEquals(0L, call(empty, "balance"));
    assertEquals(null, call(empty, "owner"));
    assertEquals(100L, call(deposited, "balance"));
    assertEquals(70L, call(withdrawn, "balance"));
    assertEquals("Ann", call(withdrawn, "owner"));
    assertEquals(id, call(withdrawn, "id"));

    Object audited = event("bank.Events$Audited", "bob");
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> type.apply(withdrawn, audited));
    assertThat(unknown).hasMessageThat().contains("BankAccount");
    assertThat(unknown).hasMessageThat().contains("bank.Events$Audited");
  }

  @Test
  void recordSnapshotRoundTrip() throws Exception {
    AggregateType<Object, Object> type = aggregateType(loader, "bank.Account_AggregateType");
    SnapshotSerializer<Object> serializer = type.snapshotSerializer().orElseThrow();
    UUID id = UUID.randomUUID();
    Object account = type.apply(type.apply(type.create(id), event("bank.Events$Opened", "Ann")),
        event("bank.Events$Deposited", 42L));
    String json = serializer.write(account, MAPPER);
    assertThat(json).doesNotContain(id.toString()); // the id comes from the stream, not the snapshot
    assertEquals(account, serializer.read(id, json, MAPPER));
  }

  @Test
  void aggregateWithoutSnapshotsHasNoSerializer() throws Exception {
    AggregateType<Object, Object> type = aggregateType(loader, "bank.Counter_AggregateType");
    assertEquals(0, type.snapshotEvery());
    assertEquals(0, type.snapshotAfterReplaying());
    assertThat(type.snapshotSerializer()).isEmpty();
    assertEquals("bank.Counter$CounterEvent", type.eventClass().getName());
    Object counter = type.apply(type.create(UUID.randomUUID()), event("bank.Counter$Incremented", 5));
    assertEquals(5, call(counter, "value"));
    assertEquals(7, call(type.apply(counter, event("bank.Counter$Incremented", 2)), "value"));
    assertEquals(0, call(type.apply(counter, event("bank.Counter$Reset")), "value"));
  }

  @Test
  void fingerprintChangesWithSnapshotVersionStateAndHandlersOnly(@TempDir Path other) throws Exception {
    String same = fingerprintOf(Samples.ACCOUNT);
    assertEquals(same, fingerprintOf(Samples.ACCOUNT));
    String source = Samples.ACCOUNT.getCharContent(true).toString();
    assertNotEquals(same, fingerprintOf(account(source.replace("snapshotVersion = 3", "snapshotVersion = 4"))));
    assertNotEquals(same, fingerprintOf(account(source.replace("long balance", "int balance")
        .replace("0L", "0").replace("balance + e.amount()", "(int) (balance + e.amount())")
        .replace("balance - e.amount()", "(int) (balance - e.amount())"))));
    assertNotEquals(
        same,
        fingerprintOf(account(source.replace("  @Apply\n  Account on(Events.Withdrawn e)", "  Account on(Events.Withdrawn e)"))));
    // a change that touches neither state, handlers nor version keeps stored snapshots usable
    assertEquals(same, fingerprintOf(account(source.replace("return new Account(id, e.owner(), balance);",
        "return new Account(id, e.owner().strip(), balance);"))));
  }

  private static FeedEvent feedEvent(UUID aggregateId, long version, int shard, long position, Object payload) {
    EventEnvelope<Object> envelope =
        new EventEnvelope<>(
            UUID.randomUUID(), aggregateId, "User", payload.getClass().getSimpleName(), 1, version,
            Instant.parse("2026-01-01T00:00:00Z"), "tester", EventMetadata.empty().withCorrelationId("c-1"), payload);
    return new FeedEvent(shard, position, envelope);
  }

  private static Projection projection(Object projector) throws Exception {
    return (Projection)
        loader.loadClass("shop.read.UserDirectory_Projection")
            .getConstructor(projector.getClass())
            .newInstance(projector);
  }

  @Test
  void generatedProjectionDispatchesByPayloadTypeWithTheFeedEventAndIgnoresOthers() throws Exception {
    Object directory = loader.loadClass("shop.read.UserDirectory").getConstructor().newInstance();
    Projection projection = projection(directory);
    assertEquals("user-directory", projection.name());

    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
    projection.handle(feedEvent(id, 1, 3, 41, event("shop.UserRegistered", "a@b.c", "Ann")));
    projection.handle(feedEvent(id, 2, 3, 42, event("bank.Counter$Incremented", 1))); // no handler: ignored
    projection.handle(feedEvent(id, 3, 3, 43, event("shop.EmailChanged", "a@b.c", "x@y.z")));
    projection.handle(
        feedEvent(id, 4, FeedEvent.NOT_IN_FEED, FeedEvent.NOT_IN_FEED, event("shop.UserActivated")));

    assertEquals(
        List.of(
            "registered a@b.c as 00000000-0000-0000-0000-000000000001 v1 at 3/41",
            "changed a@b.c -> x@y.z",
            "activated"),
        field(directory, "log"));
  }

  @Test
  void generatedProjectionPropagatesHandlerExceptionsAndResetsThroughTheResetMethod() throws Exception {
    Object directory = loader.loadClass("shop.read.UserDirectory").getConstructor().newInstance();
    Projection projection = projection(directory);
    IOException failure =
        assertThrows(
            IOException.class,
            () -> projection.handle(feedEvent(UUID.randomUUID(), 1, 0, 0, event("shop.UserActivated"))));
    assertThat(failure).hasMessageThat().isEqualTo("activated before registered");

    projection.handle(feedEvent(UUID.randomUUID(), 1, 0, 1, event("shop.UserRegistered", "a@b.c", "Ann")));
    assertThat((List<?>) field(directory, "log")).hasSize(1);
    projection.reset();
    assertThat((List<?>) field(directory, "log")).isEmpty();
    java.lang.reflect.InvocationTargetException noProjector =
        assertThrows(
            java.lang.reflect.InvocationTargetException.class,
            () -> loader.loadClass("shop.read.UserDirectory_Projection")
                .getConstructor(directory.getClass())
                .newInstance((Object) null));
    assertThat(noProjector.getCause()).isInstanceOf(NullPointerException.class);
  }

  @Test
  void generatedProjectionHandlesTheStoredTypeNamesOfItsHandledEventsOnly() throws Exception {
    Projection projection = projection(loader.loadClass("shop.read.UserDirectory").getConstructor().newInstance());
    assertThat(projection.handles("UserRegistered")).isTrue(); // @Event(name) of both revisions
    assertThat(projection.handles("EmailChanged")).isTrue();
    assertThat(projection.handles("UserActivated")).isTrue();
    assertThat(projection.handles("Incremented")).isFalse();
    assertThat(projection.handles("shop.EmailChanged")).isFalse();
  }

  @Test
  void generatedProjectionReturnsTheStageOfAnAsynchronousHandlerAndHandleWaitsForIt() throws Exception {
    Object directory = loader.loadClass("shop.read.UserDirectory").getConstructor().newInstance();
    Projection projection = projection(directory);
    CompletableFuture<String> written = new CompletableFuture<>();
    setField(directory, "emailWritten", written);

    CompletableFuture<Void> stage =
        projection.handleAsync(feedEvent(UUID.randomUUID(), 2, 0, 1, event("shop.EmailChanged", "a@b.c", "x@y.z")))
            .toCompletableFuture();
    assertThat(field(directory, "log")).isEqualTo(List.of("changed a@b.c -> x@y.z"));
    assertThat(stage.isDone()).isFalse(); // the handler's I/O is still running
    written.complete("row written");
    assertThat(stage.getNow(null)).isNull();
    assertThat(stage.isCompletedExceptionally()).isFalse();

    IOException timeout = new IOException("write timed out");
    setField(directory, "emailWritten", CompletableFuture.failedFuture(timeout));
    IOException thrown =
        assertThrows(
            IOException.class,
            () -> projection.handle(feedEvent(UUID.randomUUID(), 3, 0, 2, event("shop.EmailChanged", "x", "y"))));
    assertSame(timeout, thrown); // the stage's own exception, not a CompletionException around it
  }

  @Test
  void generatedProjectionTurnsSynchronousFailuresIntoFailedStagesAndCompletesOthers() throws Exception {
    Object directory = loader.loadClass("shop.read.UserDirectory").getConstructor().newInstance();
    Projection projection = projection(directory);

    CompletableFuture<Void> asyncHandlerThrew =
        projection.handleAsync(feedEvent(UUID.randomUUID(), 2, 0, 1, event("shop.EmailChanged", "a@b.c", "")))
            .toCompletableFuture();
    ExecutionException failed = assertThrows(ExecutionException.class, asyncHandlerThrew::get);
    assertThat(failed.getCause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(failed.getCause()).hasMessageThat().isEqualTo("no new email");

    CompletableFuture<Void> voidHandlerThrew =
        projection.handleAsync(feedEvent(UUID.randomUUID(), 1, 0, 2, event("shop.UserActivated")))
            .toCompletableFuture();
    assertThat(assertThrows(ExecutionException.class, voidHandlerThrew::get).getCause())
        .isInstanceOf(IOException.class);

    setField(directory, "emailWritten", null);
    CompletableFuture<Void> noStage =
        projection.handleAsync(feedEvent(UUID.randomUUID(), 2, 0, 3, event("shop.EmailChanged", "a", "b")))
            .toCompletableFuture();
    assertThat(assertThrows(ExecutionException.class, noStage::get).getCause())
        .hasMessageThat()
        .isEqualTo("UserDirectory.on(EmailChanged) returned null instead of a CompletionStage");

    CompletableFuture<Void> noHandler =
        projection.handleAsync(feedEvent(UUID.randomUUID(), 1, 0, 4, event("bank.Counter$Incremented", 1)))
            .toCompletableFuture();
    assertThat(noHandler.getNow(null)).isNull();
    assertThat(noHandler.isCompletedExceptionally()).isFalse();
  }

  @Test
  void generatedTableHasItsCqlAsConstantsAndValidatesTheKeyspace() throws Exception {
    Class<?> table = loader.loadClass("shop.read.UserByEmailTable");
    assertEquals("user_by_email", table.getField("TABLE").get(null));
    assertEquals(
        "CREATE TABLE IF NOT EXISTS user_by_email (email text, user_id uuid, name text, active boolean,"
            + " PRIMARY KEY ((email)))",
        table.getField("CREATE_TABLE").get(null));
    Class<?> history = loader.loadClass("shop.read.OrderHistoryTable");
    assertThat((String) history.getField("CREATE_TABLE").get(null))
        .endsWith("PRIMARY KEY ((customer_id, year), placed_at, order_id))");
    assertThat(List.of(history.getMethods()).stream().map(Method::getName).toList())
        .containsAtLeast("initialize", "upsert", "find", "findByPartition", "delete", "deletePartition",
            "truncate");
    assertThat(List.of(table.getMethods()).stream().map(Method::getName).toList())
        .containsNoneOf("findByPartition", "deletePartition"); // no clustering columns: find is the partition

    com.datastax.oss.driver.api.core.CqlSession session =
        (com.datastax.oss.driver.api.core.CqlSession)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {com.datastax.oss.driver.api.core.CqlSession.class},
                (proxy, method, args) -> {
                  throw new AssertionError("no statement may run in the constructor: " + method.getName());
                });
    Constructor<?> constructor =
        table.getConstructor(com.datastax.oss.driver.api.core.CqlSession.class, String.class);
    constructor.newInstance(session, "read_models"); // nothing prepared yet
    for (String bad : List.of("Read", "1ks", "ks-x", "k".repeat(49), "select")) {
      java.lang.reflect.InvocationTargetException thrown =
          assertThrows(java.lang.reflect.InvocationTargetException.class, () -> constructor.newInstance(session, bad));
      assertThat(thrown.getCause()).isInstanceOf(dev.es.runtime.InvalidIdentifierException.class);
      assertThat(thrown.getCause()).hasMessageThat().contains("invalid keyspace name '" + bad + "'");
    }
  }

  private static JavaFileObject account(String text) {
    return ProcessorTesting.source("bank.Account", text);
  }

  private static String fingerprintOf(JavaFileObject account) throws Exception {
    Compilation compilation =
        ProcessorTesting.compile(Samples.ACCOUNT_EVENT, Samples.ACCOUNT_EVENTS, account);
    assertThat(compilation).succeeded();
    String source =
        compilation.generatedSourceFile("bank.Account_SnapshotSerializer").orElseThrow().getCharContent(true)
            .toString();
    int at = source.indexOf("FINGERPRINT = \"") + "FINGERPRINT = \"".length();
    return source.substring(at, at + 64);
  }
}
