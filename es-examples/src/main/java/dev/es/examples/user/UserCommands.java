package dev.es.examples.user;

import dev.es.runtime.MetadataContext;
import java.util.UUID;

/**
 * The user command handlers: validate, load, act, save. Each runs in a {@link MetadataContext} so that its events
 * carry the command's id as correlation id and the acting user.
 */
public final class UserCommands {

  private final UserRepository users;
  private final String actor;

  public UserCommands(UserRepository users, String actor) {
    this.users = users;
    this.actor = actor;
  }

  public UUID register(String email, String firstName, String lastName) {
    UUID id = UUID.randomUUID();
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      users.save(User.register(id, email, firstName, lastName));
    }
    return id;
  }

  public void changeEmail(UUID userId, String newEmail) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      users.update(userId, user -> user.changeEmail(newEmail));
    }
  }

  public void activate(UUID userId) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      users.update(userId, User::activate);
    }
  }

  public void deactivate(UUID userId, String reason) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      users.update(userId, user -> user.deactivate(reason));
    }
  }

  public void updatePreferences(UUID userId, Preferences preferences) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      users.update(userId, user -> user.updatePreferences(preferences));
    }
  }
}
