package dev.es.examples.user.view;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.annotations.Reset;
import dev.es.examples.user.EmailChanged;
import dev.es.examples.user.PreferencesUpdated;
import dev.es.examples.user.UserActivated;
import dev.es.examples.user.UserDeactivated;
import dev.es.examples.user.UserLoggedIn;
import dev.es.examples.user.UserRegistered;
import dev.es.runtime.feed.FeedEvent;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Keeps the user read models up to date. Every handler is an upsert or a delete of rows keyed by the user, so
 * handling an event again (after a crash) changes nothing. It runs inline, on the appending thread, which waits
 * for the returned stage: the writes of one event that do not depend on each other go out together, so an append
 * waits for about one round trip per dependent step instead of one per statement.
 */
@Projector(name = "users")
public class UserProjector {

  private static final CompletionStage<Void> NOTHING = CompletableFuture.completedStage(null);

  private final UserViewTable users;
  private final UserByEmailDomainTable byDomain;
  private final ActiveUserTable active;

  public UserProjector(UserViewTable users, UserByEmailDomainTable byDomain, ActiveUserTable active) {
    this.users = users;
    this.byDomain = byDomain;
    this.active = active;
  }

  @Handle
  CompletionStage<Void> on(UserRegistered e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    return all(
        users.upsertAsync(new UserView(id, e.email(), e.firstName(), e.lastName(), false, "en", false,
            event.envelope().timestamp(), null)),
        byDomain.upsertAsync(new UserByEmailDomain(UserByEmailDomain.domainOf(e.email()), e.email(), id)));
  }

  @Handle
  CompletionStage<Void> on(EmailChanged e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    // the user emits EmailChanged only for a new address, so the two domain rows are different rows
    return all(
        byDomain.deleteAsync(UserByEmailDomain.domainOf(e.oldEmail()), e.oldEmail()),
        byDomain.upsertAsync(new UserByEmailDomain(UserByEmailDomain.domainOf(e.newEmail()), e.newEmail(), id)),
        change(id, user -> all(
            users.upsertAsync(user.with(e.newEmail(), user.active(), user.language(), user.newsletter())),
            user.active() ? active.upsertAsync(new ActiveUser(ActiveUser.bucketOf(id), id, e.newEmail())) : NOTHING)));
  }

  @Handle
  CompletionStage<Void> on(UserActivated e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    return change(id, user -> all(
        users.upsertAsync(user.with(user.email(), true, user.language(), user.newsletter())),
        active.upsertAsync(new ActiveUser(ActiveUser.bucketOf(id), id, user.email()))));
  }

  @Handle
  CompletionStage<Void> on(UserDeactivated e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    return all(
        change(id, user -> users.upsertAsync(user.with(user.email(), false, user.language(), user.newsletter()))),
        active.deleteAsync(ActiveUser.bucketOf(id), id));
  }

  @Handle
  CompletionStage<Void> on(PreferencesUpdated e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    return change(id, user -> users.upsertAsync(user.with(user.email(), user.active(), e.preferences().language(),
        e.preferences().newsletter())));
  }

  @Handle
  CompletionStage<Void> on(UserLoggedIn e, FeedEvent event) {
    UUID id = event.envelope().aggregateId();
    return change(id, user -> users.upsertAsync(new UserView(id, user.email(), user.firstName(), user.lastName(),
        user.active(), user.language(), user.newsletter(), user.createdAt(), event.envelope().timestamp())));
  }

  @Reset
  void clear() {
    users.truncate();
    byDomain.truncate();
    active.truncate();
  }

  /** Reads the user's row and runs {@code write} with it; nothing if the user has no row. */
  private CompletionStage<Void> change(UUID id, Function<UserView, CompletionStage<Void>> write) {
    return users.findAsync(id).thenCompose(user -> user.map(write).orElse(NOTHING));
  }

  /** Completes when every write has; fails if any does. */
  private static CompletionStage<Void> all(CompletionStage<?>... writes) {
    return CompletableFuture.allOf(
        Arrays.stream(writes).map(CompletionStage::toCompletableFuture).toArray(CompletableFuture<?>[]::new));
  }
}
