package dev.foyer.secrets;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Cryptographically strong randomness without a global lock. {@code UUID.randomUUID()} and a shared
 * {@code new SecureRandom()} both go through one synchronized NativePRNG reading /dev/urandom;
 * under 64 concurrent sign-ins most request threads were measured waiting on it. Each thread here
 * owns a DRBG (NIST SP 800-90Ar1) instance, seeded once from the system.
 */
public final class Randomness {
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(Randomness::create);

  private Randomness() {}

  public static byte[] bytes(int count) {
    var bytes = new byte[count];
    RANDOM.get().nextBytes(bytes);
    return bytes;
  }

  public static int nextInt(int bound) {
    return RANDOM.get().nextInt(bound);
  }

  /** A random (version 4) UUID. */
  public static String uuid() {
    var bytes = bytes(16);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xff);
      low = (low << 8) | (bytes[i + 8] & 0xff);
    }
    return new UUID(high, low).toString();
  }

  private static SecureRandom create() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
