package dev.es.examples.order;

/** A paid order was shipped. */
public record OrderShipped(String trackingNumber) implements OrderEvent {}
