package dev.es.examples.user.view;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/** The user query handlers, each one read of a table built for it. */
public final class UserQueries {

  private final UserViewTable users;
  private final UserByEmailDomainTable byDomain;
  private final ActiveUserTable active;

  public UserQueries(UserViewTable users, UserByEmailDomainTable byDomain, ActiveUserTable active) {
    this.users = users;
    this.byDomain = byDomain;
    this.active = active;
  }

  public Optional<UserView> byId(UUID userId) {
    return users.find(userId);
  }

  /** Active users, from all buckets of the active-users table. */
  public List<ActiveUser> activeUsers() {
    return IntStream.range(0, ActiveUser.BUCKETS).boxed()
        .flatMap(active::findByPartition)
        .toList();
  }

  /** Users whose e-mail address is at the given domain, ordered by address. */
  public List<UserByEmailDomain> byEmailDomain(String domain) {
    return byDomain.findByPartition(domain.toLowerCase(java.util.Locale.ROOT)).toList();
  }
}
