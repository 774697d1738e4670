package dev.foyer.signin.control;

import jakarta.servlet.ServletRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * Marks a request as a sign-in attempt through a door (named as login records name it), so that
 * whatever refuses it (a filter, pac4j, a resource) leads to a login record for that door and
 * account, and for the identity provider it was for once the door knows it.
 *
 * @param provider the alias the person's identity is linked under: an identity provider's, or the
 *     door's own ({@code uri-auth}, {@code jwt-sso}, {@code password}); null until the door has
 *     read the request
 * @param startedAt {@link System#nanoTime()} when the door began handling the request: the start of
 *     the sign-in's duration in the metrics
 */
public record DoorAttempt(String door, String account, String provider, long startedAt) {
  private static final String ATTRIBUTE = DoorAttempt.class.getName();

  /** An attempt starting now. */
  public DoorAttempt(String door, String account) {
    this(door, account, null);
  }

  /** An attempt starting now, for an identity provider the door already knows. */
  public DoorAttempt(String door, String account, String provider) {
    this(door, account, provider, System.nanoTime());
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
                    ATTRIBUTE,
                    new DoorAttempt(
                        attempt.door(), account, attempt.provider(), attempt.startedAt())));
  }

  /** Names the identity provider once the door knows it. */
  public static void provider(ServletRequest request, String provider) {
    of(request)
        .ifPresent(
            attempt ->
                request.setAttribute(
                    ATTRIBUTE,
                    new DoorAttempt(
                        attempt.door(), attempt.account(), provider, attempt.startedAt())));
  }

  public static Optional<DoorAttempt> of(ServletRequest request) {
    return request == null
        ? Optional.empty()
        : Optional.ofNullable((DoorAttempt) request.getAttribute(ATTRIBUTE));
  }
}
