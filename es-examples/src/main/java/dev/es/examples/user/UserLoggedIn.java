package dev.es.examples.user;

/** The user logged in; when is the event's timestamp. */
public record UserLoggedIn() implements UserEvent {}
