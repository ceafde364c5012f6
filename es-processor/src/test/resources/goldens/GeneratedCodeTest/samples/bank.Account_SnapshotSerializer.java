package bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.es.runtime.spi.SnapshotSerializer;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link Account}. Do not edit.
 *
 * <p>Writes and reads snapshots of aggregate type {@code "BankAccount"} as JSON.
 */
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class Account_SnapshotSerializer implements SnapshotSerializer<Account> {
  /**
   * SHA-256 of:
   * <pre>
   * aggregate BankAccount
   * snapshotVersion 3
   * apply bank.Events.Deposited as Deposited@1
   * apply bank.Events.Opened as Opened@1
   * apply bank.Events.Withdrawn as Withdrawn@1
   * field balance: long
   * field id: java.util.UUID
   * field owner: java.lang.String
   * </pre>
   */
  static final String FINGERPRINT = "65ed0bd068ea982dd16232bde8fe31d218e56b9f6def4797585b53db2b42a02d";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private static final JavaType OWNER_TYPE = MAPPER.constructType(String.class);

  private static final JavaType BALANCE_TYPE = MAPPER.constructType(long.class);

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
  public String write(Account aggregate) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("owner", aggregate.owner());
    root.put("balance", aggregate.balance());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a snapshot of BankAccount", e);
    }
  }

  @Override
  public Account read(UUID id, String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("Snapshot of BankAccount is not a JSON object");
      }
      String owner = MAPPER.treeToValue(field(root, "owner"), OWNER_TYPE);
      long balance = MAPPER.treeToValue(field(root, "balance"), BALANCE_TYPE);
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
