package dev.es.processor.model;

import java.util.List;

/**
 * How an aggregate snapshots: present when it supports snapshots, with its default triggers.
 *
 * @param every the default: snapshot every this many events; 0: never
 * @param afterReplaying the default: a load that replayed more than this many events snapshots; 0: never
 * @param fields the state, in declaration order
 * @param fingerprint hex SHA-256 of {@code fingerprintSource}
 * @param fingerprintSource canonical text of the state's shape, the {@code @Apply} set and the snapshot version
 */
public record SnapshotModel(
    int every, int afterReplaying, List<StateFieldModel> fields, String fingerprint, String fingerprintSource) {
  public SnapshotModel {
    fields = List.copyOf(fields);
  }
}
