package dev.foyer.it.support;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cookie jar that sends {@code Secure} cookies to loopback over plain HTTP, as browsers do
 * (loopback is a secure context, W3C Secure Contexts §3.1). Keycloak marks its session cookies
 * {@code Secure; SameSite=None} even over HTTP, and {@link java.net.CookieManager} keeps such
 * cookies off {@code http} URIs; it would also send Keycloak's {@code Version=1} cookies back in
 * RFC 2965 form ({@code $Version}, {@code $Path}). Host-only, path-scoped, {@code Max-Age=0}
 * deletes: all that Keycloak's login flow needs.
 */
final class LoopbackCookies extends CookieHandler {
  private final Map<String, HttpCookie> jar = new LinkedHashMap<>();

  @Override
  public synchronized Map<String, List<String>> get(
      URI uri, Map<String, List<String>> requestHeaders) {
    var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    var values =
        jar.values().stream()
            .filter(c -> Objects.equals(c.getDomain(), uri.getHost()))
            .filter(c -> pathMatches(path, c.getPath()))
            .filter(c -> !c.hasExpired())
            .map(c -> c.getName() + "=" + c.getValue())
            .toList();
    return values.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", values)));
  }

  @Override
  public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
    responseHeaders.forEach(
        (name, headerValues) -> {
          if (!"set-cookie".equalsIgnoreCase(name)) {
            return;
          }
          for (var header : headerValues) {
            for (var cookie : HttpCookie.parse(header)) {
              cookie.setDomain(uri.getHost());
              if (cookie.getPath() == null) {
                cookie.setPath(defaultPath(uri));
              }
              var key = cookie.getName() + ";" + cookie.getPath();
              if (cookie.hasExpired()) {
                jar.remove(key);
              } else {
                jar.put(key, cookie);
              }
            }
          }
        });
  }

  private static boolean pathMatches(String requestPath, String cookiePath) {
    return requestPath.equals(cookiePath)
        || requestPath.startsWith(cookiePath.endsWith("/") ? cookiePath : cookiePath + "/");
  }

  // RFC 6265 §5.1.4: the request path up to, not including, its last '/'.
  private static String defaultPath(URI uri) {
    var path = uri.getRawPath();
    if (path == null || !path.startsWith("/") || path.lastIndexOf('/') == 0) {
      return "/";
    }
    return path.substring(0, path.lastIndexOf('/'));
  }
}
