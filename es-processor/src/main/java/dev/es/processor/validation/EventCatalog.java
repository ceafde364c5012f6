package dev.es.processor.validation;

import dev.es.annotations.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The event records of one processing round, grouped by stable type name, with their validated revision chains.
 * Built and checked by {@link EventValidator}; aggregates look their events up here.
 */
public final class EventCatalog {

  /**
   * One event record.
   *
   * @param record the record
   * @param name its stable type name
   * @param revision its revision
   * @param upcast its valid {@code @Upcast} method, if any
   */
  public record Entry(TypeElement record, String name, int revision, Optional<ExecutableElement> upcast) {}

  private final Map<String, List<Entry>> byName = new TreeMap<>();
  private final Set<String> broken = new HashSet<>();

  void add(Entry entry) {
    List<Entry> group = byName.computeIfAbsent(entry.name(), n -> new ArrayList<>());
    group.add(entry);
    group.sort(
        Comparator.comparingInt(Entry::revision)
            .thenComparing(e -> e.record().getQualifiedName().toString()));
  }

  void markBroken(String name) {
    broken.add(name);
  }

  Map<String, List<Entry>> groups() {
    return byName;
  }

  /** The stable type name of an event record: {@code @Event(name)} or its simple name. */
  public static String nameOf(TypeElement record) {
    Event event = record.getAnnotation(Event.class);
    return event == null || event.name().isEmpty() ? record.getSimpleName().toString() : event.name();
  }

  /** The revision of an event record: {@code @Event(revision)} or 1. */
  public static int revisionOf(TypeElement record) {
    Event event = record.getAnnotation(Event.class);
    return event == null ? 1 : event.revision();
  }

  /** True when an error was reported for some record of this type name. */
  public boolean isBroken(String name) {
    return broken.contains(name);
  }

  /** The record with the highest revision of this type name known in this round. */
  public Optional<Entry> newest(String name) {
    List<Entry> group = byName.get(name);
    return group == null || group.isEmpty() ? Optional.empty() : Optional.of(group.get(group.size() - 1));
  }

  /** The records of this type name with a lower revision than {@code revision}, oldest first. */
  public List<Entry> olderThan(String name, int revision) {
    List<Entry> older = new ArrayList<>();
    for (Entry e : byName.getOrDefault(name, List.of())) {
      if (e.revision() < revision) {
        older.add(e);
      }
    }
    return older;
  }
}
