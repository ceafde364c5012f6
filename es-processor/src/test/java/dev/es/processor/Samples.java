package dev.es.processor;

import static dev.es.processor.ProcessorTesting.source;

import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Sample aggregates of both styles, used by the golden, determinism and behaviour tests: a mutable {@code User}
 * (snapshots, an upcast chain UserRegisteredV1 -> UserRegistered), a record {@code Account} (snapshots,
 * {@code events} attribute, an event without handler), and a record {@code Counter} (inferred sealed event type,
 * no snapshots); read-model records {@code UserByEmail} and {@code OrderHistory} and the projector
 * {@code UserDirectory}; the sagas {@code Fulfilment} (mutable) and {@code Onboarding} (record).
 */
final class Samples {
  private Samples() {}

  static final JavaFileObject USER_EVENT =
      source(
          "shop.UserEvent",
          """
          package shop;

          public sealed interface UserEvent permits UserRegistered, EmailChanged, UserActivated {}
          """);

  static final JavaFileObject USER_REGISTERED_V1 =
      source(
          "shop.UserRegisteredV1",
          """
          package shop;

          import dev.es.annotations.Event;
          import dev.es.annotations.Upcast;

          /** Revision 1, stored before users had a name. */
          @Event(name = "UserRegistered", revision = 1)
          public record UserRegisteredV1(String email) {
            @Upcast
            public UserRegistered next() {
              return new UserRegistered(email, "(unknown)");
            }
          }
          """);

  static final JavaFileObject USER_REGISTERED =
      source(
          "shop.UserRegistered",
          """
          package shop;

          import dev.es.annotations.Event;

          @Event(revision = 2)
          public record UserRegistered(String email, String name) implements UserEvent {}
          """);

  static final JavaFileObject EMAIL_CHANGED =
      source(
          "shop.EmailChanged",
          """
          package shop;

          public record EmailChanged(String oldEmail, String newEmail) implements UserEvent {}
          """);

  static final JavaFileObject USER_ACTIVATED =
      source(
          "shop.UserActivated",
          """
          package shop;

          public record UserActivated() implements UserEvent {}
          """);

  static final JavaFileObject USER =
      source(
          "shop.User",
          """
          package shop;

          import dev.es.annotations.Apply;
          import dev.es.annotations.EventSourced;
          import dev.es.runtime.AggregateRoot;
          import java.time.Instant;
          import java.util.ArrayList;
          import java.util.List;
          import java.util.Map;
          import java.util.TreeMap;
          import java.util.UUID;

          @EventSourced(snapshotEvery = 50)
          public class User extends AggregateRoot<UserEvent> {
            static final int MAX_EMAILS = 10;

            String email;
            String name;
            boolean active;
            int changes;
            Instant activatedAt;
            List<String> previousEmails = new ArrayList<>();
            Map<String, Integer> counters = new TreeMap<>();
            transient String cache;

            User(UUID id) {
              super(id);
            }

            public static User register(UUID id, String email, String name) {
              User user = new User(id);
              user.raise(new UserRegistered(email, name));
              return user;
            }

            public void changeEmail(String newEmail) {
              if (!newEmail.equals(email)) {
                raise(new EmailChanged(email, newEmail));
              }
            }

            @Apply
            void on(UserRegistered e) {
              email = e.email();
              name = e.name();
            }

            @Apply
            void on(EmailChanged e) {
              previousEmails.add(e.oldEmail());
              email = e.newEmail();
              changes++;
              counters.merge("email", 1, Integer::sum);
            }

            @Apply
            void on(UserActivated e) {
              active = true;
              activatedAt = Instant.parse("2026-01-01T00:00:00Z");
            }
          }
          """);

  static final JavaFileObject ACCOUNT_EVENT =
      source(
          "bank.AccountEvent",
          """
          package bank;

          /** Not sealed: Account names it in @EventSourced(events = ...). */
          public interface AccountEvent {}
          """);

  static final JavaFileObject ACCOUNT_EVENTS =
      source(
          "bank.Events",
          """
          package bank;

          public final class Events {
            private Events() {}

            public record Opened(String owner) implements AccountEvent {}

            public record Deposited(long amount) implements AccountEvent {}

            public record Withdrawn(long amount) implements AccountEvent {}

            /** Applied by no aggregate. */
            public record Audited(String by) implements AccountEvent {}
          }
          """);

  static final JavaFileObject ACCOUNT =
      source(
          "bank.Account",
          """
          package bank;

          import dev.es.annotations.Apply;
          import dev.es.annotations.EventSourced;
          import java.util.UUID;

          @EventSourced(name = "BankAccount", snapshotEvery = 10, snapshotAfterReplaying = 25, snapshotVersion = 3,
              events = AccountEvent.class)
          public record Account(UUID id, String owner, long balance) {
            Account(UUID id) {
              this(id, null, 0L);
            }

            @Apply
            Account on(Events.Opened e) {
              return new Account(id, e.owner(), balance);
            }

            @Apply
            Account on(Events.Deposited e) {
              return new Account(id, owner, balance + e.amount());
            }

            @Apply
            Account on(Events.Withdrawn e) {
              return new Account(id, owner, balance - e.amount());
            }
          }
          """);

