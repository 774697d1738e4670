package dev.foyer.spaces.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a requested path (JWT SSO's {@code referrerUrl}) lies inside a space. Only a
 * plain absolute path under one of the space's prefixes ({@code /spaces/{slug}} and those doors
 * add) passes: no scheme, no host, no {@code //}, no backslash, no dot segments, no
 * percent-encoding in the path (so nothing decodes into any of those later), no control characters.
 * Everything else is dropped and the participant lands on the space's home: never followed.
 */
public final class SpacePaths {
  static final int MAX_LENGTH = 2048;

  private SpacePaths() {}

  /**
   * @param prefixes the space's paths ({@code /spaces/{slug}} and those doors serve it under)
   */
  public static Optional<URI> inside(List<String> prefixes, String requested) {
    if (requested == null || requested.isEmpty() || requested.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    if (!requested.startsWith("/") || requested.startsWith("//") || requested.indexOf('\\') >= 0) {
      return Optional.empty();
    }
    for (int i = 0; i < requested.length(); i++) {
      char c = requested.charAt(i);
      if (c < 0x21 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
        return Optional.empty();
      }
    }
    URI uri;
    try {
      uri = new URI(requested);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    var path = uri.getRawPath();
    if (uri.getScheme() != null
        || uri.getRawAuthority() != null
        || path == null
        || path.indexOf('%') >= 0) {
      return Optional.empty();
    }
    for (var segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.empty();
      }
    }
    for (var prefix : prefixes) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return Optional.of(uri);
      }
    }
    return Optional.empty();
  }
}
