package dev.es.examples;

import dev.es.runtime.MetadataContext;
import java.util.UUID;

/**
 * Runs a command handler in a fresh {@link MetadataContext}: the events it causes carry a new command id as their
 * correlation id, and the acting user.
 */
public final class CommandScope {

  private final String actor;

  public CommandScope(String actor) {
    this.actor = actor;
  }

  public void run(Runnable handler) {
    try (MetadataContext.Scope command = MetadataContext.forCommand(UUID.randomUUID(), actor)) {
      handler.run();
    }
  }
}
