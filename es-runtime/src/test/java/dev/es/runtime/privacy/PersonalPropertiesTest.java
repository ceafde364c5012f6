package dev.es.runtime.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.es.runtime.EventSerializer;
import dev.es.runtime.spi.PersonalField;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalPropertiesTest {

  record Registered(String email, String customerId, BigDecimal credit, double ratio, List<Map<String, Object>> tags,
      String name) {}

  private static final List<PersonalField> FIELDS =
      List.of(new PersonalField("email", "customerId"), new PersonalField("name", "customerId"));

  private final ObjectMapper mapper = EventSerializer.defaultObjectMapper();
  private final PersonalProperties properties = new PersonalProperties(mapper.getFactory());

  @Test
  void rewritesOnlyThePersonalTextsAndCopiesEverythingElseExactly() throws IOException {
    Registered event = new Registered("ann@example.com", "c-1", new BigDecimal("19.90"), 0.1,
        List.of(Map.of("big", new BigDecimal("12345678901234567890.123456789")), Map.of("t", "\"quoted\" é")),
        null);
    String json = new EventSerializer(mapper).write(event);

    String rewritten = properties.rewrite(json, FIELDS,
        (field, subject, value) -> value == null ? null : subject + ":" + field.component() + ":" + value.length());

    Registered read = mapper.readValue(rewritten, Registered.class);
    assertThat(read.email()).isEqualTo("c-1:email:15");
    assertThat(read.name()).as("null stays null").isNull();
    assertThat(read.credit()).as("scale kept").isEqualTo(new BigDecimal("19.90"));
    assertThat(read.ratio()).isEqualTo(0.1);
    assertThat(read.tags()).isEqualTo(mapper.readValue(json, Registered.class).tags());
    assertThat(rewritten).contains("12345678901234567890.123456789");

    assertThat(properties.rewrite(json, FIELDS, (field, subject, value) -> value))
        .as("everything but the personal literals is copied character for character").isEqualTo(json);
    assertThat(rewritten).isEqualTo(json.replace("\"ann@example.com\"", "\"c-1:email:15\""));
  }

  @Test
  void personalTextsWithEscapesAreReadAndWrittenAsJson() throws IOException {
    String tricky = "a\"b\\c \u00e9 \uD83D\uDE42 \n";
    String json = new EventSerializer(mapper).write(new Registered(tricky, "c\"2", BigDecimal.ONE, 1, List.of(), "x"));

    String rewritten = properties.rewrite(json, FIELDS, (field, subject, value) -> value + "|" + subject);

    Registered read = mapper.readValue(rewritten, Registered.class);
    assertThat(read.email()).isEqualTo(tricky + "|c\"2");
    assertThat(read.name()).isEqualTo("x|c\"2");
    assertThat(read.customerId()).isEqualTo("c\"2");
  }

  @Test
  void aSubjectAfterItsPersonalTextIsSeenAndAMissingOneIsNull() throws IOException {
    List<String> seen = new ArrayList<>();
    String rewritten = properties.rewrite("{\"email\":\"x\",\"customerId\":42}", FIELDS,
        (field, subject, value) -> value == null ? null : subject);
    assertThat(rewritten).isEqualTo("{\"email\":\"42\",\"customerId\":42}");

    String missing = properties.rewrite("{\"email\":\"x\"}", FIELDS, (field, subject, value) -> {
      seen.add(field.component() + "=" + value + "/" + subject);
      return String.valueOf(subject);
    });
    assertThat(missing).as("a component missing stays missing").isEqualTo("{\"email\":\"null\"}");
    assertThat(seen).as("every component's subject is looked at").containsExactlyInAnyOrder(
        "email=x/null", "name=null/null");
  }

  @Test
  void refusesWhatIsNotShapedAsPersonalDataSays() {
    PersonalProperties.Rewrite same = (field, subject, value) -> value;
    assertThatThrownBy(() -> properties.rewrite("[1]", FIELDS, same)).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> properties.rewrite("{\"email\":1,\"customerId\":\"c\"}", FIELDS, same))
        .hasMessageContaining("'email' is not text");
    assertThatThrownBy(() -> properties.rewrite("{\"email\":\"x\",\"customerId\":{}}", FIELDS, same))
        .hasMessageContaining("subject component 'customerId'");
    assertThatThrownBy(() -> properties.rewrite("{\"email\":\"x\"} {}", FIELDS, same))
        .hasMessageContaining("trailing");
  }
}
