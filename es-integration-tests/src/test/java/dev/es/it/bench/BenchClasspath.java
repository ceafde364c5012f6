package dev.es.it.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Class paths for the benchmarks that start a child JVM or a compiler. */
public final class BenchClasspath {

  private BenchClasspath() {}

  /** The test class path entries: under exec:java they are the context class loader's, not {@code java.class.path}. */
  static List<Path> testClasspathEntries() {
    Set<Path> entries = new LinkedHashSet<>();
    for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()));
          } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    if (entries.isEmpty()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        entries.add(Path.of(entry));
      }
    }
    return new ArrayList<>(entries);
  }

  private static Path snapshot;

  /**
   * The test class path for a child JVM, with {@code target/test-classes} replaced by a private copy taken once:
   * other builds recompiling the module must not pull classes away from a running child.
   */
  public static synchronized String testClasspath() {
    List<Path> entries = new ArrayList<>();
    for (Path entry : testClasspathEntries()) {
      if (Files.isDirectory(entry) && entry.getFileName().toString().equals("test-classes")) {
        if (snapshot == null) {
          snapshot = copy(entry);
        }
        entries.add(snapshot);
      } else {
        entries.add(entry);
      }
    }
    return join(entries);
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }

  private static Path copy(Path classes) {
    try {
      Path target = Files.createTempDirectory("es-bench-test-classes");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path source : walk.toList()) {
          Path copy = target.resolve(classes.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(source, copy);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + classes, e);
    }
  }

  static String join(List<Path> entries) {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }
}
