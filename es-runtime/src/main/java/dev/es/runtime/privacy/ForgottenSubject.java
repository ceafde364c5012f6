package dev.es.runtime.privacy;

/**
 * What forgetting a data subject did.
 *
 * @param subject the subject, as its personal data names it (a UUID's or number's text)
 * @param keyDeleted whether the subject had a key to delete; false when forgotten before or never seen
 * @param aggregates how many aggregates hold its personal data: all their snapshots were deleted
 */
public record ForgottenSubject(String subject, boolean keyDeleted, long aggregates) {}
