package dev.es.it.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session that makes conditional batches (appends) look timed out, the way a real cluster can: either after
 * Cassandra applied the batch, or before it got there. Everything else goes to the real session.
 */
final class TimingOutSession {

  enum Mode { AFTER_APPLYING, BEFORE_SENDING }

  private TimingOutSession() {}

  /** Wraps {@code real} so that the next {@code timeouts} batches fail with {@code timeout}. */
  static CqlSession wrap(CqlSession real, Mode mode, int timeouts, RuntimeException timeout, AtomicInteger batches) {
    AtomicInteger remaining = new AtomicInteger(timeouts);
    return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
        (proxy, method, args) -> {
          boolean batch = method.getName().equals("execute") && args != null && args[0] instanceof BatchStatement;
          if (batch) {
            batches.incrementAndGet();
          }
          if (batch && remaining.getAndDecrement() > 0) {
            if (mode == Mode.AFTER_APPLYING) {
              invoke(real, method, args);
            }
            throw timeout;
          }
          return invoke(real, method, args);
        });
  }

  static Object invoke(CqlSession real, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
