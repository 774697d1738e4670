package dev.foyer.metrics.boundary;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token a Prometheus server scrapes with, in place of an admin JWT (those live two hours at
 * most, a scraper runs for months). Only its SHA-256 is configured ({@code
 * foyer.metrics.token-sha256}); without it the token is off. It travels as {@code Authorization:
 * Metrics <token>}, not as a bearer token: Payara's MP-JWT refuses every request whose bearer token
 * is not a JWT it trusts (401) before Foyer sees it, on every path.
 */
@ApplicationScoped
public class ScrapeToken {
  /** The authorization scheme (RFC 9110 §11.1: compared ignoring case). */
  public static final String SCHEME = "Metrics";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  @Inject
  @ConfigProperty(name = "foyer.metrics.token-sha256")
  Optional<String> setting;

  /** The configured digest; null when the token is off. */
  private byte[] expected;

  @PostConstruct
  void read() {
    expected = setting.map(ScrapeToken::digest).orElse(null);
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Created at start-up: a malformed digest fails the deployment, not the first scrape.
  }

  static byte[] digest(String hex) {
    var trimmed = hex.strip();
    if (!SHA256_HEX.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "foyer.metrics.token-sha256: the SHA-256 of the token as 64 hex digits, e.g. the first"
              + " word of `printf %s \"$TOKEN\" | sha256sum`");
    }
    return HexFormat.of().parseHex(trimmed.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Whether the request carries the scrape token.
   *
   * @return false when the {@code Authorization} header is not of the {@value #SCHEME} scheme (the
   *     caller is then held to the admin API's rules)
   * @throws GatewayProblem {@code GEN401} for a token of that scheme that is not the configured
   *     one, or any when none is configured
   */
  public boolean admits(String authorization) {
    var token = presented(authorization);
    if (token.isEmpty()) {
      return false;
    }
    if (expected == null || !MessageDigest.isEqual(sha256(token.get()), expected)) {
      throw new GatewayProblem(
          ProblemType.UNAUTHORIZED,
          "This is not the metrics scrape token (foyer.metrics.token-sha256), or none is set.");
    }
    return true;
  }

  /** The credentials of a {@value #SCHEME} authorization, if it is one. */
  static Optional<String> presented(String authorization) {
    if (authorization == null
        || authorization.length() < SCHEME.length() + 1
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        || authorization.charAt(SCHEME.length()) != ' ') {
      return Optional.empty();
    }
    return Optional.of(authorization.substring(SCHEME.length() + 1).strip());
  }

  /**
   * Compared as digests: {@link MessageDigest#isEqual} takes the same time wherever they differ,
   * and both are 32 bytes whatever the length of the token sent.
   */
  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
