package dev.es.examples.user;

/** A user was activated (e.g. confirmed their e-mail). */
public record UserActivated() implements UserEvent {}
