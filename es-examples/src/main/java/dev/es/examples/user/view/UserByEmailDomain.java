package dev.es.examples.user.view;

import com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn;
import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.util.UUID;

/** Users by the domain of their e-mail address: a table built for the "users of a domain" query. */
@Projection(table = "users_by_email_domain")
public record UserByEmailDomain(@PartitionKey String domain, @ClusteringColumn String email, UUID userId) {

  /** The domain part of an address, lower-cased. */
  public static String domainOf(String email) {
    return email.substring(email.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
