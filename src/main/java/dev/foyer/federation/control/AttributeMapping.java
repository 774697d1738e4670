package dev.foyer.federation.control;

import dev.foyer.federation.entity.AttributeKey;
import dev.foyer.federation.entity.AttributeKeys;
import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.web.DisplayNames;
import dev.foyer.web.WebAddresses;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a provider said about a person through the provider's attribute keys (seed 002). The
 * unique value is required and taken exactly as sent; names are kept as {@link DisplayNames} keeps
 * them, and a value Foyer cannot store (too long, an avatar that is not an http(s) URL) is left out
 * with the reason, as a missing one is, so the Test Integration page can say why.
 */
public final class AttributeMapping {
  static final int MAX_VALUE = 255;
  static final int MAX_AVATAR = 2048;

  private AttributeMapping() {}

  /**
   * What one key found: the value, or why there is none. {@code key} is empty when the provider has
   * no key for it.
   */
  public record Extracted(Optional<String> key, Optional<String> value, Optional<String> reason) {
    static Extracted unset() {
      return new Extracted(Optional.empty(), Optional.empty(), Optional.of("no key is set"));
    }
  }

  /** A person as the provider describes them, through its keys. */
  public record Mapped(
      String unique,
      Optional<String> username,
      Optional<String> nickname,
      Optional<String> email,
      boolean emailVerified,
      Optional<String> givenName,
      Optional<String> familyName,
      Optional<String> avatarUrl,
      List<String> groups,
      Map<String, Extracted> extracted) {}

  /**
   * @param claimedVerified the provider says the email is verified ({@code email_verified: true},
   *     or the space trusts this provider's emails)
   * @throws GatewayProblem {@code UM1} when the unique value is missing or empty, {@code DEO3} when
   *     it is not a value (an object or a list)
   */
  public static Mapped map(JsonObject json, AttributeKeys keys, boolean claimedVerified) {
    var extracted = new LinkedHashMap<String, Extracted>();
    var values = read(json, keys, extracted);
    var unique = extracted.get("unique");
    var uniqueValue =
        unique
            .value()
            .filter(value -> !value.isEmpty())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        unique.reason().filter(r -> r.contains("not a value")).isPresent()
                            ? FederationProblem.UNIQUE_VALUE_NOT_TEXT
                            : FederationProblem.UNIQUE_VALUE_EMPTY,
                        "The unique user value is empty: "
                            + unique.reason().orElse("the provider sent an empty value")
                            + ". Check the provider's unique user key."));
    var email = values.email();
    return new Mapped(
        uniqueValue,
        values.username(),
        values.nickname(),
        email,
        email.isPresent() && claimedVerified,
        values.givenName(),
        values.familyName(),
        values.avatarUrl(),
        values.groups(),
        Map.copyOf(extracted));
  }

  /** What each key finds, or why not; never refuses (Test Integration shows it). */
  public static Map<String, Extracted> findings(JsonObject json, AttributeKeys keys) {
    var extracted = new LinkedHashMap<String, Extracted>();
    read(json, keys, extracted);
    return extracted;
  }

  private record Values(
      Optional<String> username,
      Optional<String> nickname,
      Optional<String> email,
      Optional<String> givenName,
      Optional<String> familyName,
      Optional<String> avatarUrl,
      List<String> groups) {}

  private static Values read(
      JsonObject json, AttributeKeys keys, Map<String, Extracted> extracted) {
    extracted.put("unique", extract(json, keys.unique(), MAX_VALUE));
    var username = name(json, keys.username(), extracted, "username");
    var nickname = name(json, keys.nickname(), extracted, "nickname");
    var email =
        put(extracted, "email", extract(json, keys.email(), MAX_VALUE))
            .filter(WebAddresses::isEmail);
    var givenName = name(json, keys.givenName(), extracted, "givenName");
    var familyName = name(json, keys.familyName(), extracted, "familyName");
    var avatar = extract(json, keys.avatar(), MAX_AVATAR);
    if (avatar.value().isPresent() && WebAddresses.httpUrl(avatar.value().get()).isEmpty()) {
      avatar = new Extracted(avatar.key(), Optional.empty(), Optional.of("not an http(s) URL"));
    }
    var avatarUrl = put(extracted, "avatar", avatar);
    var groups = groups(json, keys);
    extracted.put(
        "groups",
        keys.groups()
            .map(
                key ->
                    new Extracted(
                        Optional.of(key.text()),
                        groups.isEmpty()
                            ? Optional.empty()
                            : Optional.of(String.join(", ", groups)),
                        groups.isEmpty() ? Optional.of("no values found") : Optional.empty()))
            .orElseGet(Extracted::unset));
    return new Values(username, nickname, email, givenName, familyName, avatarUrl, groups);
  }

  /**
   * The values under the groups key, as sent, without blank ones or ones longer than a group name
   * may be; empty when no key is set.
   */
  public static List<String> groups(JsonObject json, AttributeKeys keys) {
    return keys.groups().map(key -> key.valuesIn(json)).orElse(List.of()).stream()
        .filter(group -> !group.isBlank() && group.length() <= MAX_VALUE)
        .toList();
  }

  /** OpenID Connect's {@code email_verified}: true, or the text "true" some providers send. */
  public static boolean emailVerifiedClaim(JsonObject json) {
    var claim = json.get("email_verified");
    return claim != null
        && (claim.getValueType() == JsonValue.ValueType.TRUE
            || claim.toString().equals("\"true\""));
  }

  private static Optional<String> name(
      JsonObject json, Optional<AttributeKey> key, Map<String, Extracted> extracted, String field) {
    var found = extract(json, key, Integer.MAX_VALUE);
    if (found.value().isPresent()) {
      var kept = DisplayNames.normalized(found.value().get());
      if (kept.isEmpty()) {
        found =
            new Extracted(found.key(), Optional.empty(), Optional.of("only invisible characters"));
      } else if (kept.get().length() > MAX_VALUE) {
        found =
            new Extracted(
                found.key(),
                Optional.empty(),
                Optional.of("longer than " + MAX_VALUE + " characters"));
      } else {
        found = new Extracted(found.key(), kept, Optional.empty());
      }
    }
    return put(extracted, field, found);
  }

  private static Optional<String> put(
      Map<String, Extracted> extracted, String field, Extracted found) {
    extracted.put(field, found);
    return found.value();
  }

  private static Extracted extract(JsonObject json, Optional<AttributeKey> key, int maxLength) {
    if (key.isEmpty()) {
      return Extracted.unset();
    }
    var lookup = key.get().valueIn(json);
    var text = Optional.of(key.get().text());
    if (lookup.value().isEmpty()) {
      return new Extracted(text, Optional.empty(), lookup.reason());
    }
    var value = lookup.value().get();
    if (value.length() > maxLength) {
      return new Extracted(
          text, Optional.empty(), Optional.of("longer than " + maxLength + " characters"));
    }
    return new Extracted(text, Optional.of(value), Optional.empty());
  }
}
