package dev.foyer.secrets;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Settles whether {@code foyer.secrets.key} is the key this database's secrets are sealed with,
 * before any door seals or opens one. A wrong key used to show only as a 500 at the first signed
 * link or JWT, and a secret rotated under it stayed unopenable for good. Now the first start on a
 * database seals a known text with the key ({@link SecretsCheck}); every later start, on every
 * node, must open it. A key that does not is named in the log, readiness is DOWN, and the doors
 * refuse with {@code KEY1} instead of sealing anything under it.
 *
 * <p>A database that already holds secrets when the check value is first made (an upgrade) gets one
 * only if the key opens at least one of them. With {@code foyer.secrets.previous-key} set, every
 * value only the previous key opens, the check value included, is sealed again under the key in one
 * transaction: that is how the key itself is rotated.
 */
@Readiness
@ApplicationScoped
public class SecretsKeyCheck implements HealthCheck {
  static final System.Logger LOGGER = System.getLogger(SecretsKeyCheck.class.getName());
  static final String NAME = "secrets";

  @PersistenceContext EntityManager em;
  @Inject SecretBox box;
  @Inject Event<StoredSecrets> walks;
  @Inject Clock clock;

  /** Why the key is not confirmed, for readiness; null once it is. */
  private volatile String problem = "the key has not been checked yet";

  /** Run once at start-up (see Startup), before anything seals or opens a secret. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void verify() {
    if (box.unusable().isPresent()) {
      wrong(box.unusable().get());
      return;
    }
    var check = em.find(SecretsCheck.class, SecretsCheck.ID);
    var walk = box.hasPreviousKey() ? StoredSecrets.reseal(box) : StoredSecrets.survey(box);
    if (check == null) {
      walks.fire(walk);
      if (walk.stored() > 0 && walk.openWithKey() == 0) {
        wrong(
            "foyer.secrets.key opens none of the "
                + walk.stored()
                + " secrets stored in the database, so it is not the key they were sealed with");
        return;
      }
      em.persist(new SecretsCheck(box.seal(SecretsCheck.TEXT), clock.instant()));
      confirmed("stored the check value of foyer.secrets.key", walk);
      return;
    }
    var withKey = box.openWithKey(check.sealedValue()).filter(SecretsCheck.TEXT::equals);
    var withPrevious =
        box.openWithPreviousKey(check.sealedValue()).filter(SecretsCheck.TEXT::equals);
    if (withKey.isEmpty() && withPrevious.isEmpty()) {
      wrong(
          "foyer.secrets.key does not open the check value stored in the database on "
              + check.createdAt()
              + (box.hasPreviousKey() ? " (nor does foyer.secrets.previous-key)" : "")
              + ", so it is not the key the stored secrets were sealed with");
      return;
    }
    if (!box.hasPreviousKey()) {
      confirmed("foyer.secrets.key opens the stored check value", null);
      return;
    }
    walks.fire(walk);
    if (withKey.isEmpty()) {
      check.resealed(box.seal(SecretsCheck.TEXT), clock.instant());
    }
    confirmed(
        withKey.isEmpty()
            ? "foyer.secrets.previous-key opens the stored check value; sealed it again"
            : "foyer.secrets.key opens the stored check value",
        walk);
  }

  /**
   * @param walk the walk over the stored secrets, when one was made
   */
  private void confirmed(String what, StoredSecrets walk) {
    problem = null;
    box.confirmKey(true);
    if (walk == null) {
      LOGGER.log(INFO, "Secrets key confirmed: {0}", what);
      return;
    }
    LOGGER.log(
        INFO,
        "Secrets key confirmed: {0}; {1} stored secret(s), {2} sealed again under"
            + " foyer.secrets.key{3}",
        what,
        walk.stored(),
        walk.resealed(),
        box.hasPreviousKey()
            ? ". Remove foyer.secrets.previous-key once every node runs with this key"
            : "");
  }

  private void wrong(String why) {
    problem = why;
    box.confirmKey(false);
    LOGGER.log(
        ERROR,
        "Wrong foyer.secrets.key: {0}. Sign-ins that need a stored secret (signed links, JWT SSO)"
            + " are refused with KEY1 (503), nothing is sealed, and /health/ready is DOWN until"
            + " Foyer runs with the right key. To change the key, see the README: \"Rotating"
            + " foyer.secrets.key\".",
        why);
  }

  /**
   * The stored check value, opened again at each probe: a node whose key another node has since
   * rotated away goes DOWN (and refuses) instead of failing signatures.
   */
  @Override
  public HealthCheckResponse call() {
    try {
      if (box.unusable().isEmpty()) {
        var check = em.find(SecretsCheck.class, SecretsCheck.ID);
        var opens =
            check != null
                && box.open(check.sealedValue()).filter(SecretsCheck.TEXT::equals).isPresent();
        if (!opens && problem == null) {
          wrong(
              "foyer.secrets.key no longer opens the stored check value (rotated by another node?)");
        } else if (opens && problem != null && check != null) {
          problem = null;
          box.confirmKey(true);
        }
      }
    } catch (RuntimeException e) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
    var why = problem;
    return why == null
        ? HealthCheckResponse.up(NAME)
        : HealthCheckResponse.named(NAME).down().withData("error", why).build();
  }
}
