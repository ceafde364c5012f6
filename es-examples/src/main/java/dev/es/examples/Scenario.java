package dev.es.examples;

import dev.es.examples.order.IllegalOrderStateException;
import dev.es.examples.order.InventoryReserved;
import dev.es.examples.order.Order;
import dev.es.examples.order.OrderFulfillment;
import dev.es.examples.order.OrderItem;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.PaymentRequested;
import dev.es.examples.order.ShipmentCreated;
import dev.es.examples.order.view.OrderByCustomer;
import dev.es.examples.order.view.OrderStatistics;
import dev.es.examples.user.Preferences;
import dev.es.examples.user.User;
import dev.es.examples.user.UserDeactivated;
import dev.es.examples.user.UserEvent;
import dev.es.examples.user.registration.UserRegistration;
import dev.es.examples.user.view.UserByEmailDomain;
import dev.es.examples.user.view.ActiveUser;
import dev.es.examples.user.view.UserStatistics;
import dev.es.examples.user.view.UserView;
import dev.es.runtime.ConcurrencyConflictException;
import dev.es.runtime.EventEnvelope;
import dev.es.runtime.saga.SagaInstance;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The readable part of the example: a few users and orders going through their lives, printed as they go. */
final class Scenario {

  private final Shop shop;
  private final PrintStream out;
  private final Checks checks;

  Scenario(Shop shop, PrintStream out, Checks checks) {
    this.shop = shop;
    this.out = out;
    this.checks = checks;
  }

  /** The ids the scenario created, for tests to inspect. */
  record Ids(UUID ann, UUID bob, UUID cleo, UUID dave, UUID order1, UUID order2, UUID order3, UUID order4) {}

