package dev.es.examples.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.es.testkit.fixture.AggregateFixture;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The user aggregate, given/when/then, without Cassandra; every event also round-trips through JSON. */
class UserTest {

  private final AggregateFixture<User, UserEvent> fixture = AggregateFixture.of(User.class);
  private final UserRegistered registered = new UserRegistered("ann@example.com", "Ann", "Lee");

  @Test
  void registers() {
    fixture.whenCreating(id -> User.register(id, "ann@example.com", "Ann", "Lee"))
        .expectEvents(registered, new RegistrationStarted(fixture.aggregateId(), "ann@example.com", "Ann"))
        .expectState(user -> assertThat(user.active()).isFalse());
  }

  @Test
  void refusesAnAddressThatIsNotOne() {
    fixture.whenCreating(id -> User.register(id, "ann.example.com", "Ann", "Lee"))
        .expectException(IllegalArgumentException.class, "not an e-mail address: 'ann.example.com'");
  }

  @Test
  void changesTheEmailOnlyWhenItDiffers() {
    fixture.given(registered).when(user -> user.changeEmail("ann@shop.test"))
        .expectEvents(new EmailChanged("ann@example.com", "ann@shop.test"))
        .expectState(user -> assertThat(user.email()).isEqualTo("ann@shop.test"));
    fixture.given(registered).when(user -> user.changeEmail("ann@example.com")).expectNoEvents();
  }

  @Test
  void activatesAndDeactivatesOnce() {
    fixture.given(registered).when(User::activate).expectEvents(new UserActivated());
    fixture.given(registered, new UserActivated()).when(User::activate).expectNoEvents();
    fixture.given(registered, new UserActivated()).when(user -> user.deactivate("left"))
        .expectEvents(new UserDeactivated("left"))
        .expectState(user -> assertThat(user.active()).isFalse());
    fixture.given(registered).when(user -> user.deactivate("never active")).expectNoEvents();
  }

  @Test
  void updatesPreferencesOnlyWhenTheyChange() {
    Preferences german = new Preferences("de", true);
    fixture.given(registered).when(user -> user.updatePreferences(german))
        .expectEvents(new PreferencesUpdated(german));
    fixture.given(registered, new PreferencesUpdated(german)).when(user -> user.updatePreferences(german))
        .expectNoEvents();
  }

  @Test
  void aStoredRevision1RegistrationIsUpcastToFirstAndLastName() {
    fixture.given(new UserRegisteredV1("bob@example.com", "Bob  van Stone"))
        .when(user -> {})
        .expectNoEvents()
        .expectState(user -> {
          assertThat(user.firstName()).isEqualTo("Bob");
          assertThat(user.lastName()).isEqualTo("van Stone");
          assertThat(user.id()).isNotEqualTo(new UUID(0, 0));
        });
  }
}
