package dev.foyer.it.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The integrator's side of README "Signed links", written from its description rather than from
 * Foyer's code.
 */
public final class SignedLinks {
  private SignedLinks() {}

  /** A URI Auth link ({@code /auth/uri?...}) for {@code params}, signed now with {@code secret}. */
  public static String link(String secret, Map<String, String> params) {
    return "/auth/uri?"
        + encoded(signed(secret, new TreeMap<>(params), Instant.now().getEpochSecond()));
  }

  /** The fields plus {@code ts}, signed: what an integrator's server puts in the link. */
  public static Map<String, String> signed(String secret, Map<String, String> fields, long ts) {
    var all = new LinkedHashMap<>(fields);
    all.put("ts", Long.toString(ts));
    all.put("sig", signature(secret, all));
    return all;
  }

  /**
   * Lowercase hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of every parameter but {@code
   * sig} sorted by name, as {@code name=value} with the raw value, joined by line feeds.
   */
  public static String signature(String secret, Map<String, String> parameters) {
    var canonical =
        new TreeMap<>(parameters)
            .entrySet().stream()
                .filter(parameter -> !parameter.getKey().equals("sig"))
                .map(parameter -> parameter.getKey() + "=" + parameter.getValue())
                .collect(Collectors.joining("\n"));
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fields as a query string or form body, UTF-8 URL-encoded, in the map's order. */
  public static String encoded(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            field ->
                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
