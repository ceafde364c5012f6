package dev.es.examples;

import com.datastax.oss.driver.api.core.DriverException;
import dev.es.examples.order.InventoryReserved;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.PaymentRequested;
import dev.es.examples.order.ShipmentCreated;
import dev.es.examples.order.view.OrderStatistics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The bulk phase: many orders placed concurrently, every other one paid, the fulfillment saga following each
 * of them, with a live progress bar and the read side's lag; then the read models are counted against the
 * commands sent and every order's stream against what the saga must have appended, so a lost or doubled event
 * would show.
 */
final class BulkLoad {

  private final Shop shop;
  private final PrintStream out;
  private final Checks checks;

  BulkLoad(Shop shop, PrintStream out, Checks checks) {
    this.shop = shop;
    this.out = out;
    this.checks = checks;
  }

  void run(int orders, int concurrency, Scenario scenario) throws Exception {
    out.println();
    out.println("== Bulk: " + orders + " orders, " + concurrency + " at a time, every other one paid ==");
    OrderStatistics before = shop.orderQueries.statistics();
    BulkOrders workload = new BulkOrders(shop.orders);
    AtomicLong commands = new AtomicLong();
    AtomicLong placed = new AtomicLong();
    UUID[] ids = new UUID[orders];
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      int n = i;
      done.add(threads.submit(() -> {
        ids[n] = workload.order(n);
        commands.addAndGet(BulkOrders.commands(n));
        placed.incrementAndGet();
      }));
    }
    ProgressBar bar = new ProgressBar(out, "orders", orders);
    while (placed.get() < orders && !allDone(done)) {
      bar.show(placed.get(), lags());
      Thread.sleep(200);
    }
    for (Future<?> order : done) {
      order.get();
    }
    bar.finish(placed.get(), lags());
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf("  %,d commands in %.1f s: %,.0f commands/s%n", commands.get(), seconds, commands.get() / seconds);

    long lastCommand = System.nanoTime();
    long paid = (orders + 1) / 2;
    awaitCommandsProjected(before, orders - paid, paid);
    out.printf("  the order projection caught up %.1f s after the last command%n",
        (System.nanoTime() - lastCommand) / 1e9);
    awaitSaga();
    out.printf("  the fulfillment saga caught up %.1f s after the last command%n",
        (System.nanoTime() - lastCommand) / 1e9);
    scenario.awaitProjection(); // and the projection the saga's last events
    OrderStatistics after = shop.orderQueries.statistics();
    long newPending = after.count(OrderStatus.PENDING) - before.count(OrderStatus.PENDING);
    long newPaid = after.count(OrderStatus.PAID) - before.count(OrderStatus.PAID);
    out.println("  read model: " + after.countByStatus());
    checks.check("commands sent = " + commands.get() + " = orders placed + orders paid",
        commands.get() == orders + paid);
    checks.check("orders in the read model grew by exactly " + orders, after.orders() - before.orders() == orders);
    checks.check("of them " + paid + " paid and " + (orders - paid) + " pending (the saga's events change no status)",
        newPaid == paid && newPending == orders - paid);
    List<Future<Boolean>> fulfilled = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      int n = i;
      fulfilled.add(threads.submit(() -> fulfilledOnce(ids[n], BulkOrders.paid(n))));
    }
    long right = 0;
    for (Future<Boolean> order : fulfilled) {
      right += order.get() ? 1 : 0;
    }
    threads.shutdown();
    checks.check("the saga requested the payment of each of the " + orders + " orders once, and reserved the items"
        + " and created the shipment of each of the " + paid + " paid ones once", right == orders);
  }

  /** Whether the saga's events in the order's stream are exactly those its payment calls for, each once. */
  private boolean fulfilledOnce(UUID order, boolean paid) {
    Map<Class<?>, Long> counts = shop.orderRepository.history(order)
        .collect(Collectors.groupingBy(event -> event.payload().getClass(), Collectors.counting()));
    long afterPayment = paid ? 1 : 0;
    return counts.getOrDefault(PaymentRequested.class, 0L) == 1
        && counts.getOrDefault(InventoryReserved.class, 0L) == afterPayment
        && counts.getOrDefault(ShipmentCreated.class, 0L) == afterPayment;
  }

  /**
   * Waits until the order projection has handled every event the bulk phase's commands appended: the read model
   * counts each order placed, and each one paid as paid. (The saga's events change no status; the saga's own catch-up
   * is measured on its own.) Polled every 250 ms, and only while the projection's lag reads 0: a poll reads the
   * status partitions, tombstones of status changes included.
   */
  private void awaitCommandsProjected(OrderStatistics before, long pending, long paid) throws InterruptedException {
    Await.until(() -> {
      if (shop.projections.lag(Shop.ORDER_PROJECTION) > 0) {
        return false;
      }
      OrderStatistics now = shop.orderQueries.statistics();
      return now.count(OrderStatus.PENDING) - before.count(OrderStatus.PENDING) == pending
          && now.count(OrderStatus.PAID) - before.count(OrderStatus.PAID) == paid;
    }, Duration.ofMillis(250), Duration.ofMinutes(2), () -> "the order projection did not catch up within 2 minutes: "
        + shop.projections.status(Shop.ORDER_PROJECTION));
  }

  /**
   * Waits until the saga has handled every event of the feed and everything it appended is published. Polled every
   * 100 ms: the poll is work for the node that the saga, still appending, competes with.
   */
  private void awaitSaga() throws InterruptedException {
    Await.until(() -> shop.sagas.lag(shop.fulfillment.name()) == 0 && shop.feed.allPublished(),
        Duration.ofMillis(100), Duration.ofMinutes(5), () -> "the fulfillment saga did not catch up within 5 minutes: "
            + shop.sagas.status(shop.fulfillment.name()));
  }

  /** What the read side has still to handle, as the progress bar shows it. */
  private String lags() {
    try {
      return String.format("; lag: projection %,d, saga %,d events", shop.projections.lag(Shop.ORDER_PROJECTION),
          shop.sagas.lag(shop.fulfillment.name()));
    } catch (DriverException unanswered) {
      return "; lag: (Cassandra busy)";
    }
  }

  private static boolean allDone(List<Future<?>> futures) {
    return futures.stream().allMatch(Future::isDone);
  }

  /** A one-line bar redrawn in place. */
  private static final class ProgressBar {
    private static final int WIDTH = 40;
    private final PrintStream out;
    private final String label;
    private final long total;

    ProgressBar(PrintStream out, String label, long total) {
      this.out = out;
      this.label = label;
      this.total = total;
    }

    void show(long done, String suffix) {
      int filled = (int) (WIDTH * done / Math.max(1, total));
      out.printf("\r  [%s%s] %,d / %,d %s%s  ", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, label,
          suffix);
      out.flush();
    }

    void finish(long done, String suffix) {
      show(done, suffix);
      out.println();
    }
  }
}
