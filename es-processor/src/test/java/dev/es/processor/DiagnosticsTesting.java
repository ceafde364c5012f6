package dev.es.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.es.processor.ProcessorTesting.assertOnlyError;
import static dev.es.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What the diagnostics tests share: one class per diagnostic area, one {@link DiagnosticTest} per {@link Message},
 * each listed in {@link MessageCatalogueTest#AREAS} so that the catalogue check sees all of them.
 */
abstract class DiagnosticsTesting {

  static final String HEADER =
      """
      package test;

      import dev.es.annotations.*;
      import dev.es.runtime.AggregateRoot;
      import java.util.UUID;

      """;

  /** A sealed event interface with two records, in the same file as the aggregate. */
  static final String EVENTS =
      """
      sealed interface UserEvent {}
      record Registered(String name) implements UserEvent {}
      record Renamed(String name) implements UserEvent {}

      """;

  private Method test;

  @BeforeEach
  void rememberTheTest(TestInfo info) {
    test = info.getTestMethod().orElseThrow();
    assertWithMessage("%s is listed in MessageCatalogueTest.AREAS", getClass().getSimpleName())
        .that(MessageCatalogueTest.AREAS)
        .contains(getClass());
  }

  static JavaFileObject user(String body) {
    return source("test.User", HEADER + EVENTS + body);
  }

  static String message(Compilation c) {
    return c.errors().get(0).getMessage(null);
  }

  /** The only error is {@code message}, in {@code file} on the first line containing {@code line}. */
  void expect(Message message, Compilation compilation, JavaFileObject file, String line) {
    DiagnosticTest declared = test.getAnnotation(DiagnosticTest.class);
    assertWithMessage("the message in @DiagnosticTest of %s", test.getName())
        .that(declared == null ? null : declared.value())
        .isEqualTo(message);
    assertOnlyError(compilation, message.id(), file, line);
  }
}
