package dev.es.it.privacy;

import dev.es.annotations.PersonalData;
import java.util.UUID;

/** What {@link WelcomeSaga} emits to a mailbox stream, with the customer's address. */
public record WelcomeMailRequested(UUID customerId, @PersonalData(subject = "customerId") String email) {}
