package dev.es.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README is marked with the source it shows ({@code <!-- snippet: path#name -->}) and
 * must be exactly the code between {@code // snippet:name} and {@code // end:name} in that file, which compiles
 * and runs in this module's tests. XML blocks marked the same way must be exactly the lines between
 * {@code <!-- snippet:name -->} and {@code <!-- end:name -->} of their file: the Maven set-up is a user project's
 * POM that es-consumer-tests builds. So the README cannot drift from code and builds that work.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MARKED_BLOCK =
      Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*```(java|xml)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaBlockOfTheReadmeIsCompiledCode() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher block = MARKED_BLOCK.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (block.find()) {
      boolean xml = block.group(3).equals("xml");
      String region = region(ROOT.resolve(block.group(1)), xml ? "<!-- snippet:%s -->" : "// snippet:%s",
          xml ? "<!-- end:%s -->" : "// end:%s", block.group(2));
      assertThat(block.group(4)).as("README block %s#%s", block.group(1), block.group(2)).isEqualTo(region);
      checked.add(block.group(2));
    }
    long blocks = Pattern.compile("```(java|xml)\\n").matcher(readme).results().count();
    assertThat(checked).as("every ```java and ```xml block is marked").hasSize((int) blocks);
    assertThat(checked).as("the tour's blocks and the Maven set-up")
        .contains("events", "aggregate", "repository", "projection", "maven");
  }

  /** The lines between the markers, with their common indentation removed. */
  private static String region(Path file, String startMarker, String endMarker, String name) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int start = indexOf(lines, startMarker.formatted(name), file);
    int end = indexOf(lines, endMarker.formatted(name), file);
    List<String> body = lines.subList(start + 1, end);
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : body) {
      text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }

  private static int indexOf(List<String> lines, String marker, Path file) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("no '" + marker + "' in " + file);
  }
}
