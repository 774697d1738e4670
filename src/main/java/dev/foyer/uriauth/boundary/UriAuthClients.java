package dev.foyer.uriauth.boundary;

import dev.foyer.doors.DoorClients;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.signin.control.DoorAttempt;
import dev.foyer.uriauth.control.UriAuthRequest;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pac4j.core.client.DirectClient;

/** The two pac4j direct clients of seed 000: query or form parameters, and the plugin's JSON. */
final class UriAuthClients {
  private UriAuthClients() {}

  static DirectClient uriAuth(UriAuthAuthenticator authenticator) {
    return DoorClients.direct(
        UriAuthDoor.NAME,
        request -> {
          DoorAttempt.provider(request, UriAuthDoor.NAME);
          var parameters = new LinkedHashMap<String, List<String>>();
          request
              .getParameterMap()
              .forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
          return Optional.of(UriAuthRequest.parse(parameters));
        },
        (request, parsed) -> authenticator.authenticate(UriAuthDoor.NAME, parsed, null));
  }

  static DirectClient programmaticLogon(UriAuthAuthenticator authenticator) {
    return DoorClients.direct(
        UriAuthDoor.PROGRAMMATIC_LOGON,
        request -> {
          // Both endpoints link a uid under the one alias.
          DoorAttempt.provider(request, UriAuthDoor.NAME);
          Map<String, List<String>> fields;
          try (var body = request.getInputStream()) {
            fields = jsonFields(body);
          } catch (IOException e) {
            throw new GatewayProblem(ProblemType.MALFORMED_BODY, "The body could not be read.");
          }
          var account = fields.get("account");
          DoorAttempt.account(
              request, account == null || account.isEmpty() ? null : account.get(0));
          return Optional.of(UriAuthRequest.parse(fields));
        },
        (request, parsed) ->
            authenticator.authenticate(
                UriAuthDoor.PROGRAMMATIC_LOGON, parsed, request.getHeader("Origin")));
  }

  /**
   * A flat JSON object of strings (null counts as absent). Repeated keys are kept as repeated
   * values, so the same rule refuses them as for query parameters.
   */
  static Map<String, List<String>> jsonFields(InputStream body) {
    var fields = new LinkedHashMap<String, List<String>>();
    String text;
    try {
      // Strictly UTF-8 (RFC 8259 §8.1): a lenient reader would put U+FFFD in a name.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body.readAllBytes()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new GatewayProblem(
          ProblemType.MALFORMED_ENCODING, "The body holds bytes that are not UTF-8.");
    } catch (IOException e) {
      throw new GatewayProblem(ProblemType.MALFORMED_BODY, "The body could not be read.");
    }
    try (var parser = Json.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw malformed();
      }
      while (true) {
        var event = parser.next();
        if (event == JsonParser.Event.END_OBJECT) {
          break;
        }
        if (event != JsonParser.Event.KEY_NAME) {
          throw malformed();
        }
        var name = parser.getString();
        switch (parser.next()) {
          case VALUE_STRING ->
              fields.computeIfAbsent(name, n -> new ArrayList<>()).add(parser.getString());
          case VALUE_NULL -> fields.computeIfAbsent(name, n -> new ArrayList<>());
          default ->
              throw new GatewayProblem(
                  ProblemType.MALFORMED_BODY,
                  "The field \""
                      + name.substring(0, Math.min(40, name.length()))
                      + "\" must be a string.");
        }
      }
      if (parser.hasNext()) {
        throw malformed();
      }
    } catch (JsonParsingException | java.util.NoSuchElementException e) {
      throw malformed();
    }
    return fields;
  }

  private static GatewayProblem malformed() {
    return new GatewayProblem(
        ProblemType.MALFORMED_BODY, "The body must be one JSON object of string fields.");
  }
}
