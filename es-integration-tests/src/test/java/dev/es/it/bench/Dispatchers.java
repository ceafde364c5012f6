package dev.es.it.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** The dispatchers the generated one is compared with, and the event streams they all apply. */
final class Dispatchers {

  private Dispatchers() {}

  /** Written by hand: the instanceof chain a developer would write (Java 17 has no pattern switch). */
  static Meter handWritten(Meter meter, MeterEvent event) {
    if (event instanceof MeterEvent.Installed e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.Read e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.Corrected e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.Paused e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.Resumed e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.Labelled e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.Calibrated e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.LimitSet e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.Reset e) {
      meter.on(e);
    } else if (event instanceof MeterEvent.TariffChanged e) {
      meter.on(e);
    } else {
      throw new IllegalArgumentException("no handler for " + event.getClass().getName());
    }
    return meter;
  }

  /**
   * The handler methods as a reflective framework finds them: {@code @Apply} is only retained in class files,
   * so by convention: every instance method named {@code on} taking one event of the aggregate's event type.
   */
  static List<Method> handlerMethods(Class<?> aggregateClass, Class<?> eventClass) {
    List<Method> found = new java.util.ArrayList<>();
    for (Method method : aggregateClass.getDeclaredMethods()) {
      if (method.getName().equals("on") && !java.lang.reflect.Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 1
          && eventClass.isAssignableFrom(method.getParameterTypes()[0]) && method.getReturnType() == void.class) {
        found.add(method);
      }
    }
    if (found.size() != 10) {
      throw new IllegalStateException("expected 10 handlers, found " + found);
    }
    return found;
  }

  /** What a reflective framework does: find the handler methods once, then {@code Method.invoke}. */
  static final class Reflective {
    private final Map<Class<?>, Method> handlers = new HashMap<>();

    Reflective(Class<?> aggregateClass, Class<?> eventClass) {
      for (Method method : handlerMethods(aggregateClass, eventClass)) {
        method.setAccessible(true);
        handlers.put(method.getParameterTypes()[0], method);
      }
    }

    Object apply(Object aggregate, Object event) {
      Method handler = handlers.get(event.getClass());
      if (handler == null) {
        throw new IllegalArgumentException("no handler for " + event.getClass().getName());
      }
      try {
        handler.invoke(aggregate, event);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(e.getCause());
      }
      return aggregate;
    }
  }

  /**
   * Axon's approach: the handlers found by reflection once, unreflected to method handles adapted to
   * {@code (Object, Object)void}, looked up per event class and called with {@code invokeExact}.
   */
  static final class Handles {
    private static final MethodType GENERIC = MethodType.methodType(void.class, Object.class, Object.class);
    private final Map<Class<?>, MethodHandle> handlers = new HashMap<>();

    Handles(Class<?> aggregateClass, Class<?> eventClass, MethodHandles.Lookup lookup) {
      for (Method method : handlerMethods(aggregateClass, eventClass)) {
        try {
          handlers.put(method.getParameterTypes()[0], lookup.unreflect(method).asType(GENERIC));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    Object apply(Object aggregate, Object event) {
      MethodHandle handler = handlers.get(event.getClass());
      if (handler == null) {
        throw new IllegalArgumentException("no handler for " + event.getClass().getName());
      }
      try {
        handler.invokeExact(aggregate, event);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
      return aggregate;
    }
  }

  /** A lookup with access to {@link Meter}'s package-private {@code @Apply} methods. */
  static MethodHandles.Lookup lookup() {
    return MethodHandles.lookup();
  }

  /** A new meter. */
  static Meter meter() {
    return new Meter(UUID.randomUUID());
  }

  /** {@code count} events: an Installed first, then the ten types in a seeded random order. */
  static List<MeterEvent> stream(int count, long seed) {
    Random random = new Random(seed);
    List<MeterEvent> events = new java.util.ArrayList<>(count);
    events.add(new MeterEvent.Installed("SN-000123", "Hall 4"));
    while (events.size() < count) {
      events.add(switch (random.nextInt(10)) {
        case 0 -> new MeterEvent.Installed("SN-" + random.nextInt(1000), "Hall " + random.nextInt(9));
        case 1 -> new MeterEvent.Read(random.nextInt(1000));
        case 2 -> new MeterEvent.Corrected(random.nextInt(21) - 10, "manual check");
        case 3 -> new MeterEvent.Paused("maintenance");
        case 4 -> new MeterEvent.Resumed();
        case 5 -> new MeterEvent.Labelled("label " + random.nextInt(100));
        case 6 -> new MeterEvent.Calibrated(0.9 + random.nextInt(20) / 100.0);
        case 7 -> new MeterEvent.LimitSet(random.nextInt(100_000));
        case 8 -> new MeterEvent.Reset(random.nextInt(1000));
        default -> new MeterEvent.TariffChanged("T" + random.nextInt(5), random.nextInt(40));
      });
    }
    return events;
  }
}