  Ids run() throws InterruptedException {
    heading("Users");
    UUID ann = command("register Ann Lee <ann@example.com>", () -> shop.users.register("ann@example.com", "Ann", "Lee"));
    UUID bob = command("register Bob Stone <bob@shop.test>", () -> shop.users.register("bob@shop.test", "Bob", "Stone"));
    UUID cleo = command("register Cleo Park <cleo@example.com>",
        () -> shop.users.register("cleo@example.com", "Cleo", "Park"));
    UUID dave = command("register Dave Fox <dave@bounce.test> (his mail server is unreachable)",
        () -> shop.users.register("dave@bounce.test", "Dave", "Fox"));
    command("activate Ann", () -> shop.users.activate(ann));
    command("activate Cleo", () -> shop.users.activate(cleo));
    command("Ann logs in", () -> shop.users.logIn(ann));
    command("Bob logs in", () -> shop.users.logIn(bob));
    command("change Bob's e-mail to bob@example.com", () -> shop.users.changeEmail(bob, "bob@example.com"));
    Preferences german = new Preferences("de", true);
    command("update Ann's preferences: German, newsletter", () -> shop.users.updatePreferences(ann, german));
    long annVersion = shop.userRepository.load(ann).version();
    command("update Ann's preferences to the same again (changes nothing)",
        () -> shop.users.updatePreferences(ann, german));
    User annNow = shop.userRepository.load(ann);
    checks.check("a command that changes nothing raises no event (Ann stays at version " + annVersion + ")",
        annNow.version() == annVersion);
    checks.check("user by id: Ann is active, prefers German",
        shop.userQueries.byId(ann).filter(u -> u.active() && u.language().equals("de")).isPresent());
    List<UserByEmailDomain> exampleUsers = shop.userQueries.byEmailDomain("example.com");
    out.println("  users at example.com: " + exampleUsers.stream().map(UserByEmailDomain::email).toList());
    checks.check("users by e-mail domain: 3 at example.com after Bob's change", exampleUsers.size() == 3);
    checks.check("active users: Ann and Cleo", shop.userQueries.activeUsers().size() == 2);

    heading("Orders");
    OrderItem book = new OrderItem("BOOK-1", 1, new BigDecimal("24.90"));
    OrderItem pen = new OrderItem("PEN-7", 3, new BigDecimal("2.50"));
    OrderItem lamp = new OrderItem("LAMP-2", 1, new BigDecimal("39.00"));
    UUID o1 = command("Ann places order 1: 1 x BOOK-1, 3 x PEN-7", () -> shop.orders.place(ann, List.of(book, pen)));
    awaitSaga(o1, Order::paymentRequested, "the fulfillment saga requests the payment of order 1");
    command("add 1 x LAMP-2 to order 1", () -> shop.orders.addItem(o1, lamp));
    command("remove PEN-7 from order 1", () -> shop.orders.removeItem(o1, "PEN-7"));
    BigDecimal total = shop.orderRepository.load(o1).total();
    command("confirm payment of " + total + " for order 1", () -> shop.orders.confirmPayment(o1, "PAY-1", total));
    Thread.sleep(5); // event timestamps have millisecond precision: keep "as of" below the next one
    Instant paid = Instant.now();
    Thread.sleep(5);
    awaitSaga(o1, order -> order.shipmentId() != null,
        "the fulfillment saga reserves the items of order 1 and creates its shipment");
    command("ship order 1", () -> shop.orders.ship(o1, "TRACK-1"));
    command("complete order 1", () -> shop.orders.complete(o1));

    UUID o2 = command("Bob places order 2: 1 x LAMP-2", () -> shop.orders.place(bob, List.of(lamp)));
    command("confirm payment of 39.00 for order 2", () -> shop.orders.confirmPayment(o2, "PAY-2", new BigDecimal("39.00")));
    command("ship order 2", () -> shop.orders.ship(o2, "TRACK-2"));
    UUID o3 = command("Cleo places order 3: 1 x BOOK-1", () -> shop.orders.place(cleo, List.of(book)));
    awaitSaga(o3, Order::paymentRequested, "the fulfillment saga requests the payment of order 3");
    command("cancel order 3", () -> shop.orders.cancel(o3, "changed her mind"));

    long o3Version = shop.orderRepository.load(o3).version();
    out.println("> ship order 3 (cancelled: must be refused)");
    try {
      shop.orders.ship(o3, "TRACK-3");
      checks.check("shipping a cancelled order is refused", false);
    } catch (IllegalOrderStateException refused) {
      out.println("  refused: " + refused.getMessage());
      checks.check("shipping a cancelled order is refused, nothing stored",
          shop.orderRepository.load(o3).version() == o3Version);
    }

    heading("A concurrent change, resolved by retry");
    UUID o4 = command("Cleo places order 4: 1 x PEN-7", () -> shop.orders.place(cleo, List.of(pen)));
    awaitSaga(o4, Order::paymentRequested, "the fulfillment saga requests the payment of order 4");
    Order first = shop.orderRepository.load(o4);
    Order second = shop.orderRepository.load(o4);
    first.addItem(book);
    second.addItem(lamp);
    shop.orderRepository.save(first);
    out.println("  two clerks loaded order 4 at version " + second.version() + "; the first saved BOOK-1 (now version "
        + first.version() + ")");
    try {
      shop.orderRepository.save(second);
      checks.check("the second save is refused as a conflict", false);
    } catch (ConcurrencyConflictException conflict) {
      out.println("  the second save got: " + conflict.getMessage());
      command("the second clerk retries: add 1 x LAMP-2 to order 4 (load, change, save)",
          () -> shop.orders.addItem(o4, lamp));
      checks.check("after the retry order 4 has all three lines",
          shop.orderRepository.load(o4).items().size() == 3);
    }

    heading("The events of order 1");
    for (EventEnvelope<?> event : shop.orderRepository.history(o1).toList()) {
      out.printf("  v%d  %s  %-17s %s%n", event.version(), event.timestamp(), event.eventType(), event.payload());
    }
    Order asPaid = shop.orderRepository.loadAsOf(o1, paid);
    out.println("  order 1 as of " + paid + ": " + asPaid.status() + ", total " + asPaid.total()
        + " (version " + asPaid.version() + ")");
    checks.check("order 1 as of the moment it was paid is PAID", asPaid.status() == OrderStatus.PAID);

    heading("The order-fulfillment saga");
    for (UUID order : List.of(o1, o2, o3, o4)) {
      for (SagaInstance<OrderFulfillment> saga : shop.sagas.instances(shop.fulfillment, "orderId", order)) {
        out.println("  order " + (List.of(o1, o2, o3, o4).indexOf(order) + 1) + ": " + saga.state().stage()
            + (saga.ended() ? ", ended" : ", waiting") + " (" + saga.handled().size() + " events handled)");
      }
    }
    List<SagaInstance<OrderFulfillment>> first1 = shop.sagas.instances(shop.fulfillment, "orderId", o1);
    checks.check("the saga of order 1 went through payment, reservation and shipment, and ended",
        first1.size() == 1 && first1.get(0).ended() && first1.get(0).state().stage() == OrderFulfillment.Stage.SHIPPING);
    checks.check("the saga reserved the items order 1 had when it was paid",
        shop.orderRepository.history(o1).map(EventEnvelope::payload).filter(InventoryReserved.class::isInstance)
            .map(InventoryReserved.class::cast).allMatch(r -> r.skus().equals(List.of("BOOK-1", "LAMP-2"))));
    checks.check("each saga step was appended exactly once to order 1",
        shop.orderRepository.history(o1).filter(e -> e.payload() instanceof ShipmentCreated).count() == 1
            && shop.orderRepository.history(o1).filter(e -> e.payload() instanceof PaymentRequested).count() == 1);

    heading("Read models (catch-up projection '" + Shop.ORDER_PROJECTION + "')");
    awaitProjection();
    shop.orderQueries.byId(o1).ifPresent(order -> out.println("  order 1: " + order));
    List<OrderByCustomer> annHistory = shop.orderQueries.historyOf(ann);
    annHistory.forEach(row -> out.println("  Ann's history: " + row));
    checks.check("order history by customer: Ann has 1 order, completed",
        annHistory.size() == 1 && annHistory.get(0).status() == OrderStatus.COMPLETED);
    OrderStatistics stats = shop.orderQueries.statistics();
    out.println("  statistics: " + stats.countByStatus() + ", revenue " + stats.totalByStatus());
    checks.check("statistics: 1 pending, 1 shipped, 1 completed, 1 cancelled",
        stats.count(OrderStatus.PENDING) == 1 && stats.count(OrderStatus.SHIPPED) == 1
            && stats.count(OrderStatus.COMPLETED) == 1 && stats.count(OrderStatus.CANCELLED) == 1);
    userReadModel(ann, bob, cleo, o1);
    registrationSaga(ann, bob, cleo, dave);
    return new Ids(ann, bob, cleo, dave, o1, o2, o3, o4);
  }

