package dev.es.spring.boot;

import dev.es.runtime.EventMetadata;
import dev.es.runtime.MetadataContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.UUID;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the {@link MetadataContext} to each HTTP request: events appended while handling it carry the request's
 * user (its principal's name) and a correlation id, taken from the correlation header or made afresh, and echoed
 * in the response's header.
 */
public class RequestMetadataFilter extends OncePerRequestFilter {

  private final String correlationHeader;

  /** A filter reading and writing the correlation id in {@code correlationHeader}. */
  public RequestMetadataFilter(String correlationHeader) {
    this.correlationHeader = correlationHeader;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(correlationHeader);
    String correlation = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
    response.setHeader(correlationHeader, correlation);
    Principal user = request.getUserPrincipal();
    EventMetadata metadata = MetadataContext.currentMetadata().withCorrelationId(correlation)
        .withCausationId(correlation);
    MetadataContext.Scope scope = MetadataContext.open(user == null ? null : user.getName(), metadata);
    try {
      chain.doFilter(request, response);
    } finally {
      scope.close();
    }
  }
}
