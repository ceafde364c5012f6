package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.es.processor.ProcessorTesting.assertOnlyError;
import static dev.es.processor.ProcessorTesting.compile;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import java.util.EnumSet;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link Message}: a bad source, the message id and text, the file and line it points at, and that it
 * is the only error (no cascade). {@link #everyMessageHasATest()} keeps the list complete.
 */
class DiagnosticsTest {

  private static final Set<Message> TESTED = EnumSet.noneOf(Message.class);

  private static final String HEADER =
      """
      package test;

      import dev.es.annotations.*;
      import dev.es.runtime.AggregateRoot;
      import java.util.UUID;

      """;

  /** A sealed event interface with two records, in the same file as the aggregate. */
  private static final String EVENTS =
      """
      sealed interface UserEvent {}
      record Registered(String name) implements UserEvent {}
      record Renamed(String name) implements UserEvent {}

      """;

  private static JavaFileObject user(String body) {
    return source("test.User", HEADER + EVENTS + body);
  }

  private static void expect(Message message, Compilation compilation, JavaFileObject file, String line) {
    TESTED.add(message);
    assertOnlyError(compilation, message.id(), file, line);
  }

  @Test
  void aggregateKind() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            interface User {}
            """);
    Compilation c = compile(file);
    expect(Message.AGGREGATE_KIND, c, file, "interface User {}");
    assertThat(c.errors().get(0).getMessage(null)).contains("is an interface, not a class or record");
  }

  @Test
  void aggregateBase() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User {
              String name;
              User(UUID id) {}
              @Apply void on(Registered e) { name = e.name(); }
              @Apply void on(Renamed e) { name = e.name(); }
            }
            """);
    Compilation c = compile(file);
    expect(Message.AGGREGATE_BASE, c, file, "public class User");
    assertThat(c.errors().get(0).getMessage(null)).contains("must extend dev.es.runtime.AggregateRoot<E>");
  }

  @Test
  void aggregateNameUsedTwice() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              String name;
              User(UUID id) { super(id); }
              @Apply void on(Registered e) { name = e.name(); }
              @Apply void on(Renamed e) { name = e.name(); }
            }

            @EventSourced(name = "User")
            class Customer extends AggregateRoot<UserEvent> {
              Customer(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.AGGREGATE_NAME, c, file, "public class User");
    assertThat(c.errors().get(0).getMessage(null)).contains("\"User\" of test.User is already used by test.Customer");
  }

  @Test
  void noUsableConstructor() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              String name;
              private User(UUID id) { super(id); }
              User() { this(UUID.randomUUID()); }
              @Apply void on(Registered e) { name = e.name(); }
              @Apply void on(Renamed e) { name = e.name(); }
            }
            """);
    Compilation c = compile(file);
    expect(Message.CONSTRUCTOR, c, file, "public class User");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("no non-private constructor taking exactly one java.util.UUID");
    assertThat(c.errors().get(0).getMessage(null)).contains("User(UUID id) { super(id); }");
  }

  @Test
  void recordAggregateEventTypeCannotBeInferred() {
    JavaFileObject file =
        source(
            "test.Account",
            HEADER
                + """
                record Opened(String owner) {}

                @EventSourced
                public record Account(UUID id, String owner) {
                  Account(UUID id) { this(id, null); }
                  @Apply Account on(Opened e) { return new Account(id, e.owner()); }
                }
                """);
    Compilation c = compile(file);
    expect(Message.EVENT_BASE, c, file, "public record Account");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("its event records do not all implement one sealed interface");
    assertThat(c.errors().get(0).getMessage(null)).contains("@EventSourced(events = YourEvent.class)");
  }

  @Test
  void negativeSnapshotEvery() {
    JavaFileObject file =
        user(
            """
            @EventSourced(snapshotEvery = -1)
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
            }
            """);
    expect(Message.SNAPSHOT_EVERY, compile(file), file, "snapshotEvery = -1");
  }

  @Test
  void negativeSnapshotAfterReplaying() {
    JavaFileObject file =
        user(
            """
            @EventSourced(snapshotAfterReplaying = -5)
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
            }
            """);
    expect(Message.SNAPSHOT_AFTER_REPLAYING, compile(file), file, "snapshotAfterReplaying = -5");
  }

  @Test
  void snapshotSupportAloneChecksTheStateFields() {
    JavaFileObject file =
        user(
            """
            @EventSourced(snapshots = true)
            public class User extends AggregateRoot<UserEvent> {
              private String name;
              User(UUID id) { super(id); }
              @Apply void on(Registered e) { name = e.name(); }
              @Apply void on(Renamed e) {}
            }
            """);
    expect(Message.SNAPSHOT_PRIVATE_FIELD, compile(file), file, "private String name;");
  }

  @Test
  void privateStateFieldInSnapshottingAggregate() {
    JavaFileObject file =
        user(
            """
            @EventSourced(snapshotEvery = 5)
            public class User extends AggregateRoot<UserEvent> {
              private String name;
              User(UUID id) { super(id); }
              @Apply void on(Registered e) { name = e.name(); }
              @Apply void on(Renamed e) { name = e.name(); }
            }
            """);
    Compilation c = compile(file);
    expect(Message.SNAPSHOT_PRIVATE_FIELD, c, file, "private String name;");
    assertThat(c.errors().get(0).getMessage(null)).contains("Make it package-private, or transient");
  }

  @Test
  void privateFieldIsFineWithoutSnapshots() {
    JavaFileObject events =
        source(
            "test.UserEvent",
            """
            package test;

            public sealed interface UserEvent {
              record Registered(String name) implements UserEvent {}
            }
            """);
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                @EventSourced
                public class User extends AggregateRoot<UserEvent> {
                  private String name;
                  User(UUID id) { super(id); }
                  @Apply void on(UserEvent.Registered e) { name = e.name(); }
                  String name() { return name; }
                }
                """);
    com.google.testing.compile.CompilationSubject.assertThat(compile(events, file)).succeededWithoutWarnings();
  }

  @Test
  void finalStateFieldInSnapshottingAggregate() {
    JavaFileObject file =
        user(
            """
            @EventSourced(snapshotEvery = 5)
            public class User extends AggregateRoot<UserEvent> {
              final java.util.List<String> names = new java.util.ArrayList<>();
              User(UUID id) { super(id); }
              @Apply void on(Registered e) { names.add(e.name()); }
              @Apply void on(Renamed e) { names.add(e.name()); }
            }
            """);
    expect(Message.SNAPSHOT_FINAL_FIELD, compile(file), file, "final java.util.List<String> names");
  }

  @Test
  void stateFieldOfAnInterfaceType() {
    JavaFileObject file =
        user(
            """
            @EventSourced(snapshotEvery = 5)
            public class User extends AggregateRoot<UserEvent> {
              java.util.function.Supplier<String> greeting;
              User(UUID id) { super(id); }
              @Apply void on(Registered e) { greeting = e::name; }
              @Apply void on(Renamed e) { greeting = e::name; }
            }
            """);
    Compilation c = compile(file);
    expect(Message.SNAPSHOT_FIELD_TYPE, c, file, "java.util.function.Supplier<String> greeting;");
    assertThat(c.errors().get(0).getMessage(null)).contains("java.util.function.Supplier<java.lang.String>");
  }

  @Test
  void generatedNameCollidesWithExistingType() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
            }

            class UserRepository {}
            """);
    Compilation c = compile(file);
    expect(Message.NAME_COLLISION, c, file, "public class User");
    assertThat(c.errors().get(0).getMessage(null)).contains("generates test.UserRepository for User");
  }

  @Test
  void applyOutsideAggregate() {
    JavaFileObject file =
        user(
            """
            class Helper {
              @Apply void stray(Registered e) {}
            }
            """);
    expect(Message.APPLY_OUTSIDE, compile(file), file, "void stray(");
  }

  @Test
  void applyOnStaticMethod() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply static void on(Renamed e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_MODIFIERS, c, file, "static void on(Renamed e)");
    assertThat(c.errors().get(0).getMessage(null)).contains("must not be static");
  }

  @Test
  void applyOnPrivateMethod() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply private void on(Renamed e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_MODIFIERS, c, file, "private void on(Renamed e)");
    assertThat(c.errors().get(0).getMessage(null)).contains("must not be private");
  }

  @Test
  void applyWithoutParameter() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
              @Apply void touch() {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_ARITY, c, file, "void touch()");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("must take exactly one event parameter, found 0");
  }

  @Test
  void applyWithTwoParameters() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
              @Apply void both(Registered e, Renamed f) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_ARITY, c, file, "void both(");
    assertThat(c.errors().get(0).getMessage(null)).contains("found 2");
  }

  @Test
  void applyParameterIsNotAnEventRecord() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
              @Apply void on(UserEvent e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_PARAM, c, file, "void on(UserEvent e)");
    assertThat(c.errors().get(0).getMessage(null)).contains("test.UserEvent is not an event record");
  }

  @Test
  void applyParameterOutsideTheEventType() {
    JavaFileObject file =
        user(
            """
            record Other(String x) {}

            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
              @Apply void on(Other e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_EVENT_TYPE, c, file, "void on(Other e)");
    assertThat(c.errors().get(0).getMessage(null)).contains("Other is not a subtype of UserEvent");
  }

  @Test
  void twoHandlersForOneEvent() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
              @Apply void again(Renamed e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_DUPLICATE, c, file, "void again(Renamed e)");
    assertThat(c.errors().get(0).getMessage(null)).contains("already has an @Apply method for Renamed: User.on()");
  }

  @Test
  void permittedEventWithoutHandler() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_MISSING, c, file, "public class User");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("User has no @Apply method for Renamed, a permitted subtype of sealed UserEvent");
    assertThat(c.errors().get(0).getMessage(null)).contains("Add '@Apply void on(Renamed e) { ... }'");
  }

  @Test
  void aggregateWithoutApplyMethods() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                interface UserEvent {}

                @EventSourced
                public class User extends AggregateRoot<UserEvent> {
                  User(UUID id) { super(id); }
                }
                """);
    expect(Message.APPLY_NONE, compile(file), file, "public class User");
  }

  @Test
  void recordAggregateApplyReturnsVoid() {
    JavaFileObject file =
        source(
            "test.Account",
            HEADER
                + """
                sealed interface AccountEvent {}
                record Opened(String owner) implements AccountEvent {}
                record Closed() implements AccountEvent {}

                @EventSourced
                public record Account(UUID id, String owner) {
                  Account(UUID id) { this(id, null); }
                  @Apply Account on(Opened e) { return new Account(id, e.owner()); }
                  @Apply void on(Closed e) {}
                }
                """);
    Compilation c = compile(file);
    expect(Message.APPLY_RETURN, c, file, "void on(Closed e)");
    assertThat(c.errors().get(0).getMessage(null)).contains("must return the next state, of type Account");
  }

  @Test
  void mutableAggregateApplyReturnsValue() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply User on(Renamed e) { return this; }
            }
            """);
    expect(Message.APPLY_VOID, compile(file), file, "User on(Renamed e)");
  }

  @Test
  void applyDeclaresCheckedException() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) throws java.io.IOException {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.APPLY_THROWS, c, file, "throws java.io.IOException");
    assertThat(c.errors().get(0).getMessage(null)).contains("declares checked exception java.io.IOException");
  }

  @Test
  void applyTakesAnOldRevision() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                interface UserEvent {}

                @Event(name = "Registered", revision = 1)
                record RegisteredV1(String name) implements UserEvent {
                  @Upcast Registered next() { return new Registered(name, ""); }
                }

                @Event(revision = 2)
                record Registered(String name, String email) implements UserEvent {}

                @EventSourced
                public class User extends AggregateRoot<UserEvent> {
                  User(UUID id) { super(id); }
                  @Apply void on(RegisteredV1 e) {}
                }
                """);
    Compilation c = compile(file);
    expect(Message.APPLY_OLD_REVISION, c, file, "void on(RegisteredV1 e)");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("RegisteredV1 is revision 1 of event \"Registered\", but revision 2 exists (Registered)");
  }

  @Test
  void eventAnnotationOnAClass() {
    JavaFileObject file =
        user(
            """
            @Event
            final class Legacy {}
            """);
    Compilation c = compile(file);
    expect(Message.EVENT_NOT_RECORD, c, file, "@Event");
    assertThat(c.errors().get(0).getMessage(null)).contains("Event Legacy is a class, not a record");
  }

  @Test
  void permittedEventThatIsNotARecord() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                sealed interface UserEvent {}
                record Registered(String name) implements UserEvent {}
                final class Renamed implements UserEvent {}

                @EventSourced
                public class User extends AggregateRoot<UserEvent> {
                  User(UUID id) { super(id); }
                  @Apply void on(Registered e) {}
                }
                """);
    Compilation c = compile(file);
    expect(Message.EVENT_NOT_RECORD, c, file, "final class Renamed");
  }

  @Test
  void eventRevisionBelowOne() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                sealed interface UserEvent {}
                @Event(revision = 0)
                record Registered(String name) implements UserEvent {}

                @EventSourced
                public class User extends AggregateRoot<UserEvent> {
                  User(UUID id) { super(id); }
                  @Apply void on(Registered e) {}
                }
                """);
    expect(Message.EVENT_REVISION, compile(file), file, "revision = 0");
  }

  @Test
  void twoEventsWithTheSameNameAndRevision() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                sealed interface UserEvent {}
                record Registered(String name) implements UserEvent {}
                @Event(name = "Registered")
                record Renamed(String name) implements UserEvent {}

                @EventSourced
                public class User extends AggregateRoot<UserEvent> {
                  User(UUID id) { super(id); }
                  @Apply void on(Registered e) {}
                  @Apply void on(Renamed e) {}
                }
                """);
    Compilation c = compile(file);
    expect(Message.EVENT_DUPLICATE, c, file, "@Event(name = \"Registered\")");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("Event test.Renamed has type name \"Registered\" and revision 1, like test.Registered");
  }

  @Test
  void eventNotAccessibleFromGeneratedCode() {
    JavaFileObject file =
        source(
            "test.Outer",
            HEADER
                + """
                interface UserEvent {}

                public class Outer {
                  private record Secret(String x) implements UserEvent {}

                  @EventSourced
                  static class User extends AggregateRoot<UserEvent> {
                    User(UUID id) { super(id); }
                    @Apply void on(Secret e) {}
                  }
                }
                """);
    Compilation c = compile(file);
    expect(Message.EVENT_ACCESS, c, file, "void on(Secret e)");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("test.Outer.Secret is not accessible from package test");
  }

  private static final String CHAIN_AGGREGATE =
      """
      @Event(revision = 2)
      record Registered(String name, String email) implements UserEvent {}

      @EventSourced
      public class User extends AggregateRoot<UserEvent> {
        User(UUID id) { super(id); }
        @Apply void on(Registered e) {}
      }
      """;

  @Test
  void upcastOnStaticMethod() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                interface UserEvent {}

                @Event(name = "Registered", revision = 1)
                record RegisteredV1(String name) {
                  @Upcast static Registered next() { return new Registered("", ""); }
                }
                """
                + CHAIN_AGGREGATE);
    Compilation c = compile(file);
    expect(Message.UPCAST_SIGNATURE, c, file, "static Registered next()");
    assertThat(c.errors().get(0).getMessage(null)).contains("RegisteredV1.next() must not be static");
  }

  @Test
  void twoUpcastMethods() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                interface UserEvent {}

                @Event(name = "Registered", revision = 1)
                record RegisteredV1(String name) {
                  @Upcast Registered next() { return new Registered(name, ""); }
                  @Upcast Registered other() { return new Registered(name, "?"); }
                }
                """
                + CHAIN_AGGREGATE);
    expect(Message.UPCAST_DUPLICATE, compile(file), file, "Registered other()");
  }

  @Test
  void oldRevisionWithoutUpcast() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                interface UserEvent {}

                @Event(name = "Registered", revision = 1)
                record RegisteredV1(String name) {}
                """
                + CHAIN_AGGREGATE);
    Compilation c = compile(file);
    expect(Message.UPCAST_MISSING, c, file, "record RegisteredV1");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("RegisteredV1 is revision 1 of event \"Registered\", but revision 2 exists");
    assertThat(c.errors().get(0).getMessage(null)).contains("Add '@Upcast Registered next()");
  }

  @Test
  void upcastReturnsAnotherEvent() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                interface UserEvent {}
                record Renamed(String name) implements UserEvent {}

                @Event(name = "Registered", revision = 1)
                record RegisteredV1(String name) {
                  @Upcast Renamed next() { return new Renamed(name); }
                }
                """
                + CHAIN_AGGREGATE.replace(
                    "@Apply void on(Registered e) {}", "@Apply void on(Registered e) {}\n  @Apply void on(Renamed e) {}"));
    Compilation c = compile(file);
    expect(Message.UPCAST_TARGET, c, file, "Renamed next()");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("returns Renamed, but must return the next revision of event \"Registered\" (revision 2)");
  }

  @Test
  void upcastSkipsARevision() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                interface UserEvent {}

                @Event(name = "Registered", revision = 1)
                record RegisteredV1(String name) {
                  @Upcast Registered next() { return new Registered(name, ""); }
                }
                """
                + CHAIN_AGGREGATE.replace("@Event(revision = 2)", "@Event(revision = 3)"));
    Compilation c = compile(file);
    expect(Message.UPCAST_GAP, c, file, "Registered next()");
    assertThat(c.errors().get(0).getMessage(null))
        .contains("converts revision 1 of event \"Registered\" to revision 3; revisions must be consecutive");
  }

  @Test
  void internalErrorIsReportedNotThrown() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
            }
            """);
    Compilation c =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new FailingFilerProcessor(new EsProcessor()))
            .compile(file);
    expect(Message.INTERNAL, c, file, "public class User");
    assertThat(c.errors().get(0).getMessage(null)).contains("es-processor failed on test.User; this is a bug");
    assertThat(c.errors().get(0).getMessage(null)).contains("filer exploded");
  }

  @Test
  void everyErrorOfEveryTypeIsReported() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply static void on(Registered e) {}
              @Apply void on(Renamed e, Renamed f) {}
            }
            """);
    JavaFileObject good =
        source(
            "other.Counter",
            """
            package other;

            import dev.es.annotations.*;
            import java.util.UUID;

            @EventSourced
            public record Counter(UUID id, int value) {
              public Counter(UUID id) { this(id, 0); }
              public sealed interface CounterEvent {}
              public record Incremented() implements CounterEvent {}
              public record Reset() implements CounterEvent {}
              @Apply Counter on(Incremented e) { return new Counter(id, value + 1); }
            }
            """);
    Compilation c = compile(file, good);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorCount(4);
    com.google.testing.compile.CompilationSubject.assertThat(c)
        .hadErrorContaining("[ES-APPLY-MODIFIERS]").inFile(file).onLineContaining("static void on(Registered e)");
    com.google.testing.compile.CompilationSubject.assertThat(c)
        .hadErrorContaining("[ES-APPLY-ARITY]").inFile(file).onLineContaining("void on(Renamed e, Renamed f)");
    com.google.testing.compile.CompilationSubject.assertThat(c)
        .hadErrorContaining("[ES-APPLY-MISSING]").inFile(file).onLineContaining("public class User");
    com.google.testing.compile.CompilationSubject.assertThat(c)
        .hadErrorContaining("[ES-APPLY-MISSING] Counter has no @Apply method for Reset")
        .inFile(good)
        .onLineContaining("public record Counter");
  }

  @Test
  void typeThatNeverResolves() {
    JavaFileObject file =
        user(
            """
            @EventSourced
            public class User extends AggregateRoot<UserEvent> {
              User(UUID id) { super(id); }
              @Apply void on(Registered e) {}
              @Apply void on(Renamed e) {}
              @Apply void on(NoSuchEvent e) {}
            }
            """);
    Compilation c = compile(file);
    TESTED.add(Message.UNRESOLVED);
    // javac's own error, and ours naming the type that was not processed and the type that did not resolve
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorCount(2);
    com.google.testing.compile.CompilationSubject.assertThat(c)
        .hadErrorContaining("cannot find symbol").inFile(file).onLineContaining("NoSuchEvent e");
    com.google.testing.compile.CompilationSubject.assertThat(c)
        .hadErrorContaining(
            "[ES-UNRESOLVED] @EventSourced User was not processed: type NoSuchEvent did not resolve by the last round")
        .inFile(file)
        .onLineContaining("NoSuchEvent e");
  }

  // ---- read-model tables (@Projection) ----

  private static final String READ_HEADER =
      """
      package test;

      import com.datastax.oss.driver.api.mapper.annotations.*;
      import dev.es.annotations.*;
      import java.util.*;

      """;

  private static JavaFileObject readModel(String body) {
    return source("test.Row", READ_HEADER + body);
  }

  private static String message(Compilation c) {
    return c.errors().get(0).getMessage(null);
  }

  @Test
  void projectionNotARecord() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public class Row {
              @PartitionKey UUID id;
            }
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KIND, c, file, "public class Row");
    assertThat(message(c)).contains("@Projection Row is a class, not a record.");
  }

  @Test
  void projectionGenericRecord() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row<T>(@PartitionKey UUID id, T value) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KIND, c, file, "public record Row<T>");
    assertThat(message(c)).contains("is generic");
  }

  @Test
  void projectionTableNameNotAnIdentifier() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "user-by-email")
            public record Row(@PartitionKey UUID id) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_TABLE, c, file, "@Projection(table = \"user-by-email\")");
    assertThat(message(c)).contains("Table name \"user-by-email\" of Row is not an unquoted CQL identifier.");
  }

  @Test
  void projectionTableNameReservedOrTooLong() {
    JavaFileObject reserved =
        readModel(
            """
            @Projection(table = "Select")
            public record Row(@PartitionKey UUID id) {}
            """);
    Compilation c = compile(reserved);
    expect(Message.PROJECTION_TABLE, c, reserved, "@Projection(table = \"Select\")");
    assertThat(message(c)).contains("is a reserved CQL keyword");

    String longName = "t".repeat(49);
    JavaFileObject tooLong =
        readModel("@Projection(table = \"" + longName + "\")\npublic record Row(@PartitionKey UUID id) {}\n");
    Compilation c2 = compile(tooLong);
    expect(Message.PROJECTION_TABLE, c2, tooLong, "@Projection(table =");
    assertThat(message(c2)).contains("is longer than 48 characters");
  }

  @Test
  void projectionWithoutPartitionKey() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                UUID id,
                @ClusteringColumn String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_PARTITION_KEY, c, file, "public record Row(");
    assertThat(message(c)).contains("@Projection Row has no partition key.");
    assertThat(message(c)).contains("'@PartitionKey UUID id'");
  }

  @Test
  void duplicatePartitionKeyIndex() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID tenant,
                @PartitionKey UUID id,
                String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@PartitionKey UUID id,");
    assertThat(message(c))
        .contains("Partition-key component 'id' of Row has @PartitionKey index 0, but so has 'tenant'.");
  }

  @Test
  void gappedPartitionKeyIndex() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey(0) UUID tenant,
                @PartitionKey(2) UUID id,
                String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@PartitionKey(2) UUID id,");
    assertThat(message(c)).contains("has @PartitionKey index 2, but no partition-key component has index 1.");
  }

  @Test
  void clusteringOrderNotStartingAtZero() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @ClusteringColumn(1) int day,
                String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@ClusteringColumn(1) int day,");
    assertThat(message(c))
        .contains("Clustering component 'day' of Row has @ClusteringColumn order 1, but they start at 0.");
  }

  @Test
  void duplicateClusteringOrder() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @ClusteringColumn(0) int day,
                @ClusteringColumn(0) int hour) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_ORDER, c, file, "@ClusteringColumn(0) int hour)");
    assertThat(message(c)).contains("@ClusteringColumn order 0, but so has 'day'");
  }

  @Test
  void componentBothPartitionKeyAndClusteringColumn() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @PartitionKey(1) @ClusteringColumn int day) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_CONFLICT, c, file, "@ClusteringColumn int day)");
    assertThat(message(c)).contains("Component 'day' of Row is annotated both @PartitionKey and @ClusteringColumn.");
  }

  @Test
  void collectionAsKey() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                @ClusteringColumn List<String> tags) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_KEY_TYPE, c, file, "@ClusteringColumn List<String> tags)");
    assertThat(message(c)).contains("mapped to CQL list<text>, which cannot be part of a primary key");
  }

  @Test
  void unmappableComponentType() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                Object payload) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_COLUMN_TYPE, c, file, "Object payload)");
    assertThat(message(c)).contains("Component 'payload' of Row has type java.lang.Object, which has no CQL mapping.");
  }

  @Test
  void nestedCollectionIsUnmappable() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                List<List<String>> matrix) {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTION_COLUMN_TYPE, c, file, "List<List<String>> matrix)");
    assertThat(message(c)).contains("(collections inside collections are not supported)");
  }

  @Test
  void invalidOrDuplicateColumnName() {
    JavaFileObject reserved =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID id,
                int order) {}
            """);
    Compilation c = compile(reserved);
    expect(Message.PROJECTION_COLUMN_NAME, c, reserved, "int order)");
    assertThat(message(c)).contains("Column name \"order\" of component 'order' of Row is a reserved CQL keyword.");

    JavaFileObject duplicate =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(
                @PartitionKey UUID userId,
                @CqlName("user_id") UUID other) {}
            """);
    Compilation c2 = compile(duplicate);
    expect(Message.PROJECTION_COLUMN_NAME, c2, duplicate, "@CqlName(\"user_id\") UUID other)");
    assertThat(message(c2)).contains("is already the column of component 'userId'");
  }

  @Test
  void generatedTableNameTaken() {
    JavaFileObject file =
        readModel(
            """
            @Projection(table = "rows")
            public record Row(@PartitionKey UUID id) {}

            class RowTable {}
            """);
    Compilation c = compile(file);
    expect(Message.NAME_COLLISION, c, file, "public record Row(");
    assertThat(message(c)).contains("The processor generates test.RowTable for Row");
  }

  // ---- projectors (@Projector, @Handle, @Reset) ----

  private static final String PROJECTOR_HEADER =
      """
      package test;

      import dev.es.annotations.*;
      import dev.es.runtime.feed.FeedEvent;

      record Registered(String name) {}
      record Renamed(String name) {}

      """;

  private static JavaFileObject projector(String body) {
    return source("test.Users", PROJECTOR_HEADER + body);
  }

  @Test
  void projectorOnAnInterface() {
    JavaFileObject file =
        projector(
            """
            @Projector(name = "users")
            interface Users {}
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTOR_KIND, c, file, "interface Users {}");
    assertThat(message(c)).contains("@Projector Users is an interface, not a class or record.");
    assertThat(message(c)).contains("the generated Users_Projection wraps an instance of it");
  }

  @Test
  void projectorNameBlankOrBad() {
    JavaFileObject blank =
        projector(
            """
            @Projector(name = " ")
            class Users {
              @Handle void on(Registered e) {}
            }
            """);
    Compilation c = compile(blank);
    expect(Message.PROJECTOR_NAME, c, blank, "@Projector(name = \" \")");
    assertThat(message(c)).contains("Projection name \" \" of Users is blank.");

    JavaFileObject colon =
        projector(
            """
            @Projector(name = "users:v2")
            class Users {
              @Handle void on(Registered e) {}
            }
            """);
    Compilation c2 = compile(colon);
    expect(Message.PROJECTOR_NAME, c2, colon, "@Projector(name = \"users:v2\")");
    assertThat(message(c2)).contains("contains characters other than letters");
  }

  @Test
  void twoProjectorsWithOneName() {
    JavaFileObject file =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e) {}
            }

            @Projector(name = "users")
            class Visitors {
              @Handle void on(Registered e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTOR_DUPLICATE, c, file, "class Visitors {");
    assertThat(message(c)).contains("Projection name \"users\" of test.Visitors is already used by test.Users.");
  }

  @Test
  void projectorWithoutHandlers() {
    JavaFileObject file =
        projector(
            """
            @Projector(name = "users")
            class Users {
              void on(Registered e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTOR_NONE, c, file, "class Users {");
    assertThat(message(c)).contains("@Projector Users has no @Handle method.");
  }

  @Test
  void handleOutsideAProjector() {
    JavaFileObject file =
        projector(
            """
            class Users {
              @Handle void on(Registered e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTOR_OUTSIDE, c, file, "@Handle void on(Registered e)");
    assertThat(message(c)).contains("@Handle method on() is in Users, which is not annotated @Projector.");
  }

  @Test
  void resetOutsideAProjector() {
    JavaFileObject file =
        projector(
            """
            class Users {
              @Reset void clear() {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.PROJECTOR_OUTSIDE, c, file, "@Reset void clear()");
    assertThat(message(c)).contains("@Reset method clear() is in Users");
  }

  @Test
  void staticOrPrivateHandler() {
    JavaFileObject file =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle static void on(Registered e) {}
              @Handle void on(Renamed e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.HANDLE_MODIFIERS, c, file, "@Handle static void on(Registered e)");
    assertThat(message(c)).contains("@Handle method Users.on() must not be static");

    JavaFileObject privateHandler =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle private void on(Registered e) {}
            }
            """);
    Compilation c2 = compile(privateHandler);
    expect(Message.HANDLE_MODIFIERS, c2, privateHandler, "@Handle private void on(Registered e)");
    assertThat(message(c2)).contains("must not be private");
  }

  @Test
  void handlerArity() {
    JavaFileObject none =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on() {}
            }
            """);
    Compilation c = compile(none);
    expect(Message.HANDLE_ARITY, c, none, "@Handle void on()");
    assertThat(message(c)).contains("@Handle method Users.on() takes 0 parameters.");

    JavaFileObject three =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e, FeedEvent event, String extra) {}
            }
            """);
    Compilation c2 = compile(three);
    expect(Message.HANDLE_ARITY, c2, three, "@Handle void on(Registered e, FeedEvent event, String extra)");
    assertThat(message(c2)).contains("takes 3 parameters");
  }

  @Test
  void handlerParameterTypes() {
    JavaFileObject notRecord =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(
                  String e) {}
            }
            """);
    Compilation c = compile(notRecord);
    expect(Message.HANDLE_PARAM, c, notRecord, "String e) {}");
    assertThat(message(c)).contains("@Handle parameter 'e' has type java.lang.String, but events are records");

    JavaFileObject secondNotFeedEvent =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e,
                  String position) {}
            }
            """);
    Compilation c2 = compile(secondNotFeedEvent);
    expect(Message.HANDLE_PARAM, c2, secondNotFeedEvent, "String position) {}");
    assertThat(message(c2)).contains("the second parameter of a handler must be dev.es.runtime.feed.FeedEvent");

    JavaFileObject swapped =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(FeedEvent event,
                  Registered e) {}
            }
            """);
    Compilation c3 = compile(swapped);
    assertThat(c3.errors()).hasSize(2); // both parameters are wrong where they are
    com.google.testing.compile.CompilationSubject.assertThat(c3)
        .hadErrorContaining("the event record comes first and the FeedEvent second")
        .inFile(swapped)
        .onLineContaining("@Handle void on(FeedEvent event,");
  }

  @Test
  void handlerReturningNeitherVoidNorACompletionStage() {
    JavaFileObject value =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle String on(Registered e) { return "done"; }
              @Handle java.util.concurrent.CompletableFuture<String> on(Renamed e, FeedEvent event) {
                return java.util.concurrent.CompletableFuture.completedFuture("accepted");
              }
            }
            """);
    Compilation c = compile(value);
    expect(Message.HANDLE_RETURN, c, value, "@Handle String on(Registered e)");
    assertThat(message(c)).contains("@Handle method Users.on() returns java.lang.String.");
    assertThat(message(c)).contains("a java.util.concurrent.CompletionStage (e.g. CompletableFuture<Void>)");

    JavaFileObject primitive =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle int on(Registered e) { return 1; }
            }
            """);
    Compilation c2 = compile(primitive);
    expect(Message.HANDLE_RETURN, c2, primitive, "@Handle int on(Registered e)");
    assertThat(message(c2)).contains("returns int.");
  }

  @Test
  void twoProjectorHandlersForOneEvent() {
    JavaFileObject file =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e) {}
              @Handle void again(Registered e, FeedEvent event) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.HANDLE_DUPLICATE, c, file, "@Handle void again(Registered e, FeedEvent event)");
    assertThat(message(c)).contains("Users already has a @Handle method for Registered: Users.on().");
  }

  @Test
  void handlerOfAnOldRevision() {
    JavaFileObject file =
        projector(
            """
            @Event(name = "Named", revision = 1)
            record NamedV1(String name) {
              @Upcast Named next() { return new Named(name, ""); }
            }
            @Event(revision = 2)
            record Named(String first, String last) {}

            @Projector(name = "users")
            class Users {
              @Handle void on(NamedV1 e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.HANDLE_OLD_REVISION, c, file, "@Handle void on(NamedV1 e)");
    assertThat(message(c)).contains("NamedV1 is revision 1 of event \"Named\", but revision 2 exists (Named)");
  }

  @Test
  void resetSignature() {
    JavaFileObject withParameter =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e) {}
              @Reset void clear(boolean hard) {}
            }
            """);
    Compilation c = compile(withParameter);
    expect(Message.RESET_SIGNATURE, c, withParameter, "@Reset void clear(boolean hard)");
    assertThat(message(c)).contains("@Reset method Users.clear() must not take parameters.");

    JavaFileObject twoResets =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e) {}
              @Reset void clear() {}
              @Reset void wipe() {}
            }
            """);
    Compilation c2 = compile(twoResets);
    expect(Message.RESET_SIGNATURE, c2, twoResets, "@Reset void wipe()");
    assertThat(message(c2)).contains("is a second one; Users.clear() already resets Users");

    JavaFileObject isStatic =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e) {}
              @Reset static void clear() {}
            }
            """);
    Compilation c3 = compile(isStatic);
    expect(Message.RESET_SIGNATURE, c3, isStatic, "@Reset static void clear()");
    assertThat(message(c3)).contains("must not be static");
  }

  @Test
  void generatedProjectionNameTaken() {
    JavaFileObject file =
        projector(
            """
            @Projector(name = "users")
            class Users {
              @Handle void on(Registered e) {}
            }

            class Users_Projection {}
            """);
    Compilation c = compile(file);
    expect(Message.NAME_COLLISION, c, file, "class Users {");
  }

  @Test
  void everyProblemOfAProjectorIsReported() {
    JavaFileObject file =
        projector(
            """
            @Projector(name = "")
            class Users {
              @Handle static void on(Registered e) {}
              @Handle void on(Renamed e, String extra) {}
              @Reset private void clear() {}
            }
            """);
    Compilation c = compile(file);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorCount(4);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-PROJECTOR-NAME]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-HANDLE-MODIFIERS]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-HANDLE-PARAM]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-RESET-SIGNATURE]");
  }

  // ---- sagas (@Saga, @SagaEventHandler, @StartSaga, @EndSaga, @DeadlineHandler) ----

  private static final String SAGA_HEADER =
      """
      package test;

      import dev.es.annotations.*;
      import dev.es.runtime.saga.SagaContext;
      import dev.es.runtime.saga.SagaDeadline;
      import java.util.UUID;

      record OrderPlaced(UUID orderId, String customer, long cents) {}
      record OrderShipped(UUID orderId) {}

      """;

  private static JavaFileObject saga(String body) {
    return source("test.Orders", SAGA_HEADER + body);
  }

  @Test
  void sagaOnAnInterfaceOrAbstractClass() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            interface Orders {}
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_KIND, c, file, "interface Orders {}");
    assertThat(message(c)).contains("@Saga Orders is an interface, not a class or record.");

    JavaFileObject abstractClass =
        saga(
            """
            @Saga(name = "orders")
            abstract class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(abstractClass);
    expect(Message.SAGA_KIND, c2, abstractClass, "abstract class Orders {");
    assertThat(message(c2)).contains("@Saga Orders is abstract.");
  }

  @Test
  void sagaNameBlankOrMalformed() {
    JavaFileObject blank =
        saga(
            """
            @Saga(name = " ")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(blank);
    expect(Message.SAGA_NAME, c, blank, "@Saga(name = \" \")");
    assertThat(message(c)).contains("Saga name \" \" of Orders is blank.");

    JavaFileObject colon =
        saga(
            """
            @Saga(name = "orders:v2")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(colon);
    expect(Message.SAGA_NAME, c2, colon, "@Saga(name = \"orders:v2\")");
    assertThat(message(c2)).contains("contains characters other than letters");
  }

  @Test
  void twoSagasWithOneName() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }

            @Saga(name = "orders")
            class Shipping {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderShipped e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_DUPLICATE, c, file, "class Shipping {");
    assertThat(message(c)).contains("Saga name \"orders\" of test.Shipping is already used by test.Orders.");
  }

  @Test
  void sagaWithoutCallableConstructor() {
    JavaFileObject record =
        saga(
            """
            @Saga(name = "orders")
            record Orders(UUID orderId) {
              @StartSaga @SagaEventHandler(associationProperty = "orderId")
              Orders on(OrderPlaced e) { return new Orders(e.orderId()); }
            }
            """);
    Compilation c = compile(record);
    expect(Message.SAGA_CONSTRUCTOR, c, record, "record Orders(UUID orderId) {");
    assertThat(message(c))
        .contains("@Saga Orders has no non-private constructor without parameters, which the generated"
            + " Orders_SagaType calls");
    assertThat(message(c)).contains("Add 'Orders() { this(...initial state...); }'.");

    JavaFileObject privateConstructor =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              private Orders() {}
              Orders(UUID orderId) {}
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(privateConstructor);
    expect(Message.SAGA_CONSTRUCTOR, c2, privateConstructor, "class Orders {");
  }

  @Test
  void sagaWithoutStartHandler() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_START, c, file, "class Orders {");
    assertThat(message(c)).contains("@Saga Orders has no @StartSaga handler");
  }

  @Test
  void sagaHandlerOutsideASaga() {
    JavaFileObject file =
        saga(
            """
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_OUTSIDE, c, file, "void on(OrderPlaced e)");
    assertThat(message(c))
        .contains("@SagaEventHandler method on() is in Orders, which is not annotated @Saga.");

    JavaFileObject deadline =
        saga(
            """
            class Orders {
              @DeadlineHandler("retry") void retry() {}
            }
            """);
    Compilation c2 = compile(deadline);
    expect(Message.SAGA_OUTSIDE, c2, deadline, "void retry()");
  }

  @Test
  void startOrEndSagaWithoutAHandler() {
    JavaFileObject start =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @StartSaga void on(OrderShipped e) {}
            }
            """);
    Compilation c = compile(start);
    expect(Message.SAGA_MARKER, c, start, "@StartSaga void on(OrderShipped e)");
    assertThat(message(c)).contains("@StartSaga method Orders.on() is not a @SagaEventHandler.");

    JavaFileObject end =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @EndSaga void done() {}
            }
            """);
    Compilation c2 = compile(end);
    expect(Message.SAGA_MARKER, c2, end, "@EndSaga void done()");
    assertThat(message(c2)).contains("is neither a @SagaEventHandler nor a @DeadlineHandler");
  }

  @Test
  void sagaHandlerStaticOrPrivate() {
    JavaFileObject isStatic =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") static void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(isStatic);
    expect(Message.SAGA_HANDLER_MODIFIERS, c, isStatic, "static void on(OrderPlaced e)");
    assertThat(message(c)).contains("Saga handler Orders.on() must not be static");

    JavaFileObject isPrivate =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") private void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(isPrivate);
    expect(Message.SAGA_HANDLER_MODIFIERS, c2, isPrivate, "private void on(OrderPlaced e)");
  }

  @Test
  void sagaHandlerArity() {
    JavaFileObject none =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on() {}
            }
            """);
    Compilation c = compile(none);
    expect(Message.SAGA_HANDLER_ARITY, c, none, "void on() {}");
    assertThat(message(c)).contains("@SagaEventHandler method Orders.on() takes 0 parameters.");
    assertThat(message(c)).contains("'void on(SomeEvent e, SagaContext context)'");

    JavaFileObject three =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId")
              void on(OrderPlaced e, SagaContext context, String extra) {}
            }
            """);
    Compilation c2 = compile(three);
    expect(Message.SAGA_HANDLER_ARITY, c2, three, "void on(OrderPlaced e, SagaContext context, String extra)");
  }

  @Test
  void sagaHandlerParameterTypes() {
    JavaFileObject notRecord =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(String e) {}
            }
            """);
    Compilation c = compile(notRecord);
    expect(Message.SAGA_HANDLER_PARAM, c, notRecord, "void on(String e)");
    assertThat(message(c)).contains("@SagaEventHandler parameter 'e' has type java.lang.String, but events are"
        + " records");

    JavaFileObject secondNotContext =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e,
                  SagaDeadline deadline) {}
            }
            """);
    Compilation c2 = compile(secondNotContext);
    expect(Message.SAGA_HANDLER_PARAM, c2, secondNotContext, "SagaDeadline deadline) {}");
    assertThat(message(c2)).contains("the second parameter of a saga handler must be dev.es.runtime.saga.SagaContext");
  }

  @Test
  void sagaHandlerReturnType() {
    JavaFileObject record =
        saga(
            """
            @Saga(name = "orders")
            record Orders(UUID orderId) {
              Orders() { this(null); }
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(record);
    expect(Message.SAGA_HANDLER_RETURN, c, record, "void on(OrderPlaced e)");
    assertThat(message(c)).contains("Saga handler Orders.on() of record saga Orders returns void; it must return"
        + " the next state, of type Orders");

    JavaFileObject mutable =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") Orders on(OrderPlaced e) { return this; }
            }
            """);
    Compilation c2 = compile(mutable);
    expect(Message.SAGA_HANDLER_RETURN, c2, mutable, "Orders on(OrderPlaced e)");
    assertThat(message(c2)).contains("of mutable saga Orders returns test.Orders; it must return void");
  }

  @Test
  void twoSagaHandlersForOneEvent() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @SagaEventHandler(associationProperty = "orderId") void again(OrderPlaced e, SagaContext c) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_HANDLER_DUPLICATE, c, file, "void again(OrderPlaced e, SagaContext c)");
    assertThat(message(c)).contains("Orders already has a @SagaEventHandler for OrderPlaced: Orders.on().");
  }

  @Test
  void sagaHandlerOfAnOldRevision() {
    JavaFileObject file =
        saga(
            """
            @Event(name = "Paid", revision = 1)
            record PaidV1(UUID orderId) {
              @Upcast Paid next() { return new Paid(orderId, 0); }
            }
            @Event(revision = 2)
            record Paid(UUID orderId, long cents) {}

            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(PaidV1 e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_HANDLER_OLD_REVISION, c, file, "void on(PaidV1 e)");
    assertThat(message(c)).contains("PaidV1 is revision 1 of event \"Paid\", but revision 2 exists (Paid)");
  }

  @Test
  void associationPropertyNotOnTheEvent() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderID") void on(OrderPlaced e) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.SAGA_ASSOCIATION, c, file, "associationProperty = \"orderID\"");
    assertThat(message(c))
        .contains("Association property \"orderID\" of Orders.on() is not a component of record OrderPlaced."
            + " Its components are: orderId, customer, cents. Did you mean \"orderId\"?");

    JavaFileObject blank =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "") void on(OrderPlaced e) {}
            }
            """);
    Compilation c2 = compile(blank);
    expect(Message.SAGA_ASSOCIATION, c2, blank, "associationProperty = \"\"");
    assertThat(message(c2)).contains("Association property \"\" of Orders.on() is blank.");
  }

  @Test
  void deadlineHandlerSignature() {
    JavaFileObject wrongParameter =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry(SagaDeadline deadline,
                  String reason) {}
            }
            """);
    Compilation c = compile(wrongParameter);
    expect(Message.DEADLINE_SIGNATURE, c, wrongParameter, "String reason) {}");
    assertThat(message(c)).contains("@DeadlineHandler method Orders.retry() has parameter 'reason' of type"
        + " java.lang.String where only a SagaDeadline (first) or a SagaContext (last) may be.");

    JavaFileObject swapped =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry(SagaContext context, SagaDeadline deadline) {}
            }
            """);
    assertThat(compile(swapped).errors()).hasSize(2); // each parameter is where the other belongs

    JavaFileObject isStatic =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") static void retry() {}
            }
            """);
    Compilation c3 = compile(isStatic);
    expect(Message.DEADLINE_SIGNATURE, c3, isStatic, "static void retry()");
    assertThat(message(c3)).contains("must not be static");

    JavaFileObject blankName =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("") void retry() {}
            }
            """);
    Compilation c4 = compile(blankName);
    expect(Message.DEADLINE_SIGNATURE, c4, blankName, "@DeadlineHandler(\"\")");
    assertThat(message(c4)).contains("has a blank deadline name");
  }

  @Test
  void twoDeadlineHandlersForOneName() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry() {}
              @DeadlineHandler("retry") void again(SagaDeadline deadline) {}
            }
            """);
    Compilation c = compile(file);
    expect(Message.DEADLINE_DUPLICATE, c, file, "void again(SagaDeadline deadline)");
    assertThat(message(c)).contains("Orders.retry() already handles deadline \"retry\" in Orders.");
  }

  @Test
  void generatedSagaTypeNameTaken() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "orders")
            class Orders {
              @StartSaga @SagaEventHandler(associationProperty = "orderId") void on(OrderPlaced e) {}
            }

            class Orders_SagaType {}
            """);
    Compilation c = compile(file);
    expect(Message.NAME_COLLISION, c, file, "class Orders {");
    assertThat(message(c)).contains("The processor generates test.Orders_SagaType for Orders");
  }

  @Test
  void everyProblemOfASagaIsReported() {
    JavaFileObject file =
        saga(
            """
            @Saga(name = "")
            class Orders {
              @SagaEventHandler(associationProperty = "id") static void on(OrderPlaced e) {}
              @DeadlineHandler("retry") void retry(String reason) {}
            }
            """);
    Compilation c = compile(file);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorCount(5);
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-NAME]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-HANDLER-MODIFIERS]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-ASSOCIATION]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-DEADLINE-SIGNATURE]");
    com.google.testing.compile.CompilationSubject.assertThat(c).hadErrorContaining("[ES-SAGA-START]");
  }

  @AfterAll
  static void everyMessageHasATest() {
    Set<Message> untested = EnumSet.complementOf(EnumSet.copyOf(TESTED));
    assertThat(untested).isEmpty();
  }
}
