package dev.foyer.uriauth.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed-link scheme. The canonical form is every parameter except {@code sig}, sorted by name
 * (by UTF-16 code unit, which is byte order for the ASCII names integrators use), written {@code
 * name=value} with the raw (decoded) value, joined by a line feed. Control characters are refused
 * before this runs, so a value cannot forge a line. The signature is the lowercase hex HMAC-SHA256
 * of the canonical form's UTF-8 bytes, keyed with the UTF-8 bytes of the space's secret as shown to
 * its administrator.
 */
public final class LinkSignature {
  public static final String SIGNATURE = "sig";
  public static final String TIMESTAMP = "ts";

  private LinkSignature() {}

  public static String canonical(SortedMap<String, String> parameters) {
    return parameters.entrySet().stream()
        .filter(entry -> !entry.getKey().equals(SIGNATURE))
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining("\n"));
  }

  public static String sign(String secret, SortedMap<String, String> parameters) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(canonical(parameters).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Constant-time comparison, so timing does not reveal how much of a forged signature is right.
   */
  public static boolean matches(String secret, Map<String, String> parameters, String signature) {
    var expected = sign(secret, new java.util.TreeMap<>(parameters));
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
