package dev.es.processor.generation;

import com.palantir.javapoet.ClassName;
import dev.es.processor.GeneratedNames;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Generates the content of {@code META-INF/services/dev.es.runtime.spi.AggregateType}: one generated aggregate
 * type per line, sorted, so the output does not depend on the order in which aggregates were processed.
 */
public final class ServicesFileGenerator {

  /** One binary class name per line, sorted, each line ending in {@code \n}. */
  public String generate(Collection<ClassName> aggregates) {
    TreeSet<String> lines = new TreeSet<>();
    for (ClassName aggregate : aggregates) {
      lines.add(GeneratedNames.aggregateType(aggregate).reflectionName());
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append('\n');
    }
    return out.toString();
  }
}
