package dev.foyer.sessions.control;

import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberStatusChange;
import dev.foyer.members.entity.UpstreamSession;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.sessions.entity.ParticipantSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * Every lookup reads the member's status with the session, so a deactivated or rejected member is
 * signed out on every node at once. Last use is written at most once a minute, so reading pages
 * does not write every time.
 */
@ApplicationScoped
public class Sessions {
  public static final String HEADER = "X-Foyer-Session";
  static final System.Logger LOGGER = System.getLogger(Sessions.class.getName());
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

  /**
   * Single logout from the identity provider: ends the space's open sessions that came through
   * {@code provider} for {@code subject}, only those of the given upstream sessions when it names
   * any.
   *
   * @return how many were ended
   */
  @Transactional
  public int endFromProvider(
      String spaceId, String provider, String subject, List<String> upstreamSessions) {
    var now = clock.instant();
    var open =
        em
            .createQuery(
                "select s from ParticipantSession s where s.space.id = :space and s.provider ="
                    + " :provider and s.upstreamSubject = :subject and s.revokedAt is null and"
                    + " s.expiresAt > :now",
                ParticipantSession.class)
            .setParameter("space", spaceId)
            .setParameter("provider", provider)
            .setParameter("subject", subject)
            .setParameter("now", now)
            .getResultList()
            .stream()
            .filter(
                session ->
                    upstreamSessions.isEmpty()
                        || session
                            .upstream()
                            .flatMap(UpstreamSession::index)
                            .map(upstreamSessions::contains)
                            .orElse(false))
            .toList();
    open.forEach(session -> session.revoke(now));
    return open.size();
  }

  /**
   * Ends one of the member's open sessions, named by its {@link ParticipantSession#publicId()}.
   *
   * @return whether the member had that session open
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean endOne(Member member, String publicId) {
    var now = clock.instant();
    var found =
        em.createNamedQuery(ParticipantSession.OPEN_OF_MEMBER, ParticipantSession.class)
            .setParameter("member", member)
            .setParameter("now", now)
            .getResultStream()
            .filter(session -> session.publicId().equals(publicId))
            .findFirst();
    found.ifPresent(session -> session.revoke(now));
    return found.isPresent();
  }

  /**
   * Sessions of every space neither ended nor expired: one count over the expiry index. A session
   * of a member whose status refuses sign-in was ended with the status change.
   */
  public long active() {
    return em.createQuery(
            "select count(s) from ParticipantSession s where s.expiresAt > :now"
                + " and s.revokedAt is null",
            Long.class)
        .setParameter("now", clock.instant())
        .getSingleResult();
  }

  /** The newest {@code max} of the member's sessions that would open a page now. */
  @Transactional
  public List<ParticipantSession> open(Member member, int max) {
    if (member.mayNotSignIn()) {
      return List.of();
    }
    return em.createNamedQuery(ParticipantSession.OPEN_OF_MEMBER, ParticipantSession.class)
        .setParameter("member", member)
        .setParameter("now", clock.instant())
        .setMaxResults(max)
        .getResultList();
  }

  /**
   * Signs the member out everywhere: every session not yet revoked or expired, on whichever node it
   * was opened. A session committed by a sign-in that raced a status change, after this read, is
   * closed all the same by {@link ParticipantSession#isValid}, which reads the status on every use.
   *
   * @return how many sessions were still open
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int endAll(Member member) {
    var now = clock.instant();
    var open =
        em.createNamedQuery(ParticipantSession.OPEN_OF_MEMBER, ParticipantSession.class)
            .setParameter("member", member)
            .setParameter("now", now)
            .getResultList();
    open.forEach(session -> session.revoke(now));
    LOGGER.log(
        System.Logger.Level.INFO, "Ended {0} session(s) of member {1}", open.size(), member.id());
    return open.size();
  }

  /**
   * Runs inside the transaction of the status change (a synchronous observer, MANDATORY): the
   * status and the revocation commit together or not at all.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onStatusChange(@Observes MemberStatusChange change) {
    if (change.endsSessions()) {
      endAll(change.member());
    }
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
