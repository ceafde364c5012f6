package dev.es.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Replication of a keyspace the store creates: SimpleStrategy for one datacenter, NetworkTopologyStrategy for many. */
public sealed interface Replication {

  /** SimpleStrategy with a replication factor (development, single datacenter). */
  static Replication simple(int replicationFactor) {
    return new Simple(replicationFactor);
  }

  /** NetworkTopologyStrategy: replication factor per datacenter name. */
  static Replication networkTopology(Map<String, Integer> factorPerDatacenter) {
    return new NetworkTopology(factorPerDatacenter);
  }

  /** The CQL map literal for {@code WITH replication = ...}. */
  String toCql();

  record Simple(int replicationFactor) implements Replication {
    public Simple {
      if (replicationFactor < 1) {
        throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
      }
    }

    @Override
    public String toCql() {
      return "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}";
    }
  }

  record NetworkTopology(Map<String, Integer> factorPerDatacenter) implements Replication {
    public NetworkTopology {
      if (factorPerDatacenter.isEmpty()) {
        throw new IllegalArgumentException("NetworkTopologyStrategy needs at least one datacenter");
      }
      factorPerDatacenter.forEach((dc, rf) -> {
        // datacenter names become CQL string literals: allow only what real names use
        if (!dc.matches("[A-Za-z0-9_.\\-]{1,64}")) {
          throw new InvalidIdentifierException("invalid datacenter name '" + dc + "'");
        }
        if (rf < 0) {
          throw new IllegalArgumentException("replication factor of datacenter " + dc + " is negative: " + rf);
        }
      });
      factorPerDatacenter = new LinkedHashMap<>(factorPerDatacenter);
    }

    @Override
    public String toCql() {
      return factorPerDatacenter.entrySet().stream()
          .map(e -> "'" + e.getKey() + "': " + e.getValue())
          .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
    }
  }
}
