package dev.es.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// snippet:cassandra-test
@CassandraTest
class KeyspaceIsolationFirstTest {
  private final CqlSession session;

  KeyspaceIsolationFirstTest(CqlSession session) {
    this.session = session;
  }

  @BeforeAll
  static void createTable(CqlSession session) {
    session.execute("CREATE TABLE IF NOT EXISTS notes (id int PRIMARY KEY, text text)");
    session.execute("INSERT INTO notes (id, text) VALUES (1, 'first class')");
  }

  @Test
  void sessionIsBoundToTheClassKeyspace(TestKeyspace keyspace) {
    assertThat(session.getKeyspace()).hasValueSatisfying(k -> assertThat(k.asInternal()).isEqualTo(keyspace.name()));
    assertThat(keyspace.name()).startsWith("es_keyspace_isolation_first_test_");
  }

  @Test
  void seesOnlyItsOwnRows() {
    assertThat(session.execute("SELECT text FROM notes").all())
        .extracting(row -> row.getString("text"))
        .containsExactly("first class");
  }
}
// end:cassandra-test
