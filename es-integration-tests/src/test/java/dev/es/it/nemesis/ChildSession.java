package dev.es.it.nemesis;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** What the nemesis's child processes share: their session, through the parent's proxies, and retries at start. */
final class ChildSession {

  /**
   * A session to the three nodes through this child's proxies ({@link ProxyTranslator}), configured as an
   * application would be for outages: a 5 s request timeout, short connection timeouts and quick reconnection.
   */
  static CqlSession open(String mapping) {
    List<String> entries = List.of(mapping.split(","));
    List<InetSocketAddress> proxies = entries.stream().map(e -> ProxyTranslator.parse(e.split("=")[1])).toList();
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(100))
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1))
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
        .withClass(DefaultDriverOption.ADDRESS_TRANSLATOR_CLASS, ProxyTranslator.class)
        .withStringList(ProxyTranslator.MAPPING, entries)
        .build();
    return CqlSession.builder().addContactPoints(proxies).withLocalDatacenter(NemesisSetup.DATACENTER)
        .withConfigLoader(config).build();
  }

  /** Runs {@code step} until it succeeds: a child may start while the nemesis is already at work. */
  static <T> T retrying(String what, Callable<T> step) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try {
        return step.call();
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(what + " kept failing for 120 s", e);
        }
        Thread.sleep(500);
      }
    }
  }

  /** Prints a line the parent waits for. */
  static void announce(String line) {
    System.out.println(line);
    System.out.flush();
  }

  static void sleepForever() throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
  }

  private ChildSession() {}
}
