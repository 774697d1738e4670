package dev.foyer.jwtsso.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A verified JWT SSO token's claims, checked against seeds 001/003's table. */
public record SsoClaims(
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
    List<String> domainsUnset) {}
