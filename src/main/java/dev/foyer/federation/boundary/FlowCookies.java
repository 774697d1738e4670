package dev.foyer.federation.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cookies that bind a federated sign-in to the browser that started it: the flow's, sent back
 * by the provider's redirect to the callback, and the held sign-in's after a conflict, sent with
 * the person's choice. HttpOnly, {@code SameSite=Lax} (a provider's redirect back is a top-level
 * navigation, which carries it), gone when the flow expires.
 *
 * <p>With secure cookies (production) they are {@code __Host-} cookies: a browser takes them only
 * from this host over https, with {@code Path=/} and no {@code Domain}, so a sibling subdomain
 * cannot plant its own flow in a person's browser and sign them in as someone else. Over plain http
 * (loopback development and tests) the prefix is impossible; the cookies are then sent to their own
 * path only, and two of them (one tossed in by a sibling) are trusted neither.
 */
@ApplicationScoped
public class FlowCookies {
  static final String FLOW = "foyer-flow";
  static final String CHOICE = "foyer-choice";
  static final String OPERATOR_FLOW = "foyer-operator-flow";

  @Inject
  @ConfigProperty(name = "foyer.session.cookie-secure", defaultValue = "true")
  boolean secure;

  NewCookie issueFlow(String flowId, Duration ttl) {
    return issue(FLOW, FederationDoor.CALLBACK, flowId, ttl);
  }

  NewCookie expireFlow() {
    return cookie(FLOW, FederationDoor.CALLBACK, "", 0);
  }

  NewCookie issueOperatorFlow(String flowId, Duration ttl) {
    return issue(OPERATOR_FLOW, OperatorSignInResource.PATH, flowId, ttl);
  }

  NewCookie expireOperatorFlow() {
    return cookie(OPERATOR_FLOW, OperatorSignInResource.PATH, "", 0);
  }

  Optional<String> operatorFlow(HttpServletRequest request) {
    return read(request, OPERATOR_FLOW);
  }

  NewCookie issueChoice(String heldId, Duration ttl) {
    return issue(CHOICE, FederationDoor.CHOICE, heldId, ttl);
  }

  Optional<String> flow(HttpServletRequest request) {
    return read(request, FLOW);
  }

  Optional<String> choice(HttpServletRequest request) {
    return read(request, CHOICE);
  }

  private NewCookie issue(String name, String path, String value, Duration ttl) {
    return cookie(name, path, value, maxAge(ttl));
  }

  private NewCookie cookie(String name, String path, String value, int maxAge) {
    return new NewCookie.Builder(name(name, secure))
        .value(value)
        .path(path(path, secure))
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }

  /**
   * Read from the {@code Cookie} headers themselves: Undertow (WildFly) keeps one cookie per name
   * in {@code getCookies()}, so a second one would go unseen there.
   */
  private Optional<String> read(HttpServletRequest request, String name) {
    var wanted = name(name, secure);
    var values = new ArrayList<String>();
    for (var header : Collections.list(request.getHeaders(HttpHeaders.COOKIE))) {
      for (var pair : header.split(";")) {
        var equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).trim().equals(wanted)) {
          values.add(unquoted(pair.substring(equals + 1).trim()));
        }
      }
    }
    // Two of them: one was set by someone else (a sibling domain tossing its own); trust neither.
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }

  // RFC 6265 4.1.1: a cookie-value may be enclosed in double quotes.
  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /** A browser keeps a {@code __Host-} cookie only when it is Secure, for / and has no Domain. */
  static String name(String name, boolean secure) {
    return secure ? "__Host-" + name : name;
  }

  static String path(String own, boolean secure) {
    return secure ? "/" : own;
  }

  /** In seconds, never past what Max-Age holds (an operator's enormous TTL). */
  static int maxAge(Duration ttl) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, ttl.toSeconds()));
  }
}