  /** Created at, last login, and the order totals the orders projection follows into the user's partition. */
  private void userReadModel(UUID ann, UUID bob, UUID cleo, UUID o1) {
    heading("User read model (orders followed into the user view)");
    command("Ann logs in again", () -> shop.users.logIn(ann));
    UserStatistics annStats = shop.userQueries.statistics(ann).orElseThrow();
    UserStatistics bobStats = shop.userQueries.statistics(bob).orElseThrow();
    UserStatistics cleoStats = shop.userQueries.statistics(cleo).orElseThrow();
    for (UserStatistics stats : List.of(annStats, bobStats, cleoStats)) {
      out.println("  " + stats.email() + ": registered " + stats.createdAt() + ", last login " + stats.lastLogin()
          + ", " + stats.totalOrders() + " order(s), spent " + stats.totalSpent());
    }
    BigDecimal o1Total = shop.orderRepository.load(o1).total();
    checks.check("Ann: 1 order, spent " + o1Total + " (order 1), last login after she registered",
        annStats.totalOrders() == 1 && annStats.totalSpent().compareTo(o1Total) == 0
            && annStats.lastLogin().isAfter(annStats.createdAt()));
    checks.check("Bob: 1 order, spent 39.00 (order 2, shipped)",
        bobStats.totalOrders() == 1 && bobStats.totalSpent().compareTo(new BigDecimal("39.00")) == 0);
    checks.check("Cleo: order 3 cancelled, order 4 unpaid: 1 order, spent 0, never logged in",
        cleoStats.totalOrders() == 1 && cleoStats.totalSpent().signum() == 0 && cleoStats.lastLogin() == null);
    List<ActiveUser> firstActive = shop.userQueries.activeUsers(1);
    out.println("  active users, limit 1: " + firstActive.stream().map(ActiveUser::email).toList());
    checks.check("active users with a limit of 1: one of Ann and Cleo",
        firstActive.size() == 1 && List.of(ann, cleo).contains(firstActive.get(0).userId()));
  }

