package dev.es.examples.user.registration;

import java.util.UUID;

/** The registration saga gave up the welcome e-mail after {@code attempts} attempts and compensated. */
public record WelcomeEmailAbandoned(UUID userId, int attempts, String lastReason) {}
