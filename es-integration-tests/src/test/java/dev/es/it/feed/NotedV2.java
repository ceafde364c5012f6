package dev.es.it.feed;

/** Revision 2 of {@link Noted}, as a newer release of the application writes it. */
public record NotedV2(int sequence, String text, String author) {}
