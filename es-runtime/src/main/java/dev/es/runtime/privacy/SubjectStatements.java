package dev.es.runtime.privacy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.es.runtime.EventStoreOptions;
import dev.es.runtime.internal.TableCreation;

/** The statements on the subject keys and subject streams tables, prepared once per store on first use. */
final class SubjectStatements {

  private static final String CREATED_BY = "store.initialize()";

  final PreparedStatement selectKey;
  final PreparedStatement insertKeyIfAbsent;
  final PreparedStatement deleteKeyIfPresent;
  final PreparedStatement insertStream;
  final PreparedStatement selectStreams;

  SubjectStatements(CqlSession session, EventStoreOptions options) {
    String keys = options.keyspace() + "." + options.subjectKeysTable();
    String streams = options.keyspace() + "." + options.subjectStreamsTable();
    selectKey = TableCreation.prepare(session, keys, CREATED_BY,
        "SELECT key_id, key FROM " + keys + " WHERE subject = ?");
    // every write of a key is a Paxos round: a plain delete could shadow a later conditional insert
    insertKeyIfAbsent = TableCreation.prepare(session, keys, CREATED_BY,
        "INSERT INTO " + keys + " (subject, key_id, key, created) VALUES (?, ?, ?, ?) IF NOT EXISTS");
    deleteKeyIfPresent = TableCreation.prepare(session, keys, CREATED_BY,
        "DELETE FROM " + keys + " WHERE subject = ? IF EXISTS");
    insertStream = TableCreation.prepare(session, streams, CREATED_BY,
        "INSERT INTO " + streams + " (subject, aggregate_id) VALUES (?, ?)");
    selectStreams = TableCreation.prepare(session, streams, CREATED_BY,
        "SELECT aggregate_id FROM " + streams + " WHERE subject = ?");
  }
}
