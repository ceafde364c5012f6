package dev.es.runtime;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Rows of a query, one page in memory at a time: the query runs when the first row is wanted and the next page
 * is fetched only when the current one is used up.
 */
final class PagedRows implements Iterator<Row> {

  private final Supplier<CompletionStage<AsyncResultSet>> query;
  private final String table;
  private final PageListener listener;
  private AsyncResultSet page;
  private Iterator<Row> rows;

  private PagedRows(Supplier<CompletionStage<AsyncResultSet>> query, String table, PageListener listener) {
    this.query = query;
    this.table = table;
    this.listener = listener;
  }

  static Stream<Row> stream(
      Supplier<CompletionStage<AsyncResultSet>> query, String table, PageListener listener) {
    Iterator<Row> rows = iterator(query, table, listener);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  static Iterator<Row> iterator(
      Supplier<CompletionStage<AsyncResultSet>> query, String table, PageListener listener) {
    return new PagedRows(query, table, listener);
  }

  @Override
  public boolean hasNext() {
    if (page == null) {
      arrive(await(query.get()));
    }
    while (!rows.hasNext()) {
      if (!page.hasMorePages()) {
        return false;
      }
      arrive(await(page.fetchNextPage()));
    }
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return rows.next();
  }

  private void arrive(AsyncResultSet next) {
    page = next;
    rows = next.currentPage().iterator();
    listener.pageRead(table, next.remaining());
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException("interrupted while waiting for Cassandra", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new EventStoreException("Cassandra request failed", e.getCause());
    }
  }
}
