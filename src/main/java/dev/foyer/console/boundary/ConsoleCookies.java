package dev.foyer.console.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console session's cookie: HttpOnly, SameSite=Strict (no other site's page or link ever sends
 * it), Secure as the participants' session cookie is ({@code foyer.session.cookie-secure}), on
 * {@code /} because the console's pages and the admin API both need it. When Secure it is a {@code
 * __Host-} cookie, which a sibling subdomain cannot plant.
 */
@ApplicationScoped
public class ConsoleCookies {
  static final String NAME = "foyer-console";

  @Inject
  @ConfigProperty(name = "foyer.session.cookie-secure", defaultValue = "true")
  boolean secure;

  public Optional<String> token(Map<String, Cookie> cookies) {
    return Optional.ofNullable(cookies.get(name())).map(Cookie::getValue).filter(v -> !v.isEmpty());
  }

  public NewCookie issue(String token, Duration ttl) {
    return builder().value(token).maxAge((int) ttl.toSeconds()).build();
  }

  NewCookie expire() {
    return builder().value("").maxAge(0).build();
  }

  private String name() {
    return secure ? "__Host-" + NAME : NAME;
  }

  private NewCookie.Builder builder() {
    return new NewCookie.Builder(name())
        .path("/")
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT);
  }
}
