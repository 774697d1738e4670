package dev.foyer.problems;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A refusal. The message is the problem's detail: written for the caller, never holding secrets.
 */
public class GatewayProblem extends RuntimeException {
  private final ProblemCode type;
  private final Duration retryAfter;

  public GatewayProblem(ProblemCode type, String detail) {
    this(type, detail, null);
  }

  public GatewayProblem(ProblemCode type) {
    this(type, type.title());
  }

  /**
   * A refusal that ends by itself (a throttle): callers are told when to try again (RFC 9110
   * §10.2.3, {@code Retry-After} in seconds).
   */
  public GatewayProblem(ProblemCode type, String detail, Duration retryAfter) {
    super(detail, null, false, false);
    this.type = type;
    this.retryAfter = retryAfter;
  }

  public ProblemCode type() {
    return type;
  }

  /**
   * RFC 9457 §3.2 extension members, beside {@code code}: values are strings or booleans. A
   * subclass that needs them overrides this (PD: subclass only for extension members).
   */
  public Map<String, Object> extensions() {
    return Map.of();
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** {@code Retry-After}'s value: whole seconds, rounded up, at least 1. */
  public Optional<String> retryAfterSeconds() {
    return retryAfter()
        .map(wait -> Long.toString(Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0))));
  }
}
