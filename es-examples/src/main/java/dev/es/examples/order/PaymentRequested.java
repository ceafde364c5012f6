package dev.es.examples.order;

import java.math.BigDecimal;
import java.util.UUID;

/** The fulfillment saga asked the customer to pay for a new order. */
public record PaymentRequested(UUID orderId, BigDecimal amount) implements OrderEvent {}
