package dev.es.examples.order;

import java.math.BigDecimal;

/** The payment of a pending order was confirmed. */
public record PaymentConfirmed(String paymentId, BigDecimal amount) implements OrderEvent {}
