package dev.es.examples.user;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/**
 * A user of the shop. Commands validate and raise events; {@code @Apply} methods change the state. A command
 * that would change nothing raises nothing.
 */
@EventSourced
public class User extends AggregateRoot<UserEvent> {

  String email;
  String firstName;
  String lastName;
  boolean active;
  Preferences preferences = Preferences.DEFAULT;
  int logins;

  User(UUID id) {
    super(id);
  }

  /** Registers a new user; the e-mail address must look like one. */
  public static User register(UUID id, String email, String firstName, String lastName) {
    requireEmail(email);
    User user = new User(id);
    user.raise(new UserRegistered(email, firstName, lastName));
    user.raise(new RegistrationStarted(id, email, firstName));
    return user;
  }

  public void changeEmail(String newEmail) {
    requireEmail(newEmail);
    if (!newEmail.equals(email)) {
      raise(new EmailChanged(email, newEmail));
    }
  }

  public void activate() {
    if (!active) {
      raise(new UserActivated());
    }
  }

  public void deactivate(String reason) {
    if (active) {
      raise(new UserDeactivated(reason));
    }
  }

  public void updatePreferences(Preferences newPreferences) {
    if (!newPreferences.equals(preferences)) {
      raise(new PreferencesUpdated(newPreferences));
    }
  }

  @Apply
  void on(RegistrationStarted e) {
    // the registration saga's start: it changes nothing in the user
  }

  @Apply
  void on(UserRegistered event) {
    email = event.email();
    firstName = event.firstName();
    lastName = event.lastName();
  }

  @Apply
  void on(EmailChanged event) {
    email = event.newEmail();
  }

  @Apply
  void on(UserActivated event) {
    active = true;
  }

  @Apply
  void on(UserDeactivated event) {
    active = false;
  }

  @Apply
  void on(PreferencesUpdated event) {
    preferences = event.preferences();
  }

  @Apply
  void on(UserLoggedIn event) {
    logins++;
  }

  public String email() {
    return email;
  }

  public String firstName() {
    return firstName;
  }

  public String lastName() {
    return lastName;
  }

  public boolean active() {
    return active;
  }

  public Preferences preferences() {
    return preferences;
  }

  /** How often the user logged in. */
  public int logins() {
    return logins;
  }

  /** Records a login. */
  public void logIn() {
    raise(new UserLoggedIn());
  }

  private static void requireEmail(String email) {
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new IllegalArgumentException("not an e-mail address: '" + email + "'");
    }
  }
}
