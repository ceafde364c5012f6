package dev.es.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on 127.0.0.1–3 form one ring; with replication factor 3, quorum writes and reads go on while one node
 * is killed, and the node rejoins on its data after a restart. It starts one cluster for all its checks and takes
 * about a minute (the seed starts first, the other two join it together); {@code -Des.test.excludedGroups=cluster}
 * skips it.
 */
@Tag("cluster")
class EmbeddedCassandraClusterTest {

  @Test
  void threeNodesReplicateSurviveAKilledNodeAndTakeItBack() {
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.defaults()
        .withBaseDirectory(Path.of("target", "es-cassandra-cluster").toAbsolutePath())
        .withStartTimeout(Duration.ofSeconds(180));
    try (EmbeddedCassandraCluster cluster = EmbeddedCassandraCluster.start(config, 3);
        CqlSession session = CqlSession.builder()
            .addContactPoints(cluster.contactPoints())
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
                .build())
            .build()) {
      // a node that listens for CQL has joined, but the others learn of it by gossip a moment later (seconds on a
      // loaded machine)
      await().atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(session.execute("SELECT peer FROM system.peers_v2").all()).hasSize(2));
      session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.execute("CREATE TABLE ks.t (id int PRIMARY KEY, v text)");
      // a new table reaches the other nodes' schema a moment after the DDL returns (on a loaded machine later than
      // the driver waits for): until then the coordinator refuses the write (InvalidQueryException), the replicas
      // fail it (WriteFailureException), or a coordinator that has the table ID but not the table answers with a
      // server error ("Unknown CF", ServerError)
      await().atMost(Duration.ofSeconds(60))
          .ignoreExceptionsMatching(e -> e instanceof InvalidQueryException || e instanceof WriteFailureException
              || e instanceof ServerError)
          .untilAsserted(() -> write(session, 1, "before"));

      cluster.kill(3);
      assertThat(cluster.isRunning(3)).isFalse();
      write(session, 2, "while node 3 is down");
      assertThat(read(session, 1)).isEqualTo("before");

      cluster.restart(3);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(session.getMetadata().getNodes().values())
              .allSatisfy(node -> assertThat(node.getState().name()).isEqualTo("UP")));
      assertThat(read(session, 2)).isEqualTo("while node 3 is down");
    }
  }

  private static void write(CqlSession session, int id, String value) {
    session.execute(SimpleStatement.newInstance("INSERT INTO ks.t (id, v) VALUES (?, ?)", id, value)
        .setConsistencyLevel(DefaultConsistencyLevel.QUORUM));
  }

  private static String read(CqlSession session, int id) {
    return session.execute(SimpleStatement.newInstance("SELECT v FROM ks.t WHERE id = ?", id)
        .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)).one().getString(0);
  }
}
