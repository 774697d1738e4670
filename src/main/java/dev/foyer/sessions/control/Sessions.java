package dev.foyer.sessions.control;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.entity.ParticipantSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the participant's session for a space: from the space's cookie, or from the {@code
 * X-Foyer-Session} header the embedded plugin sends (its page cannot read the HttpOnly cookie).
 * Last use is written at most once a minute, so reading pages does not write every time.
 */
@ApplicationScoped
public class Sessions {
  public static final String HEADER = "X-Foyer-Session";
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Transactional
  public Optional<ParticipantSession> current(
      String spaceSlug, Map<String, Cookie> cookies, String headerToken) {
    var cookie = cookies.get(SessionTokens.cookieName(spaceSlug));
    return find(cookie == null ? null : cookie.getValue())
        .or(() -> find(headerToken))
        .filter(session -> session.space().slug().equals(spaceSlug));
  }

  /** The session of a request that names no space: it must hold exactly one. */
  @Transactional
  public Optional<ParticipantSession> only(Map<String, Cookie> cookies, String headerToken) {
    var found = new ArrayList<ParticipantSession>();
    find(headerToken).ifPresent(found::add);
    for (var cookie : cookies.values()) {
      if (cookie.getName().startsWith("foyer_")) {
        find(cookie.getValue()).filter(s -> !found.contains(s)).ifPresent(found::add);
      }
    }
    if (found.size() > 1) {
      throw new GatewayProblem(
          ProblemType.SESSION_ACCOUNT_AMBIGUOUS,
          "You are signed in to "
              + String.join(", ", found.stream().map(s -> s.space().slug()).sorted().toList())
              + "; add ?account= to say which.");
    }
    return found.stream().findFirst();
  }

  @Transactional
  public void end(List<ParticipantSession> sessions) {
    var now = clock.instant();
    sessions.forEach(session -> em.merge(session).revoke(now));
  }

  private Optional<ParticipantSession> find(String token) {
    if (!SessionTokens.wellFormed(token)) {
      return Optional.empty();
    }
    var now = clock.instant();
    var session = em.find(ParticipantSession.class, SessionTokens.hash(token));
    if (session == null || !session.isValid(now)) {
      return Optional.empty();
    }
    if (session.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now)) {
      session.used(now);
    }
    return Optional.of(session);
  }
}
