package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.PersonalField;
import dev.es.runtime.spi.SagaType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @PersonalData} components reach the generated registry entries of aggregates and sagas, for every
 * revision, by JSON property ({@code @JsonProperty} renames the personal component and the subject alike).
 */
class GeneratedPersonalDataTest {

  private static final JavaFileObject EVENTS =
      source(
          "test.CustomerEvents",
          """
          package test;

          import com.fasterxml.jackson.annotation.JsonProperty;
          import dev.es.annotations.Event;
          import dev.es.annotations.PersonalData;
          import dev.es.annotations.Upcast;
          import java.util.UUID;

          public final class CustomerEvents {
            private CustomerEvents() {}

            public sealed interface CustomerEvent {}

            @Event(name = "CustomerRegistered", revision = 1)
            public record CustomerRegisteredV1(UUID customerId, @PersonalData(subject = "customerId") String email) {
              @Upcast
              public CustomerRegistered next() {
                return new CustomerRegistered(customerId, email, "");
              }
            }

            @Event(revision = 2)
            public record CustomerRegistered(
                @JsonProperty("cid") UUID customerId,
                @PersonalData(subject = "customerId") @JsonProperty("mail") String email,
                @PersonalData(subject = "customerId") String name) implements CustomerEvent {}

            public record CustomerMoved(long customerNumber, String city) implements CustomerEvent {}

            /** Not an event (yet): checked all the same. */
            public record Note(int author, @PersonalData(subject = "author") String text) {}
          }
          """);

  private static final JavaFileObject CUSTOMER =
      source(
          "test.Customer",
          """
          package test;

          import dev.es.annotations.Apply;
          import dev.es.annotations.EventSourced;
          import dev.es.runtime.AggregateRoot;
          import java.util.UUID;
          import test.CustomerEvents.CustomerEvent;
          import test.CustomerEvents.CustomerMoved;
          import test.CustomerEvents.CustomerRegistered;

          @EventSourced
          public class Customer extends AggregateRoot<CustomerEvent> {
            Customer(UUID id) {
              super(id);
            }

            @Apply
            void on(CustomerRegistered e) {}

            @Apply
            void on(CustomerMoved e) {}
          }
          """);

  private static final JavaFileObject WELCOME =
      source(
          "test.Welcome",
          """
          package test;

          import dev.es.annotations.SagaEventHandler;
          import dev.es.annotations.Saga;
          import dev.es.annotations.StartSaga;
          import test.CustomerEvents.CustomerRegistered;

          @Saga(name = "welcome")
          public class Welcome {
            @StartSaga
            @SagaEventHandler(associationProperty = "customerId")
            void on(CustomerRegistered e) {}
          }
          """);

  @TempDir Path classes;

  private static Compilation compile() {
    Compilation compilation = ProcessorTesting.compile(EVENTS, CUSTOMER, WELCOME);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static String generated(Compilation compilation, String qualifiedName) throws IOException {
    return compilation.generatedSourceFile(qualifiedName).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void everyRevisionListsItsPersonalFieldsByJsonProperty() throws IOException {
    String code = generated(compile(), "test.Customer_AggregateType");
    assertThat(code).contains("import dev.es.runtime.spi.PersonalField;");
    assertThat(code).contains(
        "EventType.upcasting(\"CustomerRegistered\", 1, CustomerEvents.CustomerRegisteredV1.class,"
            + " older -> older.next())\n"
            + "            .withPersonalData(new PersonalField(\"email\", \"customerId\")),\n");
    assertThat(code).contains(
        "EventType.newest(\"CustomerRegistered\", 2, CustomerEvents.CustomerRegistered.class)\n"
            + "            .withPersonalData(new PersonalField(\"mail\", \"cid\"), new PersonalField(\"name\","
            + " \"cid\")),\n");
    // a record without personal data keeps the plain entry
    assertThat(code).contains(
        "EventType.newest(\"CustomerMoved\", 1, CustomerEvents.CustomerMoved.class));");
  }

  @Test
  void sagaTypeRegistersThePersonalFieldsOfEveryRevision() throws IOException {
    String code = generated(compile(), "test.Welcome_SagaType");
    assertThat(code).contains(
        "older -> older.next())\n          .withPersonalData(new PersonalField(\"email\", \"customerId\")),");
    assertThat(code).contains(
        "CustomerEvents.CustomerRegistered.class)\n"
            + "          .withPersonalData(new PersonalField(\"mail\", \"cid\"), new PersonalField(\"name\","
            + " \"cid\")));");
  }

  @Test
  void generatedEventTypesCarryThePersonalFields() throws Exception {
    ClassLoader loader = GeneratedCodeBehaviourTest.load(compile(), classes);
    AggregateType<?, ?> customer =
        (AggregateType<?, ?>) loader.loadClass("test.Customer_AggregateType").getConstructor().newInstance();
    SagaType<?> welcome = (SagaType<?>) loader.loadClass("test.Welcome_SagaType").getConstructor().newInstance();
    List<PersonalField> v1 = List.of(new PersonalField("email", "customerId"));
    List<PersonalField> v2 = List.of(new PersonalField("mail", "cid"), new PersonalField("name", "cid"));

    assertThat(customer.eventTypes().stream().map(EventType::personalData).toList())
        .containsExactly(v1, v2, List.of())
        .inOrder();
    assertThat(welcome.eventTypes().stream().map(EventType::personalData).toList())
        .containsExactly(v1, v2)
        .inOrder();
  }
}
