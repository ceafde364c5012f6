package dev.es.examples;

import dev.es.examples.order.OrderItem;
import dev.es.examples.order.OrderStatus;
import dev.es.examples.order.view.OrderStatistics;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bulk phase: many orders placed concurrently, every other one paid, with a live progress bar; then the
 * read models are counted against the commands sent, so a lost or doubled event would show.
 */
final class BulkLoad {

  private static final int CUSTOMERS = 500;
  private static final OrderItem[] CATALOG = {
      new OrderItem("BOOK-1", 1, new BigDecimal("24.90")),
      new OrderItem("PEN-7", 3, new BigDecimal("2.50")),
      new OrderItem("LAMP-2", 1, new BigDecimal("39.00")),
      new OrderItem("MUG-4", 2, new BigDecimal("8.00"))};

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
    List<UUID> customers = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      customers.add(UUID.randomUUID());
    }
    AtomicLong commands = new AtomicLong();
    AtomicLong placed = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      int n = i;
      done.add(threads.submit(() -> {
        OrderItem first = CATALOG[n % CATALOG.length];
        OrderItem second = CATALOG[(n + 1) % CATALOG.length];
        UUID order = shop.orders.place(customers.get(n % CUSTOMERS), List.of(first, second));
        commands.incrementAndGet();
        if (n % 2 == 0) {
          shop.orders.confirmPayment(order, "PAY-B" + n, first.lineTotal().add(second.lineTotal()));
          commands.incrementAndGet();
        }
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
    threads.shutdown();
    bar.finish(placed.get(), lags());
    double seconds = (System.nanoTime() - start) / 1e9;
    long paid = (orders + 1) / 2;
    long events = orders + paid;
    out.printf("  %,d commands in %.1f s: %,.0f commands/s, %,.0f events/s%n", commands.get(), seconds,
        commands.get() / seconds, events / seconds);

    long catchUpStart = System.nanoTime();
    scenario.awaitProjection();
    out.printf("  the order projection caught up %.1f s after the last command%n",
        (System.nanoTime() - catchUpStart) / 1e9);
    while (shop.sagas.lag(shop.fulfillment.name()) > 0 || !shop.feed.allPublished()) {
      Thread.sleep(20);
    }
    out.printf("  the saga caught up %.1f s after the last command%n", (System.nanoTime() - catchUpStart) / 1e9);
    OrderStatistics after = shop.orderQueries.statistics();
    long newPending = after.count(OrderStatus.PENDING) - before.count(OrderStatus.PENDING);
    long newPaid = after.count(OrderStatus.PAID) - before.count(OrderStatus.PAID);
    out.println("  read model: " + after.countByStatus());
    checks.check("commands sent = " + commands.get() + " = orders placed + orders paid",
        commands.get() == orders + paid);
    checks.check("orders in the read model grew by exactly " + orders, after.orders() - before.orders() == orders);
    checks.check("of them " + paid + " paid and " + (orders - paid) + " pending",
        newPaid == paid && newPending == orders - paid);
  }

  /** What the read side has still to handle, as the progress bar shows it. */
  private String lags() {
    return String.format("; lag: projection %,d, saga %,d events", shop.projections.lag(Shop.ORDER_PROJECTION),
        shop.sagas.lag(shop.fulfillment.name()));
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
