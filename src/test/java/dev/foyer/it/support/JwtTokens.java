package dev.foyer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * JWT SSO tokens signed by the real {@code jsonwebtoken} npm package, the way seeds 001/003 tell
 * integrators to make them: {@code src/test/node/sign.js}, which the build installs with {@code npm
 * ci} and failsafe names in {@code foyer.it.node}. Only tokens no integrator library would make
 * (JWE, broken ones) are put together by hand.
 */
public final class JwtTokens {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private JwtTokens() {}

  /** {@code jwt.sign(payload, key, { algorithm: "HS256" })}. */
  public static String hs256(Map<String, ?> payload, String key) {
    return sign(payload, key, Map.of("algorithm", "HS256"));
  }

  /** The same with another algorithm of the HMAC family, e.g. HS512. */
  public static String hmac(String algorithm, Map<String, ?> payload, String key) {
    return sign(payload, key, Map.of("algorithm", algorithm));
  }

  /** RS256 with a fresh RSA key: what a space configured for HS256 must refuse. */
  public static String rs256(Map<String, ?> payload) {
    return sign(payload, "generate-rsa", Map.of("algorithm", "RS256"));
  }

  /** {@code alg: none}: no signature at all. */
  public static String unsigned(Map<String, ?> payload) {
    return sign(payload, null, Map.of("algorithm", "none"));
  }

  /**
   * Runs {@code node sign.js}. sign.js passes {@code noTimestamp: true} unless told otherwise, and
   * jsonwebtoken then drops an {@code iat} given in the payload; a payload with {@code iat} is
   * therefore signed with {@code noTimestamp: false}, which keeps that {@code iat} as it is.
   */
  public static String sign(Map<String, ?> payload, String key, Map<String, ?> options) {
    var allOptions = new LinkedHashMap<String, Object>(options);
    if (payload.containsKey("iat")) {
      allOptions.putIfAbsent("noTimestamp", false);
    }
    var input = new LinkedHashMap<String, Object>();
    input.put("payload", payload);
    input.put("key", key);
    input.put("options", allOptions);
    return node(Json.write(input));
  }

  /** A compact JWE (five parts, {@code alg: dir}): Foyer accepts signed tokens only. */
  public static String encrypted() {
    return part("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"typ\":\"JWT\"}")
        + ".."
        + BASE64URL.encodeToString(new byte[12])
        + "."
        + BASE64URL.encodeToString("not really encrypted claims".getBytes(StandardCharsets.UTF_8))
        + "."
        + BASE64URL.encodeToString(new byte[16]);
  }

  /**
   * A token whose signature part is replaced by another HS256 token's: the MAC no longer matches.
   */
  public static String withSignatureOf(String token, String donor) {
    return token.substring(0, token.lastIndexOf('.') + 1)
        + donor.substring(donor.lastIndexOf('.') + 1);
  }

  /**
   * Other spellings of {@code token}'s HS256 signature that a lenient base64url decoder reads as
   * the same 32 bytes: the three other values of the last character's two unused bits, padding, and
   * characters outside the alphabet that such a decoder skips. None is what a JWT library writes
   * (RFC 7515: base64url without padding).
   */
  public static List<String> respellings(String token) {
    var dot = token.lastIndexOf('.');
    var head = token.substring(0, dot + 1);
    var signature = token.substring(dot + 1);
    if (signature.length() != 43) {
      throw new IllegalArgumentException("Not an HS256 signature: " + signature.length());
    }
    var last = signature.length() - 1;
    var value = ALPHABET.indexOf(signature.charAt(last));
    var respellings = new ArrayList<String>();
    for (int unused = 1; unused < 4; unused++) {
      respellings.add(head + signature.substring(0, last) + ALPHABET.charAt(value ^ unused));
    }
    respellings.add(head + signature + "=");
    respellings.add(head + signature.substring(0, 10) + "!" + signature.substring(10));
    respellings.add(head + signature.substring(0, 10) + " " + signature.substring(10));
    respellings.add(" " + token);
    respellings.add(head + signature + "~");
    return respellings;
  }

  /** Base64url of a JSON text, for hand-made token parts. */
  public static String part(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String node(String input) {
    var directory =
        Path.of(
            Objects.requireNonNull(
                System.getProperty("foyer.it.node"),
                "System property foyer.it.node is not set; run the ITs with mvn verify"));
    var process = start(new ProcessBuilder("node", "sign.js").directory(directory.toFile()));
    try {
      var stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      var stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node sign.js did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "node sign.js exited with " + process.exitValue() + ": " + stderr.join());
      }
      var token = stdout.join().strip();
      if (token.isEmpty()) {
        throw new IllegalStateException("node sign.js wrote no token: " + stderr.join());
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while signing a token", e);
    } finally {
      process.destroy();
    }
  }

  private static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run node (is Node.js installed?)", e);
    }
  }

  private static String read(java.io.InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
