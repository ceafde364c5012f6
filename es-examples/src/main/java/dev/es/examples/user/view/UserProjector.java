package dev.es.examples.user.view;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.examples.user.EmailChanged;
import dev.es.examples.user.PreferencesUpdated;
import dev.es.examples.user.UserActivated;
import dev.es.examples.user.UserDeactivated;
import dev.es.examples.user.UserRegistered;
import dev.es.runtime.feed.FeedEvent;
import java.util.UUID;

/**
 * Keeps the user read models up to date. Every handler is an upsert or a delete of rows keyed by the user, so
 * handling an event again (after a crash) changes nothing.
 */
@Projector(name = "users")
public class UserProjector {

  private final UserViewTable users;
  private final UserByEmailDomainTable byDomain;
  private final ActiveUserTable active;

  public UserProjector(UserViewTable users, UserByEmailDomainTable byDomain, ActiveUserTable active) {
    this.users = users;
    this.byDomain = byDomain;
    this.active = active;
  }

  @Handle
  void on(UserRegistered e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    users.upsert(new UserView(id, e.email(), e.firstName(), e.lastName(), false, "en", false));
    byDomain.upsert(new UserByEmailDomain(UserByEmailDomain.domainOf(e.email()), e.email(), id));
  }

  @Handle
  void on(EmailChanged e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    byDomain.delete(UserByEmailDomain.domainOf(e.oldEmail()), e.oldEmail());
    byDomain.upsert(new UserByEmailDomain(UserByEmailDomain.domainOf(e.newEmail()), e.newEmail(), id));
    users.find(id).ifPresent(user -> {
      users.upsert(new UserView(id, e.newEmail(), user.firstName(), user.lastName(), user.active(), user.language(),
          user.newsletter()));
      if (user.active()) {
        active.upsert(new ActiveUser(ActiveUser.bucketOf(id), id, e.newEmail()));
      }
    });
  }

  @Handle
  void on(UserActivated e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    users.find(id).ifPresent(user -> {
      users.upsert(new UserView(id, user.email(), user.firstName(), user.lastName(), true, user.language(),
          user.newsletter()));
      active.upsert(new ActiveUser(ActiveUser.bucketOf(id), id, user.email()));
    });
  }

  @Handle
  void on(UserDeactivated e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    users.find(id).ifPresent(user -> users.upsert(new UserView(id, user.email(), user.firstName(), user.lastName(),
        false, user.language(), user.newsletter())));
    active.delete(ActiveUser.bucketOf(id), id);
  }

  @Handle
  void on(PreferencesUpdated e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    users.find(id).ifPresent(user -> users.upsert(new UserView(id, user.email(), user.firstName(), user.lastName(),
        user.active(), e.preferences().language(), e.preferences().newsletter())));
  }

  @Reset
  void clear() {
    users.truncate();
    byDomain.truncate();
    active.truncate();
  }
}
