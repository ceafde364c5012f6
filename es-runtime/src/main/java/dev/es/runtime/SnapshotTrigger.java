package dev.es.runtime;

/**
 * When a repository writes snapshots of an aggregate type by itself. The annotation ({@code @EventSourced}'s
 * {@code snapshotEvery} and {@code snapshotAfterReplaying}) gives the default; {@code setSnapshotTrigger} on a
 * repository replaces it at run time for every repository of that type on the same store.
 *
 * @param every after a save that crosses a multiple of this many events; 0: never
 * @param afterReplaying after a load that replayed more than this many events (after the newest usable snapshot);
 *     0: never
 */
public record SnapshotTrigger(int every, int afterReplaying) {

  /** Snapshots only by hand ({@code snapshot(id)}). */
  public static final SnapshotTrigger MANUAL = new SnapshotTrigger(0, 0);

  public SnapshotTrigger {
    if (every < 0 || afterReplaying < 0) {
      throw new IllegalArgumentException("a snapshot trigger's every (" + every + ") and afterReplaying ("
          + afterReplaying + ") must not be negative");
    }
  }

  /** True when a save from {@code previousVersion} to {@code currentVersion} calls for a snapshot. */
  boolean afterSave(long previousVersion, long currentVersion) {
    return every > 0 && previousVersion / every != currentVersion / every;
  }

  /** True when a load that replayed {@code replayed} events calls for a snapshot. */
  boolean afterLoad(long replayed) {
    return afterReplaying > 0 && replayed > afterReplaying;
  }
}
