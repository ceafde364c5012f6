package com.example.tally;

public sealed interface TallyEvent {

  record Voted() implements TallyEvent {}

  record Closed() implements TallyEvent {}
}
