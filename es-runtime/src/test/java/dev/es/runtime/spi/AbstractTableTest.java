package dev.es.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.InvalidIdentifierException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What {@link AbstractTable} does without Cassandra: the keyspace check, JSON codecs only with a mapper, and
 * statements prepared on first use, again after a failed preparation, and once only after a successful one. The
 * operations against Cassandra are in es-integration-tests {@code GeneratedTableTest}.
 */
class AbstractTableTest {

  /** A table of one statement; its rows are never read here. */
  private static final class Notes extends AbstractTable<String> {
    final LazyStatement insert = statement("INSERT INTO " + qualifiedName() + " (id) VALUES (?)");

    Notes(CqlSession session, String keyspace) {
      super(session, keyspace, "notes", "(id text PRIMARY KEY)");
    }

    CompletionStage<Void> insertAsync() {
      return writeAsync(insert, prepared -> SimpleStatement.newInstance("INSERT"));
    }

    @Override
    protected String read(Row row) {
      throw new AssertionError("no row is read");
    }
  }

  /**
   * A session that records what it is asked to prepare and run: the first {@code failures} preparations fail, the
   * next ones succeed; anything else fails the test.
   */
  private static final class ScriptedSession {
    final List<String> prepared = new ArrayList<>();
    final List<Statement<?>> executed = new ArrayList<>();
    int failures;

    CqlSession session() {
      return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
          new Class<?>[] {CqlSession.class}, (proxy, method, args) -> switch (method.getName()) {
            case "prepareAsync" -> {
              prepared.add((String) args[0]);
              yield failures-- > 0
                  ? CompletableFuture.failedFuture(new IllegalStateException("keyspace does not exist"))
                  : CompletableFuture.completedFuture(preparedStatement());
            }
            case "executeAsync" -> {
              executed.add((Statement<?>) args[0]);
              yield CompletableFuture.completedFuture(resultSet());
            }
            default -> throw new AssertionError("unexpected call: " + method.getName());
          });
    }

    private static PreparedStatement preparedStatement() {
      return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
            throw new AssertionError("the test's binding does not use the prepared statement");
          });
    }

    private static AsyncResultSet resultSet() {
      return (AsyncResultSet) Proxy.newProxyInstance(AsyncResultSet.class.getClassLoader(),
          new Class<?>[] {AsyncResultSet.class}, (proxy, method, args) -> {
            throw new AssertionError("a write's result is not read");
          });
    }
  }

  @Test
  void theKeyspaceFollowsTheRuntimesIdentifierRulesAndNothingRunsInTheConstructor() {
    ScriptedSession script = new ScriptedSession();
    Notes notes = new Notes(script.session(), "read_models");

    assertThat(notes.qualifiedName()).isEqualTo("read_models.notes");
    assertThat(script.prepared).isEmpty();
    for (String bad : List.of("Read", "ks-x", "k".repeat(49), "select")) {
      assertThatThrownBy(() -> new Notes(script.session(), bad))
          .isInstanceOf(InvalidIdentifierException.class)
          .hasMessageContaining("invalid keyspace name '" + bad + "'");
    }
    assertThatThrownBy(() -> new Notes(script.session(), null))
        .isInstanceOf(InvalidIdentifierException.class).hasMessageContaining("keyspace name is missing");
    assertThatThrownBy(() -> new Notes(null, "read_models")).isInstanceOf(NullPointerException.class)
        .hasMessage("session");
  }

  @Test
  void aJsonCodecNeedsTheMapperTheTableWasConstructedWith() {
    CqlSession session = new ScriptedSession().session();
    AbstractTable<String> withMapper =
        new AbstractTable<>(session, "ks", "docs", "(id text PRIMARY KEY, body text)",
            EventSerializer.defaultObjectMapper()) {
          @Override
          protected String read(Row row) {
            return "";
          }
        };
    Notes withoutMapper = new Notes(session, "ks");

    assertThat(withMapper.json(Note.class).getJavaType().getRawType()).isEqualTo(Note.class);
    assertThatThrownBy(() -> withoutMapper.json(Note.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without an ObjectMapper")
        .hasMessageContaining(Note.class.getName());
  }

  record Note(String text) {}

  @Test
  void aFailedPreparationFailsTheStageAndTheNextUsePreparesAgainThenKeepsTheStatement() throws Exception {
    ScriptedSession script = new ScriptedSession();
    script.failures = 1;
    Notes notes = new Notes(script.session(), "ks");

    CompletableFuture<Void> first = notes.insertAsync().toCompletableFuture();
    assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("keyspace does not exist");
    assertThat(script.executed).isEmpty();

    notes.insertAsync().toCompletableFuture().get();
    notes.insertAsync().toCompletableFuture().get();

    assertThat(script.prepared).containsExactly(
        "INSERT INTO ks.notes (id) VALUES (?)", "INSERT INTO ks.notes (id) VALUES (?)");
    assertThat(script.executed).hasSize(2);
  }
}
