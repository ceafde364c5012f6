package dev.es.it.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * A user's Jackson module: writes {@link Celsius} as {@code "21.5 °C"} instead of Jackson's {@code {"degrees":21.5}},
 * so stored JSON shows which mapper wrote it.
 */
final class CelsiusModule extends SimpleModule {

  private static final long serialVersionUID = 1L;
  static final String UNIT = " °C";

  CelsiusModule() {
    super("celsius");
    addSerializer(Celsius.class, new JsonSerializer<>() {
      @Override
      public void serialize(Celsius value, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeString(value.degrees() + UNIT);
      }
    });
    addDeserializer(Celsius.class, new JsonDeserializer<>() {
      @Override
      public Celsius deserialize(JsonParser in, DeserializationContext context) throws IOException {
        String text = in.getValueAsString();
        if (text == null || !text.endsWith(UNIT)) {
          return (Celsius) context.handleUnexpectedToken(Celsius.class, in);
        }
        return new Celsius(Double.parseDouble(text.substring(0, text.length() - UNIT.length())));
      }
    });
  }
}
