package dev.es.examples.user.registration;

import java.util.UUID;

/** The mail service accepted the welcome e-mail of attempt {@code attempt}. */
public record WelcomeEmailSent(UUID userId, int attempt, String messageId) {}
