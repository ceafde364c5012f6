package dev.es.examples.user.registration;

/** The mail service did not accept an e-mail. */
public class MailServiceException extends Exception {

  private static final long serialVersionUID = 1L;

  public MailServiceException(String message) {
    super(message);
  }
}
