package dev.es.runtime.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.InvalidIdentifierException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SubjectKeyOptionsTest {

  private static EventStoreOptions.Builder options() {
    return EventStoreOptions.builder().keyspace("shop");
  }

  @Test
  void defaultsToTwoTablesAndABoundedCacheOfAMinute() {
    EventStoreOptions defaults = options().build();
    assertThat(defaults.subjectKeysTable()).isEqualTo("subject_keys");
    assertThat(defaults.subjectStreamsTable()).isEqualTo("subject_streams");
    assertThat(defaults.subjectKeyCacheSize()).isEqualTo(10_000);
    assertThat(defaults.subjectKeyCacheTtl()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesAnEmptyCacheANonPositiveTimeToLiveAndTablesSharingAName() {
    assertThatThrownBy(() -> options().subjectKeyCacheSize(0).build())
        .hasMessageContaining("subjectKeyCacheSize must be at least 1");
    assertThatThrownBy(() -> options().subjectKeyCacheTtl(Duration.ZERO).build())
        .hasMessageContaining("subjectKeyCacheTtl must be positive");
    assertThatThrownBy(() -> options().subjectKeysTable("snapshots").build())
        .isInstanceOf(InvalidIdentifierException.class).hasMessageContaining("'snapshots'");
    assertThatThrownBy(() -> options().subjectStreamsTable("Keys").build())
        .isInstanceOf(InvalidIdentifierException.class).hasMessageContaining("subject streams table");
  }
}
