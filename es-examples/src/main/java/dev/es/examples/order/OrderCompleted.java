package dev.es.examples.order;

/** A shipped order was delivered. */
public record OrderCompleted() implements OrderEvent {}
