package dev.es.it.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.es.runtime.spi.AggregateType;
import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.SnapshotSerializer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the annotation processor would generate for {@link Account}, written by hand. */
public final class AccountType implements AggregateType<Account, AccountEvent> {

  static final String FINGERPRINT = "account-v1";

  private final int snapshotEvery;
  private final String fingerprint;

  /** No snapshots. */
  public AccountType() {
    this(0, FINGERPRINT);
  }

  public AccountType(int snapshotEvery, String fingerprint) {
    this.snapshotEvery = snapshotEvery;
    this.fingerprint = fingerprint;
  }

  @Override
  public String name() {
    return "Account";
  }

  @Override
  public Class<Account> aggregateClass() {
    return Account.class;
  }

  @Override
  public Class<AccountEvent> eventClass() {
    return AccountEvent.class;
  }

  @Override
  public Account create(UUID id) {
    return new Account(id);
  }

  @Override
  public Account apply(Account account, AccountEvent event) {
    if (event instanceof AccountEvent.Opened e) {
      account.on(e);
    } else if (event instanceof AccountEvent.Deposited e) {
      account.on(e);
    } else if (event instanceof AccountEvent.Withdrawn e) {
      account.on(e);
    } else if (event instanceof AccountEvent.Tagged e) {
      account.on(e);
    } else {
      throw new IllegalArgumentException("Account has no handler for " + event.getClass().getName());
    }
    return account;
  }

  @Override
  public List<EventType<?>> eventTypes() {
    return List.of(
        EventType.current("AccountOpened", 1, AccountEvent.Opened.class),
        EventType.upcasting("Deposited", 1, AccountEvent.DepositedV1.class, AccountEvent.DepositedV1::upcast),
        EventType.current("Deposited", 2, AccountEvent.Deposited.class),
        EventType.current("Withdrawn", 1, AccountEvent.Withdrawn.class),
        EventType.current("Tagged", 1, AccountEvent.Tagged.class));
  }

  @Override
  public int snapshotEvery() {
    return snapshotEvery;
  }

  @Override
  public Optional<SnapshotSerializer<Account>> snapshotSerializer() {
    return snapshotEvery > 0 ? Optional.of(new Snapshots(fingerprint)) : Optional.empty();
  }

  /** Writes the state fields directly, as generated serializers do. */
  static final class Snapshots implements SnapshotSerializer<Account> {
    private final String fingerprint;

    Snapshots(String fingerprint) {
      this.fingerprint = fingerprint;
    }

    @Override
    public String fingerprint() {
      return fingerprint;
    }

    @Override
    public String write(Account account, ObjectMapper mapper) {
      ObjectNode node = mapper.createObjectNode();
      node.put("owner", account.owner);
      node.put("balance", account.balance.toPlainString());
      node.put("movements", account.movements);
      account.tags.forEach(node.putArray("tags")::add);
      return node.toString();
    }

    @Override
    public Account read(UUID id, String json, ObjectMapper mapper) {
      try {
        JsonNode node = mapper.readTree(json);
        Account account = new Account(id);
        account.owner = node.get("owner").asText();
        account.balance = new BigDecimal(node.get("balance").asText());
        account.movements = node.get("movements").asInt();
        account.tags = new ArrayList<>();
        node.path("tags").forEach(tag -> account.tags.add(tag.asText()));
        return account;
      } catch (Exception e) {
        throw new IllegalArgumentException("not an Account snapshot: " + e.getMessage(), e);
      }
    }
  }
}
