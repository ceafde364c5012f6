package bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Account}. Do not edit.
 *
 * <p>Writes and reads snapshots of aggregate type {@code "BankAccount"} as JSON.
 */
@Generated("dev.es.processor.EsProcessor")
public final class Account_SnapshotSerializer implements SnapshotSerializer<Account> {
  /**
   * SHA-256 of:
   * <pre>
   * aggregate BankAccount
   * snapshotVersion 3
   * format json of EventStoreOptions.objectMapper
   * apply bank.Events.Deposited as Deposited@1
   * apply bank.Events.Opened as Opened@1
   * apply bank.Events.Withdrawn as Withdrawn@1
   * field balance: long
   * field id: java.util.UUID
   * field owner: java.lang.String
   * </pre>
   */
  static final String FINGERPRINT = "bb22036728dabbc3739cdfd22ec57e94c9b555c6e76188c680b07a55ea46062f";

  /**
   * Called by {@link Account_AggregateType}.
   */
  public Account_SnapshotSerializer() {
  }

  @Override
  public String fingerprint() {
    return FINGERPRINT;
  }

  @Override
  public String write(Account aggregate, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("owner", aggregate.owner());
    root.put("balance", aggregate.balance());
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a snapshot of BankAccount", e);
    }
  }

  @Override
  public Account read(UUID id, String json, ObjectMapper mapper) {
    try {
      JsonNode root = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("Snapshot of BankAccount is not a JSON object");
      }
      String owner = mapper.treeToValue(field(root, "owner"), String.class);
      long balance = mapper.treeToValue(field(root, "balance"), long.class);
      return new Account(id, owner, balance);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("Snapshot of BankAccount does not have the expected shape", e);
    }
  }

  private static JsonNode field(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null) {
      throw new IllegalArgumentException("Snapshot of BankAccount has no field \"" + name + "\"");
    }
    return value;
  }
}
