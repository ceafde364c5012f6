package dev.es.examples.order;

import java.util.UUID;

/** A command that the order's current status does not allow, e.g. shipping an order that is not paid. */
public class IllegalOrderStateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IllegalOrderStateException(UUID orderId, OrderStatus status, String command) {
    super("Order " + orderId + " is " + status + ": cannot " + command);
  }
}
