package dev.foyer.singleuse;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.secrets.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The replay guard shared by every door with single-use credentials. A credential is claimed in a
 * transaction of its own as soon as it is found valid: one that got that far has been used,
 * whatever happens next. The primary key settles two nodes racing for the same credential.
 */
@ApplicationScoped
public class Replays {
  @PersistenceContext EntityManager em;

  /** Whether the credential was claimed and its record has not been swept yet. */
  public boolean claimed(String kind, String credential) {
    return em.find(UsedCredential.class, Sha256.hex(kind + ":" + credential)) != null;
  }

  /**
   * @return false when the credential was used before
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean claim(String kind, String credential, Instant keepUntil) {
    var key = Sha256.hex(kind + ":" + credential);
    if (em.find(UsedCredential.class, key) != null) {
      return false;
    }
    try {
      em.persist(new UsedCredential(key, keepUntil));
      em.flush();
    } catch (PersistenceException raced) {
      throw new GatewayProblem(
          ProblemType.CREDENTIAL_RACED,
          "This credential is being used by another request right now.");
    }
    // Expired records are deleted by retention (dev.foyer.retention), in batches.
    return true;
  }
}
