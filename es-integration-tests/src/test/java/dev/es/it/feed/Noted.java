package dev.es.it.feed;

/** The one event of the feed tests: a note with its sequence number, so tests can check order and duplicates. */
public record Noted(int sequence, String text) {}
