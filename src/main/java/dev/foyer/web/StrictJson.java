package dev.foyer.web;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * Request bodies are read strictly: a flag must be JSON true or false and a text a JSON string.
 * JSON-B's lenient defaults would store {@code "signedLinksRequired": 1} as false, quietly leaving
 * a space open to unsigned links; here it is a 400 REQ400.
 */
@Provider
public class StrictJson implements ContextResolver<Jsonb> {
  private static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig().withDeserializers(new StrictBoolean(), new StrictString()));

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }

  /** The same strict reading for a body read by hand (an imported space configuration). */
  public static Jsonb jsonb() {
    return JSONB;
  }

  static final class StrictBoolean implements JsonbDeserializer<Boolean> {
    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
      var value = parser.getValue();
      if (value == JsonValue.TRUE) {
        return true;
      }
      if (value == JsonValue.FALSE) {
        return false;
      }
      throw new JsonbException("expected true or false");
    }
  }

  static final class StrictString implements JsonbDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
      var value = parser.getValue();
      if (value instanceof jakarta.json.JsonString text) {
        return text.getString();
      }
      throw new JsonbException("expected a string");
    }
  }
}
