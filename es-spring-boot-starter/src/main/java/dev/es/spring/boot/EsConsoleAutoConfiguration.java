package dev.es.spring.boot;

import dev.es.runtime.admin.EsAdmin;
import dev.es.runtime.feed.Feed;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The operator's console, when {@code es.console.enabled=true} in a web application with Actuator: an
 * {@link EsAdmin} on the feed, the {@code esadmin} endpoint (its operations over HTTP) and the {@code esconsole}
 * endpoint (the page). After {@link EsAutoConfiguration}, so that its feed is known.
 */
@AutoConfiguration(after = EsAutoConfiguration.class)
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "es.console.enabled")
@ConditionalOnBean(Feed.class)
public class EsConsoleAutoConfiguration {

  /** Acting as the operating system's user; the console acts as the request's principal when there is one. */
  @Bean
  @ConditionalOnMissingBean
  EsAdmin esAdmin(Feed feed) {
    return new EsAdmin(feed);
  }

  /** The operations the page calls. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  EsAdminEndpoint esAdminEndpoint(Feed feed, EsAdmin admin) {
    return new EsAdminEndpoint(feed, admin);
  }

  /** The page. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  EsConsoleEndpoint esConsoleEndpoint() {
    return new EsConsoleEndpoint();
  }
}
