package dev.es.examples.order;

import java.util.UUID;

/** The fulfillment saga created the shipment of an order whose items are reserved. */
public record ShipmentCreated(UUID orderId, UUID shipmentId) implements OrderEvent {}
