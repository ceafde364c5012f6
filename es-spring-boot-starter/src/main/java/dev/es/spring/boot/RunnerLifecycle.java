package dev.es.spring.boot;

import org.springframework.context.SmartLifecycle;

/**
 * Starts a projection or saga runner with the application context and closes it when the context stops: its
 * shard workers finish the events in flight and give their leases up, so another process takes over at once.
 */
public class RunnerLifecycle implements SmartLifecycle {

  /**
   * After the feed's publishers start and before the web server does (its lifecycles run at
   * {@code DEFAULT_PHASE - 1024} and {@code - 2048}); so on shutdown the web server stops taking requests first.
   */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final String name;
  private final Runnable start;
  private final AutoCloseable close;
  private volatile boolean running;

  /**
   * @param name what runs, for errors
   * @param start starts the runner
   * @param close stops it and gives its leases up
   */
  public RunnerLifecycle(String name, Runnable start, AutoCloseable close) {
    this.name = name;
    this.start = start;
    this.close = close;
  }

  @Override
  public synchronized void start() {
    if (!running) {
      start.run();
      running = true;
    }
  }

  @Override
  public synchronized void stop() {
    if (running) {
      running = false;
      try {
        close.close();
      } catch (Exception e) {
        throw new IllegalStateException("es: closing the " + name + " failed", e);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
