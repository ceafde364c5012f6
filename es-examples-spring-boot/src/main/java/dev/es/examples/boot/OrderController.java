package dev.es.examples.boot;

import dev.es.examples.order.OrderCommands;
import dev.es.examples.order.OrderItem;
import dev.es.examples.order.OrderRepository;
import dev.es.examples.order.view.OrderByCustomer;
import dev.es.examples.order.view.OrderQueries;
import dev.es.examples.order.view.OrderStatistics;
import dev.es.examples.order.view.OrderView;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order commands and queries over HTTP. Orders are projected on the feed, so a read right after a command
 * may not see it yet; the order-fulfillment saga reacts to placed and paid orders.
 */
@RestController
public class OrderController {

  /** A new order. */
  public record Placement(UUID customerId, List<OrderItem> items) {}

  /** A confirmed payment. */
  public record Payment(String paymentId, BigDecimal amount) {}

  /** A shipment's tracking number. */
  public record Shipment(String trackingNumber) {}

  /** One stored event of an order's stream. */
  public record StoredEvent(long version, String type) {}

  private final OrderCommands commands;
  private final OrderQueries queries;
  private final OrderRepository orders;

  public OrderController(OrderCommands commands, OrderQueries queries, OrderRepository orders) {
    this.commands = commands;
    this.queries = queries;
    this.orders = orders;
  }

  @PostMapping("/orders")
  @ResponseStatus(HttpStatus.CREATED)
  public UserController.Created place(@RequestBody Placement placement) {
    return new UserController.Created(commands.place(placement.customerId(), placement.items()));
  }

  @PostMapping("/orders/{id}/payment")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void confirmPayment(@PathVariable UUID id, @RequestBody Payment payment) {
    commands.confirmPayment(id, payment.paymentId(), payment.amount());
  }

  @PostMapping("/orders/{id}/shipment")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void ship(@PathVariable UUID id, @RequestBody Shipment shipment) {
    commands.ship(id, shipment.trackingNumber());
  }

  @GetMapping("/orders/{id}")
  public ResponseEntity<OrderView> order(@PathVariable UUID id) {
    return ResponseEntity.of(queries.byId(id));
  }

  /** The order's stream as stored: what the commands and the saga appended. */
  @GetMapping("/orders/{id}/events")
  public List<StoredEvent> events(@PathVariable UUID id) {
    return orders.history(id).map(event -> new StoredEvent(event.version(), event.eventType())).toList();
  }

  @GetMapping("/customers/{id}/orders")
  public List<OrderByCustomer> ordersOf(@PathVariable UUID id) {
    return queries.historyOf(id);
  }

  @GetMapping("/orders/statistics")
  public OrderStatistics statistics() {
    return queries.statistics();
  }
}
