package dev.foyer.password;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The failed sign-ins of one space and email, or of one client address, under the SHA-256 of what
 * it counts (the table holds no email and no address). Every attempt is charged as a failure before
 * its password is checked, and refunded when the password was right: the charge happens under the
 * row's lock, so parallel attempts on any number of nodes are counted one by one and never more
 * passwords are checked than the limit lets through. A row is forgotten at {@code expiresAt}: a
 * window after the last failure or after the end of its lock.
 */
@Entity
@Table(name = "password_throttle")
public class ThrottleCounter {
  @Id
  @Column(name = "throttle_key", length = 64)
  private String throttleKey;

  @Column(nullable = false)
  private int failures;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected ThrottleCounter() {}

  /** A counter with no failures yet (it is forgotten from the start). */
  ThrottleCounter(String key, Instant now) {
    this.throttleKey = key;
    this.expiresAt = now;
  }

  /** How long the counter stays locked, if it is locked now. */
  Optional<Duration> lockedFor(Instant now) {
    if (forgotten(now) || lockedUntil == null || !now.isBefore(lockedUntil)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, lockedUntil));
  }

  /** One more failure; the one that reaches {@code limit} and every later one lock the counter. */
  void charge(Instant now, int limit, ThrottlePolicy policy) {
    if (forgotten(now)) {
      failures = 0;
      lockedUntil = null;
    }
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    var lock = policy.lock(failures, limit);
    if (!lock.isZero()) {
      lockedUntil = now.plus(lock);
    }
    var quietFrom = lockedUntil != null && lockedUntil.isAfter(now) ? lockedUntil : now;
    expiresAt = quietFrom.plus(policy.window());
  }

  /**
   * Takes back the charge of an attempt whose password was right. Below the limit again, the lock
   * that charge set goes too; at or over it the counter stays locked.
   */
  void refund(int limit) {
    failures = Math.max(0, failures - 1);
    if (failures < limit) {
      lockedUntil = null;
    }
  }

  int failures() {
    return failures;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  private boolean forgotten(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
