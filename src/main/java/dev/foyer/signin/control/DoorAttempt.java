package dev.foyer.signin.control;

import jakarta.servlet.ServletRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * Marks a request as a sign-in attempt through a door (named as login records name it), so that
 * whatever refuses it (a filter, pac4j, a resource) leads to a login record for that door and
 * account.
 *
 * @param startedAt {@link System#nanoTime()} when the door began handling the request: the start of
 *     the sign-in's duration in the metrics
 */
public record DoorAttempt(String door, String account, long startedAt) {
  private static final String ATTRIBUTE = DoorAttempt.class.getName();

  /** An attempt starting now. */
  public DoorAttempt(String door, String account) {
    this(door, account, System.nanoTime());
  }

  /** How long ago the door began handling the request. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedAt);
  }

  public void mark(ServletRequest request) {
    request.setAttribute(ATTRIBUTE, this);
  }

  /** Names the account once the door has read it (from a JSON body, say). */
  public static void account(ServletRequest request, String account) {
    of(request)
        .ifPresent(
            attempt ->
                request.setAttribute(
                    ATTRIBUTE, new DoorAttempt(attempt.door(), account, attempt.startedAt())));
  }

  public static Optional<DoorAttempt> of(ServletRequest request) {
    return request == null
        ? Optional.empty()
        : Optional.ofNullable((DoorAttempt) request.getAttribute(ATTRIBUTE));
  }
}
