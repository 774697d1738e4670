package dev.foyer.sessions.boundary;

import dev.foyer.sessions.control.Sessions;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * CORS for what the embedded plugin calls with a participant's session ({@code GET /api/me}, {@code
 * POST /auth/logout}): which page may read this answer, decided by the resource once it knows whose
 * session the request uses; {@link SessionCorsHeaders} writes it.
 *
 * <p>An origin gets {@code Access-Control-Allow-Origin} (with credentials) only from the space the
 * answer is about: the space of the session the request uses, or, when it carries none, the space
 * it names in {@code account} (so the plugin can read its {@code SES1}). An origin that space A
 * allows therefore never reads space B's member, whatever {@code account} it asks for.
 *
 * <p>The preflight cannot know that space: it carries neither cookies nor {@code X-Foyer-Session},
 * and a logout's {@code account} may sit in the body it does not have. It is answered for the space
 * named in the query's {@code account} when there is one, else for an origin any space allows. That
 * is safe because a preflight only lets the browser send the request: reading the answer still
 * needs the actual response's own {@code Access-Control-Allow-Origin}, decided per space as above.
 * What sending alone can do is the logout's side effect, and a form post is never preflighted at
 * all, so the logout checks the origin itself before it revokes anything (MeResource).
 */
@RequestScoped
public class SessionCors {
  // Public methods only: a client proxy may not override package-private ones, and a call would
  // then read the proxy's own empty fields.
  static final String METHODS = "GET, POST, PATCH";
  static final String HEADERS = "Content-Type, " + Sessions.HEADER;
  static final String MAX_AGE = "600";

  private boolean decided;
  private boolean preflight;
  private String allowedOrigin;

  /**
   * The answer is about {@code space} (none: about no single space); {@code origin} is the foreign
   * page's origin, if the request came from one. The page may read the answer only if the space
   * lists its origin.
   */
  public void answerFor(Optional<Space> space, Optional<String> origin) {
    decided = true;
    allowedOrigin =
        origin.filter(o -> space.map(s -> s.allowsOrigin(o)).orElse(false)).orElse(null);
  }

  /** A preflight from {@code origin}: {@code allowed} lets the browser send the actual request. */
  public void preflight(String origin, boolean allowed) {
    decided = true;
    preflight = true;
    allowedOrigin = allowed ? origin : null;
  }

  public boolean decided() {
    return decided;
  }

  public boolean isPreflight() {
    return preflight;
  }

  public Optional<String> allowedOrigin() {
    return Optional.ofNullable(allowedOrigin);
  }
}
