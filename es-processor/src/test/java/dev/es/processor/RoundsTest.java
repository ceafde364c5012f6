package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Types that mention a type another processor generates in a later round are deferred and processed in the round
 * in which it exists, with the event records of that round and of the earlier ones.
 */
class RoundsTest {

  private static final String HEADER =
      """
      package test;

      import dev.es.annotations.*;
      import dev.es.runtime.AggregateRoot;
      import java.util.UUID;

      """;

  private static final JavaFileObject USER =
      source(
          "test.User",
          HEADER
              + """
              @EventSourced(events = UserEvent.class)
              public class User extends AggregateRoot<UserEvent> {
                String name;
                User(UUID id) { super(id); }
                @Apply void on(Registered e) { name = e.name(); }
              }
              """);

  private static final String USER_EVENT_SOURCE = "package test;\n\npublic interface UserEvent {}\n";
  private static final JavaFileObject USER_EVENT = source("test.UserEvent", USER_EVENT_SOURCE);

  private static Compilation compile(Processor other, JavaFileObject... sources) {
    return javac().withProcessors(other, new EsProcessor()).withOptions(ProcessorTesting.OPTIONS).compile(sources);
  }

  private static String generated(Compilation compilation, String qualifiedName) throws IOException {
    return compilation.generatedSourceFile(qualifiedName).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void aggregateWhoseEventIsGeneratedInALaterRoundGetsItsRepository() throws IOException {
    Processor events =
        new LaterRoundSourceProcessor(
            1, "test.Registered", "package test;\n\npublic record Registered(String name) implements UserEvent {}\n");

    Compilation c = compile(events, USER, USER_EVENT);

    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.UserRepository");
    assertThat(generated(c, "test.User_AggregateType")).contains("if (event instanceof Registered e)");
  }

  @Test
  void aggregateWhoseEventTypeIsGeneratedInALaterRoundGetsItsRepository() {
    JavaFileObject registered =
        source("test.Registered", "package test;\n\npublic record Registered(String name) implements UserEvent {}\n");
    Processor eventType = new LaterRoundSourceProcessor(1, "test.UserEvent", USER_EVENT_SOURCE);

    Compilation c = compile(eventType, USER, registered);

    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.UserRepository");
  }

  @Test
  void deferredAggregateSeesTheRevisionChainAcrossRounds() throws IOException {
    JavaFileObject oldRevision =
        source(
            "test.RegisteredV1",
            """
            package test;

            import dev.es.annotations.*;

            @Event(name = "Registered")
            public record RegisteredV1(String first) {
              @Upcast Registered upcast() { return new Registered(first); }
            }
            """);
    Processor newRevision =
        new LaterRoundSourceProcessor(
            1, "test.Registered",
            """
            package test;

            import dev.es.annotations.Event;

            @Event(name = "Registered", revision = 2)
            public record Registered(String name) implements UserEvent {}
            """);

    Compilation c = compile(newRevision, USER, USER_EVENT, oldRevision);

    assertThat(c).succeededWithoutWarnings();
    assertThat(generated(c, "test.User_AggregateType"))
        .contains("EventType.upcasting(\"Registered\", 1, RegisteredV1.class, older -> older.upcast())");
  }

  @Test
  void projectorAndSagaWhoseEventIsGeneratedInALaterRoundAreGenerated() {
    JavaFileObject projector =
        source(
            "test.Users",
            HEADER
                + """
                @Projector(name = "users")
                class Users {
                  @Handle void on(Registered e) {}
                }
                """);
    JavaFileObject saga =
        source(
            "test.Welcome",
            HEADER
                + """
                import dev.es.runtime.saga.SagaContext;

                @Saga(name = "welcome")
                public class Welcome {
                  @StartSaga @SagaEventHandler(associationProperty = "name") void on(Registered e, SagaContext c) {}
                }
                """);
    Processor events =
        new LaterRoundSourceProcessor(
            1, "test.Registered", "package test;\n\npublic record Registered(String name) {}\n");

    Compilation c = compile(events, projector, saga);

    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.Users_Projection");
    assertThat(c).generatedSourceFile("test.Welcome_SagaType");
  }
}
