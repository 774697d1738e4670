package dev.foyer.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;

/** JSON bodies in and out of ITs, with Jackson's tree model. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("Not JSON: " + json, e);
    }
  }

  /** The response body as JSON; a body that is not JSON fails with the status and the body. */
  public static JsonNode parse(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          "Not JSON: %d %s %s%n%s"
              .formatted(
                  response.statusCode(),
                  response.request().method(),
                  response.uri(),
                  response.body()),
          e);
    }
  }

  /** An empty object to build a request body: {@code Json.object().put("slug", "lobby")}. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Any tree, map, list or record as a JSON string. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value + " as JSON", e);
    }
  }
}
