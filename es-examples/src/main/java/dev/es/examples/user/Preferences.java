package dev.es.examples.user;

/** What a user chose: the language of their e-mails and whether they get the newsletter. */
public record Preferences(String language, boolean newsletter) {
  public static final Preferences DEFAULT = new Preferences("en", false);
}
