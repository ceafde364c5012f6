package dev.es.cli;

import dev.es.runtime.projection.ProjectionOverview;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code es sagas} prints: each saga a runner started on the feed, with the state and lag of its feed consumer.
 *
 * @param sagas in name order
 */
record SagasReport(List<Saga> sagas) implements Report {

  /**
   * One saga.
   *
   * @param name the saga
   * @param consumer its feed consumer, a projection: {@code es projection status} shows it
   * @param state its consumer's state: paused, failed, running or idle, as {@link ProjectionReport#state} says
   * @param lag events appended and not yet handled by its consumer
   */
  record Saga(String name, String consumer, String state, long lag) {

    static Saga of(String name, ProjectionOverview consumer) {
      return new Saga(name, consumer.name(), ProjectionReport.state(consumer), consumer.lag());
    }
  }

  @Override
  public void printText(PrintWriter out) {
    if (sagas.isEmpty()) {
      out.println("no saga is registered on this feed: no saga runner has started one");
      return;
    }
    Table table = new Table("SAGA", "CONSUMER", "STATE", "LAG");
    sagas.forEach(s -> table.row(s.name(), s.consumer(), s.state(), s.lag()));
    table.print(out);
  }
}
