package dev.es.examples.user.view;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.time.Instant;
import java.util.UUID;

/**
 * A user as the application shows it: the "user by id" query, with when the user registered ({@code createdAt},
 * the registration event's timestamp) and last logged in ({@code null} before the first login).
 */
@Projection(table = "users")
public record UserView(
    @PartitionKey UUID userId,
    String email,
    String firstName,
    String lastName,
    boolean active,
    String language,
    boolean newsletter,
    Instant createdAt,
    Instant lastLogin) {

  /** The same user with other values of the columns that commands change. */
  UserView with(String newEmail, boolean newActive, String newLanguage, boolean newNewsletter) {
    return new UserView(userId, newEmail, firstName, lastName, newActive, newLanguage, newNewsletter, createdAt,
        lastLogin);
  }
}
