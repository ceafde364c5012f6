package dev.es.processor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

/**
 * A test of the diagnostic {@link #value()}: a bad source, the message id and text, the file and line it points at,
 * and that it is the only error. {@link MessageCatalogueTest} reads these annotations to check that every message
 * has a test; {@link DiagnosticsTesting#expect} checks that a test expects the message it declares.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@interface DiagnosticTest {
  Message value();
}
