package dev.es.runtime.feed;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Keeps at most a fixed number of a publisher's asynchronous requests in flight. A step reads and marks up to a
 * thousand streams; sent all at once they would queue behind each other on the node and fill the driver's
 * connection (whose in-flight limit the whole process shares), so that every other request of the process,
 * appends included, would wait behind them.
 */
final class InFlightLimit {

  private final Semaphore permits;

  InFlightLimit(int limit) {
    this.permits = new Semaphore(limit);
  }

  /**
   * Sends the request once fewer than the limit are in flight, waiting on the calling thread until then (the
   * publisher's own thread, never a driver thread: a driver thread waiting here could hold up the completions
   * that free the permits).
   */
  <T> CompletionStage<T> send(Supplier<? extends CompletionStage<T>> request) {
    permits.acquireUninterruptibly();
    CompletionStage<T> sent;
    try {
      sent = request.get();
    } catch (RuntimeException | Error e) {
      permits.release();
      throw e;
    }
    return sent.whenComplete((result, failure) -> permits.release());
  }
}
