package dev.foyer.jwtsso.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.foyer.jwtsso.entity.JwtSsoProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.web.DisplayNames;
import dev.foyer.web.WebAddresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a JWT SSO token: pure (keys, policy and time come in), so every rule is unit-tested. The
 * order matters: the token's canonical form, shape and algorithm are checked before any key is
 * used, the signature before any claim is believed.
 */
public final class SsoTokenVerifier {
  public static final int MAX_TOKEN_LENGTH = 8192;
  static final int MAX_CLAIM = 255;
  static final Set<String> LANGUAGES = Set.of("en", "fr", "de");
  static final String DEFAULT_LANGUAGE = "en";
  static final String DEFAULT_TIME_ZONE = "Europe/Paris";

  private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
  private static final Base64.Encoder BASE64URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

  private SsoTokenVerifier() {}

  public static SsoClaims verify(
      String token, List<String> keys, SsoTokenPolicy policy, Instant now) {
    if (token == null || token.isBlank()) {
      throw new GatewayProblem(JwtSsoProblem.JWT_MISSING, "Pass the signed token as ms_token.");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_TOO_LARGE,
          "The token is longer than " + MAX_TOKEN_LENGTH + " characters.");
    }
    requireCanonicalForm(token);
    JOSEObject parsed;
    try {
      parsed = JOSEObject.parse(token);
    } catch (ParseException e) {
      throw new GatewayProblem(JwtSsoProblem.JWT_MALFORMED, "The token is not a JWT.");
    }
    if (parsed instanceof JWEObject) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_ENCRYPTED, "Sign the token with HS256; do not encrypt it.");
    }
    if (parsed instanceof PlainObject || !(parsed instanceof JWSObject jws)) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_ALGORITHM, "Unsigned tokens (alg none) are refused.");
    }
    var algorithm = jws.getHeader().getAlgorithm().getName();
    if (!policy.algorithms().contains(algorithm)) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_ALGORITHM,
          "The algorithm "
              + algorithm
              + " is not accepted; sign with "
              + String.join(", ", policy.algorithms())
              + ".");
    }
    if (jws.getHeader().getCriticalParams() != null
        && !jws.getHeader().getCriticalParams().isEmpty()) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_MALFORMED,
          "The token has critical header parameters Foyer does not understand.");
    }
    if (keys.stream().noneMatch(key -> verifies(jws, key))) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_SIGNATURE, "The token's signature does not match the space's key.");
    }
    // Types are checked on the payload as sent: JWTClaimsSet.parse turns a numeric sub into a
    // string.
    Map<String, Object> claims = jws.getPayload().toJSONObject();
    if (claims == null) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_CLAIM_INVALID, "The token's payload is not a JSON object.");
    }
    Times times;
    try {
      times = times(JWTClaimsSet.parse(claims), policy, now);
    } catch (ParseException e) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_CLAIM_INVALID, "The token's iat, exp and nbf must be numbers.");
    }
    var email = required(claims, "email");
    if (!WebAddresses.isEmail(email)) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_EMAIL_INVALID, "The email claim is not a valid email address.");
    }
    var avatar = optional(claims, "avatarUrl", 2048);
    if (avatar.isPresent() && WebAddresses.httpUrl(avatar.get()).isEmpty()) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_AVATAR_INVALID, "avatarUrl must be a full http:// or https:// URL.");
    }
    var lang =
        optional(claims, "lang", MAX_CLAIM).filter(LANGUAGES::contains).orElse(DEFAULT_LANGUAGE);
    var timezone =
        optional(claims, "timezone", MAX_CLAIM)
            .filter(ZoneId.getAvailableZoneIds()::contains)
            .orElse(DEFAULT_TIME_ZONE);
    return new SsoClaims(
        digest(jws.getSignature().decode()),
        externalId(claims, "sub"),
        requiredName(claims, "firstName"),
        requiredName(claims, "lastName"),
        email,
        name(claims, "title"),
        avatar,
        lang,
        timezone,
        times.issuedAt(),
        times.expiresAt(),
        optional(claims, "jti", MAX_CLAIM),
        ids(claims, "groups:join"),
        ids(claims, "groups:leave"),
        strings(claims, "customProperties", 1024),
        domains(claims),
        ids(claims, "domains:unset"));
  }

  /**
   * RFC 7515 §7.1 (compact serialization) with §2's base64url: no padding, nothing outside the
   * alphabet, and the last character's unused bits zero. nimbus's Base64URL decoder is lenient (it
   * skips characters outside the alphabet, padding included, and ignores the unused bits), so
   * without this check one signature has many spellings that all verify, and a replay guard keyed
   * on the string would count each spelling as a new token. Exactly one spelling per token is
   * accepted: the one every JWT library writes.
   */
  static void requireCanonicalForm(String token) {
    var parts = token.split("\\.", -1);
    if (parts.length != 3 && parts.length != 5) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_MALFORMED,
          "The token is not a JWT in compact form (three base64url parts joined by dots).");
    }
    for (var part : parts) {
      if (!isCanonicalBase64Url(part)) {
        throw new GatewayProblem(
            JwtSsoProblem.JWT_MALFORMED,
            "The token is not in canonical compact form: each part must be base64url without"
                + " padding, spaces or other characters (RFC 7515).");
      }
    }
  }

  /**
   * The JDK's decoder refuses characters outside the alphabet; re-encoding without padding gives
   * back the same text only if there was no padding and the unused bits were zero.
   */
  static boolean isCanonicalBase64Url(String part) {
    try {
      return BASE64URL_ENCODER.encodeToString(BASE64URL_DECODER.decode(part)).equals(part);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean verifies(JWSObject jws, String key) {
    try {
      return jws.verify(new MACVerifier(key.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      return false;
    }
  }

  private record Times(Optional<Instant> issuedAt, Optional<Instant> expiresAt) {}

  private static Times times(JWTClaimsSet claims, SsoTokenPolicy policy, Instant now) {
    var iat = Optional.ofNullable(claims.getIssueTime()).map(java.util.Date::toInstant);
    var exp = Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant);
    var nbf = Optional.ofNullable(claims.getNotBeforeTime()).map(java.util.Date::toInstant);
    var skew = policy.clockSkew();
    if (exp.isEmpty() && policy.requireExp()) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_EXP_MISSING,
          "The token needs an exp claim (60 seconds from now is recommended).");
    }
    if (exp.isPresent() && exp.get().plus(skew).isBefore(now)) {
      throw new GatewayProblem(JwtSsoProblem.JWT_EXPIRED, "The token expired; sign a fresh one.");
    }
    if (iat.isPresent() && iat.get().minus(skew).isAfter(now)
        || nbf.isPresent() && nbf.get().minus(skew).isAfter(now)) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_NOT_YET_VALID,
          "The token is dated in the future; check the signing server's clock.");
    }
    if (exp.isPresent()) {
      var start = iat.orElse(now);
      if (exp.get().isAfter(start.plus(policy.maxLifetime()).plus(skew))) {
        throw new GatewayProblem(
            JwtSsoProblem.JWT_LIFETIME,
            "The token is valid for longer than "
                + policy.maxLifetime().toSeconds()
                + " seconds; shorten its exp.");
      }
    }
    return new Times(iat, exp);
  }

  private static String required(Map<String, Object> claims, String name) {
    return optional(claims, name, MAX_CLAIM)
        .orElseThrow(
            () ->
                new GatewayProblem(
                    JwtSsoProblem.JWT_CLAIM_MISSING, "The token has no " + name + " claim."));
  }

  private static String requiredName(Map<String, Object> claims, String name) {
    return name(claims, name)
        .orElseThrow(
            () ->
                new GatewayProblem(
                    JwtSsoProblem.JWT_CLAIM_MISSING, "The token has no " + name + " claim."));
  }

  /** A name as {@link DisplayNames} keeps it; refused when it is only invisible characters. */
  private static Optional<String> name(Map<String, Object> claims, String name) {
    var raw = optional(claims, name, MAX_CLAIM);
    if (raw.isEmpty()) {
      return raw;
    }
    var kept =
        DisplayNames.normalized(raw.get())
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        ProblemType.NAME_INVISIBLE,
                        "The token's " + name + " is made only of invisible characters."));
    if (kept.length() > MAX_CLAIM) {
      throw invalid(name + " is longer than " + MAX_CLAIM + " characters");
    }
    return Optional.of(kept);
  }

  /**
   * The subject exactly as signed: never cut, since "42" and "42 " would be two people. One with a
   * space or an invisible character at either end is refused; a blank one is missing.
   */
  private static String externalId(Map<String, Object> claims, String name) {
    var value = claims.get(name);
    if (value instanceof String text && !text.isBlank() && DisplayNames.hasEdgeSpace(text)) {
      throw new GatewayProblem(
          ProblemType.EXTERNAL_ID_SPACED,
          "The token's "
              + name
              + " starts or ends with a space or an invisible character; Foyer never trims an id,"
              + " so sign it exactly as your system stores it.");
    }
    return required(claims, name);
  }

  private static Optional<String> optional(Map<String, Object> claims, String name, int maxLength) {
    var value = claims.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw invalid(name + " must be a string");
    }
    if (text.length() > maxLength) {
      throw invalid(name + " is longer than " + maxLength + " characters");
    }
    if (hasControlCharacters(text)) {
      throw invalid(name + " contains control characters");
    }
    return Optional.of(text.strip()).filter(stripped -> !stripped.isEmpty());
  }

  /** A string ("a,b" or "a") or an array of strings; each at most 255 characters. */
  private static List<String> ids(Map<String, Object> claims, String name) {
    var value = claims.get(name);
    var ids = new ArrayList<String>();
    if (value == null) {
      return ids;
    }
    if (value instanceof String text) {
      Arrays.stream(text.split(","))
          .map(String::strip)
          .filter(id -> !id.isEmpty())
          .forEach(ids::add);
    } else if (value instanceof List<?> list) {
      for (var item : list) {
        if (!(item instanceof String text)) {
          throw invalid(name + " must hold strings");
        }
        ids.add(text.strip());
      }
    } else {
      throw invalid(name + " must be a string or an array of strings");
    }
    if (ids.size() > 100
        || ids.stream().anyMatch(id -> id.length() > MAX_CLAIM || hasControlCharacters(id))) {
      throw invalid(name + " holds too many or too long values");
    }
    return ids;
  }

  private static Map<String, String> strings(
      Map<String, Object> claims, String name, int maxValue) {
    var value = claims.get(name);
    var result = new LinkedHashMap<String, String>();
    if (value == null) {
      return result;
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(name + " must be an object of strings");
    }
    if (map.size() > 100) {
      throw invalid(name + " has too many entries");
    }
    map.forEach(
        (key, item) -> {
          if (!(item instanceof String text)
              || key.toString().length() > 64
              || text.length() > maxValue
              || hasControlCharacters(text)) {
            throw invalid(
                name + "." + key + " must be a string of at most " + maxValue + " characters");
          }
          result.put(key.toString(), text);
        });
    return result;
  }

  private static Map<String, String> domains(Map<String, Object> claims) {
    var domains = strings(claims, "domains:set", 2048);
    if (domains.values().stream().anyMatch(url -> WebAddresses.httpUrl(url).isEmpty())) {
      throw invalid("domains:set values must be http(s) URLs");
    }
    return domains;
  }

  private static boolean hasControlCharacters(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  private static GatewayProblem invalid(String detail) {
    return new GatewayProblem(JwtSsoProblem.JWT_CLAIM_INVALID, "The token's " + detail + ".");
  }
}
