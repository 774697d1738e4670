package dev.foyer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Which page a browser request comes from (RFC 6454 {@code Origin}, Fetch Metadata's {@code
 * Sec-Fetch-Site}). A page's script can set neither header, so a request they call foreign really
 * was sent by a page of another origin; a request with neither is not a browser's cross-origin
 * request (an old browser's top-level navigation, or an API client, which no page can steer).
 */
public final class Origins {
  public static final String ORIGIN = "Origin";
  public static final String FETCH_SITE = "Sec-Fetch-Site";

  private Origins() {}

  /**
   * Foyer's origin as this request reached it: scheme, {@code Host} and port, which the client
   * chose. {@link PublicAddress#origin(HttpServletRequest)} prefers {@code foyer.public-url}.
   */
  public static String of(HttpServletRequest request) {
    var scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort =
        (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
  }

  /** Whether {@code origin} is Foyer's own origin {@code ownOrigin}. */
  public static boolean sameOrigin(String ownOrigin, String origin) {
    return ownOrigin.equalsIgnoreCase(origin);
  }

  /**
   * The other origin a browser sent this request from: empty when it comes from Foyer's own pages
   * (at {@code ownOrigin}), from no page at all, or from no browser. A foreign request without a
   * usable origin ({@code Origin: null} from a sandboxed frame or a redirect chain, or a Fetch
   * Metadata site without any {@code Origin}) is foreign under the origin {@code "null"}, which no
   * space lists.
   *
   * <p>{@code Sec-Fetch-Site: same-origin} is believed before Foyer's own idea of its origin:
   * behind a TLS-terminating proxy the request may reach Foyer as {@code http://} while the browser
   * was on {@code https://}, and Foyer's own sign-out form must keep working there.
   */
  public static Optional<String> foreign(HttpServletRequest request, String ownOrigin) {
    var origin = request.getHeader(ORIGIN);
    var site = request.getHeader(FETCH_SITE);
    if (site != null) {
      var value = site.strip().toLowerCase(Locale.ROOT);
      if (value.equals("same-origin") || value.equals("none")) {
        return Optional.empty();
      }
      return Optional.of(origin == null ? "null" : origin);
    }
    if (origin == null || sameOrigin(ownOrigin, origin)) {
      return Optional.empty();
    }
    return Optional.of(origin);
  }
}
