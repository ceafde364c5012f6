package dev.es.examples.user.registration;

import dev.es.annotations.Handle;
import dev.es.annotations.Projector;
import dev.es.runtime.CassandraEventStore;
import dev.es.runtime.EventMetadata;
import dev.es.runtime.ExpectedVersion;
import dev.es.runtime.NewEvent;
import dev.es.runtime.feed.FeedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The gateway to the mail service: a catch-up consumer of the feed that sends each requested welcome e-mail and
 * appends the outcome for the registration saga.
 *
 * <p><b>At least once.</b> A request is handled again after a crash before the consumer's checkpoint passed it, and
 * a failing handler is retried, so the mail service can be called more than once per request. That is safe because
 * the call carries the saga's idempotency key (the service sends at most one e-mail per key) and the outcome is
 * appended with an event id derived from the request's, into a stream of its own ({@code MailDelivery}, one per
 * request): appended again, it is recognised as already stored and not added twice.
 */
@Projector(name = "welcome-mailer")
public class WelcomeMailer {

  /** The aggregate type of the per-request outcome streams. */
  public static final String DELIVERY = "MailDelivery";

  private final MailService mail;
  private final CassandraEventStore store;

  public WelcomeMailer(MailService mail, CassandraEventStore store) {
    this.mail = mail;
    this.store = store;
  }

  @Handle
  void on(WelcomeEmailRequested e, FeedEvent event) {
    Object outcome;
    try {
      String messageId = mail.send(e.idempotencyKey(), e.email(), "Welcome, " + e.firstName() + "!",
          "Thank you for registering.");
      outcome = new WelcomeEmailSent(e.userId(), e.attempt(), messageId);
    } catch (MailServiceException failure) {
      outcome = new WelcomeEmailFailed(e.userId(), e.attempt(), failure.getMessage());
    }
    UUID request = event.envelope().eventId();
    store.appendEvents(DELIVERY, derived("delivery", request), ExpectedVersion.noStream(), List.of(
        new NewEvent(derived("outcome", request), outcome, null,
            EventMetadata.empty().withCausationId(request.toString()))));
  }

  private static UUID derived(String what, UUID request) {
    return UUID.nameUUIDFromBytes((what + ":" + request).getBytes(StandardCharsets.UTF_8));
  }
}
