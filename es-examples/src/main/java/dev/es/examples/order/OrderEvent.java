package dev.es.examples.order;

/** Everything that can happen to an order. */
public sealed interface OrderEvent
    permits OrderCreated, ItemAdded, ItemRemoved, PaymentRequested, PaymentConfirmed, InventoryReserved,
        ShipmentCreated, OrderShipped, OrderCompleted, OrderCancelled {}
