package dev.foyer.sessions.control;

import dev.foyer.secrets.Sha256;
import java.util.regex.Pattern;

/** Session token shape and hashing, shared by the issuer and the lookup. */
public final class SessionTokens {
  /** 32 bytes in base64url without padding. */
  static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private SessionTokens() {}

  public static String hash(String token) {
    return Sha256.hex(token);
  }

  public static boolean wellFormed(String token) {
    return token != null && SHAPE.matcher(token).matches();
  }

  /** One cookie per space, so one browser can be signed in to several spaces at once. */
  public static String cookieName(String spaceSlug) {
    return "foyer_" + spaceSlug;
  }
}
