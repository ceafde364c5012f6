package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.es.processor.ProcessorTesting.compile;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link Message} about projectors: {@code @Projector}, {@code @Handle} and {@code @Reset} (see {@link
 * DiagnosticsTesting}).
 */
class ProjectorDiagnosticsTest extends DiagnosticsTesting {

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

  @DiagnosticTest(Message.PROJECTOR_KIND)
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

  @DiagnosticTest(Message.PROJECTOR_NAME)
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

  @DiagnosticTest(Message.PROJECTOR_DUPLICATE)
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

  @DiagnosticTest(Message.PROJECTOR_NONE)
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

  @DiagnosticTest(Message.PROJECTOR_OUTSIDE)
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

  @DiagnosticTest(Message.PROJECTOR_OUTSIDE)
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

  @DiagnosticTest(Message.HANDLE_MODIFIERS)
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

  @DiagnosticTest(Message.HANDLE_ARITY)
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

  @DiagnosticTest(Message.HANDLE_PARAM)
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

  @DiagnosticTest(Message.HANDLE_RETURN)
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

  @DiagnosticTest(Message.HANDLE_DUPLICATE)
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

  @DiagnosticTest(Message.HANDLE_OLD_REVISION)
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

  @DiagnosticTest(Message.RESET_SIGNATURE)
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

  @DiagnosticTest(Message.NAME_COLLISION)
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
}
