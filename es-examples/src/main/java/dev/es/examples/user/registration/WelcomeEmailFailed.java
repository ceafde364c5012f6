package dev.es.examples.user.registration;

import java.util.UUID;

/** The mail service refused or failed attempt {@code attempt} of the welcome e-mail. */
public record WelcomeEmailFailed(UUID userId, int attempt, String reason) {}
