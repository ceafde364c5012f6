package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.es.processor.ProcessorTesting.compile;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link Message} about {@code @EventSourced} types and their {@code @Apply} methods, the processor's
 * internal error and a type that never resolves (see {@link DiagnosticsTesting}).
 */
class AggregateDiagnosticsTest extends DiagnosticsTesting {

  @DiagnosticTest(Message.AGGREGATE_KIND)
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

  @DiagnosticTest(Message.AGGREGATE_BASE)
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

  @DiagnosticTest(Message.AGGREGATE_NAME)
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

  @DiagnosticTest(Message.CONSTRUCTOR)
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

  @DiagnosticTest(Message.EVENT_BASE)
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

  @DiagnosticTest(Message.SNAPSHOT_EVERY)
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

  @DiagnosticTest(Message.SNAPSHOT_AFTER_REPLAYING)
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

  @DiagnosticTest(Message.SNAPSHOT_PRIVATE_FIELD)
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

  @DiagnosticTest(Message.SNAPSHOT_PRIVATE_FIELD)
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

  @DiagnosticTest(Message.SNAPSHOT_FINAL_FIELD)
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

  @DiagnosticTest(Message.SNAPSHOT_FIELD_TYPE)
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

  @DiagnosticTest(Message.NAME_COLLISION)
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

  @DiagnosticTest(Message.APPLY_OUTSIDE)
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

  @DiagnosticTest(Message.APPLY_MODIFIERS)
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

  @DiagnosticTest(Message.APPLY_MODIFIERS)
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

  @DiagnosticTest(Message.APPLY_ARITY)
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

  @DiagnosticTest(Message.APPLY_ARITY)
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

  @DiagnosticTest(Message.APPLY_PARAM)
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

  @DiagnosticTest(Message.APPLY_EVENT_TYPE)
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

  @DiagnosticTest(Message.APPLY_DUPLICATE)
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

  @DiagnosticTest(Message.APPLY_MISSING)
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

  @DiagnosticTest(Message.APPLY_NONE)
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

  @DiagnosticTest(Message.APPLY_RETURN)
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

  @DiagnosticTest(Message.APPLY_VOID)
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

  @DiagnosticTest(Message.APPLY_THROWS)
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

  @DiagnosticTest(Message.APPLY_OLD_REVISION)
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

  @DiagnosticTest(Message.INTERNAL)
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

  @DiagnosticTest(Message.UNRESOLVED)
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
}
