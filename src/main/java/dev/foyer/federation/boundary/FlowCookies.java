package dev.foyer.federation.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The cookie that binds a federated sign-in to the browser that started it: HttpOnly, {@code
 * SameSite=Lax} (a provider's redirect back is a top-level navigation, which carries it), sent only
 * to the callback, and gone when the flow expires.
 */
final class FlowCookies {
  static final String NAME = "foyer-flow";

  /** The held sign-in waiting for the person's choice after a conflict. */
  static final String CHOICE = "foyer-choice";

  private FlowCookies() {}

  static NewCookie issue(String flowId, Duration ttl, boolean secure) {
    return issue(NAME, FederationDoor.CALLBACK, flowId, ttl, secure);
  }

  static NewCookie issue(String name, String path, String flowId, Duration ttl, boolean secure) {
    return new NewCookie.Builder(name)
        .value(flowId)
        .path(path)
        .maxAge((int) ttl.toSeconds())
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }

  static NewCookie expire(String name, String path, boolean secure) {
    return new NewCookie.Builder(name)
        .value("")
        .path(path)
        .maxAge(0)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }

  static Optional<String> read(HttpServletRequest request) {
    return read(request, NAME);
  }

  static Optional<String> read(HttpServletRequest request, String name) {
    var cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    var values =
        Arrays.stream(cookies)
            .filter(cookie -> cookie.getName().equals(name))
            .map(jakarta.servlet.http.Cookie::getValue)
            .toList();
    // Two of them: one was set by someone else (a sibling domain tossing its own); trust neither.
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }
}
