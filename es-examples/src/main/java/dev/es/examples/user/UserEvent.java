package dev.es.examples.user;

/** Everything that can happen to a user. */
public sealed interface UserEvent
    permits UserRegistered, RegistrationStarted, EmailChanged, UserActivated, UserDeactivated, PreferencesUpdated,
        UserLoggedIn {}
