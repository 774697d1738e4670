package dev.foyer.spaces.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an admin token must be beyond a valid signature, issuer and expiry (which MP-JWT checks):
 * for Foyer ({@code aud}), short-lived ({@code exp - iat} at most {@code maxLifetime}) and not
 * issued in the future beyond the clock skew. MP-JWT's own {@code mp.jwt.verify.token.age} caps
 * only the time since {@code iat}, which a token dated in the future escapes, and Payara accepts
 * any {@code iat} before {@code exp}; so the lifetime and the issue time are checked here, on any
 * server.
 *
 * @param audiences the audiences of {@code mp.jwt.verify.audiences}; a token must name one
 * @param maxLifetime the longest {@code exp - iat} accepted
 * @param clockSkew how far ahead of this server's clock {@code iat} may be
 */
public record AdminTokenPolicy(List<String> audiences, Duration maxLifetime, Duration clockSkew) {

  public AdminTokenPolicy {
    audiences = audiences.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    if (audiences.isEmpty()) {
      throw new IllegalStateException(
          "mp.jwt.verify.audiences must name the audience Foyer's admin tokens carry");
    }
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalStateException("foyer.admin-token.max-lifetime must be positive");
    }
    if (clockSkew.isNegative()) {
      throw new IllegalStateException("mp.jwt.verify.clock.skew must not be negative");
    }
  }

  /**
   * Why a token with these claims is refused at {@code now}, as the caller is told it; empty when
   * it is not.
   */
  public Optional<String> refusal(
      Instant now, Set<String> audience, Long issuedAt, Long expiresAt) {
    if (audience == null || audiences.stream().noneMatch(audience::contains)) {
      return Optional.of("The token is not for Foyer: its aud names none of Foyer's audiences.");
    }
    if (issuedAt == null || expiresAt == null) {
      return Optional.of("The token must carry iat and exp.");
    }
    if (issuedAt > now.plus(clockSkew).getEpochSecond()) {
      return Optional.of("The token is issued in the future (iat after now).");
    }
    if (expiresAt - issuedAt > maxLifetime.getSeconds()) {
      return Optional.of(
          "The token's lifetime (exp - iat) is longer than the %s Foyer accepts."
              .formatted(maxLifetime));
    }
    return Optional.empty();
  }
}
