package dev.es.it.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.lang.reflect.Proxy;
import java.util.List;

/** A session that records every statement executed through it, then runs it on the real session. */
final class RecordingSession {

  private RecordingSession() {}

  static CqlSession wrap(CqlSession real, List<Statement<?>> executed) {
    return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute") && args != null && args[0] instanceof Statement<?> statement) {
            executed.add(statement);
          }
          return TimingOutSession.invoke(real, method, args);
        });
  }
}
