package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.es.processor.ProcessorTesting.compile;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;

/**
 * One test per {@link Message} about event records: {@code @Event}, revisions, {@code @Upcast} methods and their
 * chains (see {@link DiagnosticsTesting}).
 */
class EventDiagnosticsTest extends DiagnosticsTesting {

  @DiagnosticTest(Message.EVENT_NOT_RECORD)
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

  @DiagnosticTest(Message.EVENT_NOT_RECORD)
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

  @DiagnosticTest(Message.EVENT_REVISION)
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

  @DiagnosticTest(Message.EVENT_DUPLICATE)
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

  @DiagnosticTest(Message.EVENT_ACCESS)
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

  @DiagnosticTest(Message.UPCAST_SIGNATURE)
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

  @DiagnosticTest(Message.UPCAST_DUPLICATE)
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

  @DiagnosticTest(Message.UPCAST_MISSING)
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

  @DiagnosticTest(Message.UPCAST_TARGET)
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

  @DiagnosticTest(Message.UPCAST_GAP)
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
}
