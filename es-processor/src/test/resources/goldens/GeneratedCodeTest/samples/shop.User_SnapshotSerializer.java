package shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
@Generated(
    value = "dev.es.processor.EsProcessor",
    comments = "https://github.com/es-framework/es"
)
public final class User_SnapshotSerializer implements SnapshotSerializer<User> {
  /**
   * SHA-256 of:
   * <pre>
   * aggregate User
   * snapshotVersion 1
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
  static final String FINGERPRINT = "0a27e00627bbfe6b9acf39b69badce0d19929289da05cacf8515b9f2a85d58f4";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private static final JavaType EMAIL_TYPE = MAPPER.constructType(String.class);

  private static final JavaType NAME_TYPE = MAPPER.constructType(String.class);

  private static final JavaType ACTIVE_TYPE = MAPPER.constructType(boolean.class);

  private static final JavaType CHANGES_TYPE = MAPPER.constructType(int.class);

  private static final JavaType ACTIVATED_AT_TYPE = MAPPER.constructType(Instant.class);

  private static final JavaType PREVIOUS_EMAILS_TYPE = MAPPER.getTypeFactory().constructParametricType(List.class, MAPPER.constructType(String.class));

  private static final JavaType COUNTERS_TYPE = MAPPER.getTypeFactory().constructParametricType(Map.class, MAPPER.constructType(String.class), MAPPER.constructType(Integer.class));

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
  public String write(User aggregate) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("email", aggregate.email);
    root.put("name", aggregate.name);
    root.put("active", aggregate.active);
    root.put("changes", aggregate.changes);
    root.set("activatedAt", MAPPER.valueToTree(aggregate.activatedAt));
    root.set("previousEmails", MAPPER.valueToTree(aggregate.previousEmails));
    root.set("counters", MAPPER.valueToTree(aggregate.counters));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a snapshot of User", e);
    }
  }

  @Override
  public User read(UUID id, String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("Snapshot of User is not a JSON object");
      }
      User aggregate = new User(id);
      aggregate.email = MAPPER.treeToValue(field(root, "email"), EMAIL_TYPE);
      aggregate.name = MAPPER.treeToValue(field(root, "name"), NAME_TYPE);
      aggregate.active = MAPPER.treeToValue(field(root, "active"), ACTIVE_TYPE);
      aggregate.changes = MAPPER.treeToValue(field(root, "changes"), CHANGES_TYPE);
      aggregate.activatedAt = MAPPER.treeToValue(field(root, "activatedAt"), ACTIVATED_AT_TYPE);
      aggregate.previousEmails = MAPPER.treeToValue(field(root, "previousEmails"), PREVIOUS_EMAILS_TYPE);
      aggregate.counters = MAPPER.treeToValue(field(root, "counters"), COUNTERS_TYPE);
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
