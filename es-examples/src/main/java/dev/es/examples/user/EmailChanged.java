package dev.es.examples.user;

/** A user's e-mail address changed. */
public record EmailChanged(String oldEmail, String newEmail) implements UserEvent {}
