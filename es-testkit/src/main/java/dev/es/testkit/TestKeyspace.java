package dev.es.testkit;

/**
 * The fresh keyspace a {@link CassandraTest} class runs in (replication factor 1, dropped after the class).
 *
 * @param name the keyspace name, a valid unquoted CQL identifier
 */
public record TestKeyspace(String name) {}
