package dev.es.runtime.saga;

import java.util.Objects;

/**
 * A property value that routes events to a saga instance: an event whose binding names this property and value
 * reaches every instance associated with it.
 *
 * @param property the association property, e.g. {@code orderId}
 * @param value its value as text
 */
public record Association(String property, String value) {

  public Association {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return property + "=" + value;
  }
}
