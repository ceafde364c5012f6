package dev.es.it.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session that fails chosen requests, counted from 1 in the order they are executed, with a chosen exception
 * before they reach Cassandra; every other request goes to the real session.
 */
final class ScriptedSession {

  static CqlSession failing(CqlSession real, Map<Integer, RuntimeException> failures) {
    AtomicInteger requests = new AtomicInteger();
    return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute") && args != null && args[0] instanceof Statement<?>) {
            RuntimeException failure = failures.get(requests.incrementAndGet());
            if (failure != null) {
              throw failure;
            }
          }
          return TimingOutSession.invoke(real, method, args);
        });
  }

  private ScriptedSession() {}
}
