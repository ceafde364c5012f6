package com.example.tally;

import dev.es.testkit.fixture.AggregateFixture;
import org.junit.jupiter.api.Test;

class TallyTest {

  // the aggregate type the processor generated, found by class as the user's own tests find it
  private final AggregateFixture<Tally, TallyEvent> fixture = AggregateFixture.of(Tally.class);

  @Test
  void theVoteThatReachesTheLimitClosesTheTally() {
    fixture.given(new TallyEvent.Voted())
        .when(tally -> tally.vote(2))
        .expectEvents(new TallyEvent.Voted(), new TallyEvent.Closed())
        .expectState("has two votes", tally -> tally.votes() == 2);
  }

  @Test
  void aClosedTallyTakesNoVote() {
    fixture.given(new TallyEvent.Voted(), new TallyEvent.Closed())
        .when(tally -> tally.vote(2))
        .expectException(IllegalStateException.class, "closed");
  }
}
