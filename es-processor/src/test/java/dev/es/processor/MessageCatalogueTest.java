package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every message of the catalogue has a test: a {@link DiagnosticTest} in one of the diagnostics test classes. It
 * reads their annotations rather than watching them run, so it holds whichever of them run, and when only it runs.
 */
class MessageCatalogueTest {

  /** The diagnostics test classes; each checks that it is listed here before every test. */
  static final List<Class<? extends DiagnosticsTesting>> AREAS =
      List.of(
          AggregateDiagnosticsTest.class,
          EventDiagnosticsTest.class,
          PersonalDataDiagnosticsTest.class,
          ProjectionDiagnosticsTest.class,
          ProjectorDiagnosticsTest.class,
          SagaDiagnosticsTest.class);

  @Test
  void everyMessageHasATest() {
    Set<Message> tested = EnumSet.noneOf(Message.class);
    for (Class<?> area : AREAS) {
      for (Method method : area.getDeclaredMethods()) {
        DiagnosticTest test = method.getAnnotation(DiagnosticTest.class);
        if (test != null) {
          tested.add(test.value());
        }
      }
    }
    assertThat(EnumSet.complementOf(EnumSet.copyOf(tested))).isEmpty();
  }
}
