package dev.foyer.signin.control;

import dev.foyer.problems.Refused;
import dev.foyer.signin.entity.LoginRecord;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * The audit trail. A refusal is recorded when it is rendered, in a transaction of its own: the
 * attempt's own transaction has rolled back by then, taking nothing else with it. Every record is
 * counted in {@link SignInMetrics} once its transaction commits, the one seam all doors pass.
 */
@ApplicationScoped
public class LoginRecords {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject SignInMetrics metrics;
  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * The request being served (CDI's built-in bean), whose {@link DoorAttempt} says when the door
   * began with it: the pipeline that accepts a sign-in is handed no request.
   */
  @Inject HttpServletRequest request;

  @Transactional(Transactional.TxType.MANDATORY)
  public void accepted(
      String door, String account, String provider, String memberId, String eventId) {
    em.persist(LoginRecord.accepted(clock.instant(), door, account, provider, memberId, eventId));
    countOnCommit(door, account, null, currentAttempt());
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
    countOnCommit(door, account, code, currentAttempt());
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void refused(@Observes Refused refused) {
    DoorAttempt.of(refused.request())
        .ifPresent(
            attempt -> {
              var code = refused.problem().type().code();
              em.persist(
                  LoginRecord.refused(
                      clock.instant(),
                      attempt.door(),
                      attempt.account(),
                      attempt.provider(),
                      code));
              countOnCommit(attempt.door(), attempt.account(), code, Optional.of(attempt));
            });
  }

  /**
   * Counts the record when its transaction commits, not when it is written: a sign-in retried after
   * a conflict, or the preview of Test Integration (rolled back), left no record and counts
   * nothing.
   */
  private void countOnCommit(
      String door, String account, String code, Optional<DoorAttempt> attempt) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              metrics.recorded(door, account, code, attempt.map(DoorAttempt::elapsed));
            }
          }
        });
  }

  private Optional<DoorAttempt> currentAttempt() {
    try {
      return DoorAttempt.of(request);
    } catch (ContextNotActiveException | IllegalStateException notServingARequest) {
      return Optional.empty();
    }
  }
}
