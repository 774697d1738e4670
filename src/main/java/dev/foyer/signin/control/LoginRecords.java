package dev.foyer.signin.control;

import dev.foyer.problems.Refused;
import dev.foyer.signin.entity.LoginRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * The audit trail. A refusal is recorded when it is rendered, in a transaction of its own: the
 * attempt's own transaction has rolled back by then, taking nothing else with it.
 */
@ApplicationScoped
public class LoginRecords {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Transactional(Transactional.TxType.MANDATORY)
  public void accepted(
      String door, String account, String provider, String memberId, String eventId) {
    em.persist(LoginRecord.accepted(clock.instant(), door, account, provider, memberId, eventId));
  }

  /**
   * A Test Integration run (door {@code federation-test}): it signs no one in, so it is recorded
   * here rather than by the pipeline, with the code it ended with, if any.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void tested(String door, String account, String provider, String code) {
    em.persist(
        code == null
            ? LoginRecord.accepted(clock.instant(), door, account, provider, null, null)
            : LoginRecord.refused(clock.instant(), door, account, provider, code));
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void refused(@Observes Refused refused) {
    DoorAttempt.of(refused.request())
        .ifPresent(
            attempt ->
                em.persist(
                    LoginRecord.refused(
                        clock.instant(),
                        attempt.door(),
                        attempt.account(),
                        attempt.provider(),
                        refused.problem().type().code())));
  }
}
