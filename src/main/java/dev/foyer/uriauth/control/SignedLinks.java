package dev.foyer.uriauth.control;

import dev.foyer.platform.GatewayProblem;
import dev.foyer.platform.ProblemType;
import dev.foyer.platform.SecretBox;
import dev.foyer.sessions.control.SessionTokens;
import dev.foyer.spaces.entity.Space;
import dev.foyer.uriauth.entity.UsedLinkSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a URI Auth request's signature against the space's secrets. A valid signature is
 * consumed at once, in its own transaction: a link that got as far as a valid signature has been
 * used, whatever happens next.
 */
@ApplicationScoped
public class SignedLinks {
  /** How far a link's clock may run ahead of ours. */
  static final Duration FUTURE_SKEW = Duration.ofSeconds(60);
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
  private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");

  @PersistenceContext EntityManager em;
  @Inject SecretBox secrets;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.signed-link.validity", defaultValue = "PT5M")
  Duration validity;

  /** @return whether the request was signed (and the signature is now used up) */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean verify(Space space, UriAuthRequest request) {
    if (request.signature().isEmpty()) {
      if (space.signedLinksRequired()) {
        throw new GatewayProblem(ProblemType.SIGNATURE_MISSING,
            "This account only accepts signed links: the link needs ts and sig parameters.");
      }
      return false;
    }
    var signature = request.signature().get();
    var timestamp = request.timestamp()
        .filter(ts -> TIMESTAMP.matcher(ts).matches())
        .orElseThrow(() -> new GatewayProblem(ProblemType.SIGNATURE_INVALID, "A signed link needs a ts parameter in Unix seconds."));
    var now = clock.instant();
    if (!HEX_SIGNATURE.matcher(signature).matches()
        || space.sealedSigningSecrets(now).stream().map(secrets::open).noneMatch(secret -> LinkSignature.matches(secret, request.parameters(), signature))) {
      throw new GatewayProblem(ProblemType.SIGNATURE_INVALID, "The link's signature does not match its parameters.");
    }
    var signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (signedAt.isAfter(now.plus(FUTURE_SKEW)) || signedAt.plus(validity).isBefore(now)) {
      throw new GatewayProblem(ProblemType.SIGNATURE_EXPIRED,
          "The link was signed at a time outside its validity of " + validity.toSeconds() + " seconds; ask for a fresh one.");
    }
    claim(SessionTokens.hash(signature.toLowerCase(java.util.Locale.ROOT)), signedAt.plus(validity).plus(FUTURE_SKEW), now);
    return true;
  }

  private void claim(String signatureHash, Instant keepUntil, Instant now) {
    if (em.find(UsedLinkSignature.class, signatureHash) != null) {
      throw replayed();
    }
    try {
      em.persist(new UsedLinkSignature(signatureHash, keepUntil));
      em.flush();
    } catch (PersistenceException raced) {
      throw replayed();
    }
    if (ThreadLocalRandom.current().nextInt(256) == 0) {
      em.createQuery("delete from UsedLinkSignature u where u.expiresAt < :now").setParameter("now", now).executeUpdate();
    }
  }

  private static GatewayProblem replayed() {
    return new GatewayProblem(ProblemType.SIGNATURE_REPLAYED, "This signed link was already used; each link signs in once.");
  }
}
