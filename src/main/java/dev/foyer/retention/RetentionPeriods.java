package dev.foyer.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long each kind of row is kept, from configuration.
 *
 * @param sessions how long a session row stays after it expired (an ended session expires at its
 *     original time too)
 * @param guestMembers how long after their last sign-in a guest without any session is deleted
 * @param loginRecords how long a login record is kept
 */
public record RetentionPeriods(Duration sessions, Duration guestMembers, Duration loginRecords) {
  public RetentionPeriods {
    notNegative("foyer.retention.sessions", sessions);
    notNegative("foyer.retention.guest-members", guestMembers);
    notNegative("foyer.retention.login-records", loginRecords);
  }

  /** Sessions that expired before this instant are deleted. */
  public Instant sessionsExpiredBefore(Instant now) {
    return now.minus(sessions);
  }

  /** Guests whose last sign-in was before this instant, and who hold no session, are deleted. */
  public Instant guestsLastSignedInBefore(Instant now) {
    return now.minus(guestMembers);
  }

  /** Login records of attempts before this instant are deleted. */
  public Instant loginRecordsBefore(Instant now) {
    return now.minus(loginRecords);
  }

  private static void notNegative(String key, Duration period) {
    Objects.requireNonNull(period, key);
    if (period.isNegative()) {
      throw new IllegalArgumentException(key + " must not be negative: " + period);
    }
  }
}
