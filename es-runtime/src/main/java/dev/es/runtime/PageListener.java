package dev.es.runtime;

/**
 * Told about every page of rows the store reads, e.g. to count rows read or to check that a long stream is
 * read one bounded page at a time.
 */
@FunctionalInterface
public interface PageListener {

  PageListener NONE = (table, rows) -> {};

  /**
   * @param table the table read ({@code events} or {@code snapshots} as configured)
   * @param rows rows in this page
   */
  void pageRead(String table, int rows);
}
