package dev.foyer.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} (a query string or a form body) decoded strictly: a
 * {@code %} not followed by two hex digits, or bytes that are not UTF-8 once decoded, make the
 * whole input malformed. The servlet container decodes leniently instead (it drops such a
 * parameter, or stores U+FFFD in place of the bad bytes), so a name would arrive missing or changed
 * without anyone being told.
 */
public final class FormEncoding {
  private FormEncoding() {}

  /** Why an input is malformed; the message says where, never echoing more than the name. */
  public static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Every parameter, in order of first appearance, with its values in order. Empty pairs ({@code
   * a=1&&b=2}) are skipped as browsers do.
   *
   * @param raw the input's bytes as sent (a query string has only ASCII; a form body may carry raw
   *     UTF-8 bytes, which are accepted when they are valid UTF-8)
   */
  public static Map<String, List<String>> parse(byte[] raw) throws MalformedException {
    var parameters = new LinkedHashMap<String, List<String>>();
    int start = 0;
    while (start <= raw.length) {
      int end = start;
      while (end < raw.length && raw[end] != '&') {
        end++;
      }
      if (end > start) {
        int eq = start;
        while (eq < end && raw[eq] != '=') {
          eq++;
        }
        var name = decode(raw, start, eq, null);
        var value = eq < end ? decode(raw, eq + 1, end, name) : "";
        parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
      start = end + 1;
    }
    return parameters;
  }

  /**
   * A query string as the servlet API gives it: undecoded, and ASCII unless the client broke it.
   */
  public static Map<String, List<String>> parseQuery(String query) throws MalformedException {
    if (query == null) {
      return Map.of();
    }
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c > 0x7E || c <= 0x20) {
        throw new MalformedException(
            "The query string holds a character that is not percent-encoded; encode it as UTF-8"
                + " with %XX escapes.");
      }
    }
    return parse(query.getBytes(StandardCharsets.US_ASCII));
  }

  private static String decode(byte[] raw, int from, int to, String name)
      throws MalformedException {
    var bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = raw[i];
      if (b == '+') {
        bytes.write(' ');
      } else if (b == '%') {
        if (i + 2 >= to) {
          throw malformed(name, "a % that is not followed by two hex digits");
        }
        int high = Character.digit(raw[i + 1], 16);
        int low = Character.digit(raw[i + 2], 16);
        if (high < 0 || low < 0) {
          throw malformed(name, "a % that is not followed by two hex digits");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed(name, "bytes that are not UTF-8");
    }
  }

  private static MalformedException malformed(String name, String what) {
    var where =
        name == null
            ? "A parameter name holds "
            : "The parameter \"" + printable(name) + "\" holds ";
    return new MalformedException(where + what + ".");
  }

  private static String printable(String name) {
    var cleaned =
        name.codePoints()
            .filter(cp -> !Character.isISOControl(cp))
            .limit(40)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return cleaned.length() < name.length() ? cleaned + "…" : cleaned;
  }
}
