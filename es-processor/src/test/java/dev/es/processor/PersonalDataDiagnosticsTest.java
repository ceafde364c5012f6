package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.es.processor.ProcessorTesting.compile;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link Message} about {@code @PersonalData} components (see {@link DiagnosticsTesting}). The records
 * are no events, except where said: every annotated component is checked, used or not.
 */
class PersonalDataDiagnosticsTest extends DiagnosticsTesting {

  private static JavaFileObject customer(String body) {
    return source("test.Customer", HEADER + "import java.time.Instant;\n\n" + body);
  }

  @DiagnosticTest(Message.PERSONAL_DATA_TYPE)
  void personalDataThatIsNotAString() {
    JavaFileObject file =
        customer(
            """
            record CustomerRegistered(
                UUID customerId,
                @PersonalData(subject = "customerId") Instant birthday) {}
            """);
    Compilation c = compile(file);
    expect(Message.PERSONAL_DATA_TYPE, c, file, "Instant birthday");
    assertThat(message(c))
        .contains("@PersonalData component 'birthday' of CustomerRegistered has type java.time.Instant.");
    assertThat(message(c)).contains("declare 'birthday' as a String, or remove @PersonalData.");
  }

  @DiagnosticTest(Message.PERSONAL_DATA_SUBJECT)
  void blankSubject() {
    JavaFileObject file =
        customer(
            """
            record CustomerRegistered(
                UUID customerId,
                @PersonalData(subject = " ") String email) {}
            """);
    Compilation c = compile(file);
    expect(Message.PERSONAL_DATA_SUBJECT, c, file, "String email");
    assertThat(message(c)).contains("@PersonalData component 'email' of CustomerRegistered has a blank subject.");
    assertThat(message(c)).contains("Components it could name: customerId.");
  }

  @DiagnosticTest(Message.PERSONAL_DATA_SUBJECT)
  void subjectNamesNoComponent() {
    JavaFileObject file =
        customer(
            """
            record CustomerRegistered(
                UUID customerId,
                long tenant,
                Instant at,
                @PersonalData(subject = "customerID") String email,
                @PersonalData(subject = "customerId") String name) {}
            """);
    Compilation c = compile(file);
    expect(Message.PERSONAL_DATA_SUBJECT, c, file, "String email");
    assertThat(message(c))
        .contains("component 'email' of CustomerRegistered names subject \"customerID\", which is not one of its"
            + " components.");
    // neither the Instant nor the personal data could name a subject
    assertThat(message(c)).contains("Components it could name: customerId, tenant. Did you mean \"customerId\"?");
  }

  @DiagnosticTest(Message.PERSONAL_DATA_SUBJECT)
  void subjectInARecordWithoutCandidates() {
    JavaFileObject file =
        customer(
            """
            record Note(
                double amount,
                @PersonalData(subject = "owner") String text) {}
            """);
    Compilation c = compile(file);
    expect(Message.PERSONAL_DATA_SUBJECT, c, file, "String text");
    assertThat(message(c))
        .contains("The record has no component a subject could name: add one of type String, UUID, int or long");
  }

  @DiagnosticTest(Message.PERSONAL_DATA_SUBJECT_PERSONAL)
  void subjectIsTheComponentItself() {
    JavaFileObject file =
        customer(
            """
            record CustomerRegistered(
                String customerId,
                @PersonalData(subject = "email") String email) {}
            """);
    Compilation c = compile(file);
    expect(Message.PERSONAL_DATA_SUBJECT_PERSONAL, c, file, "String email");
    assertThat(message(c))
        .contains("@PersonalData component 'email' of CustomerRegistered names subject \"email\", which is the"
            + " component itself. The subject must stay readable");
    assertThat(message(c)).contains("Components it could name: customerId.");
  }

  @DiagnosticTest(Message.PERSONAL_DATA_SUBJECT_PERSONAL)
  void subjectIsPersonalDataItself() {
    JavaFileObject file =
        customer(
            """
            record CustomerRegistered(
                int customerNumber,
                @PersonalData(subject = "email") String name,
                @PersonalData(subject = "customerNumber") String email) {}
            """);
    Compilation c = compile(file);
    expect(Message.PERSONAL_DATA_SUBJECT_PERSONAL, c, file, "String name");
    assertThat(message(c))
        .contains("component 'name' of CustomerRegistered names subject \"email\", which is personal data itself.");
    assertThat(message(c)).contains("set subject to a component that is not personal data");
  }

  @DiagnosticTest(Message.PERSONAL_DATA_SUBJECT_TYPE)
  void subjectOfAnotherType() {
    JavaFileObject file =
        source(
            "test.User",
            HEADER
                + """
                sealed interface UserEvent {}
                record Registered(
                    java.time.Instant registeredAt,
                    UUID userId,
                    @PersonalData(subject = "registeredAt") String email) implements UserEvent {}

                @EventSourced
                public class User extends AggregateRoot<UserEvent> {
                  User(UUID id) { super(id); }
                  @Apply void on(Registered e) {}
                }
                """);
    Compilation c = compile(file);
    // an applied event: one error, on the component, and no cascade onto the aggregate
    expect(Message.PERSONAL_DATA_SUBJECT_TYPE, c, file, "String email");
    assertThat(message(c))
        .contains("@PersonalData component 'email' of Registered names subject \"registeredAt\", which has type"
            + " java.time.Instant.");
    assertThat(message(c))
        .contains("declare 'registeredAt' as a String, UUID, int, long, Integer or Long, or set subject to another"
            + " component. Components it could name: userId.");
  }

  @Test
  void missingSubjectIsLeftToJavac() {
    JavaFileObject file =
        customer(
            """
            record CustomerRegistered(
                UUID customerId,
                @PersonalData String email) {}
            """);
    Compilation c = compile(file);
    assertThat(c).hadErrorCount(1);
    assertThat(message(c)).doesNotContain("[ES-");
    assertThat(c).hadErrorContaining("subject").inFile(file).onLineContaining("@PersonalData String email");
  }

  @Test
  void validSubjectsOfEveryAllowedTypeCompileCleanly() {
    for (String type : new String[] {"String", "UUID", "int", "long", "Integer", "Long"}) {
      JavaFileObject file =
          customer("record Registered(" + type + " subject, @PersonalData(subject = \"subject\") String email) {}\n");
      assertThat(compile(file)).succeededWithoutWarnings();
    }
  }
}
