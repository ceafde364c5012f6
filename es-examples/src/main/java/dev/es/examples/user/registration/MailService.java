package dev.es.examples.user.registration;

/** An external mail service: the kind of call a saga must not trust to happen exactly once. */
public interface MailService {

  /**
   * Sends an e-mail, at most once per {@code idempotencyKey}: a call with a key already sent sends nothing and
   * returns the first message's id.
   *
   * @return the message id
   * @throws MailServiceException if the e-mail was not accepted (it may be tried again)
   */
  String send(String idempotencyKey, String to, String subject, String body) throws MailServiceException;
}
