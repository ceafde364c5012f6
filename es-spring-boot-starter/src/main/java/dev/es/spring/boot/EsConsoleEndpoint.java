package dev.es.spring.boot;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The {@code esconsole} actuator endpoint: the console page ({@code /actuator/esconsole} once exposed), one HTML
 * file with its style and script inline, which calls the {@link EsAdminEndpoint esadmin} endpoint beside it.
 */
@WebEndpoint(id = "esconsole")
public class EsConsoleEndpoint {

  private static final Resource PAGE = new ClassPathResource("es-console.html", EsConsoleEndpoint.class);

  /** The page. */
  @ReadOperation(produces = "text/html;charset=UTF-8")
  public Resource page() {
    return PAGE;
  }
}
