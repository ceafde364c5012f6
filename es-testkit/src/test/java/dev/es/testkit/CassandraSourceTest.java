package dev.es.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.es.testkit.embedded.EmbeddedCassandraConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class CassandraSourceTest {

  private static final EmbeddedCassandraConfig EMBEDDED = EmbeddedCassandraConfig.defaults();
  private static final BooleanSupplier NO_DOCKER = () -> false;
  private static final BooleanSupplier DOCKER = () -> true;

  @Test
  void contactPointsWinOverDockerAndDoNotEvenAskForIt() {
    AtomicBoolean askedDocker = new AtomicBoolean();
    CassandraSource source =
        CassandraSource.choose(
            Map.of(CassandraSource.CONTACT_POINTS, "db1:9142, db2", CassandraSource.DATACENTER, "dc-east"),
            () -> askedDocker.getAndSet(true),
            EMBEDDED);

    assertThat(source)
        .isEqualTo(
            new CassandraSource.External(
                List.of(InetSocketAddress.createUnresolved("db1", 9142), InetSocketAddress.createUnresolved("db2", 9042)),
                "dc-east"));
    assertThat(askedDocker).isFalse();
  }

  @Test
  void datacenterDefaultsToDatacenter1() {
    CassandraSource source = CassandraSource.choose(Map.of(CassandraSource.CONTACT_POINTS, "h:1"), DOCKER, EMBEDDED);

    assertThat(((CassandraSource.External) source).datacenter()).isEqualTo("datacenter1");
  }

  @Test
  void dockerIsUsedWhenReachableAndNoContactPoints() {
    assertThat(CassandraSource.choose(Map.of(), DOCKER, EMBEDDED)).isEqualTo(new CassandraSource.Docker());
  }

  @Test
  void embeddedNodeIsTheLastResort() {
    assertThat(CassandraSource.choose(Map.of(CassandraSource.CONTACT_POINTS, "  "), NO_DOCKER, EMBEDDED))
        .isEqualTo(new CassandraSource.Embedded(EMBEDDED));
  }

  @Test
  void providerVariableForcesTheChoice() {
    assertThat(CassandraSource.choose(Map.of(CassandraSource.PROVIDER, "embedded"), DOCKER, EMBEDDED))
        .isInstanceOf(CassandraSource.Embedded.class);
    assertThat(CassandraSource.choose(
            Map.of(CassandraSource.PROVIDER, "Docker", CassandraSource.CONTACT_POINTS, "h:1"), NO_DOCKER, EMBEDDED))
        .isInstanceOf(CassandraSource.Docker.class);
  }

  @Test
  void badSettingsAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> CassandraSource.choose(Map.of(CassandraSource.PROVIDER, "k8s"), NO_DOCKER, EMBEDDED))
        .hasMessageContaining(CassandraSource.PROVIDER)
        .hasMessageContaining("k8s");
    assertThatThrownBy(() -> CassandraSource.choose(Map.of(CassandraSource.PROVIDER, "external"), NO_DOCKER, EMBEDDED))
        .hasMessageContaining(CassandraSource.CONTACT_POINTS);
    assertThatThrownBy(() -> CassandraSource.choose(Map.of(CassandraSource.CONTACT_POINTS, "h:x"), NO_DOCKER, EMBEDDED))
        .hasMessageContaining(CassandraSource.CONTACT_POINTS)
        .hasMessageContaining("'h:x'");
    assertThatThrownBy(() -> CassandraSource.choose(Map.of(CassandraSource.CONTACT_POINTS, "a:1,,b:2"), NO_DOCKER, EMBEDDED))
        .hasMessageContaining("empty entry");
    assertThatThrownBy(() -> CassandraSource.choose(Map.of(CassandraSource.CONTACT_POINTS, "a:70000"), NO_DOCKER, EMBEDDED))
        .hasMessageContaining("'a:70000'");
  }
}
