package dev.foyer.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session cookie: HttpOnly (scripts never see it), SameSite=Lax (sent on top-level navigations
 * from the organisation's intranet, not on cross-site subrequests), Secure unless an operator runs
 * plain http on loopback.
 */
@ApplicationScoped
public class SessionCookies {
  @Inject
  @ConfigProperty(name = "foyer.session.cookie-secure", defaultValue = "true")
  boolean secure;

  public NewCookie issue(SessionIssuer.IssuedSession session) {
    return builder(session.spaceSlug())
        .value(session.token())
        .maxAge((int) session.ttl().toSeconds())
        .build();
  }

  /**
   * For a space embedded in another site's page: a Lax cookie would never reach the frame, so this
   * one is SameSite=None, which browsers accept only with Secure.
   */
  public NewCookie issueEmbedded(SessionIssuer.IssuedSession session) {
    return builder(session.spaceSlug())
        .value(session.token())
        .maxAge((int) session.ttl().toSeconds())
        .secure(true)
        .sameSite(NewCookie.SameSite.NONE)
        .build();
  }

  public NewCookie expire(String spaceSlug) {
    return builder(spaceSlug).value("").maxAge(0).build();
  }

  private NewCookie.Builder builder(String spaceSlug) {
    return new NewCookie.Builder(SessionTokens.cookieName(spaceSlug))
        .path("/")
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.LAX);
  }
}
