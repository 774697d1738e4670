package dev.foyer.signin.control;

import dev.foyer.secrets.Randomness;
import dev.foyer.secrets.Sha256;
import dev.foyer.signin.entity.FlowState;
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

/**
 * Flow state for doors that send the browser to an identity provider and wait for its callback. The
 * browser holds a random flow id (a cookie, or SAML's RelayState); the database holds only its
 * hash. A flow is finished once: the first request that deletes its row goes on, a replay or a
 * parallel second callback finds nothing.
 */
@ApplicationScoped
public class FlowStates {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.flow.ttl", defaultValue = "PT10M")
  Duration ttl;

  /** A new flow and the id the browser keeps for it (shown only here). */
  public record Started(String id, FlowState flow) {}

  /**
   * A new flow, not saved yet: the door fills in its protocol values (state, nonce, PKCE verifier)
   * and then {@link #save}s it, one insert per sign-in.
   */
  public Started begin(
      String spaceId, String door, String providerId, String eventId, String returnPath) {
    var id = Base64.getUrlEncoder().withoutPadding().encodeToString(Randomness.bytes(32));
    var now = clock.instant();
    return new Started(
        id,
        new FlowState(
            Sha256.hex(id), spaceId, door, providerId, eventId, returnPath, now, now.plus(ttl)));
  }

  @Transactional
  public void save(FlowState flow) {
    em.persist(flow);
  }

  /** The flow the id names, if it exists and has not expired. */
  public Optional<FlowState> open(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(FlowState.class, Sha256.hex(id)))
        .filter(flow -> !flow.expiredAt(clock.instant()));
  }

  /**
   * Ends the flow, in a transaction of its own so that it is ended whatever happens next.
   *
   * @return false when another request ended it first
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean finish(FlowState flow) {
    return em.createQuery("delete from FlowState f where f.idHash = :id")
            .setParameter("id", flow.idHash())
            .executeUpdate()
        == 1;
  }

  /**
   * The flows of every client and provider that have not come back nor expired (a finished flow's
   * row is gone): one count over the expiry index.
   */
  public long pending() {
    return em.createQuery("select count(f) from FlowState f where f.expiresAt > :now", Long.class)
        .setParameter("now", clock.instant())
        .getSingleResult();
  }

  /** How many flows are waiting, and when the first of them to expire does. */
  public record Pending(long count, Optional<Instant> firstExpiry) {}

  /** The flows a client started with one provider that have not come back nor expired. */
  public Pending pendingOfClient(String clientKey) {
    return pending("f.clientKey = :key", clientKey);
  }

  /** The flows of one provider that have not come back nor expired, from every client. */
  public Pending pendingOfProvider(String providerId) {
    return pending("f.providerId = :key", providerId);
  }

  private Pending pending(String condition, String key) {
    var now = clock.instant();
    var count =
        em.createQuery(
                "select count(f) from FlowState f where " + condition + " and f.expiresAt > :now",
                Long.class)
            .setParameter("key", key)
            .setParameter("now", now)
            .getSingleResult();
    var first =
        count == 0
            ? Optional.<Instant>empty()
            : em.createQuery(
                    "select f.expiresAt from FlowState f where "
                        + condition
                        + " and f.expiresAt > :now order by f.expiresAt",
                    Instant.class)
                .setParameter("key", key)
                .setParameter("now", now)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    return new Pending(count, first);
  }

  /** How long a flow may take, for the cookie's Max-Age. */
  public Duration ttl() {
    return ttl;
  }
}
