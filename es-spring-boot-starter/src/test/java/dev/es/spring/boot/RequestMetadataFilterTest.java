package dev.es.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.es.runtime.EventMetadata;
import dev.es.runtime.MetadataContext;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Events appended while a request is handled carry its user and correlation id. */
class RequestMetadataFilterTest {

  private final RequestMetadataFilter filter = new RequestMetadataFilter("X-Correlation-Id");

  @Test
  void aRequestsUserAndCorrelationHeaderAreTheMetadataOfWhatItAppends() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/tickets");
    request.addHeader("X-Correlation-Id", "order-42");
    request.setUserPrincipal(() -> "alice");
    MockHttpServletResponse response = new MockHttpServletResponse();
    AtomicReference<EventMetadata> metadata = new AtomicReference<>();
    AtomicReference<String> user = new AtomicReference<>();

    filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
      @Override
      protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
        metadata.set(MetadataContext.currentMetadata());
        user.set(MetadataContext.currentUserId());
      }
    }));

    assertThat(metadata.get().correlationId()).isEqualTo("order-42");
    assertThat(metadata.get().causationId()).isEqualTo("order-42");
    assertThat(user.get()).isEqualTo("alice");
    assertThat(response.getHeader("X-Correlation-Id")).isEqualTo("order-42");
    assertThat(MetadataContext.currentMetadata()).isEqualTo(EventMetadata.empty());
    assertThat(MetadataContext.currentUserId()).isNull();
  }

  @Test
  void aRequestWithoutCorrelationHeaderGetsANewOneEchoedInTheResponse() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    AtomicReference<String> correlation = new AtomicReference<>();
    filter.doFilter(new MockHttpServletRequest("GET", "/tickets"), response,
        (req, res) -> correlation.set(MetadataContext.currentMetadata().correlationId()));
    assertThat(correlation.get()).isNotBlank().isEqualTo(response.getHeader("X-Correlation-Id"));
  }
}
