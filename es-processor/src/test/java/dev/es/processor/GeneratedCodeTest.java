package dev.es.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated sources of {@link Samples}: compile without warnings under {@code -Xlint:all}, match the golden
 * files byte for byte, are the same on every run and in any input order, and use no reflection.
 *
 * <p>To regenerate the golden files after an intended change of the generated code, run
 * {@code mvn -o -pl es-processor test -Dtest=GeneratedCodeTest -Des.updateGoldens=true} and review the diff of
 * {@code es-processor/src/test/resources/goldens/}.
 */
class GeneratedCodeTest {

  private static final Path GOLDENS = Path.of("src/test/resources/goldens/GeneratedCodeTest/samples");
  private static final String SERVICES = "META-INF/services/dev.es.runtime.spi.AggregateType";

  /** Generated file (fqcn.java, or the services resource path) to content. */
  static Map<String, String> generated(Compilation compilation) {
    Map<String, String> out = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      String name;
      if (file.getKind() == JavaFileObject.Kind.SOURCE) {
        name = path.substring(path.indexOf("SOURCE_OUTPUT/") + "SOURCE_OUTPUT/".length()).replace('/', '.');
        name = name.substring(0, name.length() - ".java".length()) + ".java";
      } else if (path.endsWith(SERVICES)) {
        name = SERVICES;
      } else {
        continue;
      }
      try {
        out.put(name, file.getCharContent(true).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static Compilation compileSamples(List<JavaFileObject> sources) {
    Compilation compilation = ProcessorTesting.compile(sources.toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  @Test
  void samplesCompileWithoutWarningsUnderXlintAll() {
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new EsProcessor())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(Samples.all().toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void generatedFilesMatchGoldens() throws IOException {
    Map<String, String> generated = generated(compileSamples(Samples.all()));
    assertThat(generated.keySet())
        .containsExactly(
            "bank.AccountRepository.java",
            "bank.Account_AggregateType.java",
            "bank.Account_SnapshotSerializer.java",
            "bank.CounterRepository.java",
            "bank.Counter_AggregateType.java",
            "shop.UserRepository.java",
            "shop.User_AggregateType.java",
            "shop.User_SnapshotSerializer.java",
            "shop.read.OrderHistoryTable.java",
            "shop.read.UserByEmailTable.java",
            "shop.read.UserDirectory_Projection.java",
            "shop.saga.Fulfilment_SagaType.java",
            "shop.saga.Onboarding_SagaType.java",
            SERVICES);
    boolean update = Boolean.getBoolean("es.updateGoldens");
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Path golden = GOLDENS.resolve(file.getKey());
      if (update) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, file.getValue(), StandardCharsets.UTF_8);
      }
      assertEquals(
          Files.readString(golden, StandardCharsets.UTF_8),
          file.getValue(),
          "generated " + file.getKey() + " differs from its golden file " + golden
              + " (regenerate with -Des.updateGoldens=true if the change is intended)");
    }
  }

  @Test
  void servicesFileListsEveryAggregateTypeSorted() {
    String services = generated(compileSamples(Samples.all())).get(SERVICES);
    assertEquals("bank.Account_AggregateType\nbank.Counter_AggregateType\nshop.User_AggregateType\n", services);
  }

  @Test
  void outputIsByteIdenticalAcrossRunsAndInputOrders() {
    Map<String, String> first = generated(compileSamples(Samples.all()));
    Map<String, String> second = generated(compileSamples(Samples.all()));
    List<JavaFileObject> reversed = new ArrayList<>(Samples.all());
    Collections.reverse(reversed);
    Map<String, String> third = generated(compileSamples(reversed));
    assertEquals(first, second);
    assertEquals(first, third);
  }

  @Test
  void generatedSourcesUseNoReflectionNorMethodHandles() {
    Map<String, String> generated = generated(compileSamples(Samples.all()));
    for (Map.Entry<String, String> file : generated.entrySet()) {
      assertThat(file.getValue()).doesNotContain("java.lang.reflect");
      assertThat(file.getValue()).doesNotContain("java.lang.invoke");
      assertThat(file.getValue()).doesNotContain("getDeclared");
      assertThat(file.getValue()).doesNotContain("setAccessible");
      assertThat(file.getValue()).doesNotContain("MethodHandle");
      assertThat(file.getValue()).doesNotContain("Class.forName");
    }
  }

  @Test
  void generatedTypesCarryGeneratedNamingOnlyTheProcessor() {
    for (Map.Entry<String, String> file : generated(compileSamples(Samples.all())).entrySet()) {
      if (file.getKey().endsWith(".java")) {
        assertThat(file.getValue()).contains("@Generated(\"dev.es.processor.EsProcessor\")");
        assertThat(file.getValue()).doesNotContain("date =");
        assertThat(file.getValue()).doesNotContain("https://"); // names nothing but the processor
        assertThat(file.getValue()).contains("Do not edit.");
      }
    }
  }

  @Test
  void componentNamesCannotClashWithGeneratedMembers() {
    JavaFileObject odd =
        ProcessorTesting.source(
            "odd.Odd",
            """
            package odd;

            import com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn;
            import com.datastax.oss.driver.api.mapper.annotations.CqlName;
            import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
            import dev.es.annotations.Projection;
            import java.util.UUID;

            @Projection(table = "odd")
            public record Odd(
                @PartitionKey UUID session,
                @ClusteringColumn(0) String row,
                @ClusteringColumn(1) @CqlName("ks") int keyspace,
                @ClusteringColumn(2) String prepared,
                @ClusteringColumn(3) String written,
                @ClusteringColumn(4) long writeTimestamp,
                @ClusteringColumn(5) String result,
                @ClusteringColumn(6) String first,
                @ClusteringColumn(7) String find,
                String statements,
                String qualifiedName) {}
            """);
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new EsProcessor())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(odd);
    assertThat(compilation).succeededWithoutWarnings();
  }
}
