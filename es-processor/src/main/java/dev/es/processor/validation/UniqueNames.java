package dev.es.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.es.processor.Diagnostics;
import dev.es.processor.Message;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.TypeElement;

/**
 * The names of one kind of type (aggregate type names, projection names or saga names) over all rounds: the
 * runtime keys stored state by them, so two types must not share one.
 */
public final class UniqueNames {

  private final Diagnostics diagnostics;
  private final Message clash;
  private final Map<String, ClassName> owners = new TreeMap<>();

  /** @param clash the message reporting a name used twice: arguments name, new owner, first owner */
  public UniqueNames(Diagnostics diagnostics, Message clash) {
    this.diagnostics = diagnostics;
    this.clash = clash;
  }

  /** Gives {@code name} to {@code owner}, or reports on {@code type} that another type has it and returns false. */
  public boolean claim(TypeElement type, String name, ClassName owner) {
    ClassName first = owners.putIfAbsent(name, owner);
    if (first != null) {
      diagnostics.report(clash, type, name, owner.canonicalName(), first.canonicalName());
      return false;
    }
    return true;
  }

  /** The owners of the names given so far, ordered by name. */
  public Collection<ClassName> owners() {
    return owners.values();
  }
}
