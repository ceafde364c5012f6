package dev.es.examples.user;

import dev.es.annotations.Event;

/** A user signed up. Revision 2: the name is split in two; revision 1 is {@link UserRegisteredV1}. */
@Event(name = "UserRegistered", revision = 2)
public record UserRegistered(String email, String firstName, String lastName) implements UserEvent {}
