package dev.es.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CassandraTest
class KeyspaceIsolationSecondTest {

  @Test
  void getsAnotherFreshKeyspace(CqlSession session, TestKeyspace keyspace) {
    List<String> tables =
        session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace.name())
            .all().stream().map(row -> row.getString("table_name")).toList();
    assertThat(tables).isEmpty();
    assertThat(keyspace.name()).startsWith("es_keyspace_isolation_second_test_");
  }

  @Test
  void talksToCassandra50(CqlSession session) {
    String version = session.execute("SELECT release_version FROM system.local").one().getString(0);
    assertThat(version).startsWith("5.0");
  }
}

