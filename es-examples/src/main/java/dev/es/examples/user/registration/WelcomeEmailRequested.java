package dev.es.examples.user.registration;

import java.util.UUID;

/**
 * The registration saga asks for the welcome e-mail (attempt {@code attempt}); the {@link WelcomeMailer} sends it.
 *
 * @param idempotencyKey the same for every attempt of one registration: the mail service sends at most one
 *     e-mail per key, however often it is called
 */
public record WelcomeEmailRequested(UUID userId, String email, String firstName, int attempt, String idempotencyKey) {}
