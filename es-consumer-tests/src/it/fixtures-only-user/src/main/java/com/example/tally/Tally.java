package com.example.tally;

import dev.es.annotations.Apply;
import dev.es.annotations.EventSourced;
import dev.es.runtime.AggregateRoot;
import java.util.UUID;

/** A tally of votes that closes at a limit. */
@EventSourced
public class Tally extends AggregateRoot<TallyEvent> {

  int votes;
  boolean closed;

  public Tally(UUID id) {
    super(id);
  }

  public void vote(int limit) {
    if (closed) {
      throw new IllegalStateException("the tally is closed");
    }
    raise(new TallyEvent.Voted());
    if (votes == limit) {
      raise(new TallyEvent.Closed());
    }
  }

  public int votes() {
    return votes;
  }

  @Apply
  void on(TallyEvent.Voted e) {
    votes++;
  }

  @Apply
  void on(TallyEvent.Closed e) {
    closed = true;
  }
}
