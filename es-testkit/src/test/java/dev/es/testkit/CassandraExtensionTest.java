package dev.es.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CassandraExtensionTest {

  @Test
  void keyspaceNamesAreValidIdentifiersWithinTheLengthLimit() {
    class AVeryLongTestClassNameThatWouldNotFitIntoACassandraKeyspaceNameAtAll {}
    String name = CassandraExtension.keyspaceName(AVeryLongTestClassNameThatWouldNotFitIntoACassandraKeyspaceNameAtAll.class);
    assertThat(name).hasSizeLessThanOrEqualTo(48).matches("[a-z][a-z0-9_]*");
  }
}
