package shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.es.runtime.spi.SnapshotSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Generated from {@link User}. Do not edit.
 *
 * <p>Writes and reads snapshots of aggregate type {@code "User"} as JSON.
 */
@Generated("dev.es.processor.EsProcessor")
public final class User_SnapshotSerializer implements SnapshotSerializer<User> {
  /**
   * SHA-256 of:
   * <pre>
   * aggregate User
   * snapshotVersion 1
   * format json of EventStoreOptions.objectMapper
   * apply shop.EmailChanged as EmailChanged@1
   * apply shop.UserActivated as UserActivated@1
   * apply shop.UserRegistered as UserRegistered@2
   * field activatedAt: java.time.Instant
   * field active: boolean
   * field changes: int
   * field counters: java.util.Map<java.lang.String, java.lang.Integer>
   * field email: java.lang.String
   * field name: java.lang.String
   * field previousEmails: java.util.List<java.lang.String>
   * </pre>
   */
  static final String FINGERPRINT = "c17c91f8091207683deb430cc48554fd9b013eb5c5797acfeef3ae8715d85b2c";

  /**
   * Called by {@link User_AggregateType}.
   */
  public User_SnapshotSerializer() {
  }

  @Override
  public String fingerprint() {
    return FINGERPRINT;
  }

  @Override
  public String write(User aggregate, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("email", aggregate.email);
    root.put("name", aggregate.name);
    root.put("active", aggregate.active);
    root.put("changes", aggregate.changes);
    root.set("activatedAt", mapper.valueToTree(aggregate.activatedAt));
    root.set("previousEmails", mapper.valueToTree(aggregate.previousEmails));
    root.set("counters", mapper.valueToTree(aggregate.counters));
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a snapshot of User", e);
    }
  }

  @Override
  public User read(UUID id, String json, ObjectMapper mapper) {
    try {
      JsonNode root = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("Snapshot of User is not a JSON object");
      }
      User aggregate = new User(id);
      aggregate.email = mapper.treeToValue(field(root, "email"), String.class);
      aggregate.name = mapper.treeToValue(field(root, "name"), String.class);
      aggregate.active = mapper.treeToValue(field(root, "active"), boolean.class);
      aggregate.changes = mapper.treeToValue(field(root, "changes"), int.class);
      aggregate.activatedAt = mapper.treeToValue(field(root, "activatedAt"), Instant.class);
      aggregate.previousEmails = mapper.treeToValue(field(root, "previousEmails"), mapper.getTypeFactory().constructParametricType(List.class, mapper.constructType(String.class)));
      aggregate.counters = mapper.treeToValue(field(root, "counters"), mapper.getTypeFactory().constructParametricType(Map.class, mapper.constructType(String.class), mapper.constructType(Integer.class)));
      return aggregate;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("Snapshot of User does not have the expected shape", e);
    }
  }

  private static JsonNode field(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null) {
      throw new IllegalArgumentException("Snapshot of User has no field \"" + name + "\"");
    }
    return value;
  }
}
