package dev.es.examples.user;

import java.util.UUID;

/**
 * Appended with {@link UserRegistered} by the same command: it names the user, so that the registration saga can
 * follow the registration by {@code userId} (the other user events leave the id to the stream).
 */
public record RegistrationStarted(UUID userId, String email, String firstName) implements UserEvent {}
