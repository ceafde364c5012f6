package dev.es.it.support;

import dev.es.runtime.PageListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the size of every page read from one table. */
public final class CountingPageListener implements PageListener {
  private final String table;
  private final List<Integer> pages = new CopyOnWriteArrayList<>();

  public CountingPageListener(String table) {
    this.table = table;
  }

  @Override
  public void pageRead(String readTable, int rows) {
    if (readTable.equals(table)) {
      pages.add(rows);
    }
  }

  public List<Integer> pages() {
    return List.copyOf(pages);
  }

  public long rows() {
    return pages.stream().mapToLong(Integer::longValue).sum();
  }

  public void reset() {
    pages.clear();
  }
}
