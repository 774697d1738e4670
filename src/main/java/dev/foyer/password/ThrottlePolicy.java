package dev.foyer.password;

import java.time.Duration;

/**
 * How many failed sign-ins an email (in one space) and a client address may have before they are
 * locked, and for how long. Failures are forgotten once a whole window has passed since the last
 * failure, or since the end of the last lock, whichever is later. The failure that reaches the
 * limit locks for {@code backoff}; every further failure (one is let through when a lock ends)
 * doubles the lock, up to {@code maxBackoff}. Values out of range are raised to the smallest
 * sensible ones (a limit of 1, a second), so that a bad setting cannot switch the throttle off.
 *
 * @param emailFailures failures a space and email may have per window
 * @param addressFailures failures a client address may have per window, over every space and email
 */
public record ThrottlePolicy(
    int emailFailures,
    int addressFailures,
    Duration window,
    Duration backoff,
    Duration maxBackoff) {

  private static final Duration SECOND = Duration.ofSeconds(1);

  public ThrottlePolicy {
    emailFailures = Math.max(1, emailFailures);
    addressFailures = Math.max(1, addressFailures);
    window = atLeast(window, SECOND);
    backoff = atLeast(backoff, SECOND);
    maxBackoff = atLeast(maxBackoff, backoff);
  }

  /** How long the {@code failures}-th failure locks a counter whose limit is {@code limit}. */
  public Duration lock(int failures, int limit) {
    if (failures < limit) {
      return Duration.ZERO;
    }
    var lock = backoff;
    for (int doubling = failures - limit; doubling > 0 && lock.compareTo(maxBackoff) < 0; ) {
      lock = lock.multipliedBy(2);
      doubling--;
    }
    return lock.compareTo(maxBackoff) > 0 ? maxBackoff : lock;
  }

  private static Duration atLeast(Duration value, Duration least) {
    return value == null || value.compareTo(least) < 0 ? least : value;
  }
}