  static final JavaFileObject COUNTER =
      source(
          "bank.Counter",
          """
          package bank;

          import dev.es.annotations.Apply;
          import dev.es.annotations.EventSourced;
          import java.util.UUID;

          @EventSourced
          public record Counter(UUID id, int value) {
            public Counter(UUID id) {
              this(id, 0);
            }

            public sealed interface CounterEvent {}

            public record Incremented(int by) implements CounterEvent {}

            public record Reset() implements CounterEvent {}

            @Apply
            public Counter on(Incremented e) {
              return new Counter(id, value + e.by());
            }

            @Apply
            public Counter on(Reset e) {
              return new Counter(id, 0);
            }
          }
          """);

  /** A read model with a one-column partition key and no clustering columns. */
  static final JavaFileObject USER_BY_EMAIL =
      source(
          "shop.read.UserByEmail",
          """
          package shop.read;

          import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
          import dev.es.annotations.Projection;
          import java.util.UUID;

          @Projection(table = "user_by_email")
          public record UserByEmail(@PartitionKey String email, UUID userId, String name, boolean active) {}
          """);

  /** A read model with a composite partition key, two clustering columns and every supported column type. */
  static final JavaFileObject ORDER_HISTORY =
      source(
          "shop.read.OrderHistory",
          """
          package shop.read;

          import com.datastax.oss.driver.api.mapper.annotations.ClusteringColumn;
          import com.datastax.oss.driver.api.mapper.annotations.CqlName;
          import com.datastax.oss.driver.api.mapper.annotations.PartitionKey;
          import dev.es.annotations.Projection;
          import java.math.BigDecimal;
          import java.time.Instant;
          import java.time.LocalDate;
          import java.util.List;
          import java.util.Map;
          import java.util.Set;
          import java.util.UUID;

          @Projection(table = "order_history")
          public record OrderHistory(
              @PartitionKey(1) int year,
              @PartitionKey(0) UUID customerId,
              @ClusteringColumn(0) Instant placedAt,
              @ClusteringColumn(1) UUID orderId,
              @CqlName("total_cents") long total,
              BigDecimal amount,
              LocalDate deliveryDay,
              Status status,
              List<String> items,
              Set<Status> flags,
              Map<String, Integer> quantities,
              Address shipTo,
              List<Address> returns,
              Double rating,
              Integer itemCount,
              short priority,
              byte tier,
              float weight,
              double distance,
              Boolean gift) {

            public enum Status { PLACED, SHIPPED, DELIVERED }

            public record Address(String street, String city, Instant since) {}
          }
          """);

  /**
   * A projector over the User events: a handler with the FeedEvent, an asynchronous one without (its stage set by
   * a test), one that throws; a reset.
   */
  static final JavaFileObject USER_DIRECTORY =
      source(
          "shop.read.UserDirectory",
          """
          package shop.read;

          import dev.es.annotations.Handle;
          import dev.es.annotations.Projector;
          import dev.es.annotations.Reset;
          import dev.es.runtime.feed.FeedEvent;
          import java.io.IOException;
          import java.util.ArrayList;
          import java.util.List;
          import java.util.concurrent.CompletableFuture;
          import shop.EmailChanged;
          import shop.UserActivated;
          import shop.UserRegistered;

          @Projector(name = "user-directory")
          public class UserDirectory {
            public final List<String> log = new ArrayList<>();
            public CompletableFuture<String> emailWritten = CompletableFuture.completedFuture("written");

            @Handle
            void on(UserRegistered e, FeedEvent event) {
              log.add("registered " + e.email() + " as " + event.envelope().aggregateId() + " v"
                  + event.envelope().version() + " at " + event.shard() + "/" + event.position());
            }

            @Handle
            CompletableFuture<String> on(EmailChanged e) {
              if (e.newEmail().isEmpty()) {
                throw new IllegalArgumentException("no new email");
              }
              log.add("changed " + e.oldEmail() + " -> " + e.newEmail());
              return emailWritten;
            }

            @Handle
            void on(UserActivated e) throws IOException {
              if (log.isEmpty()) {
                throw new IOException("activated before registered");
              }
              log.add("activated");
            }

            @Reset
            void clear() {
              log.clear();
            }
          }
          """);

  /** The events of the {@code Fulfilment} saga: some it handles, some it emits. */
  static final JavaFileObject ORDER_EVENTS =
      source(
          "shop.saga.OrderEvents",
          """
          package shop.saga;

          import java.util.UUID;

          public final class OrderEvents {
            private OrderEvents() {}

            public record OrderPlaced(UUID orderId, long cents) {}

            public record PaymentRequested(UUID orderId, long cents) {}

            public record PaymentFailed(UUID orderId, String reason) {}

            public record OrderShipped(UUID orderId) {}

            public record OrderCancelled(UUID orderId) {}
          }
          """);

