package dev.foyer.federation.boundary;

import dev.foyer.federation.control.AttributeMapping;
import dev.foyer.federation.entity.AttributeKeys;
import dev.foyer.federation.entity.IdentityProvider;
import dev.foyer.members.control.GroupMatching;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.signin.control.SignIn;
import dev.foyer.spaces.entity.Space;
import dev.foyer.spaces.entity.SpaceGroup;
import dev.foyer.web.Html;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Seed 002's Test Integration result: what the provider answered (every token masked), what each
 * attribute key found or why not, and what the sign-in would do (the member it would match or
 * create, a conflict), or the error code with what to check. As JSON for API callers and as a page
 * for the administrator's browser.
 */
public record TestReport(JsonObject json) {
  static final String ATTRIBUTE = TestReport.class.getName();
  private static final String[] KEYS = {
    "unique", "username", "nickname", "email", "givenName", "familyName", "avatar", "groups"
  };

  /** A token value as the report shows it: never the value, only its length. */
  static String mask(String value) {
    return value == null || value.isEmpty()
        ? ""
        : "\u2022\u2022\u2022\u2022 (" + value.length() + " characters)";
  }

  /**
   * Token-endpoint fields; every value whose name ends in {@code token} or {@code secret} masked.
   */
  static Map<String, String> masked(Map<String, String> fields) {
    var masked = new TreeMap<String, String>();
    fields.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            var lower = name.toLowerCase(Locale.ROOT);
            masked.put(
                name, lower.endsWith("token") || lower.endsWith("secret") ? mask(value) : value);
          }
        });
    return masked;
  }

  /**
   * An OAuth 2.0 token response body (JSON), masked: only the names and values known to be harmless
   * are shown; every other string, at any depth, is replaced by its length.
   */
  static Map<String, String> maskedJson(String body) {
    var fields = new TreeMap<String, String>();
    if (body == null) {
      return fields;
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      reader
          .readObject()
          .forEach(
              (name, value) ->
                  fields.put(
                      name,
                      SHOWN.contains(name.toLowerCase(Locale.ROOT))
                          ? (value.getValueType() == JsonValue.ValueType.STRING
                              ? ((JsonString) value).getString()
                              : value.toString())
                          : value.getValueType() == JsonValue.ValueType.STRING
                              ? mask(((JsonString) value).getString())
                              : value.getValueType() == JsonValue.ValueType.OBJECT
                                      || value.getValueType() == JsonValue.ValueType.ARRAY
                                  ? "("
                                      + value.getValueType().name().toLowerCase(Locale.ROOT)
                                      + ", not shown)"
                                  : value.toString()));
    } catch (RuntimeException notJson) {
      fields.put("(body)", "not JSON, " + body.length() + " characters");
    }
    return fields;
  }

  /** Token response members shown as they are (RFC 6749 §5.1's, and OpenID Connect's). */
  private static final Set<String> SHOWN =
      Set.of("token_type", "expires_in", "scope", "refresh_expires_in", "not-before-policy");

  /** An OAuth 1.0a access token response ({@code a=b&c=d}), masked. */
  static Map<String, String> maskedForm(String body) {
    var fields = new TreeMap<String, String>();
    if (body != null) {
      for (var pair : body.split("&")) {
        var at = pair.indexOf('=');
        if (at > 0) {
          fields.put(
              URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return masked(fields);
  }

  /** What a sign-in went through, step by step; kept whatever the mode, reported in test mode. */
  static final class Trace {
    private Map<String, String> tokens;
    private JsonObject idTokenClaims;
    private JsonObject userInfo;
    private JsonObject assertion;
    private Map<String, AttributeMapping.Extracted> extracted;
    private SignIn.Preview preview;
    private GatewayProblem failure;
    private List<SpaceGroup> spaceGroups;
    private List<String> groupValues;

    void tokens(Map<String, String> tokens) {
      this.tokens = tokens;
    }

    void idTokenClaims(JsonObject claims) {
      this.idTokenClaims = claims;
    }

    JsonObject userInfo(JsonObject userInfo) {
      this.userInfo = userInfo;
      return userInfo;
    }

    /** A SAML provider's validated assertion, as the attribute keys read it. */
    JsonObject assertion(JsonObject assertion) {
      this.assertion = assertion;
      return assertion;
    }

    /** Each key's finding, also when the unique value refuses the sign-in (it shows why). */
    void mapped(AttributeKeys keys, JsonObject json) {
      this.extracted = AttributeMapping.findings(json, keys);
      this.groupValues = keys.groups().isPresent() ? AttributeMapping.groups(json, keys) : null;
    }

    /** The space's groups, which the provider's group values are matched to. */
    void spaceGroups(List<SpaceGroup> groups) {
      this.spaceGroups = groups;
    }

    void preview(SignIn.Preview preview) {
      this.preview = preview;
    }

    void failed(GatewayProblem problem) {
      this.failure = problem;
    }

    TestReport report(Space space, IdentityProvider provider) {
      var json = Json.createObjectBuilder();
      json.add(
          "provider",
          Json.createObjectBuilder()
              .add("alias", provider.alias())
              .add("kind", provider.kind().name())
              .add("protocol", provider.kind().protocol().name())
              .add("enabled", provider.enabled()));
      json.add("space", space.slug());
      var refusal =
          failure != null ? failure : preview == null ? null : preview.refusal().orElse(null);
      json.add("outcome", refusal == null ? "would-sign-in" : "refused");
      if (refusal != null) {
        json.add(
            "error",
            Json.createObjectBuilder()
                .add("code", refusal.type().code())
                .add("status", refusal.type().status())
                .add("title", refusal.type().title())
                .add("detail", String.valueOf(refusal.getMessage())));
      }
      if (tokens != null) {
        var masked = Json.createObjectBuilder();
        tokens.forEach(masked::add);
        json.add("tokenResponse", masked);
      }
      if (idTokenClaims != null) {
        json.add("idTokenClaims", idTokenClaims);
      }
      if (userInfo != null) {
        json.add("userInfo", userInfo);
      }
      if (assertion != null) {
        json.add("samlAssertion", assertion);
      }
      if (extracted != null) {
        var keys = Json.createObjectBuilder();
        for (var name : KEYS) {
          var found = extracted.get(name);
          if (found != null) {
            var one = extraction(found);
            if (name.equals("groups") && groupValues != null && spaceGroups != null) {
              groupMatch(one, GroupMatching.match(spaceGroups, groupValues));
            }
            keys.add(name, one);
          }
        }
        json.add("attributes", keys);
      }
      if (preview != null && preview.memberId().isPresent()) {
        json.add(
            "member",
            Json.createObjectBuilder()
                .add("id", preview.memberId().get())
                .add("new", preview.newMember())
                .add("groupsJoined", groups(preview.groupsJoined()))
                .add("groupsLeft", groups(preview.groupsLeft())));
      }
      return new TestReport(json.build());
    }

    /** Which values named which group (by id or by name), and which named none. */
    private static void groupMatch(JsonObjectBuilder finding, GroupMatching.Match match) {
      var matched = Json.createArrayBuilder();
      for (var one : match.matched()) {
        matched.add(
            Json.createObjectBuilder()
                .add("value", one.value())
                .add("by", one.byId() ? "id" : "name")
                .add("group", group(one.group())));
      }
      var ignored = Json.createArrayBuilder();
      match.ignored().forEach(ignored::add);
      finding.add("matched", matched).add("ignored", ignored);
    }

    private static JsonArrayBuilder groups(List<SpaceGroup> groups) {
      var array = Json.createArrayBuilder();
      groups.forEach(group -> array.add(group(group)));
      return array;
    }

    private static JsonObjectBuilder group(SpaceGroup group) {
      return Json.createObjectBuilder().add("id", group.id()).add("name", group.name());
    }

    private static JsonObjectBuilder extraction(AttributeMapping.Extracted found) {
      var one = Json.createObjectBuilder();
      found.key().ifPresent(key -> one.add("key", key));
      found.value().ifPresent(value -> one.add("value", value));
      found.reason().ifPresent(reason -> one.add("reason", reason));
      return one;
    }
  }

  String text() {
    var out = new StringWriter();
    try (var writer =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.writeObject(json);
    }
    return out.toString().strip();
  }

  /** For the groups row: which values matched a group of the space, and which were ignored. */
  private static String groupCells(JsonObject found) {
    if (!found.containsKey("matched")) {
      return "";
    }
    var matched =
        found.getJsonArray("matched").stream()
            .map(JsonValue::asJsonObject)
            .map(
                one ->
                    Html.escape(one.getString("value"))
                        + " → "
                        + Html.escape(one.getJsonObject("group").getString("name"))
                        + " (by "
                        + one.getString("by")
                        + ")")
            .collect(Collectors.joining(", "));
    var ignored =
        found.getJsonArray("ignored").stream()
            .map(value -> Html.escape(((JsonString) value).getString()))
            .collect(Collectors.joining(", "));
    return "<br>Matched: "
        + (matched.isEmpty() ? "none" : matched)
        + "<br>Ignored (no such group): "
        + (ignored.isEmpty() ? "none" : ignored);
  }

  String html() {
    var body = new StringBuilder();
    var provider = json.getJsonObject("provider");
    body.append("<h1>Test Integration: ")
        .append(Html.escape(provider.getString("alias")))
        .append("</h1>\n");
    if (json.containsKey("error")) {
      var error = json.getJsonObject("error");
      body.append(
              "<p class=\"test-outcome refused\">The sign-in would be refused: <code class=\"error-code\">")
          .append(Html.escape(error.getString("code")))
          .append("</code> ")
          .append(Html.escape(error.getString("title")))
          .append(".</p>\n<p>")
          .append(Html.escape(error.getString("detail")))
          .append("</p>\n<p>What each code means and what to check: <a href=\"/errors#")
          .append(Html.escape(error.getString("code").toLowerCase(Locale.ROOT)))
          .append("\">the error list</a>.</p>\n");
    } else {
      body.append("<p class=\"test-outcome signed-in\">The sign-in works.</p>\n");
    }
    if (json.containsKey("member")) {
      var member = json.getJsonObject("member");
      body.append("<p class=\"test-member\">")
          .append(
              member.getBoolean("new")
                  ? "It would create a new member."
                  : "It would sign in as member " + Html.escape(member.getString("id")) + ".")
          .append("</p>\n");
      for (var change : new String[] {"groupsJoined", "groupsLeft"}) {
        var groups = member.getJsonArray(change);
        if (groups != null && !groups.isEmpty()) {
          body.append("<p class=\"test-")
              .append(change)
              .append("\">")
              .append(
                  change.equals("groupsJoined")
                      ? "Groups it would join: "
                      : "Groups it would leave: ")
              .append(
                  groups.stream()
                      .map(group -> Html.escape(group.asJsonObject().getString("name")))
                      .collect(Collectors.joining(", ")))
              .append(".</p>\n");
        }
      }
    }
    if (json.containsKey("attributes")) {
      body.append(
          "<h2>Attribute keys</h2>\n<table class=\"test-attributes\"><tr><th>Field</th><th>Key</th><th>Value</th></tr>\n");
      json.getJsonObject("attributes")
          .forEach(
              (name, value) -> {
                var found = value.asJsonObject();
                body.append("<tr><td>")
                    .append(Html.escape(name))
                    .append("</td><td>")
                    .append(Html.escape(found.getString("key", "")))
                    .append("</td><td>")
                    .append(
                        found.containsKey("value")
                            ? Html.escape(found.getString("value"))
                            : "<em>" + Html.escape(found.getString("reason", "")) + "</em>")
                    .append(groupCells(found))
                    .append("</td></tr>\n");
              });
      body.append("</table>\n");
    }
    for (var section :
        new String[] {"tokenResponse", "idTokenClaims", "userInfo", "samlAssertion"}) {
      if (json.containsKey(section)) {
        body.append("<h2>")
            .append(section)
            .append("</h2>\n<pre class=\"test-")
            .append(section)
            .append("\">")
            .append(Html.escape(new TestReport(json.getJsonObject(section)).text()))
            .append("</pre>\n");
      }
    }
    return Html.page("Test Integration", body.toString());
  }
}
