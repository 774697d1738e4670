package dev.foyer.federation.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a value sits in an identity provider's JSON (seed 002, "Targeting nested JSON and array
 * values"): member names separated by {@code .}, and a number picks an array's element from 0.
 * {@code names.nicknames.0} in {@code {"names":{"nicknames":["Rob","Robbie"]}}} is {@code Rob}.
 *
 * <p>Numbers and booleans are read as their JSON text ({@code 123}, {@code true}); {@code null}, a
 * missing member, an index past the end, and an object or array where a value was expected are
 * absent, each with the reason, so Test Integration can say why a key found nothing. Claim names
 * that contain dots themselves ({@code https://example.com/roles}) are found too: at each object
 * the longest run of the remaining parts that names a member wins.
 */
public record AttributeKey(String text) {
  public static final int MAX_LENGTH = 255;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  public AttributeKey {
    if (text == null
        || text.isEmpty()
        || text.length() > MAX_LENGTH
        || CONTROL.matcher(text).find()
        || Arrays.stream(text.split("\\.", -1)).anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "An attribute key is 1 to 255 characters of names separated by single dots.");
    }
  }

  /** The key, or empty when the text is not one. */
  public static Optional<AttributeKey> parse(String text) {
    try {
      return Optional.of(new AttributeKey(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** What the key finds in a provider's JSON: one text value, or why there is none. */
  public Lookup valueIn(JsonValue json) {
    var found = find(json);
    if (found.reason() != null) {
      return Lookup.absent(found.reason());
    }
    return scalar(found.node())
        .map(Lookup::value)
        .orElseGet(
            () ->
                Lookup.absent(
                    found.node().getValueType() == JsonValue.ValueType.NULL
                        ? "'" + text + "' is null"
                        : "'"
                            + text
                            + "' is "
                            + article(found.node())
                            + ", not a value: add a part to the key"));
  }

  /**
   * Every text value the key finds: the elements of a list (a group list, say), or the one value.
   * An element that is not a value is skipped.
   */
  public List<String> valuesIn(JsonValue json) {
    var found = find(json);
    if (found.reason() != null) {
      return List.of();
    }
    if (found.node() instanceof JsonArray array) {
      var values = new ArrayList<String>();
      array.forEach(element -> scalar(element).ifPresent(values::add));
      return List.copyOf(values);
    }
    return scalar(found.node()).map(List::of).orElse(List.of());
  }

  /** Numbers and booleans as their JSON text; null, objects and lists are not values. */
  private static Optional<String> scalar(JsonValue node) {
    return switch (node.getValueType()) {
      case STRING -> Optional.of(((JsonString) node).getString());
      case NUMBER -> Optional.of(((JsonNumber) node).toString());
      case TRUE, FALSE -> Optional.of(node.toString());
      default -> Optional.empty();
    };
  }

  private Found find(JsonValue json) {
    var parts = text.split("\\.");
    var node = json;
    var at = 0;
    var walked = new StringBuilder();
    while (at < parts.length) {
      if (node instanceof JsonObject object) {
        var taken = longestMember(object, parts, at);
        if (taken == 0) {
          return Found.absent(
              "no member '" + parts[at] + "'" + (walked.isEmpty() ? "" : " in '" + walked + "'"));
        }
        var name = String.join(".", Arrays.asList(parts).subList(at, at + taken));
        node = object.get(name);
        at += taken;
        append(walked, name);
      } else if (node instanceof JsonArray array) {
        var index = index(parts[at]);
        if (index < 0) {
          return Found.absent(
              "'"
                  + walked
                  + "' is a list: the next part must be a number from 0, not '"
                  + parts[at]
                  + "'");
        }
        if (index >= array.size()) {
          return Found.absent(
              "'" + walked + "' has " + array.size() + " elements, so there is no " + parts[at]);
        }
        node = array.get(index);
        append(walked, parts[at]);
        at++;
      } else {
        return Found.absent(
            "'" + walked + "' is " + article(node) + ", so it has no '" + parts[at] + "'");
      }
    }
    return new Found(node, null);
  }

  /** How many parts, from {@code at}, form the longest member name of the object (0: none). */
  private static int longestMember(JsonObject object, String[] parts, int at) {
    for (var count = parts.length - at; count > 0; count--) {
      if (object.containsKey(String.join(".", Arrays.asList(parts).subList(at, at + count)))) {
        return count;
      }
    }
    return 0;
  }

  private static int index(String part) {
    if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    // Past any list's end, however many digits.
    return part.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(part);
  }

  private static void append(StringBuilder walked, String part) {
    if (!walked.isEmpty()) {
      walked.append('.');
    }
    walked.append(part);
  }

  private static String article(JsonValue node) {
    return switch (node.getValueType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case NULL -> "null";
      default -> "a value";
    };
  }

  private record Found(JsonValue node, String reason) {
    static Found absent(String reason) {
      return new Found(null, reason);
    }
  }

  /** A key's result: the value it found, or the reason it found none. */
  public static final class Lookup {
    private final String value;
    private final String reason;

    private Lookup(String value, String reason) {
      this.value = value;
      this.reason = reason;
    }

    static Lookup value(String value) {
      return new Lookup(value, null);
    }

    static Lookup absent(String reason) {
      return new Lookup(null, reason);
    }

    public Optional<String> value() {
      return Optional.ofNullable(value);
    }

    /** Why nothing was found; empty when a value was. */
    public Optional<String> reason() {
      return Optional.ofNullable(reason);
    }
  }
}
