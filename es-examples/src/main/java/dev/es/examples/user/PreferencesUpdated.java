package dev.es.examples.user;

/** A user changed their preferences. */
public record PreferencesUpdated(Preferences preferences) implements UserEvent {}
