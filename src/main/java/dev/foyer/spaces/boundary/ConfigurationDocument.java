package dev.foyer.spaces.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemType;
import dev.foyer.web.StrictJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reading and writing a space's configuration document, for the spine and for each door's {@link
 * ConfigurationSection}. Its parts have the shapes of the admin API's requests (records), read with
 * the API's strict JSON-B ({@link StrictJson}: a flag is true or false, a text a string); unlike
 * the API, a field no record has is refused ({@code IMPORT2}) rather than ignored, because a field
 * misspelt in a file kept in version control would otherwise be lost without a word. Every refusal
 * names its place in the document as an RFC 6901 JSON pointer ({@code pointer}).
 */
public final class ConfigurationDocument {
  /** Written with JSON-B's defaults: properties in lexicographical order, nulls left out. */
  private static final Jsonb WRITER = JsonbBuilder.create();

  /** How Yasson's messages name the field they could not read. */
  private static final Pattern PROPERTY =
      Pattern.compile("property '?([A-Za-z][A-Za-z0-9]{0,63})'?");

  /** A document nests four deep (a provider's attribute keys); far more is no document. */
  static final int MAX_DEPTH = 32;

  private ConfigurationDocument() {}

  /**
   * One part of the document as the record {@code type}.
   *
   * @param pointer where it is in the document, for refusals ({@code /space}, {@code /events/2})
   */
  public static <T> T read(JsonValue value, Class<T> type, String pointer) {
    if (!(value instanceof JsonObject)) {
      throw refusal(ProblemType.MALFORMED_BODY, pointer, "a JSON object is required here");
    }
    knownFields(value, type, pointer);
    try {
      return StrictJson.jsonb().fromJson(value.toString(), type);
    } catch (JsonbException e) {
      throw refusal(
          ProblemType.MALFORMED_BODY,
          property(e).map(name -> pointer + "/" + escape(name)).orElse(pointer),
          "a value of the wrong type (a flag is true or false, a text a string, a list an array,"
              + " a time an ISO-8601 instant, a choice one of the names the API lists)");
    }
  }

