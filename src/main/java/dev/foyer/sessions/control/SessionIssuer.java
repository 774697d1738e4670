package dev.foyer.sessions.control;

import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.UpstreamSession;
import dev.foyer.secrets.Randomness;
import dev.foyer.sessions.entity.ParticipantSession;
import dev.foyer.spaces.entity.AdmissionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens sessions: 256 random bits for the participant, their SHA-256 for the database. */
@ApplicationScoped
public class SessionIssuer {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.session.ttl", defaultValue = "PT8H")
  Duration ttl;

  /**
   * @param door the door the member came through; {@code level} what the session admits to
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public IssuedSession issue(Member member, String door, AdmissionLevel level) {
    return issue(member, door, level, null, Optional.empty());
  }

  /**
   * @param provider the identity provider's alias, with {@code upstream} its own session (single
   *     logout)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public IssuedSession issue(
      Member member,
      String door,
      AdmissionLevel level,
      String provider,
      Optional<UpstreamSession> upstream) {
    var token = Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(32));
    var now = clock.instant();
    var expiresAt = now.plus(ttl);
    var session =
        new ParticipantSession(
            SessionTokens.hash(token), member, door, level.name(), now, expiresAt);
    upstream.ifPresent(from -> session.cameFrom(provider, from));
    em.persist(session);
    return new IssuedSession(member.space().slug(), token, expiresAt, ttl);
  }

  /** The secret half of a session, handed to the participant once and never stored. */
  public record IssuedSession(String spaceSlug, String token, Instant expiresAt, Duration ttl) {}
}