  /** The welcome e-mails: Ann's first attempt fails and is retried; Dave's keep failing until the saga gives up. */
  private void registrationSaga(UUID ann, UUID bob, UUID cleo, UUID dave) throws InterruptedException {
    heading("The user-registration saga (welcome e-mail, retries, compensation)");
    List<UUID> users = List.of(ann, bob, cleo, dave);
    Await.until(() -> users.stream().allMatch(user -> shop.sagas.instances(shop.registration, "userId", user)
            .stream().anyMatch(SagaInstance::ended)), Duration.ofSeconds(60),
        () -> "the registration sagas did not end within 60 s");
    for (UUID user : users) {
      SagaInstance<UserRegistration> saga = registration(user);
      String email = saga.state().email();
      out.println("  " + email + ": " + saga.state().attempts() + " attempt(s), "
          + shop.mail.sentTo(email).size() + " e-mail sent, user " + (activeInView(user) ? "active" : "inactive"));
    }
    checks.check("Ann's first welcome e-mail failed, the retry sent it: 2 attempts, 1 e-mail",
        registration(ann).state().attempts() == 2 && shop.mail.sentTo("ann@example.com").size() == 1);
    checks.check("Bob and Cleo got their welcome e-mail at the first attempt",
        registration(bob).state().attempts() == 1 && shop.mail.sentTo("bob@shop.test").size() == 1
            && registration(cleo).state().attempts() == 1 && shop.mail.sentTo("cleo@example.com").size() == 1);
    long daveAttempts = registration(dave).state().attempts();
    List<EventEnvelope<UserEvent>> daveEvents = shop.userRepository.history(dave).toList();
    Instant registered = daveEvents.get(0).timestamp();
    Instant compensated = daveEvents.stream().filter(event -> event.payload() instanceof UserDeactivated)
        .map(EventEnvelope::timestamp).findFirst().orElse(registered);
    Duration tried = Duration.between(registered, compensated);
    checks.check("Dave's e-mail was tried " + daveAttempts + " time(s) over " + tried.toMillis()
        + " ms, until the retry deadline (" + UserRegistration.GIVE_UP_AFTER.toMillis()
        + " ms); then the saga gave up and compensated: Dave is deactivated, no e-mail went out",
        compensated.isAfter(registered)
            && tried.compareTo(UserRegistration.GIVE_UP_AFTER.minus(UserRegistration.RETRY_DELAY)) >= 0
            && !shop.userRepository.load(dave).active() && !activeInView(dave)
            && shop.mail.sentTo("dave@bounce.test").isEmpty());
  }

  private SagaInstance<UserRegistration> registration(UUID user) {
    List<SagaInstance<UserRegistration>> instances = shop.sagas.instances(shop.registration, "userId", user);
    if (instances.size() != 1) {
      throw new IllegalStateException("user " + user + " has " + instances.size() + " registration sagas, not 1");
    }
    return instances.get(0);
  }

  private boolean activeInView(UUID user) {
    return shop.userQueries.byId(user).map(UserView::active).orElse(false);
  }

  /** Waits until the saga has moved an order on (it runs on the feed, after the command returned). */
  private void awaitSaga(UUID orderId, java.util.function.Predicate<Order> done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.test(shop.orderRepository.load(orderId))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting: " + what);
      }
      Thread.sleep(20);
    }
    out.println("  saga: " + what);
  }

  /** Waits until the order projection has handled everything published so far. */
  void awaitProjection() throws InterruptedException {
    Await.until(() -> shop.projections.lag(Shop.ORDER_PROJECTION) == 0 && shop.feed.allPublished(),
        Duration.ofMinutes(2), () -> "the order projection did not catch up within 2 minutes: "
            + shop.projections.status(Shop.ORDER_PROJECTION));
  }

  private interface Command<T> {
    T run();
  }

  private <T> T command(String description, Command<T> command) {
    out.println("> " + description);
    return command.run();
  }

  private void command(String description, Runnable command) {
    out.println("> " + description);
    command.run();
  }

  private void heading(String title) {
    out.println();
    out.println("== " + title + " ==");
  }
}
