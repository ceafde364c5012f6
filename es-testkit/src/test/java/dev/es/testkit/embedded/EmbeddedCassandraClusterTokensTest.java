package dev.es.testkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedCassandraClusterTokensTest {

  @Test
  void tokensSplitTheRingEvenly() {
    assertThat(EmbeddedCassandraCluster.token(1, 3)).isEqualTo(Long.toString(Long.MIN_VALUE));
    assertThat(EmbeddedCassandraCluster.token(2, 3)).isEqualTo("-3074457345618258603");
    assertThat(EmbeddedCassandraCluster.token(3, 3)).isEqualTo("3074457345618258602");
    assertThat(EmbeddedCassandraCluster.token(2, 2)).isEqualTo("0");
  }
}
