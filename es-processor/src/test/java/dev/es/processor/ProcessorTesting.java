package dev.es.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles sources with the real processor, the way a user's build does. */
final class ProcessorTesting {
  private ProcessorTesting() {}

  /** The lint options of the project's own builds (root pom). */
  static final List<String> OPTIONS = List.of("-Xlint:all,-processing,-serial");

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new EsProcessor()).withOptions(OPTIONS).compile(sources);
  }

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** Exactly one error, with this id, in this file, on the first line containing {@code line}. */
  static void assertOnlyError(Compilation compilation, String id, JavaFileObject file, String line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(file).onLineContaining(line);
  }
}
