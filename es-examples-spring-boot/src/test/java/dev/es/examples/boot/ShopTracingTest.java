package dev.es.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.es.testkit.CassandraCluster;
import dev.es.testkit.SharedCassandra;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The trace of an HTTP command goes on in Cassandra: the append's span is a child of the request's, and the spans of
 * the order projection's and the saga's handlers, in other threads and after a trip through the feed, are children
 * of the append's, in the same trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.cassandra.config=classpath:test-driver.conf",
    "spring.cassandra.request.timeout=30s",
    "spring.cassandra.connection.init-query-timeout=10s"})
@Import(TestTracing.class)
class ShopTracingTest {

  @DynamicPropertySource
  static void cassandra(DynamicPropertyRegistry registry) {
    CassandraCluster cluster = SharedCassandra.get();
    registry.add("spring.cassandra.contact-points", () -> cluster.contactPoints().stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(",")));
    registry.add("spring.cassandra.local-datacenter", cluster::localDatacenter);
    registry.add("es.keyspace", () -> "trace_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  @LocalServerPort int port;
  @Autowired SimpleTracer tracer;

  @Test
  void projectionAndSagaHandlersAreInTheTraceOfTheRequestThatAppendedTheEvent() throws Exception {
    HttpResponse<String> placed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/orders"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + UUID.randomUUID()
            + "\",\"items\":[{\"sku\":\"pen\",\"quantity\":1,\"unitPrice\":2.00}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
      SimpleSpan request = only(spans, s -> name(s).contains("post") && name(s).contains("/orders"));
      SimpleSpan append = only(spans, s -> name(s).equals("append order")
          && request.getSpanId().equals(s.getParentId()));
      SimpleSpan projection = only(spans, s -> name(s).equals("orders ordercreated"));
      SimpleSpan saga = only(spans, s -> name(s).equals("order-fulfillment ordercreated"));
      assertThat(append.getTraceId()).isEqualTo(request.getTraceId());
      assertThat(projection.getTraceId()).isEqualTo(request.getTraceId());
      assertThat(projection.getParentId()).isEqualTo(append.getSpanId());
      assertThat(saga.getTraceId()).isEqualTo(request.getTraceId());
      assertThat(saga.getParentId()).isEqualTo(append.getSpanId());
    });
  }

  private static String name(SimpleSpan span) {
    return span.getName() == null ? "" : span.getName().toLowerCase(java.util.Locale.ROOT);
  }

  private static SimpleSpan only(List<SimpleSpan> spans, java.util.function.Predicate<SimpleSpan> which) {
    List<SimpleSpan> found = spans.stream().filter(which).toList();
    assertThat(found).as("spans: %s", spans.stream().map(s -> name(s) + " " + s.getTraceId() + "/"
        + s.getSpanId() + "<" + s.getParentId()).toList()).hasSize(1);
    return found.get(0);
  }
}