  /**
   * The field JSON-B could not read, when its message names one (Yasson's do); only the name is
   * taken, never the message, which might quote a value (a secret, say).
   */
  private static Optional<String> property(JsonbException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      var named = PROPERTY.matcher(String.valueOf(cause.getMessage()));
      if (named.find()) {
        return Optional.of(named.group(1));
      }
    }
    return Optional.empty();
  }

  /**
   * The body of an import: UTF-8, not nested deeper than {@link #MAX_DEPTH}, one JSON object
   * ({@code IMPORT1} for another JSON value, {@code REQ400} for what is not JSON).
   */
  static JsonObject parse(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new GatewayProblem(ProblemType.MALFORMED_BODY, "The body is not UTF-8.");
    }
    if (depth(text) > MAX_DEPTH) {
      throw malformed(
          "The body nests arrays and objects deeper than " + MAX_DEPTH + "; a document is not.");
    }
    try (var parser = Json.createParser(new StringReader(text))) {
      if (!parser.hasNext()) {
        throw malformed("The body is empty; send the document that GET .../configuration makes.");
      }
      if (parser.next() != JsonParser.Event.START_OBJECT) {
        throw new GatewayProblem(
            ProblemType.IMPORT_VERSION,
            "The body is not a Foyer configuration document (a JSON object with \""
                + SpaceConfigurationResource.VERSION_FIELD
                + "\": "
                + SpaceConfigurationResource.VERSION
                + ").");
      }
      var document = parser.getObject();
      if (parser.hasNext()) {
        throw malformed("The body holds more than one JSON value.");
      }
      return document;
    } catch (JsonException e) {
      throw malformed(
          "The body is not JSON"
              + (e instanceof jakarta.json.stream.JsonParsingException parsing
                      && parsing.getLocation() != null
                  ? " (at line "
                      + parsing.getLocation().getLineNumber()
                      + ", column "
                      + parsing.getLocation().getColumnNumber()
                      + ")."
                  : "."));
    }
  }

  /**
   * How deep the text nests arrays and objects, strings skipped. Counted before parsing: a parser
   * that builds the tree by recursion would run out of stack on two million {@code [} (a 500).
   */
  static int depth(String text) {
    int depth = 0;
    int deepest = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == ']' || c == '}') {
        depth--;
      }
    }
    return deepest;
  }

  private static GatewayProblem malformed(String detail) {
    return new GatewayProblem(ProblemType.MALFORMED_BODY, detail);
  }

  /** A list of records; none when the document leaves it out or gives {@code null}. */
  public static <T> List<T> readList(JsonValue value, Class<T> type, String pointer) {
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw refusal(ProblemType.MALFORMED_BODY, pointer, "a JSON array is required here");
    }
    var read = new ArrayList<T>();
    for (int i = 0; i < array.size(); i++) {
      read.add(read(array.get(i), type, pointer + "/" + i));
    }
    return read;
  }

  /**
   * Refuses a field that {@code type} (a record) does not have, looking into the records and lists
   * of records it holds. Values of the wrong kind are left to JSON-B; the keys of maps ({@code
   * attributeKeys}, {@code conflicts}) to the admin API's own checks.
   */
  static void knownFields(JsonValue value, Class<?> type, String pointer) {
    if (!type.isRecord() || !(value instanceof JsonObject object)) {
      return;
    }
    var components = Arrays.stream(type.getRecordComponents()).toList();
    for (var entry : object.entrySet()) {
      var at = pointer + "/" + escape(entry.getKey());
      var component =
          components.stream()
              .filter(candidate -> candidate.getName().equals(entry.getKey()))
              .findFirst()
              .orElseThrow(
                  () ->
                      refusal(
                          ProblemType.IMPORT_UNKNOWN_FIELD,
                          at,
                          "not a field here; the fields are "
                              + components.stream().map(RecordComponent::getName).toList()));
      knownFields(entry.getValue(), component.getType(), at);
      if (List.class.isAssignableFrom(component.getType())
          && component.getGenericType() instanceof ParameterizedType list
          && list.getActualTypeArguments()[0] instanceof Class<?> element
          && entry.getValue() instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          knownFields(array.get(i), element, at + "/" + i);
        }
      }
    }
  }

  /** A record (or list, or map) as the document shows it. */
  public static JsonValue json(Object value) {
    try (var reader = Json.createReader(new StringReader(WRITER.toJson(value)))) {
      return reader.readValue();
    }
  }

  /** The document as text: indented, one field a line, so it diffs well in version control. */
  static String text(JsonObject document) {
    var out = new StringWriter();
    try (var writer =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.write(document);
    }
    return out.toString().strip() + "\n";
  }

  /**
   * Runs {@code work} for one part of the document: a refusal from the admin API's checks it calls
   * keeps its code and gains the part's place, so the caller learns which provider or event it
   * concerns.
   *
   * @param what the part in words, e.g. {@code identity provider 'acme'}
   */
  public static <T> T at(String pointer, String what, Supplier<T> work) {
    try {
      return work.get();
    } catch (Refusal placed) {
      throw placed;
    } catch (GatewayProblem problem) {
      throw new Refusal(problem.type(), pointer, what + ": " + problem.getMessage());
    }
  }

  public static void at(String pointer, String what, Runnable work) {
    at(
        pointer,
        what,
        () -> {
          work.run();
          return null;
        });
  }

  public static Refusal refusal(ProblemCode type, String pointer, String detail) {
    return new Refusal(type, pointer, detail);
  }

  /** RFC 6901 §3: {@code ~} and {@code /} in a name are written {@code ~0} and {@code ~1}. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** A refusal about one place in the document: its detail starts with it, and says it. */
  public static final class Refusal extends GatewayProblem {
    private final String pointer;

    Refusal(ProblemCode type, String pointer, String detail) {
      super(type, (pointer.isEmpty() ? "" : pointer + ": ") + detail);
      this.pointer = pointer;
    }

    /** RFC 9457 §3.2: where in the document, as an RFC 6901 JSON pointer. */
    @Override
    public Map<String, Object> extensions() {
      return Map.of("pointer", pointer);
    }
  }
}
