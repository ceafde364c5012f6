package dev.es.processor.model;

import java.util.List;

/**
 * How an aggregate snapshots.
 *
 * @param every snapshot every this many events (positive)
 * @param fields the state, in declaration order
 * @param fingerprint hex SHA-256 of {@code fingerprintSource}
 * @param fingerprintSource canonical text of the state's shape, the {@code @Apply} set and the snapshot version
 */
public record SnapshotModel(int every, List<StateFieldModel> fields, String fingerprint, String fingerprintSource) {
  public SnapshotModel {
    fields = List.copyOf(fields);
  }
}
