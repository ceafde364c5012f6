package dev.es.examples.user.view;

import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.view.OrderByCustomer;
import dev.es.examples.order.view.OrderByCustomerTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/** The user query handlers, each one read of a table built for it. */
public final class UserQueries {

  private final UserViewTable users;
  private final UserByEmailDomainTable byDomain;
  private final ActiveUserTable active;
  private final OrderByCustomerTable ordersByCustomer;

  public UserQueries(UserViewTable users, UserByEmailDomainTable byDomain, ActiveUserTable active,
      OrderByCustomerTable ordersByCustomer) {
    this.users = users;
    this.byDomain = byDomain;
    this.active = active;
    this.ordersByCustomer = ordersByCustomer;
  }

  public Optional<UserView> byId(UUID userId) {
    return users.find(userId);
  }

  /** Active users, from all buckets of the active-users table. */
  public List<ActiveUser> activeUsers() {
    return activeUsers(Integer.MAX_VALUE);
  }

  /**
   * At most {@code limit} active users, bucket by bucket, each bucket in user id order: the buckets are read one
   * after another, lazily, and reading stops once {@code limit} users are found.
   */
  public List<ActiveUser> activeUsers(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return IntStream.range(0, ActiveUser.BUCKETS).boxed()
        .flatMap(active::findByPartition)
        .limit(limit)
        .toList();
  }

  /**
   * The user's statistics: one read of the user's row and one of the user's partition of orders (kept by the
   * orders projection, which follows every order event into it). The totals are computed from that partition on
   * read rather than kept as running sums, because a sum incremented per event would count an event twice when the
   * feed delivers it again after a crash, and could lose an update when two of the user's orders change at once;
   * a row per order, written at the order's version, is exact under both.
   */
  public Optional<UserStatistics> statistics(UUID userId) {
    return users.find(userId).map(user -> {
      int orders = 0;
      BigDecimal spent = BigDecimal.ZERO;
      for (OrderByCustomer order : ordersByCustomer.findByPartition(userId).toList()) {
        if (order.status() != OrderStatus.CANCELLED) {
          orders++;
          if (order.status() != OrderStatus.PENDING) {
            spent = spent.add(order.total());
          }
        }
      }
      return new UserStatistics(userId, user.email(), user.createdAt(), user.lastLogin(), orders, spent);
    });
  }

  /** Users whose e-mail address is at the given domain, ordered by address. */
  public List<UserByEmailDomain> byEmailDomain(String domain) {
    return byDomain.findByPartition(domain.toLowerCase(java.util.Locale.ROOT)).toList();
  }
}