  /**
   * A mutable saga: void handlers, a start handler with compensation, one throwing a checked exception, an
   * {@code @EndSaga} event handler, a deadline handler taking only the context.
   */
  static final JavaFileObject FULFILMENT =
      source(
          "shop.saga.Fulfilment",
          """
          package shop.saga;

          import dev.es.annotations.DeadlineHandler;
          import dev.es.annotations.EndSaga;
          import dev.es.annotations.Saga;
          import dev.es.annotations.SagaEventHandler;
          import dev.es.annotations.StartSaga;
          import dev.es.runtime.saga.SagaContext;
          import java.io.IOException;
          import java.time.Duration;
          import java.util.UUID;
          import shop.saga.OrderEvents.OrderCancelled;
          import shop.saga.OrderEvents.OrderPlaced;
          import shop.saga.OrderEvents.OrderShipped;
          import shop.saga.OrderEvents.PaymentFailed;
          import shop.saga.OrderEvents.PaymentRequested;

          @Saga(name = "fulfilment")
          public class Fulfilment {
            public UUID orderId;
            public long cents;
            public int attempts;
            public String status = "new";

            @StartSaga
            @SagaEventHandler(associationProperty = "orderId")
            void on(OrderPlaced e, SagaContext context) {
              orderId = e.orderId();
              cents = e.cents();
              status = "placed";
              context.emit("Payment", e.orderId(), new PaymentRequested(e.orderId(), e.cents()));
              context.compensateWith("Order", e.orderId(), new OrderCancelled(e.orderId()));
            }

            @SagaEventHandler(associationProperty = "orderId")
            void on(PaymentFailed e, SagaContext context) throws IOException {
              if (e.reason().equals("fatal")) {
                throw new IOException("payment of " + e.orderId() + " failed for good");
              }
              attempts++;
              status = "retrying";
              context.schedule("retry-payment", Duration.ofMinutes(5));
            }

            @EndSaga
            @SagaEventHandler(associationProperty = "orderId")
            void on(OrderShipped e) {
              status = "shipped";
            }

            @DeadlineHandler("retry-payment")
            void retry(SagaContext context) {
              context.emit("Payment", orderId, new PaymentRequested(orderId, cents));
            }
          }
          """);

  /**
   * A record saga over the User events (the upcast chain UserRegisteredV1 -> UserRegistered is registered too):
   * handlers return the next state, an association under another key ({@code keyName}), a deadline handler with the deadline and
   * the context, an {@code @EndSaga} deadline handler without parameters.
   */
  static final JavaFileObject ONBOARDING =
      source(
          "shop.saga.Onboarding",
          """
          package shop.saga;

          import dev.es.annotations.DeadlineHandler;
          import dev.es.annotations.EndSaga;
          import dev.es.annotations.Saga;
          import dev.es.annotations.SagaEventHandler;
          import dev.es.annotations.StartSaga;
          import dev.es.runtime.saga.SagaContext;
          import dev.es.runtime.saga.SagaDeadline;
          import java.time.Duration;
          import shop.EmailChanged;
          import shop.UserRegistered;

          @Saga(name = "onboarding")
          public record Onboarding(String email, int reminders, String lastReminder) {
            public Onboarding() {
              this(null, 0, "");
            }

            @StartSaga
            @SagaEventHandler(associationProperty = "email")
            Onboarding on(UserRegistered e, SagaContext context) {
              context.schedule("remind", Duration.ofDays(1));
              context.schedule("give-up", Duration.ofDays(30));
              return new Onboarding(e.email(), 0, "");
            }

            @SagaEventHandler(associationProperty = "oldEmail", keyName = "email")
            Onboarding on(EmailChanged e, SagaContext context) {
              context.associateWith("email", e.newEmail());
              return new Onboarding(e.newEmail(), reminders, lastReminder);
            }

            @DeadlineHandler("remind")
            Onboarding remind(SagaDeadline deadline, SagaContext context) {
              context.schedule("remind", Duration.ofDays(1));
              return new Onboarding(email, reminders + 1, deadline.payload());
            }

            @EndSaga
            @DeadlineHandler("give-up")
            Onboarding giveUp() {
              return this;
            }
          }
          """);

  static List<JavaFileObject> all() {
    return List.of(
        USER_EVENT, USER_REGISTERED_V1, USER_REGISTERED, EMAIL_CHANGED, USER_ACTIVATED, USER,
        ACCOUNT_EVENT, ACCOUNT_EVENTS, ACCOUNT, COUNTER, USER_BY_EMAIL, ORDER_HISTORY, USER_DIRECTORY,
        ORDER_EVENTS, FULFILMENT, ONBOARDING);
  }
}
