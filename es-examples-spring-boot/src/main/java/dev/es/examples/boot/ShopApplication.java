package dev.es.examples.boot;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.examples.CommandScope;
import dev.es.examples.order.OrderCommands;
import dev.es.examples.order.OrderFulfillment;
import dev.es.examples.order.OrderRepository;
import dev.es.examples.order.view.OrderByCustomerTable;
import dev.es.examples.order.view.OrderByStatusTable;
import dev.es.examples.order.view.OrderProjector;
import dev.es.examples.order.view.OrderQueries;
import dev.es.examples.order.view.OrderViewTable;
import dev.es.examples.user.UserCommands;
import dev.es.examples.user.UserRepository;
import dev.es.examples.user.view.ActiveUserTable;
import dev.es.examples.user.view.UserByEmailDomainTable;
import dev.es.examples.user.view.UserProjector;
import dev.es.examples.user.view.UserQueries;
import dev.es.examples.user.view.UserViewTable;
import dev.es.runtime.CassandraEventStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The e-commerce example as a Spring Boot web application. es-spring-boot-starter configures the event store on
 * Spring's {@link CqlSession}, the feed, the generated repositories, and runs the projectors and the saga that are
 * beans here: {@code UserProjector} inline ({@code es.projections.inline}), {@code OrderProjector} on the feed, and
 * the {@link OrderFulfillment} saga. What is left is the application's own: its read-model tables, its command and
 * query handlers.
 */
@SpringBootApplication
@Import(OrderFulfillment.class)
public class ShopApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }

  @Bean
  CommandScope commandScope() {
    return new CommandScope("web");
  }

  @Bean
  UserCommands userCommands(UserRepository users, CommandScope scope) {
    return new UserCommands(users, scope);
  }

  @Bean
  OrderCommands orderCommands(OrderRepository orders, CommandScope scope) {
    return new OrderCommands(orders, scope);
  }

  @Bean
  UserViewTable userViewTable(CqlSession session, CassandraEventStore store) {
    UserViewTable table = new UserViewTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }

  @Bean
  UserByEmailDomainTable userByEmailDomainTable(CqlSession session, CassandraEventStore store) {
    UserByEmailDomainTable table = new UserByEmailDomainTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }

  @Bean
  ActiveUserTable activeUserTable(CqlSession session, CassandraEventStore store) {
    ActiveUserTable table = new ActiveUserTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }

  @Bean
  OrderViewTable orderViewTable(CqlSession session, CassandraEventStore store) {
    OrderViewTable table = new OrderViewTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }

  @Bean
  OrderByCustomerTable orderByCustomerTable(CqlSession session, CassandraEventStore store) {
    OrderByCustomerTable table = new OrderByCustomerTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }

  @Bean
  OrderByStatusTable orderByStatusTable(CqlSession session, CassandraEventStore store) {
    OrderByStatusTable table = new OrderByStatusTable(session, store.options().keyspace());
    table.initialize();
    return table;
  }

  @Bean
  UserProjector userProjector(UserViewTable users, UserByEmailDomainTable byDomain, ActiveUserTable active) {
    return new UserProjector(users, byDomain, active);
  }

  @Bean
  OrderProjector orderProjector(OrderViewTable orders, OrderByCustomerTable byCustomer, OrderByStatusTable byStatus) {
    return new OrderProjector(orders, byCustomer, byStatus);
  }

  @Bean
  UserQueries userQueries(UserViewTable users, UserByEmailDomainTable byDomain, ActiveUserTable active,
      OrderByCustomerTable byCustomer) {
    return new UserQueries(users, byDomain, active, byCustomer);
  }

  @Bean
  OrderQueries orderQueries(OrderViewTable orders, OrderByCustomerTable byCustomer, OrderByStatusTable byStatus) {
    return new OrderQueries(orders, byCustomer, byStatus);
  }
}
