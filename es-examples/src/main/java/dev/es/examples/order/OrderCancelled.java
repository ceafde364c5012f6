package dev.es.examples.order;

/** An order was cancelled. */
public record OrderCancelled(String reason) implements OrderEvent {}
