package dev.es.runtime.projection;

import java.util.Collection;

/** No projection of that name is hosted by the runner, or registered on the feed, that was asked. */
public final class UnknownProjectionException extends IllegalArgumentException {

  private final String projection;

  /** For {@code projection}, not found {@code where} (e.g. "in this runner"), among {@code known}. */
  public UnknownProjectionException(String projection, String where, Collection<String> known) {
    super("no projection named '" + projection + "' " + where + "; known: " + known);
    this.projection = projection;
  }

  /** The name asked for. */
  public String projection() {
    return projection;
  }
}
