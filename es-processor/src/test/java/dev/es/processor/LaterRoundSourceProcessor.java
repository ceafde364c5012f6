package dev.es.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Stands in for another annotation processor (Immutables, a protobuf plugin, ...): writes one source file in a
 * given round, so that the type it declares exists only from the next round on. Put it before {@link EsProcessor},
 * which claims the es annotations: javac calls a processor after it only for annotations nobody claimed.
 */
final class LaterRoundSourceProcessor extends AbstractProcessor {

  private final int writeInRound;
  private final String qualifiedName;
  private final String source;
  private int round;

  /** @param writeInRound the round (1 is the first) in which to write {@code source} */
  LaterRoundSourceProcessor(int writeInRound, String qualifiedName, String source) {
    this.writeInRound = writeInRound;
    this.qualifiedName = qualifiedName;
    this.source = source;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
    if (++round == writeInRound) {
      try (Writer writer = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
        writer.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
