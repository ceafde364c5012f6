package dev.es.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.InvalidIdentifierException;
import dev.es.runtime.Replication;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CqlIdentifiersTest {

  private static final String KEYWORDS =
      "add|allow|alter|and|apply|asc|authorize|batch|begin|by|columnfamily|create|default|delete|desc|describe"
          + "|drop|entries|execute|from|full|grant|if|in|index|infinity|insert|into|is|keyspace|limit"
          + "|materialized|mbean|mbeans|modify|nan|norecursive|not|null|of|on|or|order|primary|rename"
          + "|replace|revoke|schema|select|set|table|to|token|truncate|unlogged|unset|update|use|using"
          + "|view|where|with";

  @Test
  void acceptsLowercaseUnquotedIdentifiers() {
    assertThat(CqlIdentifiers.requireValid("table", "events", 48)).isEqualTo("events");
    assertThat(CqlIdentifiers.requireValid("table", "shop_events_2", 48)).isEqualTo("shop_events_2");
  }

  @Test
  void refusesInjectionQuotesCaseKeywordsAndLength() {
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("events table", "events; DROP TABLE x", 48))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("events table").hasMessageContaining("'events; DROP TABLE x'");
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("t", "\"events\"", 48)).isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("t", "Events", 48)).hasMessageContaining("use lowercase");
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("t", "select", 48)).hasMessageContaining("reserved");
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("t", "_x", 48)).isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("t", "a".repeat(49), 48)).hasMessageContaining("48");
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("t", null, 48)).hasMessageContaining("missing");
  }

  @Test
  void optionsValidateEveryNameWhenBuilt() {
    assertThatThrownBy(() -> EventStoreOptions.builder().keyspace("ks").snapshotsTable("s-1").build())
        .isInstanceOf(InvalidIdentifierException.class).hasMessageContaining("snapshots table");
    assertThatThrownBy(() -> EventStoreOptions.builder().build()).hasMessageContaining("keyspace name is missing");
    assertThatThrownBy(() -> EventStoreOptions.builder().keyspace("ks")
        .createKeyspace(Replication.networkTopology(java.util.Map.of("dc1'}; DROP", 3))).build())
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Property
  void anythingAcceptedIsAPlainIdentifier(@ForAll String name) {
    try {
      CqlIdentifiers.requireValid("t", name, 48);
      assertThat(name).matches("[a-z][a-z0-9_]{0,47}");
    } catch (InvalidIdentifierException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Property
  void everyPlainIdentifierThatIsNotAKeywordIsAccepted(@ForAll("identifiers") String name) {
    assertThat(CqlIdentifiers.requireValid("t", name, 48)).isEqualTo(name);
  }

  @Property
  void namesWithAnyCharacterOutsideTheAlphabetAreRefused(
      @ForAll("identifiers") String name, @ForAll("foreign") char bad, @ForAll int position) {
    int at = Math.floorMod(position, name.length() + 1);
    String withBad = name.substring(0, at) + bad + name.substring(at);
    assertThatThrownBy(() -> CqlIdentifiers.requireValid("t", withBad, 48))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Provide
  Arbitrary<String> identifiers() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(1)
        .flatMap(first -> Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_')
            .ofMaxLength(40).map(rest -> first + rest))
        .filter(name -> !name.matches(KEYWORDS));
  }

  @Provide
  Arbitrary<Character> foreign() {
    return Arbitraries.chars().filter(c -> !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_');
  }
}
