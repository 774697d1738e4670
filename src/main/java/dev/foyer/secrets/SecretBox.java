package dev.foyer.secrets;

import static java.lang.System.Logger.Level.WARNING;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets at rest (space signing keys, later client secrets) are sealed with AES-256-GCM under a
 * key from configuration ({@code foyer.secrets.key}, 32 bytes in base64), so a database dump alone
 * cannot sign links. The stored form is {@code v1:<base64(iv || ciphertext+tag)>}.
 *
 * <p>Whether the key is the one the database's secrets were sealed with is settled by {@link
 * SecretsKeyCheck} at start-up; until it is, nothing is sealed or opened by the doors. During a
 * rotation of the key itself, {@code foyer.secrets.previous-key} opens what the old key sealed. A
 * stored value that neither key opens is skipped, reported once, never a failed request.
 */
@ApplicationScoped
public class SecretBox {
  static final System.Logger LOGGER = System.getLogger(SecretBox.class.getName());
  private static final String PREFIX = "v1:";

  /** Stored values already reported as unopenable; bounded so a flood cannot grow it. */
  private static final int MAX_REPORTED = 1000;

  @Inject
  @ConfigProperty(name = "foyer.secrets.key")
  String configuredKey;

  @Inject
  @ConfigProperty(name = "foyer.secrets.previous-key")
  Optional<String> configuredPreviousKey;

  private SecretKeySpec key;
  private SecretKeySpec previousKey;

  /**
   * Why the configured keys cannot be used at all (not base64, wrong length); empty if they can.
   */
  private Optional<String> unusable = Optional.empty();

  private volatile boolean keyConfirmed;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  @PostConstruct
  void init() {
    try {
      key = key("foyer.secrets.key", configuredKey);
      previousKey =
          configuredPreviousKey
              .filter(k -> !k.isBlank())
              .map(k -> key("foyer.secrets.previous-key", k))
              .orElse(null);
    } catch (IllegalArgumentException e) {
      unusable = Optional.of(e.getMessage());
    }
  }

  private static SecretKeySpec key(String name, String configured) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(configured.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(name + " must be 32 bytes (base64), not " + raw.length);
    }
    return new SecretKeySpec(raw, "AES");
  }

  /** Why the configured keys are unusable (malformed); empty when they are well formed. */
  public Optional<String> unusable() {
    return unusable;
  }

  public boolean hasPreviousKey() {
    return previousKey != null;
  }

  /** Whether the key was found to be the database's: only then may doors seal and open secrets. */
  public boolean keyConfirmed() {
    return keyConfirmed;
  }

  void confirmKey(boolean confirmed) {
    this.keyConfirmed = confirmed && unusable.isEmpty();
  }

  public String seal(String secret) {
    if (unusable.isPresent()) {
      throw new IllegalStateException(unusable.get());
    }
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

  /** The secret, opened with the key or else the previous key; empty if neither opens it. */
  public Optional<String> open(String stored) {
    return openWith(key, stored).or(() -> openWith(previousKey, stored));
  }

  Optional<String> openWithKey(String stored) {
    return openWith(key, stored);
  }

  Optional<String> openWithPreviousKey(String stored) {
    return openWith(previousKey, stored);
  }

  /**
   * Every stored value that opens, in order; one that does not (sealed under another key, or
   * damaged) is left out and reported once, so a poisoned previous secret costs nothing but itself.
   *
   * @param what names the owner for the log, e.g. "the signing secret of space acme"
   */
  public List<String> openEach(String what, List<String> stored) {
    var opened = new ArrayList<String>(stored.size());
    for (var value : stored) {
      var secret = open(value);
      if (secret.isPresent()) {
        opened.add(secret.get());
      } else if (reported.size() < MAX_REPORTED && reported.add(value)) {
        LOGGER.log(
            WARNING,
            "A stored secret ({0}, {1}) does not open with foyer.secrets.key: it was sealed under"
                + " another key. It is skipped; rotate it through the admin API if it is the"
                + " current one.",
            what,
            Sha256.hex(value).substring(0, 12));
      }
    }
    return List.copyOf(opened);
  }

  /**
   * The value sealed again under the key, when only the previous key opens it; unchanged otherwise
   * (already under the key, or under neither).
   */
  String reseal(String stored) {
    if (openWith(key, stored).isPresent()) {
      return stored;
    }
    return openWith(previousKey, stored).map(this::seal).orElse(stored);
  }

  private static Optional<String> openWith(SecretKeySpec with, String stored) {
    if (with == null || stored == null || !stored.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      var raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      if (raw.length < 12 + 16) {
        return Optional.empty();
      }
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(128, raw, 0, 12));
      return Optional.of(
          new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A fresh random secret: 32 bytes, base64url without padding (43 characters). */
  public static String newSecret() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(32));
  }
}
