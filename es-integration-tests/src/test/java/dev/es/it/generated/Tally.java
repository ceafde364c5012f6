package dev.es.it.generated;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/** A mutable sample aggregate that declares snapshot support without an automatic rule: snapshots by hand only. */
@EventSourced(snapshots = true)
public class Tally extends AggregateRoot<TallyEvent> {

  long total;
  int counts;

  Tally(UUID id) {
    super(id);
  }

  public void count(int amount) {
    raise(new TallyEvent.Counted(amount));
  }

  public long total() {
    return total;
  }

  public int counts() {
    return counts;
  }

  @Apply
  void on(TallyEvent.Counted event) {
    total += event.amount();
    counts++;
  }
}
