package dev.es.it.feed;

/** An event type of another service: the feed tests' own processes do not know it. */
public record Filed(String folder) {}
