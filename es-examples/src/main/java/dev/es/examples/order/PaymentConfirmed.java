package dev.es.examples.order;

import java.math.BigDecimal;
import java.util.UUID;

/** The payment of a pending order was confirmed. */
public record PaymentConfirmed(UUID orderId, String paymentId, BigDecimal amount) implements OrderEvent {}
