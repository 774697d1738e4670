package dev.foyer.it.support;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fresh random names for what a test creates on the shared server (spaces, uids, event ids), so
 * that no test depends on what another left behind.
 */
public final class Names {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Names() {}

  /** {@code bytes} random bytes as lowercase hex. */
  public static String hex(int bytes) {
    var random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** A space slug no other test uses: {@code t-} and 10 hex digits. */
  public static String slug() {
    return "t-" + hex(5);
  }

  /** A URI Auth uid no other test uses: {@code crm-} and 24 hex digits. */
  public static String uid() {
    return "crm-" + hex(12);
  }
}
