package dev.foyer.password;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The counters in the database, shared by every node. Each call is a short transaction of its own
 * that holds the counters' row locks ({@code SELECT ... FOR UPDATE}) only while it reads and writes
 * them, never while a password is hashed. Counters are always locked in the order given (the email
 * before the address), so two attempts cannot wait for each other. The first failure of a key
 * inserts its row; when two attempts race to insert it, the primary key lets one win and the other
 * fails, to be retried by the caller in a fresh transaction, where it finds the row and waits for
 * its lock.
 */
@ApplicationScoped
public class ThrottleCounters {
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** A counter to charge, and its limit. */
  record Charge(String key, int limit) {}

  /**
   * Charges one failure to every counter, unless one of them is locked.
   *
   * @return how long the longest lock lasts, if a counter is locked (then nothing was charged)
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Duration> charge(List<Charge> charges, ThrottlePolicy policy) {
    var counters = new ArrayList<ThrottleCounter>();
    for (var charge : charges) {
      counters.add(locked(charge.key()));
    }
    // The time once the locks are held: an attempt that waited for another's lock must not see
    // that lock from before it was set (a Retry-After longer than the lock).
    var now = clock.instant();
    var wait =
        counters.stream()
            .map(counter -> counter.lockedFor(now))
            .flatMap(Optional::stream)
            .max(Comparator.naturalOrder());
    if (wait.isEmpty()) {
      for (int i = 0; i < counters.size(); i++) {
        counters.get(i).charge(now, charges.get(i).limit(), policy);
      }
    }
    return wait;
  }

  /**
   * After a right password: the email's counter starts again from nothing, the address's charge is
   * refunded (its other failures stay: one good password must not wipe out an address's guessing).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void succeeded(String emailKey, Charge address) {
    var email = em.find(ThrottleCounter.class, emailKey, LockModeType.PESSIMISTIC_WRITE);
    if (email != null) {
      em.remove(email);
    }
    var counter = em.find(ThrottleCounter.class, address.key(), LockModeType.PESSIMISTIC_WRITE);
    if (counter != null) {
      counter.refund(address.limit());
    }
  }

  /** Deletes the counters that are forgotten anyway. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int sweep(Instant now) {
    return em.createQuery("delete from ThrottleCounter c where c.expiresAt < :now")
        .setParameter("now", now)
        .executeUpdate();
  }

  private ThrottleCounter locked(String key) {
    var counter = em.find(ThrottleCounter.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (counter == null) {
      counter = new ThrottleCounter(key, clock.instant());
      em.persist(counter);
      // Inserted now, so that a concurrent first failure of the same key fails on the primary key
      // here (and is retried) rather than at commit; the new row stays locked until this commits.
      em.flush();
    }
    return counter;
  }
}
