package dev.es.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link Handle} methods keep a read model up to date from events. The processor generates,
 * in the same package, {@code <Name>_Projection}: an implementation of {@code dev.es.runtime.projection.Projection}
 * wrapping an instance of the class, whose {@code handle} is a straight-line {@code instanceof} chain calling the
 * handlers (events without a handler are ignored) and whose {@code reset} calls the {@link Reset} method, if any.
 *
 * <pre>{@code
 * @Projector(name = "user-by-email")
 * public class UserByEmailProjector {
 *   private final UserByEmailTable table;
 *   public UserByEmailProjector(UserByEmailTable table) { this.table = table; }
 *
 *   @Handle void on(UserRegistered e, FeedEvent event) {
 *     table.upsert(new UserByEmail(e.email(), event.envelope().aggregateId(), e.name(), false));
 *   }
 *   @Reset void clear() { table.truncate(); }
 * }
 *
 * runner = ProjectionRunner.builder(feed).add(new UserByEmailProjector_Projection(new UserByEmailProjector(table)))...
 * }</pre>
 *
 * <p>The class is a non-private, non-generic class or record with at least one {@link Handle} method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Projector {

  /**
   * The projection's stable name: it keys the projection's checkpoints and leases in Cassandra, so renaming it
   * makes the projection start again from position zero. Letters, digits, {@code _}, {@code -} and {@code .},
   * starting with a letter or digit, at most 100 characters; unique among the projectors of the application.
   */
  String name();
}
