package dev.es.examples.user;

/** A user was deactivated. */
public record UserDeactivated(String reason) implements UserEvent {}
