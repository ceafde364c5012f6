package dev.es.examples.user.view;

import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
import dev.es.annotations.Projection;
import java.util.UUID;

/** A user as the application shows it: the "user by id" query. */
@Projection(table = "users")
public record UserView(
    @PartitionKey UUID userId,
    String email,
    String firstName,
    String lastName,
    boolean active,
    String language,
    boolean newsletter) {}
