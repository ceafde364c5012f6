package dev.es.examples.user.registration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process mail service that fails now and then, as a real one does: every address at an unreachable domain
 * always fails; an address given a number of failures fails its first that many calls. It keeps the idempotency
 * promise of {@link MailService}: a key sent once is never sent again.
 */
public final class FakeMailService implements MailService {

  /** One e-mail that went out. */
  public record Sent(String messageId, String idempotencyKey, String to, String subject) {}

  private final Set<String> unreachableDomains;
  private final Map<String, Integer> failuresLeft;
  private final Map<String, Sent> sentByKey = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  /**
   * @param unreachableDomains domains every e-mail to fails
   * @param failuresBeforeSuccess per address, how many calls fail before one succeeds
   */
  public FakeMailService(Set<String> unreachableDomains, Map<String, Integer> failuresBeforeSuccess) {
    this.unreachableDomains = Set.copyOf(unreachableDomains);
    this.failuresLeft = new ConcurrentHashMap<>(failuresBeforeSuccess);
  }

  @Override
  public synchronized String send(String idempotencyKey, String to, String subject, String body)
      throws MailServiceException {
    calls.incrementAndGet();
    Sent already = sentByKey.get(idempotencyKey);
    if (already != null) {
      return already.messageId();
    }
    String domain = to.substring(to.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    if (unreachableDomains.contains(domain)) {
      throw new MailServiceException("mail server of " + domain + " unreachable");
    }
    if (failuresLeft.getOrDefault(to, 0) > 0) {
      failuresLeft.merge(to, -1, Integer::sum);
      throw new MailServiceException("mail service busy, try again later");
    }
    Sent sent = new Sent("msg-" + (sentByKey.size() + 1), idempotencyKey, to, subject);
    sentByKey.put(idempotencyKey, sent);
    return sent.messageId();
  }

  /** The e-mails that went out to an address. */
  public List<Sent> sentTo(String address) {
    return sentByKey.values().stream().filter(sent -> sent.to().equals(address)).toList();
  }

  /** Every call, including failed ones and repeated keys. */
  public int calls() {
    return calls.get();
  }
}
