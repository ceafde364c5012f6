package dev.es.examples.user;

import dev.es.examples.CommandScope;
import java.util.UUID;

/** The user command handlers: validate, load, act, save; each in its own {@link CommandScope}. */
public final class UserCommands {

  private final UserRepository users;
  private final CommandScope scope;

  public UserCommands(UserRepository users, CommandScope scope) {
    this.users = users;
    this.scope = scope;
  }

  public UUID register(String email, String firstName, String lastName) {
    UUID id = UUID.randomUUID();
    scope.run(() -> users.save(User.register(id, email, firstName, lastName)));
    return id;
  }

  public void changeEmail(UUID userId, String newEmail) {
    scope.run(() -> users.update(userId, user -> user.changeEmail(newEmail)));
  }

  public void activate(UUID userId) {
    scope.run(() -> users.update(userId, User::activate));
  }

  public void deactivate(UUID userId, String reason) {
    scope.run(() -> users.update(userId, user -> user.deactivate(reason)));
  }

  public void logIn(UUID userId) {
    scope.run(() -> users.update(userId, User::logIn));
  }

  public void updatePreferences(UUID userId, Preferences preferences) {
    scope.run(() -> users.update(userId, user -> user.updatePreferences(preferences)));
  }
}
