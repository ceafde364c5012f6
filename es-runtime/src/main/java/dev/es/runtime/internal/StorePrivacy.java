package dev.es.runtime.internal;

import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.privacy.PersonalPayloads;

/**
 * A store's encryption of personal data, for the saga package: it stages events as JSON before the store appends
 * them, and must not keep their personal text in clear meanwhile. Handed over by {@link CassandraEventStore}'s
 * class initialization, as {@link EventRows} is.
 */
public final class StorePrivacy {

  /** How to reach a store's personal payloads; implemented by {@link CassandraEventStore} alone. */
  @FunctionalInterface
  public interface Access {
    PersonalPayloads of(CassandraEventStore store);
  }

  private static volatile Access access;

  private StorePrivacy() {}

  /**
   * Called once, by {@link CassandraEventStore}'s class initialization.
   *
   * @throws IllegalStateException if an access is installed already
   */
  public static synchronized void install(Access storeAccess) {
    if (access != null) {
      throw new IllegalStateException("the store's privacy access is installed already");
    }
    access = storeAccess;
  }

  /** The store's personal payloads. */
  public static PersonalPayloads of(CassandraEventStore store) {
    return access.of(store);
  }
}
