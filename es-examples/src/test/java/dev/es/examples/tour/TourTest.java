package dev.es.examples.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.testkit.CassandraTest;
import dev.es.testkit.TestKeyspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's tour runs: a new aggregate in a new package, its generated repository and projection. */
@CassandraTest
class TourTest {

  @Test
  void theTourWorksAsTheReadmeSays(CqlSession session, TestKeyspace keyspace) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Tour.Outcome outcome = Tour.run(session, keyspace.name(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertThat(outcome.balance()).isEqualByComparingTo("70.00");
      assertThat(outcome.balanceAsOfBefore()).isEqualByComparingTo("100.00");
      assertThat(outcome.version()).isEqualTo(3);
      assertThat(outcome.snapshotVersion()).isEqualTo(3);
      assertThat(outcome.accountEvents()).isEqualTo(3);
      assertThat(outcome.deposits()).isEqualTo(1);
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("1 AccountOpened", "2 MoneyDeposited", "3 MoneyWithdrawn");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(outcome.table().find(outcome.accountId())).hasValueSatisfying(row -> {
            assertThat(row.owner()).isEqualTo("Ann");
            assertThat(row.balance()).isEqualByComparingTo(new BigDecimal("70.00"));
          }));
    } finally {
      outcome.projections().close();
      outcome.publishers().close();
    }
  }
}
