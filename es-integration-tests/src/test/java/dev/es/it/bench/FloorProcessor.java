package dev.es.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The floor of {@link CompileBenchmark}: an annotation processor that does nothing but write, per
 * {@code @EventSourced} type, {@code -Aes.bench.floor.perType} (default 2) empty package-private classes. What it
 * costs over {@code -proc:none} is what javac charges any processor that generates that many source files: the
 * extra rounds (javac enters every source again for each), the Filer's checks per created file, and parsing,
 * compiling and writing the generated classes. Named with {@code -processor} on the benchmark's class path, so
 * no services file announces it.
 */
@SupportedAnnotationTypes("dev.es.annotations.EventSourced")
@SupportedOptions(FloorProcessor.PER_TYPE)
public final class FloorProcessor extends AbstractProcessor {

  static final String PER_TYPE = "es.bench.floor.perType";

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    int perType = Integer.parseInt(processingEnv.getOptions().getOrDefault(PER_TYPE, "2"));
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        String pkg = processingEnv.getElementUtils().getPackageOf(element).getQualifiedName().toString();
        for (int i = 0; i < perType; i++) {
          String name = element.getSimpleName() + "_Floor" + i;
          try (Writer writer = processingEnv.getFiler().createSourceFile(pkg + "." + name, element).openWriter()) {
            writer.write("package " + pkg + ";\n\nfinal class " + name + " {}\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return true;
  }
}
