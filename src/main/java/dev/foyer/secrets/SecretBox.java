package dev.foyer.secrets;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets at rest (space signing keys, later client secrets) are sealed with AES-256-GCM under a
 * key from configuration ({@code foyer.secrets.key}, 32 bytes in base64), so a database dump alone
 * cannot sign links. The stored form is {@code v1:<base64(iv || ciphertext+tag)>}.
 */
@ApplicationScoped
public class SecretBox {
  private static final String PREFIX = "v1:";

  @Inject
  @ConfigProperty(name = "foyer.secrets.key")
  String configuredKey;

  private SecretKeySpec key;

  @PostConstruct
  void init() {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(configuredKey.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("foyer.secrets.key is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalStateException(
          "foyer.secrets.key must be 32 bytes (base64), got " + raw.length);
    }
    key = new SecretKeySpec(raw, "AES");
  }

  public String seal(String secret) {
    try {
      var iv = Randomness.bytes(12);
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      var out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a secret", e);
    }
  }

  public String open(String stored) {
    if (!stored.startsWith(PREFIX)) {
      throw new IllegalStateException("unknown secret format");
    }
    try {
      var raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
      return new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open a secret: wrong foyer.secrets.key?", e);
    }
  }

  /** A fresh random secret: 32 bytes, base64url without padding (43 characters). */
  public static String newSecret() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(32));
  }
}
