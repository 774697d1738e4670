package dev.foyer.jwtsso.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A verified JWT SSO token's claims, checked against seeds 001/003's table.
 *
 * @param signatureDigest SHA-256 (hex) of the signature's decoded bytes: what was verified, not how
 *     it was spelled
 */
public record SsoClaims(
    String signatureDigest,
    String sub,
    String firstName,
    String lastName,
    String email,
    Optional<String> title,
    Optional<String> avatarUrl,
    String lang,
    String timezone,
    Optional<Instant> issuedAt,
    Optional<Instant> expiresAt,
    Optional<String> jwtId,
    List<String> groupsJoin,
    List<String> groupsLeave,
    Map<String, String> customProperties,
    Map<String, String> domainsSet,
    List<String> domainsUnset) {

  /**
   * What makes the token single use inside a space: its {@code jti} when it has one (so a second
   * token with the same id is refused too, RFC 7519 §4.1.7), else its signature. HS256 is
   * deterministic, so the signature stands for exactly this header and payload under the space's
   * key, and only the key's holder can make another. Never the token's text: that is how it was
   * spelled, not what was verified.
   */
  public String singleUseKey(String spaceId) {
    return jwtId
        .map(jti -> "jti:" + spaceId + ":" + jti)
        .orElse("sig:" + spaceId + ":" + signatureDigest);
  }
}
