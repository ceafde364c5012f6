package dev.es.examples.user;

import dev.es.annotations.Event;
import dev.es.annotations.Upcast;

/**
 * Revision 1 of {@link UserRegistered}, as stored before names were split. It stays in the code so that old
 * events can still be read: they are upcast to revision 2 on load.
 */
@Event(name = "UserRegistered", revision = 1)
public record UserRegisteredV1(String email, String name) {

  @Upcast
  UserRegistered toV2() {
    String trimmed = name == null ? "" : name.strip();
    int space = trimmed.indexOf(' ');
    return space < 0
        ? new UserRegistered(email, trimmed, "")
        : new UserRegistered(email, trimmed.substring(0, space), trimmed.substring(space + 1).strip());
  }
}
