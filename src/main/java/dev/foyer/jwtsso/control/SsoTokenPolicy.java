package dev.foyer.jwtsso.control;

import java.time.Duration;
import java.util.Set;

/**
 * What a space accepts. {@code algorithms} is the allow-list; HS256 is the only algorithm the seeds
 * describe and the only one Foyer offers today.
 */
public record SsoTokenPolicy(
    Set<String> algorithms, boolean requireExp, Duration maxLifetime, Duration clockSkew) {
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);
}
