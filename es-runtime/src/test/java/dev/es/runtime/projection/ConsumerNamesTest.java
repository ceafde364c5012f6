package dev.es.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.feed.Feed;
import dev.es.runtime.feed.FeedEvent;
import dev.es.runtime.feed.FeedOptions;
import dev.es.runtime.internal.SagaConsumer;
import dev.es.runtime.saga.SagaContext;
import dev.es.runtime.saga.SagaRunner;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SagaType;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Projections and sagas keep their checkpoints in the same {@code leases} table: a projection named
 * {@code saga:<x>} would use the rows of the saga {@code <x>}. Registration refuses such projection names and
 * blank names of either, naming the name, before any CQL (the session here fails on every call); any other
 * characters are allowed.
 */
class ConsumerNamesTest {

  /** A session that fails on any call: registering a name must not talk to Cassandra. */
  private static final CqlSession NO_CQL = (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
      new Class<?>[] {CqlSession.class}, (proxy, method, args) -> {
        throw new AssertionError("CQL session used: " + method.getName());
      });
  private static final Feed FEED = new Feed(NO_CQL,
      new CassandraEventStore(NO_CQL, EventStoreOptions.builder().keyspace("shop").build()), FeedOptions.defaults());
  private static final String HOSTILE = "it's\"; DROP TABLE leases; --\n\uD83D\uDE00";

  private static Projection projection(String name) {
    return new Projection() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void handle(FeedEvent event) {}
    };
  }

  private static SagaConsumer sagaConsumer(String name) {
    return new SagaConsumer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void handle(FeedEvent event) {}
    };
  }

  private static SagaType<Object> saga(String name) {
    return new SagaType<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<Object> stateClass() {
        return Object.class;
      }

      @Override
      public Object create() {
        return new Object();
      }

      @Override
      public List<EventType<?>> eventTypes() {
        return List.of();
      }

      @Override
      public Optional<Binding> bind(Object event) {
        return Optional.empty();
      }

      @Override
      public Object handle(Object state, Object event, SagaContext context) {
        return state;
      }
    };
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
  void aBlankProjectionNameIsRefusedNamingIt(String blank) {
    assertThatThrownBy(() -> ProjectionRunner.builder(FEED).add(projection(blank)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a projection name must not be blank, was " + (blank == null ? "null" : "'" + blank
            + "'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"saga:OrderProcessing", "saga:", "saga: ", "saga:" + HOSTILE})
  void aProjectionNameInTheSagasNameSpaceIsRefusedNamingItAndTheSagaItWouldShadow(String name) {
    assertThatThrownBy(() -> ProjectionRunner.builder(FEED).add(projection(name)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("projection name '" + name + "' starts with 'saga:'")
        .hasMessageContaining("'projection:" + name + ":<shard>'")
        .hasMessageContaining("the saga '" + name.substring("saga:".length()) + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {HOSTILE, "saga", "Saga:x", " saga:x", "sagas:x", "x:saga:y", "saga-deadlines:x",
      "projection:saga:x:0", "feed-publisher-0", ":"})
  void anyOtherProjectionNameIsAValueLikeAnyOther(String name) {
    assertThatCode(() -> ProjectionRunner.builder(FEED).add(projection(name))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t\n"})
  void aBlankSagaNameIsRefusedNamingIt(String blank) {
    assertThatThrownBy(() -> SagaRunner.builder(FEED).add(saga(blank)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a saga name must not be blank, was " + (blank == null ? "null" : "'" + blank + "'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {HOSTILE, "saga:x", "OrderProcessing", ":"})
  void anyOtherSagaNameIsAValueLikeAnyOther(String name) {
    assertThatCode(() -> SagaRunner.builder(FEED).add(saga(name))).doesNotThrowAnyException();
  }

  @Test
  void onlySagaConsumerNamesAreHostedAsSagaConsumers() {
    assertThatCode(() -> ProjectionRunner.builder(FEED).add(sagaConsumer("saga:OrderProcessing")))
        .doesNotThrowAnyException();
    for (String name : List.of("OrderProcessing", "saga:", "saga:  ")) {
      assertThatThrownBy(() -> ProjectionRunner.builder(FEED).add(sagaConsumer(name)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("saga consumer name '" + name + "' is not 'saga:' followed by a saga's name");
    }
  }

  @Provide
  Arbitrary<String> names() {
    // few characters, so that prefixes, separators and shard-like digits meet often
    return Arbitraries.strings().withChars("saga:-01 ").ofMaxLength(9)
        .edgeCases(c -> c.add("saga").add("saga:").add("saga:0").add("saga:0:1").add(":0").add("0"));
  }

  @Property(tries = 3000)
  void aProjectionEitherIsRefusedOrSharesNoLeaseRowWithAnySaga(@ForAll("names") String projection,
      @ForAll("names") String saga) {
    boolean refused;
    try {
      ProjectionRunner.builder(FEED).add(projection(projection));
      refused = false;
    } catch (IllegalArgumentException e) {
      refused = true;
    }
    assertThat(refused).as("refused exactly when blank or in the sagas' name space")
        .isEqualTo(projection.isBlank() || projection.startsWith(SagaConsumer.NAME_PREFIX));
    if (!refused && !saga.isBlank()) {
      List<String> projectionRows = IntStream.range(0, 4).mapToObj(s -> ProjectionRunner.leaseName(projection, s))
          .toList();
      List<String> sagaRows = IntStream.range(0, 4)
          .mapToObj(s -> ProjectionRunner.leaseName(SagaConsumer.NAME_PREFIX + saga, s)).toList();
      assertThat(projectionRows).doesNotContainAnyElementsOf(sagaRows);
    }
  }
}
