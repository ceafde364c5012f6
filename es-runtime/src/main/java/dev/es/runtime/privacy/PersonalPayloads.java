package dev.es.runtime.privacy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.PersonalField;
import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Crypto-shredding of event payloads: each personal text (see {@link PersonalField}) is stored sealed with its
 * subject's key, and reads as {@link PersonalField#FORGOTTEN} once that key is deleted. One per event store, which
 * calls it for the event types that have personal data only; applications forget a subject through
 * {@code CassandraEventStore.forgetSubject}.
 */
public final class PersonalPayloads {

  private final CqlSession session;
  private final EventStoreOptions options;
  private final PersonalProperties properties;
  private final SubjectKeys keys;
  private final SubjectStreams streams;
  private volatile SubjectStatements statements;

  public PersonalPayloads(CqlSession session, EventStoreOptions options) {
    this.session = Objects.requireNonNull(session, "session");
    this.options = Objects.requireNonNull(options, "options");
    this.properties = new PersonalProperties(options.objectMapper().getFactory());
    this.keys = new SubjectKeys(session, options, this::statements);
    this.streams = new SubjectStreams(session, options, this::statements);
  }

  /**
   * The payload's JSON with each personal text sealed with its subject's key, made on the subject's first use.
   *
   * @param json the payload as the store's serializer wrote it
   * @param sealedFor receives the subject of each text sealed, for {@link #recordStreams}
   * @throws IllegalArgumentException if a subject is null, empty or missing, or the JSON is not shaped as the
   *     type's personal data says; the message names the event type, the component and the aggregate
   */
  public String seal(EventType<?> type, UUID aggregateId, String json, Consumer<String> sealedFor) {
    try {
      return properties.rewrite(json, type.personalData(), (field, subject, value) -> {
        if (subject == null || subject.isEmpty()) {
          throw new IllegalArgumentException("cannot append event '" + type.name() + "' ("
              + type.javaClass().getName() + ") to aggregate " + aggregateId + ": its personal data component '"
              + field.component() + "' needs a subject, but component '" + field.subject()
              + "' is null, empty or missing");
        }
        if (value == null) {
          return null;
        }
        sealedFor.accept(subject);
        return SealedText.seal(keys.forSealing(subject), value);
      });
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot append event '" + type.name() + "' (" + type.javaClass().getName()
          + ") to aggregate " + aggregateId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lists the aggregate under each subject (once per process), so that forgetting one finds the aggregate's
   * snapshots. Called before the append that holds their sealed texts.
   */
  public void recordStreams(UUID aggregateId, Collection<String> subjects) {
    streams.record(aggregateId, subjects);
  }

  /**
   * The payload's JSON with each sealed personal text opened with its subject's key, or {@link
   * PersonalField#FORGOTTEN} if that key is deleted. Text stored before its component was personal data is left
   * as it is.
   *
   * @throws IOException if a sealed text does not authenticate under its key (corrupt or tampered with), is
   *     malformed, or its subject is missing
   */
  public String open(EventType<?> type, String json) throws IOException {
    if (json == null) {
      throw new IOException("payload is null");
    }
    return properties.rewrite(json, type.personalData(), (field, subject, value) -> {
      if (value == null || !SealedText.isSealed(value)) {
        return value;
      }
      if (subject == null) {
        throw new IOException("personal data component '" + field.component() + "' is sealed, but its subject '"
            + field.subject() + "' is null or missing");
      }
      SealedText sealed = SealedText.parse(value);
      Optional<SubjectKey> key = keys.forOpening(subject, sealed.keyId());
      if (key.isEmpty()) {
        return PersonalField.FORGOTTEN;
      }
      try {
        return sealed.open(key.get());
      } catch (IOException e) {
        throw new IOException("personal data component '" + field.component() + "': " + e.getMessage(), e);
      }
    });
  }

  /**
   * Deletes the subject's key, drops it from this process's cache and deletes the snapshots of every aggregate
   * listed under the subject. Idempotent: after a failure, call it again.
   *
   * @param deleteSnapshots deletes every snapshot of one aggregate
   */
  public ForgottenSubject forget(String subject, Consumer<UUID> deleteSnapshots) {
    Objects.requireNonNull(subject, "subject");
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("the subject to forget is empty");
    }
    boolean keyDeleted = keys.delete(subject);
    long aggregates = streams.forEachAggregate(subject, deleteSnapshots);
    return new ForgottenSubject(subject, keyDeleted, aggregates);
  }

  private SubjectStatements statements() {
    SubjectStatements prepared = statements;
    if (prepared == null) {
      synchronized (this) {
        prepared = statements;
        if (prepared == null) {
          prepared = new SubjectStatements(session, options);
          statements = prepared;
        }
      }
    }
    return prepared;
  }
}
